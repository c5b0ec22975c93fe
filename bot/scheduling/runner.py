"""The scheduler's tick: claim what is due exactly once, post it, record how it went.

Exactly once across any number of workers: each (schedule, fire time) is claimed by inserting a
run row under a unique constraint inside the same transaction that advances the schedule; only
the worker whose insert wins posts. The post happens after that commit, and each run is marked
sent as soon as its own post is done (not when the whole batch is). A worker that dies between
claim and post leaves the run 'claimed': it is reported (log, `/plc schedule list`) and never
re-posted, because for nudges a missed post is better than a double one.

Misfires: the run is the latest fire time not after now (missed runs coalesce into one); if
even that is older than the grace, nothing is posted and the miss is logged."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.delivery import Sent, send
from bot.domain import CommunityRef, PostedKind, Team
from bot.library import Libraries
from bot.observe import metrics
from bot.outcome import Post
from bot.ports import Chat, Clock, UnitOfWork, UnitOfWorkFactory
from bot.scheduling.action_reminders import send_action_reminders
from bot.scheduling.model import CalendarBreak, RunState, Schedule, ScheduleRun
from bot.scheduling.posts import posts_for
from bot.scheduling.step_nudges import send_step_nudges
from bot.scheduling.when import WhenError, fire_times, latest_at_or_before, parse_when
from bot.withdrawals import retry_due

log = logging.getLogger("plcbot.scheduler")


@dataclass
class TickReport:
    claimed: int = 0
    posted: int = 0
    failed: int = 0
    skipped: int = 0
    missed: int = 0
    lost_races: int = 0
    withdrawn: int = 0  # forgotten people's shared posts withdrawn on a retry
    action_reminders: int = 0  # action items' owners reminded
    step_nudges: int = 0  # protocol steps told their time is up

    def add(self, other: TickReport) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class _Writes:
    """A batch's schedule and run updates, written together at its end (one round trip each,
    not one per schedule): the schedules are locked by the batch's due query meanwhile."""

    advanced: list[Schedule] = field(default_factory=list)
    finished: list[ScheduleRun] = field(default_factory=list)


@dataclass
class _Job:
    run: ScheduleRun
    community: CommunityRef
    posts: list[Post]


def community_ref(community_id: str) -> CommunityRef:
    platform, _, external = community_id.partition(":")
    return CommunityRef(platform, external)


