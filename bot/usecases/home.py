"""A person's own page: their teams and stages, prompts waiting for them, their last reflections.
Only ever shown to that person (Slack's App Home tab)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.cards import day_text, reflect_button
from bot.i18n import _, fill
from bot.messages import Bold, Code, Italic, Message, MessageBuilder
from bot.prompt_lookup import find_prompt
from bot.text import shorten
from bot.usecases.context import Ctx
from bot.usecases.reflection_posts import WHO_SEES

OPEN_PROMPT_DAYS = 14


async def home_page(ctx: Ctx) -> Message:
    cid = ctx.community.id
    b = MessageBuilder().heading(_("Your learning teams"))
    roles = await ctx.uow.team_roles.teams_of(cid, ctx.user_id)
    if not roles:
        b.para(
            *fill(
                _(
                    "You haven't joined a learning team here yet. In your team's channel, try {command}."
                ),
                command=Code("/plc checkin 4"),
            )
        )
    waiting = []
    zones: dict[int, ZoneInfo] = {}
    for role in roles:
        team = await ctx.uow.teams.get(cid, role.team_id)
        if team is None:
            continue
        library = ctx.libraries.get(team.language)
        zones[team.id] = ZoneInfo(team.timezone)
        b.para(
            *fill(
                _("{team} · cycle {cycle}, stage {number}: {stage}"),
                team=Bold(team.name),
                cycle=str(team.cycle),
                number=str(team.stage.number),
                stage=library.stage(team.stage).name,
            )
        )
        since = ctx.now - timedelta(days=OPEN_PROMPT_DAYS)
        for delivery in await ctx.uow.deliveries.list(cid, team.id, since):
            if await ctx.uow.reflections.find(cid, delivery.id, ctx.user_id) is None:
                prompt = await find_prompt(ctx.uow, library, cid, delivery.prompt_id)
                if prompt is not None:
                    waiting.append((team.name, prompt.text, delivery.id))
    if waiting:
        b.heading(_("Prompts waiting for you"))
        for team_name, prompt_text, delivery_id in waiting[-5:]:
            b.para(Italic(team_name), ": ", prompt_text)
            b.buttons(reflect_button(delivery_id, _("Answer")))
    mine = sorted(
        await ctx.uow.reflections.by_user(cid, ctx.user_id),
        key=lambda r: r.created_at,
        reverse=True,
    )
    if mine:
        b.heading(_("Your last reflections"))
        for r in mine[:3]:
            day = day_text(r.created_at, zones.get(r.team_id, ZoneInfo("UTC")), ctx.now)
            b.para(*fill(_("{day} · seen by {who}"), day=Bold(day), who=_(WHO_SEES[r.visibility])))
            b.quote(shorten(r.text, 280))
    b.context(_("Only you see this page."))
    return b.build()
