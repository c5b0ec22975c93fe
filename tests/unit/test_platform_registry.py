"""The platform registry: the composition root finds platforms by name, each platform reads
and checks its own config section, and the core's config knows none of them."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from types import ModuleType, SimpleNamespace

import pytest

from bot import config as core
from bot.config import ConfigError
from bot.platform import Health, Platform
from plcbot.cli import main
from plcbot.logs import configure_logging
from plcbot.registry import PLATFORMS, parse_config, platform, platform_credentials


def test_the_core_config_knows_no_platform_and_refuses_their_sections_alone() -> None:
    with pytest.raises(ConfigError, match=r"\[slack\]: unknown section"):
        core.parse_config({"slack": {"port": 3000}}, {})


def test_each_platform_reads_its_own_section_through_the_registry() -> None:
    config = parse_config({"slack": {"port": 8080}, "discord": {"shard_count": 2}}, {})
    assert config.platforms["slack"].port == 8080  # type: ignore[attr-defined]
    assert config.platforms["discord"].shard_count == 2  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"slack": {"port": "web"}}, "[slack] port: must be a whole number"),
        ({"slack": {"channel_posts_per_second": 0}}, "[slack] channel_posts_per_second"),
        ({"discord": {"dev_guild_id": "abc"}}, "[discord] dev_guild_id: must be a whole number"),
        ({"discord": {"token": "x"}}, "[discord] token: unknown key"),
        (
            {"teams": {}},
            "[teams]: unknown section (known: bot, community, credentials, database, discord",
        ),
    ],
)
def test_a_wrong_platform_setting_is_named_by_its_section_and_key(
    raw: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(raw, {})
    assert message in str(error.value)


def test_which_platforms_run_follows_their_credentials_in_the_environment() -> None:
    assert platform_credentials({}) == {"slack": False, "discord": False}
    assert platform_credentials({"DISCORD_TOKEN": "t"}) == {"slack": False, "discord": True}
    slack = {"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1"}
    assert platform_credentials(slack)["slack"] is True


@pytest.mark.parametrize("name", sorted(PLATFORMS))
async def test_every_registered_platform_builds_an_adapter_with_a_chat_a_run_and_health(
    name: str,
) -> None:
    entry = platform(name)
    env = {"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1", "DISCORD_TOKEN": "t"}
    adapter = entry.build(entry.read_section({}), env, SimpleNamespace(installations=None))
    assert adapter.name == name
    assert callable(adapter.chat.post) and callable(adapter.run)
    assert adapter.health() == Health(False, adapter.health().detail)  # not started yet


def test_reading_every_platforms_section_imports_no_platform_sdk() -> None:
    """Start-up stays quick: an SDK is imported only when its platform is built to run."""
    script = (
        "import sys; from plcbot.registry import parse_config; "
        "parse_config({'slack': {'port': 1}, 'discord': {}}, {}); "
        "print(sorted(m for m in ('discord', 'slack_bolt', 'slack_sdk') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


def test_slack_posts_from_a_scheduler_process_of_its_own_and_discord_only_from_its_connection() -> (
    None
):
    from plcbot.scheduling import without_poster

    assert without_poster(["slack"]) == []
    assert without_poster(["slack", "discord"]) == ["discord"]  # the scheduler stays inline


def _registered(monkeypatch: pytest.MonkeyPatch, entry: Platform) -> None:
    """A platform added to the registry the way adapters/README.md says: a module exposing
    `PLATFORM`, named by one line in plcbot/registry.py."""
    module = ModuleType("tests_double_platform")
    module.PLATFORM = entry  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(PLATFORMS, entry.name, module.__name__)


MATRIX = Platform(
    name="matrix",
    credentials="MATRIX_TOKEN",
    has_credentials=lambda env: bool(env.get("MATRIX_TOKEN")),
    read_section=lambda raw: dict(raw),
    build=lambda section, env, storage: None,  # type: ignore[arg-type,return-value]
    environment=(("MATRIX_TOKEN", "the Matrix bot"),),
    noisy_loggers=("matrix_sdk",),
)


def test_a_platform_added_to_the_registry_may_own_a_declared_community(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _registered(monkeypatch, MATRIX)
    raw = {"community": [{"id": "matrix:!room1", "team": [{"channel": "C1"}]}]}
    (community,) = parse_config(raw, {}).declared
    assert community.id == "matrix:!room1"
    with pytest.raises(ConfigError, match=r"platforms: slack, discord, matrix, console"):
        parse_config({"community": [{"id": "teams:T1"}]}, {})


def test_run_help_lists_each_registered_platforms_environment_variables(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _registered(monkeypatch, MATRIX)
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    shown = capsys.readouterr().out
    for variable in ("MATRIX_TOKEN", "DISCORD_TOKEN", "SLACK_APP_TOKEN", "DATABASE_URL"):
        assert variable in shown
    assert "the Matrix bot" in shown


def test_each_registered_platforms_sdk_loggers_stay_quiet_at_debug(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _registered(monkeypatch, MATRIX)
    configure_logging("DEBUG", stream=io.StringIO())
    try:
        for sdk in ("matrix_sdk", "slack_bolt", "slack_sdk", "discord"):
            assert logging.getLogger(sdk).getEffectiveLevel() == logging.WARNING, sdk
        assert logging.getLogger("plcbot").getEffectiveLevel() == logging.DEBUG
    finally:
        configure_logging("INFO", stream=io.StringIO())
