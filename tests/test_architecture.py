"""The dependency rule of DESIGN.md, checked on the source: the core stays platform-free."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPOSITION_ROOTS = {"bot/app.py", "bot/__main__.py", "bot/registry.py"}
KIT = ROOT / "adapters" / "kit"
SDKS = {
    "slack_bolt",
    "slack_sdk",
    "discord",
    "apscheduler",
    "sqlalchemy",
    "alembic",
    "aiohttp",
    "asyncpg",
    "aiosqlite",
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_core_imports_no_sdk_no_sqlalchemy_no_adapter_and_no_storage() -> None:
    offenders = {
        rel(p): sorted(imported_roots(p) & (SDKS | {"adapters", "storage"}))
        for p in sources("bot")
        if rel(p) not in COMPOSITION_ROOTS
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(offenders) > 10  # the scan did read the core


def test_storage_never_imports_an_adapter_or_a_platform_sdk() -> None:
    offenders = {
        rel(p): sorted(imported_roots(p) & {"adapters", "slack_bolt", "discord", "apscheduler"})
        for p in sources("storage")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_each_adapter_imports_the_core_and_its_own_sdk_only() -> None:
    adapters = [
        p for p in (ROOT / "adapters").iterdir() if p.is_dir() and not p.name.startswith("_")
    ]
    assert adapters
    for adapter in adapters:
        # the platform kit is shared by every adapter, and is nobody's sibling
        siblings = {f"adapters.{a.name}" for a in adapters if a not in (adapter, KIT)}
        for path in adapter.rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            modules = {
                n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module
            }
            modules |= {
                a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
            }
            assert not any(m == "storage" or m.startswith("storage.") for m in modules), rel(path)
            assert not any(m.startswith(s) for m in modules for s in siblings), rel(path)


def test_the_checker_would_notice_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy.orm\nfrom slack_bolt import App\n")
    assert imported_roots(bad) == {"sqlalchemy", "slack_bolt"}


def core_modules_imported(path: Path) -> set[str]:
    """The `bot` modules a file imports (at any depth: local imports count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    found |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return {m for m in found if m == "bot" or m.startswith("bot.")}


def test_adapters_reach_the_core_only_through_its_public_module_bot_api() -> None:
    offenders = {
        rel(p): sorted(core_modules_imported(p) - {"bot.api"}) for p in sources("adapters")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert any(core_modules_imported(p) == {"bot.api"} for p in sources("adapters"))


def test_the_public_module_check_would_notice_an_internal_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from bot.api import Actor\nfrom bot.service import PlcBot\n")
    assert core_modules_imported(bad) - {"bot.api"} == {"bot.service"}


def test_the_platform_kit_imports_no_platform_sdk_and_no_adapter() -> None:
    offenders = {
        rel(p): sorted(imported_roots(p) & SDKS) + sorted(_adapter_modules(p))
        for p in sources("adapters/kit")
    }
    assert offenders and {k: v for k, v in offenders.items() if v} == {}


def _adapter_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    return {m for m in found if m.startswith("adapters.") and not m.startswith("adapters.kit")}


def test_only_the_composition_root_names_adapter_modules_even_for_a_dynamic_import() -> None:
    """`importlib.import_module("adapters.x")` escapes the import scan: no module name of an
    adapter or of storage may appear in the core outside the composition root."""
    named = {
        rel(p): sorted(
            n.value
            for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
            if isinstance(n, ast.Constant)
            and isinstance(n.value, str)
            and n.value.startswith(("adapters.", "storage."))
        )
        for p in sources("bot")
        if rel(p) not in COMPOSITION_ROOTS
    }
    assert {k: v for k, v in named.items() if v} == {}
