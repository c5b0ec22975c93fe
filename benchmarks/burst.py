"""The burst section of `python -m benchmarks` (issue 19, target 2): 500 signed `/plc checkin 4`
sent at once over 500 keep-alive connections opened beforehand, against

- bare Bolt (the floor: a constant reply, same Bolt settings),
- a real `plcbot run` with one HTTP process, on each backend,
- on PostgreSQL, a real `plcbot run` with `[slack] http_processes = 2` (SO_REUSEPORT),

interleaved repeat by repeat, each burst measured from the first request sent to the last
answer (in the ack, or at the response URL after a "Working on it…", whose ack is no answer).
It counts the acks that said "Working on it…", and records the machine's cores and its load
before each burst: two processes can only beat one when the machine has two cores free for
them (the load generator and PostgreSQL run beside)."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path
from typing import Any

from benchmarks import databases, servers
from benchmarks.plcbot_run import PlcbotRun
from benchmarks.procs import Child
from benchmarks.progress import say
from benchmarks.roundtrip import BURST, Load, Target, driving, run_one
from benchmarks.sections import CHANNEL, POOL, NewDatabase
from benchmarks.threads import Sampler, cores_busy, loop_figures, postmaster

BARE = "bare Bolt"


def label(backend_label: str, processes: int) -> str:
    return f"{backend_label} · {processes} process{'es' if processes > 1 else ''}"


def run_burst(
    fake: Child,
    backends: list[str],
    new_database: NewDatabase,
    workdir: Path,
    repeats: int,
    quick: bool,
) -> dict[str, Any]:
    users = databases.user_ids(POOL)
    with driving(fake, workdir, users, CHANNEL, log="burst-loadgen.log") as (targets, context):
        _start(targets, fake.info, backends, new_database, workdir, users)
        for target in targets:  # warm every process: a burst opens connections to each
            run_one(target, "command", Load(0, 100), record=False, **context)
            if not quick:
                run_one(target, "command", Load(50, 100), record=False, **context)
        for repeat in range(repeats):
            for target in targets:
                result = _one_burst(target, context)
                say(
                    f"burst {repeat + 1}/{repeats} {target.label:24s} "
                    f"{result['sustained']:7.1f}/s  working {result['working']:3d}  "
                    f"slowest {result['max'] * 1000:7.1f} ms  "
                    f"cpu {result['server_cpu_ms']:.2f} ms/req, loop {result['loop_cpu_ms']:.2f} "
                    f"in the window (idle {result['loop_idle']:.0%}, waiting for a core "
                    f"{result['loop_waiting']:.0%}), cores busy {result['cores_busy']:.2f} "
                    f"(machine {result['machine_busy']:.2f})  "
                    f"load {result['load_before']:.2f}"
                )
        return {
            "targets": {
                t.label: t.results.get("command", {}).get(f"burst {BURST}", []) for t in targets
            },
            "burst": BURST,
            "cpu_count": os.cpu_count(),
            "usable_cores": len(os.sched_getaffinity(0)),
        }


def _one_burst(target: Target, context: dict[str, Any]) -> dict[str, Any]:
    load_before = os.getloadavg()[0]
    owners = {"server": target.server.process.pid, "loadgen": context["loadgen"].process.pid}
    postgres = postmaster()
    if postgres is not None:
        owners["postgres"] = postgres
    with Sampler(owners) as sampler:
        result = run_one(target, "command", Load(0, BURST), **context)
        time.sleep(0.01)  # a sample after the last answer
    result["load_before"] = load_before
    # The server's threads within the acks' window (first sent to last ack read): where the
    # burst's time went (benchmarks/threads.py)
    start, end = result["first_sent_at"], result["last_done_at"]
    used = sampler.window(start, end)
    result.update(loop_figures(used, "server", end - start, BURST))
    # the cores the server, the load generator and PostgreSQL kept busy, and the machine's
    # every process (of cpu_count): what is left is what a second process could have had
    result["cores_busy"] = cores_busy(used, end - start)
    result["machine_busy"] = cores_busy(used, end - start, owner="machine")
    # Sustained: to the last answer, in the ack or (after "Working on it…") at the response
    # URL; a deferral's ack is not an answer. Within 10 ms (the fake Slack's polling).
    later = result["working"] > 0
    done = result["elapsed"] + (result["replies_waited"] if later else 0.0)
    answered = BURST - result["working"] + (result["replies_delivered"] if later else 0)
    result["sustained"] = answered / done
    return result


def _start(
    targets: list[Target],
    slack: dict[str, str],
    backends: list[str],
    new_database: NewDatabase,
    workdir: Path,
    users: list[str],
) -> None:
    """Bare Bolt, then `plcbot run` with one process on each backend, and with two on
    PostgreSQL (on the same database as the one-process run: they take turns)."""
    bare = Child(
        "burst-bare", servers.bare, slack["api_url"], slack["token"], log_file=workdir / "bb.log"
    )
    targets.append(Target(BARE, bare))
    for backend in backends:
        database = new_database(backend, "burst")
        asyncio.run(databases.seed_team_with_members(database.url, slack["team"], CHANNEL, users))
        counts = (1, 2) if backend == "postgresql" else (1,)
        for processes in counts:
            name = label(database.label, processes)
            server: Any = PlcbotRun(
                f"burst-{backend}-{processes}",
                database.url,
                slack["api_url"],
                slack["token"],
                processes,
                workdir,
            )
            targets.append(Target(name, server))
