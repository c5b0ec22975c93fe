"""Retention on the simulated clock: the daily retention job (bot.retention, as `plcbot run`
schedules it with the configured `[bot] retention_days`) run at each monthly checkpoint. The
oracle is told first (a "retention" event) and works out which reflections are older than the
setting and must be gone (check-ins stay: the setting is about reflections). The job's count
must agree, and the district's export (`plcbot export --community`) right after it must hold
exactly the reflections and check-ins the oracle says remain; every report, listing, streak and
export of the checkpoint that follows is checked as usual."""

from __future__ import annotations

import csv
import io
import json

from bot.district_export import community_export
from bot.retention import RetentionJob
from simulation.acts import Acts
from simulation.oracle import TOKEN, Oracle
from simulation.world import RETENTION_DAYS


async def expire(acts: Acts, oracle: Oracle, days: int = RETENTION_DAYS) -> None:
    world = acts.world
    oracle.follow(world.now())
    before = {cid: len(c.reflections) for cid, c in oracle.communities.items()}
    acts.note("retention", days=days)
    oracle.follow(world.now())
    want = {cid: n - len(oracle.communities[cid].reflections) for cid, n in before.items()}
    assert world.storage is not None
    job = RetentionJob(uow=world.storage.uow, clock=world.clock, default_days=days)
    report = await job.run()
    got = {cid: report.reflections_deleted.get(cid, 0) for cid in want}
    acts.expect("retention deleted", "every community", want, got)
    for cid in sorted(oracle.communities):
        acts.expect("retention kept", cid, remaining(oracle, cid), await exported(acts, cid))


def remaining(oracle: Oracle, cid: str) -> dict[str, object]:
    c = oracle.communities[cid]
    shared = [r for r in c.reflections if r.visibility != "private"]
    checkins = sum(len(s.checkins) for t in c.teams.values() for s in t.sessions)
    checkins += sum(len(t.loose) for t in c.teams.values())
    return {
        "shared": sorted(r.token for r in shared),
        "private": len(c.reflections) - len(shared),
        "checkins": checkins,
    }


async def exported(acts: Acts, cid: str) -> dict[str, object]:
    """What the district's export of the community holds now."""
    world = acts.world
    assert world.storage is not None
    async with world.storage.uow() as uow:
        files = {f.name: f.content for f in await community_export(uow, cid, world.now(), "sim")}
        await uow.commit()
    summary = json.loads(files["community.json"])
    rows = csv.DictReader(io.StringIO(files["reflections.csv"].decode("utf-8")))
    tokens = sorted(t for row in rows for t in TOKEN.findall(row["text"]))
    return {
        "shared": tokens,
        "private": summary["counts"]["private_reflections"],
        "checkins": summary["counts"]["checkins"],
    }
