"""A community's school calendar and its teams' schedules, declared in the config file and
applied at start.

```toml
[[community]]
id = "slack:T0123"                # platform:workspace (or discord:<guild id>)
admins = ["U0ADMIN"]              # optional: people who are this community's admins

[[community.calendar]]            # a break for every team of the community
from = 2026-12-21
to = 2027-01-01
label = "Winter break"

[[community.team]]
channel = "C0456"
name = "Grade 4 Math"             # optional
timezone = "America/Chicago"      # optional: [bot] default_timezone
# archived = true                 # optional: archive the team (false: bring it back)

[[community.team.schedule]]
kind = "stage_nudge"
when = "mon,wed 15:30"
timezone = "America/New_York"     # optional: the team's
# after_hours = 24                # nonresponder_reminder only

[[community.team.calendar]]       # a break for this team only
from = 2027-03-08
to = 2027-03-12
label = "State testing"
```

Applying is additive and idempotent: a team is created if its channel is not a team yet (an
existing team keeps its name and zone), a schedule is added unless the team has one of the
same (kind, when, time zone) — paused or not — and a break unless one with the same
(first day, last day, team) exists. Nothing else is changed or removed (only a team's
`archived`, when declared, is applied: archived, or brought back), so starting twice, or
several processes starting at once, never duplicates anything. Applying is in
bot.declared_apply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.scheduling.model import ScheduleKind
from bot.scheduling.when import WhenError, fire_times, parse_when
from bot.text import NAME_MAX, one_line

DECLARED_BY = "config"  # created_by of what the config file declared
PLATFORMS = ("slack", "discord", "console")
DEFAULT_TEAM_NAME = "Our learning team"
DEFAULT_BREAK_LABEL = "Break"
LABEL_MAX = 80


class DeclarationError(ValueError):
    """A declaration in the config file is wrong; the message names the key."""


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


# ---- reading and checking the declarations --------------------------------------------------


class _Table:
    """One table of the file: its header for messages, where it is, and its keys."""

    def __init__(self, header: str, at: tuple[str, ...], raw: Any, known: set[str]) -> None:
        self.header = header
        self.at(*at)
        if not isinstance(raw, Mapping):
            raise DeclarationError(f"{header}: must be a table{self.where}")
        unknown = sorted(set(raw) - known)
        if unknown:
            raise DeclarationError(
                f"{header} {unknown[0]}: unknown key (known: {', '.join(sorted(known))}){self.where}"
            )
        self.raw = raw

    def at(self, *where: str) -> None:
        """Where the table is, for messages: (community "slack:T1", team "C1", schedule 2)."""
        self.where = f" ({', '.join(where)})" if where else ""

    def error(self, key: str, problem: str) -> DeclarationError:
        return DeclarationError(f"{self.header} {key}: {problem}{self.where}")

    def text(self, key: str) -> str | None:
        value = self.raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not one_line(value):
            raise self.error(key, f"must be a non-empty string, not {value!r}")
        return one_line(value)

    def required(self, key: str) -> str:
        value = self.text(key)
        if value is None:
            raise self.error(key, "is missing")
        return value

    def word(self, key: str) -> str:
        """A required id: one word, no spaces."""
        value = self.required(key)
        if " " in value:
            raise self.error(key, f"must be one word, not {value!r}")
        return value

    def zone(self, key: str) -> str | None:
        name = self.text(key)
        if name is not None:
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                raise self.error(
                    key, f"{name!r} is not an IANA time zone (e.g. America/Chicago)"
                ) from None
        return name

    def day(self, key: str) -> date:
        value = self.raw.get(key)
        if value is None:
            raise self.error(key, "is missing (a date like 2026-12-21)")
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                pass
        if not isinstance(value, date) or isinstance(value, datetime):
            raise self.error(key, f"must be a date like 2026-12-21, not {value!r}")
        return value

    def tables(self, key: str) -> list[Any]:
        value = self.raw.get(key, [])
        if not isinstance(value, list):
            raise self.error(
                key, f"must be an array of tables ([[{self.header.strip('[]')}.{key}]])"
            )
        return value


def parse_communities(raw: Sequence[Any]) -> tuple[DeclaredCommunity, ...]:
    """The `[[community]]` tables, checked. Raises DeclarationError naming the key."""
    out: list[DeclaredCommunity] = []
    seen: set[str] = set()
    for n, item in enumerate(raw, 1):
        c = _Table("[[community]]", (f"community {n}",), item, {"id", "admins", "calendar", "team"})
        cid = c.word("id")
        platform, _, external = cid.partition(":")
        if platform not in PLATFORMS or not external:
            raise c.error(
                "id",
                f"{cid!r} must be platform:id, like slack:T0123 or discord:123456789 "
                f"(platforms: {', '.join(PLATFORMS)})",
            )
        if cid in seen:
            raise c.error("id", f"{cid!r} is declared twice; declare each community once")
        seen.add(cid)
        at = (f'community "{cid}"',)
        c.at(*at)
        admins = c.raw.get("admins", [])
        if not isinstance(admins, list) or not all(
            isinstance(a, str) and a.strip() and " " not in a.strip() for a in admins
        ):
            raise c.error("admins", f'must be a list of user ids, like ["U0ADMIN"], not {admins!r}')
        calendar = tuple(
            _break(b, "[[community.calendar]]", (*at, f"break {k}"))
            for k, b in enumerate(c.tables("calendar"), 1)
        )
        teams: list[DeclaredTeam] = []
        channels: set[str] = set()
        for k, t in enumerate(c.tables("team"), 1):
            team = _team(t, (*at, f"team {k}"))
            if team.channel in channels:
                raise DeclarationError(
                    f"[[community.team]] channel: {team.channel!r} is declared twice{c.where}"
                )
            channels.add(team.channel)
            teams.append(team)
        out.append(
            DeclaredCommunity(
                cid, tuple(dict.fromkeys(a.strip() for a in admins)), calendar, tuple(teams)
            )
        )
    return tuple(out)


def _team(raw: Any, at: tuple[str, ...]) -> DeclaredTeam:
    t = _Table(
        "[[community.team]]",
        at,
        raw,
        {"channel", "name", "timezone", "schedule", "calendar", "archived"},
    )
    channel = t.word("channel")
    at = (*at[:-1], f'team "{channel}"')
    t.at(*at)
    name = t.text("name")
    if name is not None and len(name) > NAME_MAX:
        raise t.error("name", f"can be up to {NAME_MAX} characters; this one has {len(name)}")
    schedules = tuple(
        _schedule(s, (*at, f"schedule {k}")) for k, s in enumerate(t.tables("schedule"), 1)
    )
    calendar = tuple(
        _break(b, "[[community.team.calendar]]", (*at, f"break {k}"))
        for k, b in enumerate(t.tables("calendar"), 1)
    )
    archived = t.raw.get("archived")
    if archived is not None and not isinstance(archived, bool):
        raise t.error("archived", f"must be true or false, not {archived!r}")
    return DeclaredTeam(channel, name, t.zone("timezone"), schedules, calendar, archived)


def _schedule(raw: Any, at: tuple[str, ...]) -> DeclaredSchedule:
    s = _Table("[[community.team.schedule]]", at, raw, {"kind", "when", "timezone", "after_hours"})
    kind_name = s.required("kind")
    try:
        kind = ScheduleKind(kind_name)
    except ValueError:
        kinds = ", ".join(k.value for k in ScheduleKind)
        raise s.error("kind", f"{kind_name!r} is not a kind of schedule ({kinds})") from None
    when_text = s.required("when")
    try:
        when = parse_when(when_text)
    except WhenError as e:
        raise s.error("when", str(e)) from None
    if next(fire_times(when, ZoneInfo("UTC"), _EPOCH), None) is None:
        raise s.error("when", f'{when_text!r} never comes round; try "weekdays 08:00"')
    after = s.raw.get("after_hours")
    if after is not None:
        if kind is not ScheduleKind.NONRESPONDER_REMINDER:
            raise s.error("after_hours", 'is only for kind = "nonresponder_reminder"')
        if isinstance(after, bool) or not isinstance(after, int) or not 1 <= after <= 336:
            raise s.error("after_hours", f"must be a number of hours from 1 to 336, not {after!r}")
    return DeclaredSchedule(kind, when.source, s.zone("timezone"), after)


_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _break(raw: Any, header: str, at: tuple[str, ...]) -> DeclaredBreak:
    b = _Table(header, at, raw, {"from", "to", "label"})
    first, last = b.day("from"), b.day("to")
    if last < first:
        raise b.error("to", f"{last.isoformat()} is before from ({first.isoformat()})")
    if (last - first).days > 366:
        raise b.error("to", "a break can be at most a year long")
    label = b.text("label") or DEFAULT_BREAK_LABEL
    return DeclaredBreak(first, last, label[:LABEL_MAX])


# ---- applying them ------------------------------------------------------------------------------
