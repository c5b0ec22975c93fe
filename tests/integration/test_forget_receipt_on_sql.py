"""The forget receipt over the real storage: every count it lists is named in the teacher's
words, whatever table the count came from."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import actions
from bot.usecases.receipt import _counted
from storage.rights_repository import _PERSON_COLUMNS
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


def test_every_table_a_forget_counts_is_named_in_the_teacher_s_words() -> None:
    """A table added to what a forget deletes must be named in the receipt (the simulation
    found "1 action_items" in one, issue 20)."""
    tables = {column.class_.__tablename__ for column in _PERSON_COLUMNS}
    assert sorted(t for t in tables if _counted(t) is None) == []


async def test_the_forget_receipt_names_the_team_s_work_in_plain_words(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc session open Fractions")).ok
    assert (await h.say("uma", "/plc here")).ok
    assert (await h.say("fay", "/plc session role note-taker @uma")).ok
    assert (await h.say("fay", "/plc protocol start notice-and-wonder")).ok
    assert (await h.say("uma", "/plc protocol note half the class skipped item 3")).ok
    due = (h.clock.now() + timedelta(days=7)).date().isoformat()
    assert (await h.say("fay", f"/plc action add @uma share the rubric by {due}")).ok
    assert (await h.say("uma", "/plc me forget")).ok
    receipt = reply_text(await h.click("uma", actions.forget("uma").id))
    for said in ("1 action item", "1 protocol note", "1 meeting role", "1 attendance record"):
        assert said in receipt, receipt
    assert "_" not in receipt, receipt
