"""The arguments of the records' commands: reflection history, attendance and PD hours, and
the team's own prompts (the rest of the grammar's parsers are in bot.commands.arguments)."""

from __future__ import annotations

from bot.commands import intents as i
from bot.commands import values
from bot.commands.arguments import _since, parse_user, reflect
from bot.commands.spec import ParseError, Spec
from bot.i18n import _
from bot.text import one_line, whole_number


def reflect_edit(spec: Spec, rest: str) -> i.ReflectEdit:
    words = rest.strip().split(None, 1)
    number = whole_number(words[0].lstrip("#")) if words else None
    if number is None:
        raise ParseError(
            spec,
            _(values.REFLECTION_NUMBER),
            " ",
            _(
                "To write a reflection that begins with “edit”, put a choice first: "
                "`/plc reflect --facilitators edit …`."
            ),
        )
    edited = reflect(spec, words[1] if len(words) > 1 else "")
    if edited.text is None:
        raise ParseError(spec, _("Write the new text after the number."))
    return i.ReflectEdit(number, edited.text, edited.visibility)


def me_reflections(spec: Spec, rest: str) -> i.MeReflections:
    return i.MeReflections(*_since(spec, rest.split()))


def attend(spec: Spec, rest: str) -> i.Attend:
    words = rest.split()
    if not words:
        raise ParseError(spec, _("Name who was there, like `@maria @jon`."))
    return i.Attend(tuple(parse_user(spec, w) for w in words))


def me_pdhours(spec: Spec, rest: str) -> i.MePdHours:
    return i.MePdHours(*_since(spec, rest.split()))


def prompt_list(spec: Spec, rest: str) -> i.PromptList:
    return i.PromptList(values.stage(rest) if rest.strip() else None)


def prompt_add(spec: Spec, rest: str) -> i.PromptAdd:
    words = one_line(rest).split(" ", 1)
    if len(words) < 2 or not words[1].strip():
        raise ParseError(spec, _("Name the stage, then write the prompt."))
    return i.PromptAdd(values.stage(words[0]), words[1])


def prompt_retire(spec: Spec, rest: str) -> i.PromptRetire:
    words = rest.split()
    if len(words) != 1:
        raise ParseError(spec, _(values.TEAM_PROMPT_ID))
    return i.PromptRetire(words[0].lower())
