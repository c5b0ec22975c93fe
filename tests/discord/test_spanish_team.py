"""A Spanish-speaking team end to end through the real discord.py client and the fake Discord
(issue 16): with the team's language set to Spanish, the session card, a check-in by button
and by command, a reflection shared with the team and the facilitator's report reach Discord
in Spanish. Private answers follow each person (their `/plc me language`, then their Discord
app's locale): a Spanish app is answered in Spanish, an English one in English, while the
channel's card stays in the team's Spanish. The expected words are read from the shipped catalog and the Spanish prompt library."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.i18n import ngettext, speaking
from tests.discord.conftest import LIBRARIES, School, button, buttons_of
from tests.spanish import checked_in, es_, spanish

SPANISH = LIBRARIES.get("es").checkin


@pytest.fixture(autouse=True)
def es() -> Iterator[None]:
    with spanish():
        yield


async def test_a_spanish_team_opens_checks_in_reflects_and_reports_in_spanish(
    school: School,
) -> None:
    fake, channel = school.fake, school.channel
    await school.say(school.ana, "plc team set-language", language="es")

    opened = await school.say(school.fay, "plc session open", locale="es-419", topic="Fracciones")
    assert opened.ephemeral
    assert es_("Session opened. The card with norms and check-in is in the channel.") in (
        opened.plain
    )
    (card,) = [m for m in fake.posts_in(channel) if es_("Session open") in m["content"]]
    content = card["content"]
    assert SPANISH.question in content and es_("Our norms") in content
    assert checked_in(0) in content and "checked in" not in content
    labels = [b.get("label", "") for b in buttons_of(card)]
    assert [s.label for s in SPANISH.scale] == labels[:5]  # the Spanish scale, in order
    assert es_("Here") in labels
    assert all(b["type"] == 2 and 0 < len(b["label"]) <= 80 for b in buttons_of(card))
    assert all(row["type"] == 1 and len(row["components"]) <= 5 for row in card["components"])
    assert len(content) <= 2000

    # tom, who chose Spanish, checks in by button: the form is in Spanish, the card is edited
    await school.say(school.tom, "plc me language", language="es")
    ready = SPANISH.scale[3].label
    clicked = await school.click(school.tom, card, button(card, "4"))
    assert clicked.modal is not None and clicked.modal["title"] == es_("Add a word")
    assert es_("Checked in: {label}", label=ready) in str(clicked.modal)
    assert checked_in(1) in fake.messages[int(card["id"])]["content"]

    # ana, from an English Discord app, checks in by command: answered in English, while the
    # card in the channel counts two in Spanish
    answered = await school.say(school.ana, "plc checkin", score=3)
    assert answered.ephemeral and "Checked in: 3 — steady" in answered.plain, answered.plain
    assert checked_in(2) in fake.messages[int(card["id"])]["content"]
    edits = fake.calls_to("PATCH", rf"/channels/{channel}/messages/{card['id']}")
    assert len(edits) == 2
    assert len([m for m in fake.posts_in(channel) if es_("Session open") in m["content"]]) == 1

    # tom shares a reflection with the team: his answer and the channel's post are in Spanish
    shared = await school.say(
        school.tom, "plc reflect", text="Adivinaban la mitad.", visibility="team"
    )
    assert es_("Saved your reflection. Who can read it: {who}.", who="")[:20] in shared.plain
    (post,) = [m for m in fake.posts_in(channel) if "Adivinaban la mitad." in m["content"]]
    assert es_("{who} shared a reflection", who="").strip() in post["content"]

    # fay's report
    report = (await school.say(school.fay, "plc report", locale="es-419")).plain
    assert es_("Report: {team}", team="Grade 4 Math") in report
    with speaking("es"):
        assert ngettext("{n} session", "{n} sessions", 1).format(n=1) in report
        assert ngettext("{n} checked in", "{n} checked in", 2).format(n=2) in report
    assert "Report:" not in report and "checked in" not in report
