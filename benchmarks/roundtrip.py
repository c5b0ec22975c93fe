"""1. Command round trip through the real HTTP endpoint, open-loop, against our app and the
bare Bolt floor; every target gets the same requests, interleaved repeat by repeat."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import loadgen
from benchmarks.procs import Child

KINDS = ("command", "click")
BURST = 500


@dataclass(frozen=True)
class Load:
    rate: float  # requests/s; 0 = a burst, all at once
    count: int

    @property
    def label(self) -> str:
        return f"burst {self.count}" if not self.rate else f"{self.rate:g}/s"


@dataclass
class Target:
    label: str  # "SQLite", "PostgreSQL", "bare Bolt"
    server: Child
    # results[kind][load.label] -> one dict per repeat
    results: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)


def loads(quick: bool) -> list[Load]:
    if quick:
        return [Load(10, 20), Load(50, 100), Load(200, 300), Load(0, BURST)]
    return [Load(10, 50), Load(50, 300), Load(200, 800), Load(0, BURST)]


class Users:
    """Teachers taken in turn across the whole run, so nobody meets the per-person throttle
    (30 a minute after a burst of 15): at 200 requests/s a teacher's turn comes every
    len(pool)/200 seconds."""

    def __init__(self, pool: list[str]) -> None:
        self.pool = pool
        self._next = 0

    def take(self, count: int) -> list[str]:
        start = self._next
        self._next = (self._next + count) % len(self.pool)
        return [self.pool[(start + n) % len(self.pool)] for n in range(min(count, len(self.pool)))]


def run_one(
    target: Target,
    kind: str,
    load: Load,
    *,
    loadgen: Child,
    fake: Child,
    users: Users,
    team: str,
    channel: str,
    record: bool = True,
    text: str | None = None,
) -> dict[str, Any]:
    response_url = fake.call("response_url")
    cpu_before = target.server.call("cpu")
    job = {
        "url": target.server.info["url"],
        "kind": kind,
        "team": team,
        "channel": channel,
        "users": users.take(load.count),
        "response_url": response_url,
        "rate": load.rate,
        "count": load.count,
        "connections": load.count if not load.rate else 8,
        "text": text,
    }
    result: dict[str, Any] = loadgen.call("run", job)
    # Replies owed after the ack (a click's answer, a command's answer after "Working on
    # it…") go to the response URL: wait for them, so one run's tail never overlaps the next.
    owed = result["working"] + (
        load.count if kind == "click" and target.label != "bare Bolt" else 0
    )
    if owed:
        waited = fake.call("wait_responses", response_url, owed, 60.0)
        result["replies_owed"] = owed
        result["replies_delivered"] = waited["count"]
        result["replies_waited"] = waited["waited"]
    result["server_cpu_ms"] = 1000 * (target.server.call("cpu") - cpu_before) / load.count
    if record:
        target.results.setdefault(kind, {}).setdefault(load.label, []).append(result)
    return result


def warm_up(target: Target, **kw: Any) -> None:
    for kind in KINDS:
        run_one(target, kind, Load(50, 100), record=False, **kw)


@contextlib.contextmanager
def driving(
    fake: Child, workdir: Path, pool: list[str], channel: str, *, log: str = "loadgen.log"
) -> Iterator[tuple[list[Target], dict[str, Any]]]:
    """A load generator of its own, and the targets the caller starts (closed, with it, after):
    yields the list to add them to and the context `run_one` takes."""
    targets: list[Target] = []
    loadgen_child = Child("loadgen", loadgen.setup, log_file=workdir / log)
    context = {
        "loadgen": loadgen_child,
        "fake": fake,
        "users": Users(pool),
        "team": fake.info["team"],
        "channel": channel,
    }
    try:
        yield targets, context
    finally:
        for target in targets:
            target.server.close()
        loadgen_child.close()
