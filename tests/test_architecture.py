"""The dependency rule of DESIGN.md, checked on the source: the core stays platform-free, no
adapter touches the database, and Alembic alone builds the schema.

Imports are read from the syntax tree, wherever they stand (inside functions too): absolute,
relative (resolved against the file's package), and `importlib.import_module("...")` /
`__import__("...")` with a literal name. Each rule is a function of a source tree, so the
tests below also run it on a small tree shaped like the code before storage owned the Slack
tables, and see it fail there."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.source_tree import write_tree

ROOT = Path(__file__).resolve().parent.parent
COMPOSITION_ROOT = "plcbot"  # the only package that imports core, storage and adapters together
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
    "prometheus_client",  # the core reports through bot/observe.py's Metrics port
}
SCHEMA_MAKERS = {"create_all", "create_tables"}  # Alembic is the only schema authority
Offences = dict[str, list[str]]


def _package(path: Path, root: Path) -> list[str]:
    return list(path.relative_to(root).parent.parts)


def _from_module(node: ast.ImportFrom, path: Path, root: Path) -> list[str]:
    if node.level == 0:
        return [node.module] if node.module else []
    package = _package(path, root)
    base = package[: len(package) - (node.level - 1)]
    if node.module:
        return [".".join([*base, node.module])]
    return [".".join([*base, alias.name]) for alias in node.names]


def _dynamic(node: ast.Call) -> str | None:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name not in ("import_module", "__import__") or not node.args:
        return None
    first = node.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            modules.update(_from_module(node, path, root))
        elif isinstance(node, ast.Call) and (found := _dynamic(node)):
            modules.add(found)
    return modules


def imported_roots(path: Path, root: Path = ROOT) -> set[str]:
    return {m.split(".")[0] for m in imported_modules(path, root)}


def sources(folder: str, root: Path = ROOT) -> list[Path]:
    return sorted((root / folder).rglob("*.py"))


def rel(path: Path, root: Path = ROOT) -> str:
    return path.relative_to(root).as_posix()


def _only(offences: Offences) -> Offences:
    return {k: v for k, v in offences.items() if v}


def core_offences(root: Path = ROOT) -> Offences:
    """The core imports no SDK, no adapter, no storage and not the composition root."""
    forbidden = SDKS | {"adapters", "storage", COMPOSITION_ROOT}
    return _only(
        {rel(p, root): sorted(imported_roots(p, root) & forbidden) for p in sources("bot", root)}
    )


def root_offences(root: Path = ROOT) -> Offences:
    """Nothing but the program itself (and tests) imports the composition root."""
    return _only(
        {
            rel(p, root): sorted(imported_roots(p, root) & {COMPOSITION_ROOT})
            for folder in ("bot", "adapters", "storage")
            for p in sources(folder, root)
        }
    )


def _adapter_offence(module: str, siblings: set[str]) -> bool:
    parts = module.split(".")
    return (
        "sqlalchemy" in parts  # sqlalchemy itself, and slack_sdk's ...sqlalchemy stores
        or parts[0] == "storage"
        or any(module == s or module.startswith(s + ".") for s in siblings)
    )


def adapter_offences(root: Path = ROOT) -> Offences:
    """An adapter imports the core and its own SDK: never SQLAlchemy, storage or a sibling."""
    adapters = [p for p in (root / "adapters").iterdir() if p.is_dir() and p.name[0] != "_"]
    offences: Offences = {}
    for adapter in adapters:
        # the platform kit is shared by every adapter, and is nobody's sibling
        siblings = {f"adapters.{a.name}" for a in adapters if a != adapter and a.name != "kit"}
        for path in sorted(adapter.rglob("*.py")):
            found = imported_modules(path, root)
            offences[rel(path, root)] = sorted(m for m in found if _adapter_offence(m, siblings))
    return _only(offences)


def schema_offences(root: Path = ROOT) -> Offences:
    """Only migrations make tables: no `create_all()` or `create_tables()` anywhere else."""
    offences: Offences = {}
    for folder in ("bot", "adapters", "storage", COMPOSITION_ROOT):
        for path in sources(folder, root):
            if "migrations" in path.relative_to(root).parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            offences[rel(path, root)] = sorted(
                {
                    n.attr if isinstance(n, ast.Attribute) else n.id
                    for n in ast.walk(tree)
                    if isinstance(n, ast.Attribute | ast.Name)
                    and (n.attr if isinstance(n, ast.Attribute) else n.id) in SCHEMA_MAKERS
                }
            )
    return _only(offences)


def test_the_core_imports_no_sdk_no_sqlalchemy_no_adapter_and_no_storage() -> None:
    assert core_offences() == {}
    assert len(sources("bot")) > 10  # the scan did read the core


def test_storage_never_imports_an_adapter_or_a_platform_sdk() -> None:
    offenders = {
        rel(p): sorted(imported_roots(p) & {"adapters", "slack_bolt", "discord", "apscheduler"})
        for p in sources("storage")
    }
    assert _only(offenders) == {}


def test_no_adapter_imports_sqlalchemy_storage_or_a_sibling_adapter() -> None:
    assert adapter_offences() == {}
    assert len(sources("adapters")) > 10  # the scan did read the adapters


def test_only_migrations_make_tables() -> None:
    assert schema_offences() == {}


def test_the_rules_fail_on_code_shaped_like_the_slack_tables_behind_storages_back(
    tmp_path: Path,
) -> None:
    """adapters/slack/tokens.py and runner.py as they were before storage owned the tables."""
    old = write_tree(
        tmp_path,
        {
            "bot/service.py": "from bot.ports import Chat\n",
            "adapters/slack/tokens.py": (
                "from slack_sdk.oauth.installation_store.sqlalchemy import (\n"
                "    AsyncSQLAlchemyInstallationStore,\n)\n"
                "from sqlalchemy import MetaData, Table, Text\n"
                "from sqlalchemy.ext.asyncio import AsyncEngine\n"
                "async def create_tables(installations, states):\n"
                "    await installations.inner.create_tables()\n"
            ),
            "adapters/slack/runner.py": (
                "from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore\n"
                "from adapters.slack.tokens import create_tables\n"
                "async def serve(stores):\n    await create_tables(*stores)\n"
            ),
            "adapters/console/repl.py": "from bot.service import PlcBot\n",
            "storage/tables.py": "from sqlalchemy import MetaData\n",
        },
    )
    assert adapter_offences(old) == {
        "adapters/slack/tokens.py": [
            "slack_sdk.oauth.installation_store.sqlalchemy",
            "sqlalchemy",
            "sqlalchemy.ext.asyncio",
        ],
        "adapters/slack/runner.py": ["slack_sdk.oauth.state_store.sqlalchemy"],
    }
    assert schema_offences(old) == {
        "adapters/slack/tokens.py": ["create_tables"],
        "adapters/slack/runner.py": ["create_tables"],
    }


def test_the_core_rule_sees_relative_deferred_and_dynamic_imports_of_storage_or_adapters(
    tmp_path: Path,
) -> None:
    tree = write_tree(
        tmp_path,
        {
            "bot/usecases/a.py": "from ...storage import engine\n",
            "bot/b.py": "def later():\n    from adapters.slack import runner\n",
            "bot/c.py": "import importlib\nmod = importlib.import_module('storage.uow')\n",
            "bot/d.py": "from . import ports\nfrom .usecases import a\n",
            "bot/app.py": "from storage.uow import SqlUnitOfWorkFactory\n",  # no longer excused
            "bot/e.py": "from plcbot.app import build_bot\n",
            "plcbot/app.py": "from storage.uow import SqlUnitOfWorkFactory\n",  # the root may
            "adapters/x.py": "from plcbot import registry\n",
        },
    )
    assert core_offences(tree) == {
        "bot/usecases/a.py": ["storage"],
        "bot/b.py": ["adapters"],
        "bot/c.py": ["storage"],
        "bot/app.py": ["storage"],
        "bot/e.py": ["plcbot"],
    }
    assert root_offences(tree) == {"adapters/x.py": ["plcbot"], "bot/e.py": ["plcbot"]}


def test_no_core_adapter_or_storage_module_imports_the_composition_root() -> None:
    assert root_offences() == {}


def test_the_checker_would_notice_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy.orm\nfrom slack_bolt import App\n")
    assert imported_roots(bad, tmp_path) == {"sqlalchemy", "slack_bolt"}


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
    # aiohttp is the HTTP server every adapter serves on (the kit's /healthz), not a platform
    platform_sdks = SDKS - {"aiohttp"}
    offenders = {
        rel(p): sorted(imported_roots(p) & platform_sdks) + sorted(_adapter_modules(p))
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
    }
    assert {k: v for k, v in named.items() if v} == {}


def offences_against_tests(root: Path = ROOT) -> Offences:
    """The benchmarks and the shared platform fakes import nothing from `tests`: what they share
    with the tests lives in `platform_fakes`, which both import."""
    return _only(
        {
            rel(p, root): sorted(m for m in imported_modules(p, root) if m.split(".")[0] == "tests")
            for folder in ("benchmarks", "platform_fakes", "simulation")
            for p in sources(folder, root)
        }
    )


def test_benchmarks_and_platform_fakes_import_nothing_from_tests() -> None:
    assert offences_against_tests() == {}
    assert len(sources("benchmarks")) > 5 and len(sources("platform_fakes")) > 2


def test_the_tests_rule_fails_on_a_benchmark_that_imports_a_test_fake(tmp_path: Path) -> None:
    """benchmarks/fakeslack.py as it was, importing the fake Slack from the tests."""
    old = write_tree(
        tmp_path,
        {
            "benchmarks/fakeslack.py": (
                "from tests.slack.fake_slack import FakeSlack\n"
                "from tests.slack.fake_webapi import Call, Workspace\n"
            ),
            "benchmarks/report.py": "def later():\n    import tests.harness\n",
            "platform_fakes/slack/fake_slack.py": "from platform_fakes.slack import fake_webapi\n",
        },
    )
    assert offences_against_tests(old) == {
        "benchmarks/fakeslack.py": ["tests.slack.fake_slack", "tests.slack.fake_webapi"],
        "benchmarks/report.py": ["tests.harness"],
    }
