"""The real web panel, the real core and storage, on 127.0.0.1; a browser-like client with a
cookie jar. Two communities: T1 (ana admin; Grade 4 Math in C1 led by fay; Grade 5 in C2 led by
gus; maria a teacher in C1) and T2 (zed its admin, team in C9)."""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from adapters.web.app import panel_app
from adapters.web.session import Sessions, new_key
from bot.service import PlcBot
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness

CHROMIUM = "/usr/bin/chromium"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class Clock:
    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


@dataclass
class Site:
    server: TestServer
    bot: PlcBot
    key: bytes
    clock: Clock
    t1: Harness
    t2: Harness

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))

    def client(self) -> Browser:
        jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
        return Browser(self, aiohttp.ClientSession(cookie_jar=jar))


@dataclass
class Browser:
    site: Site
    http: aiohttp.ClientSession
    csrf: str = ""

    async def get(self, path: str) -> tuple[int, str, aiohttp.ClientResponse]:
        async with self.http.get(self.site.url(path), allow_redirects=False) as r:
            body = await r.text()
        found = CSRF.search(body)
        if found:
            self.csrf = found.group(1)
        return r.status, body, r

    async def post(
        self, path: str, data: dict[str, str], *, csrf: str | None = None
    ) -> tuple[int, str, aiohttp.ClientResponse]:
        sent = {"csrf": self.csrf if csrf is None else csrf, **data}
        async with self.http.post(self.site.url(path), data=sent, allow_redirects=False) as r:
            body = await r.text()
        found = CSRF.search(body)
        if found:
            self.csrf = found.group(1)
        return r.status, body, r

    async def sign_in(self, user: str) -> str:
        """The demo login, as a person would use it: open the page, submit the form."""
        await self.get("/signin")
        status, body, r = await self.post("/signin/demo", {"user": user})
        assert status == 303, body
        await self.get(r.headers["Location"])  # as a browser follows it (a new CSRF token)
        return r.headers["Location"]

    async def close(self) -> None:
        await self.http.close()


async def seed(t1: Harness, t2: Harness) -> None:
    await t1.team_with_facilitator()  # ana admin, fay facilitator of C1
    assert (await t1.say("maria", "/plc checkin 4 curious")).ok
    assert (await t1.say("ana", '/plc team create "Grade 5" America/New_York', "C2")).ok
    assert (await t1.say("gus", "/plc checkin", "C2")).ok
    assert (await t1.say("ana", "/plc role grant @gus facilitator", "C2")).ok
    assert (await t1.say("fay", "/plc session open Fractions")).ok
    assert (await t1.say("maria", "/plc checkin 5")).ok
    assert (await t2.say("zed", '/plc team create "Other district" UTC', "C9")).ok


@pytest.fixture
async def site(database_url: str) -> AsyncIterator[Site]:
    uow = SqlUnitOfWorkFactory(make_engine(database_url))
    t1 = Harness(uow, community="T1")
    t2 = Harness(uow, community="T2")
    await seed(t1, t2)
    clock = Clock()
    key = new_key()
    app: web.Application = panel_app(t1.bot, key, demo_community="console:T1", now=clock)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield Site(server, t1.bot, key, clock, t1, t2)
    finally:
        await server.close()
        await uow.dispose()


@pytest.fixture
async def browser(site: Site) -> AsyncIterator[Browser]:
    b = site.client()
    yield b
    await b.close()


def session_cookie(site: Site, community: str, user: str) -> str:
    """A sealed session as the panel's sign-in would issue it (for a person of another
    community, whom the demo login cannot sign in)."""
    sessions = Sessions(site.key, secure=False, now=site.clock)
    response = web.Response()
    sessions.write(response, sessions.fresh(community_id=community, user_id=user))
    return response.cookies["plcbot_panel"].value


async def launch_chromium() -> tuple[Any, Any]:
    """Playwright and Debian's chromium; a browser that cannot start skips the test, or fails
    it under CI=true."""
    try:
        from playwright.async_api import async_playwright

        playwright = await async_playwright().start()
        return playwright, await playwright.chromium.launch(executable_path=CHROMIUM)
    except Exception as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the browser tests cannot start chromium: {error!r}", pytrace=False)
        pytest.skip(f"no browser: {error!r} (make browser installs Debian's chromium)")


@asynccontextmanager
async def local_browser(requests: list[str]) -> AsyncIterator[Any]:
    """A browser context (chromium) whose every request is noted in `requests`; once closed,
    every one of them must have stayed on 127.0.0.1."""
    playwright, browser = await launch_chromium()
    context = await browser.new_context()
    context.on("request", lambda request: requests.append(request.url))
    try:
        yield context
    finally:
        await browser.close()
        await playwright.stop()
    hosts = {urlsplit(url).hostname for url in requests}
    assert requests and hosts == {"127.0.0.1"}, f"requests left 127.0.0.1: {hosts}"
