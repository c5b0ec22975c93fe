"""The team page's charts and stage form, and the overview, over HTTP on 127.0.0.1 against
real storage (SQLite and PostgreSQL): who may read and change what (signed out, teacher,
facilitator of another team, admin of another community, wrong CSRF token, expired session),
and the figures the charts show are the report's, never anyone's words."""

from __future__ import annotations

import re

import pytest

from adapters.web.session import SESSION_SECONDS
from tests.web.conftest import Browser, Site, session_cookie

CHARTS = [
    "Check-ins per session",
    "Arrival average per session",
    "Response rate per week",
    "Feedback per session",
    "Days in each cycle stage",
]
WORDS = "Number lines made the fractions click"


async def stage_of(site: Site, community: str, channel: str) -> int:
    async with site.t1.bot._uow() as uow:
        team = await uow.teams.by_channel(community, channel)
    assert team is not None
    return team.stage.number


async def test_signed_out_visitors_are_sent_to_sign_in_from_the_overview(browser: Browser) -> None:
    status, _, r = await browser.get("/overview")
    assert status == 303 and r.headers["Location"] == "/signin"
    status, body, _ = await browser.post("/teams/C1/stage", {"stage": "3"})  # no session, no token
    assert status == 403 and "out of date" in body


async def test_a_facilitator_reads_every_chart_of_their_team_with_its_table(
    site: Site, browser: Browser
) -> None:
    assert (await site.t1.say("fay", "/plc prompt send")).ok
    assert (await site.t1.say("maria", f"/plc reflect --team {WORDS}")).ok
    await browser.sign_in("fay")
    status, body, _ = await browser.get("/teams/C1")
    assert status == 200
    for title in CHARTS:
        assert f">{title}</title>" in body, title
        assert f"<caption>{title}</caption>" in body, title
    assert body.count('<svg class="chart" role="img"') == len(CHARTS)
    # the open session (maria checked in 5), and the week's one prompt answered by its one teacher
    assert re.search(r"<th scope=\"row\">\d\d Sep</th><td>1</td><td>5</td>", body), body
    assert re.search(r"<th scope=\"row\">14 Sep</th><td>100%</td>", body), body
    assert "cycle 1 · Analyze student data" in body
    assert WORDS not in body  # counts only


async def test_a_facilitator_changes_the_stage_and_the_card_is_posted_in_the_channel(
    site: Site, browser: Browser
) -> None:
    await browser.sign_in("fay")
    before = len(site.t1.chat.posts_to("C1"))
    status, body, _ = await browser.post("/teams/C1/stage", {"stage": "3"})
    assert status == 200 and "Moved" in body and 'role="status"' in body
    assert await stage_of(site, "console:T1", "C1") == 3
    posted = [s.message.plain_text() for s in site.t1.chat.posts_to("C1")[before:]]
    assert any("Stage 3 of 5: Learn together" in text for text in posted), posted
    assert '<option value="3" selected>' in body


async def test_a_stage_that_is_not_one_of_the_five_is_refused_beside_its_field(
    site: Site, browser: Browser
) -> None:
    await browser.sign_in("fay")
    status, body, _ = await browser.post("/teams/C1/stage", {"stage": "9"})
    assert status == 422 and 'id="stage-error"' in body and 'aria-describedby="stage-error"' in body
    assert await stage_of(site, "console:T1", "C1") == 1


async def test_the_current_stage_is_refused_beside_its_field_not_as_not_for_you(
    site: Site, browser: Browser
) -> None:
    await browser.sign_in("fay")
    status, body, _ = await browser.post("/teams/C1/stage", {"stage": "1"})  # the default
    assert status == 400 and "Not for you" not in body
    error = body.split('id="stage-error">', 1)[1].split("</div>", 1)[0]
    assert "already in stage 1" in error
    assert 'aria-describedby="stage-error"' in body
    assert await stage_of(site, "console:T1", "C1") == 1


async def test_someone_sending_too_fast_is_asked_to_wait_not_told_not_for_you(
    site: Site, browser: Browser
) -> None:
    await browser.sign_in("fay")
    for number in [2, 3, 4, 5] * 10:
        status, body, r = await browser.post("/teams/C1/stage", {"stage": str(number)})
        if status != 200:
            break
    assert status == 429, body
    assert "<h1>Slow down</h1>" in body and "Please wait about" in body
    assert "Not for you" not in body and int(r.headers["Retry-After"]) >= 1


@pytest.mark.parametrize("user", ["maria", "gus"])
async def test_a_teacher_or_another_teams_facilitator_changes_no_stage_and_sees_no_overview(
    site: Site, browser: Browser, user: str
) -> None:
    await browser.sign_in(user)
    status, body, _ = await browser.post("/teams/C1/stage", {"stage": "4"})
    assert status == 403 and "Only a facilitator of this team" in body
    assert await stage_of(site, "console:T1", "C1") == 1
    status, body, _ = await browser.get("/overview")
    assert status == 403 and "Only an admin" in body and "Grade 4 Math</a>" not in body


async def test_an_admin_sees_every_team_of_the_community_at_a_glance_without_words(
    site: Site, browser: Browser
) -> None:
    assert (await site.t1.say("fay", "/plc prompt send")).ok
    assert (await site.t1.say("maria", f"/plc reflect --team {WORDS}")).ok
    await browser.sign_in("ana")
    status, body, _ = await browser.get("/overview")
    assert status == 200 and "<h1>Overview</h1>" in body
    assert '<a href="/teams/C1">Grade 4 Math</a>' in body and "Grade 5" in body
    assert "Other district" not in body
    assert "1. Analyze student data" in body and "100%" in body
    assert ">Participation across teams</title>" in body
    assert "<caption>Participation across teams</caption>" in body
    assert WORDS not in body
    assert '<a href="/overview">Overview</a>' in body  # in the admin's menu
    status, body, _ = await browser.get("/teams/C2")  # a team that has not met yet
    assert status == 200 and body.count("Nothing yet.") == len(CHARTS) - 1
    assert "No data yet." in body and "none yet" not in body


async def test_an_admin_of_another_community_sees_only_their_own_overview(
    site: Site, browser: Browser
) -> None:
    browser.http.cookie_jar.update_cookies(
        {"plcbot_panel": session_cookie(site, "console:T2", "zed")}, site.server.make_url("/")
    )
    status, body, _ = await browser.get("/overview")
    assert status == 200 and "Other district" in body and "Grade 4 Math" not in body
    await browser.get("/me")
    status, body, _ = await browser.post("/teams/C1/stage", {"stage": "5"})
    assert status == 403
    assert await stage_of(site, "console:T1", "C1") == 1


async def test_a_wrong_csrf_token_changes_no_stage(site: Site, browser: Browser) -> None:
    await browser.sign_in("fay")
    status, body, _ = await browser.post("/teams/C1/stage", {"stage": "2"}, csrf="forged")
    assert status == 403 and "out of date" in body
    assert await stage_of(site, "console:T1", "C1") == 1


async def test_an_expired_session_reads_no_overview_and_changes_no_stage(
    site: Site, browser: Browser
) -> None:
    await browser.sign_in("ana")
    token = browser.csrf
    site.clock.t += SESSION_SECONDS + 1
    status, _, r = await browser.get("/overview")
    assert status == 303 and r.headers["Location"] == "/signin"
    status, _, _ = await browser.post("/teams/C1/stage", {"stage": "2"}, csrf=token)
    assert status == 403
    assert await stage_of(site, "console:T1", "C1") == 1
