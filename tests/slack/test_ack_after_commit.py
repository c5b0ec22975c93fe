"""Nothing acknowledged is lost. Slack never resends a click or an event it saw acknowledged,
so the ack must come only once what it changes is committed.

A real `plcbot run` process (Slack HTTP mode, PostgreSQL, the Web API pointed at the fake
Slack) takes a stream of check-in clicks and DM replies to a prompt; the test SIGKILLs it the
moment the k-th acknowledgement arrives (k = 1, 3, 6, a new process each time). Every request
that was answered 200 is in the database afterwards."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sys
from collections.abc import Awaitable
from pathlib import Path

import aiohttp
import pytest

from bot.chat_router import ChatRouter
from bot.clock import FixedClock
from bot.domain import CommunityRef, MessageRef, PostedMessage
from bot.service import PlcBot
from bot.usecases.context import Actor, Settings
from bot.usecases.reflections import PROMPT_DM
from platform_fakes.slack.fake_slack import FakeSlack
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeChat
from tests.harness import LIBRARIES, START
from tests.slack.driver import SECRET, Slack

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
COMMUNITY = "slack:T1"
STREAM = 12  # clicks and as many DM replies per process
KILL_AFTER = (1, 3, 6)
# A stream, not a flood: a few requests at a time, so the core answers well within the ack
# budget even on a busy test machine (past it the ack goes out first: see tasks.py).
IN_FLIGHT = 3
CONFIG = """
[bot]
data_dir = "{data}"
log_level = "INFO"
[slack]
port = {port}
[scheduler]
enabled = false
[operations]
port = 0
[web]
port = 0
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def users(round_: int, kind: str) -> list[str]:
    return [f"U{kind}{round_}X{n:02d}" for n in range(STREAM)]


async def a_team_with_an_open_session_and_a_prompt(uow: SqlUnitOfWorkFactory) -> tuple[int, int]:
    """Through the real core: a team in C1, a session open, a prompt DMed to every DM user."""
    router = ChatRouter()
    router.add("slack", FakeChat())
    bot = PlcBot(
        uow=uow, chat=router, libraries=LIBRARIES, clock=FixedClock(START), settings=Settings()
    )
    ana = Actor(CommunityRef("slack", "T1"), "UANA", "C1")
    for line in ('team create "Grade 4"', "session open Fractions", "prompt send"):
        assert (await bot.command(ana, line)).ok, line
    async with uow() as u:
        (delivery,) = await u.deliveries.list(COMMUNITY, 1)
        team = await u.teams.by_channel(COMMUNITY, "C1")
        assert team is not None
        session = await u.sessions.open_for(COMMUNITY, team.id)
        assert session is not None
        for round_ in range(len(KILL_AFTER)):
            for user in users(round_, "D"):
                ref = MessageRef(f"D{user}", "9.1")
                await u.posted.add(
                    PostedMessage(COMMUNITY, PROMPT_DM, delivery.id, ref, user, START)
                )
        await u.commit()
    return session.id, delivery.id


async def start_server(
    token: str, fake: FakeSlack, db_url: str, tmp: Path
) -> tuple[asyncio.subprocess.Process, str]:
    config = tmp / "plcbot.toml"
    config.write_text(CONFIG.format(data=tmp / "data", port=free_port()), encoding="utf-8")
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": token,
        "SLACK_API_URL": fake.api_url,
        "SLACK_HTTP_HOST": "127.0.0.1",
    }
    env.pop("SLACK_APP_TOKEN", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "plcbot", "--config", str(config), "run",
        cwd=ROOT, env=env, stderr=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    assert process.stderr is not None
    seen: list[str] = []
    while True:
        line = (await asyncio.wait_for(process.stderr.readline(), 30)).decode()
        seen.append(line)
        assert line, "plcbot run ended before serving:\n" + "".join(seen)
        found = re.search(r"HTTP mode on port (\d+)", line)
        if found:
            break

    async def drain() -> None:
        assert process.stderr is not None
        while await process.stderr.readline():
            pass

    asyncio.get_running_loop().create_task(drain())
    return process, f"http://127.0.0.1:{found.group(1)}"


async def stream_until_killed(
    slack: Slack, process: asyncio.subprocess.Process, round_: int, session_id: int, kill_after: int
) -> tuple[list[str], list[str]]:
    """Clicks and DMs, a few at a time; SIGKILL right after the k-th 200."""
    clicked: list[str] = []
    replied: list[str] = []

    def acked(into: list[str], user: str) -> None:
        into.append(user)
        if len(clicked) + len(replied) == kill_after:
            os.kill(process.pid, signal.SIGKILL)

    async def click(user: str) -> None:
        button = {"action_id": f"plc:checkin:{session_id}:4"}
        try:
            if (await slack.click(user, button)).status == 200:
                acked(clicked, user)
        except (TimeoutError, aiohttp.ClientError):
            pass  # killed before it was answered: not acknowledged

    async def reply(user: str) -> None:
        try:
            if (await slack.dm(user, f"Reply of {user}.")).status == 200:
                acked(replied, user)
        except (TimeoutError, aiohttp.ClientError):
            pass

    in_flight = asyncio.Semaphore(IN_FLIGHT)

    async def paced(work: Awaitable[None]) -> None:
        async with in_flight:
            await work

    tasks = []
    for c, d in zip(users(round_, "C"), users(round_, "D"), strict=True):
        tasks += [asyncio.create_task(paced(click(c))), asyncio.create_task(paced(reply(d)))]
    await asyncio.gather(*tasks)
    if process.returncode is None and len(clicked) + len(replied) < kill_after:
        os.kill(process.pid, signal.SIGKILL)
    await process.wait()
    return clicked, replied


async def test_every_click_and_dm_acknowledged_before_a_sigkill_is_stored(
    fake: FakeSlack, fresh_database: str, tmp_path: Path
) -> None:
    token = fake.add_workspace("T1").token
    uow = SqlUnitOfWorkFactory(make_engine(fresh_database))
    try:
        session_id, _ = await a_team_with_an_open_session_and_a_prompt(uow)
        total = 0
        for round_, kill_after in enumerate(KILL_AFTER):
            process, url = await start_server(token, fake, fresh_database, tmp_path)
            slack = Slack(fake, "http", app_url=url)
            try:
                warm = await slack.click(
                    f"UW{round_}", {"action_id": f"plc:checkin:{session_id}:3"}
                )
                assert warm.status == 200  # the process is warm: connected, imports done
                clicked, replied = await stream_until_killed(
                    slack, process, round_, session_id, kill_after
                )
            finally:
                await slack.close()
            assert process.returncode == -signal.SIGKILL
            total += len(clicked) + len(replied)
            async with uow() as u:
                checked_in = {
                    c.user_id for c in await u.checkins.for_session(COMMUNITY, session_id)
                }
                stored = {
                    user: [r.text for r in await u.reflections.by_user(COMMUNITY, user)]
                    for user in replied
                }
            assert set(clicked) <= checked_in, "an acknowledged click was lost"
            assert all(stored[user] == [f"Reply of {user}."] for user in replied), (
                "an acknowledged DM reply was lost"
            )
        assert total >= sum(KILL_AFTER)
    finally:
        await uow.dispose()
