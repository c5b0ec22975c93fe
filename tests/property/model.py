"""The trust property's own picture of the world, kept from what people did and what the bot
said yes to, never from the bot's storage: who legitimately holds which role, which reflections
exist with the audience their author chose, who took part in which team. The checks compare
what every reader saw, and what storage holds, against it."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import datetime

SECRET = re.compile(r"SECRET\d{5}")
DISTRICT = "<district office>"


@dataclass
class Secret:
    token: str
    community: str
    channel: str
    author: str
    audience: str  # private | facilitators | team
    written_at: datetime
    delivery: int = 0  # the prompt it answers (0: none)


@dataclass
class Community:
    cid: str
    channels: tuple[str, ...]
    people: tuple[str, ...]
    admins: set[str] = field(default_factory=set)
    ever_had_admin: bool = False
    facilitators: dict[str, set[str]] = field(default_factory=dict)  # channel -> users
    members: dict[str, set[str]] = field(default_factory=dict)  # channel -> users who took part
    teams: set[str] = field(default_factory=set)  # channels that are teams


@dataclass
class Model:
    communities: dict[str, Community]
    secrets: dict[str, Secret] = field(default_factory=dict)
    forgotten: set[tuple[str, str]] = field(default_factory=set)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def new_secret(self) -> str:
        return f"SECRET{next(self._ids):05d}"

    def community_of(self, channel: str) -> Community:
        return next(c for c in self.communities.values() if channel in c.channels)

    def may_read(self, reader: str, secret: Secret, community: str | None) -> bool:
        """The one rule: the author always; `team` anyone in that community; `facilitators`
        the team's legitimate facilitators; the district office anything not private."""
        if reader == secret.author and community in (None, secret.community):
            return True
        if reader == DISTRICT:
            return community == secret.community and secret.audience != "private"
        if community != secret.community:
            return False
        if secret.audience == "team":
            return True
        if secret.audience == "facilitators":
            c = self.communities[secret.community]
            return reader in c.facilitators.get(secret.channel, set())
        return False

    def live_secrets(self, cid: str, user: str) -> set[str]:
        return {s.token for s in self.secrets.values() if s.community == cid and s.author == user}

    def forget(self, cid: str, user: str) -> None:
        c = self.communities[cid]
        for token in self.live_secrets(cid, user):
            del self.secrets[token]
        c.admins.discard(user)
        for group in (*c.facilitators.values(), *c.members.values()):
            group.discard(user)
        self.forgotten.add((cid, user))
