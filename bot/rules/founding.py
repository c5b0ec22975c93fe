"""Founding a learning team, the same whether `/plc team create` or the config file declares
it: the name (the default when none is given), a checked time zone, the community's default
language, the first stage of cycle 1 and the record of that stage's start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain import CycleStage, StageChange, Team
from bot.i18n import N_, _, ngettext
from bot.ports import UnitOfWork
from bot.rules.zones import zone
from bot.text import NAME_MAX

DEFAULT_TEAM_NAME = N_("Our learning team")  # named in the founder's language
FIRST_STAGE = CycleStage.ANALYZE


class NameTooLong(ValueError):
    pass


def team_name(name: str | None) -> str:
    """The team's name: `name`, or the default; NameTooLong past NAME_MAX characters."""
    chosen = name or _(DEFAULT_TEAM_NAME)
    if len(chosen) > NAME_MAX:
        raise NameTooLong(
            ngettext(
                "Team names can be up to {most} characters; this one has {n}.",
                "Team names can be up to {most} characters; this one has {n}.",
                len(chosen),
            ).format(most=NAME_MAX, n=len(chosen))
        )
    return chosen


@dataclass(frozen=True)
class Founding:
    """What a new team is made of, before it has an id."""

    community_id: str
    channel_id: str
    name: str | None  # None: the default name
    timezone: str
    language: str
    created_by: str
    changed_by: str | None  # who started its first stage (None: the config file)


async def found_team(uow: UnitOfWork, f: Founding, now: datetime) -> Team:
    """Add the team at the first stage of cycle 1 and record that stage's start.
    Raises NameTooLong or UnknownZone (bot.rules.zones) before writing anything."""
    team = Team(
        id=0,
        community_id=f.community_id,
        channel_id=f.channel_id,
        name=team_name(f.name),
        timezone=zone(f.timezone),
        language=f.language,
        stage=FIRST_STAGE,
        cycle=1,
        stage_started_at=now,
        created_at=now,
        created_by=f.created_by,
    )
    added = await uow.teams.add(team)
    await uow.stage_changes.add(
        added.community_id, StageChange(added.id, 1, added.stage, now, f.changed_by)
    )
    return added
