"""The share of prompts answered stays true after the retention job deletes old reflections:
with `retention_days` set, a report counts only the prompts of the days still kept (an older
prompt's answers are gone, and counting it as unanswered made the share fall after every run).
Found by the simulation (issue 20): a team that answered 60% of its prompts showed 17% on the
panel's overview after the job ran. SQLite and PostgreSQL, through the summaries' one query."""

from __future__ import annotations

from bot.api import Actor
from bot.panel_overview import Overview
from bot.retention import RetentionJob
from bot.usecases.context import Settings
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness, reply_text

KEPT = 30


async def answered_twice_forty_days_apart(uow_factory: SqlUnitOfWorkFactory) -> Harness:
    """tia answers the team's prompt; 40 days on, a second prompt, answered too; ten days
    later the retention job (30 days) deletes the first answer and keeps the second."""
    settings = Settings(default_timezone="America/Chicago", retention_days=KEPT)
    h = Harness(uow_factory, settings=settings)
    await h.team_with_facilitator()
    for words, then in (("Old words", 40), ("New words", 10)):
        assert (await h.say("fay", "/plc prompt send")).ok
        assert (await h.say("tia", f"/plc reflect --private {words}")).ok
        h.clock.advance(days=then)
    report = await RetentionJob(uow=uow_factory, clock=h.clock, default_days=KEPT).run()
    assert sum(report.reflections_deleted.values()) == 1
    return h


async def test_a_team_report_counts_only_the_prompts_whose_answers_are_kept(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await answered_twice_forty_days_apart(uow_factory)
    said = reply_text(await h.say("fay", "/plc report"))
    assert "1 written · 100% of prompts answered" in said
    every = reply_text(await h.say("ana", "/plc report all"))
    assert "(100% answered)" in every


async def test_the_panel_s_overview_counts_only_the_prompts_whose_answers_are_kept(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await answered_twice_forty_days_apart(uow_factory)
    overview = await h.bot.panel.overview(Actor(h.community, "ana", "C1"))
    assert isinstance(overview, Overview), overview
    (row,) = overview.teams
    assert row.response == 100


async def test_once_every_prompt_is_older_than_kept_there_is_no_share_at_all(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await answered_twice_forty_days_apart(uow_factory)
    h.clock.advance(days=30)  # both prompts are older than what is kept now
    said = reply_text(await h.say("fay", "/plc report"))
    assert "of prompts answered" not in said
