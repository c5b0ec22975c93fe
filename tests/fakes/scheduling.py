"""The fake repositories of schedules, their runs, calendar breaks and sent reminders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot.domain import Team
from bot.scheduling.model import CalendarBreak, RunState, Schedule, ScheduleRun
from tests.fakes.state import Repo, by, stored, utc


class Schedules(Repo):
    async def add(self, schedule: Schedule) -> Schedule:
        await self.uow.writing()
        schedule = stored(schedule)
        self.team_in(schedule.community_id, schedule.team_id)
        schedule = replace(schedule, id=self.uow.next_id())
        self.s.schedules[schedule.id] = schedule
        return schedule

    async def get(self, community_id: str, schedule_id: int) -> Schedule | None:
        x = self.s.schedules.get(schedule_id)
        return x if x and x.community_id == community_id else None

    async def save(self, schedule: Schedule) -> None:
        await self.uow.writing()
        schedule = stored(schedule)
        self.schedule_in(schedule.community_id, schedule.id)
        self.team_in(schedule.community_id, schedule.team_id)
        self.s.schedules[schedule.id] = schedule

    async def advance(self, schedules: Sequence[Schedule]) -> None:
        await self.uow.writing()
        for schedule in schedules:
            await self.save(schedule)

    async def remove(self, community_id: str, schedule_id: int) -> None:
        await self.uow.writing()
        if await self.get(community_id, schedule_id):
            del self.s.schedules[schedule_id]
            for run in [r for r in self.s.runs.values() if r.schedule_id == schedule_id]:
                del self.s.runs[run.id]

    async def for_community(self, community_id: str) -> Sequence[Schedule]:
        mine = (x for x in self.s.schedules.values() if x.community_id == community_id)
        return sorted(mine, key=by("team_id", "id"))

    async def for_team(self, community_id: str, team_id: int) -> Sequence[Schedule]:
        return sorted(
            (
                x
                for x in self.s.schedules.values()
                if x.community_id == community_id and x.team_id == team_id
            ),
            key=by("id"),
        )

    async def due(
        self, now: datetime, limit: int, platforms: Sequence[str] | None = None
    ) -> Sequence[tuple[Schedule, Team]]:
        now = utc(now)
        rows = [
            x
            for x in self.s.schedules.values()
            if not x.paused and x.next_fire_at is not None and x.next_fire_at <= now
            if platforms is None or x.community_id.split(":", 1)[0] in platforms
        ]
        rows.sort(key=by("next_fire_at", "id"))
        return [(x, self.s.teams[x.team_id]) for x in rows[:limit]]


class ScheduleRuns(Repo):
    async def claim(self, run: ScheduleRun) -> ScheduleRun | None:
        """The run with its id; None if that (schedule, fire time) was claimed already."""
        await self.uow.writing()
        run = stored(run)
        self.schedule_in(run.community_id, run.schedule_id)
        if any(
            r.schedule_id == run.schedule_id and r.fire_at == run.fire_at
            for r in self.s.runs.values()
        ):
            return None
        run = replace(run, id=self.uow.next_id())
        self.s.runs[run.id] = run
        return run

    async def claim_many(self, runs: Sequence[ScheduleRun]) -> list[ScheduleRun | None]:
        return [await self.claim(run) for run in runs]

    def _run_in(self, community_id: str, run_id: int) -> ScheduleRun:
        run = self.s.runs.get(run_id)
        if run is None or run.community_id != community_id:
            raise LookupError(f"no schedule run {run_id} in {community_id}")
        return run

    async def finish(
        self, community_id: str, run_id: int, state: RunState, at: datetime, posts: int
    ) -> None:
        await self.uow.writing()
        run = self._run_in(community_id, run_id)
        self.s.runs[run_id] = replace(run, state=state, finished_at=utc(at), posts=posts)

    async def finish_many(self, finished: Sequence[ScheduleRun]) -> None:
        await self.uow.writing()
        for run in finished:
            assert run.finished_at is not None
            await self.finish(run.community_id, run.id, run.state, run.finished_at, run.posts)

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
        return sorted(rows, key=by("fire_at", "id"), reverse=True)[:limit]

    async def stuck(
        self, community_id: str, team_id: int, before: datetime
    ) -> Sequence[ScheduleRun]:
        """Runs of the team's schedules still 'claimed' since before `before`."""
        before = utc(before)
        mine = {
            x.id
            for x in self.s.schedules.values()
            if x.team_id == team_id and x.community_id == community_id
        }
        rows = [
            r
            for r in self.s.runs.values()
            if r.schedule_id in mine and r.state is RunState.CLAIMED and r.claimed_at < before
        ]
        return sorted(rows, key=by("claimed_at", "id"))


class CalendarBreaks(Repo):
    async def add(self, brk: CalendarBreak) -> CalendarBreak:
        await self.uow.writing()
        self.community_in(brk.community_id)
        if brk.team_id is not None:
            self.team_in(brk.community_id, brk.team_id)
        brk = replace(brk, id=self.uow.next_id())
        self.s.breaks[brk.id] = brk
        return brk

    async def remove(self, community_id: str, break_id: int) -> None:
        await self.uow.writing()
        if await self.get(community_id, break_id):
            del self.s.breaks[break_id]

    async def get(self, community_id: str, break_id: int) -> CalendarBreak | None:
        b = self.s.breaks.get(break_id)
        return b if b and b.community_id == community_id else None

    async def list(self, community_id: str) -> Sequence[CalendarBreak]:
        """The community's breaks, community-wide and per team, by first day."""
        return sorted(
            (b for b in self.s.breaks.values() if b.community_id == community_id),
            key=by("first_day", "id"),
        )


class SentReminders(Repo):
    async def claim(self, community_id: str, delivery_id: int, user_id: str, at: datetime) -> bool:
        """True the first time this person is reminded of this prompt; False after that."""
        await self.uow.writing()
        utc(at)
        self.delivery_in(community_id, delivery_id)
        if (delivery_id, user_id) in self.s.reminders:
            return False
        self.s.reminders.add((delivery_id, user_id))
        return True
