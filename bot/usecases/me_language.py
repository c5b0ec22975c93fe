"""`/plc me language es|en|auto`: the language a person hears (issue 16). Kept on their
membership; the reply already speaks the new choice, so the person sees it work."""

from __future__ import annotations

from dataclasses import replace

from bot.commands.intents_records import MeLanguage as MeLanguage
from bot.i18n import _, fill, languages, speaking
from bot.messages import Bold, Code, text
from bot.outcome import Outcome
from bot.usecases.context import Ctx, Refusal
from bot.whose_language import language_name, of_request


async def set_language(cmd: MeLanguage, ctx: Ctx) -> Outcome:
    spoken = languages()
    if cmd.language is not None and cmd.language not in spoken:
        raise Refusal(
            *fill(
                _("I don't speak “{language}” yet. Choose one of {known}, or {auto}."),
                language=cmd.language,
                known=Code(", ".join(spoken)),
                auto=Code("auto"),
            )
        )
    ctx.member = replace(ctx.member, language=cmd.language)
    await ctx.uow.members.save(ctx.member)
    with speaking(of_request(ctx)):
        name = Bold(language_name())
        if cmd.language is None:
            said = _(
                "Back to automatic: I'll use your app's language, or else your team's. "
                "For now that is {language}."
            )
        else:
            said = _("From now on I'll speak with you in {language}.")
        return Outcome(
            reply=text(
                *fill(said, language=name),
                " ",
                *fill(_("Change it any time with {command}."), command=Code("/plc me language")),
            )
        )
