"""Sign in with Slack (OpenID Connect) and with Discord (OAuth2) against fake providers at the
wire on 127.0.0.1: the person the bot knows by those ids is signed in; a forged state, another
nonce, a token signed by another key or for another app, and a person the bot never met are not."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from adapters.web.app import panel_app
from adapters.web.oauth import DiscordSignIn, SlackSignIn
from adapters.web.session import new_key
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness
from tests.web.fake_providers import (
    CLIENT_ID,
    CLIENT_SECRET,
    FakeDiscordOAuth,
    FakeSlackOpenId,
    Identity,
)


@dataclass
class World:
    panel: TestServer
    slack: FakeSlackOpenId
    discord: FakeDiscordOAuth
    uow: SqlUnitOfWorkFactory

    async def sign_in(self, provider: str, *, state: str | None = None) -> tuple[int, str, str]:
        """A browser's round trip: the panel, the provider's approval, back to the panel.
        Returns the final status, body and where it sent the browser (if anywhere)."""
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            async with http.get(
                self.panel.make_url(f"/signin/{provider}"), allow_redirects=False
            ) as r:
                assert r.status == 303
                authorize = r.headers["Location"]
            async with http.get(authorize, allow_redirects=False) as r:
                assert r.status == 302
                back = r.headers["Location"]
            if state is not None:
                back = back.split("&state=")[0] + f"&state={state}"
            async with http.get(back, allow_redirects=False) as r:
                body = await r.text()
                status, location = r.status, r.headers.get("Location", "")
            if status == 303:
                async with http.get(self.panel.make_url(location), allow_redirects=False) as r:
                    assert r.status == 200, await r.text()
        return status, body, location


@pytest.fixture
async def world(database_url: str) -> AsyncIterator[World]:
    uow = SqlUnitOfWorkFactory(make_engine(database_url))
    slack_team = Harness(uow, community="T1", platform="slack")
    assert (await slack_team.say("ana", '/plc team create "Grade 4 Math" America/Chicago')).ok
    discord_server = Harness(uow, community="G1", platform="discord")
    assert (await discord_server.say("D1", '/plc team create "Discord team" UTC', "C5")).ok
    slack, discord = FakeSlackOpenId(), FakeDiscordOAuth()
    slack.server = TestServer(slack.app(), host="127.0.0.1")
    discord.server = TestServer(discord.app(), host="127.0.0.1")
    await slack.server.start_server()
    await discord.server.start_server()
    providers = {
        "slack": SlackSignIn(
            CLIENT_ID,
            CLIENT_SECRET,
            authorize_url=slack.url("/openid/connect/authorize"),
            api_url=slack.url("/api/"),
            keys_url=slack.url("/openid/connect/keys"),
        ),
        "discord": DiscordSignIn(
            CLIENT_ID,
            CLIENT_SECRET,
            authorize_url=discord.url("/oauth2/authorize"),
            api_url=discord.url("/api/"),
        ),
    }
    panel = TestServer(panel_app(slack_team.bot, new_key(), providers=providers), host="127.0.0.1")
    await panel.start_server()
    try:
        yield World(panel, slack, discord, uow)
    finally:
        await panel.close()
        await slack.server.close()
        await discord.server.close()
        await uow.dispose()


async def test_sign_in_with_slack_asks_only_openid_and_signs_in_the_known_admin(
    world: World,
) -> None:
    status, _, location = await world.sign_in("slack")
    assert status == 303 and location == "/community"
    asked = world.slack.asked[0]
    assert asked["scope"] == "openid" and asked["client_id"] == CLIENT_ID
    assert asked["nonce"] and asked["state"] and asked["response_type"] == "code"


@pytest.mark.parametrize("tamper", ["nonce", "key", "audience"])
async def test_an_id_token_that_fails_verification_signs_no_one_in(
    world: World, tamper: str
) -> None:
    world.slack.tamper = tamper
    status, body, _ = await world.sign_in("slack")
    assert status == 400 and "Signing in did not work" in body


async def test_a_forged_state_signs_no_one_in(world: World) -> None:
    status, body, _ = await world.sign_in("slack", state="forged")
    assert status == 400 and "Signing in did not work" in body


async def test_a_slack_person_the_bot_never_met_is_asked_to_use_it_in_chat_first(
    world: World,
) -> None:
    world.slack.who = Identity(team="T1", user="stranger")
    status, body, _ = await world.sign_in("slack")
    assert status == 403 and "Use plcbot in chat first" in body
    world.slack.who = Identity(team="T9", user="ana")  # another workspace: not known there
    status, body, _ = await world.sign_in("slack")
    assert status == 403


async def test_sign_in_with_discord_asks_only_identify_and_finds_the_server(
    world: World,
) -> None:
    status, _, location = await world.sign_in("discord")
    assert status == 303 and location == "/community"
    assert world.discord.asked[0]["scope"] == "identify"
    world.discord.user = "D404"
    status, body, _ = await world.sign_in("discord")
    assert status == 403 and "Use plcbot in chat first" in body


async def test_the_sign_in_page_offers_the_configured_providers_and_no_demo(world: World) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(world.panel.make_url("/signin")) as r:
            body = await r.text()
        async with http.post(world.panel.make_url("/signin/demo"), data={"user": "ana"}) as r:
            assert r.status in (403, 404)
    assert "Sign in with Slack" in body and "Sign in with Discord" in body
    assert "Local demo login" not in body


async def test_someone_in_two_discord_servers_picks_one_on_a_form(world: World) -> None:
    """D1 is known in two servers: a form asks which (the CSRF token checked, a server it did
    not offer refused); the chosen one is signed in."""
    second = Harness(world.uow, community="G2", platform="discord")
    assert (await second.say("D1", '/plc team create "Second school" UTC', "C7")).ok
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(world.panel.make_url("/signin/discord"), allow_redirects=False) as r:
            authorize = r.headers["Location"]
        async with http.get(authorize, allow_redirects=False) as r:
            back = r.headers["Location"]
        async with http.get(back, allow_redirects=False) as r:
            assert r.status == 303 and r.headers["Location"] == "/signin/pick"
        async with http.get(world.panel.make_url("/signin/pick"), allow_redirects=False) as r:
            body = await r.text()
        assert r.status == 200 and "<h1>Choose a server</h1>" in body
        assert "Server G1 (your teams: Discord team)" in body
        assert "Server G2 (your teams: Second school)" in body
        found = re.search(r'name="csrf" value="([^"]+)"', body)
        assert found is not None
        pick = world.panel.make_url("/signin/pick")
        async with http.post(pick, data={"csrf": "forged", "community": "discord:G2"}) as r:
            assert r.status == 403
        form = {"csrf": found.group(1), "community": "discord:G9"}
        async with http.post(pick, data=form, allow_redirects=False) as r:
            assert r.status == 400
        form["community"] = "discord:G2"
        async with http.post(pick, data=form, allow_redirects=False) as r:
            assert r.status == 303 and r.headers["Location"] == "/community"
        async with http.get(world.panel.make_url("/community")) as r:
            body = await r.text()
        assert r.status == 200 and "Second school" in body and "Discord team" not in body


async def test_the_server_picker_without_a_verified_sign_in_sends_back_to_sign_in(
    world: World,
) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(world.panel.make_url("/signin/pick"), allow_redirects=False) as r:
            assert r.status == 303 and r.headers["Location"] == "/signin"
