"""The `/plc schedule` and `/plc calendar` part of the command table (bot.commands.table)."""

from __future__ import annotations

from bot.commands import arguments as a
from bot.commands import intents as i
from bot.commands.spec import Spec
from bot.scheduling.model import KINDS

SCHEDULE_COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("schedule", "add"),
        '<kind> "<when>" [timezone] [after <n>h]',
        'stage_nudge "mon,wed 15:30" America/New_York',
        "Post on a schedule in this channel.",
        i.ScheduleAdd,
        a.schedule_add,
        details="Kinds: " + ", ".join(KINDS) + " "
        "(a DM to teachers who have not answered the latest prompt after n hours; 24 by default). "
        'When: "mon,wed 15:30", "weekdays 08:00", "daily 3pm", "tue 3:30pm", or a 5-field cron '
        'line such as "30 15 * * 1,3" (a channel post at most once an hour). The time zone is '
        "the team's unless you name one. In cron, a day of "
        'the month and a day of the week both given mean either ("0 9 1 * mon": the 1st and '
        'every Monday), unless one begins with * ("0 9 */2 * mon": odd days that are Mondays). '
        "Names are three letters (jan, mon); cron ranges cannot wrap (write fri-sat,sun-mon).",
    ),
    Spec(
        ("schedule", "list"),
        "",
        "",
        "This channel's schedules, with their next times.",
        i.ScheduleList,
        a.no_args(i.ScheduleList),
    ),
    Spec(
        ("schedule", "test"),
        "<id>",
        "3",
        "Post a schedule's nudge now, marked as a test (its next time is unchanged).",
        i.ScheduleChange,
        a.schedule_change("test"),
    ),
    Spec(
        ("schedule", "remove"),
        "<id>",
        "3",
        "Delete a schedule.",
        i.ScheduleChange,
        a.schedule_change("remove"),
    ),
    Spec(
        ("schedule", "pause"),
        "<id>",
        "3",
        "Pause a schedule.",
        i.ScheduleChange,
        a.schedule_change("pause"),
    ),
    Spec(
        ("schedule", "resume"),
        "<id>",
        "3",
        "Resume a paused schedule.",
        i.ScheduleChange,
        a.schedule_change("resume"),
    ),
    Spec(
        ("schedule", "resend"),
        "<run>",
        "12",
        "Post again a run whose outcome is unknown (see Not confirmed in the list).",
        i.ScheduleRunAction,
        a.schedule_run("resend"),
    ),
    Spec(
        ("schedule", "dismiss"),
        "<run>",
        "12",
        "Drop a run whose outcome is unknown from the list, without posting it.",
        i.ScheduleRunAction,
        a.schedule_run("dismiss"),
    ),
    Spec(
        ("calendar", "off"),
        "<day>|<from>..<to> [label] [--team]",
        "2026-12-21..2027-01-01 Winter break",
        "No posts on these days (the whole community, or --team for this team only).",
        i.CalendarOff,
        a.calendar_off,
        details="Days as YYYY-MM-DD: one day (2026-11-26 Thanksgiving) or FROM..TO. A US-English "
        "team may write month/day/year (11/26/2026); the answer says how it was read.",
    ),
    Spec(
        ("calendar", "list"),
        "",
        "",
        "The breaks that apply to this team.",
        i.CalendarList,
        a.no_args(i.CalendarList),
    ),
    Spec(
        ("calendar", "remove"), "<id>", "2", "Delete a break.", i.CalendarRemove, a.calendar_remove
    ),
)
