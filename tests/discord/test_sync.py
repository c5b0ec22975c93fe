"""Login and command sync: the whole grammar, typed, globally or to a development guild."""

from __future__ import annotations

import pytest

from adapters.discord.commands import KEEP_BARE, OWN_ROOTS, UNDER
from adapters.discord.settings import DiscordConfig
from bot.commands.grammar import COMMANDS, GROUPS
from bot.domain import Visibility
from platform_fakes.discord.fake_discord import FakeDiscord
from platform_fakes.discord.fake_payloads import Json
from tests.discord.conftest import Process, start_process


def synced_paths(commands: list[Json]) -> set[tuple[str, ...]]:
    paths: set[tuple[str, ...]] = set()

    def walk(node: Json, path: tuple[str, ...]) -> None:
        children = [o for o in node.get("options") or [] if o["type"] in (1, 2)]
        if not children:
            paths.add(path)
        for child in children:
            walk(child, (*path, child["name"]))

    for command in commands:
        walk(command, (command["name"],))
    return paths


def discord_path(words: tuple[str, ...]) -> tuple[str, ...]:
    """Where a grammar path lives under /plc: two levels at most, `norms` shown by `norms show`;
    `reflect` and `attend` stay bare, with `reflect-edit` and `attend-confirm` beside them;
    the meeting's `agenda`, `decision`, `minutes` and `protocol` sit in the `session` group."""
    if words[0] in UNDER:
        return ("plc", UNDER[words[0]], "-".join(words))
    if words[0] in OWN_ROOTS:  # a command of its own: /plc holds Discord's 25 already
        return (words[0], "-".join(words[1:]))
    if words[0] in KEEP_BARE:
        return ("plc", "-".join(words))
    if len(words) == 1:
        return ("plc", words[0], "show") if len(GROUPS[words[0]]) > 1 else ("plc", words[0])
    return ("plc", words[0], "-".join(words[1:]))


async def test_the_client_logs_in_and_syncs_every_command_of_the_grammar_globally(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    fake.add_guild("Lincoln")
    processes.append(await start_process(fake))
    assert fake.calls_to("GET", r"/users/@me")
    assert len(fake.calls_to("PUT", rf"/applications/{fake.app_id}/commands")) == 1
    assert synced_paths(fake.commands[None]) == {discord_path(s.path) for s in COMMANDS}
    assert len(fake.gateway.identifies) == 1
    assert fake.gateway.identifies[0]["intents"] & (1 << 15) == 0  # no message-content intent


async def test_the_synced_options_are_typed_with_ranges_and_choices(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    processes.append(await start_process(fake))
    (plc,) = [c for c in fake.commands[None] if c["name"] == "plc"]
    options = {o["name"]: o for o in plc["options"]}
    score = options["checkin"]["options"][0]
    assert (score["name"], score["type"], score["min_value"], score["max_value"]) == (
        "score",
        4,
        1,
        5,
    )
    stage_set = next(o for o in options["stage"]["options"] if o["name"] == "set")
    assert [c["value"] for c in stage_set["options"][0]["choices"]] == [
        "analyze",
        "goals",
        "learn",
        "implement",
        "monitor",
    ]
    grant = next(o for o in options["role"]["options"] if o["name"] == "grant")
    assert [(o["name"], o["type"]) for o in grant["options"]] == [("user", 6), ("role", 3)]
    assert [c["value"] for c in grant["options"][1]["choices"]] == ["facilitator", "admin"]
    visibility = options["reflect"]["options"][1]
    assert {c["value"] for c in visibility["choices"]} == {v.value for v in Visibility}


async def test_with_a_development_guild_the_commands_sync_to_that_guild_only(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    guild = fake.add_guild("Dev")
    processes.append(await start_process(fake, config=DiscordConfig(dev_guild_id=guild.id)))
    assert fake.calls_to("PUT", rf"/applications/{fake.app_id}/guilds/{guild.id}/commands")
    assert not fake.calls_to("PUT", rf"/applications/{fake.app_id}/commands")
    assert synced_paths(fake.commands[guild.id]) == {discord_path(s.path) for s in COMMANDS}


async def test_a_failed_sync_is_logged_and_the_commands_synced_before_keep_working(
    fake: FakeDiscord, processes: list[Process], caplog: pytest.LogCaptureFixture
) -> None:
    guild = fake.add_guild("Lincoln")
    ana = fake.add_user("ana")
    await (await start_process(fake)).close()
    fake.fail("PUT", rf"/applications/{fake.app_id}/commands", status=403)  # e.g. missing scope

    processes.append(await start_process(fake))

    assert "could not sync /plc" in caplog.text
    answer = await fake.answered(await fake.slash("plc help", ana, guild.channels[0]))
    assert "/plc checkin" in answer.plain
