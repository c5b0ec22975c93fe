"""Library texts in a reply are in the reader's language (issue 16): a teacher who chose Spanish,
in an English team, reads "Check-in hecho: 4 — con ganas de empezar", not the Spanish frame
around the English label (the card in the channel stays English); a facilitator who reads
English gets a Spanish team's report with English stage names."""

from __future__ import annotations

from bot.domain import CycleStage
from tests.harness import LIBRARIES, Harness, reply_text
from tests.spanish import spanish


async def test_a_spanish_speaker_in_an_english_team_checks_in_in_spanish() -> None:
    h = Harness()
    english, spanish_scale = LIBRARIES.get("en").checkin, LIBRARIES.get("es").checkin
    with spanish():
        await h.team_with_facilitator()
        await h.say("fay", "/plc session open Fractions")
        await h.say("maria", "/plc me language es")
        asked = reply_text(await h.say("maria", "/plc checkin"))
        assert spanish_scale.question in asked and english.question not in asked
        answer = reply_text(await h.say("maria", "/plc checkin 4"))
        assert f"Check-in hecho: {spanish_scale.scale[3].label}" in answer
        assert english.scale[3].label not in answer
        card = h.chat.updates()[-1].text
        assert "1 person has checked in." in card and english.question in card


async def test_a_facilitator_who_reads_english_gets_the_report_of_a_spanish_team_in_english() -> (
    None
):
    h = Harness()
    with spanish():
        await h.team_with_facilitator()
        await h.say("ana", "/plc team set language es")
        await h.say("fay", "/plc me language en")
        report = reply_text(await h.say("fay", "/plc report"))
    assert "Report: Grade 4 Math" in report
    assert "Cycle: cycle 1, stage 1 (Analyze student data)" in report
    assert "Analizar" not in report


async def test_the_cycle_and_a_stage_move_name_the_stages_in_the_readers_language() -> None:
    h = Harness()
    with spanish():
        await h.team_with_facilitator()
        await h.say("fay", "/plc me language es")
        shown = reply_text(await h.say("fay", "/plc cycle"))
        assert LIBRARIES.get("es").stage(CycleStage.ANALYZE).name in shown
        assert LIBRARIES.get("en").stage(CycleStage.ANALYZE).name not in shown
        moved = reply_text(await h.say("fay", "/plc stage set goals"))
        assert LIBRARIES.get("es").stage(CycleStage.GOALS).name in moved
        intro = h.chat.posts_to("C1")[-1].text  # the channel's card stays in the team's English
        assert LIBRARIES.get("en").stage(CycleStage.GOALS).name in intro
