"""One TOML reader: the prompt library, the config file and its declared communities report
a broken file, an unknown key and a wrong value in the same wording — the file, then the line
(for broken TOML) or the key path, then what is wrong."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import prompts
from bot.config import ConfigError
from bot.library_loader import LibraryError, load_library
from plcbot.registry import load_config

PROMPTS_DIR = Path(prompts.__file__).parent
BROKEN = 'a = 1\nb = "two"\n[unclosed\n'
# <file>: line <n>, column <c>: not valid TOML: <the parser's words>
BROKEN_WORDING = (
    r": line 3, column 10: not valid TOML: Expected '\]' at the end of a table declaration$"
)


def _library(tmp_path: Path) -> Path:
    target = tmp_path / "en"
    shutil.copytree(PROMPTS_DIR / "en", target)
    return target


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plcbot.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _library_error(tmp_path: Path, filename: str, text: str) -> str:
    folder = _library(tmp_path)
    (folder / filename).write_text(text, encoding="utf-8")
    with pytest.raises(LibraryError) as error:
        load_library(folder, "en")
    return str(error.value)


def _config_error(tmp_path: Path, text: str) -> str:
    path = _config(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_config(path, env={})
    return str(error.value)


def test_a_broken_file_is_named_with_its_line_in_the_same_words_everywhere(
    tmp_path: Path,
) -> None:
    library = _library_error(tmp_path / "lib", "norms.toml", BROKEN)
    config = _config_error(tmp_path, BROKEN)
    declared = _config_error(tmp_path, '[[community]]\nid = "slack:T1"\n[unclosed\n')
    assert re.fullmatch(
        re.escape(str(tmp_path / "lib" / "en" / "norms.toml")) + BROKEN_WORDING, library
    )
    for said in (config, declared):
        assert re.fullmatch(re.escape(str(tmp_path / "plcbot.toml")) + BROKEN_WORDING, said)


def test_an_unknown_key_is_named_by_its_key_path_in_the_same_words(tmp_path: Path) -> None:
    library = _library_error(
        tmp_path / "lib", "norms.toml", 'norms = ["Stay present"]\nnorm = "typo"\n'
    )
    declared = _config_error(
        tmp_path, '[[community]]\nid = "slack:T1"\n[[community.team]]\nchanel = "C1"\n'
    )
    assert library.endswith(
        "norms.toml: norm: unknown key 'norm'; did you mean 'norms'? (expected: norms)"
    )
    assert declared == (
        f"{tmp_path / 'plcbot.toml'}: community[0].team[0].chanel: unknown key 'chanel'; "
        "did you mean 'channel'? (expected: channel, name, timezone, schedule, calendar, archived)"
    )


def test_a_value_of_the_wrong_type_is_described_in_the_same_words(tmp_path: Path) -> None:
    library = _library_error(tmp_path / "lib", "norms.toml", "norms = [3]\n")
    declared = _config_error(
        tmp_path,
        '[[community]]\nid = "slack:T1"\n[[community.team]]\nchannel = "C1"\nname = 3\n',
    )
    assert library.endswith("norms.toml: norms[0]: expected a string, got an integer (3)")
    assert declared.endswith(
        "plcbot.toml: community[0].team[0].name: expected a string, got an integer (3)"
    )
