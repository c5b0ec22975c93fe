"""What the receipt of `/plc me forget` says: what was deleted, and what the platform did
with the person's shared posts (withdrawn, or still being withdrawn)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.i18n import _, ngettext
from bot.messages import Message, MessageBuilder


def _counted(table: str) -> Callable[[int], str] | None:
    """How `n` rows of `table` are named to the person (a table without words: None)."""
    labels: dict[str, Callable[[int], str]] = {
        "reflections": lambda n: ngettext("{n} reflection", "{n} reflections", n),
        "checkins": lambda n: ngettext("{n} check-in", "{n} check-ins", n),
        "pulse_answers": lambda n: ngettext("{n} feedback answer", "{n} feedback answers", n),
        "team_roles": lambda n: ngettext("{n} team membership", "{n} team memberships", n),
        "sent_reminders": lambda n: ngettext("{n} reminder record", "{n} reminder records", n),
        "posted_messages": lambda n: ngettext(
            "{n} record of messages sent to you", "{n} records of messages sent to you", n
        ),
        "anonymised": lambda n: ngettext(
            "{n} record kept for the team or the district with your id removed "
            "(e.g. who read reflections)",
            "{n} records kept for the team or the district with your id removed "
            "(e.g. who read reflections)",
            n,
        ),
        "members": lambda n: ngettext("{n} membership", "{n} memberships", n),
        "attendances": lambda n: ngettext("{n} attendance record", "{n} attendance records", n),
        "cycle_entries": lambda n: ngettext(
            "{n} classroom commitment or evidence check-in",
            "{n} classroom commitments and evidence check-ins",
            n,
        ),
        "action_items": lambda n: ngettext("{n} action item", "{n} action items", n),
        "action_reminders": lambda n: ngettext(
            "{n} action item reminder record", "{n} action item reminder records", n
        ),
        "meeting_roles": lambda n: ngettext("{n} meeting role", "{n} meeting roles", n),
        "protocol_notes": lambda n: ngettext("{n} protocol note", "{n} protocol notes", n),
        "portfolios": lambda n: ngettext(
            "{n} micro-credential portfolio", "{n} micro-credential portfolios", n
        ),
        "portfolio_evidence": lambda n: ngettext(
            "{n} piece of portfolio evidence", "{n} pieces of portfolio evidence", n
        ),
        "portfolio_comments": lambda n: ngettext(
            "{n} reviewer comment on your portfolios", "{n} reviewer comments on your portfolios", n
        ),
    }
    return labels.get(table)


def _row(table: str, n: int) -> str:
    label = _counted(table)
    return label(n).format(n=n) if label else f"{n} {table}"


def forget_receipt(
    now: datetime,
    counts: dict[str, int],
    withdrawn: int,
    still_pending: int,
    *,
    place: str | None = None,
) -> Message:
    b = MessageBuilder().heading(_("Deleted"))
    b.para(
        _("Everything of yours in {place} was deleted at {time} UTC:").format(
            place=place or _("this community"), time=f"{now:%Y-%m-%d %H:%M}"
        )
    )
    b.bullets([_row(table, n) for table, n in counts.items() if n] or [_("nothing was stored")])
    if withdrawn:
        b.para(
            ngettext(
                "{n} shared reflection was withdrawn from the channel.",
                "{n} shared reflections were withdrawn from the channel.",
                withdrawn,
            ).format(n=withdrawn)
        )
    if still_pending:
        b.para(
            ngettext(
                "{n} shared reflection is still being withdrawn; we will keep "
                "trying (the platform refused the change just now).",
                "{n} shared reflections are still being withdrawn; we will keep "
                "trying (the platform refused the change just now).",
                still_pending,
            ).format(n=still_pending)
        )
    b.context(_("Keep this receipt. Reports computed from now on no longer count you."))
    return b.build()
