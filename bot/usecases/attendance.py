"""Attendance at a team's session, apart from the check-in: a teacher says "here" (or presses
Here on the session card), a facilitator marks others present and signs the attendance off."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.attendance import Attendance
from bot.commands import intents as i
from bot.domain import Session, Team
from bot.i18n import N_, _, fill, ngettext
from bot.messages import Bold, Mention, text
from bot.outcome import Outcome
from bot.usecases.context import Ctx, Refusal

NO_SESSION = N_("No session is open. You can say you are here while one is.")


def _named(session: Session, team: Team) -> str:
    start = session.opened_at.astimezone(ZoneInfo(team.timezone))
    topic = session.topic or _("the session")
    return f"{topic} ({start:%Y-%m-%d %H:%M} {team.timezone})"


async def _latest(ctx: Ctx, team: Team) -> Session:
    """The open session, or else the last one: a facilitator often marks attendance after."""
    session = await ctx.uow.sessions.open_for(team.community_id, team.id)
    if session is None:
        held = await ctx.uow.sessions.list(team.community_id, team.id)
        session = max(held, key=lambda s: s.opened_at) if held else None
    if session is None:
        raise Refusal(_("This team has had no session yet. Open one with `/plc session open`."))
    return session


async def mark_here(ctx: Ctx, team: Team, session: Session) -> Outcome:
    await ctx.join_team(team)
    fresh = await ctx.uow.attendance.mark(
        Attendance(team.community_id, team.id, session.id, ctx.user_id, ctx.now, ctx.user_id)
    )
    said = (
        _("Marked you present at {session}.")
        if fresh
        else _("You are already marked present at {session}.")
    )
    return Outcome(reply=text(*fill(said, session=Bold(_named(session, team)))))


async def here(cmd: i.Here, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    session = await ctx.uow.sessions.open_for(team.community_id, team.id)
    if session is None:
        raise Refusal(_(NO_SESSION))
    return await mark_here(ctx, team, session)


async def here_click(cmd: i.HereClick, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    session = await ctx.uow.sessions.get(team.community_id, cmd.session_id)
    if session is None or session.team_id != team.id:
        raise Refusal(_("That session card belongs to another team, so nothing was recorded."))
    if not session.is_open:
        raise Refusal(_("That session has closed. Ask a facilitator to mark you present."))
    return await mark_here(ctx, team, session)


async def attend(cmd: i.Attend, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    session = await _latest(ctx, team)
    marked = []
    for user_id in dict.fromkeys(cmd.user_ids):
        row = Attendance(team.community_id, team.id, session.id, user_id, ctx.now, ctx.user_id)
        if await ctx.uow.attendance.mark(row):
            marked.append(user_id)
    if not marked:
        return Outcome(reply=text(_("Everyone you named was already marked present.")))
    parts: list[Mention | str] = []
    for n, user_id in enumerate(marked):
        parts += [", " if n else "", Mention(user_id)]
    said = _("Marked present at {session}: {who}")
    return Outcome(reply=text(*fill(said, session=Bold(_named(session, team)), who=parts)))


async def confirm(cmd: i.AttendConfirm, ctx: Ctx) -> Outcome:
    """Signs off the latest session's attendance; whoever checked in counts as present."""
    team = ctx.need_team()
    session = await _latest(ctx, team)
    if cmd.session_id is not None:
        held = await ctx.uow.sessions.get(team.community_id, cmd.session_id)
        if held is None or held.team_id != team.id:
            raise Refusal(_("That session belongs to another team, so nothing was signed off."))
        session = held
    for c in await ctx.uow.checkins.for_session(team.community_id, session.id):
        row = Attendance(team.community_id, team.id, session.id, c.user_id, c.at, c.user_id)
        await ctx.uow.attendance.mark(row)
    count = await ctx.uow.attendance.confirm(team.community_id, session.id, ctx.user_id, ctx.now)
    present = len(await ctx.uow.attendance.for_session(team.community_id, session.id))
    confirmed = ngettext("{n} newly confirmed", "{n} newly confirmed", count).format(n=count)
    in_all = ngettext("{n} present in all", "{n} present in all", present).format(n=present)
    said = _(
        "Signed off attendance at {session}: {confirmed}, {present}. "
        "It now counts in their PD hours (/plc me pdhours)."
    )
    return Outcome(
        reply=text(
            *fill(said, session=Bold(_named(session, team)), confirmed=confirmed, present=in_all)
        )
    )
