"""The cycle's record: the need (analyze), the goal (goals), designs (learn), commitments
(implement), evidence (monitor), and closing the cycle with its one-page summary."""

from __future__ import annotations

from bot import work_cards
from bot.commands import work_intents as w
from bot.domain import CycleStage, Team
from bot.i18n import _, fill
from bot.messages import Bold, Code, MessageBuilder, text
from bot.outcome import Outcome, Post, ToChannel
from bot.usecases.context import Ctx, Refusal
from bot.usecases.credential_link import portfolios_grown
from bot.usecases.cycle import move
from bot.work import CycleEntry, EntryKind, Goal
from bot.work_record import CycleRecord, trend


async def read(ctx: Ctx, team: Team) -> CycleRecord:
    return CycleRecord.of(
        await ctx.uow.cycle_records.of_cycle(team.community_id, team.id, team.cycle)
    )


async def _add(ctx: Ctx, kind: EntryKind, text_: str, **more: object) -> CycleEntry:
    team = ctx.need_team()
    entry = CycleEntry(
        0,
        team.community_id,
        team.id,
        team.cycle,
        kind,
        text_,
        ctx.user_id,
        ctx.now,
        **more,  # type: ignore[arg-type]
    )
    return await ctx.uow.cycle_records.add(entry)


def _missing_line(b: MessageBuilder, record: CycleRecord, stage: CycleStage) -> None:
    missing = record.missing(stage)
    if missing:
        b.para(
            *fill(
                _("{still}{missing}."), still=Bold(_("Still missing: ")), missing="; ".join(missing)
            )
        )


async def need_set(cmd: w.NeedSet, ctx: Ctx) -> Outcome:
    await _add(ctx, EntryKind.NEED, cmd.text, detail=(cmd.evidence,) if cmd.evidence else ())
    cycle = Bold(_("cycle {cycle}").format(cycle=ctx.need_team().cycle))
    b = MessageBuilder().para(*fill(_("Saved the student learning need for {cycle}."), cycle=cycle))
    if not cmd.evidence:
        b.para(
            *fill(
                _("Add what it rests on with {evidence} after the need (data, links)."),
                evidence=Code("evidence: …"),
            )
        )
    return Outcome(reply=b.build())


async def goal_form(cmd: w.GoalForm, ctx: Ctx) -> Outcome:
    record = await read(ctx, ctx.need_team())
    reply = text(_("Write the goal with `/plc goal set what: … measure: … target: … by: …`."))
    return Outcome(reply=reply, form=work_cards.goal_form(record.goal))


async def goal_set(cmd: w.GoalSet, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    record = await read(ctx, team)
    goal = (record.goal or Goal()).merged(Goal(cmd.what, cmd.measure, cmd.target, cmd.by))
    await _add(ctx, EntryKind.GOAL, goal.what, detail=goal.fields())
    cycle = Bold(_("cycle {cycle}").format(cycle=team.cycle))
    b = MessageBuilder().para(*fill(_("Saved the goal of {cycle}."), cycle=cycle))
    missing = goal.missing()
    if missing:
        nothing = "; ".join(_("no {field} yet").format(field=m) for m in missing)
        b.para(*fill(_("{still}{missing}."), still=Bold(_("Still missing: ")), missing=nothing))
        b.para(
            *fill(
                _("Add it with {command} or the form, {form}."),
                command=Code("/plc goal set measure: …"),
                form=Code("/plc goal"),
            )
        )
    return Outcome(reply=b.build())


async def design_add(cmd: w.DesignAdd, ctx: Ctx) -> Outcome:
    await _add(ctx, EntryKind.DESIGN, cmd.text)
    record = await read(ctx, ctx.need_team())
    said = _("Added learning design {number}: {design}")
    return Outcome(reply=text(*fill(said, number=str(len(record.designs)), design=Bold(cmd.text))))


async def commit_set(cmd: w.CommitSet, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    await ctx.join_team(team)
    await _add(ctx, EntryKind.COMMITMENT, cmd.text, user_id=ctx.user_id)
    return Outcome(
        reply=text(
            *fill(
                _("Your classroom commitment for cycle {cycle} is saved: {commitment}"),
                cycle=Bold(str(team.cycle)),
                commitment=cmd.text,
            )
        )
    )


async def evidence_add(cmd: w.EvidenceAdd, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    record = await read(ctx, team)
    goal = record.goal
    if goal is None or not goal.measure:
        raise Refusal(
            _(
                "The team's goal has no measure yet, so there is nothing to check evidence "
                "against. A facilitator can add it with `/plc goal set measure: …`."
            )
        )
    await ctx.join_team(team)
    await _add(ctx, EntryKind.EVIDENCE, cmd.note, user_id=ctx.user_id, percent=cmd.percent)
    record = await read(ctx, team)
    b = MessageBuilder().para(
        *fill(
            _("Saved: {percent} of your students met the target ({measure})."),
            percent=Bold(f"{cmd.percent}%"),
            measure=goal.measure,
        )
    )
    b.para(
        *fill(
            _("The team's trend so far: {trend}"),
            trend=trend(record.evidence, team.timezone).text(),
        )
    )
    return Outcome(reply=b.build())


async def cycle_close(cmd: w.CycleClose, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    record = await read(ctx, team)
    open_items = len(await ctx.uow.action_items.open_for(team.community_id, team.id))
    grown = await portfolios_grown(ctx, team)
    with ctx.to_team():
        summary = work_cards.summary_card(team, team.cycle, record, open_items, grown)
    await _add(ctx, EntryKind.CLOSED, "")
    moved = await move(ctx, team, CycleStage.ANALYZE, new_cycle=True, review=False)
    moved.posts.insert(0, Post(ToChannel(team.channel_id), summary))
    moved.reply = text(
        _("Closed cycle {cycle}; its summary is posted to the team and kept.").format(
            cycle=team.cycle
        )
    )
    return moved
