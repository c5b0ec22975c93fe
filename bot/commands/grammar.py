"""The `/plc` grammar: a table of command specs and the parser that matches text against it."""

from __future__ import annotations

import difflib
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.commands import intents as i
from bot.commands import values
from bot.commands.policy import policy_of
from bot.commands.values import KINDS, Invalid
from bot.domain import Role, Visibility
from bot.messages import Plain
from bot.text import clean, one_line, whole_number


class ParseError(ValueError):
    """A known command called the wrong way; carries the spec so the reply can show usage."""

    def __init__(self, spec: Spec, *problem: str | Plain) -> None:
        super().__init__("".join(p if isinstance(p, str) else p.text for p in problem))
        self.spec = spec
        self.problem = problem  # trusted text (backticks mark commands) and Plain user values


class UnknownCommand(ValueError):
    """No spec matches. `group` is set when the first word is known but the rest is not."""

    def __init__(self, words: str, group: str | None, suggestion: str | None) -> None:
        super().__init__(words)
        self.words = words
        self.group = group
        self.suggestion = suggestion


Parser = Callable[["Spec", str], Any]


@dataclass(frozen=True)
class Spec:
    path: tuple[str, ...]
    usage: str  # arguments after the path, e.g. "[1-5] [word]"
    example: str  # arguments of a working example
    summary: str
    intent: type  # what the text reads into; its policy (role, team) is declared per type
    parse: Parser
    details: str = ""

    @property
    def role(self) -> Role:
        return policy_of(self.intent).role

    @property
    def name(self) -> str:
        return " ".join(self.path)

    @property
    def usage_line(self) -> str:
        return f"/plc {self.name} {self.usage}".rstrip()

    @property
    def example_line(self) -> str:
        return f"/plc {self.name} {self.example}".rstrip()


# ---- argument helpers -------------------------------------------------------------------

_USER = re.compile(r"^<@!?([A-Za-z0-9_.\-]+)(?:\|[^>]*)?>$|^@?([A-Za-z0-9_.\-]+)$")


def parse_user(spec: Spec, token: str) -> str:
    m = _USER.match(token.strip())
    if not m:
        raise ParseError(spec, "“", Plain(token), "” is not a person. Mention them, like @maria.")
    return m.group(1) or m.group(2)


def _no_args(factory: Callable[[], Any]) -> Parser:
    def parse(spec: Spec, rest: str) -> Any:
        if rest.strip():
            raise ParseError(spec, f"`/plc {spec.name}` takes nothing after it.")
        return factory()

    return parse


def _checkin(spec: Spec, rest: str) -> i.CheckInCmd:
    words = one_line(rest).split(" ", 1)
    if not words[0]:
        return i.CheckInCmd()
    if not re.fullmatch(r"[+-]?\d{1,9}", words[0]):
        raise ParseError(spec, "Start with a number from 1 to 5 for how you are arriving.")
    score = values.score(int(words[0]))
    word = words[1] if len(words) > 1 else None
    return i.CheckInCmd(score, word)


_VIS_FLAG = re.compile(r"^\s*--(private|facilitators|team)\b\s*", re.IGNORECASE)


def _reflect(spec: Spec, rest: str) -> i.Reflect:
    visibility = None
    m = _VIS_FLAG.match(rest)
    if m:
        visibility = Visibility(m.group(1).lower())
        rest = rest[m.end() :]
    elif rest.lstrip().startswith("--"):
        flag = rest.split()[0]
        raise ParseError(
            spec, Plain(flag), " is not a choice: use --private, --facilitators or --team."
        )
    body = clean(rest)
    return i.Reflect(body or None, visibility)


def _me_reminders(spec: Spec, rest: str) -> i.MeReminders:
    return i.MeReminders(values.on_off(rest))


def _session_open(spec: Spec, rest: str) -> i.SessionOpen:
    return i.SessionOpen(one_line(rest))


def _stage_set(spec: Spec, rest: str) -> i.StageSet:
    return i.StageSet(values.stage(rest))


def _prompt_send(spec: Spec, rest: str) -> i.PromptSend:
    words = rest.split()
    if len(words) > 1:
        raise ParseError(spec, "Give at most one prompt id.")
    return i.PromptSend(words[0].lower() if words else None)


def _norms_add(spec: Spec, rest: str) -> i.NormsAdd:
    norm = one_line(rest)
    if not norm:
        raise ParseError(spec, "Write the norm after `add`.")
    return i.NormsAdd(norm)


def _norms_remove(spec: Spec, rest: str) -> i.NormsRemove:
    number = whole_number(rest.strip())
    if number is None or number < 1:
        raise ParseError(spec, values.NORM_NUMBER)
    return i.NormsRemove(number)


