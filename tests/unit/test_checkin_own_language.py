"""Library texts in a reply are in the reader's language (issue 16): a teacher who chose Spanish,
in an English team, reads "Check-in hecho: 4 — con ganas de empezar", not the Spanish frame
around the English label (the card in the channel stays English); a facilitator who reads
English gets a Spanish team's report with English stage names."""

from __future__ import annotations

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
