"""Reading the `[[community]]` tables of the config file through the one TOML reader: each
mistake is a DeclarationError naming the key path (`community[0].team[1].timezone`) and what
is wrong, in the words the same rule uses in chat."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from bot.declared.model import (
    PLATFORMS,
    DeclarationError,
    DeclaredBreak,
    DeclaredCommunity,
    DeclaredSchedule,
    DeclaredTeam,
)
from bot.rules.founding import NameTooLong, team_name
from bot.rules.zones import UnknownZone, zone, zone_info
from bot.scheduling.model import (
    AFTER_MAX,
    BREAK_MAX_DAYS,
    DEFAULT_BREAK_LABEL,
    LABEL_MAX,
    ScheduleKind,
    UnknownKind,
    schedule_kind,
)
from bot.scheduling.when import WhenError, fire_times, parse_when
from bot.text import one_line
from bot.toml_reader import Source, join

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_UTC_INFO = zone_info("UTC")


class _Reader(Source):
    """The declarations (no file: the config names it in front of the message)."""

    def __init__(self) -> None:
        super().__init__("", DeclarationError)

    def line(self, table: dict[str, Any], key: str, name: str) -> str | None:
        """An optional one-line text."""
        value = table.get(name)
        return None if value is None else one_line(self.text(value, join(key, name)))

    def word(self, table: dict[str, Any], key: str, name: str) -> str:
        """A required id: one word, no spaces."""
        value = one_line(self.text(table[name], join(key, name)))
        if " " in value:
            self.fail(join(key, name), f"must be one word, not {value!r}")
        return value

    def zone(self, table: dict[str, Any], key: str, name: str) -> str | None:
        value = self.line(table, key, name)
        try:
            return None if value is None else zone(value)
        except UnknownZone as e:
            self.fail(join(key, name), str(e))


def parse_communities(raw: Sequence[Any]) -> tuple[DeclaredCommunity, ...]:
    """The `[[community]]` tables, checked. Raises DeclarationError naming the key path."""
    r = _Reader()
    out: list[DeclaredCommunity] = []
    for key, entry in r.tables(list(raw), "community", "tables ([[community]])"):
        community = _community(r, key, entry)
        if any(c.id == community.id for c in out):
            r.fail(join(key, "id"), f"{community.id!r} is declared twice; declare each once")
        out.append(community)
    return tuple(out)


def _community(r: _Reader, key: str, raw: Any) -> DeclaredCommunity:
    c = r.table(raw, key, required=("id",), optional=("admins", "calendar", "team"))
    cid = r.word(c, key, "id")
    platform, _, external = cid.partition(":")
    if platform not in PLATFORMS or not external:
        r.fail(
            join(key, "id"),
            f"{cid!r} must be platform:id, like slack:T0123 or discord:123456789 "
            f"(platforms: {', '.join(PLATFORMS)})",
        )
    admins = c.get("admins", [])
    if not isinstance(admins, list) or not all(
        isinstance(a, str) and a.strip() and " " not in a.strip() for a in admins
    ):
        r.fail(join(key, "admins"), f'must be a list of user ids, like ["U0ADMIN"], not {admins!r}')
    calendar = _breaks(r, c, key)
    teams: list[DeclaredTeam] = []
    for team_key, t in r.tables(
        c.get("team", []), join(key, "team"), "tables ([[community.team]])"
    ):
        team = _team(r, team_key, t)
        if any(other.channel == team.channel for other in teams):
            r.fail(join(team_key, "channel"), f"{team.channel!r} is declared twice in {cid}")
        teams.append(team)
    return DeclaredCommunity(
        cid, tuple(dict.fromkeys(a.strip() for a in admins)), calendar, tuple(teams)
    )


def _team(r: _Reader, key: str, raw: Any) -> DeclaredTeam:
    t = r.table(
        raw,
        key,
        required=("channel",),
        optional=("name", "timezone", "schedule", "calendar", "archived"),
    )
    channel = r.word(t, key, "channel")
    name = r.line(t, key, "name")
    try:
        team_name(name)
    except NameTooLong as e:
        r.fail(join(key, "name"), str(e))
    schedule_key = join(key, "schedule")
    schedules = tuple(
        _schedule(r, k, s)
        for k, s in r.tables(
            t.get("schedule", []), schedule_key, "tables ([[community.team.schedule]])"
        )
    )
    archived = t.get("archived")
    if archived is not None:
        archived = r.boolean(archived, join(key, "archived"))
    return DeclaredTeam(
        channel, name, r.zone(t, key, "timezone"), schedules, _breaks(r, t, key), archived
    )


def _schedule(r: _Reader, key: str, raw: Any) -> DeclaredSchedule:
    s = r.table(raw, key, required=("kind", "when"), optional=("timezone", "after_hours"))
    try:
        kind = schedule_kind(r.text(s["kind"], join(key, "kind")))
    except UnknownKind as e:
        r.fail(join(key, "kind"), str(e))
    when_text = one_line(r.text(s["when"], join(key, "when")))
    try:
        when = parse_when(when_text)
    except WhenError as e:
        r.fail(join(key, "when"), str(e))
    if next(fire_times(when, _UTC_INFO, _EPOCH), None) is None:
        r.fail(join(key, "when"), f'{when_text!r} never comes round; try "weekdays 08:00"')
    after = s.get("after_hours")
    if after is not None:
        if kind is not ScheduleKind.NONRESPONDER_REMINDER:
            r.fail(join(key, "after_hours"), 'is only for kind = "nonresponder_reminder"')
        if r.integer(after, join(key, "after_hours")) not in range(1, AFTER_MAX + 1):
            r.fail(
                join(key, "after_hours"),
                f"must be a number of hours from 1 to {AFTER_MAX}, not {after!r}",
            )
    return DeclaredSchedule(kind, when.source, r.zone(s, key, "timezone"), after)


def _breaks(r: _Reader, table: dict[str, Any], key: str) -> tuple[DeclaredBreak, ...]:
    """The table's `[[...calendar]]` breaks."""
    entries = r.tables(table.get("calendar", []), join(key, "calendar"), "tables (breaks)")
    return tuple(_break(r, k, b) for k, b in entries)


def _break(r: _Reader, key: str, raw: Any) -> DeclaredBreak:
    b = r.table(raw, key, required=("from", "to"), optional=("label",))
    first, last = r.day(b["from"], join(key, "from")), r.day(b["to"], join(key, "to"))
    if last < first:
        r.fail(join(key, "to"), f"{last.isoformat()} is before from ({first.isoformat()})")
    if (last - first).days > BREAK_MAX_DAYS:
        r.fail(join(key, "to"), "a break can be at most a year long")
    label = r.line(b, key, "label") or DEFAULT_BREAK_LABEL
    return DeclaredBreak(first, last, label[:LABEL_MAX])