def _since(spec: Spec, words: list[str]) -> date | None:
    if not words:
        return None
    if len(words) != 2 or words[0].lower() != "since":
        raise ParseError(spec, "Say `since` and a date, like `since 2026-09-01`.")
    return values.iso_date(words[1])


def _report(spec: Spec, rest: str) -> i.Report:
    words = rest.split()
    whole = bool(words) and words[0].lower() == "all"
    return i.Report(_since(spec, words[1:] if whole else words), whole)


def _list_reflections(spec: Spec, rest: str) -> i.ListReflections:
    return i.ListReflections(_since(spec, rest.split()))


def _split_quoted(spec: Spec, rest: str) -> list[str]:
    try:
        return shlex.split(rest)
    except ValueError:
        raise ParseError(spec, "A quotation mark is not closed.") from None


def _looks_like_zone(word: str) -> bool:
    return "/" in word or word.upper() in ("UTC", "GMT")


def _team_create(spec: Spec, rest: str) -> i.TeamCreate:
    words = _split_quoted(spec, rest)
    zone = words.pop() if words and _looks_like_zone(words[-1]) else None
    name = one_line(" ".join(words)) or None
    return i.TeamCreate(name, zone)


def _one_word(factory: Callable[[str], Any], what: str) -> Parser:
    def parse(spec: Spec, rest: str) -> Any:
        words = rest.split()
        if len(words) != 1:
            raise ParseError(spec, f"Give one {what}.")
        return factory(words[0])

    return parse


def _role(factory: Callable[[str, Role], Any]) -> Parser:
    def parse(spec: Spec, rest: str) -> Any:
        words = rest.split()
        if len(words) != 2:
            raise ParseError(spec, "Name a person and a role.")
        return factory(parse_user(spec, words[0]), values.grantable_role(words[1]))

    return parse


_AFTER = re.compile(r"^(\d{1,3})h$")


def _schedule_add(spec: Spec, rest: str) -> i.ScheduleAdd:
    words = _split_quoted(spec, rest)
    if not words:
        raise ParseError(spec, "Name the kind of schedule: " + ", ".join(KINDS) + ".")
    kind = values.schedule_kind(words.pop(0))
    after = None
    if len(words) >= 2 and words[-2].lower() == "after":
        m = _AFTER.match(words[-1].lower())
        if not m or not 1 <= int(m.group(1)) <= 336:
            raise ParseError(
                spec, "Say `after` and a number of hours from 1 to 336, like `after 24h`."
            )
        after = int(m.group(1))
        words = words[:-2]
    zone = words.pop() if words and _looks_like_zone(words[-1]) else None
    when = " ".join(words)
    if not when:
        raise ParseError(
            spec,
            'Say when, in quotes: "mon,wed 15:30", "weekdays 08:00", "daily 16:00" or a cron line.',
        )
    return i.ScheduleAdd(kind, when, zone, after)


def _schedule_change(action: str) -> Parser:
    def parse(spec: Spec, rest: str) -> i.ScheduleChange:
        number = whole_number(rest.strip().lstrip("#"))
        if number is None:
            raise ParseError(spec, values.SCHEDULE_NUMBER)
        return i.ScheduleChange(action, number)

    return parse


def _schedule_run(action: str) -> Parser:
    def parse(spec: Spec, rest: str) -> i.ScheduleRunAction:
        number = whole_number(rest.strip().lstrip("#"))
        if number is None:
            raise ParseError(spec, values.RUN_NUMBER)
        return i.ScheduleRunAction(action, number)

    return parse


def _calendar_off(spec: Spec, rest: str) -> i.CalendarOff:
    words = rest.split()
    team_only = "--team" in words
    words = [w for w in words if w != "--team"]
    if not words or ".." not in words[0]:
        raise ParseError(spec, "Give the days as FROM..TO, like 2026-12-21..2027-01-01.")
    a, _, b = words[0].partition("..")
    try:
        first, last = date.fromisoformat(a), date.fromisoformat(b)
    except ValueError:
        raise ParseError(
            spec, "“", Plain(words[0]), "” are not dates: write FROM..TO as YYYY-MM-DD..YYYY-MM-DD."
        ) from None
    label = values.break_label(" ".join(words[1:]))
    return i.CalendarOff(first, last, label, team_only)


def _calendar_remove(spec: Spec, rest: str) -> i.CalendarRemove:
    number = whole_number(rest.strip().lstrip("#"))
    if number is None:
        raise ParseError(spec, values.BREAK_NUMBER)
    return i.CalendarRemove(number)


def _help(spec: Spec, rest: str) -> i.Help:
    return i.Help(" ".join(rest.lower().split()) or None)


# ---- the table ----------------------------------------------------------------------------

COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("help",),
        "[command]",
        "session open",
        "Show the commands, or how to use one.",
        i.Help,
        _help,
    ),
    Spec(
        ("checkin",),
        "[1-5] [word]",
        "4 curious",
        "Check in: how are you arriving? (1 low – 5 high)",
        i.CheckInCmd,
        _checkin,
    ),
    Spec(
        ("reflect",),
        "[--private|--facilitators|--team] [text]",
        "--team The exit tickets showed me how many were guessing.",
        "Answer the latest reflection prompt. Without text, opens a form.",
        i.Reflect,
        _reflect,
        details="Who sees it: --private (only you), --facilitators (you and the team's facilitators; "
        "the default) or --team (posted to the channel). Answering the same prompt again replaces "
        "your earlier answer.",
    ),
    Spec(("norms",), "", "", "Show the team's working norms.", i.ShowNorms, _no_args(i.ShowNorms)),
    Spec(
        ("cycle",),
        "",
        "",
        "Show the team's learning cycle and current stage.",
        i.ShowCycle,
        _no_args(i.ShowCycle),
    ),
    Spec(
        ("me", "export"),
        "",
        "",
        "Get your own data (JSON and CSV, with a PD-hours log) by direct message.",
        i.MeExport,
        _no_args(i.MeExport),
    ),
    Spec(
        ("me", "forget"),
        "",
        "",
        "Delete all your data in this community (asks first).",
        i.MeForget,
        _no_args(i.MeForget),
    ),
    Spec(
        ("me", "streak"),
        "",
        "",
        "See your reflection streak (only you see it).",
        i.MeStreak,
        _no_args(i.MeStreak),
    ),
    Spec(
        ("me", "reminders"),
        "on|off",
        "off",
        "Turn reminder DMs on or off.",
        i.MeReminders,
        _me_reminders,
    ),
    Spec(
        ("session", "open"),
        "[topic]",
        "Fractions on a number line",
        "Open a session: posts the card, norms and check-in.",
        i.SessionOpen,
        _session_open,
    ),
    Spec(
        ("session", "close"),
        "",
        "",
        "Close the session: closing reflection and feedback.",
        i.SessionClose,
        _no_args(i.SessionClose),
    ),
    Spec(
        ("stage", "next"),
        "",
        "",
        "Move the team to the next stage of the cycle.",
        i.StageNext,
        _no_args(i.StageNext),
    ),
    Spec(
        ("stage", "set"),
        "<stage>",
        "implement",
        "Move the team to a named stage.",
        i.StageSet,
        _stage_set,
    ),
    Spec(
        ("prompt", "send"),
        "[prompt-id]",
        "learn-2",
        "Send a reflection prompt to the team now.",
        i.PromptSend,
        _prompt_send,
    ),
    Spec(
        ("norms", "add"),
        "<text>",
        "Assume good intent.",
        "Add a norm to the team's list.",
        i.NormsAdd,
        _norms_add,
    ),
    Spec(("norms", "remove"), "<n>", "2", "Remove norm number n.", i.NormsRemove, _norms_remove),
    Spec(
        ("norms", "reset"),
        "",
        "",
        "Go back to the default norms.",
        i.NormsReset,
        _no_args(i.NormsReset),
    ),
    Spec(
        ("report",),
        "[all] [since <date>]",
        "since 2026-09-01",
        "How the team is doing: sessions, check-ins, reflections, feedback.",
        i.Report,
        _report,
        details="`all` (admins): every team of the community. Counts include private reflections; "
        "no one's words ever appear in a report.",
    ),
    Spec(
        ("reflections",),
        "[since <date>]",
        "since 2026-09-01",
        "Read the reflections shared with facilitators or the team (last 30 days by default).",
        i.ListReflections,
        _list_reflections,
        details="Private reflections are never shown. Every reading is recorded in the audit log.",
    ),
    Spec(
        ("team", "create"),
        "[name] [timezone]",
        '"Grade 4 Math" America/Chicago',
        "Make this channel a learning team.",
        i.TeamCreate,
        _team_create,
        details="The first person to create a team in a workspace or server becomes its admin.",
    ),
    Spec(
        ("team", "set", "tz"),
        "<zone>",
        "America/Denver",
        "Set the team's time zone (IANA name).",
        i.TeamSetTimezone,
        _one_word(i.TeamSetTimezone, "time zone"),
    ),
    Spec(
        ("team", "set", "language"),
        "<lang>",
        "en",
        "Set the team's language.",
        i.TeamSetLanguage,
        _one_word(lambda w: i.TeamSetLanguage(w.lower()), "language code"),
    ),
    Spec(
        ("role", "grant"),
        "<user> <role>",
        "@maria facilitator",
        "Give someone a role (facilitator or admin).",
        i.RoleGrant,
        _role(i.RoleGrant),
    ),
    Spec(
        ("role", "revoke"),
        "<user> <role>",
        "@maria facilitator",
        "Take a role back.",
        i.RoleRevoke,
        _role(i.RoleRevoke),
    ),
    Spec(
        ("schedule", "add"),
        '<kind> "<when>" [timezone] [after <n>h]',
        'stage_nudge "mon,wed 15:30" America/New_York',
        "Post on a schedule in this channel.",
        i.ScheduleAdd,
        _schedule_add,
        details="Kinds: stage_nudge, reflection_prompt, norms_reminder, checkin, nonresponder_reminder "
        "(a DM to teachers who have not answered the latest prompt after n hours; 24 by default). "
        'When: "mon,wed 15:30", "weekdays 08:00", "daily 16:00", or a 5-field cron line such as '
        '"30 15 * * 1,3". The time zone is the team\'s unless you name one. In cron, a day of '
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
        _no_args(i.ScheduleList),
    ),
    Spec(
        ("schedule", "remove"),
        "<id>",
        "3",
        "Delete a schedule.",
        i.ScheduleChange,
        _schedule_change("remove"),
    ),
    Spec(
        ("schedule", "pause"),
        "<id>",
        "3",
        "Pause a schedule.",
        i.ScheduleChange,
        _schedule_change("pause"),
    ),
    Spec(
        ("schedule", "resume"),
        "<id>",
        "3",
        "Resume a paused schedule.",
        i.ScheduleChange,
        _schedule_change("resume"),
    ),
    Spec(
        ("schedule", "resend"),
        "<run>",
        "12",
        "Post again a run whose outcome is unknown (see Not confirmed in the list).",
        i.ScheduleRunAction,
        _schedule_run("resend"),
    ),
    Spec(
        ("schedule", "dismiss"),
        "<run>",
        "12",
        "Drop a run whose outcome is unknown from the list, without posting it.",
        i.ScheduleRunAction,
        _schedule_run("dismiss"),
    ),
    Spec(
        ("calendar", "off"),
        "<from>..<to> [label] [--team]",
        "2026-12-21..2027-01-01 Winter break",
        "No posts on these days (the whole community, or --team for this team only).",
        i.CalendarOff,
        _calendar_off,
    ),
    Spec(
        ("calendar", "list"),
        "",
        "",
        "The breaks that apply to this team.",
        i.CalendarList,
        _no_args(i.CalendarList),
    ),
    Spec(
        ("calendar", "remove"), "<id>", "2", "Delete a break.", i.CalendarRemove, _calendar_remove
    ),
)

