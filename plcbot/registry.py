"""The platform registry (part of the composition root): every platform plcbot can run, by
name. Adding a platform is one line here (see adapters/README.md); nothing else in the
composition root knows one platform from another."""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from pathlib import Path

from bot.config import Config, SectionReaders
from bot.config import load_config as load_core_config
from bot.config import parse_config as parse_core_config
from bot.platform import Platform

# name -> the module that exposes its `PLATFORM` (imported only when needed: a process that
# runs only Slack never imports discord.py)
PLATFORMS: dict[str, str] = {
    "slack": "adapters.slack.platform",
    "discord": "adapters.discord.platform",
}


def platform(name: str) -> Platform:
    found: Platform = importlib.import_module(PLATFORMS[name]).PLATFORM
    assert found.name == name, f"{PLATFORMS[name]} registers {found.name!r}, not {name!r}"
    return found


# communities a `[[community]]` table may name besides the registry's platforms: the console
# (plcbot console, no registry entry: it is not run by `plcbot run`)
BUILT_IN = ("console",)


def community_platforms() -> tuple[str, ...]:
    """The platforms a declared community id may start with (`slack:T0123`)."""
    return (*PLATFORMS, *BUILT_IN)


def noisy_loggers() -> tuple[str, ...]:
    """Every platform's SDK loggers that would log request bodies at DEBUG."""
    return tuple(logger for name in PLATFORMS for logger in platform(name).noisy_loggers)


def environment_help() -> str:
    """Each platform's environment variables, one line each, for `plcbot run --help`."""
    rows = [row for name in PLATFORMS for row in platform(name).environment]
    return "\n".join(f"  {variable:<38}  {what}" for variable, what in rows)


def section_readers() -> SectionReaders:
    return {name: platform(name).read_section for name in PLATFORMS}


def platform_credentials(env: Mapping[str, str] | None = None) -> dict[str, bool]:
    """Which platforms have their credentials in the environment (those run)."""
    env = dict(os.environ) if env is None else env
    return {name: platform(name).has_credentials(env) for name in PLATFORMS}


def missing_credentials(env: Mapping[str, str] | None = None) -> list[str]:
    """For each platform with some of its variables set but not all: what is missing."""
    env = dict(os.environ) if env is None else env
    found = (platform(name).missing_credentials(env) for name in PLATFORMS)
    return [problem for problem in found if problem is not None]


def credentials_help() -> str:
    return "\n".join(f"  {name}: {platform(name).credentials}" for name in PLATFORMS)


def load_config(path: Path | None, env: Mapping[str, str] | None = None) -> Config:
    """The config file, every platform's section read by its own adapter."""
    return load_core_config(
        path, env, platforms=section_readers(), community_platforms=community_platforms()
    )


def parse_config(
    raw: Mapping[str, object], env: Mapping[str, str], source: Path | None = None
) -> Config:
    return parse_core_config(
        raw, env, source, platforms=section_readers(), community_platforms=community_platforms()
    )
