"""The submission package: a ZIP by direct message with a printable index.html (parts numbered
in the issuer's order), the artifacts, and evidence.json in the Open Badges 3.0 Evidence shape
with its achievement, labelled self-collected and unsigned; nothing of another teacher's. `me
export` carries the packages and `me forget` deletes the portfolios."""

from __future__ import annotations

import io
import json
import re
import zipfile

from bot import actions
from bot.commands import credential_intents as cr
from tests.harness import Harness, reply_text

OB3_EVIDENCE_FIELDS = {"id", "type", "name", "description", "narrative", "genre", "audience"}
PNG = b"\x89PNG\r\n" + bytes(100)


def opened(h: Harness, user: str, name: str) -> zipfile.ZipFile:
    (sent,) = [s for s in h.chat.dms_to(user) if name in (s.files or {})]
    return zipfile.ZipFile(io.BytesIO(sent.files[name]))


async def two_teachers_collecting(h: Harness) -> None:
    await h.team_with_facilitator()
    for who, words in (("tia", "our fractions unit"), ("uma", "UMA-SECRET decimals unit")):
        await h.say(who, "/plc credential start formative-data")
        await h.say(who, f"/plc credential add formative-data 1 Grade 4, {words}.")
        await h.say(who, f"/plc reflect --private what I saw in {words}")
        mine = max(r.id for r in h.store.state.reflections.values() if r.user_id == who)
        await h.click(who, actions.credential_pick(mine, "formative-data", 5).id)
    await h.say("uma", "/plc credential add formative-data 4 https://example.org/uma-only")
    await h.bot.handle(
        h.actor("tia"), cr.CredentialFile("formative-data", 2, "exit ticket.png", "image/png", PNG)
    )
    await h.say("tia", "/plc credential add formative-data 3 https://example.org/lesson")


async def test_the_package_keeps_the_issuer_s_order_and_the_evidence_shape(h: Harness) -> None:
    await two_teachers_collecting(h)
    out = await h.say("tia", "/plc credential export formative-data")
    assert out.ok and "direct message" in reply_text(out)
    z = opened(h, "tia", "micro-credential-formative-data.zip")
    assert set(z.namelist()) == {"index.html", "evidence.json", "artifacts/02-exit-ticket.png"}
    assert z.read("artifacts/02-exit-ticket.png") == PNG
    html = z.read("index.html").decode()
    numbers = [int(n) for n in re.findall(r'<section class="part" id="part-(\d+)"', html)]
    assert numbers == [1, 2, 3, 4, 5]
    titles = re.findall(r"<h2>\d+\. ([^<]+)</h2>", html)
    assert (
        titles[0] == "The class and the learning goal" and titles[-1] == "Reflection on the impact"
    )
    assert "our fractions unit" in html and "self-collected" in html.lower()
    data = json.loads(z.read("evidence.json"))
    assert data["selfCollected"] is True and data["signed"] is False and "unsigned" in data["label"]
    assert data["achievement"]["name"] == "Using formative assessment data to adjust instruction"
    assert data["achievement"]["criteria"]["narrative"]
    assert {"id", "type", "name", "criteria"} <= set(data["achievement"])
    evidence = data["evidence"]
    assert [e["name"].split(":")[0] for e in evidence] == ["Part 1", "Part 2", "Part 3", "Part 5"]
    for e in evidence:
        assert set(e) == OB3_EVIDENCE_FIELDS and e["type"] == ["Evidence"]
    assert evidence[1]["id"] == "artifacts/02-exit-ticket.png"
    assert evidence[2]["id"] == "https://example.org/lesson"
    assert evidence[3]["genre"] == "Reflection" and "our fractions unit" in evidence[3]["narrative"]


async def test_no_other_teacher_s_data_is_in_the_package(h: Harness) -> None:
    await two_teachers_collecting(h)
    await h.say("tia", "/plc credential export formative-data")
    z = opened(h, "tia", "micro-credential-formative-data.zip")
    everything = b"".join(z.read(name) for name in z.namelist())
    assert b"UMA-SECRET" not in everything and b"uma-only" not in everything
    assert b"uma" not in everything.lower()


async def test_exporting_before_starting_says_how_to_start(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("tia", "/plc credential export inquiry-cycle")
    assert not out.ok and "/plc credential start inquiry-cycle" in reply_text(out)


async def test_me_export_carries_the_packages_and_me_forget_deletes_the_portfolios(
    h: Harness,
) -> None:
    await two_teachers_collecting(h)
    await h.say("tia", "/plc me export")
    z = opened(h, "tia", "micro-credential-formative-data.zip")
    assert "our fractions unit" in z.read("index.html").decode()
    out = await h.say("tia", "/plc me forget")
    await h.click("tia", out.reply.button_list()[0].action.id)  # type: ignore[union-attr]
    state = h.store.state
    assert {p.user_id for p in state.portfolios.values()} == {"uma"}
    assert {e.user_id for e in state.evidence.values()} == {"uma"}
