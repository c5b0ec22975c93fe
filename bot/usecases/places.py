"""How the bot names where something happens, so a DM's answer, a confirmation or a receipt
says which community and team it acted on (a person may share several with the bot)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.domain import Community, Team
from bot.i18n import N_, _
from bot.ports import UnitOfWork

if TYPE_CHECKING:
    from bot.usecases.context import Ctx

KIND = {"discord": N_("Discord server"), "slack": N_("Slack workspace")}


def community_label(community_id: str, name: str | None = None) -> str:
    """The community's name when the platform told us one, else its kind and id."""
    if name:
        return name
    platform, _sep, external = community_id.partition(":")
    kind = _(KIND[platform]) if platform in KIND else platform
    return _("{kind} {id}").format(kind=kind, id=external)


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
    if not mine:
        return where
    return _("{place} (your teams there: {teams})").format(place=where, teams=", ".join(mine))
