"""Intents of buttons and forms (encoded and decoded by bot.actions), re-exported by
bot.commands.intents: what a click or a submitted form asks for, already typed."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain import Visibility


@dataclass(frozen=True)
class CheckInClick:
    session_id: int  # 0: whatever session is open (or a check-in between sessions)
    score: int


@dataclass(frozen=True)
class ReflectClick:
    delivery_id: int  # 0: the team's latest prompt


@dataclass(frozen=True)
class PulseAnswer:
    session_id: int
    relevant: int | None = None
    recommend: bool | None = None


@dataclass(frozen=True)
class CheckInWord:
    """The word a person adds to their check-in after clicking its score (a form)."""

    checkin_id: int
    word: str


@dataclass(frozen=True)
class ForgetConfirm:
    addressee: str  # the person the confirmation was shown to


@dataclass(frozen=True)
class ForgetCancel:
    addressee: str


@dataclass(frozen=True)
class ReflectSubmit:
    delivery_id: int
    text: str
    visibility: Visibility | None = None


@dataclass(frozen=True)
class TeamZoneClick:
    """'Choose the time zone' on a new team's answer: opens the zone form."""

    team_id: int


@dataclass(frozen=True)
class TeamZoneSubmit:
    team_id: int
    zone: str  # the select's choice
    other: str = ""  # typed instead, when the zone is not among the common ones
