"""`plcbot web` (the panel alone) posts what the panel causes: its bot's Chat is each
configured platform's poster, so a facilitator's stage change shows the stage card in the
team's channel (the fake Slack Web API on 127.0.0.1)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer

from adapters.web.app import Panel, install_panel
from adapters.web.session import Sessions, new_key
from bot.commands import intents
from bot.config import Config
from bot.domain import CycleStage
from bot.usecases.context import Actor
from platform_fakes.slack.fake_slack import FakeSlack
from plcbot.app import build_bot, open_storage
from plcbot.panel import panel_chat
from tests.harness import Harness
from tests.web.conftest import CSRF


async def test_the_panel_alone_posts_the_stage_card_in_the_channel(tmp_path: Path) -> None:
    fake = await FakeSlack().start()
    env = {
        "SLACK_SIGNING_SECRET": "s3cret",
        "SLACK_BOT_TOKEN": fake.add_workspace("T1").token,
        "SLACK_API_URL": fake.api_url,
    }
    config = Config(data_dir=tmp_path)
    try:
        async with open_storage(f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}") as storage:
            team = Harness(storage.uow, platform="slack", community="T1")
            await team.team_with_facilitator()  # ana admin, fay facilitator of C1
            async with panel_chat(config, storage, env) as chat:
                bot = build_bot(config, uow=storage.uow, chat=chat)
                fay = Actor(team.community, "fay", "C1")
                outcome = await bot.handle(fay, intents.StageSet(CycleStage.LEARN), via="submit")
                assert outcome.ok, outcome
        posted = " ".join(m.text for m in fake.in_channel("C1"))
        assert "Learn" in posted, posted
    finally:
        await fake.stop()


async def test_a_person_whose_chat_the_panel_cannot_post_to_is_told_so(tmp_path: Path) -> None:
    """Discord has no poster: `plcbot web` alone cannot post there, and its people read that
    on every page instead of a stage card that silently never arrives."""
    async with open_storage(f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}") as storage:
        team = Harness(storage.uow, platform="discord", community="G1")
        await team.team_with_facilitator()
        for posting, told in [(("slack",), True), (("discord", "slack"), False)]:
            app = web.Application()
            panel = Panel(team.bot, Sessions(new_key(), secure=False), "discord:G1")
            install_panel(app, replace(panel, posting=posting))
            server = TestServer(app, host="127.0.0.1")
            await server.start_server()
            try:
                jar = aiohttp.CookieJar(unsafe=True)
                async with aiohttp.ClientSession(cookie_jar=jar) as http:
                    async with http.get(server.make_url("/signin")) as r:
                        found = CSRF.search(await r.text())
                    assert found is not None
                    form = {"csrf": found.group(1), "user": "fay"}
                    async with http.post(server.make_url("/signin/demo"), data=form) as r:
                        body = await r.text()
                assert r.status == 200 and "<h1>Grade 4 Math</h1>" in body
                assert ("cannot post in your chat" in body) is told, posting
            finally:
                await server.close()
