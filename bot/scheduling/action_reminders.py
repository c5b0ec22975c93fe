"""Reminders of action items, sent by the scheduler's tick: once the day before an item is due
and once when it is overdue, each to its owner, in the team's time zone, from 08:00 there.

Exactly once across any number of workers, like a schedule's run: the reminder is claimed by
inserting its row under a primary key (item, kind) in the unit of work that decides to send
it; only the worker whose insert wins sends it, after that commit. Never sent when the owner
turned reminders off, nor on a day of a calendar break (an overdue reminder then waits for
the break to end; a day-before reminder falls on that day or not at all)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.day_words import date_text
from bot.domain import CommunityRef, Team
from bot.i18n import _, fill, speaking
from bot.messages import Bold, Message, MessageBuilder, Plain
from bot.outcome import Post, ToUser
from bot.ports import UnitOfWork
from bot.whose_language import recipient
from bot.work import ActionItem, ReminderKind
from bot.work_cards import done_buttons
from bot.work_ports import ReminderCandidate, ReminderWindow

FROM = time(8)  # no reminder before this hour, in the team's time zone
BATCH = 200  # reminders claimed per tick, and candidates read per page
PAGES = 5  # pages of candidates read per tick at most
DAY = timedelta(days=1)
# A UTC day meets local days from one before to one after (zones span UTC-12 to UTC+14), so
# an item due up to two days after today's UTC date may be due tomorrow somewhere.
SPREAD = timedelta(days=2)


@dataclass(frozen=True)
class Reminder:
    community: CommunityRef
    post: Post


def due_kind(item: ActionItem, team: Team, now: datetime) -> ReminderKind | None:
    """Which reminder is due for the item now, if any (before claims and breaks)."""
    local = now.astimezone(ZoneInfo(team.timezone))
    if local.time() < FROM:
        return None
    if local.date() == item.due_on - timedelta(days=1):
        return ReminderKind.DAY_BEFORE
    return ReminderKind.OVERDUE if local.date() > item.due_on else None


def reminder(item: ActionItem, team: Team, kind: ReminderKind, now: datetime) -> Message:
    """Said in the language being spoken: the owner's (`claim`)."""
    if kind is ReminderKind.DAY_BEFORE:
        said = _("A reminder from {team}: your action item {item} is due tomorrow.")
    else:
        said = _("A reminder from {team}: your action item {item} is overdue.")
    b = MessageBuilder().para(*fill(said, team=team.name, item=Bold(f"#{item.id}")))
    b.quote(Plain(item.text))
    today = now.astimezone(ZoneInfo(team.timezone)).date()
    due = date_text(item.due_on, today, "%A %-d %B")
    b.para(_("Due {day}. Done already? Mark it below.").format(day=due))
    done_buttons(b, [item])
    b.context(_("Turn these reminders off with /plc me reminders off."))
    return b.build()


async def claim(uow: UnitOfWork, now: datetime, platforms: Sequence[str] | None) -> list[Reminder]:
    """At most BATCH reminders claimed, from at most PAGES pages of candidates: items that
    cannot be reminded now are passed over, so however many come first by due date they keep
    no one else's reminder waiting (owners with reminders off and teams on a break all week
    are not even read)."""
    today = now.date()  # in UTC
    window = ReminderWindow(today + SPREAD, today, (today - DAY, today, today + DAY))
    claimed: list[Reminder] = []
    after: tuple[date, int] | None = None
    for _page in range(PAGES):
        due = await uow.action_items.due_for_reminders(window, BATCH, platforms, after)
        for candidate in due:
            if len(claimed) < BATCH and (r := await _claimed(uow, candidate, now)):
                claimed.append(r)
        if len(due) < BATCH or len(claimed) >= BATCH:
            break
        after = (due[-1].item.due_on, due[-1].item.id)
    return claimed


async def _claimed(uow: UnitOfWork, due: ReminderCandidate, now: datetime) -> Reminder | None:
    """The candidate's reminder if one is due now and this worker wins its claim."""
    item, team = due.item, due.team
    kind = due_kind(item, team, now)
    if kind is None or now.astimezone(ZoneInfo(team.timezone)).date() in due.off:
        return None  # not now where the team is, or a calendar break there today
    if not await uow.action_items.claim_reminder(item, kind, now):
        return None  # another worker has it, or it was sent before
    platform, _colon, external = item.community_id.partition(":")
    with speaking(recipient(due.language, team.language)):
        post = Post(ToUser(item.owner_id), reminder(item, team, kind, now))
    return Reminder(CommunityRef(platform, external), post)
