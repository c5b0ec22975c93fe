"""A teacher's micro-credential portfolios: the catalog (with counts, never names), starting
one, its status, and sharing it with one named reviewer (a facilitator or an admin) who may
read it and comment on its parts. Nobody else ever sees a portfolio."""

from __future__ import annotations

from dataclasses import replace

from bot import credential_cards as cards
from bot.commands import credential_intents as cr
from bot.credential_view import read_portfolio
from bot.credentials import TEXT_LIMIT, Comment, Portfolio
from bot.domain import Role
from bot.i18n import _, fill, ngettext
from bot.messages import Code, Mention, MessageBuilder, Plain, text
from bot.outcome import Outcome, Post, ToUser
from bot.ports import Conflict
from bot.usecases import credential_common as common
from bot.usecases.context import Ctx, Refusal


async def list_credentials(cmd: cr.CredentialList, ctx: Ctx) -> Outcome:
    catalog = common.catalog_of(ctx)
    counts = await ctx.uow.portfolios.counts(ctx.community.id)
    mine = {}
    for p in await ctx.uow.portfolios.of_user(ctx.community.id, ctx.user_id):
        c = catalog.get(p.credential_id)
        if c is not None:
            mine[c.id] = await read_portfolio(ctx.uow, c, p)
    return Outcome(reply=cards.catalog_card(catalog, counts, mine))


async def start(cmd: cr.CredentialStart, ctx: Ctx) -> Outcome:
    c = common.credential(ctx, cmd.credential_id)
    if await ctx.uow.portfolios.get(ctx.community.id, ctx.user_id, c.id) is not None:
        return Outcome(reply=cards.started_card(c, again=True))
    try:
        await ctx.uow.portfolios.start(Portfolio(0, ctx.community.id, ctx.user_id, c.id, ctx.now))
    except Conflict:
        return Outcome(reply=cards.started_card(c, again=True))
    return Outcome(reply=cards.started_card(c))


async def status(cmd: cr.CredentialStatus, ctx: Ctx) -> Outcome:
    if cmd.credential_id:
        c = common.credential(ctx, cmd.credential_id)
        view = await read_portfolio(ctx.uow, c, await common.portfolio(ctx, c))
        return Outcome(reply=cards.status_card(view))
    catalog = common.catalog_of(ctx)
    views = []
    for p in await ctx.uow.portfolios.of_user(ctx.community.id, ctx.user_id):
        found = catalog.get(p.credential_id)
        if found is not None:
            views.append(await read_portfolio(ctx.uow, found, p))
    return Outcome(reply=cards.summary_card(views))


async def _can_review(ctx: Ctx, user_id: str) -> bool:
    member = await ctx.uow.members.get(ctx.community.id, user_id)
    if member is not None and member.is_admin:
        return True
    roles = await ctx.uow.team_roles.teams_of(ctx.community.id, user_id)
    return any(r.role is Role.FACILITATOR for r in roles)


async def share(cmd: cr.CredentialShare, ctx: Ctx) -> Outcome:
    c = common.credential(ctx, cmd.credential_id)
    held = await common.portfolio(ctx, c)
    if not cmd.reviewer_id:
        await ctx.uow.portfolios.save(replace(held, reviewer_id=None, shared_at=None))
        private = _("Your {title} portfolio is private again: only you see it.")
        return Outcome(reply=text(*fill(private, title=c.title)))
    if cmd.reviewer_id == ctx.user_id:
        raise Refusal(_("Name a coach or facilitator to review it, not yourself."))
    if not await _can_review(ctx, cmd.reviewer_id):
        raise Refusal(
            *fill(
                _(
                    "A reviewer must be a facilitator of a learning team here, or an admin; "
                    "{who} is neither. Ask an admin to grant the role, or name another coach."
                ),
                who=Mention(cmd.reviewer_id),
            )
        )
    await ctx.uow.portfolios.save(replace(held, reviewer_id=cmd.reviewer_id, shared_at=ctx.now))
    notice = MessageBuilder().para(
        *fill(
            _("{who} shared their {title} portfolio with you for feedback."),
            who=Mention(ctx.user_id),
            title=c.title,
        )
    )
    notice.para(
        *fill(
            _(
                "Read it with {review} and comment on a part with {comment}. "
                "Only you and they see it."
            ),
            review=Code(f"/plc credential review @teacher {c.id}"),
            comment=Code(f"/plc credential comment @teacher {c.id} <part> <comment>"),
        )
    )
    return Outcome(
        reply=text(
            *fill(
                _(
                    "Shared your {title} portfolio with {who} for feedback. Nobody else sees it; "
                    "{command} makes it private again."
                ),
                title=c.title,
                who=Mention(cmd.reviewer_id),
                command=Code(f"/plc credential share {c.id} off"),
            )
        ),
        posts=[Post(ToUser(cmd.reviewer_id), notice.build())],
    )


async def review(cmd: cr.CredentialReview, ctx: Ctx) -> Outcome:
    held = await common.shared_with_me(ctx, cmd.teacher_id, cmd.credential_id)
    c = common.credential(ctx, held.credential_id)
    view = await read_portfolio(ctx.uow, c, held)
    return Outcome(reply=cards.status_card(view, reviewer=ctx.user_id))


async def comment(cmd: cr.CredentialComment, ctx: Ctx) -> Outcome:
    held = await common.shared_with_me(ctx, cmd.teacher_id, cmd.credential_id)
    c = common.credential(ctx, held.credential_id)
    part = common.part(c, cmd.part)
    if not cmd.text.strip() or len(cmd.text) > TEXT_LIMIT:
        raise Refusal(
            ngettext(
                "Write the comment after the part's number, up to {n} character.",
                "Write the comment after the part's number, up to {n} characters.",
                TEXT_LIMIT,
            ).format(n=f"{TEXT_LIMIT:,}")
        )
    await ctx.uow.portfolios.add_comment(
        Comment(0, ctx.community.id, held.id, held.user_id, ctx.user_id, part.id, cmd.text, ctx.now)
    )
    notice = text(
        *fill(
            _("{who} commented on part {number} ({part}) of your {title} portfolio: “{comment}”"),
            who=Mention(ctx.user_id),
            number=str(cmd.part),
            part=part.title,
            title=c.title,
            comment=Plain(cmd.text),
        )
    )
    sent = _("Sent your comment on part {number} to {who}.")
    return Outcome(
        reply=text(*fill(sent, number=str(cmd.part), who=Mention(held.user_id))),
        posts=[Post(ToUser(held.user_id), notice)],
    )
