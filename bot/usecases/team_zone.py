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
from bot.i18n import N_, _, fill
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
    ("America/New_York", N_("US Eastern (New York)")),
    ("America/Chicago", N_("US Central (Chicago)")),
    ("America/Denver", N_("US Mountain (Denver)")),
    ("America/Phoenix", N_("US Arizona (Phoenix)")),
    ("America/Los_Angeles", N_("US Pacific (Los Angeles)")),
    ("America/Anchorage", N_("US Alaska (Anchorage)")),
    ("Pacific/Honolulu", N_("US Hawaii (Honolulu)")),
    ("America/Puerto_Rico", N_("Atlantic (Puerto Rico)")),
    ("America/Toronto", N_("Canada Eastern (Toronto)")),
    ("America/Vancouver", N_("Canada Pacific (Vancouver)")),
    ("America/Mexico_City", N_("Mexico (Mexico City)")),
    ("America/Sao_Paulo", N_("Brazil (São Paulo)")),
    ("Europe/London", N_("UK (London)")),
    ("Europe/Dublin", N_("Ireland (Dublin)")),
    ("Europe/Paris", N_("Central Europe (Paris)")),
    ("Europe/Berlin", N_("Central Europe (Berlin)")),
    ("Europe/Madrid", N_("Spain (Madrid)")),
    ("Africa/Johannesburg", N_("South Africa (Johannesburg)")),
    ("Africa/Nairobi", N_("East Africa (Nairobi)")),
    ("Asia/Kolkata", N_("India (Kolkata)")),
    ("Asia/Singapore", N_("Singapore")),
    ("Asia/Tokyo", N_("Japan (Tokyo)")),
    ("Australia/Sydney", N_("Australia Eastern (Sydney)")),
    ("Pacific/Auckland", N_("New Zealand (Auckland)")),
    ("UTC", "UTC"),
)


def check_zone(name: str) -> str:
    """A zone a person typed, checked by the one zone rule and refused in its words."""
    try:
        return zone(name)
    except UnknownZone as e:
        raise Refusal(*fill(_("“{name}” {problem}"), name=Plain(name), problem=e.problem)) from None


def zone_button(team: Team) -> Button:
    return Button(_("Choose the time zone"), actions.team_zone(team.id), ButtonStyle.PRIMARY)


def ask_zone(reply: MessageBuilder, team: Team) -> None:
    """The question added to a new team's answer when no zone was named."""
    reply.para(
        *fill(
            _(
                "Which time zone does the team meet in? Schedules post at its local times; until "
                "you choose, it is {zone}, this community's default."
            ),
            zone=Bold(team.timezone),
        )
    )
    reply.buttons(zone_button(team))


async def _team(ctx: Ctx, team_id: int) -> Team:
    team = await ctx.uow.teams.get(ctx.community.id, team_id)
    if team is None:
        raise Refusal(_("That team no longer exists. See the teams with `/plc team list`."))
    return team


async def open_form(cmd: i.TeamZoneClick, ctx: Ctx) -> Outcome:
    team = await _team(ctx, cmd.team_id)
    initial = team.timezone if team.timezone in dict(COMMON_ZONES) else "UTC"
    zones = tuple((name, _(label)) for name, label in COMMON_ZONES)
    form = Form(
        actions.team_zone(team.id),
        _("Team time zone"),
        _("Save"),
        intro=_("Which time zone does {team} meet in?").format(team=team.name),
        fields=(
            ChoiceField("zone", _("Time zone"), zones, initial, searchable=True),
            TextField(
                "other",
                _("Or type another zone (IANA name)"),
                64,
                multiline=False,
                placeholder="America/Boise",
                required=False,
            ),
        ),
    )
    b = MessageBuilder().para(
        *fill(
            _("{team}'s time zone is {zone}. Change it with {command}, for example {example}."),
            team=team.name,
            zone=team.timezone,
            command=Code("/plc team set tz <zone>"),
            example=Code("/plc team set tz America/Chicago"),
        )
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
        raise Refusal(_("Choose a time zone from the list, or type one."), field="zone")
    await ctx.uow.teams.save(replace(team, timezone=zone))
    said = _("{team}'s time zone is now {zone}.")
    b = MessageBuilder().para(*fill(said, team=team.name, zone=Bold(zone)))
    b.para(_("Schedules you add from now on post at its local times."))
    await schedules_elsewhere(b, ctx, team, zone)
    return Outcome(reply=b.build())


async def schedules_elsewhere(b: MessageBuilder, ctx: Ctx, team: Team, zone: str) -> None:
    """A schedule keeps the zone it was added in: say which ones now post in another zone."""
    mine = await ctx.uow.schedules.for_team(team.community_id, team.id)
    others = [s for s in mine if s.timezone != zone]
    if others:
        listed = ", ".join(f"#{s.id} ({s.timezone})" for s in others)
        b.para(
            _(
                "These schedules keep the time zone they were added in: {listed}. To move one, "
                "remove it and add it again."
            ).format(listed=listed)
        )
