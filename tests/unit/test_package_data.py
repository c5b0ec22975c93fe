"""The built package carries what the web panel and the demo read from disk at run time: every
template and static file under adapters/web, and every demo script under
adapters/console/walkthroughs, is matched by pyproject's package-data (a file a pattern misses,
say a vendored script, would be left out of the wheel and the installed panel would fail)."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ_AT_RUN_TIME = [
    "adapters/web/templates",
    "adapters/web/static",
    "adapters/console/walkthroughs",
]


def test_every_template_and_static_file_of_the_panel_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["adapters"]
    files = [p for folder in READ_AT_RUN_TIME for p in (ROOT / folder).rglob("*") if p.is_file()]
    assert files
    for path in files:
        inside = path.relative_to(ROOT / "adapters").as_posix()
        assert any(fnmatch(inside, pattern) for pattern in patterns), inside
