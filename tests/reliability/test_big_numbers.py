"""Numbers people type (or forged buttons carry) that no id column can hold: a polite refusal
on SQLite and on PostgreSQL, never a database error. PostgreSQL's INTEGER ends at
2,147,483,647 and SQLite's at 2**63 - 1; asyncpg and aiosqlite raise on anything larger, and
that error is not an outage, so it used to escape PlcBot as "Something went wrong"."""

from __future__ import annotations

import pytest

from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness, reply_text
from tests.reliability.support import bounded

PAST_INT32 = "3000000000"
PAST_INT64 = "99999999999999999999"

COMMANDS = [
    f"/plc schedule remove {PAST_INT32}",
    f"/plc schedule pause #{PAST_INT64}",
    f"/plc calendar remove {PAST_INT64}",
    f"/plc norms remove {PAST_INT64}",
]
BUTTONS = [
    f"plc:reflect:{PAST_INT32}",
    f"plc:checkin:{PAST_INT64}:4",
    f"plc:pulse:{PAST_INT32}:relevant:4",
]


@bounded(20)
async def test_ids_too_big_for_the_database_are_refused_politely_on_both_databases(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    await h.say("fay", "/plc session open Fractions")
    for line in COMMANDS:
        said = await h.say("ana", line)
        assert not said.ok and "number" in reply_text(said), line
    for action in BUTTONS:
        clicked = await h.click("tia", action)
        assert not clicked.ok and "out of date" in reply_text(clicked), action
    submitted = await h.submit("tia", f"plc:reflect:{PAST_INT64}", {"text": "Mine."})
    assert not submitted.ok and "out of date" in reply_text(submitted)
    assert (await h.say("tia", "/plc checkin 4")).ok  # and the bot carries on as usual


@pytest.mark.parametrize(
    "line, answer",
    [
        ("/plc schedule remove 999999999", "This channel has no schedule #999999999."),
        ("/plc calendar remove #12", "There is no break #12 here."),
    ],
)
@bounded(20)
async def test_ids_that_fit_still_reach_the_database_and_are_simply_not_found(
    uow_factory: SqlUnitOfWorkFactory, line: str, answer: str
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    said = await h.say("ana", line)
    assert not said.ok and reply_text(said).startswith(answer)
