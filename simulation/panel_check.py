"""The web panel at each checkpoint, read over HTTP and checked against the oracle: each team's
facilitator reads the team page (the report's figures as chat gives them, and the check-ins per
session chart's table) and the team's reflections page (the same reflections `/plc reflections`
must list); a teacher of the team asks for the team page and is refused; each community's admin
reads the overview (every team's stage, cycle, sessions, check-ins at the last session, arrival
and share of prompts answered). Every page read is logged as shown to its reader, so the oracle
finds any reflection a page showed someone its author did not choose."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import timedelta
from functools import partial

from simulation import figures, panel_figures
from simulation.acts import Acts
from simulation.checks import SHOWN_SESSIONS, read_report
from simulation.lanes import side_by_side
from simulation.oracle import TOKEN, Oracle
from simulation.panel_wire import PanelWire, tables, text
from simulation.plan import TeamPlan

ATTENDANCE = "Check-ins per session"
SAMPLED = 3  # teams per community whose pages a teacher and the admin read at a checkpoint
REPORT = re.compile(r'<section class="report">(.*?)</section>', re.DOTALL)


async def panel_checkpoint(acts: Acts, oracle: Oracle) -> None:
    world = acts.world
    if world.panel is None:  # served from the first checkpoint on, closed with the world
        world.panel = PanelWire(world)
        await world.panel.start()
    panel = world.panel
    oracle.follow(world.now())
    sampled = sample(acts)
    teams = acts.district.teams
    pages = (partial(_team, acts, oracle, panel, p, p.channel in sampled) for p in teams)
    await side_by_side(world.parallel, pages)  # at once in the two-process world
    for cid in acts.district.admins:
        await _overview(acts, oracle, panel, cid, sampled)


def sample(acts: Acts) -> set[str]:
    """The teams whose pages a teacher and the admin read too at this checkpoint: a few of each
    community, different ones each time (every team's facilitator reads theirs)."""
    rng = random.Random(acts.world.stamp())
    out: set[str] = set()
    for cid in acts.district.admins:
        channels = sorted(t.channel for t in acts.district.teams if t.community == cid)
        out |= set(rng.sample(channels, min(SAMPLED, len(channels))))
    return out


def _shown(acts: Acts, cid: str, user: str, page: str) -> str:
    said = text(page)
    acts.note("shown", community=cid, user=user, text=said)
    return said


async def _team(
    acts: Acts, oracle: Oracle, panel: PanelWire, plan: TeamPlan, sampled: bool
) -> None:
    cid, channel = plan.community, plan.channel
    c = oracle.communities[cid]
    team = c.teams[channel]
    await _team_pages(acts, oracle, panel, plan, plan.facilitator, "")
    teacher = next((u for u in plan.teachers if u not in c.forgotten and u in team.teachers), None)
    if teacher is not None and sampled:
        pages = await panel.read(cid, teacher, f"/teams/{channel}", "/me")
        for _status, page in pages:
            _shown(acts, cid, teacher, page)
        acts.expect("panel refuses a teacher the team page", teacher, 403, pages[0][0])


async def _team_pages(
    acts: Acts, oracle: Oracle, panel: PanelWire, plan: TeamPlan, reader: str, whose: str
) -> None:
    """`reader` reads the team's page and its reflections page: the report's figures, the
    check-ins per session, and the reflections they may read (the listing's own rule)."""
    cid, channel = plan.community, plan.channel
    c = oracle.communities[cid]
    team = c.teams[channel]
    (status, page), (rstatus, listing) = await panel.read(
        cid, reader, f"/teams/{channel}", f"/teams/{channel}/reflections"
    )
    acts.expect(f"panel team page{whose}", channel, 200, status)
    _shown(acts, cid, reader, page)
    section = REPORT.search(page)
    report = text(section.group(1)) if section else ""
    want = figures.report(c, team)
    want = replace(want, checked_in=want.checked_in[-SHOWN_SESSIONS:])
    acts.expect(f"panel team report{whose}", channel, want, read_report(report))
    rows = [tuple(r[1:]) for r in tables(page).get(ATTENDANCE, []) if len(r) == 3]
    acts.expect("panel check-ins per session", channel, panel_figures.attendance(team), rows)
    acts.expect(f"panel reflections page{whose}", channel, 200, rstatus)
    shown = sorted(set(TOKEN.findall(_shown(acts, cid, reader, listing))))
    want_shown = sorted(figures.listing(c, team, reader, acts.world.now()))
    acts.expect(f"panel reflections{whose}", channel, want_shown, shown)


async def _overview(
    acts: Acts, oracle: Oracle, panel: PanelWire, cid: str, sampled: set[str]
) -> None:
    c = oracle.communities[cid]
    admin = min(c.admins, default=acts.district.admins[cid])
    ((status, page),) = await panel.read(cid, admin, "/overview")
    _shown(acts, cid, admin, page)
    acts.expect("panel overview page", cid, 200, status)
    got = {r[0]: tuple(r[1:]) for r in tables(page).get("Teams", []) if len(r) == 8}
    want = {}
    days = oracle.kept_days
    kept = acts.world.now() - timedelta(days=days) if days else None
    for plan in acts.district.teams:
        if plan.community == cid:
            team = c.teams[plan.channel]
            row = panel_figures.overview_row(c, team, kept)
            want[plan.name] = row
            if plan.name in got:  # the stage's name and the last session's day are words
                seen = got[plan.name]
                got[plan.name] = (seen[0].split(".")[0], seen[1], seen[2], *seen[4:])
    acts.expect("panel overview", cid, want, got)
    for plan in acts.district.teams:
        if plan.community == cid and plan.channel in sampled:
            await _team_pages(acts, oracle, panel, plan, admin, " (admin)")
