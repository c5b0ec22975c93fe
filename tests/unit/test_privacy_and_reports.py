import csv
import io
import json

from bot.export import neutralize, to_csv
from bot.retention import RetentionJob, community_export
from tests.harness import Harness, reply_text


async def seeded(h: Harness) -> None:
    """Two sessions, four teachers, two prompts: a history whose figures are computed by hand below."""
    await h.team_with_facilitator()
    await h.say("fay", "/plc session open Fractions")
    for user, score in [("tia", 4), ("uma", 2), ("vic", 3)]:
        await h.say(user, f"/plc checkin {score}")
    await h.say("fay", "/plc prompt send")
    await h.say("tia", "/plc reflect --private Tia private text.")
    await h.say("uma", "/plc reflect --facilitators Uma for facilitators.")
    await h.say("vic", "/plc reflect --team Vic for the team.")
    h.clock.advance(minutes=90)
    await h.say("fay", "/plc session close")
    sid1 = max(s for s in h.store.state.sessions)
    for user, rel, rec in [("tia", 5, "yes"), ("uma", 4, "yes"), ("vic", 5, "no")]:
        await h.click(user, f"plc:pulse:{sid1}:relevant:{rel}")
        await h.click(user, f"plc:pulse:{sid1}:recommend:{rec}")
    h.clock.advance(days=7)
    await h.say("fay", "/plc stage next")
    await h.say("fay", "/plc session open Goals")
    for user, score in [("tia", 5), ("uma", 4), ("vic", 4), ("wes", 5)]:
        await h.say(user, f"/plc checkin {score}")
    await h.say("fay", "/plc prompt send")
    await h.say("wes", '/plc reflect =HYPERLINK("http://x") wes')
    h.clock.advance(minutes=60)
    await h.say("fay", "/plc session close")
    sid2 = max(s for s in h.store.state.sessions)
    await h.click("wes", f"plc:pulse:{sid2}:relevant:3")


async def test_report_figures_match_hand_computed_values(h: Harness) -> None:
    await seeded(h)
    body = reply_text(await h.say("fay", "/plc report"))
    assert "2 sessions · 2 h 30 min in closed sessions" in body
    assert "Fractions · 1 h 30 min · 3 checked in, arrival 3.0" in body
    assert "Goals · 1 h 00 min · 4 checked in, arrival 4.5" in body
    assert "Arrival: average 3.9 of 5 over 7 check-ins" in body  # 27 / 7
    assert "Arrival by session: 3.0 → 4.5" in body
    # 4 prompt deliveries (2 sent, 2 closing) × 4 teachers = 16 pairs; 4 answered -> 25%
    assert "Reflections: 4 written · 25% of prompts answered" in body
    # relevant answers 5,4,5,3 -> 2 of 4 strongly agree; recommend yes,yes,no -> 2 of 3
    assert (
        "Feedback: 50% strongly agree it was relevant (2 of 4); 67% would recommend (2 of 3)"
        in body
    )
    assert "cycle 1 · Analyze student data: 7 days" in body
    assert "cycle 1 · Set learning goals: 1 h 00 min" in body


async def test_a_private_reflection_never_appears_in_a_report_a_listing_or_someone_else_s_export(
    h: Harness,
) -> None:
    await seeded(h)
    report = reply_text(await h.say("fay", "/plc report"))
    listing = reply_text(await h.say("fay", "/plc reflections"))
    assert "Tia private text." not in report and "Tia private text." not in listing
    assert "Uma for facilitators." in listing and "Vic for the team." in listing
    await h.say("uma", "/plc me export")
    files = h.chat.dms_to("uma")[-1].files
    assert all(b"Tia private text." not in content for content in files.values())
    await h.say("tia", "/plc me export")
    assert b"Tia private text." in h.chat.dms_to("tia")[-1].files["reflections.csv"]


async def test_an_admin_who_is_not_the_team_s_facilitator_reads_only_what_was_shared_with_the_team(
    h: Harness,
) -> None:
    await seeded(h)
    await h.say("bo", "/plc checkin")  # the bot grants roles only to people it has met
    await h.say("ana", "/plc role grant @bo admin")
    listing = reply_text(await h.say("bo", "/plc reflections"))
    assert "Vic for the team." in listing and "Uma for facilitators." not in listing


async def test_every_facilitator_read_is_written_to_the_audit_log(h: Harness) -> None:
    await seeded(h)
    await h.say("fay", "/plc reflections")
    await h.say("fay", "/plc reflections since 2026-09-01")
    entries = h.store.state.audit
    assert [(e.reader_id, e.what, e.count) for e in entries] == [
        ("fay", "reflections", 3),
        ("fay", "reflections", 3),
    ]
    assert not (
        await h.say("tia", "/plc reflections")
    ).ok  # teachers cannot list others' reflections


async def test_my_export_holds_exactly_my_rows_as_json_and_csv_with_a_pd_hours_log(
    h: Harness,
) -> None:
    await seeded(h)
    out = await h.say("wes", "/plc me export")
    assert "direct message" in reply_text(out)
    files = h.chat.dms_to("wes")[-1].files
    assert set(files) == {
        "plcbot-export.json",
        "reflections.csv",
        "checkins.csv",
        "pd_hours.csv",
        "pd-certificate.html",
        "team_work.csv",
    }
    data = json.loads(files["plcbot-export.json"])
    assert data["user"] == "wes" and len(data["reflections"]) == 1 and len(data["checkins"]) == 1
    assert data["pd_hours"][0]["topic"] == "Goals" and data["pd_hours_total"] == 1.0
    rows = list(csv.reader(io.StringIO(files["reflections.csv"].decode("utf-8"))))
    assert rows[0] == [
        "created_at",
        "team",
        "prompt_id",
        "prompt",
        "visibility",
        "edited_at",
        "text",
    ]
    assert rows[1][-1] == '\'=HYPERLINK("http://x") wes'  # neutralized, not a formula
    hours = list(csv.reader(io.StringIO(files["pd_hours.csv"].decode("utf-8"))))
    assert hours[0][:5] == ["date", "team", "topic", "minutes", "hours"]
    assert hours[1][2:5] == ["Goals", "60", "1.0"]


