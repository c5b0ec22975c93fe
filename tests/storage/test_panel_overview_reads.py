"""The panel's overview and a team's charts read the report's figures in a fixed number of
statements: a district with four teams and a busy term costs what one team does (no statement
per team, session or prompt), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.api import Overview, TeamView
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness
from tests.storage.test_sql_report_reads import a_busy_term, statements


async def overview_statements(
    uow_factory: SqlUnitOfWorkFactory, community: str, channels: list[str]
) -> int:
    h = Harness(uow_factory, community=community)
    await a_busy_term(h, channels)
    with statements(uow_factory) as seen:
        found = await h.bot.panel.overview(h.actor("ana"))
    assert isinstance(found, Overview) and len(found.teams) == len(channels)
    assert all(t.sessions == 3 and t.response is not None for t in found.teams)
    return len(seen)


@pytest.mark.sql_only
async def test_the_overview_reads_four_teams_in_the_statements_of_one(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    one = await overview_statements(uow_factory, "T1", ["C1"])
    assert await overview_statements(uow_factory, "T2", ["C1", "C2", "C3", "C4"]) == one


@pytest.mark.sql_only
async def test_a_teams_charts_come_from_one_read_of_its_figures(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await a_busy_term(h, ["C1"])
    with statements(uow_factory) as seen:
        view = await h.bot.panel.team(h.actor("fay0", "C1"))
    assert isinstance(view, TeamView)
    c = view.charts
    assert [p.value for p in c.attendance] == [3, 3, 3]
    assert len(c.response) == 3 and all(p.value is not None for p in c.response)
    assert [p.note for p in c.recommend] == ["1 of 1"] * 3
    assert len(c.stages) == 2
    reads = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    assert sum("pulse" in s.lower() for s in reads) == 1  # feedback: one grouped read


@pytest.mark.sql_only
async def test_the_overview_reads_its_figures_in_one_statement_of_a_row_a_team(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    """Only what its table and chart show: no session's, prompt's or feedback's own rows."""
    h = Harness(uow_factory)
    await a_busy_term(h, ["C1", "C2", "C3"])
    with statements(uow_factory) as seen:
        found = await h.bot.panel.overview(h.actor("ana"))
    assert isinstance(found, Overview)
    reads = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 3  # the community, its teams, their summaries
    figures = [s.lower() for s in reads if "checkins" in s.lower()]
    assert len(figures) == 1 and "pulse" not in figures[0] and "stage_changes" not in figures[0]
    assert [(t.sessions, t.last_checked_in) for t in found.teams] == [(3, 3)] * 3
    assert [p.note for p in found.participation] == [p.note for p in found.participation[:1]] * 3
