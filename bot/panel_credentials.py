"""The web panel's read of a teacher's own micro-credential portfolios: each with its parts
(evidence or missing), and the submission package `/plc credential export` sends. Only the
signed-in person's own portfolios: the read is keyed by the actor, never by a URL's user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.credential_package import package, package_name
from bot.credential_view import read_portfolio
from bot.domain import Role
from bot.export import ExportFile
from bot.outcome import Outcome
from bot.panel_read import panel_read
from bot.usecases import credential_common as common
from bot.usecases.context import Actor, Ctx
from bot.usecases.credential_export import ZIP

if TYPE_CHECKING:
    from bot.service import PlcBot


@dataclass(frozen=True)
class PartLine:
    number: int
    title: str
    evidence: int  # confirmed pieces
    words: str  # "212 words (150–300 asked)", or ""


@dataclass(frozen=True)
class PortfolioLine:
    credential_id: str
    title: str
    parts: tuple[PartLine, ...]  # in the issuer's order
    missing: tuple[int, ...]


class PanelCredentials:
    def __init__(self, bot: PlcBot) -> None:
        self._bot = bot

    async def portfolios(self, actor: Actor) -> tuple[PortfolioLine, ...] | Outcome:
        return await panel_read(
            self._bot, actor, _portfolios, role=Role.TEACHER, what="/plc credential status"
        )

    async def package(self, actor: Actor, credential_id: str) -> ExportFile | Outcome:
        """The same ZIP as `/plc credential export <id>`, for a download instead."""

        async def read(ctx: Ctx) -> ExportFile:
            c = common.credential(ctx, credential_id)
            view = await read_portfolio(ctx.uow, c, await common.portfolio(ctx, c))
            return ExportFile(package_name(view), package(view, ctx.now), ZIP)

        return await panel_read(
            self._bot, actor, read, role=Role.TEACHER, what="/plc credential export"
        )


async def _portfolios(ctx: Ctx) -> tuple[PortfolioLine, ...]:
    catalog = common.catalog_of(ctx)
    lines = []
    for p in await ctx.uow.portfolios.of_user(ctx.community.id, ctx.user_id):
        c = catalog.get(p.credential_id)
        if c is None:
            continue
        view = await read_portfolio(ctx.uow, c, p)
        parts = tuple(
            PartLine(v.number, v.part.title, len(v.items), v.word_note) for v in view.parts
        )
        lines.append(PortfolioLine(c.id, c.title, parts, tuple(view.missing)))
    return tuple(lines)
