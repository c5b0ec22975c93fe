"""Facilitated sessions: open with norms and a check-in, close with reflection and the pulse."""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

from bot import cards
from bot.commands import intents as i
from bot.domain import CheckIn, PostedKind, PromptDelivery, Session, Team
from bot.messages import Bold, MessageBuilder, text
from bot.outcome import Outcome, Post, Record, ToChannel, Update
from bot.ports import Conflict
from bot.rules.score import score
from bot.text import TOPIC_MAX, WORD_MAX
from bot.usecases import checkin_word, minutes
from bot.usecases.context import Ctx, Refusal, addressed_to
from bot.usecases.meeting_plan import plan_of
from bot.usecases.prompts import next_prompt
from bot.work_cards import OpenItems


async def open_session(cmd: i.SessionOpen, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    if team.archived_at is not None:
        raise Refusal(
            f"{team.name} is archived, so it opens no sessions. An admin can bring it back "
            "with `/plc team unarchive`."
        )
    if len(cmd.topic) > TOPIC_MAX:
        raise Refusal(
            f"A topic can be up to {TOPIC_MAX} characters; this one has {len(cmd.topic)}."
        )
    if await ctx.uow.sessions.open_for(team.community_id, team.id):
        raise Refusal(_already_open())
    try:
        session = await ctx.uow.sessions.add(
            Session(0, team.community_id, team.id, cmd.topic, team.stage, ctx.user_id, ctx.now)
        )
    except Conflict:  # another request opened one a moment ago
        raise Refusal(_already_open()) from None
    await ctx.uow.meetings.attach(team.community_id, team.id, session.id)
    norms = team.effective_norms(ctx.library.default_norms)
    card = cards.session_card(
        team,
        session,
        ctx.library,
        norms,
        checked_in=0,
        items=await open_items(ctx, team),
        plan=await plan_of(ctx, team, session.id),
    )
    return Outcome(
        reply=text("Session opened. The card with norms and check-in is in the channel."),
        posts=[Post(ToChannel(team.channel_id), card, Record(PostedKind.SESSION_CARD, session.id))],
    )


async def open_items(ctx: Ctx, team: Team) -> OpenItems:
    items = await ctx.uow.action_items.open_for(team.community_id, team.id)
    return items, ctx.now.astimezone(ZoneInfo(team.timezone)).date()


def _already_open() -> str:
    return "A session is already open for this team. Close it with `/plc session close` before opening another."


async def card_update(ctx: Ctx, team: Team, session: Session) -> list[Update]:
    """Re-render the session card wherever it was posted (count of check-ins, open/closed)."""
    posted = [  # only the card in this team's own channel, whatever an old record says
        p
        for p in await ctx.uow.posted.find(team.community_id, PostedKind.SESSION_CARD, session.id)
        if p.ref.channel_id == team.channel_id
    ]
    if not posted:
        return []
    count = len(await ctx.uow.checkins.for_session(team.community_id, session.id))
    norms = team.effective_norms(ctx.library.default_norms)
    card = cards.session_card(
        team,
        session,
        ctx.library,
        norms,
        checked_in=count,
        items=await open_items(ctx, team),
        plan=await plan_of(ctx, team, session.id),
    )
    return [Update(p.ref, card) for p in posted]


async def close_session(cmd: i.SessionClose, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    session = await ctx.uow.sessions.open_for(team.community_id, team.id)
    if session is None:
        raise Refusal(
            "There is no open session to close. Open one with `/plc session open <topic>`."
        )
    closed = replace(session, closed_at=ctx.now)
    await ctx.uow.sessions.save(closed)
    checkins = await ctx.uow.checkins.for_session(team.community_id, session.id)
    prompt = await next_prompt(ctx, team, closing=True)
    delivery = await ctx.uow.deliveries.add(
        PromptDelivery(
            0, team.community_id, team.id, prompt.id, team.stage, ctx.now, session.id, "closing"
        )
    )
    return Outcome(
        reply=cards.close_summary(session, checkins, ctx.now),
        posts=[
            await minutes.at_close(ctx, team, closed),  # the record first, then the reflection
            Post(
                ToChannel(team.channel_id),
                cards.prompt_message(prompt, delivery, closing=True),
                Record(PostedKind.PROMPT, delivery.id),
            ),
            Post(
                ToChannel(team.channel_id),
                cards.pulse_card(ctx.library, closed),
                Record(PostedKind.PULSE, session.id),
            ),
        ],
        updates=await card_update(ctx, team, closed),
    )


async def check_in(cmd: i.CheckInCmd, ctx: Ctx, *, session_id: int | None = None) -> Outcome:
    outcome, _ = await _check_in(cmd, ctx, session_id)
    return outcome


async def _check_in(
    cmd: i.CheckInCmd, ctx: Ctx, session_id: int | None
) -> tuple[Outcome, CheckIn | None]:
    """The check-in's answer, and the check-in as saved (None when only the buttons are shown)."""
    team = ctx.need_team()
    session = await ctx.uow.sessions.open_for(team.community_id, team.id)
    if session_id and (session is None or session.id != session_id):
        raise Refusal(
            "That session has closed. Check in to the current one with `/plc checkin <1-5>`."
        )
    if cmd.score is None:
        b = MessageBuilder().para(
            Bold(ctx.library.checkin.question), " ", ctx.library.checkin.word_hint
        )
        b.buttons(*cards.checkin_buttons(ctx.library, session.id if session else None))
        return Outcome(reply=b.build()), None
    chosen, word = score(cmd.score), cmd.word
    if word is not None and len(word) > WORD_MAX:
        raise Refusal(f"Keep the word to {WORD_MAX} characters or fewer (it has {len(word)}).")
    await ctx.join_team(team)
    existing = (
        await ctx.uow.checkins.find(team.community_id, session.id, ctx.user_id) if session else None
    )
    if existing is not None:
        saved = replace(existing, score=chosen, word=word or existing.word, at=ctx.now)
        await ctx.uow.checkins.save(saved)
        said = "Updated your check-in"
    else:
        saved = await ctx.uow.checkins.add(
            CheckIn(
                0,
                team.community_id,
                team.id,
                session.id if session else None,
                ctx.user_id,
                chosen,
                word,
                ctx.now,
            )
        )
        said = "Checked in" if session else f"Checked in between sessions ({ANY_TIME})"
    label = ctx.library.checkin.scale[chosen - 1].label
    reply = text(f"{said}: ", Bold(label), f" ({word})." if word else ".")
    updates = await card_update(ctx, team, session) if session else []
    return Outcome(reply=reply, updates=updates), saved


async def check_in_click(cmd: i.CheckInClick, ctx: Ctx) -> Outcome:
    """A check-in button: on a session card (its session) or an answer's buttons (0: any).
    Recorded at once; the answer is a small form for the word the card invites."""
    outcome, saved = await _check_in(i.CheckInCmd(cmd.score), ctx, cmd.session_id or None)
    if saved is not None and outcome.reply is not None:
        outcome.form = checkin_word.word_form(ctx, saved, outcome.reply.plain_text())
    return outcome


async def pulse(cmd: i.PulseAnswer, ctx: Ctx) -> Outcome:
    cid, who = ctx.community.id, ctx.user_id
    session = await ctx.uow.sessions.get(cid, cmd.session_id)
    if session is None:
        raise Refusal("I can't find that session any more.")
    team = await ctx.uow.teams.get(cid, session.team_id)
    if team is None:
        raise Refusal("I can't find that team any more.")
    if not await addressed_to(ctx, team):
        raise Refusal(NOT_YOUR_SESSION)
    if cmd.relevant is not None:
        answer = await ctx.uow.pulse.answer(cid, session.id, who, relevant=score(cmd.relevant))
    elif cmd.recommend is not None:
        answer = await ctx.uow.pulse.answer(cid, session.id, who, recommend=cmd.recommend)
    else:
        raise Refusal("That button is out of date. Please use the latest feedback card.")
    missing = (
        "relevant" if answer.relevant is None else "recommend" if answer.recommend is None else None
    )
    after = (
        " One more question above, if you have a moment."
        if missing
        else " Thank you for the feedback."
    )
    return Outcome(reply=text("Noted.", after))


ANY_TIME = "no session needs to be open: you can check in any time"
NOT_YOUR_SESSION = (
    "That feedback card belongs to another team's session, so nothing was recorded. "
    "Answer the card in your own team's channel."
)
