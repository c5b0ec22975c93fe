"""A Spanish-speaking team end to end through the real Slack adapter and the wire-level fake
(issue 16): the session card, a check-in by button and by command, a reflection shared with the
team and the facilitator's report all reach Slack in Spanish, in Slack's own Block Kit shapes.
The expected words are read from the shipped catalog and the Spanish prompt library."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.i18n import ngettext, speaking
from platform_fakes.slack.fake_slack import FakeSlack
from tests.harness import LIBRARIES
from tests.slack.conftest import running
from tests.slack.reading import blocks_text, button, buttons, readable
from tests.slack.test_commands import team_with_facilitator
from tests.slack.test_interactions import find
from tests.spanish import checked_in, es_, spanish

SPANISH = LIBRARIES.get("es").checkin


@pytest.fixture(autouse=True)
def es() -> Iterator[None]:
    with spanish():
        yield


def well_formed(blocks: list[dict[str, Any]]) -> None:
    """Slack's Block Kit as Slack requires it: known block types, text objects with a type,
    buttons with an action id and a plain-text label of at most 75 characters."""
    assert blocks and len(blocks) <= 50
    for block in blocks:
        assert block["type"] in {"header", "section", "actions", "context", "divider"}, block
        if "text" in block:
            assert block["text"]["type"] in {"mrkdwn", "plain_text"}
    for b in buttons(blocks):
        assert b["type"] == "button" and b["action_id"]
        assert b["text"]["type"] == "plain_text" and len(b["text"]["text"]) <= 75


async def test_a_spanish_team_opens_checks_in_reflects_and_reports_in_spanish(
    fake: FakeSlack,
) -> None:
    async with running(fake) as r:
        slack = r.slack
        await team_with_facilitator(slack)
        set_to = readable(await slack.reply(await slack.command("UANA", "team set language es")))
        assert "*es*" in set_to  # said in the language the admin was spoken to in

        opened = await slack.reply(await slack.command("UFAY", "session open Fracciones"))
        assert es_("Session opened. The card with norms and check-in is in the channel.") in (
            readable(opened)
        )
        (card,) = await fake.until(lambda: find(fake, es_("Session open")))
        said = readable(blocks_text(card.blocks))
        assert SPANISH.question in said and SPANISH.word_hint in said  # prompts/es/session.toml
        assert es_("Our norms") in said and checked_in(0) in said
        assert "people have checked in" not in said and "Our norms" not in said
        labels = {readable(b["text"]["text"]) for b in buttons(card.blocks)}
        assert {s.label for s in SPANISH.scale} <= labels
        assert es_("Here") in labels
        well_formed(card.blocks)
        assert card.text  # the notification fallback Slack shows outside the channel

        # a teacher checks in by button: a Spanish form opens, the card is updated in place
        ready = SPANISH.scale[3].label  # "4 — con ganas de empezar"
        await slack.click("UTEO", button(card.blocks, ready), ts=card.ts)
        (form,) = await fake.until(lambda: [v for v in fake.views if v["method"] == "views.open"])
        assert form["view"]["title"]["text"] == es_("Add a word")
        assert form["view"]["close"]["text"] == es_("Cancel") == "Cancelar"  # Slack's own button
        assert es_("Checked in: {label}", label=ready) in readable(
            blocks_text(form["view"]["blocks"])
        )
        await fake.until(lambda: checked_in(1) in readable(blocks_text(card.blocks)))
        assert any(call.args.get("ts") == card.ts for call in fake.calls_to("chat.update"))
        well_formed(card.blocks)

        # a second teacher checks in by command, the answer in Spanish; the card counts two
        steady = SPANISH.scale[2].label
        answer = readable(await slack.reply(await slack.command("UMIA", "checkin 3")))
        assert es_("Checked in: {label}", label=f"*{steady}*") in answer
        await fake.until(lambda: checked_in(2) in readable(blocks_text(card.blocks)))
        assert len(find(fake, es_("Session open"))) == 1  # updated, never posted again

        # a reflection shared with the team: the answer and the channel post in Spanish
        shared = readable(
            await slack.reply(await slack.command("UTEO", "reflect --team Adivinaban la mitad."))
        )
        assert shared.startswith(es_("Saved your reflection. Who can read it: {who}.", who="")[:20])
        (post,) = await fake.until(lambda: find(fake, "Adivinaban la mitad."))
        assert es_("{who} shared a reflection", who="").strip() in readable(
            blocks_text(post.blocks)
        )
        well_formed(post.blocks)

        # the facilitator's report
        report = readable(await slack.reply(await slack.command("UFAY", "report")))
        assert es_("Report: {team}", team="Grade 4 Math") in report
        with speaking("es"):
            sessions = ngettext("{n} session", "{n} sessions", 1).format(n=1)
            two_in = ngettext("{n} checked in", "{n} checked in", 2).format(n=2)
        assert sessions in report and two_in in report
        assert "Report:" not in report and "checked in" not in report
    responses = [body for bodies in fake.responses.values() for body in bodies]
    for body in responses:
        if body.get("blocks"):
            well_formed(body["blocks"])
