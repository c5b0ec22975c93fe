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
from bot.i18n import N_

COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("help",),
        N_("[command]"),
        "session open",
        N_("Show the commands, or how to use one."),
        i.Help,
        a.help_topic,
    ),
    Spec(
        ("checkin",),
        N_("[1-5] [word]"),
        N_("4 curious"),
        N_("Check in: how are you arriving? (1 low – 5 high)"),
        i.CheckInCmd,
        a.checkin,
    ),
    Spec(
        ("reflect",),
        N_("[--private|--facilitators|--team] [text]"),
        N_("--team The exit tickets showed me how many were guessing."),
        N_("Answer the latest reflection prompt. Without text, opens a form."),
        i.Reflect,
        a.reflect,
        details=N_(
            "Who sees it: --private (only you), --facilitators (you and the team's facilitators; "
            "the default) or --team (posted to the channel). Answering a prompt you answered already "
            "starts a new reflection; change one with `/plc reflect edit <n>`."
        ),
    ),
    *REFLECTION_COMMANDS,
    Spec(
        ("norms",),
        "",
        "",
        N_("Show the team's working norms."),
        i.ShowNorms,
        a.no_args(i.ShowNorms),
    ),
    Spec(
        ("cycle",),
        "",
        "",
        N_("Show the team's learning cycle and current stage."),
        i.ShowCycle,
        a.no_args(i.ShowCycle),
    ),
    Spec(
        ("me", "export"),
        "",
        "",
        N_("Get your own data (JSON and CSV, with a PD-hours log) by direct message."),
        i.MeExport,
        a.no_args(i.MeExport),
    ),
    Spec(
        ("me", "forget"),
        "",
        "",
        N_("Delete all your data in this community (asks first)."),
        i.MeForget,
        a.no_args(i.MeForget),
    ),
    Spec(
        ("me", "streak"),
        "",
        "",
        N_("See your reflection streak (only you see it)."),
        i.MeStreak,
        a.no_args(i.MeStreak),
    ),
    Spec(
        ("me", "reminders"),
        "on|off",
        "off",
        N_("Turn reminder DMs on or off."),
        i.MeReminders,
        a.me_reminders,
    ),
    *LANGUAGE_COMMANDS,
    Spec(
        ("session", "open"),
        N_("[topic]"),
        N_("Fractions on a number line"),
        N_("Open a session: posts the card, norms and check-in."),
        i.SessionOpen,
        a.session_open,
    ),
    Spec(
        ("session", "close"),
        "",
        "",
        N_("Close the session: closing reflection and feedback."),
        i.SessionClose,
        a.no_args(i.SessionClose),
    ),
    Spec(
        ("stage", "next"),
        "",
        "",
        N_("Move the team to the next stage of the cycle."),
        i.StageNext,
        a.no_args(i.StageNext),
    ),
    Spec(
        ("stage", "set"),
        N_("<stage>"),
        "4",
        N_("Move the team to a stage: its number, id or title (see /plc cycle)."),
        i.StageSet,
        a.stage_set,
    ),
    *PROMPT_COMMANDS,
    Spec(
        ("norms", "add"),
        N_("<text>"),
        N_("Assume good intent."),
        N_("Add a norm to the team's list."),
        i.NormsAdd,
        a.norms_add,
    ),
    Spec(
        ("norms", "remove"),
        N_("<n>"),
        "2",
        N_("Remove norm number n."),
        i.NormsRemove,
        a.norms_remove,
    ),
    Spec(
        ("norms", "reset"),
        "",
        "",
        N_("Go back to the default norms."),
        i.NormsReset,
        a.no_args(i.NormsReset),
    ),
    Spec(
        ("report",),
        N_("[all] [since <date>]"),
        "since 2026-09-01",
        N_("How the team is doing: sessions, check-ins, reflections, feedback."),
        i.Report,
        a.report,
        details=N_(
            "`all` (admins): every team of the community. Counts include private reflections; "
            "no one's words ever appear in a report. A US-English team may write the date "
            "month/day/year (09/01/2026)."
        ),
    ),
    Spec(
        ("reflections",),
        N_("[since <date>]"),
        "since 2026-09-01",
        N_("Read the reflections shared with facilitators or the team (last 30 days by default)."),
        i.ListReflections,
        a.list_reflections,
        details=N_(
            "Private reflections are never shown. Every reading is recorded in the audit log."
        ),
    ),
    Spec(
        ("team", "create"),
        N_("[name] [timezone]"),
        N_('"Grade 4 Math" America/Chicago'),
        N_("Make this channel a learning team."),
        i.TeamCreate,
        a.team_create,
        details=N_("The first person to create a team in a workspace or server becomes its admin."),
    ),
    Spec(
        ("team", "set", "tz"),
        N_("<zone>"),
        "America/Denver",
        N_("Set the team's time zone (IANA name)."),
        i.TeamSetTimezone,
        a.one_word(i.TeamSetTimezone, N_("Give one time zone.")),
    ),
    Spec(
        ("team", "set", "language"),
        N_("<lang>"),
        "en",
        N_("Set the team's language."),
        i.TeamSetLanguage,
        a.one_word(lambda w: i.TeamSetLanguage(w.lower()), N_("Give one language code.")),
    ),
    Spec(
        ("role", "grant"),
        N_("<user> <role>"),
        "@maria facilitator",
        N_("Give someone a role (facilitator or admin)."),
        i.RoleGrant,
        a.role_pair(i.RoleGrant),
    ),
    Spec(
        ("role", "revoke"),
        N_("<user> <role>"),
        "@maria facilitator",
        N_("Take a role back."),
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
