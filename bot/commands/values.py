"""The rules a typed value must meet, written once for every way it arrives.

The grammar reads words into these values; Discord's options, forms and buttons hand them over
already typed. Both go through the helpers below (and the door runs `check` on every intent),
so `/plc checkin 9` and a Discord `score: 9` are refused with the same words. A helper raises
`Invalid` with trusted text (backticks mark commands) and the person's own value as Plain."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from bot.commands import intents as i
from bot.commands.days import read_date
from bot.domain import CycleStage, Role, Visibility
from bot.messages import Plain
from bot.rules import score as scale
from bot.rules.prompts import PromptRule, prompt_text, team_prompt_number
from bot.scheduling.model import (
    AFTER_MAX,
    BREAK_MAX_DAYS,
    DEFAULT_BREAK_LABEL,
    LABEL_MAX,
    ScheduleKind,
    UnknownKind,
)
from bot.scheduling.model import KINDS as KINDS  # the grammar's list and Discord's choices
from bot.scheduling.model import schedule_kind as kind_named
from bot.text import one_line


class Invalid(ValueError):
    """A value that breaks a rule. `field` names the form field it belongs to, if any."""

    def __init__(self, *parts: str | Plain, field: str | None = None) -> None:
        super().__init__("".join(p if isinstance(p, str) else p.text for p in parts))
        self.parts = parts
        self.field = field


def score(value: int) -> scale.Score:
    """The one rule of the scale (bot.rules.score), refused in the door's words."""
    try:
        return scale.score(value)
    except scale.OutOfScale as e:
        raise Invalid(str(e)) from None


def stage(word: str) -> CycleStage:
    word = word.strip().lower()
    if not word:
        raise Invalid("Name the stage.")
    try:
        return CycleStage(word)
    except ValueError:
        stages = ", ".join(s.value for s in CycleStage)
        raise Invalid("“", Plain(word), f"” is not a stage. The stages are: {stages}.") from None


def grantable_role(word: str) -> Role:
    role = Role.parse(word)
    if role is None or role is Role.TEACHER:
        raise Invalid("“", Plain(word), "” is not a role you can grant: use facilitator or admin.")
    return role


def visibility(word: str) -> Visibility:
    chosen = Visibility.parse(word)
    if chosen is None:
        raise Invalid(
            "“",
            Plain(word),
            "” is not a choice: use private, facilitators or team.",
            field="visibility",
        )
    return chosen


def on_off(word: str) -> bool:
    word = word.strip().lower()
    if word not in ("on", "off"):
        raise Invalid("Say `on` or `off`.")
    return word == "on"


FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


def in_range(*days: date | None) -> None:
    """Dates a school year can have: far-off ones are typos, and overflow in time zones."""
    for day in days:
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise Invalid(
                f"{day.isoformat()} is too far off: give a date from {FIRST_DAY.isoformat()} "
                f"to {LAST_DAY.isoformat()}, like 2026-09-01."
            )


_USER = re.compile(r"^<@!?([A-Za-z0-9_.\-]+)(?:\|[^>]*)?>$|^@?([A-Za-z0-9_.\-]+)$")


def user_id(token: str) -> str:
    """A person as typed: a platform mention (<@U123|maria>) or @name."""
    m = _USER.match(token.strip())
    if not m:
        raise Invalid("“", Plain(token), "” is not a person. Mention them, like @maria.")
    return m.group(1) or m.group(2)


def iso_date(word: str) -> date:
    """A date as YYYY-MM-DD only (a typed option that carries no reading of month/day/year)."""
    try:
        day = date.fromisoformat(word.strip())
    except ValueError:
        raise Invalid("“", Plain(word), "” is not a date: write it as YYYY-MM-DD.") from None
    in_range(day)
    return day


def a_date(word: str) -> tuple[date, str | None]:
    """A date as YYYY-MM-DD or month/day/year, and the words as typed when month/day/year (the
    use case accepts that only for a US-English team, saying how it was read)."""
    found = read_date(word)
    if found is None:
        raise Invalid("“", Plain(word), "” is not a date: write it as YYYY-MM-DD.")
    in_range(found[0])
    return found[0], word.strip() if found[1] else None


def break_label(raw: str) -> str:
    return one_line(raw)[:LABEL_MAX] or DEFAULT_BREAK_LABEL


def schedule_kind(word: str) -> ScheduleKind:
    try:
        return kind_named(word)
    except UnknownKind as e:
        raise Invalid(*e.parts) from None


def _schedule_add(cmd: i.ScheduleAdd) -> None:
    try:
        schedule_kind(cmd.kind)
    except Invalid as e:
        raise Invalid(*e.parts, field="kind") from None
    if cmd.after_hours is not None:
        if not 1 <= cmd.after_hours <= AFTER_MAX:
            raise Invalid(
                f"Say `after` and a number of hours from 1 to {AFTER_MAX}, like `after 24h`.",
                field="after_hours",
            )
        if cmd.kind != ScheduleKind.NONRESPONDER_REMINDER:
            raise Invalid("`after` is only for nonresponder_reminder.", field="after_hours")
    if not cmd.when.strip():
        raise Invalid(
            'Say when, in quotes: "mon,wed 15:30", "weekdays 08:00", "daily 16:00" or a cron line.',
            field="when",
        )


