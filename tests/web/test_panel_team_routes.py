"""A team's page of work (stage and cycle history, norms, sessions) and a teacher's own pages
(PD-hours log, data download, forget) over HTTP on 127.0.0.1 against real storage: who may,
what it shows, and that every change is chat's own."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from adapters.web.session import SESSION_SECONDS
from tests.web.conftest import Browser, Site, session_cookie

TEAM_PAGE = "/teams/C1/work"
ME_PAGES = ["/me/pd-hours", "/me/export.zip", "/me/forget"]
NORM_FORMS = {
    "/teams/C1/norms/add": {"text": "Phones away."},
    "/teams/C1/norms/edit": {"number": "1", "text": "Start on time."},
    "/teams/C1/norms/remove": {"number": "1"},
}


async def _norms(site: Site) -> tuple[str, ...] | None:
    async with site.t1.bot._uow() as uow:
        team = await uow.teams.by_channel("console:T1", "C1")
        assert team is not None
        return team.norms


@pytest.mark.parametrize("path", [TEAM_PAGE, *ME_PAGES])
async def test_signed_out_visitors_are_sent_to_sign_in(browser: Browser, path: str) -> None:
    status, _, r = await browser.get(path)
    assert status == 303 and r.headers["Location"] == "/signin"


@pytest.mark.parametrize("path", [TEAM_PAGE, *ME_PAGES])
async def test_an_expired_session_is_signed_out(site: Site, browser: Browser, path: str) -> None:
    await browser.sign_in("fay")
    site.clock.t += SESSION_SECONDS + 1
    status, _, r = await browser.get(path)
    assert status == 303 and r.headers["Location"] == "/signin"


async def test_a_facilitator_sees_the_stage_history_norms_and_sessions(
    site: Site, browser: Browser
) -> None:
    assert (await site.t1.say("fay", "/plc stage next")).ok
    await browser.sign_in("fay")
    status, body, _ = await browser.get(TEAM_PAGE)
    assert status == 200 and "<h1>Grade 4 Math: cycle, norms and sessions</h1>" in body
    assert "Cycle 1, stage: <strong>Set learning goals</strong>" in body
    history = re.findall(r"<tr><td>[\d: -]+</td><td>1</td><td>([\w ]+)</td><td>(\w+)</td>", body)
    assert history == [("Set learning goals", "fay"), ("Analyze student data", "ana")]
    assert "These are the default norms" in body and 'id="norm-1"' in body
    assert re.search(r"<td>still open</td><td>Fractions</td><td>1</td>", body)


@pytest.mark.parametrize("user", ["maria", "gus"])
async def test_a_teacher_or_another_teams_facilitator_sees_and_edits_no_norms(
    site: Site, browser: Browser, user: str
) -> None:
    await browser.sign_in(user)
    status, body, _ = await browser.get(TEAM_PAGE)
    assert status == 403 and "Only a facilitator of this team" in body
    for path, data in NORM_FORMS.items():
        status, body, _ = await browser.post(path, data)
        assert status == 403 and "Only a facilitator of this team" in body, path
    assert await _norms(site) is None


async def test_an_admin_of_another_community_edits_no_norms(site: Site, browser: Browser) -> None:
    browser.http.cookie_jar.update_cookies(
        {"plcbot_panel": session_cookie(site, "console:T2", "zed")}, site.server.make_url("/")
    )
    status, _, _ = await browser.get(TEAM_PAGE)
    assert status == 403
    for path, data in NORM_FORMS.items():
        status, _, _ = await browser.post(path, data)
        assert status == 403, path
    assert await _norms(site) is None


async def test_a_wrong_csrf_token_changes_no_norm(site: Site, browser: Browser) -> None:
    await browser.sign_in("fay")
    for path, data in NORM_FORMS.items():
        status, body, _ = await browser.post(path, data, csrf="forged")
        assert status == 403 and "out of date" in body, path
    assert await _norms(site) is None


async def test_a_facilitator_edits_the_norms_with_chats_rules_and_the_channel_is_told(
    site: Site, browser: Browser
) -> None:
    await browser.sign_in("fay")
    status, body, _ = await browser.post("/teams/C1/norms/add", {"text": "Phones away."})
    assert status == 200 and "Added norm" in body and 'value="Phones away."' in body
    status, body, _ = await browser.post(
        "/teams/C1/norms/edit", {"number": "1", "text": "Start on time."}
    )
    assert status == 200 and 'id="norm-1" name="text" value="Start on time."' in body
    status, body, _ = await browser.post("/teams/C1/norms/add", {"text": "  "})
    assert status == 422 and 'id="add-text-error"' in body and "Write the norm" in body
    status, body, _ = await browser.post("/teams/C1/norms/edit", {"number": "2", "text": " "})
    assert status == 422 and 'aria-describedby="norm-2-error"' in body
    assert "Write the norm" in body.split('id="norm-2-error">', 1)[1].split("</div>", 1)[0]
    status, body, _ = await browser.post("/teams/C1/norms/remove", {"number": "99"})
    assert status == 422 and 'role="alert"' in body
    norms = await _norms(site)
    assert norms is not None and norms[0] == "Start on time." and norms[-1] == "Phones away."
    told = [p.text for p in site.t1.chat.posts_to("C1") if "working norms" in p.text]
    assert told == [
        f"@fay changed Grade 4 Math's working norms: {what}. See them with /plc norms."
        for what in ("added norm 6", "reworded norm 1")
    ]


async def test_a_teacher_sees_their_pd_hours_with_totals(site: Site, browser: Browser) -> None:
    site.t1.clock.advance(minutes=90)
    assert (await site.t1.say("fay", "/plc session close")).ok
    await browser.sign_in("maria")
    status, body, _ = await browser.get("/me/pd-hours")
    assert status == 200 and "<strong>1 h 30 min in 1 session</strong>" in body
    assert "(0 h 00 min signed off by a facilitator)" in body
    assert "<td>Fractions</td>" in body and "<td>90</td>" in body


async def test_a_teacher_downloads_the_files_me_export_sends(site: Site, browser: Browser) -> None:
    assert (await site.t1.say("maria", "/plc reflect --private Tired today")).ok
    await browser.sign_in("maria")
    async with browser.http.get(site.url("/me/export.zip")) as r:
        assert r.status == 200 and r.headers["Content-Type"] == "application/zip"
        assert "attachment" in r.headers["Content-Disposition"]
        archive = zipfile.ZipFile(io.BytesIO(await r.read()))
    assert (await site.t1.say("maria", "/plc me export")).ok
    sent = site.t1.chat.dms_to("maria")[-1].files or {}
    assert sorted(archive.namelist()) == sorted(sent)
    assert b"Tired today" in archive.read("reflections.csv")


async def test_forget_needs_the_typed_word_then_deletes_and_signs_out(
    site: Site, browser: Browser
) -> None:
    assert (await site.t1.say("maria", "/plc reflect --team Number lines worked")).ok
    await browser.sign_in("maria")
    status, body, _ = await browser.get("/me/forget")
    assert status == 200 and "Delete all your data in" in body and "type DELETE" in body
    status, body, _ = await browser.post("/me/forget", {"confirm": "delete"})
    assert status == 422 and 'id="confirm-error"' in body and "Nothing was deleted" in body
    async with site.t1.bot._uow() as uow:
        assert await uow.members.get("console:T1", "maria") is not None
    status, body, _ = await browser.post("/me/forget", {"confirm": "DELETE"})
    assert status == 200 and "Your data was deleted" in body and "withdrawn" in body
    assert "removed by its author" in site.t1.chat.updates()[-1].text  # as chat's forget does
    async with site.t1.bot._uow() as uow:
        assert await uow.members.get("console:T1", "maria") is None
    status, _, r = await browser.get("/me")
    assert status == 303 and r.headers["Location"] == "/signin"


async def test_the_last_admin_cannot_forget_themselves(site: Site, browser: Browser) -> None:
    await browser.sign_in("ana")
    status, body, _ = await browser.get("/me/forget")
    assert status == 403 and "admin" in body and 'name="confirm"' not in body
    status, body, _ = await browser.post("/me/forget", {"confirm": "DELETE"})
    assert status == 403
    async with site.t1.bot._uow() as uow:
        assert await uow.members.get("console:T1", "ana") is not None


async def test_a_wrong_csrf_token_forgets_nobody(site: Site, browser: Browser) -> None:
    await browser.sign_in("maria")
    status, _, _ = await browser.post("/me/forget", {"confirm": "DELETE"}, csrf="forged")
    assert status == 403
    async with site.t1.bot._uow() as uow:
        assert await uow.members.get("console:T1", "maria") is not None
