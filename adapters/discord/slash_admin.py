"""The typed options of the admin commands: teams, roles, schedules and school calendars."""

from __future__ import annotations

import shlex

import discord
from discord import app_commands
from discord.app_commands import Choice, Range

from adapters.discord.slash import Callback, Interaction, say
from bot.commands.grammar import KINDS
from bot.domain import Role

ROLES = [Choice(name=r.label, value=r.label) for r in Role if r is not Role.TEACHER]
KINDS_CHOICES = [Choice(name=k.replace("_", " "), value=k) for k in KINDS]


def _mention(user: discord.abc.User) -> str:
    return f"<@{user.id}>"


@app_commands.describe(name="The team's name", timezone="An IANA time zone, like America/Chicago")
async def team_create(
    interaction: Interaction, name: str | None = None, timezone: str | None = None
) -> None:
    await say(interaction, "team create", shlex.quote(name) if name else None, timezone)


@app_commands.describe(zone="An IANA time zone, like America/Denver")
async def team_set_tz(interaction: Interaction, zone: str) -> None:
    await say(interaction, "team set tz", zone)


@app_commands.describe(language="A language code, like en")
async def team_set_language(interaction: Interaction, language: str) -> None:
    await say(interaction, "team set language", language)


@app_commands.describe(user="The person", role="The role")
@app_commands.choices(role=ROLES)
async def role_grant(interaction: Interaction, user: discord.User, role: str) -> None:
    await say(interaction, "role grant", _mention(user), role)


@app_commands.describe(user="The person", role="The role")
@app_commands.choices(role=ROLES)
async def role_revoke(interaction: Interaction, user: discord.User, role: str) -> None:
    await say(interaction, "role revoke", _mention(user), role)


@app_commands.describe(
    kind="What to post",
    when='"mon,wed 15:30", "weekdays 08:00", "daily 16:00", or a 5-field cron line',
    timezone="An IANA time zone; the team's when left out",
    after_hours="nonresponder reminder only: hours after the prompt (24 when left out)",
)
@app_commands.choices(kind=KINDS_CHOICES)
async def schedule_add(
    interaction: Interaction,
    kind: str,
    when: str,
    timezone: str | None = None,
    after_hours: Range[int, 1, 336] | None = None,
) -> None:
    after = f"after {after_hours}h" if after_hours is not None else None
    await say(interaction, "schedule add", kind, shlex.quote(when), timezone, after)


async def schedule_list(interaction: Interaction) -> None:
    await say(interaction, "schedule list")


@app_commands.describe(number="The schedule's number, as /plc schedule list shows it")
async def schedule_remove(interaction: Interaction, number: Range[int, 1]) -> None:
    await say(interaction, "schedule remove", number)


@app_commands.describe(number="The schedule's number, as /plc schedule list shows it")
async def schedule_pause(interaction: Interaction, number: Range[int, 1]) -> None:
    await say(interaction, "schedule pause", number)


@app_commands.describe(number="The schedule's number, as /plc schedule list shows it")
async def schedule_resume(interaction: Interaction, number: Range[int, 1]) -> None:
    await say(interaction, "schedule resume", number)


@app_commands.describe(number="The run's number, as /plc schedule list shows it")
async def schedule_resend(interaction: Interaction, number: Range[int, 1]) -> None:
    await say(interaction, "schedule resend", number)


@app_commands.describe(number="The run's number, as /plc schedule list shows it")
async def schedule_dismiss(interaction: Interaction, number: Range[int, 1]) -> None:
    await say(interaction, "schedule dismiss", number)


@app_commands.describe(
    first="The first day off, YYYY-MM-DD",
    last="The last day off, YYYY-MM-DD",
    label="What the break is, like Winter break",
    team_only="Only this team (otherwise the whole server)",
)
async def calendar_off(
    interaction: Interaction,
    first: str,
    last: str,
    label: str | None = None,
    team_only: bool = False,
) -> None:
    await say(
        interaction, "calendar off", f"{first}..{last}", label, "--team" if team_only else None
    )


async def calendar_list(interaction: Interaction) -> None:
    await say(interaction, "calendar list")


@app_commands.describe(number="The break's number, as /plc calendar list shows it")
async def calendar_remove(interaction: Interaction, number: Range[int, 1]) -> None:
    await say(interaction, "calendar remove", number)


ADMIN_TYPED: dict[str, Callback] = {
    "team create": team_create,
    "team set tz": team_set_tz,
    "team set language": team_set_language,
    "role grant": role_grant,
    "role revoke": role_revoke,
    "schedule add": schedule_add,
    "schedule list": schedule_list,
    "schedule remove": schedule_remove,
    "schedule pause": schedule_pause,
    "schedule resume": schedule_resume,
    "schedule resend": schedule_resend,
    "schedule dismiss": schedule_dismiss,
    "calendar off": calendar_off,
    "calendar list": calendar_list,
    "calendar remove": calendar_remove,
}
