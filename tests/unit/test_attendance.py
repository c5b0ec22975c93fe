"""Attendance apart from the check-in, a facilitator's sign-off, and the PD-hours log."""

from tests.harness import Harness, reply_text


async def open_session(h: Harness) -> None:
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc session open Fractions")).ok


async def test_a_teacher_is_present_without_checking_in(h: Harness) -> None:
    await open_session(h)
    out = await h.say("tia", "/plc here")
    assert out.ok and "Marked you present at Fractions" in reply_text(out)
    assert "America/Chicago" in reply_text(out)
    again = await h.say("tia", "/plc here")
    assert "already marked present" in reply_text(again)
    (row,) = h.store.state.attendance.values()
    assert row.user_id == "tia" and row.confirmed_at is None
    assert not any(c.user_id == "tia" for c in h.store.state.checkins.values())


async def test_here_without_an_open_session_says_so(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("tia", "/plc here")
    assert not out.ok and "No session is open" in reply_text(out)


async def test_a_facilitator_marks_others_and_a_teacher_cannot(h: Harness) -> None:
    await open_session(h)
    out = await h.say("fay", "/plc attend @tia @uma")
    assert out.ok and "@tia" in reply_text(out) and "@uma" in reply_text(out)
    assert {k[1] for k in h.store.state.attendance} == {"tia", "uma"}
    refused = await h.say("tia", "/plc attend @vic")
    assert not refused.ok and "Only a facilitator" in reply_text(refused)
    nobody = await h.say("fay", "/plc attend")
    assert not nobody.ok and "Usage: /plc attend" in reply_text(nobody)


async def test_pd_hours_list_each_session_with_times_in_the_team_zone_and_the_sign_off(
    h: Harness,
) -> None:
    await open_session(h)
    await h.say("tia", "/plc here")
    await h.say("uma", "/plc checkin 4")
    h.clock.advance(minutes=90)
    assert (await h.say("fay", "/plc session close")).ok
    before = reply_text(await h.say("tia", "/plc me pdhours"))
    assert "1 h 30 min in 1 session" in before and "not signed off yet" in before
    confirmed = await h.say("fay", "/plc attend confirm")
    assert confirmed.ok and "2 newly confirmed" in reply_text(confirmed)
    tia = reply_text(await h.say("tia", "/plc me pdhours"))
    uma = reply_text(await h.say("uma", "/plc me pdhours"))
    for log in (tia, uma):
        assert "(1 h 30 min signed off)" in log and "signed off by @fay" in log
        assert "America/Chicago" in log and "Fractions" in log and "stage analyze" in log
        assert "facilitator @fay" in log
    later = reply_text(await h.say("tia", "/plc me pdhours since 2099-01-01"))
    assert "No sessions yet" in later


async def test_forget_deletes_a_person_s_attendance_and_keeps_others(h: Harness) -> None:
    await open_session(h)
    await h.say("fay", "/plc attend @tia @uma")
    out = await h.say("tia", "/plc me forget")
    assert out.reply is not None
    button = next(b for block in out.reply.blocks for b in getattr(block, "buttons", ()))
    assert (await h.click("tia", button.action.id)).ok
    assert {k[1] for k in h.store.state.attendance} == {"uma"}


async def test_the_export_has_a_printable_certificate_without_script(h: Harness) -> None:
    await open_session(h)
    await h.say("tia", "/plc here")
    h.clock.advance(minutes=90)
    await h.say("fay", "/plc session close")
    await h.say("fay", "/plc attend confirm")
    assert (await h.say("fay", '/plc session open <b>Fractions</b> & "more"')).ok
    await h.say("tia", "/plc here")
    await h.say("tia", "/plc me export")
    page = h.chat.dms_to("tia")[-1].files["pd-certificate.html"].decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "<script" not in page.lower() and "<b>Fractions" not in page
    assert "&lt;b&gt;Fractions&lt;/b&gt; &amp; &quot;more&quot;" in page
    assert "1 h 30 min" in page and "America/Chicago" in page and "not signed off" in page
    assert "<td>fay</td>" in page  # the facilitator who signed the first session off


def card_button(outcome: object, label: str) -> str:
    for post in getattr(outcome, "posts", ()):
        for block in post.message.blocks:
            for b in getattr(block, "buttons", ()):
                if b.label == label:
                    return str(b.action.id)
    raise AssertionError(f"no {label} button")


async def test_the_here_button_marks_the_teacher_who_pressed_it(h: Harness) -> None:
    await h.team_with_facilitator()
    opened = await h.say("fay", "/plc session open Fractions")
    here = card_button(opened, "Here")
    out = await h.click("tia", here)
    assert out.ok and "Marked you present at Fractions" in reply_text(out)
    assert {k[1] for k in h.store.state.attendance} == {"tia"}
    assert (await h.say("ana", "/plc team create Science", channel="C2")).ok
    elsewhere = await h.click("uma", here, channel="C2")
    assert not elsewhere.ok and {k[1] for k in h.store.state.attendance} == {"tia"}


async def test_the_sign_off_button_on_the_close_summary_confirms_that_session(h: Harness) -> None:
    await open_session(h)
    await h.say("tia", "/plc checkin 4")
    closed = await h.say("fay", "/plc session close")
    assert closed.reply is not None
    sign = next(
        b.action.id
        for block in closed.reply.blocks
        for b in getattr(block, "buttons", ())
        if b.label == "Sign off attendance"
    )
    refused = await h.click("tia", sign)
    assert not refused.ok and "Only a facilitator" in reply_text(refused)
    out = await h.click("fay", sign)
    assert out.ok and "1 newly confirmed" in reply_text(out)
    (row,) = h.store.state.attendance.values()
    assert row.user_id == "tia" and row.confirmed_by == "fay"
