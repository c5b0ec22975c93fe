"""`plcbot web` (the panel alone) posts what the panel causes: its bot's Chat is each
configured platform's poster, so a facilitator's stage change shows the stage card in the
team's channel (the fake Slack Web API on 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

from bot.commands import intents
from bot.config import Config
from bot.domain import CycleStage
from bot.usecases.context import Actor
from platform_fakes.slack.fake_slack import FakeSlack
from plcbot.app import build_bot, open_storage
from plcbot.panel import panel_chat
from tests.harness import Harness


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
