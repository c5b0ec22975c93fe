import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.config import ConfigError
from plcbot.registry import load_config, parse_config

ROOT = Path(__file__).resolve().parents[2]


def test_the_example_config_is_valid_and_secrets_come_from_the_environment() -> None:
    config = load_config(
        ROOT / "config.example.toml", env={"DATABASE_URL": "postgresql+asyncpg://u@h/db"}
    )
    assert config.default_timezone == "America/Chicago"
    assert config.database_url == "postgresql+asyncpg://u@h/db"
    assert config.scheduler.misfire_grace_minutes == 60


def test_the_scheduler_runs_in_a_process_of_its_own_unless_told_inline() -> None:
    assert load_config(None, env={}).scheduler.process is None  # separate on PostgreSQL
    inline = parse_config({"scheduler": {"process": "inline"}}, {})
    assert inline.scheduler.process == "inline"


def test_no_file_means_the_embedded_default() -> None:
    config = load_config(None, env={})
    assert config.database_url is None and config.sqlite_path.name == "plcbot.sqlite3"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"bot": {"default_timezone": "Mars/Base"}},
            "[bot] default_timezone: “Mars/Base” is not a time zone I know",
        ),
        (
            {"scheduler": {"poll_seconds": 0}},
            "[scheduler] poll_seconds: must be a number of seconds from 1 to 3600",
        ),
        (
            {"scheduler": {"process": "thread"}},
            "[scheduler] process: must be one of inline, separate, not 'thread'",
        ),
        ({"slack": {"token": "x"}}, "[slack] token: unknown key"),
        (
            {"discord": {"shard_count": 2, "shard_ids": [2]}},
            "[discord] shard_ids: every id must be below shard_count (2)",
        ),
        (
            {"database": {"url": "mysql://x"}},
            "must start with sqlite+aiosqlite:// or postgresql+asyncpg://",
        ),
        ({"nonsense": {}}, "[nonsense]: unknown section"),
        ({"schedular": {}}, "[schedular]: unknown section (did you mean scheduler?)"),
        (
            {"scheduler": {"enable": True}},
            "[scheduler] enable: unknown key (did you mean enabled?)",
        ),
        ({"slack": {"prot": 3000}}, "[slack] prot: unknown key (did you mean port?)"),
        (
            {"bot": {"colour": "red"}},
            "[bot] colour: unknown key (known: data_dir, default_language",
        ),
        ({"scheduler": {"enabled": "false"}}, "[scheduler] enabled: must be true or false"),
        (
            {"bot": {"default_language": "xx"}},
            "[bot] default_language: must be one of en, es, not 'xx'",
        ),
        (
            {"slack": {"channel_posts_per_second": "fast"}},
            "[slack] channel_posts_per_second: must be a number above 0",
        ),
        ({"slack": {"channel_posts_per_second": -1}}, "[slack] channel_posts_per_second"),
        ({"discord": {"dev_guild_id": "abc"}}, "[discord] dev_guild_id: must be a whole number"),
    ],
)
def test_a_config_error_names_the_key_and_what_is_wrong(raw: dict, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(raw, {})
    assert message in str(error.value)


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "c.toml"
    bad.write_text("[bot\n")
    with pytest.raises(ConfigError, match=r"c\.toml: line 1, column 5: not valid TOML: Expected"):
        load_config(bad, env={})


def test_scheduler_enabled_false_in_quotes_is_refused_not_taken_as_on() -> None:
    with pytest.raises(
        ConfigError, match=r"enabled: must be true or false \(lower case, no quotes\)"
    ):
        parse_config({"scheduler": {"enabled": "false"}}, {})
    assert parse_config({"scheduler": {"enabled": False}}, {}).scheduler.enabled is False


# A wrong value of the right type for every key the example config has (set or commented out).
WRONG_VALUES: dict[str, Any] = {
    "bot.data_dir": "  ",
    "bot.default_timezone": "Mars/Base",
    "bot.default_language": "xx",
    "bot.log_level": "LOUD",
    "bot.retention_days": 0,
    "bot.removal_grace_days": -1,
    "database.url": "mysql://plcbot@db/plcbot",
    "slack.port": 70000,
    "slack.path_prefix": "",
    "slack.channel_posts_per_second": -1.0,
    "slack.http_processes": 0,
    "discord.dev_guild_id": -5,
    "discord.shard_count": 0,
    "discord.shard_ids": [-1],
    "scheduler.enabled": "false",
    "scheduler.misfire_grace_minutes": 5000,
    "scheduler.poll_seconds": 0,
    "scheduler.drain_seconds": 0,
    "scheduler.process": "thread",
    "operations.enabled": "yes",
    "operations.address": " ",
    "operations.port": 70000,
    "logging.format": "xml",
    "web.enabled": "yes",
    "web.address": " ",
    "web.port": 70000,
    "web.public_url": "plc.example.org",
    "credentials.folder": "  ",
}


def _example_keys() -> dict[str, Any]:
    """`section.key` -> its example value, for every key of the example's plain sections,
    including those commented out (`# key = value`); `[[community]]` has its own tests."""
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    keys: dict[str, Any] = {}
    section = ""
    for line in text.splitlines():
        if m := re.fullmatch(r"\[(\w+)\]\s*(#.*)?", line):
            section = m.group(1)
        elif line.startswith("# [[") or line.startswith("[["):
            section = ""
        elif section and (m := re.fullmatch(r"#?\s*(\w+\s*=\s*[^#]*?)\s*(#.*)?", line)):
            try:
                keys.update({f"{section}.{k}": v for k, v in tomllib.loads(m.group(1)).items()})
            except tomllib.TOMLDecodeError:
                continue  # a comment in prose
    return keys


def _wrong_type(example: Any) -> Any:
    return 12 if isinstance(example, str) else "x"


def test_every_key_of_the_example_has_a_wrong_value_case() -> None:
    keys = _example_keys()
    assert len(keys) >= 15, keys
    assert set(keys) == set(WRONG_VALUES), "add each new key of the example to WRONG_VALUES"


@pytest.mark.parametrize("dotted", sorted(WRONG_VALUES))
@pytest.mark.parametrize("kind", ["wrong type", "wrong value"])
def test_every_key_of_the_example_refuses_a_wrong_type_and_value_naming_the_key(
    dotted: str, kind: str
) -> None:
    section, key = dotted.split(".")
    example = _example_keys()[dotted]
    value = _wrong_type(example) if kind == "wrong type" else WRONG_VALUES[dotted]
    with pytest.raises(ConfigError) as error:
        parse_config({section: {key: value}}, {})
    message = str(error.value)
    assert message.startswith(f"[{section}] {key}: "), message
    # what to write instead: the value rule, or the one zone rule's own words (bot/rules/zones)
    assert re.search(r"must be|must start with|Use an IANA name", message), message
