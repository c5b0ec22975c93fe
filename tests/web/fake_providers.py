"""Slack's OpenID Connect endpoints and Discord's OAuth2 endpoints, faked at the wire on
127.0.0.1. Their authorize pages approve at once (the person said yes) and send the browser
back with a code; what each endpoint was asked is recorded."""

from __future__ import annotations

import base64
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import jwt
from aiohttp import web
from aiohttp.test_utils import TestServer
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "1234.5678"
CLIENT_SECRET = "s3cret"


def _jwk(key: rsa.RSAPrivateKey, kid: str) -> dict[str, str]:
    numbers = key.public_key().public_numbers()

    def b64(n: int) -> str:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return {
        "kty": "RSA",
        "kid": kid,
        "alg": "RS256",
        "use": "sig",
        "n": b64(numbers.n),
        "e": b64(numbers.e),
    }


@dataclass
class Identity:
    team: str = "T1"
    user: str = "ana"


@dataclass
class FakeSlackOpenId:
    """`who` is whoever approves next; `tamper` bends the next ID token: "nonce" (another
    nonce), "key" (signed by a key not in the JWKS), "audience" (for another app)."""

    who: Identity = field(default_factory=Identity)
    tamper: str = ""
    asked: list[dict[str, str]] = field(default_factory=list)
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    codes: dict[str, str] = field(default_factory=dict)  # code -> nonce
    server: TestServer | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.add_routes(
            [
                web.get("/openid/connect/authorize", self.authorize),
                web.post("/api/openid.connect.token", self.token),
                web.get("/openid/connect/keys", self.keys),
            ]
        )
        return app

    def url(self, path: str) -> str:
        assert self.server is not None
        return str(self.server.make_url(path))

    async def authorize(self, request: web.Request) -> web.StreamResponse:
        q = dict(request.query)
        self.asked.append(q)
        code = secrets.token_hex(8)
        self.codes[code] = q.get("nonce", "")
        raise web.HTTPFound(f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q['state']})}")

    async def token(self, request: web.Request) -> web.StreamResponse:
        form = dict(await request.post())
        auth = request.headers.get("Authorization", "")
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if auth != f"Basic {expected}" or form.get("code") not in self.codes:
            return web.json_response({"ok": False, "error": "invalid_code"})
        nonce = self.codes.pop(str(form["code"]))
        claims: dict[str, Any] = {
            "iss": "https://slack.com",
            "aud": "another.app" if self.tamper == "audience" else CLIENT_ID,
            "sub": self.who.user,
            "exp": int(time.time()) + 300,
            "iat": int(time.time()),
            "nonce": "not-yours" if self.tamper == "nonce" else nonce,
            "https://slack.com/team_id": self.who.team,
            "https://slack.com/user_id": self.who.user,
        }
        key = self.key
        if self.tamper == "key":
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "k1"})
        return web.json_response({"ok": True, "access_token": "xoxp-1", "id_token": token})

    async def keys(self, request: web.Request) -> web.StreamResponse:
        return web.json_response({"keys": [_jwk(self.key, "k1")]})


@dataclass
class FakeDiscordOAuth:
    user: str = "D1"
    asked: list[dict[str, str]] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)
    tokens: set[str] = field(default_factory=set)
    server: TestServer | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.add_routes(
            [
                web.get("/oauth2/authorize", self.authorize),
                web.post("/api/oauth2/token", self.token),
                web.get("/api/users/@me", self.me),
            ]
        )
        return app

    def url(self, path: str) -> str:
        assert self.server is not None
        return str(self.server.make_url(path))

    async def authorize(self, request: web.Request) -> web.StreamResponse:
        q = dict(request.query)
        self.asked.append(q)
        code = secrets.token_hex(8)
        self.codes.add(code)
        raise web.HTTPFound(f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q['state']})}")

    async def token(self, request: web.Request) -> web.StreamResponse:
        form = dict(await request.post())
        ok = (
            form.get("client_id") == CLIENT_ID
            and form.get("client_secret") == CLIENT_SECRET
            and form.get("grant_type") == "authorization_code"
            and form.get("code") in self.codes
        )
        if not ok:
            return web.json_response({"error": "invalid_grant"}, status=400)
        self.codes.discard(str(form["code"]))
        token = secrets.token_hex(8)
        self.tokens.add(token)
        return web.json_response(
            {"access_token": token, "token_type": "Bearer", "scope": "identify"}
        )

    async def me(self, request: web.Request) -> web.StreamResponse:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if token not in self.tokens:
            return web.json_response({"message": "401: Unauthorized"}, status=401)
        return web.json_response({"id": self.user, "username": "not-stored"})
