"""DATA-PRIVACY.md names the test behind each statement: every test it names exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
CITED = re.compile(r"`([\w/]+\.py)::(test_\w+)`")


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
    }


def test_every_test_the_privacy_document_cites_exists() -> None:
    cited = CITED.findall((ROOT / "DATA-PRIVACY.md").read_text())
    assert len(cited) >= 20
    missing = [
        f"{file}::{name}"
        for file, name in cited
        if not (ROOT / "tests" / file).exists() or name not in _tests_in(ROOT / "tests" / file)
    ]
    assert missing == []
