"""The admin pages (teams and roles, school calendar, audit log, configuration, data rights)
over HTTP on 127.0.0.1 against real storage (SQLite and PostgreSQL): what an admin sees and
changes through chat's own intents, and what a teacher, a facilitator, an admin of another
community, a signed-out visitor, a wrong CSRF token and an expired session get."""

from __future__ import annotations

import re
import tomllib
from datetime import timedelta

import pytest

from adapters.web.session import SESSION_SECONDS
from bot.declared import parse_communities
from bot.domain import AuditEntry
from tests.web.conftest import Browser, Site, session_cookie

ADMIN_PAGES = [
    "/community/roles",
    "/community/calendar",
    "/community/audit",
    "/community/config",
    "/community/config.toml",
    "/community/data",
]
# every form of these pages, with what a valid submission sends
EVERY = {"team": "", "any_team": "C1"}  # the calendar form's "Every team" (any team's channel)
ADMIN_FORMS = {
    "/community/roles": {"action": "grant", "user": "maria", "role": "facilitator", "team": "C1"},
    "/community/calendar": {"first_day": "2026-12-21", "last_day": "2027-01-01", "any_team": "C1"},
    "/community/calendar/remove": {"break": "1", "channel": "C1"},
}


async def _breaks(site: Site) -> list[str]:
    async with site.t1.bot._uow() as uow:
        return [b.label for b in await uow.calendar.list("console:T1")]


@pytest.mark.parametrize("path", ADMIN_PAGES)
async def test_signed_out_visitors_are_sent_to_sign_in(browser: Browser, path: str) -> None:
    status, _, r = await browser.get(path)
    assert status == 303 and r.headers["Location"] == "/signin"


@pytest.mark.parametrize("path", ADMIN_PAGES)
async def test_an_expired_session_is_signed_out(site: Site, browser: Browser, path: str) -> None:
    await browser.sign_in("ana")
    site.clock.t += SESSION_SECONDS + 1
    status, _, r = await browser.get(path)
    assert status == 303 and r.headers["Location"] == "/signin"


@pytest.mark.parametrize("user", ["maria", "fay"])
async def test_teachers_and_facilitators_get_no_admin_page(
    site: Site, browser: Browser, user: str
) -> None:
    await browser.sign_in(user)
    for path in ADMIN_PAGES:
        status, body, _ = await browser.get(path)
        assert status == 403 and "Only an admin" in body, path
        assert "[[community]]" not in body


@pytest.mark.parametrize("user", ["maria", "fay"])
async def test_teachers_and_facilitators_change_nothing_through_the_admin_forms(
    site: Site, browser: Browser, user: str
) -> None:
    await browser.sign_in(user)
    for path, data in ADMIN_FORMS.items():
        status, body, _ = await browser.post(path, data)
        assert status == 403 and "Only an admin" in body, path
    assert await _breaks(site) == []
    async with site.t1.bot._uow() as uow:
        assert (await uow.team_roles.get("console:T1", 1, "maria")).role.name == "TEACHER"  # type: ignore[union-attr]


async def test_a_wrong_csrf_token_changes_nothing(site: Site, browser: Browser) -> None:
    await browser.sign_in("ana")
    for path, data in ADMIN_FORMS.items():
        status, body, _ = await browser.post(path, data, csrf="forged")
        assert status == 403 and "out of date" in body, path
    assert await _breaks(site) == []
    _, body, _ = await browser.get("/community/roles")
    assert "<td>ana, fay</td>" in body and "maria" not in body


async def test_an_admin_of_another_community_sees_and_changes_only_their_own(
    site: Site, browser: Browser
) -> None:
    browser.http.cookie_jar.update_cookies(
        {"plcbot_panel": session_cookie(site, "console:T2", "zed")}, site.server.make_url("/")
    )
    status, body, _ = await browser.get("/community/roles")
    assert status == 200 and "Other district" in body and "Grade 4 Math" not in body
    status, body, _ = await browser.get("/community/config.toml")
    assert status == 200 and "C9" in body and "C1" not in body
    for path, data in ADMIN_FORMS.items():
        status, body, _ = await browser.post(path, data)
        assert status == 422 and "Added" not in body and "Removed" not in body, path
    assert await _breaks(site) == []


