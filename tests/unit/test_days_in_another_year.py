"""A day in another year is shown with its year (issue 18): action items due next year, and a
schedule's next posts across New Year, by the one day-text rule."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.harness import Harness, reply_text


async def test_an_action_due_next_year_shows_the_year_where_it_is_added_and_listed(
    h: Harness,
) -> None:
    await h.team_with_facilitator()  # in September 2026
    added = reply_text(await h.say("fay", "/plc action add @tia share the rubric by 2027-10-02"))
    assert "due Sat 2 Oct 2027" in added
    notice = h.chat.posts_to("C1")[-1].text
    assert "due Sat 2 Oct 2027" in notice
    listing = reply_text(await h.say("tia", "/plc action list"))
    assert "due Sat 2 Oct 2027" in listing
    this_year = reply_text(await h.say("fay", "/plc action add @tia bring tickets by 2026-10-02"))
    assert "due Fri 2 Oct." in this_year


async def test_a_schedules_next_posts_across_new_year_show_the_year(h: Harness) -> None:
    await h.team_with_facilitator()
    h.clock.set(datetime(2026, 12, 30, 12, tzinfo=UTC))
    added = reply_text(await h.say("ana", '/plc schedule add stage_nudge "daily 16:00"'))
    assert "Next: Wed 30 Dec 16:00, Thu 31 Dec 16:00, Fri 01 Jan 2027 16:00" in added
