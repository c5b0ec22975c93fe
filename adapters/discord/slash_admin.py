"""The typed options of the admin commands: teams, roles, schedules and school calendars."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import Choice, Range

from adapters.discord.slash import Callback, Interaction, door, given
from bot.api import KINDS, Role, one_line
from bot.api import intents as i
from bot.api import values as v

ROLES = [Choice(name=r.label, value=r.label) for r in Role if r is not Role.TEACHER]
KINDS_CHOICES = [Choice(name=k.replace("_", " "), value=k) for k in KINDS]


@app_commands.describe(name="The team's name", timezone="An IANA time zone, like America/Chicago")
async def team_create(
    interaction: Interaction, name: str | None = None, timezone: str | None = None
) -> None:
    await door(
        interaction,
        lambda: i.TeamCreate(one_line(name or "") or None, given(timezone)),
    )


@app_commands.describe(zone="An IANA time zone, like America/Denver")
async def team_set_tz(interaction: Interaction, zone: str) -> None:
    await door(interaction, lambda: i.TeamSetTimezone(zone.strip()))


@app_commands.describe(language="A language code, like en")
async def team_set_language(interaction: Interaction, language: str) -> None:
    await door(interaction, lambda: i.TeamSetLanguage(language.strip().lower()))


@app_commands.describe(user="The person", role="The role")
@app_commands.choices(role=ROLES)
async def role_grant(interaction: Interaction, user: discord.User, role: str) -> None:
    await door(interaction, lambda: i.RoleGrant(str(user.id), v.grantable_role(role)))


@app_commands.describe(user="The person", role="The role")
@app_commands.choices(role=ROLES)
async def role_revoke(interaction: Interaction, user: discord.User, role: str) -> None:
    await door(interaction, lambda: i.RoleRevoke(str(user.id), v.grantable_role(role)))


@app_commands.describe(
    kind="What to post",
    when='"mon,wed 15:30", "weekdays 08:00", "daily 3pm", or a 5-field cron line',
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
    await door(
        interaction,
        lambda: i.ScheduleAdd(
            v.schedule_kind(kind),
            " ".join(when.split()),
            given(timezone),
            after_hours,
        ),
    )


async def schedule_list(interaction: Interaction) -> None:
    await door(interaction, i.ScheduleList)


@app_commands.describe(number="The schedule's number, as /plc schedule list shows it")
async def schedule_remove(interaction: Interaction, number: Range[int, 1]) -> None:
    await door(interaction, lambda: i.ScheduleChange("remove", number))


@app_commands.describe(number="The schedule's number, as /plc schedule list shows it")
async def schedule_pause(interaction: Interaction, number: Range[int, 1]) -> None:
    await door(interaction, lambda: i.ScheduleChange("pause", number))


@app_commands.describe(number="The schedule's number, as /plc schedule list shows it")
async def schedule_resume(interaction: Interaction, number: Range[int, 1]) -> None:
    await door(interaction, lambda: i.ScheduleChange("resume", number))


@app_commands.describe(number="The schedule's number, as /plc schedule list shows it")
async def schedule_test(interaction: Interaction, number: Range[int, 1]) -> None:
    await door(interaction, lambda: i.ScheduleChange("test", number))


@app_commands.describe(number="The run's number, as /plc schedule list shows it")
async def schedule_resend(interaction: Interaction, number: Range[int, 1]) -> None:
    await door(interaction, lambda: i.ScheduleRunAction("resend", number))


@app_commands.describe(number="The run's number, as /plc schedule list shows it")
async def schedule_dismiss(interaction: Interaction, number: Range[int, 1]) -> None:
    await door(interaction, lambda: i.ScheduleRunAction("dismiss", number))


@app_commands.describe(
    first="The first day off, YYYY-MM-DD",
    last="The last day off, YYYY-MM-DD (left out: only the first day)",
    label="What the break is, like Winter break",
    team_only="Only this team (otherwise the whole server)",
)
async def calendar_off(
    interaction: Interaction,
    first: str,
    last: str | None = None,
    label: str | None = None,
    team_only: bool = False,
) -> None:
    await door(
        interaction,
        lambda: i.CalendarOff(
            v.iso_date(first),
            v.iso_date(last or first),
            v.break_label(label or ""),
            team_only,
        ),
    )


async def calendar_list(interaction: Interaction) -> None:
    await door(interaction, i.CalendarList)


@app_commands.describe(number="The break's number, as /plc calendar list shows it")
async def calendar_remove(interaction: Interaction, number: Range[int, 1]) -> None:
    await door(interaction, lambda: i.CalendarRemove(number))


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
    "schedule test": schedule_test,
    "schedule resend": schedule_resend,
    "schedule dismiss": schedule_dismiss,
    "calendar off": calendar_off,
    "calendar list": calendar_list,
    "calendar remove": calendar_remove,
}
