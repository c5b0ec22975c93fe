"""The report's read model on SQLite and PostgreSQL: the same figures as the row lists give,
for every team at once, each since midnight in its own zone, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date

import pytest
from sqlalchemy import event

from bot.usecases.report import start_of
from storage.uow import SqlUnitOfWorkFactory
from tests.fake_reports import figures_from_rows, summary_of
from tests.harness import Harness


@contextmanager
def statements(factory: SqlUnitOfWorkFactory) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(factory.engine.sync_engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(factory.engine.sync_engine, "before_cursor_execute", count)


async def a_busy_term(h: Harness, channels: list[str]) -> None:
    """Teams in two zones; sessions with check-ins and feedback over three weeks; prompts,
    reflections (one private) and stage changes."""
    for n, channel in enumerate(channels):
        zone = "Pacific/Auckland" if n % 2 else "America/Chicago"
        assert (await h.say("ana", f'/plc team create "Team {n}" {zone}', channel)).ok
        assert (await h.say(f"fay{n}", "/plc cycle", channel)).ok  # met before being granted
        assert (await h.say("ana", f"/plc role grant @fay{n} facilitator", channel)).ok
    for week in range(3):
        for n, channel in enumerate(channels):
            fac = f"fay{n}"
            await h.say(fac, f"/plc session open Week {week}", channel)
            for t, score in (("tia", 4), ("uma", 2 + week), ("vic", 5)):
                await h.say(t, f"/plc checkin {score}", channel)
            await h.say(fac, "/plc prompt send", channel)
            await h.say("tia", f"/plc reflect --private week {week}", channel)
            await h.say("uma", f"/plc reflect week {week}", channel)
            h.clock.advance(minutes=50)
            await h.say(fac, "/plc session close", channel)
            for sent in h.chat.posts_to(channel)[-3:]:
                for b in sent.message.button_list():
                    if b.action.name == "pulse" and b.action.args[-1] in ("4", "5", "yes"):
                        await h.click("vic", b.action.id, channel)
            if week == 1:
                await h.say(fac, "/plc stage next", channel)
        h.clock.advance(days=7)


async def test_the_read_model_gives_the_figures_the_rows_give_for_every_team_since_any_day(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await a_busy_term(h, ["C1", "C2", "C3"])
    async with uow_factory() as uow:
        teams = list(await uow.teams.list(h.community.id))
        for day in (None, date(2026, 9, 21), date(2026, 9, 22), date(2027, 1, 1)):
            since = {t.id: start_of(day, t) for t in teams}
            read = await uow.reports.teams(h.community.id, since)
            assert read == await figures_from_rows(uow, h.community.id, since), day
        whole = await uow.reports.teams(h.community.id, {t.id: None for t in teams})
    for f in whole.values():  # the term really happened, in every figure
        assert len(f.sessions) == 3 and f.checkins == 9 and f.arrival is not None
        assert f.prompts >= 3 and f.answered >= 3 and f.reflections == 6
        assert f.pulse.relevant_answers == 3 and f.pulse.recommend_yes == 3
        assert len(f.stages) >= 2 and f.teachers >= 2
        assert [s.pulse.recommend_yes for s in f.sessions] == [1, 1, 1]  # each session's own
        assert len(f.weekly_response(UTC)) == 3 and len(f.sent) == f.prompts


@pytest.mark.sql_only  # counts the statements sent to the database
async def test_the_read_model_reads_all_teams_in_the_same_number_of_statements_as_one(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await a_busy_term(h, ["C1", "C2", "C3", "C4"])
    async with uow_factory() as uow:
        teams = list(await uow.teams.list(h.community.id))
        one = {teams[0].id: start_of(date(2026, 9, 1), teams[0])}
        every = {t.id: start_of(date(2026, 9, 1), t) for t in teams}
        with statements(uow_factory) as for_one:
            await uow.reports.teams(h.community.id, one)
        with statements(uow_factory) as for_all:
            figures = await uow.reports.teams(h.community.id, every)
        with statements(uow_factory) as summed:  # each team's summary: one statement
            summaries = await uow.reports.summaries(h.community.id, list(every))
    assert len(for_all) == len(for_one) <= 9
    assert sum(len(f.sessions) for f in figures.values()) == 12
    assert len(summed) == 1 and sum(s.sessions for s in summaries.values()) == 12


async def test_each_teams_summary_is_what_its_whole_figures_add_up_to(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await a_busy_term(h, ["C1", "C2", "C3"])
    assert (await h.say("ana", '/plc team create "Quiet team" America/Chicago', "C4")).ok
    async with uow_factory() as uow:
        teams = [t.id for t in await uow.teams.list(h.community.id)]
        whole = await figures_from_rows(uow, h.community.id, dict.fromkeys(teams))
        summaries = await uow.reports.summaries(h.community.id, teams)
        assert await uow.reports.summaries(h.community.id, []) == {}
    assert summaries == {team: summary_of(f) for team, f in whole.items()}
    busy, quiet = summaries[teams[0]], summaries[teams[-1]]
    assert (busy.sessions, busy.last_checked_in, busy.checkins) == (3, 3, 9)
    assert busy.last_session == whole[teams[0]].sessions[-1].opened_at
    assert busy.prompts >= 3 and busy.answered >= 6 and busy.teachers >= 2
    assert busy.arrival == whole[teams[0]].arrival and busy.response_rate is not None
    assert (quiet.sessions, quiet.last_session, quiet.checkins, quiet.prompts) == (0, None, 0, 0)
