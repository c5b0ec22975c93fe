"""A person's own reflections over time: the numbered list of them (`/plc me reflections`),
and changing one explicitly (`/plc reflect edit <n>`). The number is the reflection's id, so it
stays the same whatever is written later. An edit goes through the same posting rules as a new
reflection: a shared post is changed only in the reflection's own team's channel, and a
reflection made private is withdrawn from it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import actions
from bot.commands import intents as i
from bot.domain import Reflection, Team
from bot.i18n import _, fill, ngettext
from bot.messages import Bold, Button, Code, Message, MessageBuilder
from bot.outcome import Outcome
from bot.prompt_lookup import find_prompt
from bot.text import REFLECTION_MAX, clean
from bot.usecases.context import Ctx, Refusal
from bot.usecases.reflection_posts import WHO_SEES, publish
from bot.usecases.reflections import too_long
from bot.usecases.us_dates import read_as

SHOWN = 25  # the newest reflections a list shows; `since` reaches further back
EVIDENCE_BUTTONS = 5  # "Use as evidence" buttons under the list, for the newest reflections


async def edit(cmd: i.ReflectEdit, ctx: Ctx) -> Outcome:
    cid = ctx.community.id
    held = await ctx.uow.reflections.get(cid, cmd.number)
    team = await ctx.uow.teams.get(cid, held.team_id) if held else None
    if held is None or team is None or held.user_id != ctx.user_id:
        raise Refusal(
            _(
                "You have no reflection {number}. See yours, numbered, with `/plc me reflections`."
            ).format(number=cmd.number)
        )
    if len(cmd.text) > REFLECTION_MAX:
        raise too_long(len(cmd.text))
    body = clean(cmd.text)
    if not body:
        raise Refusal(_("Write the new text after the number; nothing was changed."), field="text")
    saved = replace(
        held, text=body, visibility=cmd.visibility or held.visibility, edited_at=ctx.now
    )
    await ctx.uow.reflections.save(saved)
    delivery = await ctx.uow.deliveries.get(cid, held.delivery_id) if held.delivery_id else None
    library = ctx.libraries.get(team.language)
    prompt = await find_prompt(ctx.uow, library, cid, delivery.prompt_id) if delivery else None
    return await publish(ctx, team, saved, prompt, edited=True)


def _local(at: datetime, team: Team | None) -> datetime:
    return at.astimezone(ZoneInfo(team.timezone)) if team else at


async def mine(cmd: i.MeReflections, ctx: Ctx) -> Outcome:
    cid = ctx.community.id
    teams = {t.id: t for t in await ctx.uow.teams.list(cid)}
    written = sorted(
        await ctx.uow.reflections.by_user(cid, ctx.user_id), key=lambda r: (r.created_at, r.id)
    )
    if cmd.since is not None:
        since = cmd.since
        read_as(cmd.written, since, [ctx.team] if ctx.team else list(teams.values()))
        written = [r for r in written if _local(r.created_at, teams.get(r.team_id)).date() >= since]
    return Outcome(reply=await _listing(ctx, written, teams))


async def _listing(ctx: Ctx, written: list[Reflection], teams: dict[int, Team]) -> Message:
    b = MessageBuilder().heading(_("Your reflections"))
    if not written:
        b.para(*fill(_("None yet. Write one with {command}."), command=Code("/plc reflect <text>")))
        return b.build()
    if len(written) > SHOWN:
        b.context(
            ngettext(
                "The newest {shown} of {n}; earlier ones with since <date>.",
                "The newest {shown} of {n}; earlier ones with since <date>.",
                len(written),
            ).format(shown=SHOWN, n=len(written))
        )
    for r in written[-SHOWN:]:
        team = teams.get(r.team_id)
        when = _local(r.created_at, team)
        zone = team.timezone if team else "UTC"
        where = team.name if team else _("a former team")
        line = f" · {when:%Y-%m-%d %H:%M} {zone} · {where} · {_(WHO_SEES[r.visibility])}"
        b.para(Bold(f"#{r.id}"), line + (_(" · edited") if r.edited_at else ""))
        prompt = await _prompt_text(ctx, r, team)
        if prompt:
            b.context(*fill(_("Prompt: {prompt}"), prompt=prompt))
        b.quote(r.text)
    b.context(_("Change one with /plc reflect edit <n> <text>. Only you see this list."))
    b.buttons(  # the newest few: any one by number with /plc credential use
        *(
            Button(_("Use #{id} as evidence").format(id=r.id), actions.credential_use(r.id))
            for r in written[-EVIDENCE_BUTTONS:]
        )
    )
    return b.build()


async def _prompt_text(ctx: Ctx, r: Reflection, team: Team | None) -> str:
    if r.delivery_id is None:
        return ""
    delivery = await ctx.uow.deliveries.get(r.community_id, r.delivery_id)
    if delivery is None:
        return ""
    library = ctx.libraries.get(team.language) if team else ctx.library
    found = await find_prompt(ctx.uow, library, r.community_id, delivery.prompt_id)
    return found.text if found else ""
