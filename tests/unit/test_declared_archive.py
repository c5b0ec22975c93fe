"""The config file knows whether a team is archived (issue 18): `archived = true` archives a
declared team at start, `false` brings it back, and leaving it out keeps what was done in chat."""

from __future__ import annotations

import pytest

from bot.config import ConfigError
from tests.harness import Harness, reply_text
from tests.unit.test_declared import DECLARED, apply, declared

ARCHIVED = DECLARED.replace(
    'name = "Grade 4 Math"\n', 'name = "Grade 4 Math"\narchived = true\n', 1
)


async def test_a_team_declared_archived_is_archived_at_start_and_opens_no_sessions(
    h: Harness,
) -> None:
    applied = await apply(h, ARCHIVED)
    assert applied.archived == 1 and "archived or brought back 1 team(s)" in str(applied)
    team = next(t for t in h.store.state.teams.values() if t.channel_id == "C1")
    assert team.archived_at == h.clock.now()
    out = await h.say("ana", "/plc session open Fractions")
    assert not out.ok and "is archived" in reply_text(out)
    assert (await apply(h, ARCHIVED)).archived == 0  # applying again changes nothing


async def test_a_team_archived_in_chat_stays_archived_when_the_config_says_nothing(
    h: Harness,
) -> None:
    await apply(h)
    assert (await h.say("ana", "/plc team archive")).ok
    assert (await apply(h)).archived == 0
    team = next(t for t in h.store.state.teams.values() if t.channel_id == "C1")
    assert team.archived_at is not None
    back = DECLARED.replace('name = "Grade 4 Math"\n', 'name = "Grade 4 Math"\narchived = false\n')
    assert (await apply(h, back)).archived == 1
    team = next(t for t in h.store.state.teams.values() if t.channel_id == "C1")
    assert team.archived_at is None


def test_archived_must_be_true_or_false() -> None:
    with pytest.raises(ConfigError) as error:
        declared(ARCHIVED.replace("archived = true", 'archived = "yes"'))
    assert "community[0].team[0].archived: expected true or false, got a string ('yes')" in str(
        error.value
    )
