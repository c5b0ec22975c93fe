"""Micro-credentials and a teacher's evidence portfolio for one of them.

A micro-credential (issued by a district or an association, never by plcbot) names one
competency and the parts of a submission in the issuer's order: overview questions, artifacts
with what each must show, and a reflection. The catalog is TOML data (bot/credential_catalog.py).
A portfolio is private to its teacher unless they share it with one named reviewer."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime

FILE_LIMIT = 10 * 1024 * 1024  # bytes: the largest file kept as an artifact (10 MB)
TEXT_LIMIT = 10_000  # characters of one text answer or comment
_WORD = re.compile(r"\b[\w'’-]+\b")


class PartKind(enum.StrEnum):
    OVERVIEW = "overview"  # a question answered in writing
    ARTIFACT = "artifact"  # something from the classroom: a file or a link, with its must_show
    REFLECTION = "reflection"  # a reflection, written here or one of the teacher's own


@dataclass(frozen=True)
class Part:
    id: str
    kind: PartKind
    title: str
    guidance: str
    must_show: str = ""  # artifacts: what the artifact must show
    words: tuple[int, int] | None = None  # the issuer's word range, when it gives one


@dataclass(frozen=True)
class Credential:
    id: str
    title: str
    competency: str
    key_method: str
    guidance: str
    parts: tuple[Part, ...]
    issuer: str = ""

    def part(self, number: int) -> Part | None:
        """A part by its number in the issuer's order (from 1)."""
        return self.parts[number - 1] if 1 <= number <= len(self.parts) else None

    def number_of(self, part_id: str) -> int:
        return next((n for n, p in enumerate(self.parts, 1) if p.id == part_id), 0)


@dataclass(frozen=True)
class Catalog:
    credentials: tuple[Credential, ...]

    def get(self, credential_id: str) -> Credential | None:
        wanted = credential_id.strip().lower()
        return next((c for c in self.credentials if c.id == wanted), None)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.credentials)


class EvidenceKind(enum.StrEnum):
    TEXT = "text"  # an answer written for the part
    REFLECTION = "reflection"  # one of the teacher's reflections, by reference
    LINK = "link"  # an artifact kept elsewhere
    FILE = "file"  # an artifact uploaded through the chat platform


@dataclass(frozen=True)
class Portfolio:
    id: int
    community_id: str
    user_id: str  # the teacher: only they (and the reviewer they name) see it
    credential_id: str
    started_at: datetime
    reviewer_id: str | None = None
    shared_at: datetime | None = None


@dataclass(frozen=True)
class Evidence:
    id: int
    community_id: str
    portfolio_id: int
    user_id: str
    part_id: str
    kind: EvidenceKind
    created_at: datetime
    text: str = ""  # the answer, the link, or a file's description
    reflection_id: int | None = None
    file_name: str = ""
    file_type: str = ""
    file_size: int = 0
    content: bytes | None = field(default=None, repr=False)
    confirmed: bool = True  # False: held until the teacher confirms it names no one


@dataclass(frozen=True)
class Comment:
    id: int
    community_id: str
    portfolio_id: int
    user_id: str  # the portfolio's teacher
    reviewer_id: str
    part_id: str
    text: str
    created_at: datetime


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
