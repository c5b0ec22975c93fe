"""The 1–5 scale of a check-in ("how are you arriving?") and of the pulse's "this was relevant
to my work". A `Score` is made by `score()` only, which checks the range; the database holds
the same rule as a CHECK constraint (migration 0012)."""

from __future__ import annotations

from typing import NewType

from bot.i18n import _

LOWEST, HIGHEST = 1, 5
SCALE = tuple(range(LOWEST, HIGHEST + 1))

Score = NewType("Score", int)


class OutOfScale(ValueError):
    """A number that is not a point of the scale; the message says which numbers are."""


def score(value: int) -> Score:
    """`value` as a Score, or OutOfScale."""
    if isinstance(value, bool) or not isinstance(value, int) or not LOWEST <= value <= HIGHEST:
        raise OutOfScale(
            _("{value} is outside the scale: choose a number from {lowest} to {highest}.").format(
                value=value, lowest=LOWEST, highest=HIGHEST
            )
        )
    return Score(value)


def parse_score(word: str) -> Score | None:
    """A score written as one digit (a button's id, a form's value), or None."""
    if len(word) != 1 or not ("0" <= word <= "9"):  # not str.isdigit: "²" is a digit to it
        return None
    try:
        return score(int(word))
    except OutOfScale:
        return None
