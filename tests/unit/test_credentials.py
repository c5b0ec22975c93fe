"""Micro-credential portfolios through the door: a teacher starts one, adds answers, links,
files and their own reflections to its parts, sees what is missing and the words against the
guidance; likely names are held until confirmed; a portfolio is private unless shared with one
reviewer, who may comment; counts are all anyone else sees."""

from __future__ import annotations

from bot import actions
from bot.commands import credential_intents as cr
from bot.credentials import FILE_LIMIT
from tests.harness import Harness, reply_text

SIXTY_WORDS = " ".join(["the class sorted exit tickets into three groups by understanding"] * 6)


async def started(h: Harness, who: str = "tia") -> None:
    await h.team_with_facilitator()
    out = await h.say(who, "/plc credential start formative-data")
    assert out.ok, reply_text(out)


async def test_starting_shows_the_parts_in_the_issuer_s_order_and_the_names_reminder(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    text = reply_text(await h.say("tia", "/plc credential start formative-data"))
    first, last = text.index("1. The class and the learning goal"), text.index("5. Reflection")
    assert first < text.index("2. The formative check") < last
    assert "must not name students or colleagues" in text
    again = reply_text(await h.say("tia", "/plc credential start formative-data"))
    assert "You started this one already" in again
    assert len(h.store.state.portfolios) == 1


async def test_an_unknown_credential_is_refused_with_the_ids_there_are(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("tia", "/plc credential start badges")
    assert not out.ok and "formative-data, inquiry-cycle, responsive-feedback" in reply_text(out)


async def test_status_shows_each_part_what_is_missing_and_words_against_the_guidance(
    h: Harness,
) -> None:
    await started(h)
    await h.say("tia", f"/plc credential add formative-data 1 {SIXTY_WORDS}")
    await h.say("tia", "/plc credential add formative-data 2 https://example.org/exit-ticket")
    text = reply_text(await h.say("tia", "/plc credential status formative-data"))
    assert "2 of 5 parts have evidence" in text
    assert "60 words (150–300 asked) — too few" in text
    assert "link https://example.org/exit-ticket" in text
    assert "Still missing: parts 3, 4, 5." in text
    assert "Private: only you see it" in text


async def test_a_likely_name_holds_the_evidence_until_the_teacher_confirms_it(
    h: Harness,
) -> None:
    await started(h)
    out = await h.say("tia", "/plc credential add formative-data 1 Then I moved Maria to group B.")
    assert out.ok and "Maria" in reply_text(out) and "must not name" in reply_text(out)
    (held,) = h.store.state.evidence.values()
    assert not held.confirmed
    assert "waiting for you to confirm" in reply_text(
        await h.say("tia", "/plc credential status formative-data")
    )
    assert not (await h.click("uma", actions.credential_keep(held.id).id)).ok  # not hers
    kept = await h.click("tia", actions.credential_keep(held.id).id)
    assert kept.ok and "Added to part 1" in reply_text(kept)
    assert h.store.state.evidence[held.id].confirmed


async def test_removing_flagged_evidence_lets_the_teacher_edit_it(h: Harness) -> None:
    await started(h)
    await h.say("tia", "/plc credential add formative-data 1 Then I moved Maria to group B.")
    (held,) = h.store.state.evidence.values()
    out = await h.click("tia", actions.credential_drop(held.id).id)
    assert "/plc credential add formative-data 1" in reply_text(out)
    assert h.store.state.evidence == {}


async def test_a_reflection_is_used_as_evidence_by_its_button_and_only_by_its_author(
    h: Harness,
) -> None:
    await started(h)
    saved = await h.say("tia", "/plc reflect --private the regrouping worked for most students")
    (r,) = h.store.state.reflections.values()
    button = actions.credential_use(r.id).id
    assert button in [b.action.id for b in saved.reply.button_list()]  # type: ignore[union-attr]
    assert not (await h.click("uma", button)).ok
    chooser = await h.click("tia", button)
    pick = actions.credential_pick(r.id, "formative-data", 5).id
    assert pick in [b.action.id for b in chooser.reply.button_list()]  # type: ignore[union-attr]
    assert "Added to part 5" in reply_text(await h.click("tia", pick))
    assert "reflection #" in reply_text(await h.say("tia", "/plc credential status formative-data"))
    again = await h.say("tia", f"/plc credential use formative-data 5 {r.id}")
    assert not again.ok and "already evidence" in reply_text(again)


async def test_someone_else_s_reflection_cannot_be_used(h: Harness) -> None:
    await started(h)
    await h.say("uma", "/plc reflect --private mine")
    (r,) = h.store.state.reflections.values()
    out = await h.say("tia", f"/plc credential use formative-data 5 {r.id}")
    assert not out.ok and h.store.state.evidence == {}


async def test_a_file_is_kept_with_its_name_type_and_size_and_a_larger_one_refused(
    h: Harness,
) -> None:
    await started(h)
    actor = h.actor("tia")
    png = b"\x89PNG" + bytes(2000)
    ok = await h.bot.handle(
        actor, cr.CredentialFile("formative-data", 2, "ticket.png", "image/png", png)
    )
    assert ok.ok, reply_text(ok)
    (e,) = h.store.state.evidence.values()
    assert (e.file_name, e.file_type, e.file_size, e.content) == (
        "ticket.png",
        "image/png",
        2004,
        png,
    )
    big = cr.CredentialFile("formative-data", 3, "video.mp4", "video/mp4", bytes(FILE_LIMIT + 1))
    out = await h.bot.handle(actor, big)
    assert not out.ok and "at most 10 MB" in reply_text(out)


async def test_a_portfolio_is_private_until_shared_and_the_reviewer_comments_per_part(
    h: Harness,
) -> None:
    await started(h)
    await h.say("tia", f"/plc credential add formative-data 1 {SIXTY_WORDS}")
    peek = await h.say("fay", "/plc credential review @tia formative-data")
    assert not peek.ok and SIXTY_WORDS[:30] not in reply_text(peek)
    not_a_coach = await h.say("tia", "/plc credential share formative-data @uma")
    assert not not_a_coach.ok and h.store.state.portfolios
    shared = await h.say("tia", "/plc credential share formative-data @fay")
    assert shared.ok and "review @teacher formative-data" in h.chat.dms_to("fay")[-1].text
    assert SIXTY_WORDS[:30] in reply_text(
        await h.say("fay", "/plc credential review @tia formative-data")
    )
    out = await h.say("fay", "/plc credential comment @tia formative-data 1 Name the standard.")
    assert out.ok and "Name the standard." in h.chat.dms_to("tia")[-1].text
    assert "Comment from @fay: Name the standard." in reply_text(
        await h.say("tia", "/plc credential status formative-data")
    )
    await h.say("tia", "/plc credential share formative-data off")
    assert not (await h.say("fay", "/plc credential review @tia formative-data")).ok


async def test_the_list_shows_counts_of_teachers_and_never_who(h: Harness) -> None:
    await started(h)
    await h.say("uma", "/plc credential start formative-data")
    text = reply_text(await h.say("fay", "/plc credential list"))
    assert "2 teachers here working on it" in text
    assert "@tia" not in text and "@uma" not in text


async def test_a_part_that_does_not_exist_is_named(h: Harness) -> None:
    await started(h)
    out = await h.say("tia", "/plc credential add formative-data 9 something")
    assert not out.ok and "parts 1 to 5" in reply_text(out)
    bad = await h.say("tia", "/plc credential add formative-data two something")
    assert not bad.ok and "part's number" in reply_text(bad)
