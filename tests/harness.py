"""A whole bot in a test: the real core and prompt library over fake ports (or real storage)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from bot.clock import FixedClock
from bot.domain import CommunityRef
from bot.library_loader import load_libraries
from bot.outcome import Outcome
from bot.ports import UnitOfWorkFactory
from bot.scheduling.runner import ScheduleRunner
from bot.service import PlcBot
from bot.usecases.context import Actor, Settings
from tests.fakes import FakeChat, FakeStore

LIBRARIES = load_libraries()
START = datetime(2026, 9, 14, 15, 0, tzinfo=UTC)  # a Monday afternoon


class Harness:
    def __init__(
        self,
        uow: UnitOfWorkFactory | None = None,
        *,
        community: str = "T1",
        platform: str = "console",
        settings: Settings | None = None,
    ) -> None:
        self.store = FakeStore()
        self.chat = FakeChat()
        self.clock = FixedClock(START)
        self.community = CommunityRef(platform, community)
        self.bot = PlcBot(
            uow=uow or self.store.uow,
            chat=self.chat,
            libraries=LIBRARIES,
            clock=self.clock,
            settings=settings or Settings(default_timezone="America/Chicago"),
        )

    def runner(self, grace_minutes: int = 60) -> ScheduleRunner:
        return ScheduleRunner(
            uow=self.bot._uow,
            chat=self.chat,
            libraries=LIBRARIES,
            clock=self.clock,
            grace=timedelta(minutes=grace_minutes),
        )

    def actor(self, user: str, channel: str | None = "C1", *, dm: bool = False) -> Actor:
        return Actor(self.community, user, None if dm else channel, is_dm=dm)

    async def say(self, user: str, line: str, channel: str = "C1") -> Outcome:
        return await self.bot.command(self.actor(user, channel), line)

    async def dm(self, user: str, body: str) -> Outcome:
        return await self.bot.message(self.actor(user, dm=True), body)

    async def click(self, user: str, action_id: str, channel: str | None = "C1") -> Outcome:
        return await self.bot.click(self.actor(user, channel, dm=channel is None), action_id)

    async def submit(
        self, user: str, action_id: str, values: Mapping[str, str], channel: str = "C1"
    ) -> Outcome:
        return await self.bot.submit(self.actor(user, channel), action_id, values)

    async def team_with_facilitator(self, admin: str = "ana", facilitator: str = "fay") -> None:
        """ana creates the team (becoming admin); fay uses the bot once (it grants roles only
        to people it has met), and ana grants her the facilitator role."""
        assert (await self.say(admin, '/plc team create "Grade 4 Math" America/Chicago')).ok
        assert (await self.say(facilitator, "/plc checkin")).ok
        assert (await self.say(admin, f"/plc role grant @{facilitator} facilitator")).ok


def reply_text(outcome: Outcome) -> str:
    assert outcome.reply is not None, "expected a reply"
    return outcome.reply.plain_text()
