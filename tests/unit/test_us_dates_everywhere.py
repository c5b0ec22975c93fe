"""Month/day/year dates (issue 18): a US-English team may write 12/02/2026 wherever a command
takes a date (`calendar off`, `action add … by`, `reflections since`, `report since`), and is
told how it was read; a team elsewhere is asked for year-month-day."""

from __future__ import annotations

from tests.harness import Harness, reply_text


async def test_an_action_due_date_may_be_written_month_first_and_says_how_it_was_read(
    h: Harness,
) -> None:
    await h.team_with_facilitator()  # Grade 4 Math, America/Chicago, English
    out = reply_text(await h.say("fay", "/plc action add @tia share the rubric by 12/02/2026"))
    assert "due Wed 2 Dec" in out and "(read “12/02/2026” as month/day/year)" in out


async def test_reflections_and_reports_since_a_month_first_date_say_how_it_was_read(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    await h.say("tia", "/plc reflect Number lines.")
    listing = reply_text(await h.say("fay", "/plc reflections since 09/01/2026"))
    assert "since 01 Sep" in listing and "(read “09/01/2026” as month/day/year)" in listing
    report = reply_text(await h.say("fay", "/plc report since 09/01/2026"))
    assert "since 2026-09-01 (read “09/01/2026” as month/day/year)" in report
    everyone = reply_text(await h.say("ana", "/plc report all since 09/01/2026"))
    assert "since 2026-09-01 (read “09/01/2026” as month/day/year)" in everyone


async def test_a_team_outside_the_us_is_asked_for_year_month_day_for_a_due_date(
    h: Harness,
) -> None:
    assert (await h.say("ana", '/plc team create "Year 5 Maths" Europe/London')).ok
    out = await h.say("ana", "/plc action add @ana share the rubric by 12/02/2026")
    assert not out.ok
    assert "“12/02/2026” could be read month first or day first" in reply_text(out)
    assert "write the date as year-month-day, like 2026-12-02" in reply_text(out)
