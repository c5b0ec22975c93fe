"""The team's work, acted out through the adapters: the facilitator sets the cycle's goal (and
later changes its target), runs a protocol in some sessions while teachers add notes for its
step, writes down a decision; people give teachers action items during the session, due a week
later, and most owners mark theirs done the Monday after; some teachers collect evidence for a
micro-credential week by week. Each intent goes to the event log (the oracle's side is
simulation/work_model.py); what plcbot answers is checked in simulation/work_check.py."""

from __future__ import annotations

import random
import re
from collections.abc import Awaitable, Callable, Iterator
from datetime import date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from simulation.acts import Acts
from simulation.events import Event
from simulation.plan import TeamPlan
from simulation.world import DISCORD

Step = tuple[datetime, int, Callable[[], Awaitable[None]]]
CREDENTIAL = "formative-data"
PARTS = 5
NUMBER = re.compile(r"action item #(\d+)")
CYCLE_WEEKS = 20  # the year's stage moves (every fourth week) start a new cycle every 20 weeks


# The line giving {owner} an item: {what}, due {due}. Typed on Slack and the console; on
# Discord a person picks the command and fills its options by name.
ACTION_ADD = "/plc action add {owner} {what} by {due}"
ACTION_ADD_ON = {DISCORD: "/plc action add owner: {owner} what: {what} due: {due}"}


def local(day: date, hour: int, minute: int, zone: str) -> datetime:
    return datetime.combine(day, time(hour, minute), ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))


def week(acts: Acts, seed: int, team: TeamPlan, monday: date, n: int) -> list[Step]:
    """Everything of the team's work in week `n` (from `monday`), each at its moment; drawn
    from a random stream of its own, so the rest of the year is as the seed made it."""
    rng = random.Random(f"work:{seed}:{team.channel}:{n}")
    thursday, zone = monday + timedelta(days=3), team.zone
    steps: list[Step] = []
    if n % CYCLE_WEEKS in (0, 2):
        fields = goal_fields(monday, n % CYCLE_WEEKS == 2)
        steps.append((local(monday, 10, 0, zone), 2, partial(goal, acts, team, fields)))
    if n % 2 == 0:  # a protocol every other session, its notes, then stopped
        steps.append((local(thursday, 15, 35, zone), 2, partial(protocol, acts, team, True)))
        for k in range(rng.randint(1, 2)):
            at = local(thursday, 15, 40 + 10 * k, zone)
            steps.append((at, 2, partial(note, acts, team, rng.random(), f"w{n + 1} n{k + 1}")))
        steps.append((local(thursday, 16, 20, zone), 2, partial(protocol, acts, team, False)))
    if rng.random() < 0.7:
        at = local(thursday, 16, 15, zone)
        steps.append((at, 2, partial(decision, acts, team, f"week {n + 1} decision")))
    for k in range(rng.randint(0, 2)):
        key, pick = f"{team.channel}:{n}:{k}", rng.random()
        at = local(thursday, 16, 0, zone) + timedelta(minutes=k)
        due = thursday + timedelta(days=7)
        steps.append((at, 2, partial(action, acts, team, key, pick, due)))
        if rng.random() < 0.6:  # the owner marks it done the Monday after
            later = local(monday + timedelta(days=7), 10, 0, zone)
            steps.append((later, 2, partial(done, acts, team, key, at)))
    for user in team.teachers:
        roll = random.Random(f"credential:{seed}:{user}").random()
        collects = roll < 0.35 or user == team.teachers[0]  # a third of them, one in each team
        if collects and (n == 0 or rng.random() < 0.3):
            at = local(monday + timedelta(days=1), 17, 15 * rng.randint(0, 3), zone)
            part = 0 if n == 0 else rng.randint(1, PARTS)
            steps.append((at, 2, partial(evidence, acts, team, user, part)))
    return steps


def goal_fields(monday: date, change: bool) -> dict[str, str]:
    if change:
        return {"target": "80%"}
    by = (monday + timedelta(weeks=12)).isoformat()
    return {
        "what": "place fractions on a number line",
        "measure": "unit exit ticket",
        "target": "70%",
        "by": by,
    }


def _present(acts: Acts, team: TeamPlan) -> list[str]:
    return [u for u in team.teachers if u not in acts.gone]


