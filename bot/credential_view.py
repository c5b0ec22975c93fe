"""A portfolio read once, as plain data: each part in the issuer's order with its evidence,
the words written for it and the reviewer's comments. The chat status, the reviewer's view and
the exported package all render this one read model."""

from __future__ import annotations

from dataclasses import dataclass

from bot.credentials import Comment, Credential, Evidence, EvidenceKind, Part, Portfolio, word_count
from bot.i18n import _, ngettext
from bot.ports import UnitOfWork

WRITTEN = (EvidenceKind.TEXT, EvidenceKind.REFLECTION)


@dataclass(frozen=True)
class Item:
    evidence: Evidence
    words: str  # what the evidence says: a text, a reflection's text (as it is now), a link

    @property
    def missing_reflection(self) -> bool:
        return self.evidence.kind is EvidenceKind.REFLECTION and not self.words


@dataclass(frozen=True)
class PartView:
    number: int
    part: Part
    items: tuple[Item, ...]  # confirmed evidence, oldest first
    held: tuple[Item, ...]  # waiting for the teacher to confirm it names no one
    comments: tuple[Comment, ...]

    @property
    def words(self) -> int:
        return sum(word_count(i.words) for i in self.items if i.evidence.kind in WRITTEN)

    @property
    def missing(self) -> bool:
        return not self.items

    @property
    def word_note(self) -> str:
        """ "212 words (150–300 asked)", flagged when outside the issuer's range."""
        said = ngettext("{n} word", "{n} words", self.words).format(n=self.words)
        if self.part.words is None:
            return said if self.words else ""
        least, most = self.part.words
        if least <= self.words <= most:
            template = _("{words} ({least}–{most} asked)")
        elif self.words < least:
            template = _("{words} ({least}–{most} asked) — too few")
        else:
            template = _("{words} ({least}–{most} asked) — too many")
        return template.format(words=said, least=least, most=most)


@dataclass(frozen=True)
class PortfolioView:
    credential: Credential
    portfolio: Portfolio
    parts: tuple[PartView, ...]

    @property
    def done(self) -> int:
        return sum(1 for p in self.parts if not p.missing)

    @property
    def missing(self) -> list[int]:
        return [p.number for p in self.parts if p.missing]


async def read_portfolio(uow: UnitOfWork, c: Credential, portfolio: Portfolio) -> PortfolioView:
    cid = portfolio.community_id
    evidence = await uow.portfolios.evidence(cid, portfolio.id)
    comments = await uow.portfolios.comments(cid, portfolio.id)
    items: list[Item] = []
    for e in evidence:
        items.append(Item(e, await _words_of(uow, e)))
    parts = tuple(
        PartView(
            number=n,
            part=part,
            items=tuple(i for i in items if i.evidence.part_id == part.id and i.evidence.confirmed),
            held=tuple(
                i for i in items if i.evidence.part_id == part.id and not i.evidence.confirmed
            ),
            comments=tuple(x for x in comments if x.part_id == part.id),
        )
        for n, part in enumerate(c.parts, 1)
    )
    return PortfolioView(c, portfolio, parts)


async def _words_of(uow: UnitOfWork, e: Evidence) -> str:
    if e.kind is not EvidenceKind.REFLECTION or e.reflection_id is None:
        return e.text
    reflection = await uow.reflections.get(e.community_id, e.reflection_id)
    return reflection.text if reflection and reflection.user_id == e.user_id else ""
