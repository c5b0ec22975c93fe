"""Applying what the config file declares (bot.declared reads and checks it), at start: one
unit of work per community, additive and idempotent (see bot.declared)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.declared import (
    DECLARED_BY,
    DEFAULT_TEAM_NAME,
    DeclaredBreak,
    DeclaredCommunity,
    DeclaredTeam,
)
from bot.domain import Community, CycleStage, Member, StageChange, Team
from bot.ports import Clock, UnitOfWork, UnitOfWorkFactory
from bot.scheduling.model import CalendarBreak, Schedule
from bot.scheduling.when import next_fire_times, parse_when


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
    for declared in communities:
        async with uow() as work:
            await _apply_one(
                work, clock.now(), declared, default_timezone, default_language, applied
            )
            await work.commit()
        applied.communities += 1
    return applied


async def _apply_one(
    uow: UnitOfWork,
    now: datetime,
    d: DeclaredCommunity,
    default_timezone: str,
    default_language: str,
    applied: Applied,
) -> None:
    cid = d.id
    await _community(uow, cid, now)
    for user in d.admins:
        member = await uow.members.get(cid, user)
        if member is None or not member.is_admin:
            fresh = Member(cid, user, is_admin=True, joined_at=now)
            await uow.members.save(replace(member, is_admin=True) if member else fresh)
            applied.admins += 1
    breaks = _Breaks(uow, cid, applied, {
        (b.first_day, b.last_day, b.team_id) for b in await uow.calendar.list(cid)
    })  # fmt: skip
    for brk in d.calendar:
        await breaks.add(brk, None)
    for t in d.teams:
        team = await _team(uow, cid, t, now, default_timezone, default_language, applied)
        for brk in t.calendar:
            await breaks.add(brk, team.id)
        await _schedules(uow, team, t, now, applied)


async def _community(uow: UnitOfWork, cid: str, now: datetime) -> None:
    platform, _, external = cid.partition(":")
    community = await uow.communities.get(cid)
    if community is None:
        await uow.communities.add(Community(cid, platform, external, now))
        community = await uow.communities.get(cid)
        assert community is not None
    # Several processes may start at once: an UPDATE that changes nothing takes the community's
    # row lock (PostgreSQL) until commit, so they apply one after another and each later one
    # reads what the earlier ones added. (SQLite has one writer at a time anyway.)
    await uow.rights.mark_removed(cid, community.removed_at)


@dataclass
class _Breaks:
    uow: UnitOfWork
    cid: str
    applied: Applied
    have: set[tuple[object, object, int | None]]

    async def add(self, brk: DeclaredBreak, team_id: int | None) -> None:
        key = (brk.first_day, brk.last_day, team_id)
        if key not in self.have:
            await self.uow.calendar.add(
                CalendarBreak(
                    0, self.cid, team_id, brk.first_day, brk.last_day, brk.label, DECLARED_BY
                )
            )
            self.have.add(key)
            self.applied.breaks += 1


async def _team(
    uow: UnitOfWork,
    cid: str,
    t: DeclaredTeam,
    now: datetime,
    default_timezone: str,
    default_language: str,
    applied: Applied,
) -> Team:
    team = await uow.teams.by_channel(cid, t.channel)
    if team is None:
        team = await uow.teams.add(
            Team(
                id=0,
                community_id=cid,
                channel_id=t.channel,
                name=t.name or DEFAULT_TEAM_NAME,
                timezone=t.timezone or default_timezone,
                language=default_language,
                stage=CycleStage.ANALYZE,
                cycle=1,
                stage_started_at=now,
                created_at=now,
                created_by=DECLARED_BY,
            )
        )
        await uow.stage_changes.add(cid, StageChange(team.id, 1, team.stage, now, None))
        applied.teams.append(t.channel)
    if t.archived is not None and t.archived != (team.archived_at is not None):
        team = replace(team, archived_at=now if t.archived else None)
        await uow.teams.save(team)
        applied.archived += 1
    return team


async def _schedules(
    uow: UnitOfWork, team: Team, t: DeclaredTeam, now: datetime, applied: Applied
) -> None:
    cid = team.community_id
    existing = {(s.kind, s.when, s.timezone) for s in await uow.schedules.for_team(cid, team.id)}
    for s in t.schedules:
        zone = s.timezone or team.timezone
        if (s.kind, s.when, zone) in existing:
            continue
        times = next_fire_times(parse_when(s.when), ZoneInfo(zone), now, 1)
        await uow.schedules.add(
            Schedule(
                0,
                cid,
                team.id,
                s.kind,
                s.when,
                zone,
                DECLARED_BY,
                now,
                times[0] if times else None,
                after_hours=s.after_hours,
            )
        )
        existing.add((s.kind, s.when, zone))
        applied.schedules += 1