async def test_an_admin_grants_and_takes_back_a_role_with_chats_rules(
    site: Site, browser: Browser
) -> None:
    await browser.sign_in("ana")
    status, body, _ = await browser.get("/community/roles")
    assert status == 200 and "<td>ana, fay</td>" in body and "<td>ana, gus</td>" in body
    grant = {"action": "grant", "user": "@maria", "role": "facilitator", "team": "C1"}
    status, body, _ = await browser.post("/community/roles", grant)
    assert status == 200 and "is now facilitator of" in body and "<td>ana, fay, maria</td>" in body
    assert site.t1.chat.dms_to("maria")[-1].text.startswith("You are now")
    status, body, _ = await browser.post("/community/roles", {**grant, "action": "revoke"})
    assert status == 200 and "is no longer a facilitator" in body and "<td>ana, fay</td>" in body
    status, body, _ = await browser.post("/community/roles", {**grant, "user": "nobody"})
    assert status == 422 and "used plcbot in this community yet" in body
    assert 'role="alert"' in body
    status, body, _ = await browser.post("/community/roles", {**grant, "user": "", "role": "boss"})
    assert status == 422 and 'id="user-error"' in body and 'id="role-error"' in body
    assert "is not a role you can grant" in body
    status, body, _ = await browser.post(
        "/community/roles", {**grant, "action": "revoke", "user": "ana", "role": "admin"}
    )
    assert status == 422 and "ana" in body
    async with site.t1.bot._uow() as uow:
        assert list(await uow.members.admins("console:T1")) == ["ana"]


async def test_an_admin_adds_and_removes_calendar_breaks(site: Site, browser: Browser) -> None:
    await browser.sign_in("ana")
    status, body, _ = await browser.get("/community/calendar")
    assert status == 200 and "No breaks yet." in body
    status, body, _ = await browser.post(
        "/community/calendar",
        {"first_day": "2026-12-21", "last_day": "2027-01-01", "label": "Winter break", **EVERY},
    )
    assert status == 200 and "Added break #" in body and "for every team" in body
    assert re.search(
        r"<td>Winter break</td><td>2026-12-21</td><td>2027-01-01</td>\s*<td>every team", body
    )
    status, body, _ = await browser.post(
        "/community/calendar",
        {"first_day": "2027-03-08", "last_day": "", "label": "", "team": "C2"},
    )
    assert status == 200 and "for Grade 5" in body and "<td>Grade 5</td>" in body
    assert await _breaks(site) == ["Winter break", "Break"]


async def test_a_bad_break_is_refused_beside_its_field_and_nothing_is_added(
    site: Site, browser: Browser
) -> None:
    await browser.sign_in("ana")
    status, body, _ = await browser.post(
        "/community/calendar", {"first_day": "21/12", "last_day": "", "label": "Winter"}
    )
    assert status == 422 and 'id="first_day-error"' in body and "is not a date" in body
    assert 'aria-describedby="first_day-error"' in body and 'value="Winter"' in body
    status, body, _ = await browser.post(
        "/community/calendar", {"first_day": "2027-01-02", "last_day": "2026-12-21", **EVERY}
    )
    assert status == 422 and 'id="last_day-error"' in body and "ends before it starts" in body
    assert 'aria-describedby="last_day-error"' in body
    assert await _breaks(site) == []


