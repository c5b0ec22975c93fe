"""What each schedule must have posted, worked out by the oracle from the schedule's words
("tue 16:00" in the team's zone), the school calendar and the log: a post per fire time on a
school day (none during a break), and a reminder DM a day after a prompt to each of the team's
teachers who has not answered it, wants reminders, and was not reminded of it already."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from simulation.model import Community, Expected, Schedule, Team

REMINDER_AFTER = timedelta(hours=24)  # a nonresponder reminder without `after`: a day


def next_fire(s: Schedule, team: Team, after: datetime) -> datetime:
    """The first fire time strictly after `after`, as UTC (the zone's own DST rules apply)."""
    day = after.astimezone(team.zone).date()
    while True:
        if day.weekday() == s.weekday:
            at = datetime.combine(day, s.at, team.zone).astimezone(UTC)
            if at > after:
                return at
        day += timedelta(days=1)


def fire_until(c: Community, until: datetime, expected: Expected) -> datetime | None:
    """Take in every fire time up to `until`, in time order across the community's teams;
    returns the next fire time after `until` (None without schedules): until then, nothing
    is due, whatever the log says meanwhile (only a new schedule changes it)."""
    due = {
        (team.channel, i): (next_fire(s, team, s.since), i, team, s)
        for team in c.teams.values()
        for i, s in enumerate(team.schedules)
    }
    while due:
        key = min(due, key=lambda k: (due[k][0], due[k][1], due[k][2].channel))
        at, i, team, s = due[key]
        if at > until:
            return at
        s.since = at
        fire(c, team, s, at, expected)
        due[key] = (next_fire(s, team, s.since), i, team, s)
    return None


def fire(c: Community, team: Team, s: Schedule, at: datetime, expected: Expected) -> None:
    if c.in_break(at.astimezone(team.zone).date()):
        expected.skipped += 1
        return
    if s.kind != "nonresponder_reminder":
        expected.posts[(c.id, team.channel, at)] += 1
        if s.kind == "reflection_prompt":
            team.prompts.append(at)
        return
    latest = team.prompts[-1] if team.prompts else None
    if latest is None or at - latest < REMINDER_AFTER:
        return
    for user in sorted(team.teachers):
        key = (team.channel, user, latest)
        if key in c.answers or user in c.reminders_off or key in c.reminded:
            continue
        c.reminded.add(key)
        expected.dms[(c.id, user, at)] += 1
