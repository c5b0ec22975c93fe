"""The port of micro-credential portfolios (bot.credentials): a teacher's portfolios, their
evidence and their reviewer's comments. Every read names the community."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol

from bot.credentials import Comment, Evidence, Portfolio


class Portfolios(Protocol):
    async def start(self, portfolio: Portfolio) -> Portfolio:
        """Stores a new portfolio (its id is ignored) and returns it with its id."""
        ...

    async def get(
        self, community_id: str, user_id: str, credential_id: str
    ) -> Portfolio | None: ...

    async def of_user(self, community_id: str, user_id: str) -> Sequence[Portfolio]:
        """The person's portfolios, oldest first."""
        ...

    async def save(self, portfolio: Portfolio) -> None:
        """Its reviewer (shared with, and when)."""
        ...

    async def counts(self, community_id: str) -> Mapping[str, int]:
        """How many teachers of the community have a portfolio, by credential id."""
        ...

    async def grown_since(self, community_id: str, user_ids: Sequence[str], since: datetime) -> int:
        """How many of these teachers' portfolios gained confirmed evidence since then."""
        ...

    async def add_evidence(self, evidence: Evidence) -> Evidence: ...

    async def get_evidence(self, community_id: str, evidence_id: int) -> Evidence | None: ...

    async def confirm_evidence(self, community_id: str, evidence_id: int) -> None: ...

    async def remove_evidence(self, community_id: str, evidence_id: int) -> None: ...

    async def evidence(self, community_id: str, portfolio_id: int) -> Sequence[Evidence]:
        """The portfolio's evidence, oldest first, files' bytes included."""
        ...

    async def add_comment(self, comment: Comment) -> Comment: ...

    async def comments(self, community_id: str, portfolio_id: int) -> Sequence[Comment]:
        """Oldest first."""
        ...
