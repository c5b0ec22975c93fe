"""A community's teams kept up by its admins: rename, list, archive (and bring back), and who
leads each team. An archived team keeps its channel, records and schedules, but gets no nudges
and opens no sessions; its records stay until the retention period or a person's forget."""

from __future__ import annotations

from dataclasses import replace

from bot.commands import intents as i
from bot.domain import Team
from bot.messages import Bold, Code, Inline, Mention, MessageBuilder, Plain, text
from bot.outcome import Outcome, Post, ToChannel
from bot.rules.founding import NameTooLong, team_name
from bot.usecases.context import Ctx, Refusal


async def rename(cmd: i.TeamRename, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    try:
        team_name(cmd.name)  # the one rule for a team's name
    except NameTooLong as e:
        raise Refusal(str(e)) from None
    if cmd.name == team.name:
        raise Refusal("The team already has that name.")
    await ctx.uow.teams.save(replace(team, name=cmd.name))
    said = text("This team is now called ", Bold(cmd.name), f" (it was {team.name}).")
    return Outcome(
        reply=text("Renamed ", Plain(team.name), " to ", Bold(cmd.name), "."),
        posts=[Post(ToChannel(team.channel_id), said)],
    )


async def archive(cmd: i.TeamArchive, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    if cmd.archived == (team.archived_at is not None):
        state = "already archived" if cmd.archived else "not archived"
        raise Refusal(f"{team.name} is {state}. See every team with `/plc team list`.")
    await ctx.uow.teams.save(replace(team, archived_at=ctx.now if cmd.archived else None))
    b = MessageBuilder()
    if cmd.archived:
        b.para(
            "Archived ",
            Bold(team.name),
            ". It gets no nudges and opens no sessions; its records stay until the retention "
            "period ends or someone asks to be forgotten. Bring it back with ",
            Code("/plc team unarchive"),
            ".",
        )
    else:
        b.para(Bold(team.name), " is active again: its schedules post from their next time.")
    return Outcome(reply=b.build())


def _leads(team: Team, facilitators: list[str]) -> tuple[Inline | str, ...]:
    parts: list[Inline | str] = [Bold(team.name), f" · {team.timezone}"]
    if team.archived_at is not None:
        parts.append(f" · archived {team.archived_at:%d %b %Y}")
    parts.append(" · led by " if facilitators else " · no facilitator yet")
    for n, user in enumerate(facilitators):
        parts.extend([", " if n else "", Mention(user)])
    return tuple(parts)


async def list_teams(cmd: i.TeamList, ctx: Ctx) -> Outcome:
    teams = await ctx.uow.teams.list(ctx.community.id)
    b = MessageBuilder().heading("Teams of this community")
    if not teams:
        b.para("None yet. Make a channel a team with ", Code("/plc team create"), ".")
    rows = []
    for team in teams:
        leads = list(await ctx.uow.team_roles.facilitators(team.community_id, team.id))
        rows.append(_leads(team, leads))
    b.bullets(rows)
    return Outcome(reply=b.build())


async def list_roles(cmd: i.RoleList, ctx: Ctx) -> Outcome:
    admins = list(await ctx.uow.members.admins(ctx.community.id))
    b = MessageBuilder().heading("Who leads what")
    parts: list[Inline | str] = ["Admins: "] if admins else ["Admins: none yet."]
    for n, user in enumerate(admins):
        parts.extend([", " if n else "", Mention(user)])
    b.para(*parts)
    teams = [t for t in await ctx.uow.teams.list(ctx.community.id) if t.archived_at is None]
    rows = []
    for team in teams:
        leads = list(await ctx.uow.team_roles.facilitators(team.community_id, team.id))
        rows.append(_leads(team, leads))
    b.bullets(rows)
    b.context("Admins grant roles with /plc role grant @person facilitator.")
    return Outcome(reply=b.build())
