"""A record of where a reflection was posted lives and dies with the reflection, and an edit
only ever reaches a post in the reflection's own team channel (SQLite and PostgreSQL)."""

from __future__ import annotations

from bot.domain import MessageRef, PostedMessage
from bot.retention import RetentionJob
from bot.usecases.reflections import REFLECTION
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness


async def test_a_new_shared_reflection_never_edits_the_post_of_one_retention_deleted(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()  # Grade 4 Math in C1
    assert (await h.say("ana", "/plc team create Science America/Chicago", channel="C2")).ok
    assert (await h.say("tia", "/plc reflect --team Old words in math")).ok
    h.clock.advance(days=40)
    report = await RetentionJob(uow=uow_factory, clock=h.clock, default_days=30).run()
    assert sum(report.reflections_deleted.values()) == 1
    assert (await h.say("uma", "/plc reflect --team New words in science", channel="C2")).ok
    assert h.chat.updates() == []  # no post anywhere was edited
    assert "New words in science" in h.chat.posts_to("C2")[-1].text
    assert all("New words" not in p.text for p in h.chat.posts_to("C1"))


async def test_an_edit_never_reaches_a_post_outside_the_reflections_own_channel() -> None:
    h = Harness()
    await h.team_with_facilitator()
    assert (await h.say("ana", "/plc team create Science America/Chicago", channel="C2")).ok
    assert (await h.say("ana", "/plc prompt send", channel="C2")).ok
    assert (await h.say("uma", "/plc reflect --team First words", channel="C2")).ok
    (mine,) = h.store.state.reflections.values()
    # A stray record (as an old database could hold) says the reflection is also in C1.
    stray = PostedMessage(h.community.id, REFLECTION, mine.id, MessageRef("C1", "m-old"))
    h.store.state.posted.append(stray)
    h.clock.advance(minutes=5)
    edit = f"/plc reflect edit {mine.id}"
    assert (await h.say("uma", f"{edit} --team Second words", channel="C2")).ok
    edited = {u.ref for u in h.chat.updates()}
    assert MessageRef("C1", "m-old") not in edited
    assert edited, "the reflection's own post in C2 was updated"
    # typed in the other team's channel, the edit still reaches only the reflection's own
    assert (await h.say("uma", f"{edit} --team Third words", channel="C1")).ok
    assert (await h.say("uma", f"{edit} --private Now mine only", channel="C2")).ok
    assert MessageRef("C1", "m-old") not in {u.ref for u in h.chat.updates()}
    assert {u.ref.channel_id for u in h.chat.updates()} == {"C2"}


async def test_a_check_in_never_updates_a_session_card_outside_the_teams_own_channel() -> None:
    h = Harness()
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc session open Fractions")).ok
    (session,) = h.store.state.sessions.values()
    stray = PostedMessage(h.community.id, "session_card", session.id, MessageRef("C9", "m-old"))
    h.store.state.posted.append(stray)
    assert (await h.say("tia", "/plc checkin 4")).ok
    edited = {u.ref for u in h.chat.updates()}
    assert edited and MessageRef("C9", "m-old") not in edited
