"""What the district section measures, and against which target: each request as a function
of the sample's number (so the samples spread over the district's teams and teachers)."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import aiohttp
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine

from benchmarks.district import REF, Counter, Sink
from benchmarks.district_seed import ADMIN, COMMUNITY, District, channel, members_of, teacher

# label -> (seconds, the figure held to it: p95 of the samples, or the one run's time)
TARGETS: dict[str, tuple[float, str]] = {
    "/plc report (a team)": (0.050, "p95"),
    "/plc report all": (0.300, "p95"),
    "/plc reflections": (0.050, "p95"),
    "/plc me export": (0.300, "p95"),
    "district export (plcbot export)": (10.0, "p95"),
    "panel: team page": (0.150, "p95"),
    "panel: district overview": (0.150, "p95"),
    "panel: community page": (0.050, "p95"),
    "panel: your page": (0.050, "p95"),
    "panel: team reflections": (0.050, "p95"),
    "/plc me forget (busiest teacher)": (0.500, "max"),
    "retention job over the year": (30.0, "max"),
}
OVERVIEW_PATHS = ("/district", "/overview", "/community/overview")  # the first that answers


@dataclass
class Measured:
    """The product as `plcbot run` builds it, on the seeded database, and its panel served on
    127.0.0.1 with a session cookie per person."""

    bot: Any
    counter: Counter
    district: District
    storage: Any
    http: aiohttp.ClientSession
    base: str
    key: bytes
    workdir: Path

    @classmethod
    @asynccontextmanager
    async def open(cls, url: str, district: District, workdir: Path) -> AsyncIterator[Measured]:
        from adapters.web.app import panel_app
        from adapters.web.session import new_key
        from bot.clock import FixedClock
        from bot.config import Config
        from plcbot.app import build_bot, open_storage

        async with open_storage(url) as storage:
            clock = FixedClock(district.now)
            bot = build_bot(Config(), uow=storage.uow, chat=Sink(), clock=clock, throttled=False)
            key = new_key()
            runner = web.AppRunner(panel_app(bot, key), access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            port = runner.addresses[0][1]
            http = aiohttp.ClientSession()
            try:
                yield cls(
                    bot, Counter(cast(AsyncEngine, storage.engine)), district, storage, http,
                    f"http://127.0.0.1:{port}", key, workdir,
                )  # fmt: skip
            finally:
                await http.close()
                await runner.cleanup()

    def actor(self, user: str, team: int | None = None) -> Any:
        from bot.api import Actor

        return Actor(REF, user, channel(team) if team is not None else None)

    def team(self, i: int) -> int:
        return (i * 5) % self.district.shape.teams

    async def get(self, path: str, user: str) -> None:
        """A page as the signed-in person's browser asks for it; anything but 200 fails."""
        async with self.http.get(
            self.base + path, cookies={"plcbot_panel": self.cookie(user)}, allow_redirects=False
        ) as response:
            await response.read()
            if response.status != 200:
                raise RuntimeError(f"GET {path} as {user}: {response.status}")

    def cookie(self, user: str) -> str:
        from adapters.web.session import Sessions

        sessions = Sessions(self.key, secure=False)
        response = web.Response()
        sessions.write(response, sessions.fresh(community_id=COMMUNITY, user_id=user))
        return response.cookies["plcbot_panel"].value

    async def overview(self) -> str | None:
        """The district overview's path, when the panel has one."""
        for path in OVERVIEW_PATHS:
            async with self.http.get(
                self.base + path, cookies={"plcbot_panel": self.cookie(ADMIN)}
            ) as response:
                if response.status == 200:
                    return path
        return None


Call = Callable[[int], Awaitable[Any]]
Make = Callable[[Measured], Call]


def _command(who: Callable[[Measured, int], tuple[str, int | None]], line: str) -> Make:
    def make(m: Measured) -> Call:
        async def call(i: int) -> Any:
            user, team = who(m, i)
            return await m.bot.command(m.actor(user, team), line)

        return call

    return make


def _facilitator(m: Measured, i: int) -> tuple[str, int | None]:
    t = m.team(i)
    return m.district.facilitators[t], t


def _teacher(m: Measured, i: int) -> tuple[str, int | None]:
    """The busiest teacher first, then teachers of every team in turn."""
    t = m.team(i)
    return (m.district.busiest, 0) if i == 0 else (members_of(m.district.shape, t)[-1], t)


def _page(path: Callable[[Measured, int], str], who: Callable[[Measured, int], str]) -> Make:
    def make(m: Measured) -> Call:
        async def call(i: int) -> None:
            await m.get(path(m, i), who(m, i))

        return call

    return make


def _district_export(m: Measured) -> Call:
    """What `plcbot export` does: the export in one unit of work, its files written."""
    from bot.district_export import community_export
    from bot.files import private_dir, write_private

    async def call(i: int) -> None:
        async with m.storage.uow() as uow:
            files = await community_export(uow, COMMUNITY, m.district.now, reader="cli")
            await uow.commit()
        folder = Path(tempfile.mkdtemp(dir=m.workdir)) / "export"
        private_dir(folder)
        for f in files:
            write_private(folder / f.name, f.content)

    return call


def reads(quick: bool) -> list[tuple[str, Make, int]]:
    n = 10 if quick else 30
    team_page = _page(lambda m, i: f"/teams/{channel(m.team(i))}", lambda m, i: ADMIN)
    return [
        ("/plc report (a team)", _command(_facilitator, "/plc report"), n),
        ("/plc report all", _command(lambda m, i: (ADMIN, None), "/plc report all"), n),
        ("/plc reflections", _command(_facilitator, "/plc reflections"), n),
        ("/plc me export", _command(_teacher, "/plc me export"), n),
        ("district export (plcbot export)", _district_export, 1 if quick else 3),
        ("panel: team page", team_page, n),
        ("panel: community page", _page(lambda m, i: "/community", lambda m, i: ADMIN), n),
        (
            "panel: your page",
            _page(lambda m, i: "/me", lambda m, i: teacher((i * 7) % m.district.shape.teachers)),
            n,
        ),
        (
            "panel: team reflections",
            _page(
                lambda m, i: f"/teams/{channel(m.team(i))}/reflections",
                lambda m, i: m.district.facilitators[m.team(i)],
            ),
            n,
        ),
    ]


def overview(path: str, quick: bool) -> tuple[str, Make, int]:
    page = _page(lambda m, i: path, lambda m, i: ADMIN)
    return ("panel: district overview", page, 10 if quick else 30)


def _forget(m: Measured) -> Call:
    """The busiest teacher confirms `/plc me forget`: the click that deletes."""
    from bot.api import intents

    async def call(i: int) -> Any:
        actor = m.actor(m.district.busiest, 0)
        return await m.bot.handle(actor, intents.ForgetConfirm(m.district.busiest), via="click")

    return call


def _retention(m: Measured) -> Call:
    from bot.clock import FixedClock
    from bot.retention import RetentionJob

    async def call(i: int) -> None:
        days = m.district.shape.weeks * 7 // 2  # the first half of the year's reflections go
        job = RetentionJob(uow=m.storage.uow, clock=FixedClock(m.district.now), default_days=days)
        report = await job.run()
        if not report.reflections_deleted:
            raise RuntimeError("the retention job deleted nothing")

    return call


def once() -> list[tuple[str, Make, int]]:
    return [
        ("/plc me forget (busiest teacher)", _forget, 1),
        ("retention job over the year", _retention, 1),
    ]
