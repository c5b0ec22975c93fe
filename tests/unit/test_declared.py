"""Calendars and schedules declared in the config file: checked at load (errors name the key)
and applied at start, adding only what is missing."""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.config import ConfigError
from bot.declared import Applied, apply_declared
from bot.domain import CommunityRef
from bot.scheduling.model import ScheduleKind
from plcbot.registry import load_config, parse_config
from tests.harness import Harness, reply_text

ROOT = Path(__file__).resolve().parents[2]

DECLARED = """
[bot]
default_timezone = "America/Chicago"

[[community]]
id = "console:T1"
admins = ["ana"]

[[community.calendar]]
from = 2026-12-21
to = 2027-01-01
label = "Winter break"

[[community.team]]
channel = "C1"
name = "Grade 4 Math"

[[community.team.schedule]]
kind = "stage_nudge"
when = "Mon,Wed  15:30"

[[community.team.schedule]]
kind = "nonresponder_reminder"
when = "weekdays 16:00"
timezone = "America/New_York"
after_hours = 24

[[community.team.calendar]]
from = "2026-10-12"
to = "2026-10-16"
label = "State testing"

[[community.team]]
channel = "C2"
timezone = "Europe/Berlin"

[[community.team.schedule]]
kind = "norms_reminder"
when = "0 9 * * 1"
"""


def declared(text: str = DECLARED, **override: Any) -> Any:
    raw = tomllib.loads(text)
    raw.update(override)
    return parse_config(raw, {})


async def apply(h: Harness, text: str = DECLARED) -> Applied:
    config = declared(text)
    return await apply_declared(
        h.store.uow,
        h.clock,
        config.declared,
        default_timezone=config.default_timezone,
        default_language=config.default_language,
    )


