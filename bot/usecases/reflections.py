"""Reflections: a teacher's answer to a prompt, private to the facilitators unless they choose."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from bot.commands import intents as i
from bot.domain import PostedMessage, PromptDelivery, Reflection, Team, Visibility
from bot.library import ReflectionPrompt
from bot.messages import (
    Action,
    Bold,
    ChoiceField,
    Form,
    Italic,
    Mention,
    Message,
    MessageBuilder,
    TextField,
    text,
)
from bot.outcome import Outcome, Post, Record, ToChannel, Update
from bot.text import REFLECTION_MAX, clean
from bot.usecases.context import Ctx, Refusal

REFLECTION = "reflection"
PROMPT_DM = "prompt_dm"

WHO_SEES = {
    Visibility.PRIVATE: "only you",
    Visibility.FACILITATORS: "you and the team's facilitators",
    Visibility.TEAM: "the whole team (posted in the channel)",
}
VISIBILITY_CHOICES = (
    (Visibility.FACILITATORS.value, "Me and the facilitators"),
    (Visibility.PRIVATE.value, "Only me"),
    (Visibility.TEAM.value, "The whole team"),
)


def too_long(length: int) -> Refusal:
    return Refusal(
        f"Your reflection has {length:,} characters; the limit is {REFLECTION_MAX:,}. "
        "Nothing was saved: shorten it and send it again."
    )


async def _delivery(ctx: Ctx, team: Team, delivery_id: int | None) -> PromptDelivery | None:
    if delivery_id:
        delivery = await ctx.uow.deliveries.get(team.community_id, delivery_id)
        if delivery is None or delivery.team_id != team.id:
            raise Refusal(
                "That prompt is no longer available. Answer the latest one with `/plc reflect`."
            )
        return delivery
    return await ctx.uow.deliveries.latest(team.community_id, team.id)


def _prompt_of(ctx: Ctx, delivery: PromptDelivery | None) -> ReflectionPrompt | None:
    return ctx.library.prompt(delivery.prompt_id) if delivery else None


async def reflect(cmd: i.Reflect, ctx: Ctx) -> Outcome:
    if ctx.team is None and ctx.actor.is_dm:
        return await reply_in_dm(ctx, cmd.text or "", cmd.visibility)
    team = ctx.need_team()
    delivery = await _delivery(ctx, team, None)
    if cmd.text is None:
        return await open_form(ctx, team, delivery)
    return await record(ctx, team, delivery, cmd.text, cmd.visibility)


async def open_form(ctx: Ctx, team: Team, delivery: PromptDelivery | None) -> Outcome:
    prompt = _prompt_of(ctx, delivery)
    mine = (
        await ctx.uow.reflections.find(team.community_id, delivery.id, ctx.user_id)
        if delivery
        else None
    )
    form = Form(
        action=Action("reflect", (str(delivery.id if delivery else 0),)),
        title="Reflect",
        submit_label="Save",
        intro=prompt.text if prompt else "What are you noticing in your practice right now?",
        fields=(
            TextField("text", "Your reflection", REFLECTION_MAX, initial=mine.text if mine else ""),
            ChoiceField(
                "visibility",
                "Who can read it",
                VISIBILITY_CHOICES,
                initial=(mine.visibility if mine else Visibility.FACILITATORS).value,
            ),
        ),
    )
    fallback = text("Write your reflection with ", Bold("/plc reflect <text>"), ".")
    return Outcome(reply=fallback, form=form)


async def _team_of(ctx: Ctx, delivery_id: int) -> Team:
    """The team in whose channel this happens, or (for a DM'd prompt) the prompt's team."""
    if ctx.team is not None:
        return ctx.team
    delivery = await ctx.uow.deliveries.get(ctx.community.id, delivery_id) if delivery_id else None
    team = await ctx.uow.teams.get(ctx.community.id, delivery.team_id) if delivery else None
    if team is None:
        raise Refusal(
            "That prompt is no longer available. Answer the latest one with `/plc reflect` in your team's channel."
        )
    ctx.team = team
    return team


async def click(ctx: Ctx, delivery_id: int) -> Outcome:
    team = await _team_of(ctx, delivery_id)
    return await open_form(ctx, team, await _delivery(ctx, team, delivery_id))


async def submit(ctx: Ctx, delivery_id: int, values: Mapping[str, str]) -> Outcome:
    team = await _team_of(ctx, delivery_id)
    delivery = await _delivery(ctx, team, delivery_id)
    body = clean(values.get("text", ""))
    if not body:
        raise Refusal("The reflection was empty, so nothing was saved.")
    visibility = Visibility.parse(values.get("visibility", "")) or Visibility.FACILITATORS
    return await record(ctx, team, delivery, body, visibility)


async def record(
    ctx: Ctx, team: Team, delivery: PromptDelivery | None, body: str, visibility: Visibility | None
) -> Outcome:
    if len(body) > REFLECTION_MAX:
        raise too_long(len(body))
    await ctx.join_team(team)
    existing = (
        await ctx.uow.reflections.find(team.community_id, delivery.id, ctx.user_id)
        if delivery
        else None
    )
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
    outcome = Outcome(reply=_saved_reply(saved, edited=existing is not None))
    posted = await shared_posts(ctx, team, saved.id)
    prompt = _prompt_of(ctx, delivery)
    if saved.visibility is Visibility.TEAM:
        shared = shared_reflection(saved, prompt)
        if posted:
            outcome.updates.extend(Update(p.ref, shared) for p in posted)
        else:
            outcome.posts.append(
                Post(ToChannel(team.channel_id), shared, Record(REFLECTION, saved.id))
            )
    elif posted:  # it was shared before; the author has made it private again
        withdrawn = (
            MessageBuilder().para(Italic("This reflection was withdrawn by its author.")).build()
        )
        outcome.updates.extend(Update(p.ref, withdrawn) for p in posted)
    return outcome


async def shared_posts(ctx: Ctx, team: Team, reflection_id: int) -> list[PostedMessage]:
    """Where the reflection was shared: only posts in its own team's channel are ever edited,
    whatever an old record may say."""
    posted = await ctx.uow.posted.find(team.community_id, REFLECTION, reflection_id)
    return [p for p in posted if p.ref.channel_id == team.channel_id]


def _saved_reply(saved: Reflection, *, edited: bool) -> Message:
    verb = "Updated" if edited else "Saved"
    return text(f"{verb} your reflection. Who can read it: ", Bold(WHO_SEES[saved.visibility]), ".")


def shared_reflection(reflection: Reflection, prompt: ReflectionPrompt | None) -> Message:
    b = MessageBuilder().para(Mention(reflection.user_id), " shared a reflection")
    if prompt:
        b.context("Prompt: ", prompt.text)
    b.quote(reflection.text)
    return b.build()


async def reply_in_dm(ctx: Ctx, body: str, visibility: Visibility | None = None) -> Outcome:
    """A DM to the bot answers the latest prompt the bot DMed this person."""
    dm = await ctx.uow.posted.latest_dm(ctx.community.id, ctx.user_id, PROMPT_DM)
    delivery = await ctx.uow.deliveries.get(ctx.community.id, dm.subject_id) if dm else None
    team = await ctx.uow.teams.get(ctx.community.id, delivery.team_id) if delivery else None
    if delivery is None or team is None:
        raise Refusal(
            "I don't have a prompt waiting for you here. Use `/plc reflect <text>` in your team's channel."
        )
    body = clean(body)
    if not body:
        raise Refusal("Write your reflection as a reply, and I'll save it.")
    ctx.team = team
    return await record(ctx, team, delivery, body, visibility)


async def reply_in_thread(ctx: Ctx, delivery_id: int, body: str) -> Outcome:
    team = ctx.need_team()
    delivery = await _delivery(ctx, team, delivery_id)
    body = clean(body)
    if not body:
        raise Refusal("Write your reflection as a reply, and I'll save it.")
    return await record(ctx, team, delivery, body, None)
