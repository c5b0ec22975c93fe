"""The argument parsers of the `/plc` grammar: the text after a command's path into an intent."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from datetime import date
from typing import Any

from bot.commands import intents as i
from bot.commands import values
from bot.commands.days import read_days
from bot.commands.spec import ParseError, Parser, Spec
from bot.domain import CycleStage, Role, Visibility
from bot.i18n import _, fill
from bot.scheduling.model import KINDS
from bot.text import clean, one_line, whole_number


def parse_user(spec: Spec, token: str) -> str:
    try:
        return values.user_id(token)
    except values.Invalid as e:
        raise ParseError(spec, *e.parts) from None


def no_args(factory: Callable[[], Any]) -> Parser:
    def parse(spec: Spec, rest: str) -> Any:
        if rest.strip():
            raise ParseError(
                spec, _("`/plc {name}` takes nothing after it.").format(name=spec.name)
            )
        return factory()

    return parse


def checkin(spec: Spec, rest: str) -> i.CheckInCmd:
    words = one_line(rest).split(" ", 1)
    if not words[0]:
        return i.CheckInCmd()
    if not re.fullmatch(r"[+-]?\d{1,9}", words[0]):
        raise ParseError(spec, _("Start with a number from 1 to 5 for how you are arriving."))
    score = values.score(int(words[0]))
    word = words[1] if len(words) > 1 else None
    return i.CheckInCmd(score, word)


# Phones and Macs turn -- into a dash and "" into curly quotes as people type: where the
# grammar reads flags and quotes, those mean what was meant. Elsewhere (a reflection's words,
# a norm) they are the person's own punctuation and stay as typed.
FLAG = r"(?:--|[—–])"
_CURLY_DOUBLE = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_CURLY_SINGLE = re.compile(r"(?<!\S)‘(.*?)’(?!\S)")  # ‘words’, never an apostrophe (Ana’s)


def straight_quotes(text: str) -> str:
    return _CURLY_SINGLE.sub(r'"\1"', text.translate(_CURLY_DOUBLE))


def is_flag(word: str, name: str) -> bool:
    return re.fullmatch(FLAG + re.escape(name), word, re.IGNORECASE) is not None


_VIS_FLAG = re.compile(FLAG + r"(private|facilitators|team)\b\s*", re.IGNORECASE)


def reflect(spec: Spec, rest: str) -> i.Reflect:
    visibility = None
    rest = rest.lstrip()
    m = _VIS_FLAG.match(rest)
    if m:
        visibility = Visibility(m.group(1).lower())
        rest = rest[m.end() :]
    elif rest.startswith("--"):  # a dash before other words is the person's own punctuation
        flag = rest.split()[0]
        raise ParseError(
            spec,
            *fill(_("{flag} is not a choice: use --private, --facilitators or --team."), flag=flag),
        )
    body = clean(rest)
    return i.Reflect(body or None, visibility)


def me_reminders(spec: Spec, rest: str) -> i.MeReminders:
    return i.MeReminders(values.on_off(rest))


def session_open(spec: Spec, rest: str) -> i.SessionOpen:
    return i.SessionOpen(one_line(rest))


def stage_set(spec: Spec, rest: str) -> i.StageSet | i.StageSetByTitle:
    """A stage by its number (4), its id (implement) or its title (Try it in the classroom)."""
    said = one_line(straight_quotes(rest)).strip('"')
    word = said.lower().removeprefix("stage").strip()
    number = whole_number(word)
    if number is not None and 1 <= number <= len(CycleStage):
        return i.StageSet(list(CycleStage)[number - 1])
    if word in set(CycleStage) or not said:
        return i.StageSet(values.stage(word))
    return i.StageSetByTitle(said)


def prompt_send(spec: Spec, rest: str) -> i.PromptSend:
    words = rest.split()
    if len(words) > 1:
        raise ParseError(
            spec, _("Give at most one prompt: its number in `/plc prompt list`, or its id.")
        )
    if not words:
        return i.PromptSend()
    number = whole_number(words[0])
    if number is not None:
        return i.PromptSend(number=number)
    return i.PromptSend(words[0].lower())


def norms_add(spec: Spec, rest: str) -> i.NormsAdd:
    norm = one_line(rest)
    if not norm:
        raise ParseError(spec, _("Write the norm after `add`."))
    return i.NormsAdd(norm)


def norms_remove(spec: Spec, rest: str) -> i.NormsRemove:
    number = whole_number(rest.strip())
    if number is None or number < 1:
        raise ParseError(spec, _(values.NORM_NUMBER))
    return i.NormsRemove(number)


def _since(spec: Spec, words: list[str]) -> tuple[date | None, str | None]:
    """The day after `since`, and the words as typed when month/day/year."""
    if not words:
        return None, None
    if len(words) != 2 or words[0].lower() != "since":
        raise ParseError(spec, _("Say `since` and a date, like `since 2026-09-01`."))
    return values.a_date(words[1])


def report(spec: Spec, rest: str) -> i.Report | i.CommunityReport:
    words = rest.split()
    if words and words[0].lower() == "all":
        return i.CommunityReport(*_since(spec, words[1:]))
    return i.Report(*_since(spec, words))


def list_reflections(spec: Spec, rest: str) -> i.ListReflections:
    return i.ListReflections(*_since(spec, rest.split()))


def _split_quoted(spec: Spec, rest: str) -> list[str]:
    """Words, with "quoted words" kept together (curly quotes too). A lone apostrophe
    (Ana's team) is a letter, not an unclosed quote."""
    rest = straight_quotes(rest)
    try:
        return shlex.split(rest)
    except ValueError:
        pass
    words = shlex.shlex(rest, posix=True)
    words.whitespace_split, words.quotes = True, '"'
    try:
        return list(words)
    except ValueError:
        raise ParseError(spec, _("A quotation mark is not closed.")) from None


_QUOTED = re.compile(r'"([^"]*)"' + r"|'([^']*)'")


def _trailing_zone(words: list[str], rest: str) -> str | None:
    """Take the last word off as a time zone when it looks like one ("America/Chicago", UTC).
    A quoted argument is never a zone: "Grade 4/5 Math" is a name, "*/30 * * * *" a cron."""
    if not words:
        return None
    quoted = {a or b for a, b in _QUOTED.findall(straight_quotes(rest))}
    word = words[-1]
    if word in quoted or not ("/" in word or word.upper() in ("UTC", "GMT")):
        return None
    return words.pop()


def team_create(spec: Spec, rest: str) -> i.TeamCreate:
    words = _split_quoted(spec, rest)
    zone = _trailing_zone(words, rest)
    name = one_line(" ".join(words)) or None
    return i.TeamCreate(name, zone)


def one_word(factory: Callable[[str], Any], problem: str) -> Parser:
    """A parser of one word; `problem` (marked with N_) is said when there is not one."""

    def parse(spec: Spec, rest: str) -> Any:
        words = rest.split()
        if len(words) != 1:
            raise ParseError(spec, _(problem))
        return factory(words[0])

    return parse


def role_pair(factory: Callable[[str, Role], Any]) -> Parser:
    def parse(spec: Spec, rest: str) -> Any:
        words = rest.split()
        if len(words) != 2:
            raise ParseError(spec, _("Name a person and a role."))
        return factory(parse_user(spec, words[0]), values.grantable_role(words[1]))

    return parse


_AFTER = re.compile(r"^(\d{1,3})h$")


def schedule_add(spec: Spec, rest: str) -> i.ScheduleAdd:
    words = _split_quoted(spec, rest)
    if not words:
        raise ParseError(
            spec, _("Name the kind of schedule: {kinds}.").format(kinds=", ".join(KINDS))
        )
    kind = values.schedule_kind(words.pop(0))
    after = None
    if len(words) >= 2 and words[-2].lower() == "after":
        m = _AFTER.match(words[-1].lower())
        if not m or not 1 <= int(m.group(1)) <= 336:
            raise ParseError(
                spec, _("Say `after` and a number of hours from 1 to 336, like `after 24h`.")
            )
        after = int(m.group(1))
        words = words[:-2]
    zone = _trailing_zone(words, rest)
    when = " ".join(words)
    if not when:
        raise ParseError(
            spec,
            _(values.SAY_WHEN),
        )
    return i.ScheduleAdd(kind, when, zone, after)


def schedule_change(action: str) -> Parser:
    def parse(spec: Spec, rest: str) -> i.ScheduleChange:
        number = whole_number(rest.strip().lstrip("#"))
        if number is None:
            raise ParseError(spec, _(values.SCHEDULE_NUMBER))
        return i.ScheduleChange(action, number)

    return parse


def schedule_run(action: str) -> Parser:
    def parse(spec: Spec, rest: str) -> i.ScheduleRunAction:
        number = whole_number(rest.strip().lstrip("#"))
        if number is None:
            raise ParseError(spec, _(values.RUN_NUMBER))
        return i.ScheduleRunAction(action, number)

    return parse


def calendar_off(spec: Spec, rest: str) -> i.CalendarOff:
    words = rest.split()
    team_only = any(is_flag(w, "team") for w in words)
    words = [w for w in words if not is_flag(w, "team")]
    try:
        days = read_days(words[0]) if words else None
    except ValueError:
        raise ParseError(
            spec,
            *fill(
                _(
                    "“{word}” is not a date: write YYYY-MM-DD (one day) or FROM..TO, "
                    "like 2026-11-26..2026-11-27."
                ),
                word=words[0],
            ),
        ) from None
    if days is None:
        raise ParseError(
            spec, _("Give a day, like 2026-11-26, or days FROM..TO, like 2026-12-21..2027-01-01.")
        )
    label = values.break_label(" ".join(words[1:]))
    return i.CalendarOff(
        days.first, days.last, label, team_only, written=words[0] if days.slashed else None
    )


def calendar_remove(spec: Spec, rest: str) -> i.CalendarRemove:
    number = whole_number(rest.strip().lstrip("#"))
    if number is None:
        raise ParseError(spec, _(values.BREAK_NUMBER))
    return i.CalendarRemove(number)


def help_topic(spec: Spec, rest: str) -> i.Help:
    return i.Help(" ".join(rest.lower().split()) or None)
