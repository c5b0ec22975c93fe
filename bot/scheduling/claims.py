"""The scheduler's claims, a batch at a time: which run each due schedule is owed (fire_time,
CPU only), and what a won run posts (make_job). The runner (runner.py) claims the runs of a
batch together and posts the jobs."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain import CommunityRef, Team
from bot.library import PromptLibrary
from bot.outcome import Post
from bot.ports import UnitOfWork
from bot.scheduling.model import CalendarBreak, RunState, Schedule, ScheduleRun
from bot.scheduling.posts import posts_for
from bot.scheduling.when import WhenError, fire_times, latest_at_or_before, parse_when

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
class Writes:
    """A batch's schedule and run updates, written together at its end (one round trip each,
    not one per schedule): the schedules are locked by the batch's due query meanwhile."""

    advanced: list[Schedule] = field(default_factory=list)
    finished: list[ScheduleRun] = field(default_factory=list)


@dataclass(frozen=True)
class Due:
    """A due schedule's run worked out, not yet claimed."""

    schedule: Schedule
    team: Team
    zone: ZoneInfo
    fire_at: datetime
    advanced: Schedule  # the schedule with its next fire time after now


@dataclass
class Job:
    run: ScheduleRun
    community: CommunityRef
    posts: list[Post]


def community_ref(community_id: str) -> CommunityRef:
    platform, _, external = community_id.partition(":")
    return CommunityRef(platform, external)


async def fire_time(
    uow: UnitOfWork,
    schedule: Schedule,
    team: Team,
    now: datetime,
    grace: timedelta,
    part: TickReport,
    writes: Writes,
) -> Due | None:
    """The run to claim (the latest fire time not after now), or None: an unreadable
    time pauses the schedule, a run older than the grace is missed."""
    try:
        when, zone = parse_when(schedule.when), ZoneInfo(schedule.timezone)
    except (WhenError, KeyError, ValueError):
        log.error("schedule %s has an unreadable time %r; pausing it", schedule.id, schedule.when)
        await uow.schedules.save(replace(schedule, paused=True, next_fire_at=None))
        return None
    start = schedule.next_fire_at or now
    fire_at = latest_at_or_before(when, zone, max(start, now - grace - timedelta(days=1)), now)
    following = next(fire_times(when, zone, now), None)
    advanced = replace(schedule, next_fire_at=following)
    if fire_at is None or now - fire_at > grace:
        part.missed += 1
        log.warning(
            "schedule %s missed its run due %s (more than %s late); skipped",
            schedule.id,
            start,
            grace,
        )
        writes.advanced.append(advanced)
        return None
    return Due(schedule, team, zone, fire_at, advanced)


async def make_job(
    uow: UnitOfWork,
    library: PromptLibrary,
    item: Due,
    run: ScheduleRun,
    now: datetime,
    breaks: list[CalendarBreak],
    part: TickReport,
    writes: Writes,
) -> Job | None:
    """A won run's posts, or None (recorded skipped) when there is nothing to post."""
    schedule, team = item.schedule, item.team
    part.claimed += 1
    local_day = item.fire_at.astimezone(item.zone).date()
    posts: list[Post] = []
    if team.archived_at is None and not any(b.covers(local_day, team.id) for b in breaks):
        posts = await posts_for(uow, library, schedule, team, now)
    if not posts:  # an archived team, a calendar break, or nothing to say
        writes.finished.append(replace(run, state=RunState.SKIPPED, finished_at=now))
        writes.advanced.append(item.advanced)
        part.skipped += 1
        return None
    writes.advanced.append(replace(item.advanced, runs=schedule.runs + 1))
    return Job(run, community_ref(schedule.community_id), posts)
