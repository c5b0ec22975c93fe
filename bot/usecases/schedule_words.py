"""How schedule answers read: a schedule in a line, its next real posts and the ones a break
skips, and the team's time zone (shown on every schedule answer, so nobody schedules in UTC
by mistake)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.cards import day_text
from bot.domain import Team
from bot.i18n import _, fill
from bot.messages import Bold, Code, Inline, MessageBuilder, Plain
from bot.scheduling.model import DEFAULT_REMINDER_HOURS, CalendarBreak, Schedule, ScheduleKind
from bot.scheduling.upcoming import Upcoming, upcoming
from bot.scheduling.when import EXAMPLES, When, WhenError, parse_when
from bot.usecases.context import Refusal


def read_when(text: str) -> When:
    try:
        return parse_when(text)
    except WhenError as e:
        examples = (
            "" if EXAMPLES in str(e) else _(" Examples: {examples}.").format(examples=EXAMPLES)
        )
        raise Refusal(Plain(str(e)), examples) from None


def next_posts(
    schedule: Schedule, after: datetime, breaks: Sequence[CalendarBreak], count: int = 3
) -> Upcoming:
    spec = read_when(schedule.when)
    found = upcoming(spec, ZoneInfo(schedule.timezone), after, breaks, schedule.team_id, count)
    if not found.posts and not found.skipped:
        raise Refusal(_('That time never comes round. Try "weekdays 08:00" or "daily 16:00".'))
    return found


def local(t: datetime, zone: str, now: datetime) -> str:
    """A post time in the schedule's zone, with the year when it is not this year."""
    info = ZoneInfo(zone)
    return f"{day_text(t, info, now, '%a %d %b')} {t.astimezone(info):%H:%M}"


def times_line(found: Upcoming, zone: str, now: datetime) -> str:
    posts = found.posts
    return ", ".join(local(t, zone, now) for t in posts) or _("nothing in the next 400 years")


def skipped_line(found: Upcoming, zone: str, now: datetime) -> str:
    """'' when no break is in the way."""
    if not found.skipped:
        return ""
    times = ", ".join(f"{local(t, zone, now)} ({b.label})" for t, b in found.skipped)
    return _("Skipped for a break: {times}").format(times=times)


def summary(s: Schedule) -> tuple[Inline | str, ...]:
    """'#3 nonresponder_reminder · daily 16:00 America/Chicago · after 48h'."""
    parts: list[Inline | str] = [Bold(f"#{s.id} {s.kind.value}"), " · ", Plain(s.when)]
    parts.append(f" {s.timezone}")
    if s.kind is ScheduleKind.NONRESPONDER_REMINDER:
        hours = s.after_hours or DEFAULT_REMINDER_HOURS
        parts.append(
            _(" · after {hours}h (reminds teachers who have not answered a prompt by then)").format(
                hours=hours
            )
        )
    return tuple(parts)


def team_zone(b: MessageBuilder, team: Team) -> MessageBuilder:
    return b.context(
        *fill(
            _("{team}'s time zone: {zone}. Change it with {command}."),
            team=team.name,
            zone=team.timezone,
            command=Code("/plc team set tz <zone>"),
        )
    )
