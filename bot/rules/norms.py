"""A team's working norms: how a norm is written and how the list is edited, the same for
`/plc norms add|remove` (whichever platform it came from) and for the prompt library's
default norms.

A norm is one line of at most NORM_MAX characters. Besides what bot.text.clean removes
(control characters), the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
U+2066–U+2069) are dropped: a norm is shown in a numbered list on every session card, and an
unclosed override would reverse the text after it. Right-to-left marks (U+200E, U+200F,
U+061C) are kept; they change no one else's text. The list keeps at least one norm and at
most the team's limit; norms are numbered from 1 in the order they were added."""

from __future__ import annotations

from bot.i18n import N_, _, ngettext
from bot.text import one_line

NORM_MAX = 300
MOST_NORMS = 12  # the default limit of a team's list (Settings.max_norms)
ALREADY = N_("That norm is already on the list.")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class NormRule(ValueError):
    """An edit the rules refuse; the message says why and what to do (backticks: commands)."""


def norm_text(raw: str) -> str:
    """`raw` as a norm is kept: one line, without bidi controls (it may come out empty)."""
    return one_line("".join(ch for ch in raw if ch not in BIDI_CONTROLS))


def norm_problem(text: str) -> str | None:
    """What is wrong with a norm as written (None: nothing)."""
    if not text:
        return _("A norm needs some words.")
    if len(text) > NORM_MAX:
        return ngettext(
            "A norm can be up to {most} characters; this one has {n}.",
            "A norm can be up to {most} characters; this one has {n}.",
            len(text),
        ).format(most=NORM_MAX, n=len(text))
    return None


def with_norm(norms: tuple[str, ...], raw: str, *, most: int = MOST_NORMS) -> tuple[str, ...]:
    """The list with the norm added at the end (its number is the new length)."""
    text = norm_text(raw)
    problem = norm_problem(text)
    if problem is not None:
        raise NormRule(problem)
    if any(n.casefold() == text.casefold() for n in norms):
        raise NormRule(_(ALREADY))
    if len(norms) >= most:
        raise NormRule(
            ngettext(
                "A team can keep up to {most} norm. Remove one first.",
                "A team can keep up to {most} norms. Remove one first.",
                most,
            ).format(most=most)
        )
    return (*norms, text)


def without_norm(norms: tuple[str, ...], number: int) -> tuple[tuple[str, ...], str]:
    """The list without norm `number` (counted from 1), and that norm."""
    _numbered(norms, number)
    if len(norms) == 1:
        raise NormRule(_("A team keeps at least one norm. Add another before removing this one."))
    return (*norms[: number - 1], *norms[number:]), norms[number - 1]


def _numbered(norms: tuple[str, ...], number: int) -> None:
    if number < 1 or number > len(norms):
        raise NormRule(
            ngettext(
                "There is no norm {number}; the team has {n}. See them with `/plc norms`.",
                "There is no norm {number}; the team has {n}. See them with `/plc norms`.",
                len(norms),
            ).format(number=number, n=len(norms))
        )


def reworded(norms: tuple[str, ...], number: int, raw: str) -> tuple[str, ...]:
    """The list with norm `number` (from 1) written anew, under the same rules as a new one."""
    _numbered(norms, number)
    text = norm_text(raw)
    problem = norm_problem(text)
    if problem is not None:
        raise NormRule(problem)
    if any(n.casefold() == text.casefold() for k, n in enumerate(norms, 1) if k != number):
        raise NormRule(_(ALREADY))
    return (*norms[: number - 1], text, *norms[number:])


def moved(norms: tuple[str, ...], number: int, to: int) -> tuple[str, ...]:
    """The list with norm `number` moved to place `to` (both from 1)."""
    _numbered(norms, number)
    _numbered(norms, to)
    if number == to:
        raise NormRule(_("Norm {number} is already in place {to}.").format(number=number, to=to))
    rest = [*norms[: number - 1], *norms[number:]]
    rest.insert(to - 1, norms[number - 1])
    return tuple(rest)
