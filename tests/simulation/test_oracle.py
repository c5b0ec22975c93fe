"""The oracle is independent and not blind: it imports nothing of plcbot's, and from a
hand-written log it finds a post made twice, a post lost, a nudge during a break and a
reflection shown to someone its author did not choose."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from simulation.delivered import compare_delivered
from simulation.events import EventLog
from simulation.oracle import Oracle
from tests.source_tree import write_tree
from tests.test_architecture import ROOT, imported_modules

ORACLE = ("events", "model", "fires", "figures", "oracle", "delivered", "work_model")
ORACLE += ("panel_figures",)
CID = "slack:T1"


def oracle_offences(root: Path = ROOT) -> dict[str, list[str]]:
    """The oracle's modules import the standard library and one another, nothing else."""
    allowed = {f"simulation.{m}" for m in ORACLE}
    out: dict[str, list[str]] = {}
    for name in ORACLE:
        path = root / "simulation" / f"{name}.py"
        if not path.exists():
            continue
        bad = sorted(
            m
            for m in imported_modules(path, root)
            if m not in allowed and m.split(".")[0] not in STDLIB
        )
        if bad:
            out[f"simulation/{name}.py"] = bad
    return out


STDLIB = {"__future__", "collections", "dataclasses", "datetime", "json", "pathlib", "re", "typing"}
STDLIB |= {"bisect", "zoneinfo"}


def test_the_oracle_imports_nothing_but_the_standard_library() -> None:
    assert oracle_offences() == {}


def test_the_independence_rule_fails_on_an_oracle_that_asks_plcbot(tmp_path: Path) -> None:
    tree = write_tree(
        tmp_path,
        {
            "simulation/figures.py": "from bot.usecases.me import week_streak\n",
            "simulation/oracle.py": "from simulation.model import Team\nimport re\n",
        },
    )
    assert oracle_offences(tree) == {"simulation/figures.py": ["bot.usecases.me"]}


def at(day: int, hour: int, minute: int = 0) -> str:
    return datetime(2026, 9, day, hour, minute, tzinfo=UTC).isoformat()


def district() -> EventLog:
    """A Chicago team with a Monday 07:30 prompt (12:30 UTC), and a break on 21 Sep."""
    log = EventLog()
    log.add(
        at(11, 14), "team", community=CID, team="C1", name="T", zone="America/Chicago", admin="UA"
    )
    log.add(at(11, 14), "role", community=CID, team="C1", user="UF", role="facilitator")
    log.add(
        at(11, 14),
        "schedule",
        community=CID,
        team="C1",
        kind="reflection_prompt",
        day="mon",
        time="07:30",
    )
    log.add(at(11, 14), "break", community=CID, first="2026-09-21", last="2026-09-21")
    return log


def verdicts(log: EventLog, now: datetime) -> list[tuple[str, object, object]]:
    oracle = Oracle(log)
    oracle.follow(now)
    found, _ = compare_delivered(log, oracle)
    return [(check, want, got) for check, _, want, got in found if want != got]


def test_the_oracle_finds_a_post_twice_one_lost_and_one_during_a_break() -> None:
    log = district()
    log.add(at(14, 12, 30), "post", community=CID, channel="C1", text="prompt", scheduled=True)
    log.add(at(14, 12, 30), "post", community=CID, channel="C1", text="prompt", scheduled=True)
    log.add(at(21, 12, 30), "post", community=CID, channel="C1", text="nudge", scheduled=True)
    now = datetime(2026, 9, 29, tzinfo=UTC)
    assert verdicts(log, now) == [
        ("scheduled post twice", 1, 2),
        ("scheduled post during a break", 0, 1),
        ("scheduled post lost", 1, 0),  # 28 Sep
    ]


