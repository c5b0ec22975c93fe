"""The servers under test, each in a process of its own.

`ours`: what `plcbot run` starts for Slack in HTTP mode (plcbot/app.py run_adapters): the
migrated database, the SlackAdapter's aiohttp server with Bolt (process_before_response=True),
a PlcBot built by build_bot with background delivery, the Web API pointed at the fake Slack.

`bare`: the floor. A slack-bolt AsyncApp with the same Bolt settings (same client, signing
secret, process_before_response=True) answering the same command with a constant ephemeral
reply and acking the same button, served by Bolt's own aiohttp app."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from benchmarks.loadgen import SECRET
from benchmarks.procs import Handlers
from benchmarks.stats import cpu_seconds, memory_mib

PATH = "/slack/events"


def _logging() -> None:
    from plcbot.app import configure_logging

    configure_logging("INFO")  # plcbot run's default level


async def ours(
    db_url: str, api_url: str, token: str
) -> tuple[Handlers, Callable[[], Awaitable[None]]]:
    _logging()
    from adapters.slack.runner import SlackAdapter
    from adapters.slack.settings import SlackConfig
    from bot.chat_router import ChatRouter
    from bot.config import Config
    from plcbot.app import build_bot, open_storage

    storage_cm = open_storage(db_url)
    storage = await storage_cm.__aenter__()
    env = {"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": token, "SLACK_HTTP_HOST": "127.0.0.1"}
    config = Config()
    adapter = SlackAdapter(
        env=env,
        config=SlackConfig(port=0),
        installations=storage.installations,
        states=storage.installations,
        base_url=api_url,
    )
    router = ChatRouter()
    router.add("slack", adapter.chat)
    bot = build_bot(config, uow=storage.uow, chat=router, background=True)
    stop = asyncio.Event()
    task = asyncio.create_task(adapter.run(bot, stop))
    await asyncio.wait(
        {task, asyncio.create_task(adapter.started.wait())},
        timeout=30,
        return_when=asyncio.FIRST_COMPLETED,
    )
    if task.done():
        task.result()

    async def close() -> None:
        stop.set()
        await task
        await bot.drain()
        await storage_cm.__aexit__(None, None, None)

    return _handlers(f"http://127.0.0.1:{adapter.port}{PATH}"), close


async def bare(api_url: str, token: str) -> tuple[Handlers, Callable[[], Awaitable[None]]]:
    _logging()
    app = AsyncApp(
        client=AsyncWebClient(token=token, base_url=api_url),
        signing_secret=SECRET,
        process_before_response=True,
    )

    @app.command("/plc")
    async def command(ack: Any) -> None:
        await ack(response_type="ephemeral", text="Checked in: *Ready to dig in*.")

    @app.action("plc:checkin:0:4#3")
    async def click(ack: Any) -> None:
        await ack()

    runner = web.AppRunner(app.web_app(path=PATH))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return _handlers(f"http://127.0.0.1:{port}{PATH}"), runner.cleanup


def _handlers(url: str) -> Handlers:
    async def info() -> dict[str, Any]:
        return {"url": url, "pid": os.getpid()}

    async def cpu() -> float:
        return cpu_seconds()

    async def memory() -> dict[str, float]:
        return memory_mib()

    return {"info": info, "cpu": cpu, "memory": memory}