def _calendar_off(cmd: i.CalendarOff) -> None:
    in_range(cmd.first_day, cmd.last_day)
    if cmd.last_day < cmd.first_day:
        raise Invalid(
            "The break ends before it starts: put the earlier date first.", field="last_day"
        )
    if (cmd.last_day - cmd.first_day).days > BREAK_MAX_DAYS:
        raise Invalid("A break can be at most a year long.", field="last_day")


NORM_NUMBER = "Give the norm's number, as `/plc norms` lists them."
SCHEDULE_NUMBER = "Give the schedule's number, as `/plc schedule list` shows it."
BREAK_NUMBER = "Give the break's number, as `/plc calendar list` shows it."
RUN_NUMBER = "Give the run's number, as `/plc schedule list` shows it under Not confirmed."
REFLECTION_NUMBER = "Give the reflection's number, as `/plc me reflections` shows it."
PROMPT_NUMBER = "Give the prompt's number, as `/plc prompt list` shows it."
TEAM_PROMPT_ID = "Give the team prompt's id, like team-7, as `/plc prompt list` shows it."


def _prompt_add(cmd: i.PromptAdd) -> None:
    try:
        prompt_text(cmd.text)
    except PromptRule as e:
        raise Invalid(str(e), field="text") from None


def _attend(cmd: i.Attend) -> None:
    if not cmd.user_ids:
        raise Invalid("Name who was there, like `/plc attend @maria @jon`.")


def _prompt_retire(cmd: i.PromptRetire) -> None:
    if team_prompt_number(cmd.prompt_id) is None:
        raise Invalid(TEAM_PROMPT_ID)


def _positive(problem: str, number: int) -> None:
    if number < 1:
        raise Invalid(problem)


def _norms_add(cmd: i.NormsAdd) -> None:
    if not cmd.text.strip():
        raise Invalid("Write the norm after `add`.")


def _norms_edit(cmd: i.NormsEdit) -> None:
    _positive(NORM_NUMBER, cmd.number)
    _norms_add(i.NormsAdd(cmd.text))  # the same rules as a new norm's


def _team_rename(cmd: i.TeamRename) -> None:
    if not cmd.name.strip():
        raise Invalid("Give the team's new name.")


def _checkin(cmd: i.CheckInCmd) -> None:
    if cmd.score is not None:
        score(cmd.score)


CHECKS: dict[type, Callable[[Any], object]] = {
    i.CheckInCmd: _checkin,
    i.CheckInClick: lambda c: score(c.score),
    i.PulseAnswer: lambda c: c.relevant is None or score(c.relevant),
    i.NormsAdd: _norms_add,
    i.PromptAdd: _prompt_add,
    i.ReflectEdit: lambda c: _positive(REFLECTION_NUMBER, c.number),
    i.MeReflections: lambda c: in_range(c.since),
    i.MePdHours: lambda c: in_range(c.since),
    i.Attend: _attend,
    i.PromptRetire: _prompt_retire,
    i.PromptSend: lambda c: _positive(PROMPT_NUMBER, 1 if c.number is None else c.number),
    i.NormsRemove: lambda c: _positive(NORM_NUMBER, c.number),
    i.NormsEdit: _norms_edit,
    i.NormsMove: lambda c: _positive(NORM_NUMBER, min(c.number, c.to)),
    i.TeamRename: _team_rename,
    i.ScheduleAdd: _schedule_add,
    i.ScheduleChange: lambda c: _positive(SCHEDULE_NUMBER, c.schedule_id),
    i.ScheduleRunAction: lambda c: _positive(RUN_NUMBER, c.run_id),
    i.CalendarOff: _calendar_off,
    i.Report: lambda c: in_range(c.since),
    i.ListReflections: lambda c: in_range(c.since),
    i.CalendarRemove: lambda c: _positive(BREAK_NUMBER, c.break_id),
    i.RoleGrant: lambda c: grantable_role(c.role.name),
    i.RoleRevoke: lambda c: grantable_role(c.role.name),
}


def check(intent: object) -> None:
    """Raise Invalid when an intent breaks a rule of its type (however it was built)."""
    rule = CHECKS.get(type(intent))
    if rule is not None:
        rule(intent)


# The work intents' rules live beside their intents; they need Invalid, defined above.
from bot.commands.minutes_values import MINUTES_CHECKS  # noqa: E402
from bot.commands.work_values import WORK_CHECKS  # noqa: E402

CHECKS.update(WORK_CHECKS)
CHECKS.update(MINUTES_CHECKS)

from bot.commands.protocol_values import PROTOCOL_CHECKS  # noqa: E402

CHECKS.update(PROTOCOL_CHECKS)

from bot.commands.credential_values import CREDENTIAL_CHECKS  # noqa: E402

CHECKS.update(CREDENTIAL_CHECKS)
