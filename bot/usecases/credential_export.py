"""`/plc credential export <id>`: the submission package, by direct message; and every
portfolio of a person for their `me export`."""

from __future__ import annotations

from bot.commands import credential_intents as cr
from bot.credential_package import LABEL, package, package_name
from bot.credential_view import read_portfolio
from bot.export import ExportFile
from bot.i18n import _, fill, ngettext
from bot.messages import Bold, MessageBuilder, text
from bot.outcome import Outcome, Post, ToUser
from bot.usecases import credential_common as common
from bot.usecases.context import Ctx

ZIP = "application/zip"


async def export(cmd: cr.CredentialExport, ctx: Ctx) -> Outcome:
    c = common.credential(ctx, cmd.credential_id)
    view = await read_portfolio(ctx.uow, c, await common.portfolio(ctx, c))
    note = MessageBuilder().para(
        *fill(_("{title} — your submission package."), title=Bold(c.title))
    )
    note.para(
        _(
            "Open index.html and print it to PDF: the parts are numbered in the issuer's order. "
            "The artifacts are in the artifacts folder; evidence.json describes each piece in the "
            "Open Badges 3.0 Evidence shape."
        )
    )
    if view.missing:
        parts = ", ".join(map(str, view.missing))
        note.para(
            ngettext(
                "Still missing: part {parts}.", "Still missing: parts {parts}.", len(view.missing)
            ).format(parts=parts)
        )
    note.context(_(LABEL))
    zipped = ExportFile(package_name(view), package(view, ctx.now), ZIP)
    return Outcome(
        reply=text(_("I've sent the package to you in a direct message.")),
        posts=[Post(ToUser(ctx.user_id), note.build(), files=(zipped,))],
    )


async def portfolio_files(ctx: Ctx) -> list[ExportFile]:
    """Each of the person's portfolios as its package, for `me export`."""
    catalog = common.catalog_of(ctx)
    files = []
    for p in await ctx.uow.portfolios.of_user(ctx.community.id, ctx.user_id):
        c = catalog.get(p.credential_id)
        if c is not None:
            view = await read_portfolio(ctx.uow, c, p)
            files.append(ExportFile(package_name(view), package(view, ctx.now), ZIP))
    return files
