"""Turning a channel into a learning team, its settings, and who holds which role."""

from __future__ import annotations

from dataclasses import replace

from bot import cards
from bot.commands import intents as i
from bot.domain import Member, Role, Team, TeamRole
from bot.i18n import N_, _, fill, speaking
from bot.messages import Bold, Code, Inline, Mention, MessageBuilder, Plain, text
from bot.outcome import Outcome, Post, ToChannel, ToUser
from bot.rules.founding import Founding, NameTooLong, found_team, team_name
from bot.usecases.admins import keep_an_admin
from bot.usecases.context import Ctx, Refusal
from bot.usecases.team_zone import ask_zone, check_zone, schedules_elsewhere

# a role as a person reads it in a sentence ("You are now facilitator of …")
ROLE_WORDS = {
    Role.ADMIN: N_("admin"),
    Role.FACILITATOR: N_("facilitator"),
    Role.TEACHER: N_("teacher"),
}


def role_word(role: Role) -> str:
    return _(ROLE_WORDS[role]) if role in ROLE_WORDS else role.label


async def create(cmd: i.TeamCreate, ctx: Ctx) -> Outcome:
    if ctx.actor.is_dm or not ctx.actor.channel_id:
        raise Refusal(
            _("Run `/plc team create` in the channel your team uses, not in a direct message.")
        )
    if ctx.team is not None:
        raise Refusal(
            *fill(_("This channel is already the learning team “{team}”."), team=ctx.team.name)
        )
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
    reply = MessageBuilder().para(
        *fill(
            _("Created the learning team {team} (time zone {zone})."),
            team=Bold(team.name),
            zone=zone,
        )
    )
    if became_admin:
        reply.para(_("You are this community's first admin, and this team's facilitator."))
    reply.para(
        *fill(_("Next: open a session with {command}."), command=Code("/plc session open <topic>"))
    )
    if cmd.timezone is None:
        ask_zone(reply, team)
    return Outcome(reply=reply.build(), posts=_welcome(ctx, team))


def _welcome(ctx: Ctx, team: Team) -> list[Post]:
    """The new team's first posts in its channel, in the team's language."""
    with speaking(team.language):
        welcome = MessageBuilder().heading(_("Welcome, {team}").format(team=team.name))
        welcome.para(
            _(
                "This channel is now a learning team. We work through the five-stage cycle "
                "together, beginning and ending each session with reflection."
            )
        )
        welcome.para(*fill(_("Try {command} to see what you can do."), command=Code("/plc help")))
        intro = cards.stage_intro(team, ctx.libraries.get(team.language), new_cycle=False)
    return [
        Post(ToChannel(team.channel_id), welcome.build()),
        Post(ToChannel(team.channel_id), intro),
    ]


def _with_admin(ctx: Ctx, is_admin: bool) -> Member:
    return replace(ctx.member, is_admin=is_admin)


async def set_timezone(cmd: i.TeamSetTimezone, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    zone = check_zone(cmd.timezone)
    await ctx.uow.teams.save(replace(team, timezone=zone))
    b = MessageBuilder().para(*fill(_("The team's time zone is now {zone}."), zone=Bold(zone)))
    await schedules_elsewhere(b, ctx, team, zone)
    return Outcome(reply=b.build())


async def set_language(cmd: i.TeamSetLanguage, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    if cmd.language not in ctx.libraries.languages:
        known = ", ".join(ctx.libraries.languages)
        raise Refusal(
            *fill(
                _("There is no prompt library for “{language}” yet. Available: {known}."),
                language=Plain(cmd.language),
                known=known,
            )
        )
    await ctx.uow.teams.save(replace(team, language=cmd.language))
    said = _("The team's language is now {language}.")
    return Outcome(reply=text(*fill(said, language=Bold(cmd.language))))


async def grant(cmd: i.RoleGrant, ctx: Ctx) -> Outcome:
    team = None if cmd.role is Role.ADMIN else ctx.need_team()
    member = await ctx.uow.members.get(ctx.community.id, cmd.user_id)
    if member is None:
        raise Refusal(
            *fill(
                _(
                    "{who} hasn't used plcbot in this community yet, so I can't make them "
                    "{role}. Ask them to use it once (for example `/plc checkin` in the team's "
                    "channel), then grant the role again."
                ),
                who=Mention(cmd.user_id),
                role=role_word(cmd.role),
            )
        )
    role = role_word(cmd.role)
    if team is None:
        if member.is_admin:
            said = _("{who} is already an admin of this community.")
            raise Refusal(*fill(said, who=Mention(cmd.user_id)))
        await ctx.uow.members.save(replace(member, is_admin=True))
        where: tuple[Inline | str, ...] = (_("this community"),)
    else:
        current = await ctx.uow.team_roles.get(team.community_id, team.id, cmd.user_id)
        if current is not None and current.role is cmd.role:
            raise Refusal(
                *fill(
                    _("{who} is already {role} of “{team}”."),
                    who=Mention(cmd.user_id),
                    role=role,
                    team=Plain(team.name),
                )
            )
        await ctx.uow.team_roles.save(team.community_id, TeamRole(team.id, cmd.user_id, cmd.role))
        where = fill(_("“{team}”"), team=Plain(team.name))
    note = text(
        *fill(
            _("You are now {role} of {where}. Try {command}."),
            role=Bold(role),
            where=where,
            command=Code("/plc help"),
        )
    )
    return Outcome(
        reply=text(
            *fill(
                _("{who} is now {role} of {where}."),
                who=Mention(cmd.user_id),
                role=role,
                where=where,
            )
        ),
        posts=[Post(ToUser(cmd.user_id), note)] if cmd.user_id != ctx.user_id else [],
    )


async def revoke(cmd: i.RoleRevoke, ctx: Ctx) -> Outcome:
    if cmd.role is Role.ADMIN:
        roll = await keep_an_admin(ctx, cmd.user_id, then=_("revoke the role again"))
        if ctx.user_id not in roll.admins:  # revoked by another admin a moment ago
            raise Refusal(_("You are no longer an admin of this community, so nothing changed."))
        member = await ctx.uow.members.get(ctx.community.id, cmd.user_id)
        if cmd.user_id not in roll.admins or member is None:
            raise Refusal(_("That person is not an admin."))
        await ctx.uow.members.save(replace(member, is_admin=False))
        said = _("{who} is no longer an admin.")
        return Outcome(reply=text(*fill(said, who=Mention(cmd.user_id))))
    team = ctx.need_team()
    current = await ctx.uow.team_roles.get(team.community_id, team.id, cmd.user_id)
    if current is None or current.role is not Role.FACILITATOR:
        said = _("That person is not a facilitator of “{team}”.")
        raise Refusal(*fill(said, team=team.name))
    await ctx.uow.team_roles.save(team.community_id, TeamRole(team.id, cmd.user_id, Role.TEACHER))
    said = _("{who} is no longer a facilitator of “{team}”.")
    return Outcome(reply=text(*fill(said, who=Mention(cmd.user_id), team=team.name)))
