"""The grammar's command for a person's own language (issue 16): `/plc me language es|en|auto`.
The word is read as said (`es-419` as `es`); the use case refuses a language plcbot does not
speak, naming the ones it does."""

from __future__ import annotations

from bot.commands.intents_records import MeLanguage
from bot.commands.spec import ParseError, Spec
from bot.i18n import N_, _, normalise

AUTO = "auto"  # the platform's locale, then the team's language, then the default


def language_choice(word: str) -> MeLanguage:
    """The intent for a language as typed (text, or Discord's option): `auto`, or a code read
    the way a platform's locale is (`es-419` is `es`); an unknown one is the use case's to refuse."""
    word = word.strip().lower()
    return MeLanguage(None if word == AUTO else normalise(word) or word)


def me_language(spec: Spec, rest: str) -> MeLanguage:
    words = rest.split()
    if len(words) != 1:
        raise ParseError(spec, _("Give one language code, like `es` or `en`, or `auto`."))
    return language_choice(words[0])


LANGUAGE_COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("me", "language"),
        "es|en|auto",
        "es",
        N_("Choose the language I use with you (auto: your app's, or your team's)."),
        MeLanguage,
        me_language,
        details=N_(
            "Your replies, DMs and home page use it; what I post in a team's channel stays in "
            "the team's language."
        ),
    ),
)
