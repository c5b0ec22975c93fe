"""What one everyday request costs the database: the statements a `/plc checkin 4` and a click
on a check-in button send, counted at the connection (each is a round trip to the database
and, on SQLite, to its worker thread)."""

from __future__ import annotations

import pytest

from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness
from tests.storage.test_sql_report_reads import statements


def data_statements(seen: list[str]) -> list[str]:
    """The reads and writes, without BEGIN, SAVEPOINT and RELEASE."""
    return [
        s for s in seen if s.split()[0].upper() in ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")
    ]


def reads_and_writes(uow_factory: SqlUnitOfWorkFactory, with_the_claim_apart: int) -> int:
    """A request's statements with a delivery key: on PostgreSQL the context read claims the
    delivery in the same statement (a WITH), so one fewer than where the claim is its own."""
    return with_the_claim_apart - (uow_factory.engine.dialect.name == "postgresql")


def savepoints(seen: list[str]) -> list[str]:
    return [s for s in seen if s.split()[0].upper() == "SAVEPOINT"]


async def a_team_with_a_teacher(uow_factory: SqlUnitOfWorkFactory) -> Harness:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    assert (await h.say("tia", "/plc checkin 3")).ok  # tia joins the team
    return h


@pytest.mark.sql_only  # counts the statements sent to the database
async def test_a_checkin_command_with_a_delivery_key_reads_once_and_writes_twice(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await a_team_with_a_teacher(uow_factory)
    with statements(uow_factory) as seen:
        outcome = await h.bot.command(h.actor("tia"), "/plc checkin 4", event_key="trigger-1")
    assert outcome.ok
    # who and where with the team's open session (one read), the check-in saved, the delivery
    # claimed (on PostgreSQL in the read's statement, a WITH of it: one round trip fewer)
    assert len(data_statements(seen)) == reads_and_writes(uow_factory, 3), seen
    # no numbered savepoint around the step: on PostgreSQL each is a statement prepared anew
    assert not [s for s in seen if "sa_savepoint" in s], seen
    # and none around the claim (a repeated key inserts nothing instead of failing), nor around
    # the check-in's insert (on PostgreSQL it inserts only where its parents exist, ON CONFLICT
    # DO NOTHING, instead of a SAVEPOINT and RELEASE: two round trips)
    assert not savepoints(seen), seen
    again = await h.bot.command(h.actor("tia"), "/plc checkin 5", event_key="trigger-1")
    assert again.reply is None  # the replay is recognised and not saved again
    async with uow_factory() as uow:
        saved = await uow.checkins.by_user(h.community.id, "tia")
    assert [c.score for c in saved] == [3, 4], saved


@pytest.mark.sql_only  # counts the statements sent to the database
async def test_a_checkin_click_does_not_read_all_the_persons_checkins_for_its_word_form(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await a_team_with_a_teacher(uow_factory)
    with statements(uow_factory) as seen:
        outcome = await h.bot.click(h.actor("tia"), "plc:checkin:0:4", event_key="click-1")
    assert outcome.ok and outcome.form is not None  # the "add a word" form
    assert len(data_statements(seen)) == reads_and_writes(uow_factory, 3), seen
    assert not [s for s in seen if "FROM checkins" in s], seen
    assert not savepoints(seen), seen


@pytest.mark.sql_only  # counts the statements sent to the database
async def test_a_new_reflection_does_not_look_for_earlier_posts_of_itself(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await a_team_with_a_teacher(uow_factory)
    with statements(uow_factory) as seen:
        outcome = await h.bot.command(
            h.actor("tia"), "/plc reflect The number talk went well.", event_key="trigger-2"
        )
    assert outcome.ok
    # who and where with the team's latest prompt (one read), the reflection saved, the
    # delivery claimed: a reflection saved just now has no post in the channel to edit yet
    assert len(data_statements(seen)) == reads_and_writes(uow_factory, 3), seen
    assert not [s for s in seen if "FROM posted_messages" in s], seen
    assert not savepoints(seen), seen
    shared = await h.bot.command(h.actor("tia"), "/plc reflect --team We tried it again.")
    assert shared.ok and len(shared.posts) == 1  # shared with the team: posted once
