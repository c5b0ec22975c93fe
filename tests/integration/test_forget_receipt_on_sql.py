"""The forget receipt over the real storage: every count it lists is named in the teacher's
words, whatever table the count came from."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot import actions
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness, reply_text


def chicago(day: str) -> datetime:
    return datetime.fromisoformat(f"{day} 16:00").replace(tzinfo=ZoneInfo("America/Chicago"))


async def test_the_forget_receipt_counts_the_reminders_sent_to_you_in_plain_words(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    assert (await h.say("uma", "/plc checkin 3")).ok
    assert (await h.say("fay", "/plc prompt send")).ok
    add = '/plc schedule add nonresponder_reminder "daily 16:00" after 24h'
    assert (await h.say("ana", add)).ok
    h.clock.set(chicago("2026-09-15").astimezone(UTC))
    await h.runner().tick()
    assert [s.where for s in h.chat.sent if s.kind == "dm" and "gentle reminder" in s.text] == [
        "uma"
    ]
    assert (await h.say("uma", "/plc me forget")).ok
    receipt = reply_text(await h.click("uma", actions.forget("uma").id))
    assert "1 reminder record" in receipt and "1 reminder records" not in receipt
    assert "sent_reminders" not in receipt
