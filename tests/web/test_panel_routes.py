"""The panel's routes and who may use them, over HTTP on 127.0.0.1 against real storage (SQLite
and PostgreSQL): signed out, teacher, facilitator of another team, admin of another community,
a wrong CSRF token, an expired session, a person the bot never met."""

from __future__ import annotations

import base64
import re

import pytest

from adapters.web.session import SESSION_SECONDS
from tests.harness import reply_text
from tests.web.conftest import Browser, Site, session_cookie

PAGES = ["/", "/me", "/teams/C1", "/community"]


@pytest.mark.parametrize("path", PAGES)
async def test_signed_out_visitors_are_sent_to_sign_in(browser: Browser, path: str) -> None:
    status, _, r = await browser.get(path)
    assert status == 303 and r.headers["Location"] == "/signin"


async def test_every_response_carries_the_security_headers(browser: Browser) -> None:
    for path in ["/signin", "/me"]:
        _, _, r = await browser.get(path)
        csp = r.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert "'unsafe-inline'" not in csp
        assert r.headers["X-Frame-Options"] == "DENY"
        assert r.headers["Referrer-Policy"] == "no-referrer"


async def test_error_pages_carry_the_security_headers_too(site: Site, browser: Browser) -> None:
    """A page that does not exist (404), a method a page does not take (405), and a page that
    failed on the server (500): the same headers as every page."""

    async def broken(community_id: str, user_id: str) -> None:
        raise RuntimeError("the database went away")

    async with browser.http.get(site.url("/no-such-page")) as r404:
        assert r404.status == 404
    async with browser.http.put(site.url("/me")) as r405:
        assert r405.status == 405
    await browser.sign_in("maria")
    site.bot.panel.person = broken  # type: ignore[method-assign]
    async with browser.http.get(site.url("/me"), allow_redirects=False) as r500:
        assert r500.status == 500 and "the database went away" not in await r500.text()
    for r in (r404, r405, r500):
        assert "default-src 'none'" in r.headers["Content-Security-Policy"], r.status
        assert r.headers["X-Frame-Options"] == "DENY"
        assert r.headers["X-Content-Type-Options"] == "nosniff"


