"""The load generator, in a process of its own: signed Slack requests, open-loop.

Open-loop: request i is sent at start + i/rate whether or not earlier ones were answered (a
closed loop would slow down with the server and hide its queueing). Bodies and signatures are
made before the clock starts. Latency is from the moment a request is handed to the client
to the moment its HTTP response is read; `lag` is how late the generator itself sent it. The
first send and the last answer are also given on time.perf_counter's clock, CLOCK_MONOTONIC on
Linux, the same in every process (benchmarks/threads.py cuts its samples to that window)."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.parse
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from slack_sdk.signature import SignatureVerifier

from benchmarks.procs import Handlers
from benchmarks.stats import percentile

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # noqa: S105 - the tests' signing secret
WORKING = "Working on it…"
WORKING_BYTES = b"Working on it"  # the ack is JSON, where … is escaped
FORM = "application/x-www-form-urlencoded"


def slash_command(
    team: str, user: str, channel: str, response_url: str, n: int, text: str | None = None
) -> str:
    return urllib.parse.urlencode(
        {
            "token": "legacy",
            "team_id": team,
            "team_domain": "school",
            "channel_id": channel,
            "channel_name": "grade4",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/plc",
            "text": text or "checkin 4",
            "api_app_id": "A0PLCBOT",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": f"{n}.bench",
        }
    )


def checkin_click(
    team: str, user: str, channel: str, response_url: str, n: int, text: str | None = None
) -> str:
    """A click on a scheduled check-in post's "4" button (no session open: session id 0)."""
    payload = {
        "type": "block_actions",
        "team": {"id": team, "domain": "school"},
        "user": {"id": user, "team_id": team},
        "api_app_id": "A0PLCBOT",
        "token": "legacy",
        "enterprise": None,
        "is_enterprise_install": False,
        "trigger_id": f"{n}.bench",
        "container": {
            "type": "message",
            "message_ts": "1.0",
            "channel_id": channel,
            "is_ephemeral": False,
        },
        "channel": {"id": channel, "name": "grade4"},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": "plc:checkin:0:4#3",
                "block_id": "b1",
                "value": "plc:checkin:0:4",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


BODIES = {"command": slash_command, "click": checkin_click}


async def run(job: dict[str, Any]) -> dict[str, Any]:
    """job: url, kind, team, channel, users (ids to take in turn), response_url, rate
    (requests/s; 0 = all at once, the burst), count."""
    requests = _signed_requests(job)
    rate: float = job["rate"]
    latencies: list[float] = [float("nan")] * len(requests)
    lags: list[float] = [0.0] * len(requests)
    statuses: dict[str, int] = {}
    working = 0
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=60)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await _warm_connections(session, job["url"], job.get("connections", 8))
        loop = asyncio.get_running_loop()
        start = loop.time() + 0.05
        start_pc = time.perf_counter() + (start - loop.time())

        async def one(n: int) -> None:
            nonlocal working
            planned = start_pc + (n / rate if rate else 0.0)
            delay = planned - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            body, headers = requests[n]
            sent = time.perf_counter()
            lags[n] = sent - planned
            try:
                async with session.post(job["url"], data=body, headers=headers) as response:
                    raw = await response.read()
                    latencies[n] = time.perf_counter() - sent
                    key = str(response.status)
                    if WORKING_BYTES in raw:
                        working += 1
            except (aiohttp.ClientError, TimeoutError) as e:
                key = type(e).__name__
            statuses[key] = statuses.get(key, 0) + 1
            done[n] = time.perf_counter()

        done: list[float] = [0.0] * len(requests)
        await asyncio.gather(*(one(n) for n in range(len(requests))))
    answered = [x for x in latencies if x == x]
    first_sent = start_pc + min(lags)
    elapsed = max(done) - first_sent
    send_span = (len(requests) - 1) / rate if rate and len(requests) > 1 else 0.0
    return {
        "count": len(requests),
        "statuses": statuses,
        "working": working,
        "p50": percentile(answered, 50),
        "p95": percentile(answered, 95),
        "p99": percentile(answered, 99),
        "max": max(answered) if answered else float("nan"),
        "over_3s": sum(1 for x in answered if x > 3.0),
        "lag_p99": percentile(lags, 99),
        "offered": (len(requests) - 1) / send_span if send_span else float("nan"),
        "achieved": len(answered) / elapsed if elapsed > 0 else float("nan"),
        "elapsed": elapsed,
        "first_sent_at": first_sent,  # the window on the machine's clock (see above)
        "last_done_at": max(done),
    }


def _signed_requests(job: dict[str, Any]) -> list[tuple[bytes, dict[str, str]]]:
    """The job's requests, bodies and signed headers made before the clock starts."""
    make = BODIES[job["kind"]]
    users: list[str] = job["users"]
    signer = SignatureVerifier(SECRET)
    stamp = str(int(time.time()))
    requests = []
    for n in range(job["count"]):
        user = users[n % len(users)]
        body = make(job["team"], user, job["channel"], job["response_url"], n, job.get("text"))
        headers = {
            "content-type": FORM,
            "x-slack-request-timestamp": stamp,
            "x-slack-signature": signer.generate_signature(timestamp=stamp, body=body),
        }
        requests.append((body.encode(), headers))
    return requests


async def _warm_connections(session: aiohttp.ClientSession, url: str, connections: int) -> None:
    """Open `connections` keep-alive connections to the server first, a hundred at a time,
    so a burst measures the server and not the kernel's listen backlog. Each opening request
    is a GET the Slack endpoint refuses at once (405), before any of Bolt's code runs."""

    async def touch() -> None:
        async with session.get(url) as response:
            await response.read()

    # Each wave reuses the connections already open and opens at most a hundred more.
    for size in range(min(100, connections), connections + 100, 100):
        await asyncio.gather(*(touch() for _ in range(min(size, connections))))


async def setup() -> tuple[Handlers, Callable[[], Awaitable[None]]]:
    async def close() -> None:
        return None

    return {"run": run}, close
