"""Decisions during a session, and its minutes: made when the session closes (posted to the
channel and kept), shown again with `/plc minutes`. Built only from the session's own records
and the cycle's goal: never from a reflection."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot import minutes_cards
from bot.commands import minutes_intents as m
from bot.domain import Role, Session, Team
from bot.i18n import N_, _, fill
from bot.messages import Message, text
from bot.minutes import Decision, KeptMinutes, MeetingRole, Minutes, StepNotes
from bot.outcome import Outcome, Post, ToChannel
from bot.ports import UnitOfWork
from bot.usecases.context import Ctx, Refusal
from bot.usecases.cycle_record import read
from bot.usecases.meeting_plan import plan_of
from bot.usecases.us_dates import read_as
from bot.work import GOAL_LABELS
from bot.work_record import CycleRecord, trend

NO_SESSION = N_("Decisions go in an open session's minutes: open one with `/plc session open`.")


async def decision(cmd: m.DecisionAdd, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    session = await ctx.uow.sessions.open_for(team.community_id, team.id)
    if session is None:
        raise Refusal(_(NO_SESSION))
    if ctx.role < Role.FACILITATOR:
        roles = await ctx.uow.meetings.roles(team.community_id, team.id, session.id)
        takers = {r.user_id for r in roles if r.role is MeetingRole.NOTE_TAKER}
        if ctx.user_id not in takers:
            raise Refusal(
                _(
                    "Only a facilitator or this session's note-taker can write down a decision. "
                    "A facilitator can make you note-taker: `/plc session role note-taker @you`."
                )
            )
    await ctx.uow.meetings.add_decision(
        Decision(0, team.community_id, team.id, session.id, cmd.text, ctx.user_id, ctx.now)
    )
    held = await ctx.uow.meetings.decisions(team.community_id, session.id)
    said = _("Decision {number} is in the minutes: {decision}")
    return Outcome(reply=text(*fill(said, number=str(len(held)), decision=cmd.text)))


def goal_status(record: CycleRecord, timezone: str) -> tuple[str, ...]:
    """The cycle goal's status in plain lines, as the minutes keep it (in the language spoken
    when they are kept: the team's)."""
    goal = record.goal
    if goal is None:
        return (_("No goal yet."),)
    lines = [
        f"{_(GOAL_LABELS[name]).capitalize()}: {value}"
        for name, value in zip(GOAL_LABELS, goal.fields(), strict=True)
        if value
    ]
    if record.evidence:
        evidence = trend(record.evidence, timezone).text()
        lines.append(_("Evidence so far: {trend}").format(trend=evidence))
    missing = goal.missing()
    if missing:
        nothing = "; ".join(_("no {field} yet").format(field=m) for m in missing)
        lines.append(_("Still missing: {missing}.").format(missing=nothing))
    return tuple(lines)


async def minutes_of(ctx: Ctx, team: Team, session: Session, kept: KeptMinutes) -> Minutes:
    cid, uow = team.community_id, ctx.uow
    present = [a.user_id for a in await uow.attendance.for_session(cid, session.id)]
    present += [c.user_id for c in await uow.checkins.for_session(cid, session.id)]
    end = session.closed_at or ctx.now
    items = await uow.action_items.created_between(cid, team.id, session.opened_at, end)
    return Minutes(
        team.name,
        team.timezone,
        session,
        kept,
        tuple(dict.fromkeys(present)),
        await plan_of(ctx, team, session.id),
        tuple(await uow.meetings.decisions(cid, session.id)),
        tuple(items),
        await _protocol_notes(uow, cid, session.id),
    )


async def at_close(ctx: Ctx, team: Team, session: Session) -> Post:
    """Keeps the minutes of the session just closed; the post that brings them to the team."""
    record = await read(ctx, team)
    with ctx.to_team():
        status = goal_status(record, team.timezone)
    kept = await ctx.uow.meetings.keep(
        KeptMinutes(0, team.community_id, team.id, session.id, team.cycle, status, ctx.now)
    )
    minutes = await minutes_of(ctx, team, session, kept)
    with ctx.to_team():
        card = minutes_cards.minutes_card(minutes)
    return Post(ToChannel(team.channel_id), card)


async def show(cmd: m.MinutesShow, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    read_as(cmd.written, cmd.on or ctx.now.date(), [team])
    kept = list(await ctx.uow.meetings.kept(team.community_id, team.id))
    zone = ZoneInfo(team.timezone)
    if cmd.on is not None:
        kept = [k for k in kept if k.created_at.astimezone(zone).date() == cmd.on]
    elif kept:
        kept = kept[:1]
    if not kept:
        said = (
            _(
                "No minutes were kept on {day}: minutes are made when a session closes "
                "(`/plc session close`)."
            ).format(day=cmd.on.isoformat())
            if cmd.on
            else _(
                "No minutes were kept: minutes are made when a session closes "
                "(`/plc session close`)."
            )
        )
        raise Refusal(said)
    cards: list[Message] = []
    for k in reversed(kept):  # oldest first, as the day went
        session = await ctx.uow.sessions.get(team.community_id, k.session_id)
        if session is not None:
            cards.append(minutes_cards.minutes_card(await minutes_of(ctx, team, session, k)))
    if not cards:
        raise Refusal(_("Those minutes' session is gone."))
    reply, *more = cards
    return Outcome(reply=_joined(reply, more))


def _joined(first: Message, more: list[Message]) -> Message:
    return Message(first.blocks + tuple(b for card in more for b in card.blocks))


async def _protocol_notes(
    uow: UnitOfWork, community_id: str, session_id: int
) -> tuple[StepNotes, ...]:
    """The notes taken in the session's protocol runs, step by step (steps without notes left out)."""
    found = await uow.protocol_runs.notes_for_session(community_id, session_id)
    return tuple(
        StepNotes(n.run.name, n.step.name, tuple(note.text for note in n.notes))
        for n in found
        if n.notes
    )
