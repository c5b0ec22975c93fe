"""What the receipt of `/plc me forget` says: what was deleted, and what the platform did
with the person's shared posts (withdrawn, or still being withdrawn)."""

from __future__ import annotations

from datetime import datetime

from bot.messages import Message, MessageBuilder

LABELS = {
    "reflections": "reflections",
    "checkins": "check-ins",
    "pulse_answers": "feedback answers",
    "team_roles": "team memberships",
    "sent_reminders": "reminder records",
    "posted_messages": "records of messages sent to you",
    "anonymised": "records kept for the team or the district with your id removed (e.g. who read reflections)",
    "members": "membership",
    "portfolios": "micro-credential portfolios",
    "portfolio_evidence": "pieces of portfolio evidence",
    "portfolio_comments": "reviewer comments on your portfolios",
}


def forget_receipt(
    now: datetime,
    counts: dict[str, int],
    withdrawn: int,
    still_pending: int,
    *,
    place: str = "this community",
) -> Message:
    b = MessageBuilder().heading("Deleted")
    b.para(f"Everything of yours in {place} was deleted at {now:%Y-%m-%d %H:%M} UTC:")
    b.bullets(
        [f"{n} {LABELS.get(table, table)}" for table, n in counts.items() if n]
        or ["nothing was stored"]
    )
    if withdrawn:
        b.para(f"{_reflections(withdrawn)} withdrawn from the channel.")
    if still_pending:
        b.para(
            f"{_reflections(still_pending, still=True)} still being withdrawn; we will keep "
            "trying (the platform refused the change just now)."
        )
    b.context("Keep this receipt. Reports computed from now on no longer count you.")
    return b.build()


def _reflections(n: int, *, still: bool = False) -> str:
    if still:
        return f"{n} shared reflection is" if n == 1 else f"{n} shared reflections are"
    return f"{n} shared reflection was" if n == 1 else f"{n} shared reflections were"
