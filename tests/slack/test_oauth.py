"""Installing in many workspaces through Slack's OAuth flow, on the bot's own database: the
workspaces are kept apart, tokens are encrypted at rest, an uninstall forgets them at once."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import AsyncIterator

import aiohttp
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.slack.settings import SCOPES
from platform_fakes.slack.fake_slack import FakeSlack
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.slack.conftest import TOKEN_KEY, Running, running
from tests.slack.driver import BOUNDED, Slack
from tests.slack.reading import blocks_text, readable
from tests.slack.test_commands import team_with_facilitator

# slack_sdk's oauth.v2.access call uses aiohttp's BasicAuth, which aiohttp 3.14 deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """A database built by the migrations alone, on SQLite and on PostgreSQL."""
    engine = make_engine(database_url)
    yield engine
    await engine.dispose()


def oauth_env(fake: FakeSlack) -> dict[str, str]:
    return {
        "SLACK_CLIENT_ID": fake.client_id,
        "SLACK_CLIENT_SECRET": fake.client_secret,
        "PLCBOT_TOKEN_KEY": TOKEN_KEY,
    }


async def install(r: Running, team: str) -> str:
    return await install_at(r.slack.app_url, r.fake, team)


async def install_at(app_url: str, fake: FakeSlack, team: str) -> str:
    """A workspace admin presses "Add to Slack", approves, and comes back to the redirect URL."""
    async with aiohttp.ClientSession(timeout=BOUNDED) as browser:
        async with browser.get(f"{app_url}/slack/install", allow_redirects=False) as page:
            assert page.status == 200
            body = await page.text()
            cookie = page.headers["Set-Cookie"].split(";", 1)[0]
        authorize = re.search(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', body)
        assert authorize is not None
        query = urllib.parse.parse_qs(
            urllib.parse.urlparse(authorize.group(1).replace("&amp;", "&")).query
        )
        assert query["scope"] == [",".join(SCOPES)]
        back = {"code": fake.install_code(team), "state": query["state"][0]}
        async with browser.get(
            f"{app_url}/slack/oauth_redirect",
            params=back,
            headers={"Cookie": cookie},
            allow_redirects=False,
        ) as done:
            return f"{done.status} {await done.text()}"


async def raw_rows(engine: AsyncEngine, table: str) -> list[str]:
    async with engine.connect() as conn:
        return [repr(tuple(row)) for row in (await conn.execute(text(f"SELECT * FROM {table}")))]


async def test_two_workspaces_install_and_never_see_each_others_data(
    fake: FakeSlack, engine: AsyncEngine
) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    async with running(fake, env=oauth_env(fake), engine=engine, uow=uow) as r:
        for team in ("T1", "T2"):
            page = await install(r, team)
            assert page.startswith("200") and "Thank you" in page
        one, two = r.slack, Slack(fake, "http", app_url=r.slack.app_url, team="T2")
        try:
            # the same channel id in both workspaces: two different teams
            await team_with_facilitator(one)
            await team_with_facilitator(two)
            await one.command("UFAY", "norms add Only in the first school.")
            await one.command("UTEO", "reflect --team First school's words.")
            norms_two = readable(await two.reply(await two.command("UTEO", "norms")))
            assert "Only in the first school." not in norms_two
            report_two = readable(await two.reply(await two.command("UFAY", "report")))
            assert "0 written" in report_two

            # each workspace's posts went out with its own bot token
            tokens = {w.team_id: w.token for w in fake.workspaces.values()}
            shared = await fake.until(
                lambda: [m for m in fake.messages if "shared a reflection" in blocks_text(m.blocks)]
            )
            assert shared[0].token == tokens["T1"]
            welcome_two = [
                c
                for c in fake.calls_to("chat.postMessage")
                if c.headers["Authorization"].endswith(tokens["T2"])
            ]
            assert welcome_two and all("First school" not in str(c.args) for c in welcome_two)
        finally:
            await two.close()

    # no token is readable in a database dump
    rows = await raw_rows(engine, "slack_bots") + await raw_rows(engine, "slack_installations")
    assert len(rows) == 4
    assert not any("xoxb-" in row or tokens["T1"] in row or tokens["T2"] in row for row in rows)


async def test_uninstalling_deletes_that_workspaces_tokens_at_once(
    fake: FakeSlack, engine: AsyncEngine
) -> None:
    async with running(
        fake, env=oauth_env(fake), engine=engine, uow=SqlUnitOfWorkFactory(engine)
    ) as r:
        await install(r, "T1")
        await install(r, "T2")
        fake.revoke("T1")
        ack = await r.slack.event({"type": "app_uninstalled"})
        assert ack.status == 200
        assert len(await raw_rows(engine, "slack_bots")) == 1
        assert len(await raw_rows(engine, "slack_installations")) == 1
        after = await r.slack.command("UANA", "help")
        assert "no longer installed" in await r.slack.reply(after)
        two = Slack(fake, "http", app_url=r.slack.app_url, team="T2")
        try:
            assert "checkin" in (await two.command("UANA", "help")).text
        finally:
            await two.close()


async def test_a_revoked_bot_token_is_deleted_too(fake: FakeSlack, engine: AsyncEngine) -> None:
    async with running(
        fake, env=oauth_env(fake), engine=engine, uow=SqlUnitOfWorkFactory(engine)
    ) as r:
        await install(r, "T1")
        ack = await r.slack.event({"type": "tokens_revoked", "tokens": {"bot": ["UBT1"]}})
        assert ack.status == 200
        assert await raw_rows(engine, "slack_bots") == []
        assert await raw_rows(engine, "slack_installations") == []


async def test_the_migrated_slack_token_columns_hold_an_encrypted_token_on_every_backend(
    database_url: str,
) -> None:
    """Migration 0004 makes the token columns TEXT: a sealed token is longer than VARCHAR(200)."""
    from sqlalchemy import text

    from storage.engine import make_engine

    engine = make_engine(database_url)
    sealed = "gAAAA" + "x" * 400
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO slack_bots (client_id, app_id, team_id, bot_token, is_enterprise_install, installed_at)"
                    " VALUES ('c', 'A1', 'T1', :t, false, CURRENT_TIMESTAMP)"
                ),
                {"t": sealed},
            )
            stored = (await conn.execute(text("SELECT bot_token FROM slack_bots"))).scalar_one()
    finally:
        await engine.dispose()
    assert stored == sealed
