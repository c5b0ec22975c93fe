"""The argument parsers of the team upkeep commands: rename, and editing or moving a norm."""

from __future__ import annotations

import shlex

from bot.commands import intents as i
from bot.commands import values
from bot.commands.spec import ParseError, Spec
from bot.i18n import _
from bot.text import one_line, whole_number


def team_rename(spec: Spec, rest: str) -> i.TeamRename:
    try:
        words = shlex.split(rest)
    except ValueError:
        raise ParseError(spec, _("A quotation mark is not closed.")) from None
    name = one_line(" ".join(words))
    if not name:
        raise ParseError(spec, _("Give the team's new name."))
    return i.TeamRename(name)


def norms_edit(spec: Spec, rest: str) -> i.NormsEdit:
    first, _sep, text = rest.strip().partition(" ")
    number = whole_number(first)
    if number is None or number < 1:
        raise ParseError(spec, _(values.NORM_NUMBER))
    norm = one_line(text)
    if not norm:
        raise ParseError(spec, _("Write the norm's new words after its number."))
    return i.NormsEdit(number, norm)


def norms_move(spec: Spec, rest: str) -> i.NormsMove:
    words = rest.split()
    if len(words) == 3 and words[1].lower() == "to":  # "move 5 to 1" reads as well
        words = [words[0], words[2]]
    numbers = [whole_number(w) for w in words]
    if len(numbers) != 2 or any(n is None or n < 1 for n in numbers):
        raise ParseError(spec, _("Give the norm's number and where it goes, like `5 1`."))
    return i.NormsMove(numbers[0] or 0, numbers[1] or 0)
