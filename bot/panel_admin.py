"""The web panel's read models for a community's admins: teams and who leads them, the school
calendar, the audit log (paged, newest first) and the declared configuration as TOML. Each is
read in one unit of work under the admin role, like `bot.panel`; every change goes through
`PlcBot.handle` with chat's own intents."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from bot.declared.export import declared_toml
from bot.domain import Role
from bot.i18n import _
from bot.outcome import Outcome
from bot.panel_read import panel_read
from bot.usecases.context import Actor, Ctx

if TYPE_CHECKING:
    from bot.service import PlcBot

AUDIT_PAGE = 50  # entries on a page of the audit log
T = TypeVar("T")


@dataclass(frozen=True)
class TeamLeads:
    team_id: int
    name: str
    channel_id: str
    timezone: str
    archived: bool
    facilitators: tuple[str, ...]


@dataclass(frozen=True)
class RolesView:
    admins: tuple[str, ...]
    teams: tuple[TeamLeads, ...]


@dataclass(frozen=True)
class BreakView:
    id: int
    label: str
    first_day: date
    last_day: date
    team: str | None  # None: every team of the community
    channel_id: str  # the channel its removal goes through (its team's, or any team's)


@dataclass(frozen=True)
class CalendarView:
    breaks: tuple[BreakView, ...]  # earliest first
    teams: tuple[TeamLeads, ...]


@dataclass(frozen=True)
class AuditLine:
    at: str  # UTC, to the minute
    reader_id: str
    team: str  # the team's name, or "whole community"
    what: str
    count: int
    subject_id: str | None


@dataclass(frozen=True)
class AuditPage:
    entries: tuple[AuditLine, ...]
    page: int  # from 1
    more: bool  # an older page follows


class PanelAdmin:
    """`bot` is the core's door: each read runs through its `run`, with the admin role."""

    def __init__(self, bot: PlcBot) -> None:
        self._bot = bot

    async def _read(
        self, actor: Actor, read: Callable[[Ctx], Awaitable[T]], what: str
    ) -> T | Outcome:
        return await panel_read(self._bot, actor, read, role=Role.ADMIN, what=what)

    async def roles(self, actor: Actor) -> RolesView | Outcome:
        async def read(ctx: Ctx) -> RolesView:
            admins = tuple(await ctx.uow.members.admins(ctx.community.id))
            return RolesView(admins, await _teams(ctx))

        return await self._read(actor, read, "role list")

    async def calendar(self, actor: Actor) -> CalendarView | Outcome:
        async def read(ctx: Ctx) -> CalendarView:
            teams = await _teams(ctx)
            by_id = {t.team_id: t for t in teams}
            breaks = []
            for b in await ctx.uow.calendar.list(ctx.community.id):
                team = by_id.get(b.team_id) if b.team_id is not None else None
                if not teams or (b.team_id is not None and team is None):
                    continue
                channel = team.channel_id if team else teams[0].channel_id
                breaks.append(
                    BreakView(
                        b.id,
                        b.label,
                        b.first_day,
                        b.last_day,
                        team.name if team else None,
                        channel,
                    )
                )
            breaks.sort(key=lambda b: (b.first_day, b.id))
            return CalendarView(tuple(breaks), teams)

        return await self._read(actor, read, "calendar list")

    async def audit(self, actor: Actor, page: int) -> AuditPage | Outcome:
        page = max(1, page)

        async def read(ctx: Ctx) -> AuditPage:
            names = {t.id: t.name for t in await ctx.uow.teams.list(ctx.community.id)}
            rows = await ctx.uow.audit.newest(
                ctx.community.id, (page - 1) * AUDIT_PAGE, AUDIT_PAGE + 1
            )
            lines = tuple(
                AuditLine(
                    f"{e.at:%Y-%m-%d %H:%M}",
                    e.reader_id,
                    _("whole community")
                    if e.team_id is None
                    else names.get(e.team_id) or _("team {id}").format(id=e.team_id),
                    e.what,
                    e.count,
                    e.subject_id,
                )
                for e in rows[:AUDIT_PAGE]
            )
            return AuditPage(lines, page, len(rows) > AUDIT_PAGE)

        return await self._read(actor, read, "audit log")

    async def declared(self, actor: Actor) -> str | Outcome:
        """The community's declared configuration, as the config file would hold it."""

        async def read(ctx: Ctx) -> str:
            cid = ctx.community.id
            teams = list(await ctx.uow.teams.list(cid))
            schedules = {t.id: await ctx.uow.schedules.for_team(cid, t.id) for t in teams}
            breaks = await ctx.uow.calendar.list(cid)
            admins = await ctx.uow.members.admins(cid)
            return declared_toml(cid, admins, teams, schedules, breaks)

        return await self._read(actor, read, "config export")


async def _teams(ctx: Ctx) -> tuple[TeamLeads, ...]:
    out = []
    for t in await ctx.uow.teams.list(ctx.community.id):
        leads = tuple(await ctx.uow.team_roles.facilitators(t.community_id, t.id))
        out.append(
            TeamLeads(t.id, t.name, t.channel_id, t.timezone, t.archived_at is not None, leads)
        )
    return tuple(out)
