"""Reflections: a teacher's answer to a prompt, private to the facilitators unless they choose."""

from __future__ import annotations

from dataclasses import replace

from bot import actions
from bot.commands import intents as i
from bot.domain import (
    MessageRef,
    PostedKind,
    PromptDelivery,
    Reflection,
    Team,
    Visibility,
)
from bot.i18n import N_, _, fill, ngettext
from bot.library import ReflectionPrompt
from bot.messages import (
    Bold,
    ChoiceField,
    Form,
    Message,
    MessageBuilder,
    TextField,
    text,
)
from bot.outcome import Outcome
from bot.prompt_lookup import find_prompt
from bot.text import REFLECTION_MAX, clean
from bot.usecases.context import Ctx, Refusal, addressed_to
from bot.usecases.dm_targets import dm_targets, which_team
from bot.usecases.places import label_of, team_and_place
from bot.usecases.reflection_posts import (
    answered_already,
    publish,
)

# where the tests found them before bot.domain.PostedKind
PROMPT_DM, REFLECTION = PostedKind.PROMPT_DM, PostedKind.REFLECTION

VISIBILITY_CHOICES = (
    (Visibility.FACILITATORS.value, N_("Me and the facilitators")),
    (Visibility.PRIVATE.value, N_("Only me")),
    (Visibility.TEAM.value, N_("The whole team")),
)


def too_long(length: int) -> Refusal:
    return Refusal(
        ngettext(
            "Your reflection has {n} characters; the limit is {most}. "
            "Nothing was saved: shorten it and send it again.",
            "Your reflection has {n} characters; the limit is {most}. "
            "Nothing was saved: shorten it and send it again.",
            length,
        ).format(n=f"{length:,}", most=f"{REFLECTION_MAX:,}"),
        field="text",
    )


async def _delivery(ctx: Ctx, team: Team, delivery_id: int | None) -> PromptDelivery | None:
    if delivery_id:
        delivery = await ctx.uow.deliveries.get(team.community_id, delivery_id)
        if delivery is None or delivery.team_id != team.id:
            raise Refusal(
                _("That prompt is no longer available. Answer the latest one with `/plc reflect`.")
            )
        return delivery
    return await ctx.uow.deliveries.latest(team.community_id, team.id)


async def _prompt_of(ctx: Ctx, delivery: PromptDelivery | None) -> ReflectionPrompt | None:
    if delivery is None:
        return None
    return await find_prompt(ctx.uow, ctx.library, delivery.community_id, delivery.prompt_id)


async def reflect(cmd: i.Reflect, ctx: Ctx) -> Outcome:
    if ctx.team is None and ctx.actor.is_dm:
        return await reply_in_dm(ctx, cmd.text or "", cmd.visibility)
    team = ctx.need_team()
    delivery = await _delivery(ctx, team, None)
    if cmd.text is None:
        return await open_form(ctx, team, delivery, cmd.visibility)
    return await record(ctx, team, delivery, cmd.text, cmd.visibility, new_if_answered=True)


async def open_form(
    ctx: Ctx, team: Team, delivery: PromptDelivery | None, chosen: Visibility | None = None
) -> Outcome:
    """`chosen`: the visibility the person already asked for (`--private`); it preselects the
    form's choice over their previous answer's."""
    prompt = await _prompt_of(ctx, delivery)
    mine = (
        await ctx.uow.reflections.find(team.community_id, delivery.id, ctx.user_id)
        if delivery
        else None
    )
    initial = chosen or (mine.visibility if mine else Visibility.FACILITATORS)
    form = Form(
        action=actions.reflect(delivery.id if delivery else None),
        title=_("Reflect"),
        submit_label=_("Save"),
        intro=prompt.text if prompt else _("What are you noticing in your practice right now?"),
        fields=(
            TextField(
                "text", _("Your reflection"), REFLECTION_MAX, initial=mine.text if mine else ""
            ),
            ChoiceField(
                "visibility",
                _("Who can read it"),
                tuple((value, _(label)) for value, label in VISIBILITY_CHOICES),
                initial=initial.value,
            ),
        ),
    )
    said = _("Write your reflection with {command}.")
    fallback = text(*fill(said, command=Bold("/plc reflect <text>")))
    return Outcome(reply=fallback, form=form)


async def _team_of(ctx: Ctx, delivery_id: int) -> Team:
    """The team in whose channel this happens, or (for a DM'd prompt) the prompt's team, when
    the prompt was addressed to the actor (one of that team's people, or the person DMed)."""
    if ctx.team is not None:
        return ctx.team
    delivery = await ctx.uow.deliveries.get(ctx.community.id, delivery_id) if delivery_id else None
    team = await ctx.uow.teams.get(ctx.community.id, delivery.team_id) if delivery else None
    if delivery is None or team is None:
        raise Refusal(
            _(
                "That prompt is no longer available. Answer the latest one with `/plc reflect` "
                "in your team's channel."
            )
        )
    if not await addressed_to(ctx, team) and not await _dmed(ctx, delivery.id):
        raise Refusal(_(NOT_YOUR_PROMPT))
    ctx.team = team
    return team


