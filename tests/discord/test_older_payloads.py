"""Interactions shaped like Discord's own published examples, written before some fields existed,
are answered like any other, and an event discord.py cannot read at all is dropped without
taking the connection down: the next person is answered on the same gateway session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from platform_fakes.discord.fake_discord import FakeDiscord
from platform_fakes.discord.fake_interactions import (
    APPLICATION_COMMAND,
    Interaction,
    base,
    command_data,
)
from platform_fakes.discord.fake_payloads import Json
from tests.discord.conftest import School

# The member object of Discord's published interaction example: no `flags`, no `avatar`.
EXAMPLE_MEMBER_KEYS = {
    "user",
    "roles",
    "premium_since",
    "permissions",
    "pending",
    "nick",
    "mute",
    "joined_at",
    "deaf",
}


def without_member_flags(payload: Json) -> None:
    del payload["member"]["flags"]


def without_attachment_size_limit(payload: Json) -> None:
    del payload["attachment_size_limit"]


def with_channel_id_only(payload: Json) -> None:
    del payload["channel"]


def as_in_discords_published_example(payload: Json) -> None:
    """The shape of the example in Discord's documentation of the interaction object."""
    for key in (
        "attachment_size_limit",
        "channel",
        "entitlements",
        "authorizing_integration_owners",
        "context",
        "version",
        "application_id",
    ):
        payload.pop(key, None)
    member = payload["member"]
    payload["member"] = {k: v for k, v in member.items() if k in EXAMPLE_MEMBER_KEYS}
    payload["member"]["is_pending"] = False


async def older_slash(
    fake: FakeDiscord, line: str, shape: Callable[[Json], None], *, by: int, where: int
) -> Interaction:
    """A slash command by `by` in channel `where`, delivered in an older shape."""
    guild_id = fake._guild_of(where)
    commands = [*fake.commands.get(guild_id, []), *fake.commands.get(None, [])]
    payload = base(APPLICATION_COMMAND, fake.app_id, guild_id, fake.channels[where], fake.users[by])
    payload["data"] = command_data(commands, line.split(), {}, fake.users, guild_id)
    shape(payload)
    return await fake._deliver(payload, guild_id, where, by)


@pytest.mark.parametrize(
    "shape",
    [
        without_member_flags,
        without_attachment_size_limit,
        with_channel_id_only,
        as_in_discords_published_example,
    ],
)
async def test_an_older_shaped_interaction_is_answered_and_so_is_the_next_one(
    school: School, shape: Callable[[Json], None]
) -> None:
    sessions = len(school.fake.gateway.sessions)

    older = await school.fake.answered(
        await older_slash(school.fake, "plc norms show", shape, by=school.tom, where=school.channel)
    )
    after = await school.say(school.fay, "plc cycle show")

    assert "Maintain confidentiality" in older.plain
    assert "Analyze" in after.plain
    assert not school.process.task.done()
    assert len(school.fake.gateway.sessions) == sessions  # the same gateway session throughout


async def test_an_interaction_discord_py_cannot_read_is_dropped_and_the_next_one_answered(
    school: School, caplog: pytest.LogCaptureFixture
) -> None:
    def unreadable(payload: Json) -> None:
        payload["member"]["roles"] = "not a list of roles"
        payload["member"]["nick"] = "Tom's secret words"

    dropped = await older_slash(
        school.fake, "plc norms show", unreadable, by=school.tom, where=school.channel
    )
    after = await school.say(school.fay, "plc cycle show")

    assert "Analyze" in after.plain
    assert dropped.initial is None  # never answered: discord.py could not read it
    assert not school.process.task.done()
    assert "dropped a INTERACTION_CREATE event" in caplog.text
    assert "secret words" not in caplog.text
