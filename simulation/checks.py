"""Checkpoints: people ask plcbot what it knows (a facilitator's `/plc report` and
`/plc reflections`, teachers' `/plc me streak` and `/plc me export`, the admin's
`/plc report all`) through the adapters, and every figure is compared with the oracle's. At the
end, the scheduled posts and reminder DMs the platforms received are compared with the ones
the oracle says were due: none twice, none lost, none during a break."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from datetime import datetime
from functools import partial

from simulation import figures
from simulation.acts import Acts
from simulation.delivered import compare_delivered
from simulation.lanes import side_by_side
from simulation.oracle import TOKEN, Oracle
from simulation.plan import Teacher, TeamPlan
from simulation.slack_wire import Seen

SESSIONS = re.compile(r"(\d+) sessions?\b")
ARRIVAL = re.compile(r"average (\d+\.\d) of 5 over (\d+) check-ins?")
WRITTEN = re.compile(r"Reflections\W*: (\d+) written")
CHECKED_IN = re.compile(r"· (\d+) checked in")
STREAK = re.compile(r"(\d+) weeks? in a row\W* \((\d+) reflections? in all\)")
WRITTEN_ALL = re.compile(r"You have written (\d+) reflections?")
CYCLE = re.compile(r"Cycle\W*: cycle (\d+), stage (\d+)")
OVERVIEW = re.compile(
    r"(Team \d+) · stage (\d), cycle (\d+) · (\d+) sessions? · (?:arrival (\d+\.\d)|no check-ins)"
    r" · (\d+) reflections?"
)
SHOWN_SESSIONS = 10  # the report lists the last ten sessions


def text_of(seen: list[Seen]) -> str:
    return "\n".join(s.text for s in seen)


def read_report(text: str) -> figures.Report:
    sessions = SESSIONS.search(text)
    arrival = ARRIVAL.search(text)
    written = WRITTEN.search(text)
    cycle = CYCLE.search(text)
    return figures.Report(
        sessions=int(sessions.group(1)) if sessions else -1,
        checked_in=tuple(int(n) for n in CHECKED_IN.findall(text)),
        checkins=int(arrival.group(2)) if arrival else 0,
        arrival=arrival.group(1) if arrival else "",
        reflections=int(written.group(1)) if written else -1,
        stage=(int(cycle.group(1)), int(cycle.group(2))) if cycle else (-1, -1),
    )


def read_overview(text: str) -> dict[str, tuple[int, int, int, str, int]]:
    return {
        m.group(1): (
            int(m.group(2)),
            int(m.group(3)),
            int(m.group(4)),
            m.group(5) or "",
            int(m.group(6)),
        )
        for m in OVERVIEW.finditer(text)
    }


def read_streak(text: str) -> tuple[int, int]:
    if m := STREAK.search(text):
        return int(m.group(1)), int(m.group(2))
    if m := WRITTEN_ALL.search(text):
        return 0, int(m.group(1))
    return (0, 0) if "No reflections yet" in text else (-1, -1)


def read_export(seen: list[Seen]) -> dict[str, int]:
    for s in seen:
        for f in s.files:
            if f.lstrip().startswith(b"{"):
                data = json.loads(f)
                counts = {k: len(data.get(k, [])) for k in ("reflections", "checkins")}
                minutes = sum(int(row.get("minutes", 0)) for row in data.get("pd_hours", []))
                return {**counts, "pd_minutes": minutes}
    return {"reflections": -1, "checkins": -1, "pd_minutes": -1}


async def checkpoint(acts: Acts, oracle: Oracle, rng: random.Random, sample: int) -> None:
    """Each team's facilitator (and co-facilitator) reads the report and the listing, each
    community's admin `report all`, and the sampled teachers their streak and export; the teams'
    and the teachers' reads at once in the two-process world (simulation/lanes.py)."""
    world, district = acts.world, acts.district
    oracle.follow(world.now())
    await side_by_side(world.parallel, (partial(_team, acts, oracle, p) for p in district.teams))
    for cid in district.admins:
        admin = min(oracle.communities[cid].admins, default=district.admins[cid])
        channel = next(t.channel for t in district.teams if t.community == cid)
        seen = await world.say(cid, admin, channel, "/plc report all")
        found = "every learning team" in text_of(seen)
        acts.expect("community kept an admin", cid, True, found)
        c = oracle.communities[cid]
        want_all = {
            t.name: figures.overview_line(c, c.teams[t.channel])
            for t in district.teams
            if t.community == cid
        }
        acts.expect("report all", cid, want_all, read_overview(text_of(seen)))
    await _teachers(acts, oracle, rng, sample)


