"""Sessions in an encrypted cookie (Fernet: AES with an HMAC), HttpOnly, SameSite=Lax, with an
expiry inside the sealed value. A session holds ids, a CSRF token and at most one notice to show once (the bot's own answer
to that person): no names, no e-mail."""

from __future__ import annotations

import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web
from cryptography.fernet import Fernet, InvalidToken

COOKIE = "plcbot_panel"
SESSION_SECONDS = 8 * 3600


@dataclass(frozen=True)
class Session:
    csrf: str
    expires: float
    community_id: str | None = None  # None: signed out (a session for the sign-in forms)
    user_id: str | None = None
    nonce: str | None = None  # a sign-in in progress: the state and nonce sent to the provider
    state: str | None = None
    notice: str | None = None  # what the next page says once (after a redirect), plain text
    # a verified sign-in known in several communities, waiting for the person to pick one:
    # the user id and the communities' ids, space-separated
    picking: str | None = None
    picks: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.community_id is not None and self.user_id is not None


class Sessions:
    def __init__(self, key: bytes, *, secure: bool, now: Callable[[], float] = time.time) -> None:
        self._fernet = Fernet(key)
        self._secure = secure
        self.now = now

    def fresh(self, **values: str | None) -> Session:
        return Session(secrets.token_urlsafe(24), self.now() + SESSION_SECONDS, **values)

    def read(self, request: web.Request) -> Session | None:
        """The request's session, or None when missing, tampered with or expired."""
        sealed = request.cookies.get(COOKIE)
        if not sealed:
            return None
        try:
            raw = json.loads(self._fernet.decrypt(sealed.encode()))
            session = Session(**raw)
        except (InvalidToken, ValueError, TypeError):
            return None
        return session if session.expires > self.now() else None

    def write(self, response: web.StreamResponse, session: Session) -> None:
        sealed = self._fernet.encrypt(json.dumps(session.__dict__).encode()).decode()
        response.set_cookie(
            COOKIE,
            sealed,
            max_age=max(0, int(session.expires - self.now())),
            httponly=True,
            samesite="Lax",
            secure=self._secure,
            path="/",
        )

    @staticmethod
    def clear(response: web.StreamResponse) -> None:
        response.del_cookie(COOKIE, path="/")


def csrf_ok(session: Session | None, sent: object) -> bool:
    return (
        session is not None
        and isinstance(sent, str)
        and hmac.compare_digest(session.csrf.encode(), sent.encode())
    )


def new_key() -> bytes:
    return Fernet.generate_key()
