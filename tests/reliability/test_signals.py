"""SIGTERM and SIGINT end a real `plcbot run` with exit 0 in the states test_supervision.py
does not cover: idle with both platforms connected, the Discord gateway reconnecting to a
Discord that went away, and mid-command with a channel post still on its way (that post is
delivered before the adapters stop). The operations listener answers throughout: /readyz is
ready once both platforms are connected, and /metrics counts the command. One of them logs
as JSON lines (`[logging] format = "json"`), every line of its stderr read as JSON."""

from __future__ import annotations

import asyncio
import json
import re
import signal
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from platform_fakes.discord.fake_discord import FakeDiscord
from platform_fakes.slack.fake_slack import FakeSlack
from platform_fakes.slack.fake_webapi import Call, Workspace
from tests.reliability.plcbot_process import PlcbotRun
from tests.reliability.support import bounded
from tests.reliability.test_supervision import APP_TOKEN, SIGNALS, slack_help
from tests.slack.driver import Slack

POST_SECONDS = 3.0  # a channel post takes this long: the command's post is in flight at SIGTERM
TIMEOUT = aiohttp.ClientTimeout(total=10)


async def operations_url(run: PlcbotRun) -> str:
    await run.logged("operations listener on http://")
    found = re.search(r"operations listener on (http://[0-9.]+:\d+)", run.log)
    assert found is not None, run.tail
    return found.group(1)


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession(timeout=TIMEOUT) as http, http.get(url) as response:
        return response.status, await response.text()


async def ready(url: str, *, tries: int = 100) -> dict[str, object]:
    """Asks /readyz every 0.2 s until it answers 200 (the last answer is in the failure)."""
    said: tuple[int, str] = (0, "")
    for _ in range(tries):
        said = await get(f"{url}/readyz")
        if said[0] == 200:
            answer: dict[str, object] = json.loads(said[1])
            return answer
        await asyncio.sleep(0.2)
    raise AssertionError(f"/readyz never became ready: {said}")


@pytest.mark.parametrize("sig", SIGNALS, ids=["SIGTERM", "SIGINT"])
@bounded(55)
async def test_a_signal_while_idle_with_both_platforms_connected_exits_0(
    tmp_path: Path, fake_slack: FakeSlack, fake_discord: FakeDiscord, sig: int
) -> None:
    env = {
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_BOT_TOKEN": fake_slack.add_workspace("T1").token,
        "SLACK_API_URL": fake_slack.api_url,
        "DISCORD_TOKEN": fake_discord.token,
    }
    run = await PlcbotRun.start(
        tmp_path, env, discord_api=fake_discord.api_base, discord_gateway=fake_discord.gateway_url
    )
    try:
        ops = await operations_url(run)
        assert await get(f"{ops}/healthz") == (200, "ok")
        await fake_slack.connected(within=20)
        await fake_discord.connected(1, within=20)
        assert await ready(ops) == {"ready": True}
        await asyncio.sleep(1)  # nothing happening
        seconds = await run.terminate(sig, within=10)
        assert run.proc.returncode == 0, run.tail
        assert seconds < 10
    finally:
        await run.kill()


@bounded(55)
async def test_a_signal_while_the_discord_gateway_reconnects_to_a_vanished_discord_exits_0(
    tmp_path: Path,
) -> None:
    fake = FakeDiscord()
    await fake.start()
    env = {"DISCORD_TOKEN": fake.token}
    run = await PlcbotRun.start(
        tmp_path,
        env,
        discord_api=fake.api_base,
        discord_gateway=fake.gateway_url,
        more_config='[logging]\nformat = "json"\n',
    )
    try:
        ops = await operations_url(run)
        await fake.connected(1, within=20)
        await ready(ops)
        await vanish(fake)  # the gateway drops, and resuming or logging in again fails
        await asyncio.sleep(3)
        status, body = await get(f"{ops}/readyz")
        assert status == 503 and "discord" in json.loads(body)["checks"], body
        assert run.proc.returncode is None, run.tail
        seconds = await run.terminate(signal.SIGTERM, within=10)
        assert run.proc.returncode == 0, run.tail
        assert seconds < 10
        logged = [json.loads(line) for line in run.log.splitlines()]  # [logging] format = "json"
        assert {"plcbot", "plcbot.operations"} <= {line["logger"] for line in logged}
    finally:
        await run.kill()
        await fake.close()


async def vanish(fake: FakeDiscord) -> None:
    """Discord goes away: it stops listening, then its open gateway sockets close."""
    closing = asyncio.create_task(fake.close())
    await asyncio.sleep(0.2)  # no longer accepting connections
    for session in fake.gateway.sessions:
        if session.ws is not None and not session.ws.closed:
            await session.ws.close()
    await asyncio.wait_for(closing, 10)


class SlowSlack(FakeSlack):
    """Each channel post takes POST_SECONDS to be answered (it lands when it is answered)."""

    def __init__(self) -> None:
        super().__init__(post_rate=100.0)
        self.posting = asyncio.Event()

    async def _chat_postMessage(
        self, call: Call, ws: Workspace, request: web.Request
    ) -> web.Response:
        self.posting.set()
        await asyncio.sleep(POST_SECONDS)
        return await super()._chat_postMessage(call, ws, request)


@bounded(55)
async def test_a_signal_mid_command_delivers_its_post_then_exits_0(tmp_path: Path) -> None:
    fake = await SlowSlack().start()
    env = {
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_BOT_TOKEN": fake.add_workspace("T1").token,
        "SLACK_API_URL": fake.api_url,
    }
    run = await PlcbotRun.start(tmp_path, env)
    slack = Slack(fake, "socket", team="T1")
    try:
        ops = await operations_url(run)
        await fake.connected(within=20)
        assert "/plc checkin" in await slack_help(slack)
        created = await slack.command("UANA", 'team create "Grade 4 Math" America/Chicago')
        assert "Grade 4 Math" in await slack.reply(created)
        opened = await slack.command("UANA", "session open Fractions")
        await slack.reply(opened)  # answered at once; the session card is still being posted
        await asyncio.wait_for(fake.posting.wait(), 10)
        _, metrics = await get(f"{ops}/metrics")
        assert 'command="SessionOpen",kind="command",outcome="ok",platform="slack"} 1.0' in metrics
        seconds = await run.terminate(signal.SIGTERM, within=15)
        assert run.proc.returncode == 0, run.tail
        assert seconds < 15
        cards = [m for m in fake.in_channel("C1") if "Fractions" in m.text]
        assert cards, f"the session card in flight was lost at the signal:\n{run.tail}"
    finally:
        await slack.close()
        await run.kill()
        await fake.stop()
