"""Cycle links (issue 15, item 5), in the console: a facilitator links the goal to a
micro-credential; a teacher collecting for it who saves a reflection in the implement or monitor
stage is offered it for the credential's reflection part; the closing summary counts the
portfolios that grew (never which credential or what evidence)."""

from __future__ import annotations

from bot import actions
from tests.harness import Harness, reply_text

FOR_PART_5 = "Use as evidence for part 5"


def labels(out: object) -> list[str]:
    reply = out.reply  # type: ignore[attr-defined]
    return [b.label for row in reply.buttons for b in row]


async def test_only_a_facilitator_links_and_a_wrong_id_says_which_there_are(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("maria", "/plc goal credential formative-data")
    assert not out.ok and "facilitator" in reply_text(out).lower()
    out = await h.say("fay", "/plc goal credential nope")
    assert not out.ok and "/plc credential list" in reply_text(out)
    out = await h.say("fay", "/plc goal credential formative-data")
    assert out.ok and "Using formative assessment data" in reply_text(out)


async def test_an_implement_reflection_is_offered_for_the_reflection_part(h: Harness) -> None:
    await h.team_with_facilitator()
    assert (await h.say("tia", "/plc credential start formative-data")).ok
    assert (await h.say("fay", "/plc goal credential formative-data")).ok
    before = await h.say("tia", "/plc reflect --private the exit tickets in the learn stage")
    assert FOR_PART_5 not in labels(before)  # not yet: the team is not trying it yet
    assert (await h.say("fay", "/plc stage set 4")).ok  # implement
    saved = await h.say("tia", "/plc reflect --private regrouped after the exit tickets")
    assert FOR_PART_5 in labels(saved) and "Use as evidence" in labels(saved)
    other = await h.say("uma", "/plc reflect --private no portfolio of mine")
    assert FOR_PART_5 not in labels(other)
    mine = max(r.id for r in h.store.state.reflections.values() if r.user_id == "tia")
    assert (await h.click("tia", actions.credential_pick(mine, "formative-data", 5).id)).ok
    status = reply_text(await h.say("tia", "/plc credential status formative-data"))
    assert "regrouped after the exit tickets" in status
    assert (await h.say("fay", "/plc goal credential off")).ok
    after = await h.say("tia", "/plc reflect --private unlinked now")
    assert FOR_PART_5 not in labels(after)


async def test_the_closing_summary_counts_portfolios_that_grew(h: Harness) -> None:
    await h.team_with_facilitator()
    for who in ("tia", "uma"):
        assert (await h.say(who, "/plc commit two number-line talks a week")).ok
        assert (await h.say(who, "/plc credential start formative-data")).ok
    link = "/plc credential add formative-data 3 https://example.org/TIA-LESSON"
    assert (await h.say("tia", link)).ok
    assert (await h.say("fay", "/plc cycle close")).ok
    summary = next(p.text for p in h.chat.posts_to("C1") if "cycle 1 summary" in p.text)
    assert "1 micro-credential portfolio grew during the cycle." in summary
    assert "TIA-LESSON" not in summary and "formative" not in summary.lower()
