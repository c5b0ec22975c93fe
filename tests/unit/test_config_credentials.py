"""`[credentials] folder`: a district's own micro-credentials, read beside the shipped ones by
the bot `plcbot run` builds; a broken file stops the start with the file and key named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import prompts
from bot.config import ConfigError
from bot.domain import CommunityRef
from bot.usecases.context import Actor
from plcbot.app import build_bot
from plcbot.registry import load_config
from tests.fakes import FakeChat, FakeStore
from tests.harness import reply_text

SHIPPED = Path(prompts.__file__).parent / "en" / "credentials"


def district_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "credentials"
    folder.mkdir()
    text = (SHIPPED / "inquiry-cycle.toml").read_text(encoding="utf-8")
    text = text.replace('id = "inquiry-cycle"', 'id = "district-coaching"', 1)
    text = text.replace("Leading a collaborative inquiry cycle", "Coaching a colleague", 1)
    (folder / "coaching.toml").write_text(text, encoding="utf-8")
    return folder


async def test_a_district_s_folder_adds_its_micro_credentials(tmp_path: Path) -> None:
    district_folder(tmp_path)
    config_file = tmp_path / "plcbot.toml"
    config_file.write_text('[credentials]\nfolder = "credentials"\n', encoding="utf-8")
    config = load_config(config_file, env={})
    assert config.credentials_folder == tmp_path / "credentials"
    bot = build_bot(config, uow=FakeStore().uow, chat=FakeChat(), throttled=False)
    out = await bot.command(Actor(CommunityRef("console", "T1"), "tia"), "/plc credential list")
    assert "district-coaching — Coaching a colleague" in reply_text(out)
    assert "formative-data" in reply_text(out)


def test_without_the_section_only_the_shipped_ones_are_offered() -> None:
    assert load_config(None, env={}).credentials_folder is None


def test_a_broken_district_file_is_named_at_start(tmp_path: Path) -> None:
    folder = district_folder(tmp_path)
    shutil.copy(folder / "coaching.toml", folder / "again.toml")
    config_file = tmp_path / "plcbot.toml"
    config_file.write_text('[credentials]\nfolder = "credentials"\n', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"\[credentials\] folder: .*coaching\.toml: id: duplicate"
    ):
        load_config(config_file, env={})


def test_an_unknown_key_is_named(tmp_path: Path) -> None:
    config_file = tmp_path / "plcbot.toml"
    config_file.write_text('[credentials]\nfolders = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="folders"):
        load_config(config_file, env={})
