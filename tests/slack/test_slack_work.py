"""The team's work on Slack, at the wire: the goal form is a modal whose fields come back
into the record, a new action item is posted with its Done button, and the button closes it
only for a member of that team."""

from __future__ import annotations

import asyncio

from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.conftest import running
from tests.slack.reading import blocks_text, readable
from tests.slack.test_commands import button_rows, team_with_facilitator


async def test_goal_form_action_item_button_and_cycle_summary_over_slack(fake: FakeSlack) -> None:
    async with running(fake) as r:
        slack = r.slack
        await team_with_facilitator(slack)
        need = await slack.command("UFAY", "need set Half cannot place 3/4 evidence: screener")
        assert "Saved the student learning need" in readable(await slack.reply(need))
        await slack.command("UFAY", "goal")
        opened = await fake.until(lambda: [v for v in fake.views if v["method"] == "views.open"])
        view = opened[0]["view"]
        assert view["callback_id"] == "plc:goal:form"
        answers = {"what": "place fractions", "measure": "", "target": "80%", "by": "Dec 18"}
        saved = await slack.submit("UFAY", view, answers)
        assert saved.status == 200
        whisper = await fake.until(lambda: fake.ephemerals)
        assert "*Still missing:* no measure yet" in readable(blocks_text(whisper[-1]["blocks"]))
        await slack.reply(await slack.command("UFAY", "goal set measure: unit exit ticket"))
        await slack.reply(await slack.command("UTEO", "commit Two talks a week"))
        evidence = readable(await slack.reply(await slack.command("UTEO", "evidence 55 better")))
        assert "55%" in evidence and "unit exit ticket" in evidence

        added = await slack.command(
            "UTEO", "action add <@UTEO|teo> share the rubric by 2026-12-01", as_sent=True
        )
        assert "Added action item #" in readable(await slack.reply(added))
        notice = await fake.until(
            lambda: [m for m in fake.in_channel("C1") if "New action item" in blocks_text(m.blocks)]
        )
        assert "<@UTEO>" in blocks_text(notice[0].blocks)
        done = next(
            b for b in button_rows(notice[0].blocks) if b["text"]["text"].startswith("Done")
        )
        seen = {k for k, v in fake.responses.items() if v}
        stranger = await slack.click("UEVE", done, channel="C2")  # a channel of no team of theirs
        assert stranger.status == 200
        refusals = await fake.until(
            lambda: [v[-1] for k, v in fake.responses.items() if v and k not in seen]
        )
        assert "no action item" in readable(blocks_text(refusals[0].get("blocks", [])))
        listing = readable(await slack.reply(await slack.command("UFAY", "action list")))
        assert "share the rubric" in listing  # the stranger's click did nothing
        await slack.click("UTEO", done)
        listing = ""
        for _ in range(50):  # the click is acknowledged first and handled right after
            listing = readable(await slack.reply(await slack.command("UFAY", "action list")))
            if "No open action items" in listing:
                break
            await asyncio.sleep(0.1)
        assert "No open action items" in listing

        closed = readable(await slack.reply(await slack.command("UFAY", "cycle close")))
        assert "Closed cycle 1" in closed
        summary = await fake.until(
            lambda: [m for m in fake.in_channel("C1") if "cycle 1 summary" in blocks_text(m.blocks)]
        )
        text = readable(blocks_text(summary[0].blocks))
        assert "Half cannot place 3/4" in text and "55%" in text
