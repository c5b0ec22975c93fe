"""No student or colleague names in a submission: a cheap check before evidence is saved.

A word is flagged when it starts with a capital letter, is not the first word of a sentence
(or of a line), is not written all in capitals (ELL, IEP), and is not in the word lists that
ship with plcbot: English's (`prompts/en/capitalised_words.txt`: days, months, languages,
subjects, school words, common tools) and the language's being spoken, if it has one
(`prompts/es/capitalised_words.txt`: subjects, school words, forms of address). It misses
lower-case names and flags some place names: the teacher confirms or edits, and the reminder
is said every time."""

from __future__ import annotations

import importlib.resources
import re
from functools import cache

from bot.i18n import N_, SOURCE, current

WORDS_FILE = "capitalised_words.txt"
# Said through `_` where it is shown.
REMINDER = N_(
    "Submissions must not name students or colleagues: write “a student”, “student A” or "
    "“my co-teacher” instead."
)
_SENTENCE_END = re.compile(r"[.!?:;]\s+|\n+|^\s*[-*•]\s*|\s[-–—]\s")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
MOST_FLAGGED = 8


@cache
def _listed(language: str) -> frozenset[str]:
    path = importlib.resources.files("prompts").joinpath(language, WORDS_FILE)
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().casefold() for w in lines if w.strip() and not w.startswith("#"))


def common_words(language: str | None = None) -> frozenset[str]:
    """English's list and `language`'s (default: the language being spoken)."""
    return _listed(SOURCE) | _listed(language or current())


def likely_names(
    text: str, known: frozenset[str] = frozenset(), *, language: str | None = None
) -> list[str]:
    """The capitalised words that may be names, in the order they first appear."""
    common = common_words(language) | known
    found: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        for n, match in enumerate(_WORD.finditer(sentence)):
            word = match.group().rstrip("'’-")
            if n == 0 or not word[:1].isupper() or word.isupper():
                continue
            bare = re.sub(r"['’]s$", "", word)
            if bare.casefold() in common or word.casefold() in common or bare in found:
                continue
            found.append(bare)
    return found[:MOST_FLAGGED]
