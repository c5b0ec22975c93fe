"""Intents of micro-credential portfolios (bot.credentials): typed like every intent
(bot.commands.intents); the grammar, Discord's options, buttons and file uploads build them.
A part is named by its number in the issuer's order, as `/plc credential status` shows it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CredentialList:
    pass


@dataclass(frozen=True)
class CredentialStart:
    credential_id: str


@dataclass(frozen=True)
class CredentialStatus:
    credential_id: str = ""  # empty: every portfolio of the person, in short


@dataclass(frozen=True)
class CredentialAdd:
    """A written answer for a part, or a link to an artifact (the text is one URL)."""

    credential_id: str
    part: int
    text: str


@dataclass(frozen=True)
class CredentialUse:
    """One of the person's own reflections, by its number, as evidence for a part."""

    credential_id: str
    part: int
    reflection_id: int


@dataclass(frozen=True)
class CredentialUseClick:
    """The "Use as evidence" button under a reflection: choose the portfolio and part."""

    reflection_id: int


@dataclass(frozen=True)
class CredentialFile:
    """A file attached on a chat platform, kept as an artifact (the adapter fetched it)."""

    credential_id: str
    part: int
    name: str
    mime: str
    content: bytes = field(repr=False)
    note: str = ""


@dataclass(frozen=True)
class CredentialConfirm:
    """Evidence held because it may name someone: keep it as it is, or drop it to edit."""

    evidence_id: int
    keep: bool


@dataclass(frozen=True)
class CredentialShare:
    credential_id: str
    reviewer_id: str


@dataclass(frozen=True)
class CredentialReview:
    """A reviewer reads a portfolio shared with them."""

    teacher_id: str
    credential_id: str


@dataclass(frozen=True)
class CredentialComment:
    teacher_id: str
    credential_id: str
    part: int
    text: str


@dataclass(frozen=True)
class CredentialExport:
    credential_id: str


CredentialClick = CredentialUseClick | CredentialUse | CredentialConfirm

CredentialIntent = (
    CredentialList
    | CredentialStart
    | CredentialStatus
    | CredentialAdd
    | CredentialUse
    | CredentialUseClick
    | CredentialFile
    | CredentialConfirm
    | CredentialShare
    | CredentialReview
    | CredentialComment
    | CredentialExport
)
