"""The intents of the team and norm upkeep commands (issue 18), re-exported by
bot.commands.intents with the rest."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TeamRename:
    name: str


@dataclass(frozen=True)
class TeamList:
    pass


@dataclass(frozen=True)
class TeamArchive:
    """Archive (or, with archived=False, bring back) this channel's team."""

    archived: bool = True


@dataclass(frozen=True)
class RoleList:
    pass


@dataclass(frozen=True)
class NormsEdit:
    number: int
    text: str


@dataclass(frozen=True)
class NormsMove:
    number: int
    to: int
