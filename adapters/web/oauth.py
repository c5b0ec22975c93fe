"""Sign in with Slack (OpenID Connect, `openid` scope: the ID token's signature, issuer,
audience and nonce verified) and with Discord (OAuth2 code flow, `identify` scope). Either way
the panel learns ids only, and signs in the person the bot already knows by them."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp
import jwt
from aiohttp import web
from slack_sdk.oauth import OpenIDConnectAuthorizeUrlGenerator
from slack_sdk.web.async_client import AsyncWebClient

from adapters.web.app import PANEL
from adapters.web.signin import not_met, sign_in
from bot.api import N_, _

FAILED = N_(
    "Signing in did not work (the answer was out of date or not for this panel). Try again."
)
TIMEOUT = aiohttp.ClientTimeout(total=10)


class SignInFailed(Exception):
    pass


@dataclass(frozen=True)
class SlackSignIn:
    client_id: str
    client_secret: str
    authorize_url: str = "https://slack.com/openid/connect/authorize"
    api_url: str = "https://slack.com/api/"
    keys_url: str = "https://slack.com/openid/connect/keys"
    issuer: str = "https://slack.com"

    def authorize(self, redirect_uri: str, state: str, nonce: str) -> str:
        generator = OpenIDConnectAuthorizeUrlGenerator(
            client_id=self.client_id,
            scopes=["openid"],
            redirect_uri=redirect_uri,
            authorization_url=self.authorize_url,
        )
        return generator.generate(state=state, nonce=nonce)

    async def identify(self, code: str, redirect_uri: str, nonce: str) -> list[tuple[str, str]]:
        client = AsyncWebClient(base_url=self.api_url)
        answer = await client.openid_connect_token(
            client_id=self.client_id,
            client_secret=self.client_secret,
            code=code,
            redirect_uri=redirect_uri,
        )
        claims = await self._verified(str(answer["id_token"]))
        if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
            raise SignInFailed("nonce")
        team = str(claims["https://slack.com/team_id"])
        return [(f"slack:{team}", str(claims["https://slack.com/user_id"]))]

    async def _verified(self, token: str) -> dict[str, Any]:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
            async with http.get(self.keys_url) as r:
                keys = jwt.PyJWKSet.from_dict(await r.json())
        kid = jwt.get_unverified_header(token).get("kid")
        key = next((k for k in keys.keys if k.key_id == kid), None)
        if key is None:
            raise SignInFailed("unknown key")
        try:
            claims: dict[str, Any] = jwt.decode(
                token, key.key, algorithms=["RS256"], audience=self.client_id, issuer=self.issuer
            )
        except jwt.PyJWTError as error:
            raise SignInFailed(type(error).__name__) from None
        return claims


@dataclass(frozen=True)
class DiscordSignIn:
    client_id: str
    client_secret: str
    authorize_url: str = "https://discord.com/oauth2/authorize"
    api_url: str = "https://discord.com/api/"

    def authorize(self, redirect_uri: str, state: str, nonce: str) -> str:
        query = {
            "response_type": "code",
            "client_id": self.client_id,
            "scope": "identify",
            "state": state,
            "redirect_uri": redirect_uri,
            "prompt": "none",
        }
        return f"{self.authorize_url}?{urlencode(query)}"

    async def identify(self, code: str, redirect_uri: str, nonce: str) -> list[tuple[str, str]]:
        form = {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
        }
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
            async with http.post(f"{self.api_url}oauth2/token", data=form) as r:
                if r.status != 200:
                    raise SignInFailed(f"token {r.status}")
                token = (await r.json())["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            async with http.get(f"{self.api_url}users/@me", headers=headers) as r:
                if r.status != 200:
                    raise SignInFailed(f"user {r.status}")
                user = str((await r.json())["id"])
        return [("discord", user)]  # the servers are the ones the bot knows this person in


def _redirect_uri(request: web.Request, name: str) -> str:
    base = request.app[PANEL].public_url or f"{request.scheme}://{request.host}/"
    return f"{base}signin/{name}/callback"


async def start(request: web.Request) -> web.StreamResponse:
    panel = request.app[PANEL]
    name = request.match_info["provider"]
    provider = panel.providers.get(name)
    if provider is None:
        raise web.HTTPNotFound()
    state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    response = web.HTTPSeeOther(provider.authorize(_redirect_uri(request, name), state, nonce))
    panel.sessions.write(response, panel.sessions.fresh(state=state, nonce=nonce))
    raise response


async def callback(request: web.Request) -> web.StreamResponse:
    panel = request.app[PANEL]
    name = request.match_info["provider"]
    provider = panel.providers.get(name)
    session = panel.sessions.read(request)
    if provider is None:
        raise web.HTTPNotFound()
    sent = request.query.get("state", "")
    if session is None or not session.state or not session.nonce or "code" not in request.query:
        return _failed(request)
    if not secrets.compare_digest(session.state, sent):
        return _failed(request)
    try:
        found = await provider.identify(
            request.query["code"], _redirect_uri(request, name), session.nonce
        )
    except (SignInFailed, aiohttp.ClientError, KeyError, ValueError):
        return _failed(request)
    if found and found[0][0] == "discord":
        user = found[0][1]
        found = [(c, user) for c in await panel.bot.panel.communities_of("discord", user)]
    if not found:
        return not_met(request)
    if len(found) > 1:  # known in several servers: the person picks one, on a page of its own
        user = found[0][1]
        response = web.HTTPSeeOther("/signin/pick")
        chosen = panel.sessions.fresh(picking=user, picks=" ".join(c for c, _user in found))
        panel.sessions.write(response, chosen)
        raise response
    community, user = found[0]
    return await sign_in(request, community, user)


def _failed(request: web.Request) -> web.Response:
    return request.app[PANEL].page(
        request, "message.html", status=400, title=_("Sign-in failed"), text=_(FAILED)
    )


async def picker(request: web.Request) -> web.StreamResponse:
    """Which server to sign in to: each with the teams the person is in there. The choice
    and the verified user id wait in the session (the form names only a community), so the
    page can be reloaded and the provider's code is not left in the address bar."""
    panel = request.app[PANEL]
    session = panel.sessions.read(request)
    if session is None or not session.picking or not session.picks:
        raise web.HTTPSeeOther("/signin")
    choices = []
    for community in session.picks.split():
        person = await panel.bot.panel.person(community, session.picking)
        teams = ", ".join(m.name for m in person.teams) if person is not None else ""
        choices.append((community, teams))
    return panel.page(
        request, "signin_pick.html", title=_("Choose a server"), session=session, choices=choices
    )


async def pick(request: web.Request) -> web.StreamResponse:
    """The picker's form (its CSRF token checked by `guarded`): a community it offered."""
    panel = request.app[PANEL]
    session = panel.sessions.read(request)
    chosen = str((await request.post()).get("community", ""))
    offered = (session.picks or "").split() if session is not None else []
    if session is None or not session.picking or chosen not in offered:
        return _failed(request)
    return await sign_in(request, chosen, session.picking)


def routes() -> list[web.RouteDef]:
    return [
        web.get("/signin/{provider}", start),
        web.get("/signin/{provider}/callback", callback),
        web.get("/signin/pick", picker),
        web.post("/signin/pick", pick),
    ]