def chicago(day: str, at: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{at}").replace(tzinfo=ZoneInfo("America/Chicago"))


async def test_applying_the_declarations_creates_what_is_missing(h: Harness) -> None:
    applied = await apply(h)
    assert (applied.teams, applied.schedules, applied.breaks, applied.admins) == (
        ["C1", "C2"],
        3,
        2,
        1,
    )
    state = h.store.state
    teams = {t.channel_id: t for t in state.teams.values()}
    assert (teams["C1"].name, teams["C1"].timezone) == ("Grade 4 Math", "America/Chicago")
    assert (teams["C2"].name, teams["C2"].timezone) == ("Our learning team", "Europe/Berlin")
    schedules = {(s.team_id, s.kind, s.when, s.timezone) for s in state.schedules.values()}
    assert schedules == {
        (teams["C1"].id, ScheduleKind.STAGE_NUDGE, "mon,wed 15:30", "America/Chicago"),
        (teams["C1"].id, ScheduleKind.NONRESPONDER_REMINDER, "weekdays 16:00", "America/New_York"),
        (teams["C2"].id, ScheduleKind.NORMS_REMINDER, "0 9 * * 1", "Europe/Berlin"),
    }
    assert all(s.next_fire_at is not None for s in state.schedules.values())
    breaks = {(b.first_day, b.last_day, b.team_id, b.label) for b in state.breaks.values()}
    assert breaks == {
        (date(2026, 12, 21), date(2027, 1, 1), None, "Winter break"),
        (date(2026, 10, 12), date(2026, 10, 16), teams["C1"].id, "State testing"),
    }
    assert state.members[("console:T1", "ana")].is_admin


async def test_applying_twice_duplicates_nothing(h: Harness) -> None:
    await apply(h)
    before = (
        dict(h.store.state.teams),
        dict(h.store.state.schedules),
        dict(h.store.state.breaks),
    )
    again = await apply(h)
    assert not again.changed and again.communities == 1
    assert "added 0 team(s), 0 schedule(s), 0 break(s), 0 admin(s)" in str(again)
    assert (h.store.state.teams, h.store.state.schedules, h.store.state.breaks) == before


async def test_what_admins_made_in_chat_counts_as_there_and_is_left_alone(h: Harness) -> None:
    await h.team_with_facilitator()  # ana makes C1 "Grade 4 Math" in Chicago, in console:T1
    assert (await h.say("ana", "/plc team set tz America/Denver")).ok
    assert (await h.say("ana", '/plc schedule add stage_nudge "mon,wed 15:30"')).ok
    (made,) = h.store.state.schedules.values()
    assert (await h.say("ana", f"/plc schedule pause {made.id}")).ok  # paused still counts
    assert (await h.say("ana", "/plc calendar off 2026-12-21..2027-01-01 Holidays")).ok
    applied = await apply(h)
    # C1 exists: kept as it is. Its stage nudge is in Denver now, so the declared one (in the
    # team's zone, Denver) is the same schedule; only the New York reminder is new.
    assert applied.teams == ["C2"]
    c1 = next(t for t in h.store.state.teams.values() if t.channel_id == "C1")
    assert c1.timezone == "America/Denver" and c1.created_by == "ana"
    kinds = sorted(s.kind.value for s in h.store.state.schedules.values() if s.team_id == c1.id)
    assert kinds == ["nonresponder_reminder", "stage_nudge"]
    assert h.store.state.schedules[made.id].paused
    labels = sorted(b.label for b in h.store.state.breaks.values())
    assert labels == ["Holidays", "State testing"]  # same days as "Winter break": already there
    assert applied.admins == 0  # ana was the admin already


async def test_declared_schedules_post_and_declared_breaks_silence_them(h: Harness) -> None:
    h.clock.set(datetime(2026, 10, 1, tzinfo=UTC))
    await apply(h)
    runner = h.runner()
    h.clock.set(chicago("2026-10-05", "15:30"))  # a Monday
    assert (await runner.tick()).posted == 1
    assert "Analyze student data · cycle 1" in h.chat.posts_to("C1")[-1].text
    h.clock.set(chicago("2026-10-14", "15:30"))  # a Wednesday of the team's testing window
    assert (await runner.tick()).posted == 0
    h.clock.set(chicago("2026-10-19", "15:30"))
    assert (await runner.tick()).posted == 1
    listing = reply_text(await h.say("ana", "/plc schedule list"))  # a declared admin
    assert "stage_nudge · mon,wed 15:30 America/Chicago" in listing


async def test_a_community_of_another_platform_is_declared_in_its_own_right(h: Harness) -> None:
    text = DECLARED.replace('id = "console:T1"', 'id = "discord:42"')
    await apply(h, text)
    assert {t.community_id for t in h.store.state.teams.values()} == {"discord:42"}
    community = h.store.state.communities[CommunityRef("discord", "42").id]
    assert (community.platform, community.external_id) == ("discord", "42")


def test_the_commented_example_in_config_example_toml_is_valid() -> None:
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    block = text[text.index("# [[community]]") :]
    uncommented = "\n".join(re.sub(r"^# ?", "", line) for line in block.splitlines())
    config = declared(uncommented)
    (community,) = config.declared
    assert community.id == "slack:T0123ABCD" and len(community.teams[0].schedules) == 2
    assert load_config(ROOT / "config.example.toml", env={}).declared == ()


BAD = [
    (
        'id = "console:T1"',
        'id = "T1"',
        "community[0].id: 'T1' must be platform:id, like slack:T0123 or discord:123456789 (platforms: slack, discord, console)",
    ),
    ('id = "console:T1"', "", "community[0].id: missing key 'id'"),
    (
        'admins = ["ana"]',
        'admins = "ana"',
        "community[0].admins: must be a list of user ids, like [\"U0ADMIN\"], not 'ana'",
    ),
    (
        'label = "Winter break"',
        'label = "Winter break"\ncolour = "red"',
        "community[0].calendar[0].colour: unknown key 'colour' (expected: from, to, label)",
    ),
    (
        "to = 2027-01-01",
        "to = 2026-12-01",
        "community[0].calendar[0].to: 2026-12-01 is before from (2026-12-21)",
    ),
    (
        "from = 2026-12-21",
        'from = "next week"',
        "community[0].calendar[0].from: expected a date like 2026-12-21, got a string ('next week')",
    ),
    (
        'name = "Grade 4 Math"',
        'name = "Grade 4 Math"\nchanel = "C9"',
        "community[0].team[0].chanel: unknown key 'chanel'; did you mean 'channel'? "
        "(expected: channel, name, timezone, schedule, calendar, archived)",
    ),
    (
        'channel = "C2"',
        'channel = "C1"',
        "community[0].team[1].channel: 'C1' is declared twice in console:T1",
    ),
    (
        'timezone = "Europe/Berlin"',
        'timezone = "Mars/Base"',
        "community[0].team[1].timezone: “Mars/Base” is not a time zone I know. Use an IANA name such as America/Chicago or Europe/Berlin.",
    ),
    (
        'when = "Mon,Wed  15:30"',
        'when = "someday"',
        "community[0].team[0].schedule[0].when: I can't read “someday” as a time. Try "
        '"mon,wed 15:30", "weekdays 08:00", "daily 3pm" or cron "30 15 * * 1,3".',
    ),
    (
        'when = "0 9 * * 1"',
        'when = "0 9 31 2 *"',
        "community[0].team[1].schedule[0].when: '0 9 31 2 *' never comes round; try \"weekdays 08:00\"",
    ),
    (
        'kind = "stage_nudge"',
        'kind = "dance"',
        "community[0].team[0].schedule[0].kind: “dance” is not a kind of schedule. Kinds: stage_nudge, reflection_prompt, norms_reminder, checkin, nonresponder_reminder.",
    ),
    ('kind = "stage_nudge"', "", "community[0].team[0].schedule[0].kind: missing key 'kind'"),
    (
        'when = "Mon,Wed  15:30"',
        'when = "Mon,Wed  15:30"\nafter_hours = 24',
        'community[0].team[0].schedule[0].after_hours: is only for kind = "nonresponder_reminder"',
    ),
    (
        "after_hours = 24",
        "after_hours = 0",
        "community[0].team[0].schedule[1].after_hours: must be a number of hours from 1 to 336, not 0",
    ),
    (
        'timezone = "America/New_York"',
        'timezone = "Eastern"',
        "community[0].team[0].schedule[1].timezone: “Eastern” is not a time zone I know. Use an IANA name such as America/Chicago or Europe/Berlin. Did you mean Canada/Eastern or US/Eastern?",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), BAD)
def test_a_bad_declaration_is_refused_at_load_with_the_key_named(
    old: str, new: str, message: str
) -> None:
    assert old in DECLARED
    with pytest.raises(ConfigError) as error:
        declared(DECLARED.replace(old, new, 1))
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"community": {"id": "slack:T1"}}, "[[community]]: must be an array of tables"),
        (
            {"community": [{"id": "slack:T1"}, {"id": "slack:T1"}]},
            "community[1].id: 'slack:T1' is declared twice; declare each once",
        ),
        (
            {"community": [{"id": "slack:T1", "team": {"channel": "C1"}}]},
            "community[0].team: expected an array of tables ([[community.team]]), got a table",
        ),
        (
            {"community": [{"id": "slack:T1", "team": [{"channel": "C1", "schedule": [3]}]}]},
            "community[0].team[0].schedule[0]: expected a table, got an integer (3)",
        ),
    ],
)
def test_a_declaration_of_the_wrong_shape_is_refused_with_the_key_named(
    raw: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(raw, {})
    assert message in str(error.value)