async def _team(acts: Acts, oracle: Oracle, plan: TeamPlan) -> None:
    world = acts.world
    c = oracle.communities[plan.community]
    team = c.teams[plan.channel]
    seen = await world.say(plan.community, plan.facilitator, plan.channel, "/plc report")
    want = figures.report(c, team)
    want = replace(want, checked_in=want.checked_in[-SHOWN_SESSIONS:])
    acts.expect("report", plan.channel, want, read_report(text_of(seen)))
    seen = await world.say(plan.community, plan.facilitator, plan.channel, "/plc reflections")
    oracle.follow(world.now())
    shown = set(TOKEN.findall(text_of(seen)))
    want_tokens = figures.listing(c, team, plan.facilitator, world.now())
    acts.expect("reflections listing", plan.channel, sorted(want_tokens), sorted(shown))
    await _co_facilitator(acts, oracle, plan)


async def _co_facilitator(acts: Acts, oracle: Oracle, plan: TeamPlan) -> None:
    """The teacher who co-facilitated reads the listing too: what a facilitator may, while
    they hold the role; nothing (refused) once it is revoked."""
    co = plan.teachers[0] if plan.teachers else None
    c = oracle.communities[plan.community]
    team = c.teams[plan.channel]
    if (
        co is None
        or co in c.forgotten
        or not any(e.kind == "role" and e["user"] == co for e in acts.log.of("role"))
    ):
        return
    seen = await acts.world.say(plan.community, co, plan.channel, "/plc reflections")
    oracle.follow(acts.world.now())
    shown = sorted(set(TOKEN.findall(text_of(seen))))
    holds = co in team.facilitators
    want = sorted(figures.listing(c, team, co, acts.world.now())) if holds else []
    acts.expect("co-facilitator's listing" if holds else "listing after revoke", co, want, shown)


async def _teachers(acts: Acts, oracle: Oracle, rng: random.Random, sample: int) -> None:
    people = [t for t in acts.district.teachers]
    picked = sorted(rng.sample(people, min(sample, len(people))), key=lambda t: t.user)
    await side_by_side(acts.world.parallel, (partial(_teacher, acts, oracle, t) for t in picked))


async def _teacher(acts: Acts, oracle: Oracle, t: Teacher) -> None:
    world = acts.world
    c = oracle.communities[t.community]
    zone = c.teams[t.team].zone
    seen = await world.say(t.community, t.user, t.team, "/plc me streak")
    today = world.now().astimezone(zone).date()
    acts.expect("streak", t.user, figures.streak(c, t.user, today), read_streak(text_of(seen)))
    seen = await world.say(t.community, t.user, t.team, "/plc me export")
    want = {
        **figures.export_counts(c, t.user),
        "pd_minutes": figures.pd_minutes(c, t.user, world.now()),
    }
    acts.expect("export", t.user, want, read_export(seen))
    oracle.follow(world.now())


def scheduled(acts: Acts, oracle: Oracle, now: datetime) -> dict[str, int]:
    """Every scheduled post and reminder DM against the oracle's, and every privacy breach the
    oracle found; returns how many posts and DMs were delivered."""
    oracle.follow(now)
    verdicts, delivered = compare_delivered(acts.log, oracle)
    for check, where, want, got in verdicts:
        acts.expect(check, where, want, got)
    for breach in oracle.breaches:
        acts.expect("privacy", breach.split(": ", 1)[0], "no breach", breach)
    acts.asked["privacy"] = acts.asked.get("privacy", 0) + len(acts.log.of("post", "dm", "shown"))
    return delivered
