"""The Discord side of the simulation, in small: the simulation's lines become the slash commands
Discord's client would send (words from the synced tree, options by name), and the end-of-run
gateway check is not blind: it finds an interaction answered twice, one never answered, a DM
answered twice, a client that identified again instead of resuming, and faults that caught no
event on its way."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, cast

import pytest

from platform_fakes.discord.fake_interactions import Interaction
from simulation import gateway_faults
from simulation.acts import Acts
from simulation.discord_slash import NotACommand, slash
from simulation.events import EventLog
from simulation.plan import Scale, make_district
from simulation.world import World

STRING, INTEGER, BOOLEAN, USER = 3, 4, 5, 6


def option(name: str, kind: int = STRING, *choices: str, required: bool = False) -> Any:
    spec: dict[str, Any] = {"name": name, "type": kind, "required": required}
    if choices:
        spec["choices"] = [{"name": c, "value": c} for c in choices]
    return spec


def command(name: str, *options: Any) -> dict[str, Any]:
    return {"name": name, "type": 1, "options": list(options)}


def group(name: str, *children: Any) -> dict[str, Any]:
    return {"name": name, "type": 2, "options": list(children)}


PLC = {
    "name": "plc",
    "options": [
        command("checkin", option("score", INTEGER), option("word")),
        command("reflect", option("text"), option("visibility", STRING, "private", "team")),
        command("report", option("since"), option("all", BOOLEAN)),
        group("norms", command("show"), command("add", option("text", required=True))),
        group("team", command("create", option("name"), option("timezone")), command("set-tz")),
        group("role", command("grant", option("user", USER), option("role", STRING, "admin"))),
        group("schedule", command("add", option("kind"), option("when"), option("timezone"))),
        group(
            "calendar",
            command(
                "off",
                option("first"),
                option("last"),
                option("label"),
                option("team_only", BOOLEAN),
            ),
        ),
        group("session", command("open", option("topic"))),
        group(
            "goal",
            command("set", option("what"), option("measure"), option("target"), option("when")),
        ),
        group(
            "action",
            command("add", option("owner", USER), option("what"), option("due")),
            command("done", option("number", INTEGER)),
        ),
    ],
}


@pytest.mark.parametrize(
    ("line", "words", "options"),
    [
        ("/plc checkin 4", "plc checkin", {"score": 4}),
        (
            "/plc reflect --private Today R000001 showed me what they need.",
            "plc reflect",
            {"visibility": "private", "text": "Today R000001 showed me what they need."},
        ),
        ("/plc report all", "plc report", {"all": True}),
        ("/plc report", "plc report", {}),
        ("/plc norms", "plc norms show", {}),
        (
            '/plc team create "Team 2" America/New_York',
            "plc team create",
            {"name": "Team 2", "timezone": "America/New_York"},
        ),
        ("/plc team set tz", "plc team set-tz", {}),
        (
            "/plc role grant <@900000000070000001> admin",
            "plc role grant",
            {"user": 900000000070000001, "role": "admin"},
        ),
        (
            '/plc schedule add checkin "wed 08:00"',
            "plc schedule add",
            {"kind": "checkin", "when": "wed 08:00"},
        ),
        (
            "/plc calendar off 2026-10-12..2026-10-12 Indigenous Peoples' Day",
            "plc calendar off",
            {"first": "2026-10-12", "last": "2026-10-12", "label": "Indigenous Peoples' Day"},
        ),
        ("/plc session open Week 1", "plc session open", {"topic": "Week 1"}),
    ],
)
def test_a_line_becomes_the_slash_command_discords_client_sends(
    line: str, words: str, options: dict[str, Any]
) -> None:
    assert slash([PLC], line) == (words, options)


@pytest.mark.parametrize(
    ("line", "words", "options"),
    [
        (
            "/plc goal set what: place fractions on a number line measure: unit exit ticket "
            "target: 70% when: 2027-01-18",
            "plc goal set",
            {
                "what": "place fractions on a number line",
                "measure": "unit exit ticket",
                "target": "70%",
                "when": "2027-01-18",
            },
        ),
        ("/plc goal set target: 80%", "plc goal set", {"target": "80%"}),
        (
            "/plc action add owner: <@900000000070000001> what: share the sheet due: 2026-12-03",
            "plc action add",
            {"owner": 900000000070000001, "what": "share the sheet", "due": "2026-12-03"},
        ),
        (
            "/plc action add what: read what: chapter two due: soon owner: <@9>",
            "plc action add",
            {"what": "read what: chapter two", "due": "soon", "owner": 9},
        ),
        ("/plc action done number: 12", "plc action done", {"number": 12}),
        ("/plc session open Week 1 topic: x", "plc session open", {"topic": "Week 1 topic: x"}),
    ],
)
def test_a_line_may_name_its_options_as_discords_composer_shows_them(
    line: str, words: str, options: dict[str, Any]
) -> None:
    assert slash([PLC], line) == (words, options)


def test_a_line_no_synced_command_takes_is_refused() -> None:
    for line in (
        "/plc nothing",
        "/other",
        "/plc norms show 3",
        "/plc goal set what: measure: exit ticket",
        "/plc action add owner: maria what: x due: 2026-12-03",
    ):
        with pytest.raises(NotACommand):
            slash([PLC], line)


def interaction(n: int, *statuses: int, answered: bool = True) -> Interaction:
    payload = {"data": {"name": "plc"}}
    made = Interaction(n, f"token{n}", 2, 1, 2, 900 + n, payload)
    made.attempts = [(s, {}) for s in statuses]
    if answered:
        made.answered.set()
    return made


def test_the_gateway_check_finds_answers_twice_lost_and_a_new_session() -> None:
    gateway = SimpleNamespace(
        identifies=[{}, {}], sessions=[SimpleNamespace(resumes=1)], replayed=0
    )
    wire = SimpleNamespace(
        sent=[interaction(1, 200), interaction(2, 200, 200), interaction(3, answered=False)],
        dm_answers=[("901", 1), ("902", 2)],
        faults=2,
        fake=SimpleNamespace(gateway=gateway),
        identifies=lambda: 1,
    )
    now = datetime(2026, 9, 24, tzinfo=UTC)
    world = SimpleNamespace(discord=wire, stamp=now.isoformat)
    acts = Acts(cast(World, world), EventLog(), make_district(1, Scale(3, 6, 2)))
    gateway_faults.check(acts)
    found = [(m.check, m.where, m.got) for m in acts.mismatches]
    assert found == [
        (
            "Discord interaction answered once",
            "plc by 902",
            {"accepted": 2, "refused": 0, "answered": True},
        ),
        (
            "Discord interaction answered once",
            "plc by 903",
            {"accepted": 0, "refused": 0, "answered": False},
        ),
        ("Discord DM answered once", "902", 2),
        ("Discord fault caught an event", "discord:810000000000000001", False),
        ("Discord gateway resumed", "discord:810000000000000001", {"identifies": 2, "resumes": 1}),
    ]
