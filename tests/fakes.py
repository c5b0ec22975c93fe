"""Hand-written fakes of the core's ports: an in-memory unit of work and a recording chat.

The unit of work copies the committed state on entry and swaps it back only on commit, so a
use case that fails half-way leaves nothing behind, as the SQL one does."""

from __future__ import annotations

import copy
import itertools
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import TracebackType
from typing import Any, Self

from bot.attendance import Attendance
from bot.domain import (
    AdminRoll,
    AuditEntry,
    CheckIn,
    Community,
    CommunityRef,
    Member,
    MessageRef,
    PendingWithdrawal,
    PostedMessage,
    PromptDelivery,
    PulseAnswer,
    Reflection,
    Session,
    StageChange,
    Team,
    TeamRole,
)
from bot.export import ExportFile
from bot.messages import Message
from bot.ports import ChatError, Conflict, Standing, StorageUnavailable
from bot.rules.prompts import TeamPrompt
from bot.scheduling.model import CalendarBreak, RunState, Schedule, ScheduleRun
from tests.fake_reports import FakeReportReads
from tests.fake_team_prompts import FakeAttendances, FakeTeamPrompts


@dataclass
class State:
    communities: dict[str, Community] = field(default_factory=dict)
    members: dict[tuple[str, str], Member] = field(default_factory=dict)
    teams: dict[int, Team] = field(default_factory=dict)
    team_roles: dict[tuple[int, str], TeamRole] = field(default_factory=dict)
    stage_changes: list[tuple[str, StageChange]] = field(default_factory=list)
    sessions: dict[int, Session] = field(default_factory=dict)
    checkins: dict[int, CheckIn] = field(default_factory=dict)
    deliveries: dict[int, PromptDelivery] = field(default_factory=dict)
    reflections: dict[int, Reflection] = field(default_factory=dict)
    pulse: dict[tuple[int, str], PulseAnswer] = field(default_factory=dict)
    posted: list[PostedMessage] = field(default_factory=list)
    withdrawals: dict[int, PendingWithdrawal] = field(default_factory=dict)
    events: dict[tuple[str, str], datetime] = field(default_factory=dict)
    schedules: dict[int, Schedule] = field(default_factory=dict)
    runs: dict[int, ScheduleRun] = field(default_factory=dict)
    breaks: dict[int, CalendarBreak] = field(default_factory=dict)
    reminders: set[tuple[int, str]] = field(default_factory=set)
    audit: list[AuditEntry] = field(default_factory=list)
    had_admin: set[str] = field(default_factory=set)  # communities.had_admin
    team_prompts: dict[int, TeamPrompt] = field(default_factory=dict)
    attendance: dict[tuple[int, str], Attendance] = field(default_factory=dict)


def _since(items: Sequence[Any], attr: str, since: datetime | None) -> list[Any]:
    return [x for x in items if since is None or getattr(x, attr) >= since]


class _Repo:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    @property
    def s(self) -> State:
        assert self.uow.state is not None, "use the unit of work inside `async with`"
        return self.uow.state


class Communities(_Repo):
    async def get(self, community_id: str) -> Community | None:
        return self.s.communities.get(community_id)

    async def add(self, community: Community) -> None:
        self.s.communities.setdefault(community.id, community)

    async def rename(self, community_id: str, name: str) -> None:
        self.s.communities[community_id] = replace(self.s.communities[community_id], name=name)

    async def standing(self, community_id: str, user_id: str, channel_id: str | None) -> Standing:
        community = self.s.communities.get(community_id)
        if community is None:
            return Standing(None, None, None, None)
        member = self.s.members.get((community_id, user_id))
        team = None
        if channel_id is not None:
            team = await Teams(self.uow).by_channel(community_id, channel_id)
        role = await TeamRoles(self.uow).get(community_id, team.id, user_id) if team else None
        return Standing(community, member, team, role)


