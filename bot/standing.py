"""Who is acting, where, with what role: read in one statement at the start of every unit of
work, and the community and member recorded the first time they are seen."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain import Community, Member, Role
from bot.library import Libraries
from bot.ports import Claim, UnitOfWork
from bot.usecases.context import Actor, Ctx, Settings

NAME_MAX = 100  # a community's name as its platform gives it, as stored


class Repeat(Exception):
    """The request's delivery was claimed before: a platform's retry of one handled already."""


async def context_of(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    libraries: Libraries,
    settings: Settings,
    *,
    claim: str | None = None,
) -> Ctx:
    """The request's context. `claim`: the delivery's key, claimed with the read where the
    database can (then `Ctx.claimed` is True); Repeat if the read found it claimed before."""
    cid = actor.community.id
    channel = actor.channel_id if actor.channel_id and not actor.is_dm else None
    delivery = Claim(claim, now) if claim else None
    known = await uow.communities.standing(cid, actor.user_id, channel, delivery)
    if known.claimed is False:
        raise Repeat(claim)
    community, member, team = known.community, known.member, known.team
    named = actor.community.name
    if community is None:
        community = Community(
            cid, actor.community.platform, actor.community.external_id, now, name=named
        )
        await uow.communities.add(community)
    elif named and community.name != named:  # the platform says what it is called now
        await uow.communities.rename(cid, named[:NAME_MAX])
        community = replace(community, name=named[:NAME_MAX])
    elif community.removed_at is not None:  # someone uses the bot again: it was reinstalled
        await uow.rights.mark_removed(cid, None)
    if member is None:
        member = Member(cid, actor.user_id, joined_at=now)
        await uow.members.save(member)
    role = Role.TEACHER
    in_team = None
    if member.is_admin:
        role = Role.ADMIN
    elif team is not None:
        held = known.team_role
        role = held.role if held else Role.TEACHER
        in_team = held is not None
    return Ctx(
        uow, actor, community, member, team, role, libraries, settings, now, in_team, known.claimed
    )
