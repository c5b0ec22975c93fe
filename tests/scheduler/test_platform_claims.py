"""Two `plcbot run` processes where only one serves Discord (a bot holds one gateway
connection), on SQLite and PostgreSQL: the scheduler of the process serving Slack alone claims
no Discord server's runs (it could not post them: each was lost as a failed run), and the
process connected to Discord posts them. Found by the two-process simulation with a Discord
team (simulation/discord_process.py)."""

from __future__ import annotations

from dataclasses import replace

from bot.chat_router import ChatRouter
from bot.config import parse_config
from bot.scheduling.action_reminders import BATCH
from bot.scheduling.model import RunState
from plcbot.scheduling import schedule_runner
from storage.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeChat
from tests.harness import LIBRARIES, Harness
from tests.scheduler.test_stranded_runs import add_schedule, runs, until_due


def serving(platform: str, chat: FakeChat) -> ChatRouter:
    router = ChatRouter()
    router.add(platform, chat)
    return router


async def test_a_process_serving_slack_alone_leaves_a_discord_teams_run_to_the_discord_one(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory, platform="discord", community="810000000000000001")
    await h.team_with_facilitator()
    await add_schedule(h, "reflection_prompt")
    await until_due(uow_factory, h)
    config = parse_config({}, {})
    slack, discord = FakeChat(), FakeChat()

    alone = schedule_runner(config, uow_factory, serving("slack", slack), LIBRARIES, h.clock)
    report = await alone.tick()
    assert (report.claimed, report.failed) == (0, 0)
    assert await runs(uow_factory, h) == [] and slack.sent == []

    connected = schedule_runner(
        config, uow_factory, serving("discord", discord), LIBRARIES, h.clock
    )
    await connected.tick()
    assert [r.state for r in await runs(uow_factory, h)] == [RunState.SENT]
    assert [s.where for s in discord.sent] == ["C1"]


async def test_action_reminders_and_step_nudges_too(uow_factory: SqlUnitOfWorkFactory) -> None:
    h = Harness(uow_factory, platform="discord", community="810000000000000001")
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc action add @fay bring student work by 2026-09-15")).ok
    assert (await h.say("fay", "/plc protocol start tuning")).ok
    h.clock.advance(minutes=6)  # the first step's five minutes are up; the item is due tomorrow
    config = parse_config({}, {})
    slack, discord = FakeChat(), FakeChat()

    alone = schedule_runner(config, uow_factory, serving("slack", slack), LIBRARIES, h.clock)
    report = await alone.tick()
    assert (report.action_reminders, report.step_nudges, slack.sent) == (0, 0, [])

    connected = schedule_runner(
        config, uow_factory, serving("discord", discord), LIBRARIES, h.clock
    )
    report = await connected.tick()
    assert (report.action_reminders, report.step_nudges) == (1, 1)


async def test_a_runner_serving_no_platform_claims_nothing(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory, platform="discord", community="810000000000000001")
    await h.team_with_facilitator()
    await add_schedule(h, "reflection_prompt")
    await until_due(uow_factory, h)

    nowhere = schedule_runner(parse_config({}, {}), uow_factory, ChatRouter(), LIBRARIES, h.clock)
    report = await nowhere.tick()
    assert (report.claimed, report.failed) == (0, 0)
    assert await runs(uow_factory, h) == []


async def doing_the_same(h: Harness) -> None:
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc action add @fay bring student work by 2026-09-15")).ok
    assert (await h.say("fay", "/plc protocol start tuning")).ok


async def test_other_platforms_due_reminders_and_nudges_do_not_starve_this_ones(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    """Two hundred (a batch) of Discord's items and steps due first: the Slack process still
    reminds and nudges its own."""
    far = Harness(uow_factory, platform="discord", community="810000000000000001")
    here = Harness(uow_factory, platform="slack", community="T1")
    await doing_the_same(far)
    async with uow_factory() as uow:
        [item] = await uow.action_items.by_owner(far.community.id, "fay")
        run = await uow.protocol_runs.running(far.community.id, item.team_id)
        assert run is not None
        [step, *_rest] = await uow.protocol_runs.steps_of(far.community.id, run.id)
        for n in range(BATCH):  # all due before this process's (ids before theirs)
            await uow.action_items.add(replace(item, id=0))
            await uow.protocol_runs.add_step(replace(step, id=0, position=100 + n))
        await uow.commit()
    await doing_the_same(here)
    here.clock.advance(minutes=6)  # both first steps' five minutes are up; the items due tomorrow
    slack = FakeChat()

    runner = schedule_runner(
        parse_config({}, {}), uow_factory, serving("slack", slack), LIBRARIES, here.clock
    )
    report = await runner.tick()
    assert (report.action_reminders, report.step_nudges) == (1, 1)