NOT_YOUR_PROMPT = N_(
    "That prompt was sent to another team, so nothing was opened or saved. "
    "Answer your own team's latest prompt with `/plc reflect` in its channel."
)


async def _dmed(ctx: Ctx, delivery_id: int) -> bool:
    sent = await ctx.uow.posted.find(ctx.community.id, PostedKind.PROMPT_DM, delivery_id)
    return any(p.user_id == ctx.user_id for p in sent)


async def click(cmd: i.ReflectClick, ctx: Ctx) -> Outcome:
    team = await _team_of(ctx, cmd.delivery_id)
    return await open_form(ctx, team, await _delivery(ctx, team, cmd.delivery_id))


async def submit(cmd: i.ReflectSubmit, ctx: Ctx) -> Outcome:
    team = await _team_of(ctx, cmd.delivery_id)
    delivery = await _delivery(ctx, team, cmd.delivery_id)
    if not cmd.text:
        raise Refusal(_("The reflection was empty, so nothing was saved."), field="text")
    visibility = cmd.visibility or Visibility.FACILITATORS
    outcome = await record(ctx, team, delivery, cmd.text, visibility)
    if ctx.actor.is_dm:  # a form opened from a DM: say where it was saved
        return replace(outcome, reply=_in_place(outcome.reply, team, ctx))
    return outcome


async def record(
    ctx: Ctx,
    team: Team,
    delivery: PromptDelivery | None,
    body: str,
    visibility: Visibility | None,
    *,
    in_thread: bool = False,
    new_if_answered: bool = False,
) -> Outcome:
    """`in_thread`: the words are already in the thread for the channel, not posted again.
    `new_if_answered`: one who answered the prompt already starts a new reflection (without
    the prompt) instead of replacing that answer; editing is explicit (`/plc reflect edit`)."""
    if len(body) > REFLECTION_MAX:
        raise too_long(len(body))
    await ctx.join_team(team)
    existing = (
        await ctx.uow.reflections.find(team.community_id, delivery.id, ctx.user_id)
        if delivery
        else None
    )
    answered = existing if new_if_answered else None
    if answered is not None:
        delivery, existing = None, None
    if existing is not None:
        saved = replace(
            existing, text=body, visibility=visibility or existing.visibility, edited_at=ctx.now
        )
        await ctx.uow.reflections.save(saved)
    else:
        saved = await ctx.uow.reflections.add(
            Reflection(
                0,
                team.community_id,
                team.id,
                ctx.user_id,
                body,
                visibility or Visibility.FACILITATORS,
                ctx.now,
                delivery.id if delivery else None,
            )
        )
    prompt = await _prompt_of(ctx, delivery)
    out = await publish(ctx, team, saved, prompt, edited=existing is not None, in_thread=in_thread)
    if answered is not None and out.reply is not None:
        out.reply = Message(out.reply.blocks + answered_already(answered.id).blocks)
    return out


async def reply_in_dm(
    ctx: Ctx, body: str, visibility: Visibility | None = None, about: MessageRef | None = None
) -> Outcome:
    """A DM to the bot answers the prompt DM it replies to (`about`), else the one prompt DM
    waiting for this person here; when several teams' prompts wait, it asks which."""
    targets = await dm_targets(
        ctx.uow, ctx.community.platform, ctx.user_id, community_id=ctx.community.id, about=about
    )
    if not targets:
        raise Refusal(
            _(
                "I don't have a prompt waiting for you here. Use `/plc reflect <text>` in your "
                "team's channel."
            )
        )
    body = clean(body)
    if not body:
        raise Refusal(_("Write your reflection as a reply, and I'll save it."))
    if len(targets) > 1:
        names = {ctx.community.id: label_of(ctx.community)}
        return Outcome(reply=which_team(targets, names), ok=False)
    target = targets[0]
    ctx.team = target.team
    # a second reply to the same prompt is a new reflection: the first answer is never lost
    # (changing it is explicit, `/plc reflect edit`, or the prompt's form, which shows it)
    outcome = await record(
        ctx, target.team, target.delivery, body, visibility, new_if_answered=True
    )
    return replace(outcome, reply=_in_place(outcome.reply, target.team, ctx))


def _in_place(reply: Message | None, team: Team, ctx: Ctx) -> Message | None:
    """A DM's confirmation names the team and community it was saved in."""
    if reply is None:
        return None
    where = MessageBuilder().context(
        *fill(_("For {place}."), place=Bold(team_and_place(team, ctx.community)))
    )
    return Message(reply.blocks + where.build().blocks)


async def reply_in_thread(ctx: Ctx, delivery_id: int, body: str) -> Outcome:
    team = ctx.need_team()
    delivery = await _delivery(ctx, team, delivery_id)
    body = clean(body)
    if not body:
        raise Refusal(_("Write your reflection as a reply, and I'll save it."))
    # a thread reply is visible to the whole channel: store and confirm what is true
    return await record(
        ctx, team, delivery, body, Visibility.TEAM, in_thread=True, new_if_answered=True
    )
