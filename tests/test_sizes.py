"""The size rule of issue 12: no production module over 300 lines and no function over 60.

Production is `bot/`, `plcbot/` (the composition root), `adapters/`, `storage/` (its Alembic
migrations excepted: each is one upgrade and one downgrade, written once and never edited) and
`benchmarks/`. A module's size is its line count; a function's is from its `def` line
(decorators included) to its last line, nested functions counted on their own as well as
inside their parent. The tests print every
offender with its size, and a self-test runs the rule on a small generated tree so it can fail.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.source_tree import write_tree

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("bot", "plcbot", "adapters", "storage", "benchmarks", "simulation")
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60

# Files another engineer is splitting, excused until that split is merged; empty when none is.
# (The config, the composition root's run_adapters, the declared configuration and the prompt
# library loader were listed here until their splits reached main.) Nothing else is excused.
PENDING_SPLITS: set[str] = set()


def _excepted(relative: Path) -> bool:
    return relative.parts[0] == "storage" and "migrations" in relative.parts


def production_files(root: Path = ROOT) -> list[Path]:
    found: list[Path] = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            if not _excepted(path.relative_to(root)):
                found.append(path)
    return found


def _function_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    return (node.end_lineno or node.lineno) - first + 1


def oversized(root: Path = ROOT) -> list[str]:
    """Each module over MAX_MODULE_LINES and function over MAX_FUNCTION_LINES, with its size."""
    offenders: list[str] = []
    for path in production_files(root):
        name = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            offenders.append(f"{name}: module of {lines} lines (max {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(text, name)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = _function_lines(node)
                if size > MAX_FUNCTION_LINES:
                    offenders.append(
                        f"{name}:{node.lineno}: function {node.name} of {size} lines"
                        f" (max {MAX_FUNCTION_LINES})"
                    )
    return offenders


def _pending(offender: str) -> bool:
    return offender.split(":", 1)[0] in PENDING_SPLITS


def test_no_production_module_over_300_lines_or_function_over_60() -> None:
    offenders = [o for o in oversized() if not _pending(o)]
    assert not offenders, "too big:\n" + "\n".join(offenders)
    assert len(production_files()) > 50  # the scan did read the code


def test_every_pending_split_names_a_file_that_exists() -> None:
    assert {p for p in PENDING_SPLITS if not (ROOT / p).is_file()} == set()


def test_the_rule_names_each_long_module_and_function_with_its_size(tmp_path: Path) -> None:
    long_body = "".join(f"    x{n} = {n}\n" for n in range(60))
    write_tree(
        tmp_path,
        {
            "bot/big.py": "x = 1\n" * 301,
            "bot/ok.py": "x = 1\n" * 300,
            "adapters/slack/handlers.py": (
                "class A:\n    @staticmethod\n    async def handle():\n"
                + long_body.replace("    ", "        ")
            ),
            "storage/repo.py": "def fits():\n" + long_body[: -len("    x59 = 59\n")],
            "storage/migrations/versions/0001.py": "def upgrade():\n" + long_body * 2,
            "benchmarks/report.py": (
                "def outer():\n    def inner():\n" + long_body.replace("    ", "        ") * 2
            ),
        },
    )
    assert oversized(tmp_path) == [
        "bot/big.py: module of 301 lines (max 300)",
        "adapters/slack/handlers.py:3: function handle of 62 lines (max 60)",
        "benchmarks/report.py:1: function outer of 122 lines (max 60)",
        "benchmarks/report.py:2: function inner of 121 lines (max 60)",
    ]
