"""The routes' authorization matrix where it had gaps: a team's reflections, the export
download, the schedule form and signing out, for a teacher, another team's facilitator, an
admin of another community, a signed-out visitor, an expired session and a forged CSRF token."""

from __future__ import annotations

import pytest

from adapters.web.session import SESSION_SECONDS
from tests.web.conftest import Browser, Site, session_cookie

SHARED = "Number lines worked"
SCHEDULE = {"team": "C1", "kind": "stage_nudge", "when": "daily 16:00"}


async def _schedules(site: Site) -> int:
    async with site.t1.bot._uow() as uow:
        team = await uow.teams.by_channel("console:T1", "C1")
        assert team is not None
        return len(await uow.schedules.for_team("console:T1", team.id))


async def _reflections_read(site: Site) -> int:
    async with site.t1.bot._uow() as uow:
        entries = await uow.audit.list("console:T1")
    return len([e for e in entries if e.what == "reflections"])


@pytest.fixture
async def shared(site: Site) -> None:
    assert (await site.t1.say("maria", f"/plc reflect --team {SHARED}")).ok


@pytest.mark.usefixtures("shared")
async def test_a_teacher_reads_no_teams_reflections(site: Site, browser: Browser) -> None:
    await browser.sign_in("maria")
    status, body, _ = await browser.get("/teams/C1/reflections")
    assert status == 403 and SHARED not in body and "Only a facilitator" in body
    assert await _reflections_read(site) == 0


@pytest.mark.usefixtures("shared")
async def test_an_admin_of_another_community_reads_no_reflections(
    site: Site, browser: Browser
) -> None:
    browser.http.cookie_jar.update_cookies(
        {"plcbot_panel": session_cookie(site, "console:T2", "zed")}, site.server.make_url("/")
    )
    status, body, _ = await browser.get("/teams/C1/reflections")
    assert status == 403 and SHARED not in body
    assert await _reflections_read(site) == 0


@pytest.mark.usefixtures("shared")
async def test_signed_out_or_expired_reads_no_reflections(site: Site, browser: Browser) -> None:
    status, body, r = await browser.get("/teams/C1/reflections")
    assert status == 303 and r.headers["Location"] == "/signin" and SHARED not in body
    await browser.sign_in("fay")
    site.clock.t += SESSION_SECONDS + 1
    status, body, r = await browser.get("/teams/C1/reflections")
    assert status == 303 and r.headers["Location"] == "/signin" and SHARED not in body
    assert await _reflections_read(site) == 0


async def test_the_export_needs_a_session_and_the_form_its_token(
    site: Site, browser: Browser
) -> None:
    async with browser.http.get(site.url("/me/export.zip"), allow_redirects=False) as r:
        assert r.status == 303 and r.headers["Location"] == "/signin"
        assert r.headers.get("Content-Type") != "application/zip"
    await browser.sign_in("maria")
    status, body, _ = await browser.post("/me/export", {}, csrf="forged")
    assert status == 403 and "out of date" in body
    assert site.t1.chat.dms_to("maria") == []  # nothing was sent


async def test_an_expired_session_adds_no_schedule(site: Site, browser: Browser) -> None:
    await browser.sign_in("ana")
    await browser.get("/community")
    site.clock.t += SESSION_SECONDS + 1
    status, _, r = await browser.post("/community/schedules", SCHEDULE)
    assert status in (303, 403) and await _schedules(site) == 0
    status, _, r = await browser.get("/community")
    assert status == 303 and r.headers["Location"] == "/signin"


async def test_another_teams_facilitator_adds_no_schedule_to_this_team(
    site: Site, browser: Browser
) -> None:
    await browser.sign_in("gus")  # facilitator of Grade 5 (C2), not of C1
    status, body, _ = await browser.post("/community/schedules", SCHEDULE)
    assert status == 403 and "Only a facilitator of this team" in body
    assert await _schedules(site) == 0


async def test_signing_out_needs_the_forms_token(browser: Browser) -> None:
    await browser.sign_in("ana")
    status, body, _ = await browser.post("/signout", {}, csrf="forged")
    assert status == 403 and "out of date" in body
    status, _, _ = await browser.get("/community")
    assert status == 200  # still signed in
