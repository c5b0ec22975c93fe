"""A language folder that holds only its UI catalog (or the catalog's parts, while engineers
write them) is no prompt library: the libraries load without it, and a person may still choose
the language once its catalog is compiled."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.library_loader import load_libraries

EN = Path(__file__).resolve().parents[2] / "prompts" / "en"


def test_a_folder_with_only_a_catalog_is_not_a_prompt_library(tmp_path: Path) -> None:
    shutil.copytree(EN, tmp_path / "en")
    (tmp_path / "es" / "parts").mkdir(parents=True)
    (tmp_path / "es" / "parts" / "lang.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    (tmp_path / "es" / "plcbot.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    assert load_libraries(tmp_path).languages == ("en",)
