"""`[slack] http_processes = 2`: a real `plcbot run` serves Slack's port from two processes
(SO_REUSEPORT), against the wire-level fake Slack. Both answer signed slash commands on the one
port (each says which it is in X-Plcbot-Process); one killed, the other answers alone until
`plcbot run` has started it again; the scheduler runs in one process only; SIGTERM stops all."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import time
import urllib.parse
import uuid
from collections import Counter
from pathlib import Path

import aiohttp
import pytest
from slack_sdk.signature import SignatureVerifier

from platform_fakes.slack.fake_slack import FakeSlack
from tests.reliability.plcbot_process import PlcbotRun
from tests.scheduler.test_scheduler_process import alive, gone_within
from tests.slack.driver import SECRET

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="Linux"),
]

LISTENING = re.compile(r"HTTP mode on port (\d+), events at /slack/events \(process (\d) of 2\)")
EXTRA = re.compile(r"Slack HTTP process 1, pid (\d+) started")
SCHEDULER = "scheduler running: a tick every"


async def listening(run: PlcbotRun, processes: set[str], *, after: int = 0) -> int:
    """The port, once `processes` (numbers) say they listen on it (past log character `after`)."""
    async with asyncio.timeout(60):
        while {m.group(2) for m in LISTENING.finditer(run.log, after)} != processes:
            assert run.running, run.tail
            await asyncio.sleep(0.1)
    return int(LISTENING.search(run.log, after).group(1))  # type: ignore[union-attr]


async def logged(run: PlcbotRun, line: str, *, after: int) -> None:
    async with asyncio.timeout(30):
        while line not in run.log[after:]:
            assert run.running, run.tail
            await asyncio.sleep(0.05)


async def commands(port: int, count: int) -> Counter[str]:
    """`count` signed `/plc help`, each on a connection of its own (the kernel picks the
    process per connection); how many each process answered, by X-Plcbot-Process."""
    signer = SignatureVerifier(SECRET)
    answered: Counter[str] = Counter()
    connector = aiohttp.TCPConnector(force_close=True)
    async with aiohttp.ClientSession(connector=connector) as session:
        for n in range(count):
            body = urllib.parse.urlencode(
                {
                    "team_id": "T1",
                    "channel_id": "C1",
                    "user_id": f"U{n:03d}",
                    "command": "/plc",
                    "text": "help",
                    "api_app_id": "A0PLCBOT",
                    "response_url": "http://127.0.0.1:9/hook",
                    "trigger_id": f"{uuid.uuid4().hex}.t",  # each a new request
                }
            )
            stamp = str(int(time.time()))
            headers = {
                "content-type": "application/x-www-form-urlencoded",
                "x-slack-request-timestamp": stamp,
                "x-slack-signature": signer.generate_signature(timestamp=stamp, body=body),
            }
            url = f"http://127.0.0.1:{port}/slack/events"
            async with session.post(url, data=body, headers=headers) as response:
                assert response.status == 200
                said = await response.text()
                assert "/plc" in said, said
                answered[response.headers["X-Plcbot-Process"]] += 1
    return answered


async def start(fake: FakeSlack, tmp_path: Path) -> PlcbotRun:
    env = {
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": fake.add_workspace("T1").token,
        "SLACK_API_URL": fake.api_url,
    }
    return await PlcbotRun.start(
        tmp_path,
        env,
        slack="http_processes = 2\n",
        more_config="[scheduler]\npoll_seconds = 1\n",
    )


async def test_two_processes_share_the_port_survive_a_kill_and_run_one_scheduler(
    fake: FakeSlack, tmp_path: Path
) -> None:
    run = await start(fake, tmp_path)
    try:
        port = await listening(run, {"0", "1"})
        assert set(await commands(port, 40)) == {"0", "1"}

        found = EXTRA.search(run.log)
        assert found is not None, run.tail
        first = int(found.group(1))
        mark = len(run.log)
        os.kill(first, signal.SIGKILL)
        assert await gone_within(first, 10)
        # Once `plcbot run` has seen it die (a connection the kernel had given the dying
        # process's listener in that moment is reset: noted, issue 19's closing note).
        await logged(run, "the Slack HTTP process 1 adapter failed; restarting", after=mark)
        assert sum((await commands(port, 20)).values()) == 20  # the other answers every one

        await listening(run, {"1"}, after=mark)  # started again
        assert set(await commands(port, 40)) == {"0", "1"}
        again = EXTRA.search(run.log, mark)
        assert again is not None and int(again.group(1)) != first

        await run.logged(SCHEDULER)
        assert run.log.count(SCHEDULER) == 1  # in process 0 only, never in process 1
        await run.terminate(within=40)
    finally:
        await run.kill()
    assert run.proc.returncode == 0, run.tail
    assert not alive(int(again.group(1)))


async def test_an_extra_process_whose_plcbot_run_was_killed_stops_by_itself(
    fake: FakeSlack, tmp_path: Path
) -> None:
    run = await start(fake, tmp_path)
    try:
        await listening(run, {"0", "1"})
        found = EXTRA.search(run.log)
        assert found is not None, run.tail
        run.proc.kill()  # SIGKILL: plcbot run cannot stop it
        await run.proc.wait()
        assert await gone_within(int(found.group(1)), 30), run.tail
        await run.logged("is gone; the Slack HTTP process 1 stops", within=10)
    finally:
        await run.kill()
