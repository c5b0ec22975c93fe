"""The team's work checked against the oracle (simulation/work_model.py): the minutes posted
when each session closes (attendance, decisions, the action items added during it, the
protocol's notes, the cycle's goal); at each checkpoint the facilitator's `/plc cycle` (the
goal), `/plc action list` (the open items) and `/plc minutes` (the last session's), and each
collecting teacher's `/plc credential status`; at the end, every action-item reminder DM (the
day before, and overdue) against the oracle's."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from simulation import work
from simulation.acts import Acts
from simulation.checks import text_of
from simulation.lanes import side_by_side
from simulation.oracle import Oracle
from simulation.plan import TeamPlan
from simulation.work import CREDENTIAL, Step, local, since
from simulation.work_model import ACTION_REMINDER

LABELS = {
    "what students will be able to do": "what",
    "measure": "measure",
    "target": "target",
    "by when": "by",
}
SECTIONS = ("Agenda", "Decisions", "Action items", "Protocol notes", "Goal")
ITEM = re.compile(r"#(\d+)\*? (\S+) — (.+?) · due")
ATTENDANCE = re.compile(r"Attendance \((\d+)\)")
PORTFOLIOS = 12  # portfolios read at each checkpoint (a sample at a district's scale)
PORTFOLIO = re.compile(r"(\d+) of \d+ parts have evidence")
PART = re.compile(r"^(\d)\. .+ — (?:(\d+) pieces?|missing)")
BULLET = re.compile(r"\s*(?:•|- )")  # a list's item: Slack's and the console's •, Discord's "- "


def plain(line: str) -> str:
    line = line.strip().strip("*_=").strip()
    line = line[b.end() :] if (b := BULLET.match(line)) else line
    return line.strip().strip("*_").strip()


def who(mention: str) -> str:
    return mention.strip("<>@*").split("|", 1)[0].lower()


def goal_of(lines: list[str]) -> dict[str, str]:
    out = {}
    for line in lines:
        label, _, value = plain(line).partition(": ")
        if label.lower() in LABELS and value:
            out[LABELS[label.lower()]] = value.strip()
    return out


def read_minutes(text: str) -> dict[str, Any]:
    parts: dict[str, list[str]] = {s: [] for s in SECTIONS}
    current = None
    for raw in text.splitlines():
        line = plain(raw)
        head = next((s for s in SECTIONS if line.startswith(s)), None)
        if head is not None and not BULLET.match(raw):
            current = head
        elif current is not None and BULLET.match(raw):
            parts[current].append(line)
    items = [m.group(3) for line in parts["Action items"] if (m := ITEM.search(line))]
    attendance = ATTENDANCE.search(text)
    return {
        "attendance": int(attendance.group(1)) if attendance else -1,
        "decisions": parts["Decisions"],
        "items": items,
        "notes": [
            n for line in parts["Protocol notes"] for n in line.split(": ", 1)[-1].split("; ")
        ],
        "goal": goal_of(parts["Goal"]),
    }


def minutes_want(oracle: Oracle, plan: TeamPlan, *, attendance: bool) -> dict[str, Any] | None:
    team = oracle.communities[plan.community].teams[plan.channel]
    closed = [s for s in team.sessions if s.closed is not None]
    if not closed:
        return None
    want = oracle.work.minutes(plan.community, plan.channel, closed[-1].opened)
    return {"attendance": len(closed[-1].checkins), **want} if attendance else want


async def minutes_posted(acts: Acts, oracle: Oracle, plan: TeamPlan) -> None:
    """Right after the session closed: the minutes it posted in the channel."""
    oracle.follow(acts.world.now())
    want = minutes_want(oracle, plan, attendance=True)
    posts = (
        e["text"]
        for e in since(acts, acts.world.now())
        if e.kind == "post" and e["channel"] == plan.channel and "Minutes" in e["text"]
    )
    if want is not None:
        post = next(posts, None)
        got = read_minutes(post) if post is not None else {}
        acts.expect("minutes at close", plan.channel, want, got)


async def checkpoint(acts: Acts, oracle: Oracle) -> None:
    """Each team's facilitator reads the cycle record, the open action items and the minutes;
    a few teachers their portfolio; at once in the two-process world (simulation/lanes.py)."""
    world = acts.world
    oracle.follow(world.now())
    teams = (partial(_team, acts, oracle, plan) for plan in acts.district.teams)
    await side_by_side(world.parallel, teams)
    collecting = sorted(oracle.work.portfolios.items())
    picked = random.Random(world.stamp()).sample(collecting, min(PORTFOLIOS, len(collecting)))
    readers = (partial(_portfolio, acts, cid, user, p) for (cid, user), p in sorted(picked))
    await side_by_side(world.parallel, readers)


async def _team(acts: Acts, oracle: Oracle, plan: TeamPlan) -> None:
    world = acts.world
    cid, fac, channel = plan.community, plan.facilitator, plan.channel
    seen = await world.say(cid, fac, channel, "/plc cycle")
    want_goal = oracle.work.goal(cid, channel)
    acts.expect("cycle record", channel, want_goal, goal_of(text_of(seen).splitlines()))
    seen = await world.say(cid, fac, channel, "/plc action list")
    got = sorted(
        (int(m.group(1)), who(m.group(2)), m.group(3))
        for line in text_of(seen).splitlines()
        if (m := ITEM.search(line))
    )
    want = [(n, o.lower(), w) for n, o, w in oracle.work.open_items(cid, channel)]
    acts.expect("action list", channel, want, got)
    want_minutes = minutes_want(oracle, plan, attendance=False)
    if want_minutes is not None:
        seen = await world.say(cid, fac, channel, "/plc minutes")
        got_minutes = read_minutes(text_of(seen))
        got_minutes.pop("attendance")
        acts.expect("minutes", channel, want_minutes, got_minutes)


async def _portfolio(
    acts: Acts, cid: str, user: str, portfolios: dict[str, dict[int, int]]
) -> None:
    team = acts.district.teacher(cid, user)
    if team is None or CREDENTIAL not in portfolios:
        return
    seen = await acts.world.say(cid, user, team.team, f"/plc credential status {CREDENTIAL}")
    acts.expect("portfolio", user, portfolios[CREDENTIAL], read_portfolio(text_of(seen)))


def read_portfolio(text: str) -> dict[int, int]:
    out = {}
    for raw in text.splitlines():
        m = PART.match(plain(raw))
        if m and m.group(2):
            out[int(m.group(1))] = int(m.group(2))
    return out


def reminders(acts: Acts, oracle: Oracle, now: datetime) -> None:
    """Every action-item reminder DM, by owner, kind and day, against the oracle's; the last
    day is left out (its 08:00 may not have had a tick yet)."""
    oracle.follow(now)
    last = (now - timedelta(days=1)).date()
    for cid in sorted(oracle.communities):
        c = oracle.communities[cid]
        got = []
        for e in acts.log.of("dm"):
            if e["community"] == cid and e.get("scheduled") and ACTION_REMINDER in e["text"]:
                t = acts.district.teacher(cid, e["user"])
                zone = c.teams[t.team].zone if t is not None else None
                day = datetime.fromisoformat(e.at).astimezone(zone).date()
                kind = "overdue" if "overdue" in e["text"] else "before"
                got.append((e["user"], kind, day))
        want = [r for r in oracle.work.reminders(cid, now) if r[2] < last]
        acts.expect("action reminders", cid, want, sorted(r for r in got if r[2] < last))


def week_of_work(
    acts: Acts, oracle: Oracle, seed: int, plan: TeamPlan, monday: Any, n: int
) -> list[Step]:
    """The team's work of the week, and the minutes checked once its session has closed."""
    closed = local(monday + timedelta(days=3), 16, 30, plan.zone)
    return [
        *work.week(acts, seed, plan, monday, n),
        (closed, 5, partial(minutes_posted, acts, oracle, plan)),
    ]