class Members(_Repo):
    async def get(self, community_id: str, user_id: str) -> Member | None:
        return self.s.members.get((community_id, user_id))

    async def save(self, member: Member) -> None:
        self.s.members[(member.community_id, member.user_id)] = member
        if member.is_admin:
            self.s.had_admin.add(member.community_id)

    async def admins(self, community_id: str) -> Sequence[str]:
        return sorted(
            m.user_id for (c, _), m in self.s.members.items() if c == community_id and m.is_admin
        )

    async def lock_admins(self, community_id: str) -> AdminRoll:
        admins = tuple(await self.admins(community_id))
        return AdminRoll(admins, community_id in self.s.had_admin or bool(admins))


class Teams(_Repo):
    async def by_channel(self, community_id: str, channel_id: str) -> Team | None:
        return next(
            (
                t
                for t in self.s.teams.values()
                if t.community_id == community_id and t.channel_id == channel_id
            ),
            None,
        )

    async def get(self, community_id: str, team_id: int) -> Team | None:
        t = self.s.teams.get(team_id)
        return t if t and t.community_id == community_id else None

    async def add(self, team: Team) -> Team:
        if await self.by_channel(team.community_id, team.channel_id):
            raise Conflict("team exists for channel")
        team = replace(team, id=self.uow.next_id())
        self.s.teams[team.id] = team
        return team

    async def save(self, team: Team) -> None:
        self.s.teams[team.id] = team

    async def list(self, community_id: str) -> Sequence[Team]:
        return [t for t in self.s.teams.values() if t.community_id == community_id]


class TeamRoles(_Repo):
    async def get(self, community_id: str, team_id: int, user_id: str) -> TeamRole | None:
        return (
            self.s.team_roles.get((team_id, user_id)) if self._owns(community_id, team_id) else None
        )

    def _owns(self, community_id: str, team_id: int) -> bool:
        t = self.s.teams.get(team_id)
        return t is not None and t.community_id == community_id

    async def save(self, community_id: str, role: TeamRole) -> None:
        assert self._owns(community_id, role.team_id)
        self.s.team_roles[(role.team_id, role.user_id)] = role

    async def remove(self, community_id: str, team_id: int, user_id: str) -> None:
        if self._owns(community_id, team_id):
            self.s.team_roles.pop((team_id, user_id), None)

    async def facilitators(self, community_id: str, team_id: int) -> Sequence[str]:
        return [r.user_id for r in await self.members(community_id, team_id) if r.role.value >= 2]

    async def teams_of(self, community_id: str, user_id: str) -> Sequence[TeamRole]:
        return [
            r
            for (t, u), r in self.s.team_roles.items()
            if u == user_id and self._owns(community_id, t)
        ]

    async def members(self, community_id: str, team_id: int) -> Sequence[TeamRole]:
        if not self._owns(community_id, team_id):
            return []
        return sorted(
            (r for (t, _), r in self.s.team_roles.items() if t == team_id), key=lambda r: r.user_id
        )


class StageChanges(_Repo):
    async def add(self, community_id: str, change: StageChange) -> None:
        self.s.stage_changes.append((community_id, change))

    async def list(self, community_id: str, team_id: int) -> Sequence[StageChange]:
        return [
            c for cid, c in self.s.stage_changes if cid == community_id and c.team_id == team_id
        ]


class Sessions(_Repo):
    async def open_for(self, community_id: str, team_id: int) -> Session | None:
        return next(
            (
                s
                for s in self.s.sessions.values()
                if s.community_id == community_id and s.team_id == team_id and s.is_open
            ),
            None,
        )

    async def get(self, community_id: str, session_id: int) -> Session | None:
        s = self.s.sessions.get(session_id)
        return s if s and s.community_id == community_id else None

    async def add(self, session: Session) -> Session:
        if await self.open_for(session.community_id, session.team_id):
            raise Conflict("open session exists")
        session = replace(session, id=self.uow.next_id())
        self.s.sessions[session.id] = session
        return session

    async def save(self, session: Session) -> None:
        self.s.sessions[session.id] = session

    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[Session]:
        rows = [
            s
            for s in self.s.sessions.values()
            if s.community_id == community_id and s.team_id == team_id
        ]
        return sorted(_since(rows, "opened_at", since), key=lambda s: s.opened_at)


