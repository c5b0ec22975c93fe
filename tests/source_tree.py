"""A small source tree written for a test of a rule about the code (imports, sizes), so the
rule can be seen to fail on code shaped like the code it forbids."""

from __future__ import annotations

from pathlib import Path


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
