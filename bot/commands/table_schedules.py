"""The `/plc schedule` and `/plc calendar` part of the command table (bot.commands.table)."""

from __future__ import annotations

from bot.commands import arguments as a
from bot.commands import intents as i
from bot.commands.spec import Spec
from bot.i18n import N_

SCHEDULE_COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("schedule", "add"),
        N_('<kind> "<when>" [timezone] [after <n>h]'),
        'stage_nudge "mon,wed 15:30" America/New_York',
        N_("Post on a schedule in this channel."),
        i.ScheduleAdd,
        a.schedule_add,
        details=N_(
            "Kinds: {kinds} "
            "(a DM to teachers who have not answered the latest prompt after n hours; 24 by default). "
            'When: "mon,wed 15:30", "weekdays 08:00", "daily 3pm", "tue 3:30pm", or a 5-field cron '
            'line such as "30 15 * * 1,3" (a channel post at most once an hour). The time zone is '
            "the team's unless you name one. In cron, a day of "
            'the month and a day of the week both given mean either ("0 9 1 * mon": the 1st and '
            'every Monday), unless one begins with * ("0 9 */2 * mon": odd days that are Mondays). '
            "Names are three letters (jan, mon); cron ranges cannot wrap (write fri-sat,sun-mon).",
        ),
    ),
    Spec(
        ("schedule", "list"),
        "",
        "",
        N_("This channel's schedules, with their next times."),
        i.ScheduleList,
        a.no_args(i.ScheduleList),
    ),
    Spec(
        ("schedule", "test"),
        N_("<id>"),
        "3",
        N_("Post a schedule's nudge now, marked as a test (its next time is unchanged)."),
        i.ScheduleChange,
        a.schedule_change("test"),
    ),
    Spec(
        ("schedule", "remove"),
        N_("<id>"),
        "3",
        N_("Delete a schedule."),
        i.ScheduleChange,
        a.schedule_change("remove"),
    ),
    Spec(
        ("schedule", "pause"),
        N_("<id>"),
        "3",
        N_("Pause a schedule."),
        i.ScheduleChange,
        a.schedule_change("pause"),
    ),
    Spec(
        ("schedule", "resume"),
        N_("<id>"),
        "3",
        N_("Resume a paused schedule."),
        i.ScheduleChange,
        a.schedule_change("resume"),
    ),
    Spec(
        ("schedule", "resend"),
        N_("<run>"),
        "12",
        N_("Post again a run whose outcome is unknown (see Not confirmed in the list)."),
        i.ScheduleRunAction,
        a.schedule_run("resend"),
    ),
    Spec(
        ("schedule", "dismiss"),
        N_("<run>"),
        "12",
        N_("Drop a run whose outcome is unknown from the list, without posting it."),
        i.ScheduleRunAction,
        a.schedule_run("dismiss"),
    ),
    Spec(
        ("calendar", "off"),
        N_("<day>|<from>..<to> [label] [--team]"),
        N_("2026-12-21..2027-01-01 Winter break"),
        N_("No posts on these days (the whole community, or --team for this team only)."),
        i.CalendarOff,
        a.calendar_off,
        details=N_(
            "Days as YYYY-MM-DD: one day (2026-11-26 Thanksgiving) or FROM..TO. A US-English "
            "team may write month/day/year (11/26/2026); the answer says how it was read."
        ),
    ),
    Spec(
        ("calendar", "list"),
        "",
        "",
        N_("The breaks that apply to this team."),
        i.CalendarList,
        a.no_args(i.CalendarList),
    ),
    Spec(
        ("calendar", "remove"),
        N_("<id>"),
        "2",
        N_("Delete a break."),
        i.CalendarRemove,
        a.calendar_remove,
    ),
)
