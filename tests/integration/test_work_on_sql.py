"""The team's work (cycle record and action items) through the core over real storage, on
SQLite and PostgreSQL: what facilitators and teachers see, what the scheduler reminds, what
export and forget do with a teacher's part."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot import actions
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness, reply_text

GOAL = (
    "/plc goal set what: place fractions on a number line measure: unit exit ticket "
    "target: 80% by: 2026-12-18"
)


async def _team(uow_factory: SqlUnitOfWorkFactory) -> Harness:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    assert (await h.say("tia", "/plc checkin 4")).ok  # tia and jon are teachers of the team
    assert (await h.say("jon", "/plc checkin 3")).ok
    return h


async def test_the_cycle_record_is_kept_stage_by_stage_and_says_what_is_missing(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await _team(uow_factory)
    need = "/plc need set Half cannot place 3/4. evidence: screener, https://example.org/x"
    assert (await h.say("fay", need)).ok
    out = await h.say("fay", "/plc goal set what: place fractions on a number line")
    assert "Still missing: no measure yet; no target yet; no by when yet." in reply_text(out)
    assert (await h.say("fay", GOAL)).ok
    assert (await h.say("fay", "/plc design add Number-line talks")).ok
    assert (await h.say("tia", "/plc commit Two number-line talks a week")).ok
    assert (await h.say("tia", "/plc commit Three talks a week")).ok  # replaces her first
    record = reply_text(await h.say("jon", "/plc cycle"))
    assert "Half cannot place 3/4." in record and "https://example.org/x" in record
    assert "Measure: unit exit ticket" in record and "Target: 80%" in record
    assert "Number-line talks" in record
    assert "@tia — Three talks a week" in record and "Two number-line" not in record


async def test_a_teacher_cannot_set_the_goal_and_evidence_needs_a_measure(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await _team(uow_factory)
    refused = await h.say("tia", GOAL)
    assert not refused.ok and "Only a facilitator" in reply_text(refused)
    early = await h.say("tia", "/plc evidence 40")
    assert not early.ok and "no measure yet" in reply_text(early)
    out = await h.say("tia", "/plc evidence 140")
    assert not out.ok and "number from 0 to 100" in reply_text(out)


async def test_evidence_is_summarised_as_a_weekly_trend_and_the_closed_cycle_posts_a_summary(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await _team(uow_factory)
    await h.say("fay", GOAL)
    await h.say("tia", "/plc evidence 40 halves shaky")
    await h.say("jon", "/plc evidence 50")
    h.clock.advance(days=7)
    out = await h.say("tia", "/plc evidence 70 better")
    assert "45% → 70% (rising)" in reply_text(out)
    await h.say("tia", "/plc reflect --private My private doubt about Jon's class")
    assert (await h.say("fay", "/plc cycle close")).ok
    summary = next(p.text for p in h.chat.posts_to("C1") if "cycle 1 summary" in p.text)
    assert "45% → 70% (rising)" in summary and "Latest week: 70%" in summary
    assert "private doubt" not in summary
    assert "Not recorded: no student learning need yet" in summary
    assert "Cycle 2 begins" in h.chat.posts_to("C1")[-1].text
    assert "Goal" not in reply_text(await h.say("fay", "/plc cycle"))  # a fresh record


async def test_action_items_are_listed_on_the_session_card_and_closed_by_their_button(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await _team(uow_factory)
    out = await h.say("tia", "/plc action add @jon share the fractions rubric by 2026-09-16")
    assert "Added action item #" in reply_text(out)
    await h.say("fay", "/plc action add @tia bring exit tickets by 2026-09-15")
    listing = reply_text(await h.say("jon", "/plc action list"))
    assert listing.index("bring exit tickets") < listing.index("share the fractions rubric")
    await h.say("fay", "/plc session open Fractions")
    card = h.chat.posts_to("C1")[-1]
    assert "Open action items" in card.text and "share the fractions rubric" in card.text
    done = next(b for b in card.message.button_list() if b.label.startswith("Done"))
    stranger = await h.click("eve", done.action.id, channel=None)  # not one of the team
    assert not stranger.ok and "no action item" in reply_text(stranger)
    assert (await h.click("jon", done.action.id)).ok
    listing = reply_text(await h.say("jon", "/plc action list"))
    assert "bring exit tickets" not in listing and "share the fractions rubric" in listing


async def test_the_action_form_names_the_field_to_fix(uow_factory: SqlUnitOfWorkFactory) -> None:
    h = await _team(uow_factory)
    await h.say("fay", "/plc session open")
    add = next(
        b for b in h.chat.posts_to("C1")[-1].message.button_list() if b.label.startswith("Add")
    )
    opened = await h.click("tia", add.action.id)
    assert opened.form is not None and [f.id for f in opened.form.fields] == [
        "owner",
        "text",
        "due",
    ]
    form_id = actions.action_form().id
    bad = await h.submit("tia", form_id, {"owner": "@jon", "text": "rubric", "due": "next week"})
    assert not bad.ok and "due" in bad.field_errors
    past = await h.submit("tia", form_id, {"owner": "@jon", "text": "rubric", "due": "2026-09-01"})
    assert not past.ok and "has passed" in reply_text(past)
    assert (
        await h.submit("tia", form_id, {"owner": "@jon", "text": "rubric", "due": "2026-09-18"})
    ).ok


async def test_the_owner_is_reminded_once_the_day_before_and_once_when_overdue(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await _team(uow_factory)
    await h.say("fay", "/plc action add @jon share the rubric by 2026-09-15")
    await h.say("fay", "/plc action add @tia bring tickets by 2026-09-15")
    await h.say("tia", "/plc me reminders off")
    runner = h.runner()
    for _ in range(3):  # Monday 10:00 in Chicago: due tomorrow
        await runner.tick()
    assert [d.text.count("is due tomorrow") for d in h.chat.dms_to("jon")] == [1]
    h.clock.set(datetime(2026, 9, 15, 20, 0, tzinfo=UTC))  # the due day: nothing
    await runner.tick()
    h.clock.set(datetime(2026, 9, 16, 12, 0, tzinfo=UTC))  # 07:00 in Chicago: too early
    await runner.tick()
    assert len(h.chat.dms_to("jon")) == 1
    h.clock.set(datetime(2026, 9, 16, 14, 0, tzinfo=UTC))
    await runner.tick()
    await runner.tick()
    assert ["is overdue" in d.text for d in h.chat.dms_to("jon")] == [False, True]
    assert h.chat.dms_to("tia") == []  # her reminders are off


async def test_no_reminder_during_a_calendar_break_and_none_for_a_done_item(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await _team(uow_factory)
    await h.say("ana", "/plc calendar off 2026-09-14..2026-09-16 Fall break")
    await h.say("fay", "/plc action add @jon share the rubric by 2026-09-15")
    out = await h.say("fay", "/plc action add @tia bring tickets by 2026-09-15")
    item = int(reply_text(out).split("#")[1].split(",")[0])
    await h.say("tia", f"/plc action done {item}")
    runner = h.runner()
    await runner.tick()
    h.clock.set(datetime(2026, 9, 16, 15, 0, tzinfo=UTC))
    await runner.tick()
    assert h.chat.dms_to("jon") == []
    h.clock.set(datetime(2026, 9, 17, 15, 0, tzinfo=UTC))  # the break is over; still overdue
    await runner.tick()
    assert ["is overdue" in d.text for d in h.chat.dms_to("jon")] == [True]
    assert h.chat.dms_to("tia") == []


async def test_export_has_a_teachers_commitments_evidence_and_items_and_forget_removes_them(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await _team(uow_factory)
    await h.say("fay", GOAL)
    await h.say("tia", "/plc commit Three talks a week")
    await h.say("tia", "/plc evidence 60 most got it")
    await h.say("tia", "/plc action add @jon share the rubric by 2026-09-18")
    await h.say("fay", "/plc action add @tia bring tickets by 2026-09-18")
    await h.say("tia", "/plc me export")
    files = h.chat.dms_to("tia")[-1].files
    data = json.loads(files["plcbot-export.json"])
    assert [c["text"] for c in data["commitments"]] == ["Three talks a week"]
    assert [(e["percent"], e["note"]) for e in data["evidence"]] == [(60, "most got it")]
    assert [a["text"] for a in data["action_items"]] == ["bring tickets"]
    await h.say("tia", "/plc me forget")
    assert (await h.click("tia", actions.forget("tia").id)).ok
    record = reply_text(await h.say("fay", "/plc cycle"))
    assert "Three talks" not in record and "Evidence:" not in record
    listing = reply_text(await h.say("jon", "/plc action list"))
    assert "bring tickets" not in listing and "share the rubric" in listing  # jon's stays
