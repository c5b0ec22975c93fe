"""Every `/plc` command through the real Slack adapter, in HTTP mode (signed requests) and in
Socket Mode (envelopes over the websocket), against the wire-level fake Slack."""

from __future__ import annotations

import aiohttp
import pytest

from bot.commands.grammar import COMMANDS
from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.conftest import running
from tests.slack.driver import BOUNDED, Slack
from tests.slack.reading import blocks_text, readable

MODES = ["http", "socket"]


async def team_with_facilitator(slack: Slack) -> None:
    """UANA makes C1 a team (and becomes admin); UFAY becomes its facilitator."""
    assert "Grade 4 Math" in readable(
        await slack.reply(await slack.command("UANA", 'team create "Grade 4 Math" America/Chicago'))
    )
    await slack.reply(await slack.command("UFAY", "norms"))  # roles go to people the bot has met
    granted = await slack.command("UANA", "role grant <@UFAY|fay> facilitator", as_sent=True)
    assert "facilitator" in readable(await slack.reply(granted))


def posts(fake: FakeSlack, channel: str = "C1") -> list[str]:
    return [readable(blocks_text(m.blocks)) for m in fake.in_channel(channel)]


@pytest.mark.parametrize("mode", MODES)
async def test_a_team_works_through_its_whole_cycle_from_slack(fake: FakeSlack, mode: str) -> None:
    async with running(fake, mode=mode) as r:
        slack = r.slack
        await team_with_facilitator(slack)
        # the new facilitator hears about it in a DM: conversations.open, then a post there
        await fake.until(lambda: fake.in_channel("DUFAY"))
        assert fake.calls_to("conversations.open")[0].args["users"] == "UFAY"

        # a session: the card is posted with its buttons; a check-in updates the card in place
        opened = await slack.reply(
            await slack.command("UFAY", "session open Fractions on a number line")
        )
        assert "Session opened" in readable(opened)
        card = await fake.until(
            lambda: [m for m in fake.in_channel("C1") if "Session open" in blocks_text(m.blocks)]
        )
        assert {b["text"]["text"] for b in button_rows(card[0].blocks)} >= {"Reflect"}
        checked = await slack.reply(await slack.command("UTEO", "checkin 4 curious"))
        assert "Checked in" in readable(checked)
        await fake.until(lambda: card[0].history)
        assert "1 person has checked in" in readable(blocks_text(card[0].blocks))

        # reflections, shared with the team: a post whose quote is the teacher's own words
        shared = await slack.reply(
            await slack.command(
                "UTEO", "reflect --team The exit tickets showed me *who* was guessing."
            )
        )
        assert "whole team" in readable(shared)
        quote = await fake.until(
            lambda: [
                m for m in fake.in_channel("C1") if "shared a reflection" in blocks_text(m.blocks)
            ]
        )
        assert "The exit tickets showed me *who* was guessing." in readable(
            blocks_text(quote[0].blocks)
        )

        # norms: show, add, remove, reset
        assert (
            "confidentiality"
            in readable(await slack.reply(await slack.command("UTEO", "norms"))).lower()
        )
        assert "Assume good intent." in readable(
            await slack.reply(await slack.command("UFAY", "norms add Assume good intent."))
        )
        shown = readable(await slack.reply(await slack.command("UTEO", "norms")))
        assert "Assume good intent." in shown
        assert "Removed" in readable(
            await slack.reply(await slack.command("UFAY", "norms remove 1"))
        )
        assert (
            "default"
            in readable(await slack.reply(await slack.command("UFAY", "norms reset"))).lower()
        )

        # the cycle: show, next, set
        assert "Analyze student data" in readable(
            await slack.reply(await slack.command("UTEO", "cycle"))
        )
        await slack.reply(await slack.command("UFAY", "stage next"))
        await slack.reply(await slack.command("UFAY", "stage set implement"))
        cycle = readable(await slack.reply(await slack.command("UTEO", "cycle")))
        assert "*4. Try it in the classroom*  ← you are here" in cycle

        # a prompt, sent now, lands in the channel with its Reflect button
        sent = readable(await slack.reply(await slack.command("UFAY", "prompt send")))
        assert "Sent this prompt to the team: “" in sent
        await fake.until(
            lambda: [
                m for m in fake.in_channel("C1") if "Reflection prompt" in blocks_text(m.blocks)
            ]
        )

        # closing: a private summary, then the closing prompt and the pulse card in the channel
        summary = readable(await slack.reply(await slack.command("UFAY", "session close")))
        assert "Session closed" in summary and "checked in" in summary
        await fake.until(
            lambda: [
                m for m in fake.in_channel("C1") if "two quick questions" in blocks_text(m.blocks)
            ]
        )
        await fake.until(lambda: "closed" in readable(blocks_text(card[0].blocks)))

        # the facilitator's report, a teacher's own streak and reminders
        report = readable(await slack.reply(await slack.command("UFAY", "report")))
        assert "Report: Grade 4 Math" in report and "arrival 4.0" in report
        since = readable(await slack.reply(await slack.command("UFAY", "report since 2026-09-01")))
        assert "Report: Grade 4 Math" in since
        assert "1 week in a row" in readable(
            await slack.reply(await slack.command("UTEO", "me streak"))
        )
        assert (
            "off"
            in readable(await slack.reply(await slack.command("UTEO", "me reminders off"))).lower()
        )

        # the admin's settings and roles
        assert "America/Denver" in readable(
            await slack.reply(await slack.command("UANA", "team set tz America/Denver"))
        )
        assert readable(await slack.reply(await slack.command("UANA", "team set language en")))
        revoked = await slack.command("UANA", "role revoke <@UFAY|fay> facilitator", as_sent=True)
        assert "no longer a facilitator" in readable(await slack.reply(revoked))
        refused = readable(await slack.reply(await slack.command("UFAY", "session open Again")))
        assert "Only a facilitator" in refused

        # nothing the app sent broke a Slack rule
        assert [c for c in fake.calls if not c.ok] == []


