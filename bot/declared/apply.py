"""Applying the declarations at start: additive and idempotent (see bot/declared/__init__.py).
A declared team is founded by the same rule as `/plc team create` (bot.rules.founding)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from bot.declared.model import DeclaredBreak, DeclaredCommunity, DeclaredTeam
from bot.domain import Community, Member, Team
from bot.ports import Clock, UnitOfWork, UnitOfWorkFactory
from bot.rules.founding import Founding, found_team
from bot.rules.zones import zone_info
from bot.scheduling.model import CalendarBreak, Schedule
from bot.scheduling.when import next_fire_times, parse_when

DECLARED_BY = "config"  # created_by of what the config file declared


@dataclass
class Applied:
    communities: int = 0
    admins: int = 0
    teams: list[str] = field(default_factory=list)  # channels made into teams
    schedules: int = 0
    breaks: int = 0
    archived: int = 0  # teams archived or brought back as declared

    @property
    def changed(self) -> bool:
        return bool(self.admins or self.teams or self.schedules or self.breaks or self.archived)

    def __str__(self) -> str:
        return (
            f"declared in the config: {self.communities} communit"
            f"{'y' if self.communities == 1 else 'ies'}; added {len(self.teams)} team(s), "
            f"{self.schedules} schedule(s), {self.breaks} break(s), {self.admins} admin(s)"
            + (f"; archived or brought back {self.archived} team(s)" if self.archived else "")
            + "; the rest were there already"
        )


@dataclass(frozen=True)
class _Defaults:
    timezone: str
    language: str


async def apply_declared(
    uow: UnitOfWorkFactory,
    clock: Clock,
    communities: Sequence[DeclaredCommunity],
    *,
    default_timezone: str = "UTC",
    default_language: str = "en",
) -> Applied:
    """Create what is declared and missing; one unit of work per community."""
    applied = Applied()
    defaults = _Defaults(default_timezone, default_language)
    for declared in communities:
        async with uow() as work:
            await _Applying(work, clock.now(), declared.id, applied).community(declared, defaults)
            await work.commit()
        applied.communities += 1
    return applied


class _Applying:
    """One community's declarations, applied in one unit of work."""

    def __init__(self, uow: UnitOfWork, now: datetime, cid: str, applied: Applied) -> None:
        self.uow, self.now, self.cid, self.applied = uow, now, cid, applied
        self.have: set[tuple[date, date, int | None]] = set()

    async def community(self, d: DeclaredCommunity, defaults: _Defaults) -> None:
        platform, _, external = self.cid.partition(":")
        community = await self.uow.communities.get(self.cid)
        if community is None:
            await self.uow.communities.add(Community(self.cid, platform, external, self.now))
            community = await self.uow.communities.get(self.cid)
            assert community is not None
        # Several processes may start at once: an UPDATE that changes nothing takes the
        # community's row lock (PostgreSQL) until commit, so they apply one after another and
        # each later one reads what the earlier ones added. (SQLite has one writer at a time.)
        await self.uow.rights.mark_removed(self.cid, community.removed_at)
        for user in d.admins:
            await self.admin(user)
        self.have = {
            (b.first_day, b.last_day, b.team_id) for b in await self.uow.calendar.list(self.cid)
        }
        for brk in d.calendar:
            await self.add_break(brk, None)
        for t in d.teams:
            team = await self.team(t, defaults)
            for brk in t.calendar:
                await self.add_break(brk, team.id)
            await self.schedules(t, team)

    async def admin(self, user: str) -> None:
        member = await self.uow.members.get(self.cid, user)
        if member is None or not member.is_admin:
            fresh = Member(self.cid, user, is_admin=True, joined_at=self.now)
            await self.uow.members.save(replace(member, is_admin=True) if member else fresh)
            self.applied.admins += 1

    async def add_break(self, brk: DeclaredBreak, team_id: int | None) -> None:
        key = (brk.first_day, brk.last_day, team_id)
        if key not in self.have:
            await self.uow.calendar.add(
                CalendarBreak(
                    0, self.cid, team_id, brk.first_day, brk.last_day, brk.label, DECLARED_BY
                )
            )
            self.have.add(key)
            self.applied.breaks += 1

    async def team(self, t: DeclaredTeam, defaults: _Defaults) -> Team:
        team = await self.uow.teams.by_channel(self.cid, t.channel)
        if team is None:
            founding = Founding(
                self.cid,
                t.channel,
                t.name,
                t.timezone or defaults.timezone,
                defaults.language,
                created_by=DECLARED_BY,
                changed_by=None,
            )
            team = await found_team(self.uow, founding, self.now)
            self.applied.teams.append(t.channel)
        if t.archived is not None and t.archived != (team.archived_at is not None):
            team = replace(team, archived_at=self.now if t.archived else None)
            await self.uow.teams.save(team)
            self.applied.archived += 1
        return team

    async def schedules(self, t: DeclaredTeam, team: Team) -> None:
        existing = {
            (s.kind, s.when, s.timezone)
            for s in await self.uow.schedules.for_team(self.cid, team.id)
        }
        for s in t.schedules:
            zone = s.timezone or team.timezone
            if (s.kind, s.when, zone) in existing:
                continue
            times = next_fire_times(parse_when(s.when), zone_info(zone), self.now, 1)
            first = times[0] if times else None
            await self.uow.schedules.add(
                Schedule(
                    0,
                    self.cid,
                    team.id,
                    s.kind,
                    s.when,
                    zone,
                    DECLARED_BY,
                    self.now,
                    first,
                    after_hours=s.after_hours,
                )
            )
            existing.add((s.kind, s.when, zone))
            self.applied.schedules += 1