async def goal(acts: Acts, team: TeamPlan, fields: dict[str, str]) -> None:
    cid, who = team.community, team.facilitator
    acts.note("goal", community=cid, team=team.channel, user=who, fields=fields)
    line = " ".join(f"{k}: {v}" for k, v in fields.items())
    seen = await acts.say(cid, who, team.channel, f"/plc goal set {line}")
    acts.answered("goal set", team.channel, seen, "Saved the goal", "Updated the goal", "goal")


async def protocol(acts: Acts, team: TeamPlan, start: bool) -> None:
    cid, who = team.community, team.facilitator
    name = "Notice and wonder"
    acts.note("protocol", community=cid, team=team.channel, user=who, name=name, start=start)
    line = "/plc protocol start notice-and-wonder" if start else "/plc protocol stop"
    seen = await acts.say(cid, who, team.channel, line)
    acts.answered(
        f"protocol {'start' if start else 'stop'}", team.channel, seen, "Started", "Stopped"
    )


async def note(acts: Acts, team: TeamPlan, pick: float, label: str) -> None:
    people = _present(acts, team)
    if not people:
        return
    who = people[int(pick * len(people))]
    text = f"i notice the exit tickets show a pattern ({label})"
    acts.note("note", community=team.community, team=team.channel, user=who, text=text)
    seen = await acts.say(team.community, who, team.channel, f"/plc protocol note {text}")
    acts.answered("protocol note", who, seen, "Noted")


async def decision(acts: Acts, team: TeamPlan, text: str) -> None:
    cid, who = team.community, team.facilitator
    acts.note("decision", community=cid, team=team.channel, user=who, text=text)
    seen = await acts.say(cid, who, team.channel, f"/plc decision {text}")
    acts.answered("decision", team.channel, seen, "in the minutes")


async def action(acts: Acts, team: TeamPlan, key: str, pick: float, due: date) -> None:
    """The facilitator gives a teacher an item; the number they are told is the item's."""
    people = _present(acts, team)
    if not people:
        return
    owner = people[int(pick * len(people))]
    cid, who = team.community, team.facilitator
    what = f"share the {key.replace(':', '-')} sorting sheet"
    line = ACTION_ADD_ON.get(cid, ACTION_ADD).format(
        owner=acts.mention(cid, owner), what=what, due=due.isoformat()
    )
    seen = await acts.say(cid, who, team.channel, line)
    said = acts.answered("action add", team.channel, seen, "Added action item")
    found = NUMBER.search(said)
    if found is not None:
        number = int(found.group(1))
        where = {"community": cid, "team": team.channel, "user": who}
        item = {"owner": owner, "what": what, "due": due.isoformat(), "number": number}
        acts.note("action", **where, **item, key=key)


def since(acts: Acts, moment: datetime) -> Iterator[Event]:
    """The log's events from `moment` on, newest first (a look back, not through the year)."""
    stamp = moment.isoformat()
    for e in reversed(acts.log.events):
        if e.at < stamp:
            return
        yield e


async def done(acts: Acts, team: TeamPlan, key: str, added_at: datetime) -> None:
    """The owner closes the item by the number they were shown when it was added."""
    added = next((e for e in since(acts, added_at) if e.kind == "action" and e["key"] == key), None)
    if added is None or added["owner"] in acts.gone:
        return
    number, owner = added["number"], added["owner"]
    acts.note("done", community=team.community, team=team.channel, user=owner, number=number)
    seen = await acts.say(team.community, owner, team.channel, f"/plc action done {number}")
    acts.answered("action done", owner, seen, "Marked action item")


async def evidence(acts: Acts, team: TeamPlan, user: str, part: int) -> None:
    cid = team.community
    if user in acts.gone:
        return
    if part == 0:
        line = f"/plc credential start {CREDENTIAL}"
        text = ""
    elif part % 2:
        text = f"grade four math, twenty six students, week notes for part {part}"
        line = f"/plc credential add {CREDENTIAL} {part} {text}"
    else:
        text = f"https://drive.example.org/{user.lower()}/part-{part}"
        line = f"/plc credential add {CREDENTIAL} {part} {text}"
    acts.note("evidence", community=cid, user=user, credential=CREDENTIAL, part=part, text=text)
    seen = await acts.say(cid, user, team.channel, line)
    acts.answered("credential evidence", user, seen, "Added to part", "Using formative")
