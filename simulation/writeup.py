"""docs/simulation.md, written by the run: scale, seed, wall time, events, posts, the checks
and their counts, and every mismatch with the command that reproduces it."""

from __future__ import annotations

from pathlib import Path

from simulation.plan import Scale
from simulation.run import Result


def write(result: Result, path: Path) -> None:
    r, s = result, result.scale
    again = (
        f"make simulate SEED={r.seed} UNTIL={r.until.isoformat()} TEAMS={s.teams} "
        f"TEACHERS={s.teachers} WEEKS={s.weeks} SLACK={r.slack_mode}"
        + (f" PG=1 PROCESSES={r.processes}" if r.database.startswith("postgres") else "")
    )
    lines = [
        "# The school year, simulated",
        "",
        "Written by `make simulate` (simulation/): a seeded district acted out through the real",
        "Slack adapter (over the wire-level fake Slack), the real Discord adapter (over the fake",
        "Discord's gateway and REST) and the real console adapter, with the",
        "real scheduler's tick on a simulated clock; every figure plcbot answered is compared with",
        "an independent count made from the simulation's own event log: team reports and",
        "`report all`, reflections listings (facilitators, a co-facilitator before and after the",
        "role is revoked), each sampled teacher's streak and export (reflections, check-ins,",
        "PD minutes), forget receipts, and every scheduled post and reminder DM (none twice, none",
        "lost, none during a break); every post, DM and answer is scanned for reflections its",
        "reader was not meant to see.",
        "",
        *_figures(r, s),
        "",
        "## Events",
        "",
        "| kind | count |",
        "|---|---|",
        *[f"| {k} | {n} |" for k, n in sorted(r.events.items())],
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
