"""A community keeps its admins: the last one stays until there is another, a community that
has ever had one never makes a newcomer admin from chat again, and a district recovers a
community's admin on its own server, in the audit log.

Every check here reads the admins under the community's lock (`Members.lock_admins`), so two
admins who revoke each other, or forget themselves, at the same moment cannot both succeed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain import AdminRoll, AuditEntry
from bot.i18n import _, fill
from bot.messages import Mention, markup
from bot.ports import UnitOfWork
from bot.usecases.context import Ctx, Refusal

GRANTED_ON_SERVER = "admin grant"  # the audit log's `what` for `plcbot admin grant`


async def may_bootstrap(uow: UnitOfWork, community_id: str) -> bool:
    """Whether `/plc team create` may make its runner the community's first admin: only in a
    community that has never had one. Once it has, a lost admin is recovered on the server
    (`plcbot admin grant`), never by whoever creates a team first."""
    return not (await uow.members.lock_admins(community_id)).ever_had


async def keep_an_admin(ctx: Ctx, leaving: str, *, then: str) -> AdminRoll:
    """Refuse when `leaving` is the community's last admin; `then` says what to run after the
    handover. Holds the community's admin lock until the unit of work ends."""
    roll = await ctx.uow.members.lock_admins(ctx.community.id)
    if roll.admins == (leaving,):
        if leaving == ctx.user_id:
            raise Refusal(
                *fill(
                    _(
                        "You are this community's last admin, and a community must keep one. "
                        "Grant another admin first: `/plc role grant @name admin`, then {then}."
                    ),
                    then=markup(then),
                )
            )
        raise Refusal(
            *fill(
                _(
                    "{who} is this community's last admin, and a community must keep one. "
                    "Grant another admin first: `/plc role grant @name admin`, then {then}."
                ),
                who=Mention(leaving),
                then=markup(then),
            )
        )
    return roll


class NotFound(LookupError):
    """No such community, or no such person in it: the message says what to do."""


async def grant_on_server(
    uow: UnitOfWork, community_id: str, user_id: str, *, by: str, now: datetime
) -> str:
    """`plcbot admin grant`: the district's way back when a community has lost its admins.
    Recorded in the community's audit log, with who ran it."""
    if await uow.communities.get(community_id) is None:
        raise NotFound(f"there is no community {community_id!r} (ids look like slack:T0123)")
    member = await uow.members.get(community_id, user_id)
    if member is None:
        raise NotFound(
            f"{user_id!r} has never used plcbot in {community_id}. Ask them to use it once "
            "(for example /plc checkin in their team's channel), then run this again."
        )
    if member.is_admin:
        return f"{user_id} is already an admin of {community_id}; nothing changed."
    await uow.members.lock_admins(community_id)
    await uow.members.save(replace(member, is_admin=True))
    await uow.audit.add(
        AuditEntry(community_id, by, None, GRANTED_ON_SERVER, 0, now, subject_id=user_id)
    )
    return f"{user_id} is now an admin of {community_id} (recorded in its audit log, by {by})."
