"""What every micro-credential use case looks up first: the catalog, a credential by id, the
person's portfolio for it, a part by its number. Each refusal says what to do instead."""

from __future__ import annotations

from bot.credential_catalog import shipped_catalog
from bot.credentials import Catalog, Credential, Part, Portfolio
from bot.i18n import _, fill
from bot.messages import Code, Plain
from bot.usecases.context import Ctx, Refusal


def catalog_of(ctx: Ctx) -> Catalog:
    return ctx.settings.catalog or shipped_catalog()


def credential(ctx: Ctx, credential_id: str) -> Credential:
    catalog = catalog_of(ctx)
    found = catalog.get(credential_id)
    if found is None:
        raise Refusal(
            *fill(
                _(
                    "There is no micro-credential “{id}”. The ones here: {ids} "
                    "(see `/plc credential list`)."
                ),
                id=Plain(credential_id),
                ids=", ".join(catalog.ids),
            )
        )
    return found


async def portfolio(ctx: Ctx, c: Credential) -> Portfolio:
    held = await ctx.uow.portfolios.get(ctx.community.id, ctx.user_id, c.id)
    if held is None:
        raise Refusal(
            *fill(
                _("You have not started {title}. Start it with {command}."),
                title=c.title,
                command=Code(f"/plc credential start {c.id}"),
            )
        )
    return held


def part(c: Credential, number: int) -> Part:
    found = c.part(number)
    if found is None:
        raise Refusal(
            *fill(
                _("{title} has parts 1 to {last}; see them with {command}."),
                title=c.title,
                last=str(len(c.parts)),
                command=Code(f"/plc credential status {c.id}"),
            )
        )
    return found


async def shared_with_me(ctx: Ctx, teacher_id: str, credential_id: str) -> Portfolio:
    """A portfolio its teacher shared with the actor; any other answers the same, so nobody
    learns whether a colleague has one."""
    c = catalog_of(ctx).get(credential_id)
    held = await ctx.uow.portfolios.get(ctx.community.id, teacher_id, c.id) if c else None
    if held is None or held.reviewer_id != ctx.user_id:
        raise Refusal(
            *fill(
                _(
                    "No portfolio for “{id}” has been shared with you by that teacher. A teacher "
                    "shares theirs with `/plc credential share <id> @you`."
                ),
                id=Plain(credential_id),
            )
        )
    return held
