"""A community as it stands, written as the config file's declarations (see
bot/declared/__init__.py): its admins, school calendar, teams and their schedules. Reading the
text back with `parse_communities` gives the same declarations, so a district can keep what it
set up in chat or on the panel in its config file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from bot.domain import Team
from bot.scheduling.model import CalendarBreak, Schedule


def _string(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def _break(table: str, b: CalendarBreak) -> list[str]:
    return [
        "",
        f"[[{table}]]",
        f"from = {_day(b.first_day)}",
        f"to = {_day(b.last_day)}",
        f"label = {_string(b.label)}",
    ]


def _day(day: date) -> str:
    return day.isoformat()


def _schedule(s: Schedule, team: Team) -> list[str]:
    lines = ["", "[[community.team.schedule]]"]
    if s.paused:
        lines.insert(1, "# paused on the panel or in chat: declaring it adds it running")
    lines += [f"kind = {_string(s.kind.value)}", f"when = {_string(s.when)}"]
    if s.timezone != team.timezone:
        lines.append(f"timezone = {_string(s.timezone)}")
    if s.after_hours is not None:
        lines.append(f"after_hours = {s.after_hours}")
    return lines


def declared_toml(
    community_id: str,
    admins: Sequence[str],
    teams: Sequence[Team],
    schedules: dict[int, Sequence[Schedule]],
    breaks: Sequence[CalendarBreak],
) -> str:
    """The `[[community]]` declaration of what the community has now."""
    lines = [
        f"# plcbot: the declared configuration of {community_id}, as it stands.",
        "# Paste it into the config file; applying it adds only what is missing.",
        "",
        "[[community]]",
        f"id = {_string(community_id)}",
        "admins = [" + ", ".join(_string(a) for a in admins) + "]",
    ]
    for b in breaks:
        if b.team_id is None:
            lines += _break("community.calendar", b)
    for team in teams:
        lines += [
            "",
            "[[community.team]]",
            f"channel = {_string(team.channel_id)}",
            f"name = {_string(team.name)}",
            f"timezone = {_string(team.timezone)}",
        ]
        if team.archived_at is not None:
            lines.append("archived = true")
        for s in schedules.get(team.id, ()):
            lines += _schedule(s, team)
        for b in breaks:
            if b.team_id == team.id:
                lines += _break("community.team.calendar", b)
    return "\n".join(lines) + "\n"