def button_rows(blocks: list[dict]) -> list[dict]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


@pytest.mark.parametrize("spec", COMMANDS, ids=lambda s: s.name)
async def test_every_command_in_the_grammar_answers_its_example_in_slack(
    fake: FakeSlack, spec
) -> None:
    async with running(fake) as r:
        await team_with_facilitator(r.slack)
        await r.slack.reply(await r.slack.command("UFAY", "prompt send"))
        user = "UANA"
        ack = await r.slack.command(user, spec.example_line)
        assert ack.status == 200
        if spec.name == "reflect" and "--" not in spec.example:
            return
        if spec.name in ("goal", "agenda"):  # the goal and agenda item forms open as modals
            opened = await fake.until(
                lambda: [v for v in fake.views if v["method"] == "views.open"]
            )
            assert opened[0]["view"]["callback_id"] == f"plc:{spec.name}:form"
            return
        answer = readable(await r.slack.reply(ack)) if ack.text or not fake.views else ""
        opened_form = any(v["method"] == "views.open" for v in fake.views)
        assert answer or opened_form
        assert "I don't know the command" not in answer
        assert "Something went wrong on my side" not in answer
        assert [c for c in fake.calls if not c.ok] == []


async def test_reflect_without_text_opens_the_modal_and_saving_it_records_the_reflection(
    fake: FakeSlack,
) -> None:
    async with running(fake) as r:
        slack = r.slack
        await team_with_facilitator(slack)
        await slack.reply(await slack.command("UFAY", "prompt send"))
        ack = await slack.command("UTEO", "reflect")
        assert ack.status == 200 and ack.body is None  # the ack is empty: a modal opens instead
        opened = await fake.until(lambda: [v for v in fake.views if v["method"] == "views.open"])
        view = opened[0]["view"]
        assert view["callback_id"].startswith("plc:reflect:")
        text_input = next(b for b in view["blocks"] if b.get("block_id") == "text")["element"]
        assert text_input["multiline"] and text_input["max_length"] == 3000

        saved = await slack.submit(
            "UTEO", view, {"text": "Wait time & <b>silence</b> helped.", "visibility": "team"}
        )
        assert saved.status == 200 and saved.body == {"response_action": "clear"}
        whisper = await fake.until(lambda: fake.ephemerals)
        assert whisper[0]["user"] == "UTEO" and whisper[0]["channel"] == "C1"
        assert "Saved your reflection" in readable(blocks_text(whisper[0]["blocks"]))
        shared = await fake.until(
            lambda: [
                m for m in fake.in_channel("C1") if "shared a reflection" in blocks_text(m.blocks)
            ]
        )
        assert "Wait time &amp; &lt;b&gt;silence&lt;/b&gt; helped." in blocks_text(shared[0].blocks)


async def test_an_empty_modal_submission_keeps_the_modal_open_with_the_reason_at_the_field(
    fake: FakeSlack,
) -> None:
    async with running(fake) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UTEO", "reflect")
        opened = await fake.until(lambda: fake.views)
        refused = await r.slack.submit(
            "UTEO", opened[0]["view"], {"text": "   ", "visibility": "private"}
        )
        assert refused.body["response_action"] == "errors"
        assert "empty" in refused.body["errors"]["text"]


@pytest.mark.parametrize("mode", MODES)
async def test_the_health_check_answers_ok_and_socket_mode_serves_no_events_url(
    fake: FakeSlack, mode: str
) -> None:
    async with running(fake, mode=mode) as r, aiohttp.ClientSession(timeout=BOUNDED) as http:
        async with http.get(f"{r.slack.app_url}/healthz") as health:
            assert (health.status, await health.text()) == (200, "ok")
        async with http.post(f"{r.slack.app_url}/slack/events", data="{}") as events:
            assert events.status == (401 if mode == "http" else 404)  # unsigned; or not served
