"""The school year, day by day: the admin sets the district up the Friday before school, then
each week the prompts and check-ins go out on schedule, facilitators hold a Thursday session
(opening it, closing it, moving the stage now and then), teachers check in and reflect by their
seeded habits, some turn reminders off or delete their data; on the first of each month and at
the end everyone's answers are checked against the oracle.

Time only moves forward: before anything at a moment, the scheduler ticks at every moment up
to it when one of the plan's schedules may fire (read from the plan's own words, in each
team's zone), and every six hours besides, as the real scheduler (every 30 s) would have: a
post due at any other time would be found late or lost, and reported.

People act on the quarter hour (a check-in on the five minutes from 15:35 to 15:55, the
session's own time): many of a district's teams meet at each such moment, and in the
two-process world the steps of different teams at one moment are taken at once
(simulation/lanes.py), as a district's people do, so both processes and the database work
side by side (issue 20: a year in minutes, not in the sum of every request's time)."""

from __future__ import annotations

import heapq
import itertools
import random
import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from simulation import discord_acts, gateway_faults
from simulation.acts import SCHEDULES, Acts
from simulation.checks import checkpoint
from simulation.figures import export_counts
from simulation.lanes import InTeam, side_by_side, team_of
from simulation.oracle import Oracle
from simulation.panel_check import panel_checkpoint
from simulation.plan import BREAKS, FIRST_DAY, District, Teacher, TeamPlan, user_id, visibility
from simulation.replies import how, reflect_by
from simulation.retention import expire
from simulation.work_check import checkpoint as work_checkpoint
from simulation.work_check import week_of_work
from simulation.world import DISCORD, SLACK

SWEEP = timedelta(hours=6)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Step = tuple[datetime, int, Callable[[], Awaitable[None]]]


def local(day: date, hour: int, minute: int, zone: str) -> datetime:
    return datetime.combine(day, time(hour, minute), ZoneInfo(zone)).astimezone(UTC)


def in_break(day: date) -> bool:
    return any(first <= day <= last for first, last, _ in BREAKS)


