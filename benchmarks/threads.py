"""Where a burst's time goes, thread by thread: each thread's /proc schedstat (time on a CPU,
time runnable but waiting for one, times put on a CPU) sampled every few milliseconds while
the burst runs, then cut to the burst's window (time.perf_counter is CLOCK_MONOTONIC on
Linux, the load generator's clock too). A thread's window splits into running, waiting for
a core, and blocked: for an event loop's thread, idle in its selector."""

from __future__ import annotations

import math
import os
import threading
import time
from pathlib import Path

from benchmarks.plcbot_run import tree_pids

# (owner, pid, tid, name) -> (run ns, runqueue wait ns, times on a CPU)
Key = tuple[str, int, int, str]
Counts = dict[Key, tuple[int, int, int]]
# (owner, pid, tid, name) -> (running s, waiting s, times on a CPU) within a window
Used = dict[Key, tuple[float, float, int]]


def threads(owners: dict[str, int]) -> Counts:
    """Every thread of each owner's process tree."""
    found: Counts = {}
    for owner, root in owners.items():
        for pid in tree_pids(root):
            for task in Path(f"/proc/{pid}/task").glob("*"):
                try:
                    run, wait, slices = (task / "schedstat").read_text().split()
                    name = (task / "comm").read_text().strip()
                except (OSError, ValueError):
                    continue  # gone meanwhile
                found[(owner, pid, int(task.name), name)] = (int(run), int(wait), int(slices))
    return found


_TICKS = os.sysconf("SC_CLK_TCK")
MACHINE: Key = ("machine", 0, 0, "every core")  # its run: every core's busy time


def machine_busy_ns() -> int:
    """Every core's time spent on anything but idling and waiting for the disk, since boot."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    busy = sum(fields[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy * 1_000_000_000 // _TICKS


class Sampler:
    """`with Sampler({"server": pid}) as s: ...`, then `s.window(start, end)`; the machine's
    every core counts too, as MACHINE."""

    def __init__(self, owners: dict[str, int], every: float = 0.004) -> None:
        self.owners, self.every = owners, every
        self.samples: list[tuple[float, Counts]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            counts = threads(self.owners)
            counts[MACHINE] = (machine_busy_ns(), 0, 0)
            self.samples.append((time.perf_counter(), counts))
            time.sleep(self.every)

    def window(self, start: float, end: float) -> Used:
        """Each thread's use between the last sample before `start` and the first after
        `end` (a few milliseconds wider than the window)."""
        before = max((s for s in self.samples if s[0] <= start), key=lambda s: s[0])[1]
        after = min((s for s in self.samples if s[0] >= end), key=lambda s: s[0])[1]
        return {
            key: (
                (run - before[key][0]) / 1e9,
                (wait - before[key][1]) / 1e9,
                slices - before[key][2],
            )
            for key, (run, wait, slices) in after.items()
            if key in before
        }


def loop_figures(used: Used, owner: str, span: float, requests: int) -> dict[str, float]:
    """The owner's event loops (each process's main thread) and its other threads: CPU per
    request, and the loops' shares of the window idle and waiting for a core (averaged over
    the processes)."""
    loops = [u for (o, pid, tid, _), u in used.items() if o == owner and pid == tid]
    others = [u for (o, pid, tid, _), u in used.items() if o == owner and pid != tid]
    if not loops or span <= 0:
        return {}
    run = sum(u[0] for u in loops)
    wait = sum(u[1] for u in loops)
    return {
        "loop_cpu_ms": 1000 * run / requests,
        "threads_cpu_ms": 1000 * sum(u[0] for u in others) / requests,
        "loop_waiting": wait / (span * len(loops)),
        "loop_idle": max(0.0, 1 - (run + wait) / (span * len(loops))),
        "loop_on_cpu": sum(u[2] for u in loops) / requests,
    }


def postmaster() -> int | None:
    """The PostgreSQL server's first process on this machine (its backends are its children),
    if one runs here."""
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
            parent = Path(f"/proc/{fields['PPid'].strip()}/comm")
            if fields["Name"].strip() == "postgres" and (
                not parent.exists() or parent.read_text().strip() != "postgres"
            ):
                return int(fields["Pid"])
        except (OSError, KeyError, ValueError):
            continue
    return None


def cores_busy(used: Used, span: float, *, owner: str | None = None) -> float:
    """How many cores, on average over the window, the owner's threads kept busy (every
    sampled owner's when None; "machine": the machine's, whoever ran)."""
    run = sum(
        u[0] for (o, *_), u in used.items() if o == owner or (owner is None and o != "machine")
    )
    return run / span if span > 0 else math.nan