class CheckIns(_Repo):
    async def find(self, community_id: str, session_id: int, user_id: str) -> CheckIn | None:
        return next(
            (
                c
                for c in self.s.checkins.values()
                if c.community_id == community_id
                and c.session_id == session_id
                and c.user_id == user_id
            ),
            None,
        )

    async def add(self, checkin: CheckIn) -> CheckIn:
        checkin = replace(checkin, id=self.uow.next_id())
        self.s.checkins[checkin.id] = checkin
        return checkin

    async def save(self, checkin: CheckIn) -> None:
        self.s.checkins[checkin.id] = checkin

    async def for_session(self, community_id: str, session_id: int) -> Sequence[CheckIn]:
        return [
            c
            for c in self.s.checkins.values()
            if c.community_id == community_id and c.session_id == session_id
        ]

    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[CheckIn]:
        rows = [
            c
            for c in self.s.checkins.values()
            if c.community_id == community_id and c.team_id == team_id
        ]
        return _since(rows, "at", since)

    async def by_user(self, community_id: str, user_id: str) -> Sequence[CheckIn]:
        return [
            c
            for c in self.s.checkins.values()
            if c.community_id == community_id and c.user_id == user_id
        ]


class Deliveries(_Repo):
    async def add(self, delivery: PromptDelivery) -> PromptDelivery:
        delivery = replace(delivery, id=self.uow.next_id())
        self.s.deliveries[delivery.id] = delivery
        return delivery

    async def get(self, community_id: str, delivery_id: int) -> PromptDelivery | None:
        d = self.s.deliveries.get(delivery_id)
        return d if d and d.community_id == community_id else None

    async def latest(self, community_id: str, team_id: int) -> PromptDelivery | None:
        rows = [d for d in await self.list(community_id, team_id) if d.posted]
        return rows[-1] if rows else None

    async def mark_posted(self, community_id: str, delivery_id: int) -> None:
        d = self.s.deliveries.get(delivery_id)
        if d is not None and d.community_id == community_id:
            self.s.deliveries[delivery_id] = replace(d, posted=True)

    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[PromptDelivery]:
        rows = [
            d
            for d in self.s.deliveries.values()
            if d.community_id == community_id and d.team_id == team_id
        ]
        return sorted(_since(rows, "sent_at", since), key=lambda d: (d.sent_at, d.id))


class Reflections(_Repo):
    async def add(self, reflection: Reflection) -> Reflection:
        reflection = replace(reflection, id=self.uow.next_id())
        self.s.reflections[reflection.id] = reflection
        return reflection

    async def save(self, reflection: Reflection) -> None:
        self.s.reflections[reflection.id] = reflection

    async def get(self, community_id: str, reflection_id: int) -> Reflection | None:
        r = self.s.reflections.get(reflection_id)
        return r if r and r.community_id == community_id else None

    async def find(self, community_id: str, delivery_id: int, user_id: str) -> Reflection | None:
        return next(
            (
                r
                for r in self.s.reflections.values()
                if r.community_id == community_id
                and r.delivery_id == delivery_id
                and r.user_id == user_id
            ),
            None,
        )

    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[Reflection]:
        rows = [
            r
            for r in self.s.reflections.values()
            if r.community_id == community_id and r.team_id == team_id
        ]
        return _since(rows, "created_at", since)

    async def by_user(self, community_id: str, user_id: str) -> Sequence[Reflection]:
        return [
            r
            for r in self.s.reflections.values()
            if r.community_id == community_id and r.user_id == user_id
        ]


class PulseAnswers(_Repo):
    async def get(self, community_id: str, session_id: int, user_id: str) -> PulseAnswer | None:
        a = self.s.pulse.get((session_id, user_id))
        return a if a and a.community_id == community_id else None

    async def save(self, answer: PulseAnswer) -> None:
        self.s.pulse[(answer.session_id, answer.user_id)] = answer

    async def answer(
        self,
        community_id: str,
        session_id: int,
        user_id: str,
        *,
        relevant: int | None = None,
        recommend: bool | None = None,
    ) -> PulseAnswer:
        session = self.s.sessions.get(session_id)
        if session is None or session.community_id != community_id:
            raise LookupError(f"no session {session_id} in {community_id}")
        stored = self.s.pulse.get((session_id, user_id)) or PulseAnswer(
            community_id, session_id, user_id
        )
        if relevant is not None:
            stored = replace(stored, relevant=relevant)
        if recommend is not None:
            stored = replace(stored, recommend=recommend)
        self.s.pulse[(session_id, user_id)] = stored
        return stored

    async def for_session(self, community_id: str, session_id: int) -> Sequence[PulseAnswer]:
        return [
            a
            for (s, _), a in self.s.pulse.items()
            if s == session_id and a.community_id == community_id
        ]

    async def by_user(self, community_id: str, user_id: str) -> Sequence[PulseAnswer]:
        return [
            a
            for (_, u), a in self.s.pulse.items()
            if u == user_id and a.community_id == community_id
        ]