class ScheduleRunner:
    def __init__(
        self,
        *,
        uow: UnitOfWorkFactory,
        chat: Chat,
        libraries: Libraries,
        clock: Clock,
        grace: timedelta = timedelta(hours=1),
        batch: int = 50,
        concurrency: int = 16,
        batch_seconds: float = 0.25,
    ) -> None:
        self._uow = uow
        self._chat = chat
        self._libraries = libraries
        self._clock = clock
        self.grace = grace
        self._batch = batch
        self._concurrency = concurrency
        self._batch_seconds = batch_seconds
        self._stopping = False

    def stop_claiming(self) -> None:
        """The process is stopping: a tick in progress claims no further batch (it still posts
        and records what it has claimed); the runs left unclaimed are another worker's, or this
        schedule's next start's, within the grace."""
        self._stopping = True

    async def tick(self) -> TickReport:
        """Run everything due now; returns when every claimed run has been posted.

        The next batch is claimed while the last one is being posted: claiming waits on the
        database, posting on the platform, and a fan-out of thousands took twice as long
        doing one after the other. So at most two batches are claimed and not yet posted.

        People's requests share this process: a batch stops claiming after `batch_seconds`
        (what it leaves is the next batch's), and the loop yields between batches, so the
        first posts go out early and requests are not held behind a long claim."""
        now = self._clock.now()
        report = TickReport()
        posting: asyncio.Task[TickReport] | None = None
        try:
            while True:
                jobs, part, due = await self._claim_batch(now)
                report.add(part)
                if posting is not None:
                    report.add(await posting)
                    posting = None
                if not due:
                    break
                if jobs:
                    posting = asyncio.create_task(self._post(jobs))
                if self._stopping:
                    if posting is not None:
                        report.add(await posting)
                        posting = None
                    break
                await asyncio.sleep(0)  # let waiting requests run between batches
        except BaseException:
            if posting is not None:  # what was claimed is still posted (and recorded)
                await asyncio.gather(posting, return_exceptions=True)
            raise
        report.withdrawn = await retry_due(self._chat, self._uow, self._clock)
        for state in ("claimed", "skipped", "missed"):
            if count := getattr(report, state):
                metrics().scheduled(state, count)
        report.action_reminders = await send_action_reminders(self._uow, self._chat, self._clock)
        report.step_nudges = await send_step_nudges(self._uow, self._chat, self._clock)
        return report

    async def _claim_batch(self, now: datetime) -> tuple[list[_Job], TickReport, int]:
        part = TickReport()
        jobs: list[_Job] = []
        writes = _Writes()
        async with self._uow() as uow:
            due = await uow.schedules.due(now, self._batch)
            breaks: dict[str, list[CalendarBreak]] = {}
            until = time.monotonic() + self._batch_seconds
            for schedule, team in due:
                if time.monotonic() > until:
                    break  # the rest (still due, unlocked at commit) go in the next batch
                if schedule.community_id not in breaks:
                    breaks[schedule.community_id] = list(
                        await uow.calendar.list(schedule.community_id)
                    )
                job = await self._claim_one(
                    uow, schedule, team, now, breaks[schedule.community_id], part, writes
                )
                if job is not None:
                    jobs.append(job)
            await uow.schedules.advance(writes.advanced)
            await uow.schedule_runs.finish_many(writes.finished)
            await uow.commit()
        return jobs, part, len(due)

    async def _claim_one(
        self,
        uow: UnitOfWork,
        schedule: Schedule,
        team: Team,
        now: datetime,
        breaks: list[CalendarBreak],
        part: TickReport,
        writes: _Writes,
    ) -> _Job | None:
        try:
            when, zone = parse_when(schedule.when), ZoneInfo(schedule.timezone)
        except (WhenError, KeyError, ValueError):
            log.error(
                "schedule %s has an unreadable time %r; pausing it", schedule.id, schedule.when
            )
            await uow.schedules.save(replace(schedule, paused=True, next_fire_at=None))
            return None
        start = schedule.next_fire_at or now
        fire_at = latest_at_or_before(
            when, zone, max(start, now - self.grace - timedelta(days=1)), now
        )
        following = next(fire_times(when, zone, now), None)
        advanced = replace(schedule, next_fire_at=following)
        if fire_at is None or now - fire_at > self.grace:
            part.missed += 1
            log.warning(
                "schedule %s missed its run due %s (more than %s late); skipped",
                schedule.id,
                start,
                self.grace,
            )
            writes.advanced.append(advanced)
            return None
        run = await uow.schedule_runs.claim(
            ScheduleRun(0, schedule.community_id, schedule.id, fire_at, RunState.CLAIMED, now)
        )
        # The schedule is advanced in every case, once (in the same transaction as the claim;
        # nothing below reads it back), and counts a run only when it posts.
        if run is None:
            writes.advanced.append(advanced)
            part.lost_races += 1  # another worker has it
            return None
        part.claimed += 1
        local_day = fire_at.astimezone(zone).date()
        posts: list[Post] = []
        if team.archived_at is None and not any(b.covers(local_day, team.id) for b in breaks):
            posts = await posts_for(uow, self._libraries.get(team.language), schedule, team, now)
        if not posts:  # an archived team, a calendar break, or nothing to say
            writes.finished.append(replace(run, state=RunState.SKIPPED, finished_at=now))
            writes.advanced.append(advanced)
            part.skipped += 1
            return None
        writes.advanced.append(replace(advanced, runs=schedule.runs + 1))
        return _Job(run, community_ref(schedule.community_id), posts)

    async def _post(self, jobs: list[_Job]) -> TickReport:
        """Post the jobs concurrently and mark each run sent (or failed) as soon as its post is
        done, committing whatever has finished meanwhile together: a worker that dies mid-batch
        leaves 'claimed' only the runs it had not posted, not the whole batch."""
        limit = asyncio.Semaphore(self._concurrency)
        done: asyncio.Queue[tuple[_Job, Sent | None]] = asyncio.Queue()

        async def one(job: _Job) -> None:
            sent: Sent | None = None
            try:
                async with limit:
                    sent = await send(self._chat, self._clock, job.community, job.posts)
            except Exception:
                # Not a refusal (send turns those into counts): whether it posted is unknown,
                # so the run stays 'claimed' and is reported, never retried.
                log.exception("posting schedule %s's run failed unexpectedly", job.run.schedule_id)
            finally:
                done.put_nowait((job, sent))

        part = TickReport()
        posting = [asyncio.create_task(one(job)) for job in jobs]
        waiting = len(jobs)
        try:
            while waiting:
                finished = [await done.get()]
                while not done.empty():
                    finished.append(done.get_nowait())
                waiting -= len(finished)
                await self._record(finished, part)
        finally:
            await asyncio.gather(*posting)
        return part

    async def _record(self, finished: list[tuple[_Job, Sent | None]], part: TickReport) -> None:
        finished_at = self._clock.now()
        async with self._uow() as uow:
            outcomes = [
                replace(
                    job.run,
                    state=RunState.SENT if sent.posted else RunState.FAILED,
                    finished_at=finished_at,
                    posts=sent.posted,
                )
                for job, sent in finished
                if sent is not None
            ]
            await uow.schedule_runs.finish_many(outcomes)
            for run in outcomes:
                metrics().scheduled("sent" if run.state is RunState.SENT else "failed")
                metrics().schedule_lag((finished_at - run.fire_at).total_seconds())
            for _, sent in finished:
                if sent is None:
                    continue
                for posted in sent.remember:
                    await uow.posted.add(posted)
                    if posted.kind is PostedKind.PROMPT:  # now there is a prompt to answer
                        await uow.deliveries.mark_posted(posted.community_id, posted.subject_id)
                part.posted += sent.posted
                part.failed += sent.failed
            await uow.commit()
