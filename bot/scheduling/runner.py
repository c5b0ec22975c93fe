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
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from bot.delivery import Sent, send
from bot.domain import PostedKind
from bot.library import Libraries
from bot.observe import metrics
from bot.ports import Chat, Clock, UnitOfWorkFactory
from bot.scheduling.claims import Due, Job, TickReport, Writes, fire_time, make_job
from bot.scheduling.model import CalendarBreak, RunState, ScheduleRun
from bot.scheduling.reminders_and_nudges import send_reminders_and_nudges
from bot.withdrawals import retry_due

__all__ = ["ScheduleRunner", "TickReport"]

log = logging.getLogger("plcbot.scheduler")


YIELD_EVERY = 64  # schedules worked out between turns given to the rest of the event loop


async def _now_and_then(n: int) -> None:
    """Let the event loop run other work (people's requests, the last batch's posts) every
    YIELD_EVERY schedules: a batch's CPU-only stretches are hundreds of schedules long."""
    if n % YIELD_EVERY == 0:
        await asyncio.sleep(0)


class ScheduleRunner:
    """`batch`: schedules claimed per transaction (the due query, the claim and the writes are
    per batch, so a bigger one costs fewer statements per schedule; at most two batches are
    claimed and not yet posted, which bounds what a killed worker leaves 'claimed').
    `concurrency`: posts in flight; each platform's Chat paces them (per channel, and a
    workspace waits out its 429s), and with more in flight each recording commit carries more
    runs (at 16 a tick spent twice the statements and ~15% more CPU per schedule than at 48).
    """

    def __init__(
        self,
        *,
        uow: UnitOfWorkFactory,
        chat: Chat,
        libraries: Libraries,
        clock: Clock,
        grace: timedelta = timedelta(hours=1),
        batch: int = 500,
        concurrency: int = 48,
        batch_seconds: float = 0.25,
        platforms: Sequence[str] | None = None,
    ) -> None:
        """`platforms`: the only platforms whose schedules this runner claims (those its chat
        can post to: a process serving Slack alone leaves a Discord server's runs to the
        process connected to it); None: every platform's."""
        self._uow = uow
        self._chat = chat
        self._libraries = libraries
        self._clock = clock
        self.grace = grace
        self._batch = batch
        self._concurrency = concurrency
        self._batch_seconds = batch_seconds
        self._stopping = False
        self._platforms = None if platforms is None else tuple(platforms)

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
        report.action_reminders, report.step_nudges = await send_reminders_and_nudges(
            self._uow, self._chat, self._clock, self._platforms
        )
        return report

    async def _claim_batch(self, now: datetime) -> tuple[list[Job], TickReport, int]:
        """One batch: the due schedules' runs worked out (CPU only, within `batch_seconds`),
        claimed together in one statement, then each won run's posts made."""
        part = TickReport()
        jobs: list[Job] = []
        writes = Writes()
        async with self._uow() as uow:
            due = await uow.schedules.due(now, self._batch, self._platforms)
            until = time.monotonic() + self._batch_seconds
            timed: list[Due] = []
            for n, (schedule, team) in enumerate(due, 1):
                if time.monotonic() > until:
                    break  # the rest (still due, unlocked at commit) go in the next batch
                await _now_and_then(n)
                item = await fire_time(uow, schedule, team, now, self.grace, part, writes)
                if item is not None:
                    timed.append(item)
            runs = await uow.schedule_runs.claim_many(
                [
                    ScheduleRun(
                        0, d.schedule.community_id, d.schedule.id, d.fire_at, RunState.CLAIMED, now
                    )
                    for d in timed
                ]
            )
            breaks: dict[str, list[CalendarBreak]] = {}
            for n, (item, run) in enumerate(zip(timed, runs, strict=True), 1):
                await _now_and_then(n)
                # The schedule is advanced in every case, once (in the same transaction as
                # the claim; nothing below reads it back), and counts a run only when it posts.
                if run is None:
                    writes.advanced.append(item.advanced)
                    part.lost_races += 1  # another worker has it
                    continue
                community = item.schedule.community_id
                if community not in breaks:
                    breaks[community] = list(await uow.calendar.list(community))
                library = self._libraries.get(item.team.language)
                job = await make_job(uow, library, item, run, now, breaks[community], part, writes)
                if job is not None:
                    jobs.append(job)
            await uow.schedules.advance(writes.advanced)
            await uow.schedule_runs.finish_many(writes.finished)
            await uow.commit()
        return jobs, part, len(due)

    async def _post(self, jobs: list[Job]) -> TickReport:
        """Post the jobs concurrently and mark each run sent (or failed) as soon as its post is
        done, committing whatever has finished meanwhile together: a worker that dies mid-batch
        leaves 'claimed' only the runs it had not posted, not the whole batch."""
        pending = iter(jobs)
        done: asyncio.Queue[tuple[Job, Sent | None]] = asyncio.Queue()

        async def poster() -> None:
            # One of `concurrency` posters, each taking the next job when its post is done
            # (not a task per job: a batch is hundreds).
            for job in pending:
                sent: Sent | None = None
                try:
                    sent = await send(self._chat, self._clock, job.community, job.posts)
                except Exception:
                    # Not a refusal (send turns those into counts): whether it posted is
                    # unknown, so the run stays 'claimed' and is reported, never retried.
                    log.exception(
                        "posting schedule %s's run failed unexpectedly", job.run.schedule_id
                    )
                finally:
                    done.put_nowait((job, sent))

        part = TickReport()
        posting = [asyncio.create_task(poster()) for _ in range(min(self._concurrency, len(jobs)))]
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

    async def _record(self, finished: list[tuple[Job, Sent | None]], part: TickReport) -> None:
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