class PostedMessages(_Repo):
    async def add(self, posted: PostedMessage) -> None:
        self.s.posted.append(posted)

    async def find(self, community_id: str, kind: str, subject_id: int) -> Sequence[PostedMessage]:
        return [
            p
            for p in self.s.posted
            if p.community_id == community_id and p.kind == kind and p.subject_id == subject_id
        ]

    async def by_ref(self, community_id: str, ref: MessageRef) -> PostedMessage | None:
        return next(
            (p for p in self.s.posted if p.community_id == community_id and p.ref == ref), None
        )

    def _dms_of(self, platform: str, user_id: str) -> list[PostedMessage]:
        return [
            p
            for p in reversed(self.s.posted)
            if p.community_id.startswith(f"{platform}:") and p.user_id == user_id
        ]

    async def dms_to(self, platform: str, user_id: str, kind: str) -> Sequence[PostedMessage]:
        return [p for p in self._dms_of(platform, user_id) if p.kind == kind][:100]

    async def dm_by_ref(self, platform: str, user_id: str, ref: MessageRef) -> PostedMessage | None:
        return next((p for p in self._dms_of(platform, user_id) if p.ref == ref), None)

    async def latest_dm(self, community_id: str, user_id: str, kind: str) -> PostedMessage | None:
        rows = [
            p
            for p in self.s.posted
            if p.community_id == community_id and p.user_id == user_id and p.kind == kind
        ]
        return rows[-1] if rows else None


class PendingWithdrawals(_Repo):
    async def add(self, withdrawal: PendingWithdrawal) -> PendingWithdrawal:
        saved = replace(withdrawal, id=self.uow.next_id())
        self.s.withdrawals[saved.id] = saved
        return saved

    async def for_community(self, community_id: str) -> Sequence[PendingWithdrawal]:
        return [w for w in self.s.withdrawals.values() if w.community_id == community_id]

    async def due(self, now: datetime, limit: int) -> Sequence[PendingWithdrawal]:
        due = [w for w in self.s.withdrawals.values() if w.next_try_at <= now]
        return sorted(due, key=lambda w: (w.next_try_at, w.id))[:limit]

    async def done(self, community_id: str, withdrawal_id: int) -> None:
        held = self.s.withdrawals.get(withdrawal_id)
        if held is not None and held.community_id == community_id:
            del self.s.withdrawals[withdrawal_id]

    async def retry_later(self, withdrawal: PendingWithdrawal) -> None:
        held = self.s.withdrawals.get(withdrawal.id)
        if held is not None and held.community_id == withdrawal.community_id:
            self.s.withdrawals[withdrawal.id] = withdrawal


class ProcessedEvents(_Repo):
    async def claim(self, community_id: str, key: str, at: datetime) -> bool:
        if (community_id, key) in self.s.events:
            return False
        self.s.events[(community_id, key)] = at
        return True

    async def prune(self, before: datetime) -> int:
        old = [k for k, at in self.s.events.items() if at < before]
        for k in old:
            del self.s.events[k]
        return len(old)


