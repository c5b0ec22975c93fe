"""The real Slack adapter, the real core and prompt library, against the wire-level fake Slack."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet

from adapters.slack.runner import SlackAdapter
from adapters.slack.settings import SlackConfig
from bot.chat_router import ChatRouter
from bot.clock import FixedClock
from bot.ports import UnitOfWorkFactory
from bot.service import PlcBot
from bot.usecases.context import Settings
from platform_fakes.slack.fake_slack import FakeSlack
from storage.installations import SqlInstallationStore
from tests.fakes import FakeStore
from tests.harness import LIBRARIES, START
from tests.slack.driver import SECRET, Slack

TOKEN_KEY = Fernet.generate_key().decode()


@dataclass
class Running:
    adapter: SlackAdapter
    bot: PlcBot
    slack: Slack
    fake: FakeSlack


@asynccontextmanager
async def running(
    fake: FakeSlack,
    *,
    mode: str = "http",
    uow: UnitOfWorkFactory | None = None,
    env: dict[str, str] | None = None,
    engine: Any | None = None,
    posts_per_second: float = 50.0,
    wrap: Callable[[PlcBot], PlcBot] | None = None,
    team: str = "T1",
    clock: FixedClock | None = None,
    mount: Callable[[Any, PlcBot], None] | None = None,
    budget: float | None = None,
) -> AsyncIterator[Running]:
    """Start the adapter (HTTP or Socket Mode) serving a PlcBot; stop it cleanly after.
    `budget`: the seconds the core has before a request is deferred (default: the adapter's)."""
    settings: dict[str, str] = {"SLACK_SIGNING_SECRET": SECRET, "SLACK_HTTP_HOST": "127.0.0.1"}
    if env is None:
        settings["SLACK_BOT_TOKEN"] = fake.add_workspace(team).token
    else:
        settings.update(env)
    if mode == "socket":
        settings["SLACK_APP_TOKEN"] = "xapp-1-A0PLCBOT-1-test"
    config = SlackConfig(port=0, channel_posts_per_second=posts_per_second)
    store = SqlInstallationStore(engine) if engine is not None else None
    adapter = SlackAdapter(
        env=settings, config=config, installations=store, states=store, base_url=fake.api_url
    )
    adapter.mount = mount
    if budget is not None:
        adapter.background.budget = budget
    router = ChatRouter()
    router.add("slack", adapter.chat)
    bot = PlcBot(
        uow=uow or FakeStore().uow,
        chat=router,
        libraries=LIBRARIES,
        clock=clock or FixedClock(START),
        settings=Settings(default_timezone="America/Chicago"),
    )
    stop = asyncio.Event()
    task = asyncio.create_task(adapter.run(wrap(bot) if wrap else bot, stop))
    started = asyncio.create_task(adapter.started.wait())
    await asyncio.wait({task, started}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        task.result()  # raises what stopped the adapter
    assert adapter.started.is_set(), "the Slack adapter did not start"
    if mode == "socket":
        await fake.connected()
    slack = Slack(fake, mode, app_url=f"http://127.0.0.1:{adapter.port}", team=team)
    try:
        yield Running(adapter, bot, slack, fake)
    finally:
        await slack.close()
        stop.set()
        await asyncio.wait_for(task, 15)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    """A fake Slack that allows 50 posts a second per channel (tests that are about pacing
    make their own at Slack's real rate)."""
    fake = await FakeSlack(post_rate=50, post_burst=4).start()
    yield fake
    await fake.stop()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'plcbot.sqlite3'}"
