"""A teacher's reflections over time: a second answer starts a new reflection, editing is
explicit and only ever one's own, the list of one's own, and the streak of weeks."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain import Visibility
from tests.harness import Harness, reply_text
from tests.unit.test_reflections import with_prompt


async def test_reflecting_again_on_an_answered_prompt_starts_a_new_reflection(
    h: Harness,
) -> None:
    await with_prompt(h)
    await h.say("tia", "/plc reflect --team Last week's thought.")
    h.clock.advance(minutes=7 * 24 * 60)
    out = await h.say("tia", "/plc reflect This week's thought.")
    first, second = sorted(h.store.state.reflections.values(), key=lambda r: r.id)
    assert first.text == "Last week's thought." and first.edited_at is None
    assert second.text == "This week's thought." and second.delivery_id is None
    assert second.visibility is Visibility.FACILITATORS
    assert "Saved your reflection" in reply_text(out)
    assert f"/plc reflect edit {first.id} <text>" in reply_text(out)
    assert h.chat.updates() == []  # last week's post is untouched


async def test_a_teacher_cannot_edit_someone_else_s_reflection(h: Harness) -> None:
    await with_prompt(h)
    await h.say("tia", "/plc reflect --team Mine.")
    (theirs,) = h.store.state.reflections.values()
    out = await h.say("uma", f"/plc reflect edit {theirs.id} Not yours.")
    assert not out.ok and f"You have no reflection {theirs.id}" in reply_text(out)
    assert h.store.state.reflections[theirs.id].text == "Mine."
    assert h.chat.updates() == []


async def test_an_edit_from_a_direct_message_changes_the_post_in_the_team_s_channel(
    h: Harness,
) -> None:
    await with_prompt(h)
    await h.say("tia", "/plc reflect --team Said in the channel.")
    (r,) = h.store.state.reflections.values()
    out = await h.bot.command(h.actor("tia", dm=True), f"/plc reflect edit #{r.id} Said better.")
    assert out.ok
    (update,) = h.chat.updates()
    card = next(p for p in h.chat.posts_to("C1") if "Said in the channel." in p.text)
    assert update.where == card.ref.message_id and "> Said better." in update.text


async def test_edit_needs_a_number_and_says_how_to_begin_a_reflection_with_edit(
    h: Harness,
) -> None:
    await with_prompt(h)
    out = await h.say("tia", "/plc reflect edit the plan went well")
    assert not out.ok and "/plc reflect --facilitators edit" in reply_text(out)
    assert h.store.state.reflections == {}


async def test_me_reflections_lists_only_one_s_own_numbered_in_the_team_s_zone(
    h: Harness,
) -> None:
    await with_prompt(h)
    await h.say("tia", "/plc reflect --private Only for me.")
    h.clock.advance(minutes=3 * 24 * 60)
    await h.say("tia", "/plc reflect Later on.")
    await h.say("uma", "/plc reflect --team Uma's words.")
    mine = sorted(
        (r for r in h.store.state.reflections.values() if r.user_id == "tia"), key=lambda r: r.id
    )
    listed = reply_text(await h.say("tia", "/plc me reflections"))
    assert f"#{mine[0].id}" in listed and f"#{mine[1].id}" in listed
    assert "Only for me." in listed and "Later on." in listed and "Uma's words." not in listed
    assert "America/Chicago" in listed and "only you" in listed
    later = mine[1].created_at.astimezone(ZoneInfo("America/Chicago"))
    since = reply_text(await h.say("tia", f"/plc me reflections since {later:%Y-%m-%d}"))
    assert "Later on." in since and "Only for me." not in since


async def test_the_streak_counts_weeks_with_any_reflection(h: Harness) -> None:
    await with_prompt(h)
    await h.say("tia", "/plc reflect One.")
    await h.say("tia", "/plc reflect Two, the same week.")
    h.clock.advance(minutes=int(timedelta(weeks=1).total_seconds() // 60))
    await h.say("tia", "/plc reflect Three, the next week.")
    out = reply_text(await h.say("tia", "/plc me streak"))
    assert "2 weeks in a row" in out and "3 reflections in all" in out


async def test_the_streak_counts_weeks_as_the_teacher_lives_them_in_the_team_s_zone(
    h: Harness,
) -> None:
    """Found by the school-year simulation (seed 1): a Chicago teacher who reflected on two
    Sunday evenings in a row, once at 18:00 and once at 20:30 (Monday already in UTC), was
    told a 1-week streak."""
    await with_prompt(h)  # a Chicago team; the clock stands on Monday 14 Sep, 10:00 there
    chicago = ZoneInfo("America/Chicago")
    h.clock.set(datetime(2026, 9, 20, 18, 0, tzinfo=chicago))
    await h.say("tia", "/plc reflect The first week's thought, on Sunday at six.")
    h.clock.set(datetime(2026, 9, 27, 20, 30, tzinfo=chicago))
    await h.say("tia", "/plc reflect The second week's, on Sunday evening too.")
    h.clock.set(datetime(2026, 9, 27, 21, 30, tzinfo=chicago))  # the same Sunday, later
    out = reply_text(await h.say("tia", "/plc me streak"))
    assert "2 weeks in a row" in out and "2 reflections in all" in out
    h.clock.set(datetime(2026, 9, 30, 12, 0, tzinfo=chicago))  # Wednesday, none yet this week
    out = reply_text(await h.say("tia", "/plc me streak"))
    assert "2 weeks in a row" in out
