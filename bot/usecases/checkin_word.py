"""The word after a check-in by button: the card invites "one word for how you are arriving",
and a button carries only the score, so a click is answered with a small form for the word
(a modal on Slack and Discord, one line in the console). Leaving it empty, or closing it,
keeps the check-in as it is."""

from __future__ import annotations

from dataclasses import replace

from bot import actions
from bot.commands import intents as i
from bot.domain import CheckIn
from bot.i18n import _, fill, ngettext
from bot.messages import Bold, Form, Plain, TextField, text
from bot.outcome import Outcome
from bot.text import WORD_MAX, one_line
from bot.usecases.context import Ctx, Refusal

WORD = "word"


def word_form(ctx: Ctx, checkin: CheckIn, said: str) -> Form:
    return Form(
        actions.checkin_word(checkin.id),
        _("Add a word"),
        _("Add"),
        intro=f"{said} {ctx.own_library.checkin.word_hint}",
        fields=(
            TextField(
                WORD,
                _("One word for how you are arriving"),
                WORD_MAX,
                multiline=False,
                initial=checkin.word or "",
                placeholder=_("curious"),
                required=False,
            ),
        ),
    )


async def add_word(cmd: i.CheckInWord, ctx: Ctx) -> Outcome:
    """Only the person's own check-in (found among theirs, in this community) takes a word."""
    mine = await ctx.uow.checkins.by_user(ctx.community.id, ctx.user_id)
    checkin = next((c for c in mine if c.id == cmd.checkin_id), None)
    if checkin is None:
        raise Refusal(_("That check-in is not there any more, so no word was added."))
    word = one_line(cmd.word)
    if len(word) > WORD_MAX:
        raise Refusal(
            ngettext(
                "Keep the word to {most} character or fewer (it has {n}).",
                "Keep the word to {most} characters or fewer (it has {n}).",
                WORD_MAX,
            ).format(most=WORD_MAX, n=len(word)),
            field=WORD,
        )
    label = ctx.own_library.checkin.scale[checkin.score - 1].label
    if not word:
        return Outcome(
            reply=text(*fill(_("Your check-in stays as it was: {label}."), label=Bold(label)))
        )
    await ctx.uow.checkins.save(replace(checkin, word=word))
    return Outcome(
        reply=text(*fill(_("Checked in: {label} ({word})."), label=Bold(label), word=Plain(word)))
    )
