"""What the config file declares, once read and checked (see bot/declared/__init__.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.scheduling.model import ScheduleKind
from bot.toml_reader import TomlError

PLATFORMS = ("slack", "discord", "console")


class DeclarationError(TomlError):
    """A declaration in the config file is wrong; the message names the key path."""


@dataclass(frozen=True)
class DeclaredBreak:
    first_day: date
    last_day: date
    label: str


@dataclass(frozen=True)
class DeclaredSchedule:
    kind: ScheduleKind
    when: str  # normalized, as `/plc schedule add` stores it
    timezone: str | None  # None: the team's
    after_hours: int | None = None


@dataclass(frozen=True)
class DeclaredTeam:
    channel: str
    name: str | None = None  # None: the default name
    timezone: str | None = None  # None: [bot] default_timezone
    schedules: tuple[DeclaredSchedule, ...] = ()
    calendar: tuple[DeclaredBreak, ...] = ()
    archived: bool | None = None  # None: as it is; True/False: archive it, or bring it back


@dataclass(frozen=True)
class DeclaredCommunity:
    id: str
    admins: tuple[str, ...] = ()
    calendar: tuple[DeclaredBreak, ...] = ()
    teams: tuple[DeclaredTeam, ...] = ()
