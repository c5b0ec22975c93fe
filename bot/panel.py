"""The web panel's read models: what a page shows, read in one unit of work through the same
door rules as chat (role, team, audit), as plain values an adapter renders. Nothing here writes;
every change the panel makes goes through `PlcBot.handle`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.domain import Role
from bot.messages import Message
from bot.outcome import Outcome
from bot.panel_overview import Overview, TeamCharts, read_overview, team_charts
from bot.ports import UnitOfWorkFactory
from bot.reports import SessionFigures
from bot.scheduling.model import CalendarBreak, Schedule
from bot.usecases.context import Actor, Ctx, Refusal
from bot.usecases.report import kept_figures, team_report
from bot.usecases.schedule_words import local, next_posts

if TYPE_CHECKING:
    from bot.service import PlcBot

NEXT_TIMES = 3


@dataclass(frozen=True)
class Membership:
    team_id: int
    name: str
    channel_id: str
    role: Role


@dataclass(frozen=True)
class Person:
    """Someone the bot has met in a community: ids and roles only, no name or e-mail."""

    community_id: str
    user_id: str
    is_admin: bool
    teams: tuple[Membership, ...]
    language: str | None = None  # their own choice (`/plc me language`); None: auto

    def leads(self, team_id: int) -> bool:
        return self.is_admin or any(
            m.team_id == team_id and m.role >= Role.FACILITATOR for m in self.teams
        )


@dataclass(frozen=True)
class TeamView:
    team_id: int
    name: str
    channel_id: str
    timezone: str
    report: Message
    sessions: tuple[SessionFigures, ...]  # oldest first
    charts: TeamCharts


@dataclass(frozen=True)
class ScheduleView:
    id: int
    kind: str
    when: str
    timezone: str
    paused: bool
    next_times: tuple[str, ...]  # local to the schedule's zone, as `/plc schedule list` shows
    skipped: tuple[str, ...] = ()  # the times a calendar break skips, each with the break's name


@dataclass(frozen=True)
class TeamSchedules:
    team_id: int
    name: str
    channel_id: str
    timezone: str
    schedules: tuple[ScheduleView, ...]


class Panel:
    def __init__(self, bot: PlcBot, uow: UnitOfWorkFactory) -> None:
        self._bot = bot
        self._uow = uow

    async def person(self, community_id: str, user_id: str) -> Person | None:
        """The person as the bot knows them, or None if it never met them there (read only:
        signing in to the panel records nobody)."""
        async with self._uow() as uow:
            member = await uow.members.get(community_id, user_id)
            if member is None:
                return None
            memberships = []
            for held in await uow.team_roles.teams_of(community_id, user_id):
                team = await uow.teams.get(community_id, held.team_id)
                if team is not None:
                    memberships.append(Membership(team.id, team.name, team.channel_id, held.role))
            if member.is_admin:
                held_ids = {m.team_id for m in memberships}
                for team in await uow.teams.list(community_id):
                    if team.id not in held_ids:
                        memberships.append(
                            Membership(team.id, team.name, team.channel_id, Role.ADMIN)
                        )
            return Person(
                community_id, user_id, member.is_admin, tuple(memberships), member.language
            )

    async def communities_of(self, platform: str, user_id: str) -> list[str]:
        """Where on `platform` the bot has met this person (a Discord sign-in names no server)."""
        async with self._uow() as uow:
            return list(await uow.members.communities_of(platform, user_id))

    async def team(self, actor: Actor) -> TeamView | Outcome:
        """The team of `actor.channel_id`, for its facilitators and the admins."""
        found: list[TeamView] = []

        async def step(ctx: Ctx) -> Outcome:
            team = ctx.need_team()
            figures = (await kept_figures(ctx, {team.id: None}))[team.id]
            report = team_report(team, figures, None, ctx)
            found.append(
                TeamView(
                    team.id,
                    team.name,
                    team.channel_id,
                    team.timezone,
                    report,
                    figures.sessions,
                    team_charts(team, figures, ctx.own_library, ctx.now),
                )
            )
            return Outcome()

        outcome = await self._bot.run(
            actor,
            step,
            role=Role.FACILITATOR,
            needs_team=True,
            what="report",
            label=("panel", "team"),
        )
        return found[0] if found else outcome

    async def overview(self, actor: Actor) -> Overview | Outcome:
        """Every team of the community at a glance, for admins (bot.panel_overview)."""
        return await read_overview(self._bot, actor)

    async def community(self, actor: Actor) -> tuple[TeamSchedules, ...] | Outcome:
        """Every team of the community with its schedules and their next times, for admins."""
        found: list[TeamSchedules] = []

        async def step(ctx: Ctx) -> Outcome:
            by_team: dict[int, list[Schedule]] = {}
            breaks = await ctx.uow.calendar.list(ctx.community.id)
            for s in await ctx.uow.schedules.for_community(ctx.community.id):
                by_team.setdefault(s.team_id, []).append(s)
            for team in await ctx.uow.teams.list(ctx.community.id):
                rows = by_team.get(team.id, [])
                views = tuple(_schedule_view(s, breaks, ctx) for s in rows)
                found.append(
                    TeamSchedules(team.id, team.name, team.channel_id, team.timezone, views)
                )
            return Outcome()

        outcome = await self._bot.run(
            actor, step, role=Role.ADMIN, what="schedule list", label=("panel", "community")
        )
        return tuple(found) if outcome.ok else outcome


def _schedule_view(s: Schedule, breaks: Sequence[CalendarBreak], ctx: Ctx) -> ScheduleView:
    """A schedule with its next posts and the times a break skips, worked out as `/plc
    schedule list` does (bot.usecases.schedule_words)."""
    view = ScheduleView(s.id, s.kind.value, s.when, s.timezone, s.paused, ())
    if s.paused:
        return view
    try:
        found = next_posts(s, ctx.now, breaks, NEXT_TIMES)
    except Refusal:  # a time that never comes round
        return view
    return replace(
        view,
        next_times=tuple(local(t, s.timezone, ctx.now) for t in found.posts),
        skipped=tuple(f"{local(t, s.timezone, ctx.now)} ({b.label})" for t, b in found.skipped),
    )
