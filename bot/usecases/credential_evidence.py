"""Evidence on a portfolio's parts: a written answer, a link, one of the teacher's own
reflections (by reference), or a file attached on the platform. Anything with words is
checked for likely names first: held until the teacher confirms it names no one, or removed
so they can edit it."""

from __future__ import annotations

import re
from dataclasses import replace

from bot import actions
from bot import credential_cards as cards
from bot.commands import credential_intents as cr
from bot.credential_names import REMINDER, likely_names
from bot.credential_view import read_portfolio
from bot.credentials import FILE_LIMIT, TEXT_LIMIT, Credential, Evidence, EvidenceKind, Part
from bot.messages import Bold, Button, MessageBuilder, markup, text
from bot.outcome import Outcome
from bot.usecases import credential_common as common
from bot.usecases.context import Ctx, Refusal

LINK = re.compile(r"https?://\S+", re.IGNORECASE)
NOT_YOURS = (
    "That evidence is not waiting for you. See your portfolio with `/plc credential status`."
)


async def _save(
    ctx: Ctx, c: Credential, part: Part, number: int, evidence: Evidence, words: str
) -> Outcome:
    names = likely_names(words)
    stored = await ctx.uow.portfolios.add_evidence(replace(evidence, confirmed=not names))
    if names:
        return Outcome(reply=cards.flagged_card(stored.id, names))
    return await _saved(ctx, c, part, number)


async def _saved(ctx: Ctx, c: Credential, part: Part, number: int) -> Outcome:
    view = await read_portfolio(ctx.uow, c, await common.portfolio(ctx, c))
    shown = view.parts[number - 1]
    b = MessageBuilder().para(
        f"Added to part {number} ({part.title}) of {c.title}",
        f": {shown.word_note}." if shown.word_note else ".",
    )
    missing = view.missing
    b.para(
        f"{view.done} of {len(view.parts)} parts have evidence"
        + (f"; still missing: {', '.join(map(str, missing))}." if missing else ". Ready to export.")
    )
    b.context(REMINDER)
    return Outcome(reply=b.build())


def _evidence(
    ctx: Ctx, portfolio_id: int, part: Part, kind: EvidenceKind, **more: object
) -> Evidence:
    return Evidence(0, ctx.community.id, portfolio_id, ctx.user_id, part.id, kind, ctx.now, **more)  # type: ignore[arg-type]


async def add(cmd: cr.CredentialAdd, ctx: Ctx) -> Outcome:
    c = common.credential(ctx, cmd.credential_id)
    held = await common.portfolio(ctx, c)
    part = common.part(c, cmd.part)
    said = cmd.text.strip()
    if not said:
        raise Refusal(
            f"Write your answer or a link after the part's number, like "
            f"`/plc credential add {c.id} {cmd.part} https://example.org/lesson-plan`, "
            "or send a file: on Slack, a direct message to the bot with the file and "
            f"`credential add {c.id} {cmd.part}` as its text; on Discord, `/credential add` "
            "with the file."
        )
    if len(said) > TEXT_LIMIT:
        raise Refusal(f"That is {len(said):,} characters; keep one answer to {TEXT_LIMIT:,}.")
    kind = EvidenceKind.LINK if LINK.fullmatch(said) else EvidenceKind.TEXT
    words = "" if kind is EvidenceKind.LINK else said
    return await _save(
        ctx, c, part, cmd.part, _evidence(ctx, held.id, part, kind, text=said), words
    )


async def use(cmd: cr.CredentialUse, ctx: Ctx) -> Outcome:
    c = common.credential(ctx, cmd.credential_id)
    held = await common.portfolio(ctx, c)
    part = common.part(c, cmd.part)
    reflection = await ctx.uow.reflections.get(ctx.community.id, cmd.reflection_id)
    if reflection is None or reflection.user_id != ctx.user_id:
        raise Refusal(
            f"You have no reflection {cmd.reflection_id}. See yours, numbered, with "
            "`/plc me reflections`."
        )
    for e in await ctx.uow.portfolios.evidence(ctx.community.id, held.id):
        if e.reflection_id == reflection.id and e.part_id == part.id:
            raise Refusal(f"Reflection {reflection.id} is already evidence for part {cmd.part}.")
    evidence = _evidence(ctx, held.id, part, EvidenceKind.REFLECTION, reflection_id=reflection.id)
    return await _save(ctx, c, part, cmd.part, evidence, reflection.text)


