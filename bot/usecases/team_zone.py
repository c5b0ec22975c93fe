"""A new team's time zone, asked for when `/plc team create` names none: the answer carries a
"Choose the time zone" button whose form offers the common zones (a select with type-ahead on
Slack, a select on Discord, a numbered choice in the console) and a box to type any other IANA
name (checked, with the closest names suggested). Until then the community's default applies,
and the answer says which."""

from __future__ import annotations

from dataclasses import replace

from bot import actions
from bot.commands import intents as i
from bot.domain import Team
from bot.messages import (
    Bold,
    Button,
    ButtonStyle,
    ChoiceField,
    Code,
    Form,
    MessageBuilder,
    Plain,
    TextField,
)
from bot.outcome import Outcome
from bot.rules.zones import UnknownZone, zone
from bot.usecases.context import Ctx, Refusal

# The zones most teams meet in (25: Discord's limit on a select's options), then any other typed.
COMMON_ZONES: tuple[tuple[str, str], ...] = (
    ("America/New_York", "US Eastern (New York)"),
    ("America/Chicago", "US Central (Chicago)"),
    ("America/Denver", "US Mountain (Denver)"),
    ("America/Phoenix", "US Arizona (Phoenix)"),
    ("America/Los_Angeles", "US Pacific (Los Angeles)"),
    ("America/Anchorage", "US Alaska (Anchorage)"),
    ("Pacific/Honolulu", "US Hawaii (Honolulu)"),
    ("America/Puerto_Rico", "Atlantic (Puerto Rico)"),
    ("America/Toronto", "Canada Eastern (Toronto)"),
    ("America/Vancouver", "Canada Pacific (Vancouver)"),
    ("America/Mexico_City", "Mexico (Mexico City)"),
    ("America/Sao_Paulo", "Brazil (São Paulo)"),
    ("Europe/London", "UK (London)"),
    ("Europe/Dublin", "Ireland (Dublin)"),
    ("Europe/Paris", "Central Europe (Paris)"),
    ("Europe/Berlin", "Central Europe (Berlin)"),
    ("Europe/Madrid", "Spain (Madrid)"),
    ("Africa/Johannesburg", "South Africa (Johannesburg)"),
    ("Africa/Nairobi", "East Africa (Nairobi)"),
    ("Asia/Kolkata", "India (Kolkata)"),
    ("Asia/Singapore", "Singapore"),
    ("Asia/Tokyo", "Japan (Tokyo)"),
    ("Australia/Sydney", "Australia Eastern (Sydney)"),
    ("Pacific/Auckland", "New Zealand (Auckland)"),
    ("UTC", "UTC"),
)


def check_zone(name: str) -> str:
    """A zone a person typed, checked by the one zone rule and refused in its words."""
    try:
        return zone(name)
    except UnknownZone as e:
        raise Refusal("“", Plain(name), "” " + e.problem) from None


def zone_button(team: Team) -> Button:
    return Button("Choose the time zone", actions.team_zone(team.id), ButtonStyle.PRIMARY)


def ask_zone(reply: MessageBuilder, team: Team) -> None:
    """The question added to a new team's answer when no zone was named."""
    reply.para(
        "Which time zone does the team meet in? Schedules post at its local times; until you "
        "choose, it is ",
        Bold(team.timezone),
        ", this community's default.",
    )
    reply.buttons(zone_button(team))


async def _team(ctx: Ctx, team_id: int) -> Team:
    team = await ctx.uow.teams.get(ctx.community.id, team_id)
    if team is None:
        raise Refusal("That team no longer exists. See the teams with `/plc team list`.")
    return team


async def open_form(cmd: i.TeamZoneClick, ctx: Ctx) -> Outcome:
    team = await _team(ctx, cmd.team_id)
    initial = team.timezone if team.timezone in dict(COMMON_ZONES) else "UTC"
    form = Form(
        actions.team_zone(team.id),
        "Team time zone",
        "Save",
        intro=f"Which time zone does {team.name} meet in?",
        fields=(
            ChoiceField("zone", "Time zone", COMMON_ZONES, initial, searchable=True),
            TextField(
                "other",
                "Or type another zone (IANA name)",
                64,
                multiline=False,
                placeholder="America/Boise",
                required=False,
            ),
        ),
    )
    b = MessageBuilder().para(
        f"{team.name}'s time zone is {team.timezone}. Change it with ",
        Code("/plc team set tz <zone>"),
        ", for example ",
        Code("/plc team set tz America/Chicago"),
        ".",
    )
    return Outcome(reply=b.build(), form=form)


async def submit(cmd: i.TeamZoneSubmit, ctx: Ctx) -> Outcome:
    team = await _team(ctx, cmd.team_id)
    if cmd.other:
        try:
            zone = check_zone(cmd.other)
        except Refusal as refused:
            raise Refusal(*refused.parts, field="other") from None
    elif cmd.zone in dict(COMMON_ZONES):
        zone = cmd.zone
    else:
        raise Refusal("Choose a time zone from the list, or type one.", field="zone")
    await ctx.uow.teams.save(replace(team, timezone=zone))
    b = MessageBuilder().para(f"{team.name}'s time zone is now ", Bold(zone), ".")
    b.para("Schedules you add from now on post at its local times.")
    await schedules_elsewhere(b, ctx, team, zone)
    return Outcome(reply=b.build())


async def schedules_elsewhere(b: MessageBuilder, ctx: Ctx, team: Team, zone: str) -> None:
    """A schedule keeps the zone it was added in: say which ones now post in another zone."""
    mine = await ctx.uow.schedules.for_team(team.community_id, team.id)
    others = [s for s in mine if s.timezone != zone]
    if others:
        listed = ", ".join(f"#{s.id} ({s.timezone})" for s in others)
        b.para(
            f"These schedules keep the time zone they were added in: {listed}. To move one, "
            "remove it and add it again."
        )
