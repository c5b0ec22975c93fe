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
from bot.i18n import N_, _, fill, ngettext
from bot.messages import Bold, Button, MessageBuilder, markup, text
from bot.outcome import Outcome
from bot.usecases import credential_common as common
from bot.usecases.context import Ctx, Refusal

LINK = re.compile(r"https?://\S+", re.IGNORECASE)
NOT_YOURS = N_(
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
    added = (
        _("Added to part {number} ({part}) of {title}: {note}.")
        if shown.word_note
        else _("Added to part {number} ({part}) of {title}.")
    )
    b = MessageBuilder().para(
        added.format(number=number, part=part.title, title=c.title, note=shown.word_note)
    )
    missing = view.missing
    have = ngettext(
        "{done} of {n} part has evidence", "{done} of {n} parts have evidence", len(view.parts)
    ).format(done=view.done, n=len(view.parts))
    b.para(
        _("{have}; still missing: {missing}.").format(
            have=have, missing=", ".join(map(str, missing))
        )
        if missing
        else _("{have}. Ready to export.").format(have=have)
    )
    b.context(_(REMINDER))
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
            _(
                "Write your answer or a link after the part's number, like "
                "`/plc credential add {id} {part} https://example.org/lesson-plan`, "
                "or send a file: on Slack, a direct message to the bot with the file and "
                "`credential add {id} {part}` as its text; on Discord, `/credential add` "
                "with the file."
            ).format(id=c.id, part=cmd.part)
        )
    if len(said) > TEXT_LIMIT:
        raise Refusal(
            ngettext(
                "That is {n} characters; keep one answer to {most}.",
                "That is {n} characters; keep one answer to {most}.",
                len(said),
            ).format(n=f"{len(said):,}", most=f"{TEXT_LIMIT:,}")
        )
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
            _(
                "You have no reflection {number}. See yours, numbered, with `/plc me reflections`."
            ).format(number=cmd.reflection_id)
        )
    for e in await ctx.uow.portfolios.evidence(ctx.community.id, held.id):
        if e.reflection_id == reflection.id and e.part_id == part.id:
            raise Refusal(
                _("Reflection {number} is already evidence for part {part}.").format(
                    number=reflection.id, part=cmd.part
                )
            )
    evidence = _evidence(ctx, held.id, part, EvidenceKind.REFLECTION, reflection_id=reflection.id)
    return await _save(ctx, c, part, cmd.part, evidence, reflection.text)


async def use_click(cmd: cr.CredentialUseClick, ctx: Ctx) -> Outcome:
    """The "Use as evidence" button: which portfolio and part, as buttons."""
    reflection = await ctx.uow.reflections.get(ctx.community.id, cmd.reflection_id)
    if reflection is None or reflection.user_id != ctx.user_id:
        raise Refusal(
            _("That button was meant for someone else's reflection; nothing was changed.")
        )
    catalog = common.catalog_of(ctx)
    b = MessageBuilder()
    found = False
    for p in await ctx.uow.portfolios.of_user(ctx.community.id, ctx.user_id):
        c = catalog.get(p.credential_id)
        if c is None:
            continue
        found = True
        b.para(
            *fill(
                _("{title}: which part is reflection {number} evidence for?"),
                title=Bold(c.title),
                number=str(reflection.id),
            )
        )
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
                    _(
                        "Start a micro-credential first (see `/plc credential list`), then use "
                        "this reflection as its evidence."
                    )
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
            _(
                "That file is {size} MB; a file can be at most {most} MB. Put a larger one (a "
                "video) where your school keeps files and add its link: "
                "`/plc credential add {id} {part} <link>`."
            ).format(
                size=f"{len(cmd.content) / (1024 * 1024):.1f}",
                most=FILE_LIMIT // (1024 * 1024),
                id=c.id,
                part=cmd.part,
            )
        )
    if not cmd.content:
        raise Refusal(_("That file is empty, so nothing was saved."))
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
        raise Refusal(_(NOT_YOURS))
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
        raise Refusal(_(NOT_YOURS))
    number = c.number_of(held.part_id)
    if not cmd.keep:
        await ctx.uow.portfolios.remove_evidence(ctx.community.id, held.id)
        return Outcome(
            reply=text(
                *markup(
                    _(
                        "Removed it. Edit the names out and add it again with "
                        "`/plc credential add {id} {number} <text>`."
                    ).format(id=c.id, number=number)
                )
            )
        )
    await ctx.uow.portfolios.confirm_evidence(ctx.community.id, held.id)
    part = c.part(number)
    assert part is not None
    return await _saved(ctx, c, part, number)
