"""docs/simulation.md, written by the run: scale, seed, wall time, events, posts, the checks
and their counts, and every mismatch with the command that reproduces it."""

from __future__ import annotations

import os
from pathlib import Path

from simulation.plan import Scale
from simulation.run import Result


def reproduce(r: Result) -> str:
    """The command that replays the run exactly: every setting that changes what happens."""
    s = r.scale
    return (
        f"make simulate SEED={r.seed} UNTIL={r.until.isoformat()} TEAMS={s.teams} "
        f"TEACHERS={s.teachers} WEEKS={s.weeks} SAMPLE={r.sample} SLACK={r.slack_mode}"
        + (f" PG=1 PROCESSES={r.processes}" if r.database.startswith("postgres") else "")
    )


def write(result: Result, path: Path) -> None:
    r, s = result, result.scale
    again = reproduce(r)
    lines = [
        "# The school year, simulated",
        "",
        *_intro(r),
        "",
        *_figures(r, s),
        "",
        "The wall time counts waiting as well as work: Slack's Retry-After in the two 429 storms",
        "(about 9 s) and, on a shared machine, waiting for a core (see the load). The CPU time is",
        "what the run costs; nearly all of it is plcbot's own (adapters, core, SQLAlchemy), the",
        "oracle and the checks a few per cent.",
        "",
        "## Events",
        "",
        "| kind | count |",
        "|---|---|",
        *[f"| {k} | {n} |" for k, n in sorted(r.events.items())],
        "",
        "## Daylight saving time",
        "",
        "Each team's Monday prompt (`mon 07:30`, the team's zone) on the school Monday either",
        "side of every change the run lived through: on the team's clock, where it arrived.",
        "",
        *([f"- {line}" for line in r.dst] or ["The run lived through no change of the clocks."]),
        "",
        "## Platform faults injected",
        "",
        *([f"- {f}" for f in r.faults] or ["None."]),
        "",
        "## Checks",
        "",
        "| check | times |",
        "|---|---|",
        *[f"| {k} | {n} |" for k, n in r.checks.items()],
        "",
        "## Mismatches",
        "",
    ]
    if not r.mismatches:
        lines.append("None.")
    for m in r.mismatches[:50]:
        lines.append(f"- {m.at} · {m.check} · {m.where}: expected `{m.expected}`, got `{m.got}`")
    if r.mismatches:
        lines += ["", f"Reproduce: `{again}`"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _intro(r: Result) -> list[str]:
    served = (
        " and the real console adapter"
        if r.processes == 1
        else f", served by {r.processes} `plcbot run` processes (Discord by the first)"
    )
    return [
        "Written by `make simulate` (simulation/): a seeded district acted out through the real",
        "Slack adapter (over the wire-level fake Slack), the real Discord adapter (over the fake",
        f"Discord's gateway and REST){served}, with the",
        "real scheduler's tick on a simulated clock; every figure plcbot answered is compared with",
        "an independent count made from the simulation's own event log: team reports and",
        "`report all`, reflections listings (facilitators, a co-facilitator before and after the",
        "role is revoked), each sampled teacher's streak and export (reflections, check-ins,",
        "PD minutes), forget receipts, and every scheduled post and reminder DM (none twice, none",
        "lost, none during a break, each Monday prompt at 07:30 on its team's clock either side",
        "of a DST change); every post, DM and answer is scanned for reflections its reader was",
        "not meant to see. Also: reflections by form, button and thread reply; the team's work",
        "on every platform, Discord's by its commands' options (minutes at each close, the",
        "cycle's goal, action items and their reminder DMs, `/plc minutes`, micro-credential",
        "portfolios); the retention job at each checkpoint (the district export holds exactly",
        "what remains); the web panel read over HTTP.",
    ]


def _figures(r: Result, s: Scale) -> list[str]:
    return [
        "| | |",
        "|---|---|",
        f"| seed | {r.seed} |",
        f"| scale | {s.teams} teams, {s.teachers} teachers, {s.weeks} weeks |",
        f"| simulated | up to {r.until.isoformat()} |",
        f"| database | {r.database} ({_served(r)}) |",
        f"| Slack | {'Socket Mode' if r.slack_mode == 'socket' else 'HTTP'} |",
        f"| wall time | {r.seconds:.0f} s |",
        f"| CPU time | {r.cpu_seconds:.0f} s (every thread of the simulation's process) |",
        f"| machine load | {r.load:.1f} (15-minute average at the end, on {os.cpu_count()} cores) |",
        f"| scheduler ticks | {r.ticks} |",
        f"| checkpoints | {r.checkpoints} |",
        f"| scheduled posts | {r.delivered.get('posts', 0)} |",
        f"| reminder DMs | {r.delivered.get('dms', 0)} |",
        f"| fire times skipped for a break | {r.breaks_skipped} |",
        f"| mismatches | {len(r.mismatches)} |",
    ]


def _served(r: Result) -> str:
    if r.processes == 1:
        return "one process"
    return (
        f"Slack served by {r.processes} `plcbot run` processes and Discord by the first, "
        "both ticking"
    )
