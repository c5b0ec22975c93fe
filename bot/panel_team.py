"""The web panel's read models for a team's facilitators (its stage and cycle history, norms,
sessions) and for a teacher's own page (the PD-hours log, the files of `me export`). Read in one
unit of work under the same role as chat's command for it; nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.attendance import PdLine, hours
from bot.commands import intents as i
from bot.domain import Role
from bot.export import ExportFile
from bot.messages import Message
from bot.outcome import Outcome
from bot.panel_read import panel_read
from bot.usecases import cycle
from bot.usecases.context import Actor, Ctx
from bot.usecases.my_export import export_files
from bot.usecases.pdhours import pd_log

if TYPE_CHECKING:
    from bot.service import PlcBot


@dataclass(frozen=True)
class StageLine:
    cycle: int
    stage: str  # the stage's name, in the team's language
    started: str  # local to the team, to the minute
    by: str | None


@dataclass(frozen=True)
class SessionLine:
    id: int
    topic: str
    opened: str  # local to the team, to the minute
    closed: str | None  # None: still open
    checked_in: int


@dataclass(frozen=True)
class TeamWork:
    team_id: int
    name: str
    channel_id: str
    timezone: str
    stage: str
    cycle_number: int
    cycle: Message  # the cycle and its record, as `/plc cycle` shows them
    history: tuple[StageLine, ...]  # newest first
    norms: tuple[str, ...]
    default_norms: bool
    sessions: tuple[SessionLine, ...]  # newest first


@dataclass(frozen=True)
class PdHours:
    lines: tuple[PdLine, ...]  # oldest first
    total: str  # "3 h 00 min"
    signed: str  # of which signed off


class PanelTeam:
    def __init__(self, bot: PlcBot) -> None:
        self._bot = bot

    async def work(self, actor: Actor) -> TeamWork | Outcome:
        """The team of `actor.channel_id`: for its facilitators and the admins."""
        return await panel_read(
            self._bot, actor, _team_work, role=Role.FACILITATOR, needs_team=True, what="report"
        )

    async def pd_hours(self, actor: Actor) -> PdHours | Outcome:
        async def read(ctx: Ctx) -> PdHours:
            log = tuple(await pd_log(ctx))
            total = sum(line.minutes for line in log)
            signed = sum(line.minutes for line in log if line.signed_off_by)
            return PdHours(log, hours(total), hours(signed))

        return await panel_read(self._bot, actor, read, role=Role.TEACHER, what="/plc me pdhours")

    async def my_files(self, actor: Actor) -> list[ExportFile] | Outcome:
        """The files `/plc me export` sends by direct message, for a download instead."""
        return await panel_read(
            self._bot, actor, export_files, role=Role.TEACHER, what="/plc me export"
        )


async def _team_work(ctx: Ctx) -> TeamWork:
    team = ctx.need_team()
    zone = ZoneInfo(team.timezone)
    library = ctx.own_library
    shown = await cycle.show(i.ShowCycle(), ctx)
    changes = await ctx.uow.stage_changes.list(team.community_id, team.id)
    history = tuple(
        StageLine(
            c.cycle,
            library.stage(c.stage).name,
            f"{c.started_at.astimezone(zone):%Y-%m-%d %H:%M}",
            c.changed_by,
        )
        for c in sorted(changes, key=lambda c: c.started_at)[::-1]  # as written, for equal times
    )
    figures = (await ctx.uow.reports.teams(team.community_id, {team.id: None}))[team.id]
    sessions = tuple(
        SessionLine(
            s.id,
            s.topic,
            f"{s.opened_at.astimezone(zone):%Y-%m-%d %H:%M}",
            f"{s.closed_at.astimezone(zone):%Y-%m-%d %H:%M}" if s.closed_at else None,
            s.checked_in,
        )
        for s in reversed(figures.sessions)
    )
    assert shown.reply is not None
    return TeamWork(
        team.id,
        team.name,
        team.channel_id,
        team.timezone,
        library.stage(team.stage).name,
        team.cycle,
        shown.reply,
        history,
        team.effective_norms(library.default_norms),
        team.norms is None,
        sessions,
    )
