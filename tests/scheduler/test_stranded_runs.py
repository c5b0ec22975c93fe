"""Runs left 'claimed' (the worker stopped between claim and recording the post's outcome), on
SQLite and PostgreSQL: a prompt nobody saw is not one a reflection answers; `/plc schedule list`
says what is known about such runs; an admin re-sends or dismisses them."""

from __future__ import annotations

from bot.domain import PromptDelivery
from bot.scheduling.model import RunState, ScheduleRun
from bot.scheduling.runner import ScheduleRunner
from storage.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeChat
from tests.harness import LIBRARIES, Harness, reply_text


def stranding_chat() -> FakeChat:
    """A platform call that ends in something other than an answer (the process dies, the
    connection drops mid-call): whether the post landed is unknown."""
    return FakeChat(post_error=RuntimeError("the worker stopped here"))


def stranding_runner(h: Harness) -> ScheduleRunner:
    return ScheduleRunner(uow=h.bot._uow, chat=stranding_chat(), libraries=LIBRARIES, clock=h.clock)


async def team_id(uow_factory: SqlUnitOfWorkFactory, h: Harness) -> int:
    async with uow_factory() as uow:
        team = await uow.teams.by_channel(h.community.id, "C1")
    assert team is not None
    return team.id


async def deliveries(uow_factory: SqlUnitOfWorkFactory, h: Harness) -> list[PromptDelivery]:
    tid = await team_id(uow_factory, h)
    async with uow_factory() as uow:
        return list(await uow.deliveries.list(h.community.id, tid))


async def runs(uow_factory: SqlUnitOfWorkFactory, h: Harness) -> list[ScheduleRun]:
    tid = await team_id(uow_factory, h)
    async with uow_factory() as uow:
        schedules = await uow.schedules.for_team(h.community.id, tid)
        found = [
            r for s in schedules for r in await uow.schedule_runs.recent(s.community_id, s.id, 9)
        ]
    return sorted(found, key=lambda r: r.id)


async def add_schedule(h: Harness, kind: str) -> None:
    assert (await h.say("ana", f'/plc schedule add {kind} "daily 10:00"')).ok


async def until_due(uow_factory: SqlUnitOfWorkFactory, h: Harness) -> None:
    tid = await team_id(uow_factory, h)
    async with uow_factory() as uow:
        schedules = await uow.schedules.for_team(h.community.id, tid)
    due = min(s.next_fire_at for s in schedules if s.next_fire_at is not None)
    h.clock.set(due)


async def test_a_reflection_answers_the_latest_posted_prompt_not_one_stranded_before_posting(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc prompt send")).ok
    (seen,) = await deliveries(uow_factory, h)
    await add_schedule(h, "reflection_prompt")
    await until_due(uow_factory, h)
    await stranding_runner(h).tick()  # claimed, delivery recorded, never posted
    assert [r.state for r in await runs(uow_factory, h)] == [RunState.CLAIMED]
    unseen = (await deliveries(uow_factory, h))[-1]
    assert unseen.id != seen.id and not unseen.posted

    assert (await h.say("tia", "/plc reflect The number line helped")).ok
    async with uow_factory() as uow:
        (reflection,) = await uow.reflections.list(h.community.id, unseen.team_id)
    assert reflection.delivery_id == seen.id  # the prompt tia saw, not the one nobody saw

    # The next day's prompt posts: it is marked posted, and the next answer is to it.
    h.clock.advance(days=1)
    report = await h.runner().tick()
    assert report.posted == 1
    latest = (await deliveries(uow_factory, h))[-1]
    assert latest.posted and latest.id not in (seen.id, unseen.id)
    assert (await h.say("uma", "/plc reflect Fewer worksheets")).ok
    async with uow_factory() as uow:
        answers = await uow.reflections.list(h.community.id, latest.team_id)
    assert {r.user_id: r.delivery_id for r in answers}["uma"] == latest.id


async def test_schedule_list_says_a_stranded_runs_post_outcome_is_unknown_and_how_to_decide(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    await add_schedule(h, "stage_nudge")
    await until_due(uow_factory, h)
    await stranding_runner(h).tick()
    (run,) = await runs(uow_factory, h)
    h.clock.advance(minutes=11)
    listing = reply_text(await h.say("ana", "/plc schedule list"))
    assert "Not confirmed: 1 run was claimed, post outcome unknown" in listing
    assert "stopped before posting" not in listing  # it may well have posted
    assert f"run #{run.id}: schedule #{run.schedule_id}, due" in listing
    assert "/plc schedule resend <run>" in listing and "/plc schedule dismiss <run>" in listing


async def test_an_admin_resends_one_stranded_run_and_dismisses_another(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    await add_schedule(h, "stage_nudge")
    await add_schedule(h, "norms_reminder")
    await until_due(uow_factory, h)
    await stranding_runner(h).tick()
    nudge, norms = await runs(uow_factory, h)
    assert {nudge.state, norms.state} == {RunState.CLAIMED}

    young = reply_text(await h.say("ana", f"/plc schedule resend {nudge.id}"))
    assert "may still be posting" in young and "Try again in 10 minutes" in young
    h.clock.advance(minutes=11)
    forbidden = await h.say("tia", f"/plc schedule resend {nudge.id}")
    assert not forbidden.ok and "admin" in reply_text(forbidden)
    before = len(h.chat.posts_to("C1"))  # the team's welcome

    resent = await h.say("ana", f"/plc schedule resend #{nudge.id}")
    assert resent.ok and f"Posting run #{nudge.id}" in reply_text(resent)
    (post,) = h.chat.posts_to("C1")[before:]
    assert "cycle" in post.text  # the stage nudge, posted once, now
    dismissed = await h.say("ana", f"/plc schedule dismiss {norms.id}")
    assert dismissed.ok and "nothing was posted" in reply_text(dismissed)
    assert len(h.chat.posts_to("C1")) == before + 1

    states = {r.id: r.state for r in await runs(uow_factory, h)}
    assert states == {nudge.id: RunState.RESENT, norms.id: RunState.DISMISSED}
    assert "Not confirmed" not in reply_text(await h.say("ana", "/plc schedule list"))
    again = reply_text(await h.say("ana", f"/plc schedule resend {nudge.id}"))
    assert f"Run #{nudge.id} is resent" in again
    assert "no schedule run #999" in reply_text(await h.say("ana", "/plc schedule dismiss 999"))
    usage = reply_text(await h.say("ana", "/plc schedule resend soon"))
    assert "Give the run's number" in usage and "/plc schedule resend 12" in usage
