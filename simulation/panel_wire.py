"""The web panel as the simulation reads it: the real panel (adapters/web) served on 127.0.0.1
beside the bot, and people who sign in and read pages over HTTP with a browser's cookie jar.
The console community signs in through the panel's local demo login form (loopback only); a
Slack member carries the sealed session the panel's Slack sign-in would issue (as the panel's
own tests do for a community the demo login does not serve). Pages are read back as tables and
text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import aiohttp
from aiohttp import web

from adapters.web.app import panel_app
from adapters.web.session import Sessions, new_key
from simulation.world import CONSOLE, World

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
TAG = re.compile(r"<[^>]+>")
TABLE = re.compile(r"<table\b.*?</table\s*>", re.DOTALL | re.IGNORECASE)
COOKIE = "plcbot_panel"


@dataclass
class Table:
    caption: str = ""
    rows: list[list[str]] = field(default_factory=list)


class Tables(HTMLParser):
    """Every table of a page: its caption and its body's rows, each cell's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self._cell: list[str] | None = None
        self._caption = False
        self._head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(Table())
        elif tag == "caption":
            self._caption = True
        elif tag == "thead":
            self._head = True
        elif tag == "tr" and self.tables and not self._head:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and not self._head and self.tables and self.tables[-1].rows:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._caption = False
        elif tag == "thead":
            self._head = False
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1].rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._caption and self.tables:
            self.tables[-1].caption += data.strip()
        elif self._cell is not None:
            self._cell.append(data)


def tables(page: str) -> dict[str, list[list[str]]]:
    """Only the tables are parsed, not the charts' SVG around them (most of a team page's
    tags: the parse was 20 ms a page, issue 20); outside a table the parser keeps nothing."""
    parser = Tables()
    for found in TABLE.finditer(page):
        parser.feed(found.group(0))
    return {t.caption: t.rows for t in parser.tables}


def text(page: str) -> str:
    """What a reader reads: the page without its tags."""
    return html.unescape(TAG.sub(" ", page))


class PanelWire:
    def __init__(self, world: World) -> None:
        self.world = world
        self.key = new_key()
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.pages = 0

    def _now(self) -> float:
        return self.world.now().timestamp()

    async def start(self) -> None:
        assert self.world.bot is not None
        app = panel_app(self.world.bot, self.key, demo_community=CONSOLE, now=self._now)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def read(self, cid: str, user: str, *paths: str) -> list[tuple[int, str]]:
        """`user` signs in and reads `paths`, in order: each page's status and HTML."""
        jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
        async with aiohttp.ClientSession(cookie_jar=jar) as browser:
            if cid == CONSOLE:
                await self._demo_sign_in(browser, user)
            else:
                sessions = Sessions(self.key, secure=False, now=self._now)
                sealed = web.Response()
                sessions.write(sealed, sessions.fresh(community_id=cid, user_id=user))
                jar.update_cookies({COOKIE: sealed.cookies[COOKIE].value})
            out = []
            for path in paths:
                async with browser.get(self.url + path, allow_redirects=False) as r:
                    out.append((r.status, await r.text()))
                self.pages += 1
            return out

    async def _demo_sign_in(self, browser: aiohttp.ClientSession, user: str) -> None:
        async with browser.get(self.url + "/signin") as r:
            found = CSRF.search(await r.text())
        form = {"csrf": found.group(1) if found else "", "user": user}
        async with browser.post(self.url + "/signin/demo", data=form, allow_redirects=False) as r:
            if r.status != 303:
                raise RuntimeError(f"the demo login refused {user}: {r.status}")