async def test_removing_a_break_goes_through_its_team(site: Site, browser: Browser) -> None:
    assert (await site.t1.say("ana", "/plc calendar off 2026-12-21 Winter")).ok
    assert (await site.t1.say("ana", "/plc calendar off 2027-03-08 --team Testing", "C2")).ok
    await browser.sign_in("ana")
    _, body, _ = await browser.get("/community/calendar")
    assert 'aria-label="Remove break #2 Testing"' in body
    found = re.search(
        r'name="break" value="2">\s*<input type="hidden" name="channel" value="(\w+)"', body
    )
    assert found and found.group(1) == "C2"
    status, body, _ = await browser.post(
        "/community/calendar/remove", {"break": "2", "channel": "C1"}
    )
    assert status == 422 and "There is no break #2 here" in body  # C1's admin view: not its break
    status, body, _ = await browser.post(
        "/community/calendar/remove", {"break": "2", "channel": "C2"}
    )
    assert status == 200 and "Removed break #2 Testing" in body
    assert await _breaks(site) == ["Winter"]


async def test_the_audit_log_pages_newest_first(site: Site, browser: Browser) -> None:
    assert (await site.t1.say("fay", "/plc reflections")).ok
    start = site.t1.clock.now() - timedelta(days=400)
    async with site.t1.bot._uow() as uow:
        for n in range(60):
            entry = AuditEntry("console:T1", f"r{n}", 1, "export", n, start + timedelta(days=n))
            await uow.audit.add(entry)
        await uow.commit()
    await browser.sign_in("ana")
    status, body, _ = await browser.get("/community/audit")
    assert status == 200 and "<caption>Audit log, page 1</caption>" in body
    readers = re.findall(r"<tr><td>[\d: -]+</td><td>(\w+)</td>", body)
    assert readers[:3] == ["fay", "r59", "r58"] and len(readers) == 50
    assert "Older entries" in body and "Newer entries" not in body
    _, body, _ = await browser.get("/community/audit?page=2")
    readers = re.findall(r"<tr><td>[\d: -]+</td><td>(\w+)</td>", body)
    assert readers == [f"r{n}" for n in range(10, -1, -1)]
    assert "Newer entries" in body and "Older entries" not in body
    _, body, _ = await browser.get("/community/audit?page=nine")
    assert "page 1</caption>" in body


async def test_the_declared_configuration_downloads_as_toml_that_reads_back(
    site: Site, browser: Browser
) -> None:
    assert (await site.t1.say("ana", "/plc schedule add stage_nudge mon,wed 15:30")).ok
    assert (await site.t1.say("ana", "/plc calendar off 2026-12-21..2027-01-01 Winter")).ok
    assert (await site.t1.say("ana", "/plc calendar off 2027-03-08 --team Testing", "C2")).ok
    await browser.sign_in("ana")
    status, body, _ = await browser.get("/community/config")
    assert status == 200 and "[[community.team.schedule]]" in body
    status, text_, r = await browser.get("/community/config.toml")
    assert status == 200 and r.headers["Content-Type"].startswith("application/toml")
    assert 'attachment; filename="plcbot-console-T1.toml"' == r.headers["Content-Disposition"]
    (community,) = parse_communities(tomllib.loads(text_)["community"])
    assert community.id == "console:T1" and community.admins == ("ana",)
    assert [(b.first_day.isoformat(), b.label) for b in community.calendar] == [
        ("2026-12-21", "Winter")
    ]
    math, grade5 = community.teams
    assert (math.channel, math.name, math.timezone) == ("C1", "Grade 4 Math", "America/Chicago")
    assert [(s.kind.value, s.when) for s in math.schedules] == [("stage_nudge", "mon,wed 15:30")]
    assert grade5.channel == "C2" and [b.label for b in grade5.calendar] == ["Testing"]


async def test_the_data_rights_page_says_who_can_do_what(browser: Browser) -> None:
    await browser.sign_in("ana")
    status, body, _ = await browser.get("/community/data")
    assert status == 200 and "/plc me forget" in body
    assert "plcbot purge --community console:T1" in body
