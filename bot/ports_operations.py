"""The ports of what happens around the team's work: posted messages and their withdrawal,
delivered events, schedules and their runs, school calendars, reminders, the audit log and data
rights. Re-exported by bot.ports, where the unit of work gathers them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain import (
    AuditEntry,
    Community,
    MessageRef,
    PendingWithdrawal,
    PostedKind,
    PostedMessage,
    Team,
)
from bot.scheduling.model import CalendarBreak, RunState, Schedule, ScheduleRun


class PostedMessages(Protocol):
    async def add(self, posted: PostedMessage) -> None: ...
    async def find(
        self, community_id: str, kind: PostedKind, subject_id: int
    ) -> Sequence[PostedMessage]: ...
    async def for_subjects(
        self, community_id: str, kind: PostedKind, subject_ids: Sequence[int]
    ) -> Sequence[PostedMessage]:
        """find() for many subjects at once (a person's shared reflections): one read."""
        ...

    async def by_ref(self, community_id: str, ref: MessageRef) -> PostedMessage | None: ...
    async def latest_dm(
        self, community_id: str, user_id: str, kind: PostedKind
    ) -> PostedMessage | None: ...

    async def dms_to(
        self, platform: str, user_id: str, kind: PostedKind
    ) -> Sequence[PostedMessage]:
        """The person's DMs of that kind from every community of that platform, newest first
        (a bounded number). One of the two queries across communities, and only ever about the
        person asking: a DM on Discord says nothing of the server it answers."""
        ...

    async def dm_by_ref(self, platform: str, user_id: str, ref: MessageRef) -> PostedMessage | None:
        """The message the bot DMed this person at `ref`, in whichever community sent it."""
        ...


class PendingWithdrawals(Protocol):
    """Posts of shared reflections whose withdrawal the platform has not yet accepted."""

    async def add(self, withdrawal: PendingWithdrawal) -> PendingWithdrawal: ...
    async def for_community(self, community_id: str) -> Sequence[PendingWithdrawal]: ...

    async def due(self, now: datetime, limit: int) -> Sequence[PendingWithdrawal]:
        """Those whose next_try_at <= now, oldest first, across communities (the scheduler's
        own query)."""
        ...

    async def done(self, community_id: str, withdrawal_id: int) -> None:
        """The edit landed: forget the record (nothing if it is already gone)."""
        ...

    async def retry_later(self, withdrawal: PendingWithdrawal) -> None:
        """Store its new attempts and next_try_at (nothing if it is already gone)."""
        ...


@dataclass(frozen=True)
class Claim:
    """A platform delivery to claim (ProcessedEvents.claim): its key, and when."""

    key: str
    at: datetime


class ProcessedEvents(Protocol):
    """Platform deliveries already handled (Slack retries events; a retry may reach another worker)."""

    async def claim(self, community_id: str, key: str, at: datetime) -> bool:
        """True the first time `key` is claimed, False for a repeat. Part of the unit of work:
        it commits with the use case, or alone (after a rollback) when the use case is refused
        (bot/attempt.py)."""
        ...

    async def prune(self, before: datetime) -> int: ...


class Schedules(Protocol):
    async def add(self, schedule: Schedule) -> Schedule: ...
    async def get(self, community_id: str, schedule_id: int) -> Schedule | None: ...
    async def save(self, schedule: Schedule) -> None: ...
    async def advance(self, schedules: Sequence[Schedule]) -> None:
        """Record the next fire time and run count (all the scheduler changes) of schedules
        this unit of work's due() returned (and locked), all at once."""
        ...

    async def remove(self, community_id: str, schedule_id: int) -> None: ...
    async def for_team(self, community_id: str, team_id: int) -> Sequence[Schedule]: ...
    async def for_community(self, community_id: str) -> Sequence[Schedule]:
        """Every schedule of every team of the community, by team, then id: one read."""
        ...

    async def due(
        self, now: datetime, limit: int, platforms: Sequence[str] | None = None
    ) -> Sequence[tuple[Schedule, Team]]:
        """Unpaused schedules whose next_fire_at <= now, oldest first, across communities (the
        scheduler's own query). On PostgreSQL the rows are locked with SKIP LOCKED, so workers
        share the work instead of queueing on it. `platforms`: only the communities on these
        (the ones the asking process can post to); None: every community."""
        ...


class ScheduleRuns(Protocol):
    async def claim(self, run: ScheduleRun) -> ScheduleRun | None:
        """Insert the run; None if (schedule, fire_at) was already claimed by anyone."""
        ...

    async def claim_many(self, runs: Sequence[ScheduleRun]) -> list[ScheduleRun | None]:
        """claim() each run of a batch whose schedules the caller has locked (`due`), at once:
        in the same order, each run with its id or None where it was claimed already."""
        ...

    async def finish(
        self, community_id: str, run_id: int, state: RunState, at: datetime, posts: int
    ) -> None: ...
    async def finish_many(self, finished: Sequence[ScheduleRun]) -> None:
        """Record each run's state, finished_at and posts at once."""
        ...

    async def get(self, community_id: str, run_id: int) -> ScheduleRun | None: ...
    async def recent(
        self, community_id: str, schedule_id: int, limit: int
    ) -> Sequence[ScheduleRun]: ...
    async def stuck(
        self, community_id: str, team_id: int, before: datetime
    ) -> Sequence[ScheduleRun]:
        """Runs still 'claimed' since before `before`: a worker died between claim and post."""
        ...


class CalendarBreaks(Protocol):
    async def add(self, brk: CalendarBreak) -> CalendarBreak: ...
    async def remove(self, community_id: str, break_id: int) -> None: ...
    async def get(self, community_id: str, break_id: int) -> CalendarBreak | None: ...
    async def list(self, community_id: str) -> Sequence[CalendarBreak]: ...


class SentReminders(Protocol):
    async def claim(self, community_id: str, delivery_id: int, user_id: str, at: datetime) -> bool:
        """True the first time this person is reminded of this prompt."""
        ...


class AuditLog(Protocol):
    """Who read which team's reflections, and when: a district must be able to answer for it."""

    async def add(self, entry: AuditEntry) -> None: ...
    async def list(
        self, community_id: str, since: datetime | None = None
    ) -> Sequence[AuditEntry]: ...
    async def newest(self, community_id: str, skip: int, limit: int) -> Sequence[AuditEntry]:
        """A page of the community's entries, newest first (the panel's audit log)."""
        ...


class DataRights(Protocol):
    """Hard deletes. Each returns how many rows it removed, by table name."""

    async def forget_person(self, community_id: str, user_id: str) -> dict[str, int]:
        """Every row of this person in this community: reflections, check-ins, pulse answers,
        team roles, reminders sent, messages DMed to them, audit entries about their reads,
        their membership."""
        ...

    async def purge_community(self, community_id: str) -> dict[str, int]:
        """Every row of the community, in every table."""
        ...

    async def delete_reflections_before(self, community_id: str, before: datetime) -> int: ...

    async def communities(self) -> Sequence[Community]:
        """Every community (the retention job's own query)."""
        ...

    async def mark_removed(self, community_id: str, at: datetime | None) -> None:
        """The bot was uninstalled or removed from the guild (None: it is back)."""
        ...
