"""The fake Slack of tests/slack in a process of its own, as Slack is on a machine of its own.

It enforces what the tests rely on (per-channel posting limit with 429 + Retry-After, Block
Kit limits, signatures of the tokens) and adds counters the benchmarks read over the pipe:
when each post arrived (time.monotonic is the same clock in every process on Linux)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from benchmarks.procs import Handlers
from benchmarks.stats import cpu_seconds, memory_mib
from platform_fakes.slack.fake_slack import FakeSlack
from platform_fakes.slack.fake_webapi import Call, Workspace

TEAM = "T0BENCH"


class CountingSlack(FakeSlack):
    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.reset()

    def reset(self) -> None:
        self.calls.clear()
        self.messages.clear()
        self._posted.clear()
        self.ephemerals.clear()
        self.responses.clear()
        self.responded.clear()
        self.posted = 0
        self.refused = 0  # 429s: the per-channel limit enforced
        self.first_post = 0.0
        self.last_post = 0.0
        self.started_cpu = cpu_seconds()
        self._waiting: tuple[int, asyncio.Event] | None = None

    async def _chat_postMessage(
        self, call: Call, ws: Workspace, request: web.Request
    ) -> web.Response:
        response = await super()._chat_postMessage(call, ws, request)
        if response.status == 429:
            self.refused += 1
        elif call.ok:
            now = time.monotonic()
            self.first_post = self.first_post or now
            self.last_post = now
            self.posted += 1
            # The benchmark counts; it does not read 10,000 posts back.
            self.messages.clear()
            self._posted.clear()
            if self._waiting and self.posted >= self._waiting[0]:
                self._waiting[1].set()
        self.calls.clear()
        return response

    async def wait_posts(self, count: int, within: float) -> dict[str, Any]:
        if self.posted < count:
            event = asyncio.Event()
            self._waiting = (count, event)
            try:
                await asyncio.wait_for(event.wait(), within)
            except TimeoutError:
                pass
            finally:
                self._waiting = None
        return {
            "posted": self.posted,
            "refused": self.refused,
            "first": self.first_post,
            "last": self.last_post,
            "cpu": cpu_seconds() - self.started_cpu,
        }


async def setup() -> tuple[Handlers, Callable[[], Awaitable[None]]]:
    # Slack's real posting rate: about one message a second per channel, short bursts.
    fake = await CountingSlack(post_rate=1.0, post_burst=4).start()
    token = fake.add_workspace(TEAM).token

    async def info() -> dict[str, str]:
        return {"url": fake.url, "api_url": fake.api_url, "token": token, "team": TEAM}

    async def response_url() -> str:
        return fake.response_url()

    async def responses(url: str) -> int:
        return len(fake.responses_to(url))

    async def wait_responses(url: str, count: int, within: float) -> dict[str, float]:
        start = time.monotonic()
        # Polling the fake's own record keeps platform_fakes/slack/fake_slack.py as the tests use it.
        while len(fake.responses_to(url)) < count and time.monotonic() - start < within:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        return {"count": len(fake.responses_to(url)), "waited": time.monotonic() - start}

    async def wait_posts(count: int, within: float) -> dict[str, Any]:
        return await fake.wait_posts(count, within)

    async def reset() -> None:
        fake.reset()

    async def memory() -> dict[str, float]:
        return memory_mib()

    handlers: Handlers = {
        "info": info,
        "response_url": response_url,
        "responses": responses,
        "wait_responses": wait_responses,
        "wait_posts": wait_posts,
        "reset": reset,
        "memory": memory,
    }
    return handlers, fake.stop
