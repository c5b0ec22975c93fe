"""Discord's command descriptions in each person's language (issue 16), from the same
gettext catalogs as every reply: discord.py asks this translator for each string of the
command tree in each Discord locale when it syncs, and sends what it returns as
`description_localizations` (`es-419`, `es-ES` → the `es` catalog).

Only descriptions and word choices are translated: command, group and option *names* stay the
same in every language, so the one grammar (`/plc session open`) is documented once. A string
the catalog does not have is left to Discord's default (the English)."""

from __future__ import annotations

from discord import Locale, app_commands
from discord.app_commands import TranslationContextLocation as Where
from discord.app_commands import TranslationContextTypes, locale_str

from bot.api import SOURCE_LANGUAGE, _, normalise, speaking

DESCRIPTION_MAX = 100  # Discord's limit for a description and for a choice's name

TRANSLATED = frozenset(
    {
        Where.command_description,
        Where.group_description,
        Where.parameter_description,
        Where.choice_name,
    }
)


def fit(text: str) -> str:
    """`text` within Discord's 100 characters (cut at a word, with an ellipsis)."""
    return text if len(text) <= DESCRIPTION_MAX else text[: DESCRIPTION_MAX - 1].rstrip() + "…"


def described(text: str) -> locale_str:
    """A description as shown in English (fitted), carrying the whole English as its msgid
    so the translator finds it in the catalog (a long summary is cut only when shown)."""
    return locale_str(fit(text), msgid=text)


class CatalogTranslator(app_commands.Translator):
    async def translate(
        self, string: locale_str, locale: Locale, context: TranslationContextTypes
    ) -> str | None:
        if context.location not in TRANSLATED:
            return None  # names stay the grammar's
        language = normalise(locale.value)
        if language is None or language == SOURCE_LANGUAGE:
            return None
        msgid = str(string.extras.get("msgid", string.message))
        with speaking(language):
            said = _(msgid)
        return fit(said) if said != msgid else None