def test_the_oracle_takes_a_zone_s_clock_change_into_account() -> None:
    """After 1 Nov, 07:30 in Chicago is 13:30 UTC: a post at 12:30 is an hour early."""
    log = district()
    log.add(at(14, 12, 30), "post", community=CID, channel="C1", text="p", scheduled=True)
    log.add(at(28, 12, 30), "post", community=CID, channel="C1", text="p", scheduled=True)
    nov2 = datetime(2026, 11, 2, 12, 30, tzinfo=UTC)
    found = verdicts(log, datetime(2026, 11, 3, tzinfo=UTC))
    assert ("scheduled post lost", 1, 0) in found  # 13:30 on 2 Nov, and the October Mondays
    log.add(nov2.isoformat(), "post", community=CID, channel="C1", text="p", scheduled=True)
    assert ("scheduled post unexpected", 0, 1) in verdicts(log, datetime(2026, 11, 3, tzinfo=UTC))


def test_the_oracle_finds_a_reflection_shown_to_someone_not_chosen() -> None:
    log = district()
    log.add(
        at(15, 15),
        "reflect",
        community=CID,
        team="C1",
        user="UT",
        token="R000001",
        visibility="facilitators",
    )
    log.add(
        at(15, 15),
        "reflect",
        community=CID,
        team="C1",
        user="UT",
        token="R000002",
        visibility="private",
    )
    log.add(at(15, 16), "shown", community=CID, user="UF", text="R000001 is fine for UF")
    log.add(at(15, 16), "shown", community=CID, user="UX", text="R000001 to another teacher")
    log.add(at(15, 16), "post", community=CID, channel="C1", text="R000002", scheduled=False)
    log.add(at(16, 9), "forget", community=CID, user="UT")
    log.add(at(16, 10), "shown", community=CID, user="UT", text="R000002 after forgetting")
    oracle = Oracle(log)
    oracle.follow(datetime(2026, 9, 17, tzinfo=UTC))
    assert [b.split(": ", 1)[1] for b in oracle.breaches] == [
        "UX read UT's facilitators reflection R000001 (team C1) in an answer",
        "UT's private reflection R000002 (team C1) was posted in C1",
        "UT's reflection R000002 shown after they forgot",
    ]


def test_an_action_item_reminder_is_expected_at_the_first_tick_from_08_00() -> None:
    """Seed 2115 (`make simulate SEED=2115 UNTIL=2026-10-18 TEAMS=3 TEACHERS=12 WEEKS=5
    SAMPLE=6 SLACK=socket`): an item due Thursday, its owner's data deleted at noon on Friday
    in Chicago; the scheduler's first tick from 08:00 there was at 13:00, after the forget, so
    plcbot rightly sent no overdue reminder, and the oracle, which took 08:00 for the moment
    the reminder goes, expected one."""
    log = district()
    due = "2026-09-17"  # Thursday: overdue from Friday 08:00 in Chicago (13:00 UTC)
    item = {"community": CID, "team": "C1", "user": "UF", "what": "share", "due": due}
    log.add(at(14, 20), "action", **item, owner="UT", number=1)
    log.add(at(14, 20), "action", **item, owner="UU", number=2)
    log.add(at(16, 18), "tick")  # Wednesday 13:00 in Chicago: the day-before reminders
    for hour in (6, 12, 18):  # Friday's ticks: 01:00, 07:00 and 13:00 in Chicago
        log.add(at(18, hour), "tick")
    log.add(at(18, 17), "forget", community=CID, user="UT")  # 12:00 in Chicago
    log.add(at(18, 18), "forget", community=CID, user="UU")  # at the tick's minute: after it
    oracle = Oracle(log)
    oracle.follow(datetime(2026, 9, 19, tzinfo=UTC))
    assert oracle.work.reminders(CID, datetime(2026, 9, 19, tzinfo=UTC)) == [
        ("UT", "before", datetime(2026, 9, 16).date()),  # before the forget: sent
        ("UU", "before", datetime(2026, 9, 16).date()),
        ("UU", "overdue", datetime(2026, 9, 18).date()),
    ]
