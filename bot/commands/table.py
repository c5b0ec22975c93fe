"""The table of `/plc` commands: each spec's path, usage, example, help text, intent and parser."""

from __future__ import annotations

from bot.commands import arguments as a
from bot.commands import intents as i
from bot.commands.credential_table import CREDENTIAL_COMMANDS
from bot.commands.language_table import LANGUAGE_COMMANDS
from bot.commands.minutes_table import MINUTES_COMMANDS
from bot.commands.protocol_table import PROTOCOL_COMMANDS
from bot.commands.spec import Spec
from bot.commands.table_prompts import PROMPT_COMMANDS
from bot.commands.table_reflections import REFLECTION_COMMANDS
from bot.commands.table_schedules import SCHEDULE_COMMANDS
from bot.commands.table_teams import TEAM_COMMANDS
from bot.commands.work_table import WORK_COMMANDS

COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("help",),
        "[command]",
        "session open",
        "Show the commands, or how to use one.",
        i.Help,
        a.help_topic,
    ),
    Spec(
        ("checkin",),
        "[1-5] [word]",
        "4 curious",
        "Check in: how are you arriving? (1 low – 5 high)",
        i.CheckInCmd,
        a.checkin,
    ),
    Spec(
        ("reflect",),
        "[--private|--facilitators|--team] [text]",
        "--team The exit tickets showed me how many were guessing.",
        "Answer the latest reflection prompt. Without text, opens a form.",
        i.Reflect,
        a.reflect,
        details="Who sees it: --private (only you), --facilitators (you and the team's facilitators; "
        "the default) or --team (posted to the channel). Answering a prompt you answered already "
        "starts a new reflection; change one with `/plc reflect edit <n>`.",
    ),
    *REFLECTION_COMMANDS,
    Spec(("norms",), "", "", "Show the team's working norms.", i.ShowNorms, a.no_args(i.ShowNorms)),
    Spec(
        ("cycle",),
        "",
        "",
        "Show the team's learning cycle and current stage.",
        i.ShowCycle,
        a.no_args(i.ShowCycle),
    ),
    Spec(
        ("me", "export"),
        "",
        "",
        "Get your own data (JSON and CSV, with a PD-hours log) by direct message.",
        i.MeExport,
        a.no_args(i.MeExport),
    ),
    Spec(
        ("me", "forget"),
        "",
        "",
        "Delete all your data in this community (asks first).",
        i.MeForget,
        a.no_args(i.MeForget),
    ),
    Spec(
        ("me", "streak"),
        "",
        "",
        "See your reflection streak (only you see it).",
        i.MeStreak,
        a.no_args(i.MeStreak),
    ),
    Spec(
        ("me", "reminders"),
        "on|off",
        "off",
        "Turn reminder DMs on or off.",
        i.MeReminders,
        a.me_reminders,
    ),
    *LANGUAGE_COMMANDS,
    Spec(
        ("session", "open"),
        "[topic]",
        "Fractions on a number line",
        "Open a session: posts the card, norms and check-in.",
        i.SessionOpen,
        a.session_open,
    ),
    Spec(
        ("session", "close"),
        "",
        "",
        "Close the session: closing reflection and feedback.",
        i.SessionClose,
        a.no_args(i.SessionClose),
    ),
    Spec(
        ("stage", "next"),
        "",
        "",
        "Move the team to the next stage of the cycle.",
        i.StageNext,
        a.no_args(i.StageNext),
    ),
    Spec(
        ("stage", "set"),
        "<stage>",
        "4",
        "Move the team to a stage: its number, id or title (see /plc cycle).",
        i.StageSet,
        a.stage_set,
    ),
    *PROMPT_COMMANDS,
    Spec(
        ("norms", "add"),
        "<text>",
        "Assume good intent.",
        "Add a norm to the team's list.",
        i.NormsAdd,
        a.norms_add,
    ),
    Spec(("norms", "remove"), "<n>", "2", "Remove norm number n.", i.NormsRemove, a.norms_remove),
    Spec(
        ("norms", "reset"),
        "",
        "",
        "Go back to the default norms.",
        i.NormsReset,
        a.no_args(i.NormsReset),
    ),
    Spec(
        ("report",),
        "[all] [since <date>]",
        "since 2026-09-01",
        "How the team is doing: sessions, check-ins, reflections, feedback.",
        i.Report,
        a.report,
        details="`all` (admins): every team of the community. Counts include private reflections; "
        "no one's words ever appear in a report. A US-English team may write the date "
        "month/day/year (09/01/2026).",
    ),
    Spec(
        ("reflections",),
        "[since <date>]",
        "since 2026-09-01",
        "Read the reflections shared with facilitators or the team (last 30 days by default).",
        i.ListReflections,
        a.list_reflections,
        details="Private reflections are never shown. Every reading is recorded in the audit log.",
    ),
    Spec(
        ("team", "create"),
        "[name] [timezone]",
        '"Grade 4 Math" America/Chicago',
        "Make this channel a learning team.",
        i.TeamCreate,
        a.team_create,
        details="The first person to create a team in a workspace or server becomes its admin.",
    ),
    Spec(
        ("team", "set", "tz"),
        "<zone>",
        "America/Denver",
        "Set the team's time zone (IANA name).",
        i.TeamSetTimezone,
        a.one_word(i.TeamSetTimezone, "time zone"),
    ),
    Spec(
        ("team", "set", "language"),
        "<lang>",
        "en",
        "Set the team's language.",
        i.TeamSetLanguage,
        a.one_word(lambda w: i.TeamSetLanguage(w.lower()), "language code"),
    ),
    Spec(
        ("role", "grant"),
        "<user> <role>",
        "@maria facilitator",
        "Give someone a role (facilitator or admin).",
        i.RoleGrant,
        a.role_pair(i.RoleGrant),
    ),
    Spec(
        ("role", "revoke"),
        "<user> <role>",
        "@maria facilitator",
        "Take a role back.",
        i.RoleRevoke,
        a.role_pair(i.RoleRevoke),
    ),
    *TEAM_COMMANDS,
    *SCHEDULE_COMMANDS,
    *WORK_COMMANDS,
    *MINUTES_COMMANDS,
    *PROTOCOL_COMMANDS,
    *CREDENTIAL_COMMANDS,
)

GROUPS: dict[str, tuple[Spec, ...]] = {}
for _spec in COMMANDS:
    GROUPS.setdefault(_spec.path[0], ())
    GROUPS[_spec.path[0]] += (_spec,)