GROUPS: dict[str, tuple[Spec, ...]] = {}
for _spec in COMMANDS:
    GROUPS.setdefault(_spec.path[0], ())
    GROUPS[_spec.path[0]] += (_spec,)

_WORD = re.compile(r"\s*(\S+)")


def _words_and_rest(text: str, count: int) -> tuple[list[str], str]:
    words: list[str] = []
    pos = 0
    while len(words) < count:
        m = _WORD.match(text, pos)
        if not m:
            break
        words.append(m.group(1).lower())
        pos = m.end()
    return words, text[pos:]


def match(text: str) -> tuple[Spec, str]:
    """The spec whose path is the longest prefix of `text`, and the rest of the text."""
    text = text.strip()
    if text.lower().startswith("/plc"):
        text = text[4:]
    longest = max(len(s.path) for s in COMMANDS)
    words, _ = _words_and_rest(text, longest)
    best: Spec | None = None
    for spec in COMMANDS:
        n = len(spec.path)
        if tuple(words[:n]) == spec.path and (best is None or n > len(best.path)):
            best = spec
    if best is None:
        said = " ".join(words[:2]) if words else ""
        if not words:
            return GROUPS["help"][0], ""
        group = words[0] if words[0] in GROUPS else None
        names = [s.name for s in COMMANDS]
        close = difflib.get_close_matches(
            " ".join(words[: 2 if group else 1]), names, n=1, cutoff=0.6
        )
        raise UnknownCommand(said, group, close[0] if close else None)
    _, rest = _words_and_rest(text, len(best.path))
    return best, rest


def parse(text: str) -> tuple[Spec, Any]:
    """Parse `/plc ...` text into (spec, intent). Raises UnknownCommand or ParseError."""
    spec, rest = match(text)
    try:
        intent = spec.parse(spec, rest)
        values.check(intent)  # the rules every typed intent meets at the door, too
    except Invalid as e:
        raise ParseError(spec, *e.parts) from None
    return spec, intent


def spec_for(intent: object) -> Spec | None:
    """The text command an intent corresponds to (for usage lines in refusals)."""
    for spec in COMMANDS:
        if spec.intent is type(intent) and (
            not isinstance(intent, i.ScheduleChange) or spec.path[-1] == intent.action
        ):
            return spec
    return None


def find_spec(topic: str) -> Spec | None:
    for spec in COMMANDS:
        if spec.name == topic:
            return spec
    return None