async def test_the_session_cookie_is_httponly_lax_and_sealed(browser: Browser) -> None:
    await browser.get("/signin")
    _, _, r = await browser.post("/signin/demo", {"user": "maria"})
    cookie = r.cookies["plcbot_panel"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == SESSION_SECONDS
    sealed = base64.urlsafe_b64decode(cookie.value)
    assert b"maria" not in sealed and b"console:T1" not in sealed


async def test_a_tampered_session_is_no_session(site: Site, browser: Browser) -> None:
    await browser.sign_in("ana")
    sealed = session_cookie(site, "console:T1", "ana")
    tampered = sealed[:40] + ("A" if sealed[40] != "A" else "B") + sealed[41:]
    browser.http.cookie_jar.update_cookies({"plcbot_panel": tampered}, site.server.make_url("/"))
    status, _, r = await browser.get("/community")
    assert status == 303 and r.headers["Location"] == "/signin"


async def test_a_teacher_sees_their_own_page_and_nothing_of_the_leaders(browser: Browser) -> None:
    assert await browser.sign_in("maria") == "/me"
    status, body, _ = await browser.get("/me")
    assert status == 200 and "Your streak" in body and "Grade 4 Math" in body
    status, body, _ = await browser.get("/teams/C1")
    assert status == 403 and "Only a facilitator of this team" in body
    status, body, _ = await browser.get("/community")
    assert status == 403 and "Only an admin" in body
    status, body, _ = await browser.post(
        "/community/schedules", {"team": "C1", "kind": "reflection_prompt", "when": "daily 16:00"}
    )
    assert status == 403 and "Only a facilitator of this team" in body  # chat's own refusal


async def test_a_facilitator_sees_their_team_with_its_chart_not_another_team(
    browser: Browser,
) -> None:
    assert await browser.sign_in("fay") == "/teams/C1"
    status, body, _ = await browser.get("/teams/C1")
    assert status == 200 and "<h1>Grade 4 Math</h1>" in body
    assert '<svg class="chart" role="img"' in body and '<title id="attendance-t">' in body
    assert "<caption>Check-ins per session</caption>" in body
    assert "<td>1</td>" in body  # the open session: maria checked in
    status, body, _ = await browser.get("/teams/C2")
    assert status == 403 and "Only a facilitator of this team" in body


async def test_an_admin_adds_a_schedule_and_sees_its_next_three_times(
    site: Site, browser: Browser
) -> None:
    assert await browser.sign_in("ana") == "/community"
    status, body, _ = await browser.get("/community")
    assert status == 200 and "Grade 4 Math" in body and "Grade 5" in body
    assert "No schedules yet." in body
    status, body, _ = await browser.post(
        "/community/schedules",
        {"team": "C2", "kind": "reflection_prompt", "when": "mon,wed 15:30", "timezone": ""},
    )
    assert status == 200 and re.search(r"Added schedule (<[^>]+>)*#\d+", body), body
    # Monday 14 Sep 2026 15:00 UTC is 11:00 in New York: today's 15:30 there comes first
    assert "Mon 14 Sep 15:30, Wed 16 Sep 15:30, Mon 21 Sep 15:30" in body
    status, body, _ = await browser.get("/community")
    assert "mon,wed 15:30" in body and "America/New_York" in body


async def test_a_bad_schedule_is_refused_beside_its_field_in_the_cores_words(
    browser: Browser,
) -> None:
    await browser.sign_in("ana")
    status, body, _ = await browser.post(
        "/community/schedules", {"team": "C1", "kind": "reflection_prompt", "when": "someday"}
    )
    assert status == 422
    assert 'id="when-error"' in body and 'aria-describedby="when-error"' in body
    assert "as a time. Try" in body
    status, body, _ = await browser.post(
        "/community/schedules",
        {"team": "C1", "kind": "reflection_prompt", "when": "daily 16:00", "timezone": "Mars/Base"},
    )
    assert status == 422 and 'id="timezone-error"' in body and "Mars/Base" in body
    for hours in ("soon", "²"):  # "²" is a digit to str.isdigit, not to int()
        status, body, _ = await browser.post(
            "/community/schedules",
            {
                "team": "C1",
                "kind": "reflection_prompt",
                "when": "daily 16:00",
                "after_hours": hours,
            },
        )
        assert status == 422 and 'id="after_hours-error"' in body
    status, body, _ = await browser.post(
        "/community/schedules", {"team": "C1", "kind": "lunch", "when": "daily 16:00"}
    )
    assert status == 422 and 'id="kind-error"' in body and "is not a kind of schedule" in body
    status, body, _ = await browser.get("/community")
    assert "No schedules yet." in body


async def test_an_admin_of_another_community_sees_only_their_own(
    site: Site, browser: Browser
) -> None:
    browser.http.cookie_jar.update_cookies(
        {"plcbot_panel": session_cookie(site, "console:T2", "zed")}, site.server.make_url("/")
    )
    status, body, _ = await browser.get("/community")
    assert status == 200 and "Other district" in body and "Grade 4 Math" not in body
    status, body, _ = await browser.get("/teams/C1")
    assert status == 403
    status, body, _ = await browser.post(
        "/community/schedules", {"team": "C1", "kind": "reflection_prompt", "when": "daily 16:00"}
    )
    assert status == 422 and "Added schedule" not in body
    ana = site.client()
    try:
        await ana.sign_in("ana")
        _, body, _ = await ana.get("/community")
        assert body.count("No schedules yet.") == 2
    finally:
        await ana.close()


async def test_a_wrong_csrf_token_changes_nothing(browser: Browser) -> None:
    await browser.sign_in("ana")
    status, body, _ = await browser.post(
        "/community/schedules",
        {"team": "C1", "kind": "reflection_prompt", "when": "daily 16:00"},
        csrf="forged",
    )
    assert status == 403 and "out of date" in body
    await browser.get("/me")  # the session is still there
    status, body, _ = await browser.get("/community")
    assert status == 200 and body.count("No schedules yet.") == 2


async def test_a_sign_in_without_the_token_is_refused(browser: Browser) -> None:
    await browser.get("/signin")
    status, _, _ = await browser.post("/signin/demo", {"user": "ana"}, csrf="")
    assert status == 403
    status, _, r = await browser.get("/community")
    assert status == 303 and r.headers["Location"] == "/signin"


@pytest.mark.parametrize(
    "header",
    [
        ("X-Forwarded-For", "203.0.113.7"),
        ("Forwarded", "for=203.0.113.7"),
        ("X-Real-IP", "203.0.113.7"),
    ],
)
async def test_no_demo_login_through_a_proxy(
    site: Site, browser: Browser, header: tuple[str, str]
) -> None:
    """Behind a reverse proxy on the same host every request comes from 127.0.0.1: a request
    that says it was forwarded gets neither the demo form nor the demo login."""
    await browser.get("/signin")  # a CSRF token, as a browser would have
    headers = dict([header])
    async with browser.http.get(site.url("/signin"), headers=headers) as r:
        assert r.status == 200 and "Local demo login" not in await r.text()
    async with browser.http.post(
        site.url("/signin/demo"),
        data={"csrf": browser.csrf, "user": "ana"},
        headers=headers,
        allow_redirects=False,
    ) as r:
        assert r.status == 404
    status, _, _ = await browser.get("/me")
    assert status == 303  # still signed out


async def test_an_expired_session_is_signed_out(site: Site, browser: Browser) -> None:
    await browser.sign_in("ana")
    site.clock.t += SESSION_SECONDS + 1
    status, _, r = await browser.get("/community")
    assert status == 303 and r.headers["Location"] == "/signin"


async def test_signing_out_ends_the_session(browser: Browser) -> None:
    await browser.sign_in("ana")
    await browser.get("/community")
    status, _, r = await browser.post("/signout", {})
    assert status == 303
    status, _, r = await browser.get("/community")
    assert status == 303 and r.headers["Location"] == "/signin"


async def test_a_person_the_bot_never_met_is_asked_to_use_it_in_chat_first(
    browser: Browser,
) -> None:
    await browser.get("/signin")
    status, body, _ = await browser.post("/signin/demo", {"user": "stranger"})
    assert status == 403 and "Use plcbot in chat first" in body
    status, _, _ = await browser.get("/me")
    assert status == 303


async def test_a_teacher_exports_their_data_from_their_page(site: Site, browser: Browser) -> None:
    await browser.sign_in("maria")
    status, body, _ = await browser.post("/me/export", {})
    assert status == 200 and "sent your data to you in a direct message" in body
    sent = site.t1.chat.dms_to("maria")
    assert sent and "checkins.csv" in (sent[-1].files or {})
    assert not site.t1.chat.dms_to("ana")


async def test_a_page_shows_what_a_person_wrote_escaped(site: Site, browser: Browser) -> None:
    assert (await site.t1.say("maria", "/plc reflect <script>alert(1)</script> went well")).ok
    await browser.sign_in("maria")
    _, body, _ = await browser.get("/me")
    assert "<script>" not in body and "&lt;script&gt;" in body


async def test_a_facilitator_reads_shared_reflections_audited_and_never_private_ones(
    site: Site, browser: Browser
) -> None:
    assert (await site.t1.say("maria", "/plc reflect --team Number lines worked")).ok
    assert (await site.t1.say("maria", "/plc reflect --private I was tired today")).ok
    await browser.sign_in("fay")
    status, body, _ = await browser.get("/teams/C1/reflections")
    assert status == 200 and "Number lines worked" in body and "I was tired" not in body
    async with site.t1.bot._uow() as uow:
        entries = await uow.audit.list("console:T1")
    assert [(e.reader_id, e.count) for e in entries if e.what == "reflections"] == [("fay", 1)]
    status, body, _ = await browser.get("/teams/C2/reflections")
    assert status == 403 and "Number lines" not in body


async def test_the_community_page_shows_the_times_a_break_skips_as_chat_does(
    site: Site, browser: Browser
) -> None:
    assert (await site.t1.say("ana", "/plc schedule add stage_nudge daily 16:00")).ok
    assert (await site.t1.say("ana", "/plc calendar off 2026-09-15 Staff day")).ok
    said = reply_text(await site.t1.say("ana", "/plc schedule list"))
    await browser.sign_in("ana")
    status, body, _ = await browser.get("/community")
    assert status == 200
    assert "Mon 14 Sep 16:00, Wed 16 Sep 16:00, Thu 17 Sep 16:00" in said  # the break skipped
    assert "Mon 14 Sep 16:00, Wed 16 Sep 16:00, Thu 17 Sep 16:00" in body
    assert "Skipped for a break: Tue 15 Sep 16:00 (Staff day)" in said
    assert "Skipped for a break: Tue 15 Sep 16:00 (Staff day)" in body


async def test_a_facilitator_who_adds_their_teams_schedule_lands_on_their_team_page(
    site: Site, browser: Browser
) -> None:
    """The community page is admins' only: a facilitator's schedule is added (chat lets them
    add their own team's) and they are sent to their team's page, which says so once."""
    await browser.sign_in("fay")
    status, body, r = await browser.post(
        "/community/schedules", {"team": "C1", "kind": "stage_nudge", "when": "daily 16:00"}
    )
    assert status == 303 and r.headers["Location"] == "/teams/C1", body
    status, body, _ = await browser.get("/teams/C1")
    assert status == 200 and "Not for you" not in body
    told = body.split('<div class="notice" role="status">', 1)[1].split("</div>", 1)[0]
    assert "daily 16:00" in told
    listed = reply_text(await site.t1.say("fay", "/plc schedule list"))
    assert "stage_nudge" in listed and "daily 16:00" in listed
    status, body, _ = await browser.get("/teams/C1")
    assert status == 200 and 'role="status"' not in body  # said once