def test_csv_cells_that_could_run_as_formulas_are_neutralized() -> None:
    assert [neutralize(v) for v in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "ok", None, True]] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "ok",
        "",
        "yes",
    ]
    body = to_csv("x.csv", ["a"], [["é 🧑🏽‍🏫"]]).content
    assert body.decode("utf-8").splitlines() == ["a", "é 🧑🏽‍🏫"]


async def test_forget_asks_first_then_deletes_my_rows_and_answers_with_a_receipt(
    h: Harness,
) -> None:
    await seeded(h)
    ask = await h.say("vic", "/plc me forget")
    assert "cannot be undone" in reply_text(ask) and ask.reply is not None
    assert h.store.state.reflections  # nothing deleted by asking
    confirm = ask.reply.button_list()[0].action.id
    receipt = reply_text(await h.click("vic", confirm))
    assert "1 reflection" in receipt and "2 check-ins" in receipt and "membership" in receipt
    assert "withdrawn from the channel" in receipt
    state = h.store.state
    assert not any(r.user_id == "vic" for r in state.reflections.values())
    assert not any(c.user_id == "vic" for c in state.checkins.values())
    assert not any(a.user_id == "vic" for a in state.pulse.values())
    assert (h.community.id, "vic") not in state.members
    assert any(r.user_id == "uma" for r in state.reflections.values())
    assert "removed by its author" in h.chat.updates()[-1].text
    report = reply_text(await h.say("fay", "/plc report"))
    assert "Reflections: 3 written" in report


async def test_the_retention_job_deletes_exactly_the_reflections_older_than_the_setting(
    h: Harness,
) -> None:
    await seeded(h)  # reflections at day 0 (3) and day 7 (1)
    job = RetentionJob(uow=h.store.uow, clock=h.clock, default_days=5)
    report = await job.run()
    assert report.reflections_deleted == {h.community.id: 3}
    assert [r.user_id for r in h.store.state.reflections.values()] == ["wes"]
    assert (await job.run()).reflections_deleted == {}


async def test_a_removed_community_is_purged_after_the_grace_period_unless_it_comes_back(
    h: Harness,
) -> None:
    await seeded(h)
    await h.bot.community_removed(h.community)
    job = RetentionJob(uow=h.store.uow, clock=h.clock, default_days=None, removal_grace_days=30)
    h.clock.advance(days=29)
    assert (await job.run()).communities_purged == []
    await h.say("tia", "/plc norms")  # it was reinstalled and used again
    h.clock.advance(days=2)
    assert (await job.run()).communities_purged == []
    await h.bot.community_removed(h.community)
    h.clock.advance(days=30)
    assert (await job.run()).communities_purged == [h.community.id]
    assert h.store.state.teams == {} and h.store.state.reflections == {}


async def test_the_district_export_includes_every_team_and_is_audited(h: Harness) -> None:
    await seeded(h)
    async with h.store.uow() as uow:
        files = {
            f.name: f.content
            for f in await community_export(uow, h.community.id, h.clock.now(), "cli")
        }
        await uow.commit()
    assert b"Uma for facilitators." in files["reflections.csv"]  # the district's own records
    assert b"Tia private text." not in files["reflections.csv"]  # private: the author only
    assert json.loads(files["community.json"])["counts"]["reflections"] == 3
    assert json.loads(files["community.json"])["counts"]["private_reflections"] == 1
    assert [e.what for e in h.store.state.audit] == ["export"]


async def test_the_community_report_is_for_admins_and_covers_every_team(h: Harness) -> None:
    await seeded(h)
    await h.say("ana", "/plc team create Science", channel="C2")
    body = reply_text(await h.say("ana", "/plc report all"))
    assert "Grade 4 Math · stage 2, cycle 1 · 2 sessions" in body and "Science · stage 1" in body
    out = await h.say("fay", "/plc report all")
    assert not out.ok and "Only an admin" in reply_text(out)


async def test_a_long_reflections_listing_keeps_the_newest_within_what_slack_shows(
    h: Harness,
) -> None:
    """Found by the school-year simulation (seeds 1 and 2): after a month, a team's 25
    reflections shared with the facilitators made a listing longer than Slack's 50 blocks, and
    the newest ones were cut off ("Part of this message was left out"), month after month."""
    from adapters.slack.render import SHORTENED, render

    await h.team_with_facilitator()
    for n in range(25):
        h.clock.advance(minutes=60)
        await h.say("fay", "/plc prompt send")  # each answer under a prompt of its own
        await h.say(f"t{n:02d}", f"/plc reflect --facilitators Thought number {n:02d}.")
    listing = await h.say("fay", "/plc reflections")
    shown = render(listing.reply).blocks  # type: ignore[arg-type]
    text = "\n".join(str(b) for b in shown)
    assert "Thought number 24." in text and "Thought number 10." in text
    assert "Thought number 09." not in text and SHORTENED not in text
    assert "The newest 15 of the 25 you can read" in reply_text(listing)
