"""Turning a channel into a learning team, its settings, and who holds which role."""

from __future__ import annotations

from dataclasses import replace

from bot import cards
from bot.commands import intents as i
from bot.domain import Member, Role, TeamRole
from bot.messages import Bold, Code, Mention, MessageBuilder, Plain, text
from bot.outcome import Outcome, Post, ToChannel, ToUser
from bot.rules.founding import Founding, NameTooLong, found_team, team_name
from bot.usecases.admins import keep_an_admin
from bot.usecases.context import Ctx, Refusal
from bot.usecases.team_zone import ask_zone, check_zone, schedules_elsewhere


async def create(cmd: i.TeamCreate, ctx: Ctx) -> Outcome:
    if ctx.actor.is_dm or not ctx.actor.channel_id:
        raise Refusal(
            "Run `/plc team create` in the channel your team uses, not in a direct message."
        )
    if ctx.team is not None:
        raise Refusal(f"This channel is already the learning team “{ctx.team.name}”.")
    try:
        team_name(cmd.name)
    except NameTooLong as e:
        raise Refusal(str(e)) from None
    zone = check_zone(cmd.timezone or ctx.settings.default_timezone)
    became_admin = False
    if not ctx.member.is_admin:
        # Only reachable in a community that has never had an admin (admins.may_bootstrap).
        await ctx.uow.members.save(_with_admin(ctx, True))
        became_admin = True
    founding = Founding(
        ctx.community.id,
        ctx.actor.channel_id,
        cmd.name,
        zone,
        ctx.settings.default_language,
        created_by=ctx.user_id,
        changed_by=ctx.user_id,
    )
    team = await found_team(ctx.uow, founding, ctx.now)
    await ctx.uow.team_roles.save(
        team.community_id, TeamRole(team.id, ctx.user_id, Role.FACILITATOR)
    )
    library = ctx.libraries.get(team.language)
    welcome = MessageBuilder().heading(f"Welcome, {team.name}")
    welcome.para(
        "This channel is now a learning team. We work through the five-stage cycle together, "
        "beginning and ending each session with reflection."
    )
    welcome.para("Try ", Code("/plc help"), " to see what you can do.")
    reply = MessageBuilder().para(
        "Created the learning team ", Bold(team.name), f" (time zone {zone})."
    )
    if became_admin:
        reply.para("You are this community's first admin, and this team's facilitator.")
    reply.para("Next: open a session with ", Code("/plc session open <topic>"), ".")
    if cmd.timezone is None:
        ask_zone(reply, team)
    return Outcome(
        reply=reply.build(),
        posts=[
            Post(ToChannel(team.channel_id), welcome.build()),
            Post(ToChannel(team.channel_id), cards.stage_intro(team, library, new_cycle=False)),
        ],
    )


def _with_admin(ctx: Ctx, is_admin: bool) -> Member:
    return replace(ctx.member, is_admin=is_admin)


async def set_timezone(cmd: i.TeamSetTimezone, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    zone = check_zone(cmd.timezone)
    await ctx.uow.teams.save(replace(team, timezone=zone))
    b = MessageBuilder().para("The team's time zone is now ", Bold(zone), ".")
    await schedules_elsewhere(b, ctx, team, zone)
    return Outcome(reply=b.build())


async def set_language(cmd: i.TeamSetLanguage, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    if cmd.language not in ctx.libraries.languages:
        known = ", ".join(ctx.libraries.languages)
        raise Refusal(
            "There is no prompt library for “", Plain(cmd.language), f"” yet. Available: {known}."
        )
    await ctx.uow.teams.save(replace(team, language=cmd.language))
    return Outcome(reply=text("The team's language is now ", Bold(cmd.language), "."))


async def grant(cmd: i.RoleGrant, ctx: Ctx) -> Outcome:
    team = None if cmd.role is Role.ADMIN else ctx.need_team()
    member = await ctx.uow.members.get(ctx.community.id, cmd.user_id)
    if member is None:
        raise Refusal(
            Mention(cmd.user_id),
            f" hasn't used plcbot in this community yet, so I can't make them {cmd.role.label}. "
            "Ask them to use it once (for example `/plc checkin` in the team's channel), "
            "then grant the role again.",
        )
    if team is None:
        if member.is_admin:
            raise Refusal(Mention(cmd.user_id), " is already an admin of this community.")
        await ctx.uow.members.save(replace(member, is_admin=True))
        where: tuple[str | Plain, ...] = ("this community",)
    else:
        current = await ctx.uow.team_roles.get(team.community_id, team.id, cmd.user_id)
        if current is not None and current.role is cmd.role:
            raise Refusal(
                Mention(cmd.user_id), f" is already {cmd.role.label} of “", Plain(team.name), "”."
            )
        await ctx.uow.team_roles.save(team.community_id, TeamRole(team.id, cmd.user_id, cmd.role))
        where = ("“", Plain(team.name), "”")
    note = text(
        "You are now ", Bold(cmd.role.label), " of ", *where, ". Try ", Code("/plc help"), "."
    )
    return Outcome(
        reply=text(Mention(cmd.user_id), f" is now {cmd.role.label} of ", *where, "."),
        posts=[Post(ToUser(cmd.user_id), note)] if cmd.user_id != ctx.user_id else [],
    )


async def revoke(cmd: i.RoleRevoke, ctx: Ctx) -> Outcome:
    if cmd.role is Role.ADMIN:
        roll = await keep_an_admin(ctx, cmd.user_id, then="revoke the role again")
        if ctx.user_id not in roll.admins:  # revoked by another admin a moment ago
            raise Refusal("You are no longer an admin of this community, so nothing changed.")
        member = await ctx.uow.members.get(ctx.community.id, cmd.user_id)
        if cmd.user_id not in roll.admins or member is None:
            raise Refusal("That person is not an admin.")
        await ctx.uow.members.save(replace(member, is_admin=False))
        return Outcome(reply=text(Mention(cmd.user_id), " is no longer an admin."))
    team = ctx.need_team()
    current = await ctx.uow.team_roles.get(team.community_id, team.id, cmd.user_id)
    if current is None or current.role is not Role.FACILITATOR:
        raise Refusal(f"That person is not a facilitator of “{team.name}”.")
    await ctx.uow.team_roles.save(team.community_id, TeamRole(team.id, cmd.user_id, Role.TEACHER))
    return Outcome(
        reply=text(Mention(cmd.user_id), f" is no longer a facilitator of “{team.name}”.")
    )
