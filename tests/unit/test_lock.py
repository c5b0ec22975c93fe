"""The lock (requirements/*.txt, made by `make lock`) agrees with pyproject.toml: every
dependency is pinned to a version its range allows, with hashes, nothing is pinned for a
dependency pyproject no longer has, and the runtime lock has the development lock's versions."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
DEV_LOCK = ROOT / "requirements" / "dev.txt"
RUNTIME_LOCK = ROOT / "requirements" / "runtime.txt"
# name==version, then the environment marker pip-compile copies from pyproject.toml if any
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ \\]+)(?: ; [^\\\n]+)? \\$", re.MULTILINE)


def declared(*, dev: bool) -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    if dev:
        lines += project["optional-dependencies"]["dev"]
    return {canonicalize_name(r.name): r for r in map(Requirement, lines)}


def pins(lock: Path) -> dict[str, str]:
    return {canonicalize_name(n): v for n, v in PIN.findall(lock.read_text(encoding="utf-8"))}


def direct(lock: Path) -> set[str]:
    """What the lock says it pinned for pyproject.toml itself (pip-compile's `# via` notes)."""
    found: set[str] = set()
    for block in re.split(r"\n(?=[A-Za-z0-9])", lock.read_text(encoding="utf-8")):
        if m := PIN.match(block):
            if re.search(r"#\s+(via\s+)?plcbot \(pyproject\.toml\)", block):
                found.add(canonicalize_name(m.group(1)))
    return found


@pytest.mark.parametrize(("lock", "dev"), [(DEV_LOCK, True), (RUNTIME_LOCK, False)])
def test_every_dependency_is_pinned_within_its_range(lock: Path, dev: bool) -> None:
    pinned = pins(lock)
    for name, requirement in declared(dev=dev).items():
        assert name in pinned, f"{name} is in pyproject.toml but not in {lock.name}: make lock"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{lock.name} pins {name}=={pinned[name]}, outside pyproject's "
            f"{requirement.specifier}: make lock"
        )


@pytest.mark.parametrize(("lock", "dev"), [(DEV_LOCK, True), (RUNTIME_LOCK, False)])
def test_the_lock_pins_no_dependency_pyproject_dropped(lock: Path, dev: bool) -> None:
    assert direct(lock) == set(declared(dev=dev)), f"{lock.name} is stale: make lock"


def test_every_pin_has_hashes_and_runtime_has_the_dev_versions() -> None:
    for lock in (DEV_LOCK, RUNTIME_LOCK):
        text = lock.read_text(encoding="utf-8")
        assert text.count("==") == len(pins(lock)) > 0
        hashed = re.findall(r"==[^ ]+(?: ; [^\\\n]+)? \\\n\s+--hash=sha256:", text)
        assert len(hashed) == len(pins(lock))
    dev, runtime = pins(DEV_LOCK), pins(RUNTIME_LOCK)
    assert {n: dev.get(n) for n in runtime} == runtime
