"""A community's teams kept up by its admins: rename, list, archive (and bring back), and who
leads each team. An archived team keeps its channel, records and schedules, but gets no nudges
and opens no sessions; its records stay until the retention period or a person's forget."""

from __future__ import annotations

from dataclasses import replace

from bot.commands import intents as i
from bot.day_words import date_text
from bot.domain import Team
from bot.i18n import _, fill
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
        raise Refusal(_("The team already has that name."))
    await ctx.uow.teams.save(replace(team, name=cmd.name))
    with ctx.to_team():
        said = text(
            *fill(
                _("This team is now called {name} (it was {old})."),
                name=Bold(cmd.name),
                old=team.name,
            )
        )
    return Outcome(
        reply=text(*fill(_("Renamed {old} to {name}."), old=Plain(team.name), name=Bold(cmd.name))),
        posts=[Post(ToChannel(team.channel_id), said)],
    )


async def archive(cmd: i.TeamArchive, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    if cmd.archived == (team.archived_at is not None):
        said = (
            _("{team} is already archived. See every team with `/plc team list`.")
            if cmd.archived
            else _("{team} is not archived. See every team with `/plc team list`.")
        )
        raise Refusal(*fill(said, team=team.name))
    await ctx.uow.teams.save(replace(team, archived_at=ctx.now if cmd.archived else None))
    b = MessageBuilder()
    if cmd.archived:
        b.para(
            *fill(
                _(
                    "Archived {team}. It gets no nudges and opens no sessions; its records stay "
                    "until the retention period ends or someone asks to be forgotten. Bring it "
                    "back with {command}."
                ),
                team=Bold(team.name),
                command=Code("/plc team unarchive"),
            )
        )
    else:
        b.para(
            *fill(
                _("{team} is active again: its schedules post from their next time."),
                team=Bold(team.name),
            )
        )
    return Outcome(reply=b.build())


def _leads(team: Team, facilitators: list[str]) -> tuple[Inline | str, ...]:
    parts: list[Inline | str] = [Bold(team.name), f" · {team.timezone}"]
    if team.archived_at is not None:
        day = date_text(team.archived_at, team.archived_at.date(), "%d %b %Y")
        parts.append(_(" · archived {day}").format(day=day))
    if facilitators:
        parts.extend(fill(_(" · led by {who}"), who=_mentions(facilitators)))
    else:
        parts.append(_(" · no facilitator yet"))
    return tuple(parts)


def _mentions(users: list[str]) -> list[Inline | str]:
    parts: list[Inline | str] = []
    for n, user in enumerate(users):
        parts.extend([", " if n else "", Mention(user)])
    return parts


async def list_teams(cmd: i.TeamList, ctx: Ctx) -> Outcome:
    teams = await ctx.uow.teams.list(ctx.community.id)
    b = MessageBuilder().heading(_("Teams of this community"))
    if not teams:
        b.para(
            *fill(
                _("None yet. Make a channel a team with {command}."),
                command=Code("/plc team create"),
            )
        )
    rows = []
    for team in teams:
        leads = list(await ctx.uow.team_roles.facilitators(team.community_id, team.id))
        rows.append(_leads(team, leads))
    b.bullets(rows)
    return Outcome(reply=b.build())


async def list_roles(cmd: i.RoleList, ctx: Ctx) -> Outcome:
    admins = list(await ctx.uow.members.admins(ctx.community.id))
    b = MessageBuilder().heading(_("Who leads what"))
    if admins:
        b.para(*fill(_("Admins: {who}"), who=_mentions(admins)))
    else:
        b.para(_("Admins: none yet."))
    teams = [t for t in await ctx.uow.teams.list(ctx.community.id) if t.archived_at is None]
    rows = []
    for team in teams:
        leads = list(await ctx.uow.team_roles.facilitators(team.community_id, team.id))
        rows.append(_leads(team, leads))
    b.bullets(rows)
    b.context(_("Admins grant roles with /plc role grant @person facilitator."))
    return Outcome(reply=b.build())
