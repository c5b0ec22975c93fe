"""The panel as `plcbot run` serves it beside the Slack adapter, in a real browser (Debian's
chromium driven by Playwright), everything at the wire on 127.0.0.1: the fake Slack Web API,
the fake Slack OpenID Connect provider, the real adapter, core and SQLite storage. An admin
signs in with Slack, adds a schedule and sees its prompt posted in the channel when the
scheduler's tick reaches it (the clock is moved, nobody sleeps); a facilitator changes the
team's stage and the stage card is posted in the channel; both read the charts. Every request
the browser made stayed on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from adapters.web.app import Panel, install_panel
from adapters.web.oauth import SlackSignIn
from adapters.web.session import Sessions, new_key
from bot.clock import FixedClock
from bot.scheduling.runner import ScheduleRunner
from platform_fakes.slack.fake_slack import FakeSlack
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import LIBRARIES, START
from tests.slack.conftest import Running, running
from tests.slack.reading import blocks_text, readable
from tests.slack.test_commands import team_with_facilitator
from tests.web.conftest import local_browser
from tests.web.fake_providers import CLIENT_ID, CLIENT_SECRET, FakeSlackOpenId, Identity


@dataclass
class World:
    r: Running
    fake: FakeSlack
    openid: FakeSlackOpenId
    clock: FixedClock
    requests: list[str]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.r.adapter.port}{path}"

    def posts(self, channel: str = "C1") -> list[str]:
        return [readable(blocks_text(m.blocks)) for m in self.fake.in_channel(channel)]


def mounting(openid: FakeSlackOpenId) -> Callable[[Any, Any], None]:
    """The panel on the Slack adapter's server, as plcbot.panel.mount_on does, with Sign in
    with Slack pointed at the fake provider."""
    slack = SlackSignIn(
        CLIENT_ID,
        CLIENT_SECRET,
        authorize_url=openid.url("/openid/connect/authorize"),
        api_url=openid.url("/api/"),
        keys_url=openid.url("/openid/connect/keys"),
    )

    def mount(app: Any, bot: Any) -> None:
        install_panel(app, Panel(bot, Sessions(new_key(), secure=False), None, {"slack": slack}))

    return mount


@pytest.fixture
async def world(database_url: str) -> AsyncIterator[World]:
    uow = SqlUnitOfWorkFactory(make_engine(database_url))
    fake = await FakeSlack(post_rate=50, post_burst=4).start()
    openid = FakeSlackOpenId(who=Identity("T1", "UANA"))
    openid.server = TestServer(openid.app(), host="127.0.0.1")
    await openid.server.start_server()
    clock = FixedClock(START)  # Monday 14 Sep 2026, 10:00 in Chicago
    try:
        async with running(fake, uow=uow, clock=clock, mount=mounting(openid)) as r:
            await team_with_facilitator(r.slack)  # UANA admin, UFAY facilitator of C1
            await r.slack.reply(await r.slack.command("UMARIA", "checkin 4"))
            yield World(r, fake, openid, clock, [])
    finally:
        await openid.server.close()
        await fake.stop()
        await uow.dispose()


@pytest.fixture
async def page(world: World) -> AsyncIterator[Any]:
    async with local_browser(world.requests) as context:
        yield await context.new_page()


async def sign_in_with_slack(world: World, page: Any, user: str) -> None:
    world.openid.who = Identity("T1", user)
    await page.goto(world.url("/signin"))
    await page.get_by_role("link", name="Sign in with Slack").click()


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_an_admin_adds_a_schedule_in_the_panel_and_its_prompt_is_posted_when_due(
    world: World, page: Any
) -> None:
    from playwright.async_api import expect

    await sign_in_with_slack(world, page, "UANA")
    await expect(page.get_by_role("heading", name="Community", level=1)).to_be_visible()
    assert world.openid.asked and world.openid.asked[0]["scope"] == "openid"

    await page.get_by_label("Team", exact=True).select_option(label="Grade 4 Math")
    await page.get_by_label("Kind", exact=True).select_option("reflection_prompt")
    await page.get_by_label("When", exact=True).fill("mon 10:30")
    await page.get_by_role("button", name="Add schedule").click()
    await expect(page.get_by_role("status")).to_contain_text("Added schedule #")
    table = page.get_by_role("table", name="Schedules of Grade 4 Math")
    await expect(table).to_contain_text("Mon 14 Sep 10:30")

    before = len(world.posts())
    runner = ScheduleRunner(
        uow=world.r.bot._uow, chat=world.r.bot._chat, libraries=LIBRARIES, clock=world.clock
    )
    await runner.tick()
    assert len(world.posts()) == before  # 10:00 in Chicago: not yet
    world.clock.advance(minutes=31)
    await runner.tick()
    await world.fake.until(lambda: len(world.posts()) > before)
    prompt = "\n".join(world.posts()[before:])
    assert prompt.startswith("Reflection prompt\n") and "what surprised you?" in prompt, prompt

    await page.get_by_role("link", name="Overview").click()
    await expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    await expect(page.get_by_role("img", name="Participation across teams")).to_be_visible()
    await expect(page.get_by_role("table", name="Teams", exact=True)).to_contain_text(
        "Grade 4 Math"
    )


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_a_facilitator_changes_the_stage_in_the_panel_and_the_card_is_posted(
    world: World, page: Any
) -> None:
    from playwright.async_api import expect

    await sign_in_with_slack(world, page, "UFAY")
    await expect(page.get_by_role("heading", name="Grade 4 Math", level=1)).to_be_visible()
    for name in ("Check-ins per session", "Response rate per week", "Days in each cycle stage"):
        chart = page.get_by_role("img", name=name)
        await expect(chart).to_be_visible()
        box = await chart.bounding_box()
        assert box is not None and box["width"] > 200
        await expect(page.get_by_role("table", name=name)).to_be_visible()
    await expect(page.get_by_role("table", name="Days in each cycle stage")).to_contain_text(
        "cycle 1 · Analyze student data"
    )

    before = len(world.posts())
    await page.get_by_label("Move the team to").select_option("3")
    await page.get_by_role("button", name="Change stage").click()
    await expect(page.get_by_role("status")).to_contain_text("Moved")
    await world.fake.until(lambda: len(world.posts()) > before)
    card = "\n".join(world.posts()[before:])
    assert "Stage 3 of 5: Learn together" in card, card
    await expect(page.get_by_role("table", name="Days in each cycle stage")).to_contain_text(
        "cycle 1 · "
    )
    assert (await page.get_by_label("Move the team to").input_value()) == "3"
