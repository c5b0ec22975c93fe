"""How the bot names where something happens, so a DM's answer, a confirmation or a receipt
says which community and team it acted on (a person may share several with the bot)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.domain import Community, Team
from bot.ports import UnitOfWork

if TYPE_CHECKING:
    from bot.usecases.context import Ctx

KIND = {"discord": "Discord server", "slack": "Slack workspace"}


def community_label(community_id: str, name: str | None = None) -> str:
    """The community's name when the platform told us one, else its kind and id."""
    if name:
        return name
    platform, _, external = community_id.partition(":")
    return f"{KIND.get(platform, platform)} {external}"


def label_of(community: Community) -> str:
    return community_label(community.id, community.name)


async def labels(uow: UnitOfWork, community_ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for cid in community_ids:
        community = await uow.communities.get(cid)
        out[cid] = label_of(community) if community else community_label(cid)
    return out


def team_and_place(team: Team, community: Community) -> str:
    return f"{team.name} ({label_of(community)})"


async def persons_place(ctx: Ctx) -> str:
    """The community and the person's teams in it: what `/plc me forget` acts on."""
    teams = {t.id: t.name for t in await ctx.uow.teams.list(ctx.community.id)}
    mine = sorted(
        {
            teams[r.team_id]
            for r in await ctx.uow.team_roles.teams_of(ctx.community.id, ctx.user_id)
            if r.team_id in teams
        }
    )
    where = label_of(ctx.community)
    return f"{where} (your teams there: {', '.join(mine)})" if mine else where
