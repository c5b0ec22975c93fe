"""Facilitated sessions: open with norms and a check-in, close with reflection and the pulse."""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

from bot import cards
from bot.commands import intents as i
from bot.domain import CheckIn, PostedKind, PromptDelivery, Session, Team
from bot.i18n import N_, _, fill, ngettext
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
        said = _(
            "{team} is archived, so it opens no sessions. An admin can bring it back "
            "with `/plc team unarchive`."
        )
        raise Refusal(*fill(said, team=team.name))
    if len(cmd.topic) > TOPIC_MAX:
        raise Refusal(
            ngettext(
                "A topic can be up to {most} character; this one has {n}.",
                "A topic can be up to {most} characters; this one has {n}.",
                TOPIC_MAX,
            ).format(most=TOPIC_MAX, n=len(cmd.topic))
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
    items, plan = await open_items(ctx, team), await plan_of(ctx, team, session.id)
    with ctx.to_team():
        card = cards.session_card(
            team, session, ctx.library, norms, checked_in=0, items=items, plan=plan
        )
    return Outcome(
        reply=text(_("Session opened. The card with norms and check-in is in the channel.")),
        posts=[Post(ToChannel(team.channel_id), card, Record(PostedKind.SESSION_CARD, session.id))],
    )


async def open_items(ctx: Ctx, team: Team) -> OpenItems:
    items = await ctx.uow.action_items.open_for(team.community_id, team.id)
    return items, ctx.now.astimezone(ZoneInfo(team.timezone)).date()


def _already_open() -> str:
    return _(
        "A session is already open for this team. Close it with `/plc session close` before "
        "opening another."
    )


async def card_update(ctx: Ctx, team: Team, session: Session) -> list[Update]:
    """Re-render the session card wherever it was posted (count of check-ins, open/closed)."""
    posted = [  # only the card in this team's own channel, whatever an old record says
        p
        for p in await ctx.uow.posted.find(team.community_id, PostedKind.SESSION_CARD, session.id)
        if p.ref.channel_id == team.channel_id
    ]
    if not posted:
        return []
    # Counted after the session is held: two check-ins at once count one after the other,
    # so of two updates of the card the later commit's counts both (bot/card_lanes.py).
    await ctx.uow.sessions.hold(team.community_id, session.id)
    count = len(await ctx.uow.checkins.for_session(team.community_id, session.id))
    norms = team.effective_norms(ctx.library.default_norms)
    items, plan = await open_items(ctx, team), await plan_of(ctx, team, session.id)
    with ctx.to_team():
        card = cards.session_card(
            team, session, ctx.library, norms, checked_in=count, items=items, plan=plan
        )
    return [Update(p.ref, card, one_at_a_time=True) for p in posted]


async def close_session(cmd: i.SessionClose, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    session = await ctx.uow.sessions.open_for(team.community_id, team.id)
    if session is None:
        raise Refusal(
            _("There is no open session to close. Open one with `/plc session open <topic>`.")
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
    kept = await minutes.at_close(ctx, team, closed)  # the record first, then the reflection
    with ctx.to_team():
        closing = cards.prompt_message(prompt, delivery, closing=True)
        feedback = cards.pulse_card(ctx.library, closed)
    return Outcome(
        reply=cards.close_summary(session, checkins, ctx.now),
        posts=[
            kept,
            Post(ToChannel(team.channel_id), closing, Record(PostedKind.PROMPT, delivery.id)),
            Post(ToChannel(team.channel_id), feedback, Record(PostedKind.PULSE, session.id)),
        ],
        updates=await card_update(ctx, team, closed),
    )


async def check_in(cmd: i.CheckInCmd, ctx: Ctx, *, session_id: int | None = None) -> Outcome:
    outcome, _saved = await _check_in(cmd, ctx, session_id)
    return outcome


async def _check_in(
    cmd: i.CheckInCmd, ctx: Ctx, session_id: int | None
) -> tuple[Outcome, CheckIn | None]:
    """The check-in's answer, and the check-in as saved (None when only the buttons are shown)."""
    team = ctx.need_team()
    session = await ctx.uow.sessions.open_for(team.community_id, team.id)
    if session_id and (session is None or session.id != session_id):
        raise Refusal(
            _("That session has closed. Check in to the current one with `/plc checkin <1-5>`.")
        )
    if cmd.score is None:
        b = MessageBuilder().para(
            Bold(ctx.own_library.checkin.question), " ", ctx.own_library.checkin.word_hint
        )
        b.buttons(*cards.checkin_buttons(ctx.own_library, session.id if session else None))
        return Outcome(reply=b.build()), None
    chosen, word = score(cmd.score), cmd.word
    if word is not None and len(word) > WORD_MAX:
        raise Refusal(
            ngettext(
                "Keep the word to {most} character or fewer (it has {n}).",
                "Keep the word to {most} characters or fewer (it has {n}).",
                WORD_MAX,
            ).format(most=WORD_MAX, n=len(word))
        )
    await ctx.join_team(team)
    existing = (
        await ctx.uow.checkins.find(team.community_id, session.id, ctx.user_id) if session else None
    )
    if existing is not None:
        saved = replace(existing, score=chosen, word=word or existing.word, at=ctx.now)
        await ctx.uow.checkins.save(saved)
        said = _("Updated your check-in: {label}")
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
        said = (
            _("Checked in: {label}")
            if session
            else _(
                "Checked in between sessions (no session needs to be open: you can check in any "
                "time): {label}"
            )
        )
    label = ctx.own_library.checkin.scale[chosen - 1].label
    tail = fill(_(" ({word})."), word=word) if word else (".",)  # their word: Plain, never markup
    reply = text(*fill(said, label=Bold(label)), *tail)
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
        raise Refusal(_("I can't find that session any more."))
    team = await ctx.uow.teams.get(cid, session.team_id)
    if team is None:
        raise Refusal(_("I can't find that team any more."))
    if not await addressed_to(ctx, team):
        raise Refusal(_(NOT_YOUR_SESSION))
    if cmd.relevant is not None:
        answer = await ctx.uow.pulse.answer(cid, session.id, who, relevant=score(cmd.relevant))
    elif cmd.recommend is not None:
        answer = await ctx.uow.pulse.answer(cid, session.id, who, recommend=cmd.recommend)
    else:
        raise Refusal(_("That button is out of date. Please use the latest feedback card."))
    missing = (
        "relevant" if answer.relevant is None else "recommend" if answer.recommend is None else None
    )
    said = (
        _("Noted. One more question above, if you have a moment.")
        if missing
        else _("Noted. Thank you for the feedback.")
    )
    return Outcome(reply=text(said))


NOT_YOUR_SESSION = N_(
    "That feedback card belongs to another team's session, so nothing was recorded. "
    "Answer the card in your own team's channel."
)
