"""Cycle links (issue 15, item 5): a facilitator links the cycle's goal to a micro-credential;
a teacher with a portfolio for it who saves a reflection in the implement or monitor stage is
offered it for the credential's reflection part; the closing summary counts the portfolios that
grew during the cycle (a number, never whose or what)."""

from __future__ import annotations

from bot import actions
from bot.commands import work_intents as w
from bot.credentials import PartKind
from bot.domain import CycleStage, Reflection, Team
from bot.i18n import _, fill
from bot.messages import Bold, Button, Code, MessageBuilder
from bot.outcome import Outcome
from bot.usecases import credential_common as common
from bot.usecases.context import Ctx
from bot.work import CycleEntry, EntryKind
from bot.work_record import CycleRecord

SUGGESTED_IN = (CycleStage.IMPLEMENT, CycleStage.MONITOR)


async def goal_credential(cmd: w.GoalCredential, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    title = common.credential(ctx, cmd.credential_id).title if cmd.credential_id else ""
    entry = CycleEntry(
        0,
        team.community_id,
        team.id,
        team.cycle,
        EntryKind.CREDENTIAL,
        cmd.credential_id,
        ctx.user_id,
        ctx.now,
    )
    await ctx.uow.cycle_records.add(entry)
    b = MessageBuilder()
    if not title:
        none = _("The goal of cycle {cycle} is linked to none.").format(cycle=team.cycle)
        return Outcome(reply=b.para(none).build())
    b.para(
        *fill(
            _("Linked the goal of {cycle} to {title}."),
            cycle=Bold(_("cycle {cycle}").format(cycle=team.cycle)),
            title=Bold(title),
        )
    )
    b.para(
        *fill(
            _(
                "Teachers with a portfolio for it are offered their implement and monitor "
                "reflections as evidence. Undo with {command}."
            ),
            command=Code("/plc goal credential off"),
        )
    )
    return Outcome(reply=b.build())


async def suggestion(ctx: Ctx, team: Team, saved: Reflection) -> Button | None:
    """ "Use as evidence for part N", when the goal is linked and the author collects for it."""
    if team.stage not in SUGGESTED_IN:
        return None
    entries = await ctx.uow.cycle_records.of_cycle(team.community_id, team.id, team.cycle)
    linked = CycleRecord.of(entries).credential
    c = common.catalog_of(ctx).get(linked) if linked else None
    if c is None or await ctx.uow.portfolios.get(team.community_id, saved.user_id, c.id) is None:
        return None
    numbers = [n for n, p in enumerate(c.parts, 1) if p.kind is PartKind.REFLECTION]
    if not numbers:
        return None
    label = _("Use as evidence for part {number}").format(number=numbers[0])
    return Button(label, actions.credential_pick(saved.id, c.id, numbers[0]))


async def portfolios_grown(ctx: Ctx, team: Team) -> int:
    """How many of the team's members' portfolios gained evidence since the cycle began."""
    changes = await ctx.uow.stage_changes.list(team.community_id, team.id)
    starts = [c.started_at for c in changes if c.cycle == team.cycle]
    if not starts:
        return 0
    members = [m.user_id for m in await ctx.uow.team_roles.members(team.community_id, team.id)]
    return await ctx.uow.portfolios.grown_since(team.community_id, members, min(starts))