class Schedules(_Repo):
    async def add(self, schedule: Schedule) -> Schedule:
        schedule = replace(schedule, id=self.uow.next_id())
        self.s.schedules[schedule.id] = schedule
        return schedule

    async def get(self, community_id: str, schedule_id: int) -> Schedule | None:
        x = self.s.schedules.get(schedule_id)
        return x if x and x.community_id == community_id else None

    async def save(self, schedule: Schedule) -> None:
        self.s.schedules[schedule.id] = schedule

    async def advance(self, schedules: Sequence[Schedule]) -> None:
        for schedule in schedules:
            self.s.schedules[schedule.id] = schedule

    async def remove(self, community_id: str, schedule_id: int) -> None:
        if await self.get(community_id, schedule_id):
            del self.s.schedules[schedule_id]

    async def for_team(self, community_id: str, team_id: int) -> Sequence[Schedule]:
        return sorted(
            (
                x
                for x in self.s.schedules.values()
                if x.community_id == community_id and x.team_id == team_id
            ),
            key=lambda x: x.id,
        )

    async def due(self, now: datetime, limit: int) -> Sequence[tuple[Schedule, Team]]:
        rows = [
            x
            for x in self.s.schedules.values()
            if not x.paused and x.next_fire_at is not None and x.next_fire_at <= now
        ]
        rows.sort(key=lambda x: (x.next_fire_at, x.id))
        return [(x, self.s.teams[x.team_id]) for x in rows[:limit]]


class ScheduleRuns(_Repo):
    async def claim(self, run: ScheduleRun) -> ScheduleRun | None:
        if any(
            r.schedule_id == run.schedule_id and r.fire_at == run.fire_at
            for r in self.s.runs.values()
        ):
            return None
        run = replace(run, id=self.uow.next_id())
        self.s.runs[run.id] = run
        return run

    async def finish(
        self, community_id: str, run_id: int, state: RunState, at: datetime, posts: int
    ) -> None:
        run = self.s.runs[run_id]
        assert run.community_id == community_id
        self.s.runs[run_id] = replace(run, state=state, finished_at=at, posts=posts)

    async def finish_many(self, finished: Sequence[ScheduleRun]) -> None:
        for run in finished:
            assert self.s.runs[run.id].community_id == run.community_id
            self.s.runs[run.id] = run

    async def get(self, community_id: str, run_id: int) -> ScheduleRun | None:
        run = self.s.runs.get(run_id)
        return run if run and run.community_id == community_id else None

    async def recent(
        self, community_id: str, schedule_id: int, limit: int
    ) -> Sequence[ScheduleRun]:
        rows = [
            r
            for r in self.s.runs.values()
            if r.community_id == community_id and r.schedule_id == schedule_id
        ]
        return sorted(rows, key=lambda r: r.fire_at, reverse=True)[:limit]

    async def stuck(
        self, community_id: str, team_id: int, before: datetime
    ) -> Sequence[ScheduleRun]:
        mine = {
            x.id
            for x in self.s.schedules.values()
            if x.team_id == team_id and x.community_id == community_id
        }
        return [
            r
            for r in self.s.runs.values()
            if r.schedule_id in mine and r.state is RunState.CLAIMED and r.claimed_at < before
        ]


class CalendarBreaks(_Repo):
    async def add(self, brk: CalendarBreak) -> CalendarBreak:
        brk = replace(brk, id=self.uow.next_id())
        self.s.breaks[brk.id] = brk
        return brk

    async def remove(self, community_id: str, break_id: int) -> None:
        if await self.get(community_id, break_id):
            del self.s.breaks[break_id]

    async def get(self, community_id: str, break_id: int) -> CalendarBreak | None:
        b = self.s.breaks.get(break_id)
        return b if b and b.community_id == community_id else None

    async def list(self, community_id: str) -> Sequence[CalendarBreak]:
        return sorted(
            (b for b in self.s.breaks.values() if b.community_id == community_id),
            key=lambda b: b.first_day,
        )


class SentReminders(_Repo):
    async def claim(self, community_id: str, delivery_id: int, user_id: str, at: datetime) -> bool:
        if (delivery_id, user_id) in self.s.reminders:
            return False
        self.s.reminders.add((delivery_id, user_id))
        return True


class AuditLog(_Repo):
    async def add(self, entry: AuditEntry) -> None:
        self.s.audit.append(entry)

    async def list(self, community_id: str, since: datetime | None = None) -> Sequence[AuditEntry]:
        return [
            e
            for e in self.s.audit
            if e.community_id == community_id and (since is None or e.at >= since)
        ]