@dataclass
class Year:
    acts: Acts
    oracle: Oracle
    district: District
    rng: random.Random
    sample: int  # teachers asked for their streak and export at each checkpoint
    checkpoints: int = 0
    _ticks: list[datetime] = field(default_factory=list)  # still to come, in order
    _queue: list[tuple[datetime, int, int, Callable[[], Awaitable[None]]]] = field(
        default_factory=list
    )
    _order: Iterator[int] = field(default_factory=itertools.count)
    _scanned: int = 0
    steps: int = 0  # planned steps done
    beside: int = 0  # of them, done at once with another team's steps at the same moment

    async def at(self, moment: datetime) -> None:
        """Tick at every tick moment not after `moment`, then stand at `moment`."""
        while self._ticks and self._ticks[0] <= moment:
            await self._tick()
        self._stand(moment)

    def _stand(self, moment: datetime) -> None:
        clock = self.acts.world.clock
        if moment < clock.now():
            raise RuntimeError(f"the simulation went back in time, to {moment} from {clock.now()}")
        clock.set(moment)

    async def _tick(self) -> None:
        moment = self._ticks.pop(0)
        self._stand(moment)
        await self.acts.world.tick(moment)
        self.react()

    def plan_ticks(self, monday: date) -> None:
        start = datetime.combine(monday, time(0), UTC)
        moments = {start + SWEEP * n for n in range(28)}
        for team in self.district.teams:
            for _, day, hhmm in SCHEDULES:
                hour, minute = (int(x) for x in hhmm.split(":"))
                moments.add(local(monday + timedelta(DAYS.index(day)), hour, minute, team.zone))
        self._ticks = sorted(set(self._ticks) | moments)

    async def setup(self) -> None:
        friday = FIRST_DAY - timedelta(days=3)
        await self.at(datetime.combine(friday, time(14, 0), UTC))
        communities: dict[str, str] = {}
        for team in self.district.teams:
            await self.acts.found(team)
            communities.setdefault(team.community, team.channel)
        for cid, channel in communities.items():
            await self.acts.calendar(cid, channel)
        for t in self.district.teachers:
            if t.reminders_off:
                await self.acts.reminders_off(t)

    def push(self, step: Step) -> None:
        heapq.heappush(self._queue, (step[0], step[1], next(self._order), step[2]))

    async def run(self, until: date) -> None:
        end = datetime.combine(until + timedelta(days=1), time(9, 0), UTC)
        monday = FIRST_DAY
        while monday <= until:
            self.plan_ticks(monday)
            for step in self.week(monday):
                self.push(step)
            await self.drain(min(datetime.combine(monday + timedelta(7), time(0), UTC), end))
            monday += timedelta(days=7)
        await self.drain(end)
        await self.at(end)  # the tick at `end` too
        await self.check()

    async def drain(self, before: datetime) -> None:
        """Do everything planned before `before`, in time order (what people do in reply to
        what they received is planned as they receive it)."""
        while True:
            step = self._queue[0][0] if self._queue else None
            tick = self._ticks[0] if self._ticks else None
            if tick is not None and tick < before and (step is None or tick <= step):
                await self._tick()  # a tick first: what it posts may be answered
            elif step is not None and step < before:
                self._stand(self._queue[0][0])
                together = list(self._together().values())
                taken = sum(len(acts) for acts in together)
                self.steps += taken
                if len(together) > 1:
                    self.beside += taken
                lanes = (partial(self._in_turn, acts) for acts in together)
                await side_by_side(len(together) > 1, lanes)
            else:
                return

    def _together(self) -> dict[str | None, list[Callable[[], Awaitable[None]]]]:
        """The next step, taken off the queue, and when the world lets people of different
        teams act at once, every step after it at the same moment and of the same kind done by
        one team's people (simulation/lanes.py): by team, each team's in their planned order."""
        at, kind, _, act = heapq.heappop(self._queue)
        team = team_of(act)
        out: dict[str | None, list[Callable[[], Awaitable[None]]]] = {team: [act]}
        if team is None or not self.acts.world.parallel:
            return out
        while self._queue and self._queue[0][:2] == (at, kind):
            team = team_of(self._queue[0][3])
            if team is None:
                break
            out.setdefault(team, []).append(heapq.heappop(self._queue)[3])
        return out

    @staticmethod
    async def _in_turn(acts: list[Callable[[], Awaitable[None]]]) -> None:
        for act in acts:
            await act()

    def react(self) -> None:
        """Some teachers answer a reminder DM by writing back, within the next hour or so."""
        events = self.acts.log.events
        for e in events[self._scanned :]:
            if e.kind == "dm" and "gentle reminder" in e["text"] and self.rng.random() < 0.3:
                t = self.district.teacher(e["community"], e["user"])
                if t is not None:
                    later = datetime.fromisoformat(e.at) + timedelta(
                        minutes=5 * self.rng.randint(4, 18)
                    )
                    self.push((later, 2, InTeam(t.team, partial(self.acts.reply_by_dm, t))))
        self._scanned = len(events)

    async def check(self) -> None:
        self.checkpoints += 1
        await expire(self.acts, self.oracle)
        await checkpoint(self.acts, self.oracle, self.rng, self.sample)
        await panel_checkpoint(self.acts, self.oracle)
        await work_checkpoint(self.acts, self.oracle)

    async def forget(self, t: Teacher) -> None:
        """The receipt says what was deleted: the oracle's count of their reflections and
        check-ins just before."""
        self.oracle.follow(self.acts.world.now())
        want = export_counts(self.oracle.communities[t.community], t.user)
        receipt = await self.acts.forget(t)
        got = {
            k: int(m.group(1)) if (m := re.search(rf"(\d+) {w}\b", receipt)) else 0
            for k, w in (("reflections", "reflections?"), ("checkins", "check-ins?"))
        }
        self.acts.expect("forget receipt", t.user, want, got)
        raw = re.findall(r"\d+ [a-z]+_[a-z_]+", receipt)  # a table's name, not the teacher's words
        self.acts.expect("forget receipt in words", t.user, [], raw)

    def week(self, monday: date) -> list[Step]:
        """Everything done in the week starting `monday`, each at its moment."""
        steps: list[Step] = []
        n = (monday - FIRST_DAY).days // 7
        for d in range(7):
            day = monday + timedelta(days=d)
            if day.day == 1:  # a monthly checkpoint, at night in every US zone
                steps.append((datetime.combine(day, time(7, 0), UTC), 0, self.check))
        if in_break(monday + timedelta(days=3)):
            return steps  # nobody works during a break
        for team in self.district.teams:
            steps += self._session(team, monday, n)
            work = week_of_work(self.acts, self.oracle, self.district.seed, team, monday, n)
            steps += [(at, kind, InTeam(team.channel, act)) for at, kind, act in work]
        if n == 1:  # a 429 storm a minute before Monday's prompts and Tuesday's reminders
            for offset, hhmm in ((0, (7, 29)), (1, (15, 59))):
                slack = next(t for t in self.district.teams if t.community == SLACK)
                at = local(monday + timedelta(days=offset), *hhmm, slack.zone)
                steps.append((at, 4, partial(self.acts.storm, 3)))
        if n == 2:  # the third week: each community's first admin hands over and leaves
            for cid in self.district.admins:
                first = next(t for t in self.district.teams if t.community == cid)
                at = local(monday + timedelta(days=1), 10, 0, first.zone)
                second = user_id(cid, "A", 2)
                steps.append((at, 4, partial(self.acts.hand_over, cid, first.channel, second)))
        for t in self.district.teachers:
            steps += self._teacher(t, monday, n)
        steps += gateway_faults.steps(self.acts, self.district, monday, n)
        return steps

    def _session(self, team: TeamPlan, monday: date, n: int) -> list[Step]:
        thursday = monday + timedelta(days=3)
        by_team = partial(InTeam, team.channel)
        steps: list[Step] = [
            (
                local(thursday, 15, 30, team.zone),
                1,
                by_team(partial(self.acts.open, team, f"Week {n + 1}")),
            ),
            (local(thursday, 16, 30, team.zone), 3, by_team(partial(self.acts.close, team))),
        ]
        if n % 4 == 3:
            steps.append(
                (local(monday, 9, 0, team.zone), 1, by_team(partial(self.acts.stage, team)))
            )
        if team.teachers and n in (1, 3):  # a teacher co-facilitates from week 2 to week 4
            co = team.teachers[0]
            at = local(monday + timedelta(days=4 if n == 3 else 0), 10, 0, team.zone)
            steps.append((at, 1, partial(self.acts.co_facilitate, team, co, grant=n == 1)))
        return steps

    def _teacher(self, t: Teacher, monday: date, n: int) -> list[Step]:
        rng, zone = self.rng, self.district.team(t.team).zone
        forget_day = t.forgets_on
        if forget_day is not None and forget_day < monday:
            return []  # they deleted their data and left
        if t.away is not None and t.away[0] <= n <= t.away[1]:
            return []
        steps: list[Step] = []
        thursday = monday + timedelta(days=3)
        by_team = partial(InTeam, t.team)
        if rng.random() < t.checks_in:
            score = rng.randint(1, 5)
            at = local(thursday, 15, 5 * rng.randint(7, 11), zone)
            click = rng.random() < 0.5
            steps.append((at, 2, by_team(partial(self.acts.checkin, t, score, click=click))))
            if rng.random() < 0.1:  # changes their mind
                again = rng.randint(1, 5)
                later = at + timedelta(minutes=20)
                steps.append((later, 2, by_team(partial(self.acts.checkin, t, again))))
        if rng.random() < t.reflects:
            vis = visibility(rng)
            if t.profile == "evening":
                at = local(
                    monday + timedelta(days=6), rng.randint(18, 21), 15 * rng.randint(0, 3), zone
                )
            else:
                day = monday + timedelta(days=rng.randint(0, 4))
                at = local(day, rng.randint(7, 15), 15 * rng.randint(0, 3), zone)
            way = how(self.district.seed, t, n)
            act = partial(reflect_by, self.acts, t, vis, way)
            if t.community == DISCORD and rng.random() < 0.3:  # by the prompt's form
                act = partial(discord_acts.reflect_by_form, self.acts, t, vis)
            steps.append((at, 2, by_team(act)))
        if forget_day is not None and monday <= forget_day < monday + timedelta(days=7):
            gone = local(forget_day, 12, 0, zone)
            steps = [s for s in steps if s[0] < gone]  # nothing more after they leave
            steps.append((gone, 4, lambda: self.forget(t)))
        return steps
