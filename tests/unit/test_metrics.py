"""The core reports through its Metrics port, and plcbot/metrics.py counts it in Prometheus
terms: scheduled runs by state and their lag, adapter restarts, requests the database did not
serve, refused and invalid requests, all read back from the exposition text."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from bot.supervision import supervise
from plcbot.metrics import PrometheusMetrics
from tests.harness import Harness
from tests.unit.test_scheduling import chicago, scheduled


def value(metrics: PrometheusMetrics, name: str, **labels: str) -> float:
    text = generate_latest(metrics.registry).decode()
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return float(sample.value)
    return 0.0


async def test_scheduled_runs_are_counted_by_state_and_their_lag_observed(
    h: Harness, metrics: PrometheusMetrics
) -> None:
    await scheduled(h, "stage_nudge")
    assert (await h.say("ana", "/plc calendar off 2026-09-15..2026-09-15 Testing")).ok
    runner = h.runner(grace_minutes=60)
    h.clock.set(chicago("2026-09-14", "16:45"))  # 45 minutes late: posted
    await runner.tick()
    h.clock.set(chicago("2026-09-15", "16:00"))  # a day off: skipped
    await runner.tick()
    h.clock.set(chicago("2026-09-16", "17:30"))  # 90 minutes late: missed
    await runner.tick()
    runs = {
        s: value(metrics, "plcbot_scheduler_runs_total", state=s)
        for s in ("claimed", "sent", "failed", "skipped", "missed")
    }
    assert runs == {"claimed": 2, "sent": 1, "failed": 0, "skipped": 1, "missed": 1}
    assert value(metrics, "plcbot_scheduler_lag_seconds_count") == 1
    lag = value(metrics, "plcbot_scheduler_lag_seconds_sum")
    assert lag == timedelta(minutes=45).total_seconds()


async def test_a_restarted_adapter_is_counted_by_name(metrics: PrometheusMetrics) -> None:
    stop = asyncio.Event()
    starts = 0

    async def fails_twice() -> None:
        nonlocal starts
        starts += 1
        if starts <= 2:
            raise RuntimeError("the platform went away")
        stop.set()

    await asyncio.wait_for(supervise("discord", fails_twice, stop, first_retry=0.01), 5)
    assert value(metrics, "plcbot_adapter_restarts_total", adapter="discord") == 2


async def test_requests_the_database_did_not_serve_are_counted_with_their_outcome(
    h: Harness, metrics: PrometheusMetrics
) -> None:
    await h.team_with_facilitator()
    labels = {"platform": "console", "kind": "command", "command": "ShowNorms"}
    served = value(metrics, "plcbot_requests_total", **labels, outcome="ok")
    h.store.unavailable = True
    assert not (await h.say("ana", "/plc norms")).ok
    h.store.unavailable = False
    assert (await h.say("ana", "/plc norms")).ok
    assert value(metrics, "plcbot_database_errors_total") == 1
    assert value(metrics, "plcbot_requests_total", **labels, outcome="unavailable") == 1
    assert value(metrics, "plcbot_requests_total", **labels, outcome="ok") == served + 1


async def test_refused_and_invalid_requests_have_outcomes_of_their_own(
    h: Harness, metrics: PrometheusMetrics
) -> None:
    await h.team_with_facilitator()
    assert not (await h.say("bo", "/plc stage next")).ok  # a teacher: facilitators only
    assert not (await h.say("ana", "/plc checkin 9")).ok  # 1 to 5
    assert not (await h.say("ana", "/plc sesion open")).ok
    command = {"platform": "console", "kind": "command"}
    assert (
        value(metrics, "plcbot_requests_total", **command, command="StageNext", outcome="refused")
        == 1
    )
    assert (
        value(metrics, "plcbot_requests_total", **command, command="unread", outcome="invalid") == 2
    )