class DataRights(_Repo):
    async def forget_person(self, community_id: str, user_id: str) -> dict[str, int]:
        s = self.s
        teams = {t.id for t in s.teams.values() if t.community_id == community_id}
        deliveries = {d.id for d in s.deliveries.values() if d.community_id == community_id}
        theirs = {
            r.id
            for r in s.reflections.values()
            if r.community_id == community_id and r.user_id == user_id
        }
        counts = {
            "reflections": _drop(
                s.reflections, lambda r: r.community_id == community_id and r.user_id == user_id
            ),
            "checkins": _drop(
                s.checkins, lambda c: c.community_id == community_id and c.user_id == user_id
            ),
            "pulse_answers": _drop(
                s.pulse, lambda a: a.community_id == community_id and a.user_id == user_id
            ),
            "attendances": _drop(
                s.attendance, lambda a: a.community_id == community_id and a.user_id == user_id
            ),
            "team_roles": _drop(
                s.team_roles, lambda r: r.team_id in teams and r.user_id == user_id
            ),
        }
        before = len(s.reminders)
        s.reminders = {(d, u) for d, u in s.reminders if not (d in deliveries and u == user_id)}
        counts["reminders"] = before - len(s.reminders)
        before = len(s.posted)
        s.posted = [
            p
            for p in s.posted
            if not (
                p.community_id == community_id
                and (p.user_id == user_id or (p.kind == "reflection" and p.subject_id in theirs))
            )
        ]
        counts["posted_messages"] = before - len(s.posted)
        for key, a in list(s.attendance.items()):
            if a.community_id == community_id:
                by = "forgotten" if a.marked_by == user_id else a.marked_by
                ok = "forgotten" if a.confirmed_by == user_id else a.confirmed_by
                s.attendance[key] = replace(a, marked_by=by, confirmed_by=ok)
        anonymised = [
            i
            for i, e in enumerate(s.audit)
            if e.community_id == community_id and e.reader_id == user_id
        ]
        for i in anonymised:
            s.audit[i] = replace(s.audit[i], reader_id="forgotten")
        about = [
            i
            for i, e in enumerate(s.audit)
            if e.community_id == community_id and e.subject_id == user_id
        ]
        for i in about:
            s.audit[i] = replace(s.audit[i], subject_id="forgotten")
        counts["anonymised"] = len(anonymised) + len(about)
        counts["members"] = 1 if s.members.pop((community_id, user_id), None) else 0
        return counts

    async def purge_community(self, community_id: str) -> dict[str, int]:
        s = self.s
        teams = {t.id for t in s.teams.values() if t.community_id == community_id}
        tables = [
            ("members", s.members),
            ("sessions", s.sessions),
            ("checkins", s.checkins),
            ("prompt_deliveries", s.deliveries),
            ("reflections", s.reflections),
            ("pulse_answers", s.pulse),
            ("schedules", s.schedules),
            ("schedule_runs", s.runs),
            ("calendar_breaks", s.breaks),
            ("pending_withdrawals", s.withdrawals),
            ("team_prompts", s.team_prompts),
            ("attendances", s.attendance),
        ]
        counts = {
            name: _drop(table, lambda x: x.community_id == community_id) for name, table in tables
        }
        counts["team_roles"] = _drop(s.team_roles, lambda r: r.team_id in teams)
        counts["teams"] = _drop(s.teams, lambda t: t.community_id == community_id)
        counts["communities"] = 1 if s.communities.pop(community_id, None) else 0
        s.had_admin.discard(community_id)
        return counts

    async def delete_reflections_before(self, community_id: str, before: datetime) -> int:
        old = {
            r.id
            for r in self.s.reflections.values()
            if r.community_id == community_id and r.created_at < before
        }
        self.s.posted = [
            p
            for p in self.s.posted
            if not (
                p.community_id == community_id and p.kind == "reflection" and p.subject_id in old
            )
        ]
        return _drop(self.s.reflections, lambda r: r.id in old)

    async def communities(self) -> Sequence[Community]:
        return list(self.s.communities.values())

    async def mark_removed(self, community_id: str, at: datetime | None) -> None:
        c = self.s.communities[community_id]
        self.s.communities[community_id] = replace(c, removed_at=at)


