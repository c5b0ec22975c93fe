"""`/plc me language es|en|auto` (issue 16): the choice is kept, confirmed in the new language,
refused when plcbot does not speak it, and from then on the person's replies, and the reminder
DMs sent to them, are in it, while the team's channel keeps the team's language."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest

from tests.harness import Harness, reply_text
from tests.spanish import spanish
from tests.unit.test_scheduling import chicago

EARLY = '/plc schedule add stage_nudge "mon 3:30"'  # asks: morning or afternoon?


@pytest.fixture(autouse=True)
def es() -> Iterator[None]:
    with spanish("lang"):
        yield


async def test_choosing_spanish_is_kept_and_confirmed_in_spanish(h: Harness) -> None:
    out = await h.say("tom", "/plc me language es")
    assert reply_text(out) == (
        "De ahora en adelante te hablo en español. "
        "Puedes cambiarlo cuando quieras con /plc me language."
    )
    member = h.store.state.members[("console:T1", "tom")]
    assert member.language == "es"


async def test_a_language_plcbot_does_not_speak_is_refused_with_the_ones_it_does(
    h: Harness,
) -> None:
    out = await h.say("tom", "/plc me language fr")
    assert not out.ok
    assert reply_text(out) == "I don't speak “fr” yet. Choose one of en, es, or auto."
    assert ("console:T1", "tom") not in h.store.state.members  # rolled back whole


async def test_a_platform_locale_is_read_as_its_language(h: Harness) -> None:
    out = await h.say("tom", "/plc me language es-419")
    assert out.ok and h.store.state.members[("console:T1", "tom")].language == "es"


async def test_no_language_given_shows_the_usage(h: Harness) -> None:
    out = await h.say("tom", "/plc me language")
    assert "Give one language code, like es or en, or auto." in reply_text(out)
    assert "/plc me language es|en|auto" in reply_text(out)


async def test_after_choosing_spanish_the_persons_replies_are_in_spanish_and_others_in_english(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    assert (await h.say("ana", "/plc me language es")).ok
    ana = reply_text(await h.say("ana", EARLY))
    assert ana.startswith("¿3:30 de la mañana o de la tarde? Escribe “mon 3:30am”")
    await h.say("bo", "/plc checkin 3")
    await h.say("ana", "/plc role grant @bo admin")
    bo = reply_text(await h.say("bo", EARLY))
    assert bo.startswith("3:30 in the morning or the afternoon?")


async def test_auto_goes_back_to_the_locale_then_the_teams_language(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("ana", "/plc me language es")
    out = await h.say("ana", "/plc me language auto")
    assert reply_text(out).startswith("Back to automatic: I'll use your app's language")
    assert "For now that is English." in reply_text(out)
    spanish_app = replace(h.actor("ana"), locale="es-419")
    again = await h.bot.command(spanish_app, "/plc me language auto")
    assert "Por ahora es español." in reply_text(again)
    assert h.store.state.members[("console:T1", "ana")].language is None


async def test_a_platform_locale_answers_before_anything_is_read(h: Harness) -> None:
    """A malformed call is answered before the membership is read: in the platform's locale."""
    spanish_app = replace(h.actor("tom"), locale="es-ES")
    out = await h.bot.command(spanish_app, "/plc me language")
    assert "Indica un código de idioma, como es o en, o auto." in reply_text(out)


async def test_my_export_holds_my_language_choice(h: Harness) -> None:
    await h.say("tom", "/plc me language es")
    await h.say("tom", "/plc me export")
    data = json.loads(h.chat.dms_to("tom")[-1].files["plcbot-export.json"])
    assert data["language"] == "es"
    await h.say("tom", "/plc me language auto")
    await h.say("tom", "/plc me export")
    assert json.loads(h.chat.dms_to("tom")[-1].files["plcbot-export.json"])["language"] == "auto"


async def test_a_reminder_dm_is_in_its_recipients_language_and_the_channel_in_the_teams(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    for user in ("uma", "vic"):
        await h.say(user, "/plc checkin 3")
    await h.say("uma", "/plc me language es")
    await h.say("fay", "/plc prompt send")
    await h.say("ana", '/plc schedule add nonresponder_reminder "daily 16:00" after 24h')
    await h.say("ana", '/plc schedule add norms_reminder "daily 16:00"')
    h.clock.set(chicago("2026-09-15"))
    await h.runner().tick()
    dms = {s.where: s.text for s in h.chat.sent if s.kind == "dm"}
    assert dms["uma"].startswith("Un recordatorio amable de Grade 4 Math")
    assert dms["vic"].startswith("A gentle reminder from Grade 4 Math")
    assert any("Our working norms" in p.text for p in h.chat.posts_to("C1"))


async def test_a_spanish_teams_scheduled_posts_are_in_spanish(h: Harness) -> None:
    await h.team_with_facilitator()
    team = next(iter(h.store.state.teams.values()))
    h.store.state.teams[team.id] = replace(team, language="es")
    await h.say("ana", '/plc schedule add norms_reminder "daily 16:00"')
    await h.say("ana", '/plc schedule add checkin "daily 16:00"')
    h.clock.set(chicago("2026-09-15"))
    await h.runner().tick()
    texts = [p.text for p in h.chat.posts_to("C1")[-2:]]
    assert any(t.startswith("Nuestras normas de trabajo") for t in texts)
    assert any("Registro de llegada: Grade 4 Math" in t for t in texts)


async def test_an_action_items_reminder_is_in_its_owners_language_with_spanish_dates(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    for user in ("jon", "tia"):
        await h.say(user, "/plc checkin 3")
    await h.say("jon", "/plc me language es")
    await h.say("fay", "/plc action add @jon share the rubric by 2026-09-15")
    await h.say("fay", "/plc action add @tia bring tickets by 2026-09-15")
    await h.runner().tick()  # Monday 10:00 in Chicago: due tomorrow
    (jon,) = h.chat.dms_to("jon")
    (tia,) = h.chat.dms_to("tia")
    assert jon.text.startswith("Un recordatorio de Grade 4 Math: tu tarea #")
    assert "vence mañana." in jon.text
    assert "Vence el martes, 15 de septiembre." in jon.text
    assert "Due Tuesday 15 September." in tia.text and "is due tomorrow" in tia.text


async def test_the_home_page_is_in_the_persons_own_language(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("tom", "/plc reflect --team The exit tickets surprised me.")
    english = (await h.bot.home(h.actor("tom", None))).plain_text()
    await h.say("tom", "/plc me language es")
    spanish_home = (await h.bot.home(h.actor("tom", None))).plain_text()
    assert "14 Sep" in english
    assert "14 sept" in spanish_home and "14 Sep" not in spanish_home
