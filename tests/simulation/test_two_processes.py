"""Two weeks of three teams, two on Slack and one on Discord, served by two real `plcbot run`
processes on one PostgreSQL database (both serve Slack, the first Discord too), both ticking the
scheduler at every moment on the simulation's clock: one process is killed with SIGKILL and
started again (the Discord one IDENTIFYs anew), the database is cut off twice (a tick and a
teacher meet the cut), the Discord gateway asks for a reconnect (op 7) as an interaction comes,
and every figure still agrees with the oracle, every scheduled post and reminder DM arrived once
(none twice across the processes, none lost), every Discord interaction was answered once, and
neither process logged an error or a reflection's words."""

from __future__ import annotations

import pytest

from simulation.databases import fresh_database
from simulation.plan import Scale
from simulation.run import simulate
from tests.simulation.test_school_year import seed_of_this_commit


@pytest.mark.slow
@pytest.mark.postgres
async def test_two_processes_a_kill_and_database_cuts_agree_with_the_oracle(
    postgres_server: str,
) -> None:
    seed = seed_of_this_commit()
    scale = Scale(teams=3, teachers=6, weeks=2)
    async with fresh_database(postgres_server, seed) as url:
        result = await simulate(seed, scale, url, sample=3, processes=2, cut_seconds=1)
    listed = "\n".join(
        f"{m.check} · {m.where}: {m.expected!r} != {m.got!r}" for m in result.mismatches
    )
    again = f"make simulate SEED={seed} PG=1 TEAMS=3 TEACHERS=6 WEEKS=2"
    assert not result.mismatches, f"{listed}\nreproduce: {again}"
    faults = "\n".join(result.faults)
    assert "killed (SIGKILL)" in faults and "started again" in faults, faults
    assert "ticks found no database" in faults, faults
    assert "told nothing was saved, and will try again" in faults, faults
    assert "told nothing was saved, and let it go" in faults, faults
    checks = result.checks
    assert checks["report"] >= 3 and checks["scheduled post"] >= 9, checks
    # Reminder DMs went out, or the few teachers of a two-week run had turned them off.
    assert checks.get("reminder DM", 0) + checks.get("reminders off", 0) > 0, checks
    assert result.events["reflect"] > 3, result.events
    assert checks["no reflection in a log"] == checks["nothing logged as an error"] == 2
    assert checks["Discord interaction answered once"] > 10, checks
    assert checks["Discord gateway resumed"] == checks["Discord fault caught an event"] == 1
    assert "the Discord gateway sends op 7" in faults, faults
