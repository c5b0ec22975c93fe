"""The core over real storage, on SQLite and PostgreSQL: what people see is the same on both."""

from __future__ import annotations

import asyncio

from bot.domain import Visibility
from bot.text import clean
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness, reply_text

HOSTILE = "a\x00b \u202eevil\u202c 🧑🏽‍🏫 𝕏 @everyone <!channel> <@U123> *bold* `code` & < >"


async def reflections_of(uow_factory: SqlUnitOfWorkFactory, community: str, team_id: int) -> list:
    async with uow_factory() as uow:
        return list(await uow.reflections.list(community, team_id))


async def test_text_with_nul_rtl_and_emoji_is_stored_identically_on_both_databases(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    await h.say("fay", "/plc prompt send")
    assert (await h.say("tia", f"/plc reflect --team {HOSTILE}")).ok
    async with uow_factory() as uow:
        team = await uow.teams.by_channel(h.community.id, "C1")
    assert team is not None
    (stored,) = await reflections_of(uow_factory, h.community.id, team.id)
    assert stored.text == clean(HOSTILE) == HOSTILE.replace("\x00", "")
    shared = h.chat.posts_to("C1")[-1]
    assert HOSTILE.replace("\x00", "") in shared.text  # literal, as typed


async def test_a_session_card_flow_runs_end_to_end_on_the_database(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    await h.say("fay", "/plc session open Fractions")
    card = h.chat.posts_to("C1")[-1]
    checkin = next(b for b in card.message.button_list() if b.action.name == "checkin")
    for user in ("tia", "uma", "vic"):
        assert (await h.click(user, checkin.action.id)).ok
    assert "3 people have checked in" in h.chat.updates()[-1].text
    h.clock.advance(minutes=45)
    summary = reply_text(await h.say("fay", "/plc session close"))
    assert "Duration: 45 min" in summary and "3 checked in" in summary


async def test_two_facilitators_opening_at_once_get_exactly_one_session(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    await h.say("gus", "/plc checkin")
    await h.say("ana", "/plc role grant @gus facilitator")
    outs = await asyncio.gather(
        h.say("fay", "/plc session open A"), h.say("gus", "/plc session open B")
    )
    assert sorted(o.ok for o in outs) == [False, True]
    loser = next(o for o in outs if not o.ok)
    assert "already open" in reply_text(loser) or "clashed" in reply_text(loser)


async def test_a_double_clicked_check_in_is_recorded_once(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    await h.say("fay", "/plc session open A")
    action = next(
        b for b in h.chat.posts_to("C1")[-1].message.button_list() if b.action.name == "checkin"
    ).action.id
    await asyncio.gather(h.click("tia", action), h.click("tia", action))
    async with uow_factory() as uow:
        team = await uow.teams.by_channel(h.community.id, "C1")
        assert team is not None
        session = await uow.sessions.open_for(h.community.id, team.id)
        assert session is not None
        assert len(await uow.checkins.for_session(h.community.id, session.id)) == 1


async def test_a_private_reflection_reaches_no_one_but_its_author(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    await h.say("fay", "/plc prompt send")
    await h.say("tia", "/plc reflect --private Only mine, about a student.")
    assert all("Only mine" not in s.text for s in h.chat.sent)
    assert "Only mine" not in reply_text(await h.say("fay", "/plc report"))
    assert "Only mine" not in (await h.bot.home(h.actor("fay"))).plain_text()
    assert "Only mine" not in (await h.bot.home(h.actor("ana"))).plain_text()
    assert "Only mine" in (await h.bot.home(h.actor("tia"))).plain_text()
    async with uow_factory() as uow:
        team = await uow.teams.by_channel(h.community.id, "C1")
    assert team is not None
    (r,) = await reflections_of(uow_factory, h.community.id, team.id)
    assert r.visibility is Visibility.PRIVATE


async def test_when_the_database_is_unreachable_the_teacher_is_told_nothing_was_saved() -> None:
    down = SqlUnitOfWorkFactory(make_engine("postgresql+asyncpg://postgres@127.0.0.1:1/none"))
    h = Harness(down)
    out = await h.say("tia", "/plc reflect Words I care about.")
    assert not out.ok
    assert "nothing was saved" in reply_text(out) and "try again" in reply_text(out)
    await down.dispose()


async def two_teams_with_a_prompt_and_an_open_session_in_the_second(
    h: Harness,
) -> tuple[str, str, str]:
    """Team 1 in C1 (tia checked in), team 2 in C2 (uma checked in); in C2 a prompt was sent and
    a session opened. Returns C2's reflect, pulse and check-in action ids."""
    await h.team_with_facilitator()
    assert (await h.say("ana", '/plc team create "Science"', channel="C2")).ok
    assert (await h.say("gus", "/plc cycle", channel="C2")).ok  # the bot grants only people it met
    assert (await h.say("ana", "/plc role grant @gus facilitator", channel="C2")).ok
    assert (await h.say("tia", "/plc checkin 4")).ok
    assert (await h.say("gus", "/plc prompt send", channel="C2")).ok
    assert (await h.say("gus", "/plc session open Cells", channel="C2")).ok
    assert (await h.say("uma", "/plc checkin 3", channel="C2")).ok
    buttons = [b for p in h.chat.posts_to("C2") for b in p.message.button_list()]
    reflect = next(
        b.action.id for b in buttons if b.action.name == "reflect" and b.action.args != ("0",)
    )
    checkin = next(b.action.id for b in buttons if b.action.name == "checkin")
    session_id = checkin.split(":")[2]
    return reflect, f"plc:pulse:{session_id}:relevant:5", checkin


async def roles_in_second_team(uow_factory: SqlUnitOfWorkFactory, h: Harness, user: str) -> object:
    async with uow_factory() as uow:
        team = await uow.teams.by_channel(h.community.id, "C2")
        assert team is not None
        return await uow.team_roles.get(h.community.id, team.id, user)


async def test_a_crafted_reflect_button_for_another_teams_prompt_opens_nothing_and_joins_no_one(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    reflect, _, _ = await two_teams_with_a_prompt_and_an_open_session_in_the_second(h)
    for channel in ("C9", None):  # a channel that is no team, and a DM
        opened = await h.click("tia", reflect, channel=channel)
        assert not opened.ok and opened.form is None
        assert "That prompt was sent to another team" in reply_text(opened)
    saved = await h.submit("tia", reflect, {"text": "Crossing over.", "visibility": "team"}, "C9")
    assert not saved.ok and "sent to another team" in reply_text(saved)
    async with uow_factory() as uow:
        assert list(await uow.reflections.by_user(h.community.id, "tia")) == []
    assert await roles_in_second_team(uow_factory, h, "tia") is None
    assert not any("Crossing over." in p.text for p in h.chat.posts_to("C2"))
    # the people it was addressed to still can: a member of that team, even from a DM
    assert (await h.click("uma", reflect, channel=None)).form is not None


async def test_crafted_pulse_and_check_in_buttons_for_another_teams_session_record_nothing(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    _, pulse, checkin = await two_teams_with_a_prompt_and_an_open_session_in_the_second(h)
    checked = await h.click("tia", checkin)  # from team 1's channel, C2's open session
    assert not checked.ok
    assert (await h.say("gus", "/plc session close", channel="C2")).ok
    answered = await h.click("tia", pulse)
    assert not answered.ok and "belongs to another team's session" in reply_text(answered)
    async with uow_factory() as uow:
        assert list(await uow.pulse.by_user(h.community.id, "tia")) == []
        assert len(await uow.checkins.by_user(h.community.id, "tia")) == 1  # her own, in C1
    assert await roles_in_second_team(uow_factory, h, "tia") is None
    # in the session's own channel, anyone there may answer its card
    assert (await h.click("vic", pulse, channel="C2")).ok
    assert (await h.click("uma", pulse, channel="C1")).ok  # one of its team, from elsewhere
