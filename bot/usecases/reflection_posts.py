"""How a reflection shows once saved: the reply to its author, and its post in its own team's
channel (posted when newly shared, edited in place, withdrawn when made private again)."""

from __future__ import annotations

from bot import actions
from bot.domain import PostedKind, PostedMessage, Reflection, Team, Visibility
from bot.i18n import N_, _, fill
from bot.library import ReflectionPrompt
from bot.messages import Bold, Button, Italic, Mention, Message, MessageBuilder
from bot.outcome import Outcome, Post, Record, ToChannel, Update
from bot.usecases.context import Ctx
from bot.usecases.credential_link import suggestion

WHO_SEES = {
    Visibility.PRIVATE: N_("only you"),
    Visibility.FACILITATORS: N_("you and the team's facilitators"),
    Visibility.TEAM: N_("the whole team (posted in the channel)"),
}
IN_THREAD = N_("the whole team (your reply is in the prompt's thread)")
USE_AS_EVIDENCE = N_("Use as evidence")  # for a micro-credential portfolio (bot.credentials)


async def publish(
    ctx: Ctx,
    team: Team,
    saved: Reflection,
    prompt: ReflectionPrompt | None,
    *,
    edited: bool,
    in_thread: bool = False,
) -> Outcome:
    """The reply, and the team channel's post of a reflection as it is now: posted when newly
    shared, edited in place, or withdrawn when its author made it private again."""
    linked = await suggestion(ctx, team, saved)
    outcome = Outcome(reply=_saved_reply(saved, edited=edited, in_thread=in_thread, linked=linked))
    # A reflection saved just now has no post yet (ids are never reused): no lookup.
    posted = await shared_posts(ctx, team, saved.id) if edited else []
    if saved.visibility is Visibility.TEAM:
        with ctx.to_team():
            shared = shared_reflection(saved, prompt)
        if posted:
            outcome.updates.extend(Update(p.ref, shared) for p in posted)
        elif not in_thread:  # a thread reply is in the channel already
            outcome.posts.append(
                Post(ToChannel(team.channel_id), shared, Record(PostedKind.REFLECTION, saved.id))
            )
    elif posted:  # it was shared before; the author has made it private again
        with ctx.to_team():
            gone = Italic(_("This reflection was withdrawn by its author."))
        withdrawn = MessageBuilder().para(gone).build()
        outcome.updates.extend(Update(p.ref, withdrawn) for p in posted)
    return outcome


async def shared_posts(ctx: Ctx, team: Team, reflection_id: int) -> list[PostedMessage]:
    """Where the reflection was shared: only posts in its own team's channel are ever edited,
    whatever an old record may say."""
    posted = await ctx.uow.posted.find(team.community_id, PostedKind.REFLECTION, reflection_id)
    return [p for p in posted if p.ref.channel_id == team.channel_id]


def _saved_reply(
    saved: Reflection, *, edited: bool, in_thread: bool = False, linked: Button | None = None
) -> Message:
    said = (
        _("Updated your reflection. Who can read it: {who}.")
        if edited
        else _("Saved your reflection. Who can read it: {who}.")
    )
    who = _(IN_THREAD if in_thread else WHO_SEES[saved.visibility])
    b = MessageBuilder().para(*fill(said, who=Bold(who)))
    use = Button(_(USE_AS_EVIDENCE), actions.credential_use(saved.id))
    if linked is not None:
        b.para(_("This cycle's goal is linked to a micro-credential you are collecting for."))
        return b.buttons(linked, use).build()
    return b.buttons(use).build()


def answered_already(number: int) -> Message:
    return (
        MessageBuilder()
        .context(
            _(
                "You had answered this prompt already, so this is a new reflection. To change "
                "that answer: /plc reflect edit {number} <text> (yours: /plc me reflections)."
            ).format(number=number)
        )
        .build()
    )


def shared_reflection(reflection: Reflection, prompt: ReflectionPrompt | None) -> Message:
    b = MessageBuilder().para(
        *fill(_("{who} shared a reflection"), who=Mention(reflection.user_id))
    )
    if prompt:
        b.context(*fill(_("Prompt: {prompt}"), prompt=prompt.text))
    b.quote(reflection.text)
    return b.build()
