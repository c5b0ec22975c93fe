"""Counted sentences for 0, 1 and 2 in English and Spanish (issue 16), read where people read
them: the session card's check-in count as it is posted and updated in the channel, the
facilitator's report (sessions, check-ins per session, reflections written) and a teacher's
streak. The expected sentences are written out here, so a wrong plural form in the catalog
(Spanish says "0 personas", plural, like English "0 people") fails this test."""

from __future__ import annotations

import pytest

from tests.harness import Harness, reply_text
from tests.spanish import spanish

SAID = {
    "en": {
        "card": [
            "0 people have checked in.",
            "1 person has checked in.",
            "2 people have checked in.",
        ],
        "sessions": ["0 sessions · ", "1 session · ", "2 sessions · "],
        "checked in": [" · 0 checked in", " · 1 checked in,", " · 2 checked in,"],
        "written": ["Reflections: 0 written", "Reflections: 1 written", "Reflections: 2 written"],
        "in all": ["(1 reflection in all)", "(2 reflections in all)"],
    },
    "es": {
        "card": [
            "0 personas hicieron check-in.",
            "1 persona hizo check-in.",
            "2 personas hicieron check-in.",
        ],
        "sessions": ["0 sesiones · ", "1 sesión · ", "2 sesiones · "],
        "checked in": [" · 0 hicieron check-in", " · 1 hizo check-in,", " · 2 hicieron check-in,"],
        "written": ["Reflexiones: 0 escritas", "Reflexiones: 1 escrita", "Reflexiones: 2 escritas"],
        "in all": ["(1 reflexión en total)", "(2 reflexiones en total)"],
    },
}


def card_now(h: Harness) -> str:
    """The newest session card in the channel, as its latest update left it."""
    (post,) = [s for s in h.chat.posts_to("C1") if "Fractions" in s.text and "·" in s.text][-1:]
    updates = [s for s in h.chat.updates() if s.ref == post.ref]
    return (updates[-1] if updates else post).text


@pytest.mark.parametrize("language", ["en", "es"])
async def test_counts_of_zero_one_and_two_are_said_in_each_language(language: str) -> None:
    said = SAID[language]
    h = Harness()
    with spanish():
        await h.team_with_facilitator()
        if language == "es":
            await h.say("ana", "/plc team set language es")

        async def report() -> str:
            return reply_text(await h.say("fay", "/plc report"))

        none_yet = await report()
        assert said["sessions"][0] in none_yet and said["written"][0] in none_yet

        await h.say("fay", "/plc session open Fractions")
        assert said["card"][0] in card_now(h)
        await h.say("maria", "/plc checkin 4")
        assert said["card"][1] in card_now(h)
        await h.say("jon", "/plc checkin 2")
        assert said["card"][2] in card_now(h)
        await h.say("maria", "/plc reflect --team The warm-up ran long.")
        assert said["in all"][0] in reply_text(await h.say("maria", "/plc me streak"))
        await h.say("fay", "/plc session close")
        one = await report()
        assert said["sessions"][1] in one and said["checked in"][2] in one
        assert said["written"][1] in one

        await h.say("maria", "/plc reflect --private Next time, fewer slides.")
        assert said["in all"][1] in reply_text(await h.say("maria", "/plc me streak"))
        await h.say("fay", "/plc session open Fractions again")
        await h.say("jon", "/plc checkin 3")
        await h.say("fay", "/plc session close")
        two = await report()
        assert said["sessions"][2] in two and said["written"][2] in two
        assert said["checked in"][1] in two and said["checked in"][2] in two

        await h.say("fay", "/plc session open Fractions once more")
        assert said["card"][0] in card_now(h)
        assert said["checked in"][0] in await report()
