"""What a district's monitoring sees while teachers use the bot from Slack: the operations
listener's /metrics is scraped over HTTP as a scripted session runs (commands, a click, a form
of words, a DM, a mistyped command), and its counters move; no label value names a person, a
channel, a workspace or anything anyone typed. /healthz is the Slack server's own handler, and
/readyz says what keeps the process from serving."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.config import OperationsConfig
from bot.observe import use_metrics
from bot.platform import PlatformAdapter
from platform_fakes.slack.fake_slack import FakeSlack
from plcbot.metrics import PrometheusMetrics
from plcbot.ops import OperationsListener, Readiness
from tests.fakes import FakeStore
from tests.slack.conftest import Running, running
from tests.slack.test_commands import team_with_facilitator

WORDS = "Jaime cried during the fractions quiz; keep this between us"
DM_WORDS = "Marisol finally explained equivalent fractions to her table"
PEOPLE_AND_PLACES = ("UANA", "UFAY", "UTEO", "C1", "T1", "slack:T1", "Grade 4 Math", "Fractions")
TIMEOUT = aiohttp.ClientTimeout(total=10)
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


@dataclass
class Ops:
    url: str
    database: list[str | None]  # what the readiness check of the database says (None: fine)

    async def get(self, path: str) -> tuple[int, str]:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
            async with http.get(f"{self.url}{path}") as response:
                return response.status, await response.text()

    async def scrape(self) -> Samples:
        status, body = await self.get("/metrics")
        assert status == 200
        return {
            (s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(body)
            for s in family.samples
        }

    async def labels(self) -> set[str]:
        _, body = await self.get("/metrics")
        return {
            value
            for family in text_string_to_metric_families(body)
            for s in family.samples
            for value in s.labels.values()
        }


@asynccontextmanager
async def listening(adapter: PlatformAdapter) -> AsyncIterator[Ops]:
    """The composition root's wiring: metrics plugged into the core, the listener on port 0."""
    metrics = PrometheusMetrics()
    use_metrics(metrics)
    database: list[str | None] = [None]

    async def database_check() -> str | None:
        return database[0]

    listener = OperationsListener(
        OperationsConfig(port=0), metrics, Readiness(database_check, {"slack": adapter})
    )
    await listener.start()
    try:
        yield Ops(f"http://127.0.0.1:{listener.port}", database)
    finally:
        await listener.stop()
        use_metrics(None)


def requests(samples: Samples, kind: str, command: str, outcome: str = "ok") -> float:
    labels = {"platform": "slack", "kind": kind, "command": command, "outcome": outcome}
    return samples.get(("plcbot_requests_total", frozenset(labels.items())), 0.0)


def replies(samples: Samples, kind: str) -> float:
    labels = frozenset({"platform": "slack", "kind": kind}.items())
    return samples.get(("plcbot_reply_seconds_count", labels), 0.0)


async def a_session(r: Running, store: FakeStore) -> None:
    """Commands, a click, a reflection shared with the team, a DM and a mistyped command."""
    await team_with_facilitator(r.slack)
    await r.slack.reply(await r.slack.command("UFAY", "session open Fractions"))
    (session_id,) = store.state.sessions
    assert (await r.slack.click("UTEO", {"action_id": f"plc:checkin:{session_id}:4"})).status == 200
    assert "Saved" in await r.slack.reply(await r.slack.command("UTEO", f"reflect --team {WORDS}"))
    await r.slack.dm("UTEO", DM_WORDS)
    await r.slack.reply(await r.slack.command("UTEO", "sesion open"))


async def test_the_counters_move_as_a_slack_session_runs_and_no_label_names_anyone(
    fake: FakeSlack,
) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r, listening(r.adapter) as ops:
        before = await ops.scrape()
        assert requests(before, "command", "TeamCreate") == 0
        await team_with_facilitator(r.slack)
        after_team = await ops.scrape()
        assert requests(after_team, "command", "TeamCreate") == 1
        assert requests(after_team, "command", "RoleGrant") == 1
        assert replies(after_team, "command") == 3  # team create, norms, role grant: timed

        await a_session(r, store)
        after = await ops.scrape()
        assert requests(after, "command", "TeamCreate") == 1
        assert requests(after, "command", "TeamCreate", "refused") == 1  # C1 is a team already
        assert requests(after, "command", "SessionOpen") == 1
        assert requests(after, "click", "CheckInClick") == 1
        assert requests(after, "command", "Reflect") == 1
        assert requests(after, "command", "unread", "invalid") == 1  # "sesion open"
        assert replies(after, "click") == 1

        labels = await ops.labels()
    assert {"slack", "command", "click", "ok", "CheckInClick"} <= labels
    for value in labels:
        for secret in (*PEOPLE_AND_PLACES, WORDS, DM_WORDS, "Jaime", "Marisol", "curious"):
            assert secret not in value, f"a metric label carries {secret!r}: {value!r}"


async def test_healthz_is_the_slack_servers_own_answer_and_readyz_names_what_is_wrong(
    fake: FakeSlack,
) -> None:
    async with running(fake) as r, listening(r.adapter) as ops:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
            async with http.get(f"{r.slack.app_url}/healthz") as slack_health:
                slack_says = (slack_health.status, await slack_health.text())
        assert await ops.get("/healthz") == slack_says == (200, "ok")

        status, body = await ops.get("/readyz")
        assert (status, json.loads(body)) == (200, {"ready": True})

        ops.database[0] = "the database is not reachable (OSError)"
        status, body = await ops.get("/readyz")
        assert status == 503
        assert json.loads(body)["reason"] == "database: the database is not reachable (OSError)"
        ops.database[0] = None

        r.adapter.started.clear()  # Slack no longer connected
        status, body = await ops.get("/readyz")
        assert status == 503
        assert json.loads(body)["checks"] == {"slack": "not listening"}
        r.adapter.started.set()


@pytest.mark.parametrize("mode", ["http", "socket"])
async def test_a_rate_limited_post_counts_a_429_and_a_retry(fake: FakeSlack, mode: str) -> None:
    store = FakeStore()
    async with running(fake, mode=mode, uow=store.uow) as r, listening(r.adapter) as ops:
        await team_with_facilitator(r.slack)
        fake.fail_next("chat.postMessage", status=429, retry_after=1)
        await r.slack.reply(await r.slack.command("UFAY", "session open Fractions"))
        await fake.until(lambda: fake.in_channel("C1"))
        samples = await ops.scrape()
    limited = frozenset({"platform": "slack"}.items())
    assert samples[("plcbot_platform_rate_limited_total", limited)] >= 1
    retried = frozenset({"platform": "slack", "reason": "rate_limit"}.items())
    assert samples[("plcbot_platform_retries_total", retried)] >= 1
