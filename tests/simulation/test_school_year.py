"""A month of the school year for three teams (one on Slack, one on a Discord server, one at
the console), acted out through the real adapters and the real scheduler on a moved clock, with
a gateway op 7 and a dropped gateway connection on the way, and every figure plcbot
answered equal to the oracle's own count. The seed comes from the commit (SIMULATION_SEED
overrides it), so the suite walks a different month's worth of people over time."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from simulation.databases import fresh_database
from simulation.plan import Scale
from simulation.run import simulate
from simulation.writeup import reproduce

ROOT = Path(__file__).resolve().parents[2]
MONTH = Scale(teams=3, teachers=12, weeks=5)


def seed_of_this_commit() -> int:
    if os.environ.get("SIMULATION_SEED"):
        return int(os.environ["SIMULATION_SEED"])
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return 1
    return int(head[:8], 16) % 10_000 if head else 1


@pytest.mark.slow
async def test_a_month_of_three_teams_agrees_with_the_oracle_figure_by_figure() -> None:
    seed = seed_of_this_commit()
    mode = "socket" if seed % 2 else "http"  # over the commits, both of Slack's transports
    async with fresh_database(None, seed) as url:  # as `make simulate` makes it
        result = await simulate(seed, MONTH, url, sample=6, slack_mode=mode)
    again = reproduce(result)
    listed = "\n".join(
        f"{m.check} · {m.where}: {m.expected!r} != {m.got!r}" for m in result.mismatches
    )
    assert not result.mismatches, f"{listed}\nreproduce: {again}"
    # The run checked something of everything (not a vacuous pass).
    checks = result.checks
    for name in ("report", "reflections listing", "streak", "export", "community kept an admin"):
        assert checks.get(name, 0) >= 3, (name, checks)
    assert checks["scheduled post"] >= 25 and checks.get("reminder DM", 0) > 0
    assert result.breaks_skipped >= 3  # the holiday Monday's prompts, one per team
    assert result.events["forget"] >= 1 and result.events["reflect"] > 20
    assert checks["privacy"] > 200
    # Discord took part: its team's posts, people's interactions, both gateway faults.
    assert checks["Discord interaction answered once"] > 20
    assert checks["Discord gateway resumed"] == 1 and len(result.faults) >= 4
    on_discord = [e for e in result.log.of("post") if e["community"].startswith("discord:")]
    assert sum(1 for e in on_discord if e["scheduled"]) >= 5
    # The team's work is done on every platform (on Discord by the commands' options).
    for kind in ("goal", "protocol"):
        worked = {e["community"].split(":")[0] for e in result.log.of(kind)}
        assert worked == {"slack", "discord", "console"}, (kind, worked)
    # Forms, threads, retention, the team's work and the web panel (issue 20's second part).
    for name in (
        "reflect by form",
        "reflect in thread",
        "retention deleted",
        "retention kept",
        "panel team report",
        "panel check-ins per session",
        "panel reflections",
        "panel overview",
        "panel refuses a teacher the team page",
        "minutes at close",
        "minutes",
        "cycle record",
        "action list",
        "action done",
        "action reminders",
        "portfolio",
    ):
        assert checks.get(name, 0) > 0, (name, checks)


@pytest.mark.slow
@pytest.mark.postgres
async def test_two_weeks_on_postgresql_agree_with_the_oracle(postgres_server: str) -> None:
    """The same on PostgreSQL (one process), in a database of the run's own."""
    seed = seed_of_this_commit()
    scale = Scale(teams=3, teachers=9, weeks=2)
    async with fresh_database(postgres_server, seed) as url:
        result = await simulate(seed, scale, url, sample=4)
    listed = "\n".join(
        f"{m.check} · {m.where}: {m.expected!r} != {m.got!r}" for m in result.mismatches
    )
    assert not result.mismatches, f"{listed}\nreproduce: {reproduce(result)}"
    assert result.checks["report"] >= 3 and result.checks["scheduled post"] >= 9