def _drop(table: Any, gone: Any) -> int:
    keys = [k for k, v in table.items() if gone(v)]
    for k in keys:
        del table[k]
    return len(keys)


class FakeStore:
    """The committed state, shared by every unit of work made from it."""

    def __init__(self) -> None:
        self.state = State()
        self.ids = itertools.count(1)
        self.commits = 0
        self.unavailable = False

    def uow(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self)


class FakeUnitOfWork:
    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self.state: State | None = None
        self.committed = False
        self.communities = Communities(self)
        self.members = Members(self)
        self.teams = Teams(self)
        self.team_roles = TeamRoles(self)
        self.stage_changes = StageChanges(self)
        self.sessions = Sessions(self)
        self.checkins = CheckIns(self)
        self.deliveries = Deliveries(self)
        self.reflections = Reflections(self)
        self.pulse = PulseAnswers(self)
        self.posted = PostedMessages(self)
        self.withdrawals = PendingWithdrawals(self)
        self.team_prompts = FakeTeamPrompts(self)
        self.attendance = FakeAttendances(self)
        self.events = ProcessedEvents(self)
        self.schedules = Schedules(self)
        self.schedule_runs = ScheduleRuns(self)
        self.calendar = CalendarBreaks(self)
        self.reminders = SentReminders(self)
        self.audit = AuditLog(self)
        self.rights = DataRights(self)
        self.reports = FakeReportReads(self)  # type: ignore[arg-type]

    def next_id(self) -> int:
        return next(self.store.ids)

    async def __aenter__(self) -> Self:
        if self.store.unavailable:
            raise StorageUnavailable("fake database is down")
        self.state = copy.deepcopy(self.store.state)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.state = None

    async def commit(self) -> None:
        assert self.state is not None
        self.store.state = self.state
        self.state = copy.deepcopy(self.state)
        self.store.commits += 1
        self.committed = True

    async def rollback(self) -> None:
        self.state = copy.deepcopy(self.store.state)

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        before = copy.deepcopy(self.state)
        try:
            yield
        except BaseException:
            self.state = before
            raise


@dataclass
class Sent:
    kind: str  # "post", "dm", "update"
    community: CommunityRef
    where: str  # channel id, user id, or message id
    message: Message
    ref: MessageRef
    thread: MessageRef | None = None
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.message.plain_text()


class FakeChat:
    """Records every post, DM and update, as the platform would have received them."""

    def __init__(self) -> None:
        self.sent: list[Sent] = []
        self._ids = itertools.count(1)
        self.fail = False

    def _ref(self, channel: str) -> MessageRef:
        return MessageRef(channel, f"m{next(self._ids)}")

    async def post(
        self,
        community: CommunityRef,
        channel_id: str,
        message: Message,
        *,
        thread: MessageRef | None = None,
    ) -> MessageRef:
        if self.fail:
            raise ChatError("fake platform refused")
        ref = self._ref(channel_id)
        self.sent.append(Sent("post", community, channel_id, message, ref, thread))
        return ref

    async def dm(self, community: CommunityRef, user_id: str, message: Message) -> MessageRef:
        if self.fail:
            raise ChatError("fake platform refused")
        ref = self._ref(f"D-{user_id}")
        self.sent.append(Sent("dm", community, user_id, message, ref))
        return ref

    async def update(self, community: CommunityRef, ref: MessageRef, message: Message) -> None:
        if self.fail:
            raise ChatError("fake platform refused")
        self.sent.append(Sent("update", community, ref.message_id, message, ref))

    async def dm_files(
        self, community: CommunityRef, user_id: str, message: Message, files: Sequence[ExportFile]
    ) -> MessageRef:
        ref = await self.dm(community, user_id, message)
        self.sent[-1].files = {f.name: f.content for f in files}
        return ref

    def posts_to(self, channel: str) -> list[Sent]:
        return [s for s in self.sent if s.kind == "post" and s.where == channel]

    def dms_to(self, user: str) -> list[Sent]:
        return [s for s in self.sent if s.kind == "dm" and s.where == user]

    def updates(self) -> list[Sent]:
        return [s for s in self.sent if s.kind == "update"]
