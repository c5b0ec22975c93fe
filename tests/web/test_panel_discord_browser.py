"""Sign in with Discord in a real browser (Debian's chromium driven by Playwright), everything
at the wire on 127.0.0.1: the fake Discord OAuth2 server (code flow, `identify` scope), the
panel, the core and SQLite storage. A teacher known in one server lands on their own page; a
facilitator known in two servers picks one on the server picker (which survives a reload and
keeps the provider's code out of the address bar) and lands on that server's team. The
session cookie is HttpOnly and SameSite=Lax, and every request the browser made stayed on
127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from aiohttp.test_utils import TestServer

from adapters.web.app import panel_app
from adapters.web.oauth import DiscordSignIn
from adapters.web.session import COOKIE, new_key
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness
from tests.web.conftest import local_browser
from tests.web.fake_providers import CLIENT_ID, CLIENT_SECRET, FakeDiscordOAuth


@dataclass
class World:
    panel: TestServer
    discord: FakeDiscordOAuth
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return str(self.panel.make_url(path))


@pytest.fixture
async def world(database_url: str) -> AsyncIterator[World]:
    """Server G1: D1 made "Grade 4 Math" (its admin) and leads it; D2 checked in there. Server
    G2: D1 made "Second school" and D2 has never used plcbot there."""
    uow = SqlUnitOfWorkFactory(make_engine(database_url))
    g1 = Harness(uow, community="G1", platform="discord")
    assert (await g1.say("D1", '/plc team create "Grade 4 Math" America/Chicago', "C5")).ok
    assert (await g1.say("D2", "/plc checkin 4 curious", "C5")).ok
    g2 = Harness(uow, community="G2", platform="discord")
    assert (await g2.say("D1", '/plc team create "Second school" UTC', "C7")).ok
    discord = FakeDiscordOAuth()
    discord.server = TestServer(discord.app(), host="127.0.0.1")
    await discord.server.start_server()
    sign_in = DiscordSignIn(
        CLIENT_ID,
        CLIENT_SECRET,
        authorize_url=discord.url("/oauth2/authorize"),
        api_url=discord.url("/api/"),
    )
    app = panel_app(g1.bot, new_key(), providers={"discord": sign_in})
    panel = TestServer(app, host="127.0.0.1")
    await panel.start_server()
    try:
        yield World(panel, discord)
    finally:
        await panel.close()
        await discord.server.close()
        await uow.dispose()


@pytest.fixture
async def browser(world: World) -> AsyncIterator[Any]:
    async with local_browser(world.requests) as context:
        yield context


async def signed_in_with_discord(world: World, browser: Any, user: str, heading: str) -> Any:
    """A new tab, signed in from the sign-in page, once it shows the page's `heading`."""
    from playwright.async_api import expect

    page = await browser.new_page()
    world.discord.user = user
    await page.goto(world.url("/signin"))
    await page.get_by_role("link", name="Sign in with Discord").click()
    await expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    return page


async def the_session_cookie(browser: Any) -> dict[str, Any]:
    cookies = [c for c in await browser.cookies() if c["name"] == COOKIE]
    assert len(cookies) == 1, cookies
    return dict(cookies[0])


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_a_teacher_signs_in_with_discord_and_reads_their_own_page(
    world: World, browser: Any
) -> None:
    from playwright.async_api import expect

    page = await signed_in_with_discord(world, browser, "D2", "Your page")
    assert urlsplit(page.url).path == "/me"
    asked = world.discord.asked[0]
    assert asked["scope"] == "identify" and asked["response_type"] == "code"
    assert asked["client_id"] == CLIENT_ID and asked["state"]
    assert asked["redirect_uri"] == world.url("/signin/discord/callback")
    cookie = await the_session_cookie(browser)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert await page.evaluate("document.cookie") == ""  # no script can read the session

    await page.get_by_role("link", name="Your PD-hours log").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text("PD hours")
    await page.get_by_role("button", name="Sign out").click()
    await expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    await page.goto(world.url("/me"))
    await expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_someone_in_two_servers_picks_one_in_the_browser_and_lands_on_its_team(
    world: World, browser: Any
) -> None:
    from playwright.async_api import expect

    page = await signed_in_with_discord(world, browser, "D1", "Choose a server")
    await page.reload()  # a reload asks again, it does not fail on a spent code
    await expect(page.get_by_role("heading", name="Choose a server", level=1)).to_be_visible()
    assert "code=" not in page.url and "state=" not in page.url  # not kept in the history
    await page.get_by_label("Server G2 (your teams: Second school)").check()
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("heading", name="Community", level=1)).to_be_visible()
    await expect(page.get_by_role("main")).to_contain_text("Second school")
    await expect(page.get_by_role("main")).not_to_contain_text("Grade 4 Math")
    await page.get_by_role("link", name="Second school").first.click()
    await expect(page.get_by_role("heading", name="Second school", level=1)).to_be_visible()
    assert len(world.discord.asked) == 1