async def use_click(cmd: cr.CredentialUseClick, ctx: Ctx) -> Outcome:
    """The "Use as evidence" button: which portfolio and part, as buttons."""
    reflection = await ctx.uow.reflections.get(ctx.community.id, cmd.reflection_id)
    if reflection is None or reflection.user_id != ctx.user_id:
        raise Refusal("That button was meant for someone else's reflection; nothing was changed.")
    catalog = common.catalog_of(ctx)
    b = MessageBuilder()
    found = False
    for p in await ctx.uow.portfolios.of_user(ctx.community.id, ctx.user_id):
        c = catalog.get(p.credential_id)
        if c is None:
            continue
        found = True
        b.para(Bold(c.title), f": which part is reflection {reflection.id} evidence for?")
        buttons = [
            Button(f"{n}. {part.title}"[:75], actions.credential_pick(reflection.id, c.id, n))
            for n, part in enumerate(c.parts, 1)
        ]
        for start in range(0, len(buttons), 5):
            b.buttons(*buttons[start : start + 5])
    if not found:
        return Outcome(
            reply=text(
                *markup(
                    "Start a micro-credential first (see `/plc credential list`), then use this "
                    "reflection as its evidence."
                )
            )
        )
    return Outcome(reply=b.build())


async def attach_file(cmd: cr.CredentialFile, ctx: Ctx) -> Outcome:
    c = common.credential(ctx, cmd.credential_id)
    held = await common.portfolio(ctx, c)
    part = common.part(c, cmd.part)
    if len(cmd.content) > FILE_LIMIT:
        raise Refusal(
            f"That file is {len(cmd.content) / (1024 * 1024):.1f} MB; a file can be at most "
            f"{FILE_LIMIT // (1024 * 1024)} MB. Put a larger one (a video) where your school keeps "
            f"files and add its link: `/plc credential add {c.id} {cmd.part} <link>`."
        )
    if not cmd.content:
        raise Refusal("That file is empty, so nothing was saved.")
    name = re.sub(r"[\\/\x00-\x1f]", "_", cmd.name).strip() or "artifact"
    evidence = _evidence(
        ctx,
        held.id,
        part,
        EvidenceKind.FILE,
        text=cmd.note.strip(),
        file_name=name[:255],
        file_type=(cmd.mime or "application/octet-stream")[:128],
        file_size=len(cmd.content),
        content=cmd.content,
    )
    return await _save(ctx, c, part, cmd.part, evidence, cmd.note)


async def confirm(cmd: cr.CredentialConfirm, ctx: Ctx) -> Outcome:
    held = await ctx.uow.portfolios.get_evidence(ctx.community.id, cmd.evidence_id)
    if held is None or held.user_id != ctx.user_id or held.confirmed:
        raise Refusal(NOT_YOURS)
    portfolio = next(
        (
            p
            for p in await ctx.uow.portfolios.of_user(ctx.community.id, ctx.user_id)
            if p.id == held.portfolio_id
        ),
        None,
    )
    c = common.catalog_of(ctx).get(portfolio.credential_id) if portfolio else None
    if c is None:
        raise Refusal(NOT_YOURS)
    number = c.number_of(held.part_id)
    if not cmd.keep:
        await ctx.uow.portfolios.remove_evidence(ctx.community.id, held.id)
        return Outcome(
            reply=text(
                *markup(
                    "Removed it. Edit the names out and add it again with "
                    f"`/plc credential add {c.id} {number} <text>`."
                )
            )
        )
    await ctx.uow.portfolios.confirm_evidence(ctx.community.id, held.id)
    part = c.part(number)
    assert part is not None
    return await _saved(ctx, c, part, number)
