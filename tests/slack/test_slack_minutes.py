"""A session's agenda, roles and minutes on Slack, at the wire: the agenda form is a modal whose
field error comes back beside the field, the session card shows the agenda and roles, and
closing the session posts the minutes to the channel."""

from __future__ import annotations

from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.conftest import running
from tests.slack.reading import blocks_text, readable
from tests.slack.test_commands import team_with_facilitator


async def test_agenda_form_roles_card_decision_and_minutes_over_slack(fake: FakeSlack) -> None:
    async with running(fake) as r:
        slack = r.slack
        await team_with_facilitator(slack)
        added = await slack.command("UFAY", "agenda add 20 Look at the exit tickets")
        assert "Added item 1 to the next session's agenda" in readable(await slack.reply(added))

        await slack.command("UFAY", "agenda")
        opened = await fake.until(lambda: [v for v in fake.views if v["method"] == "views.open"])
        view = opened[0]["view"]
        assert view["callback_id"] == "plc:agenda:form"
        refused = await slack.submit("UFAY", view, {"minutes": "lots", "text": "Plan"})
        assert refused.status == 200 and refused.body["response_action"] == "errors"
        assert "number" in refused.body["errors"]["minutes"]
        saved = await slack.submit("UFAY", view, {"minutes": "15", "text": "Plan next week"})
        assert saved.status == 200 and saved.body == {"response_action": "clear"}

        await slack.reply(await slack.command("UTEO", "norms"))  # the bot has met Teo
        role = await slack.command("UFAY", "session role note-taker <@UTEO|teo>", as_sent=True)
        assert "note taker of the next session" in readable(await slack.reply(role))
        await slack.reply(await slack.command("UFAY", "session open Fractions"))
        card = await fake.until(
            lambda: [m for m in fake.in_channel("C1") if "Session open" in blocks_text(m.blocks)]
        )
        text = readable(blocks_text(card[0].blocks))
        assert "Look at the exit tickets" in text and "Plan next week" in text
        assert "<@UTEO>" in text and "35 min" in text

        await slack.reply(await slack.command("UTEO", "checkin 4"))
        said = await slack.command("UTEO", "decision Exit ticket every Friday")
        assert "Decision 1 is in the minutes" in readable(await slack.reply(said))
        await slack.reply(await slack.command("UTEO", "reflect --private Teo's own worry"))
        await slack.reply(await slack.command("UFAY", "session close"))
        minutes = await fake.until(
            lambda: [
                m for m in fake.in_channel("C1") if "Minutes: Fractions" in blocks_text(m.blocks)
            ]
        )
        text = readable(blocks_text(minutes[0].blocks))
        assert "Attendance (1)" in text and "<@UTEO>" in text
        assert "Exit ticket every Friday" in text and "Plan next week" in text
        assert "worry" not in text
        again = readable(await slack.reply(await slack.command("UEVE", "minutes last")))
        assert "Exit ticket every Friday" in again
