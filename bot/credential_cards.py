"""Micro-credential messages: the catalog, a credential's parts, a portfolio's status (for its
teacher, or for the reviewer it was shared with) and the names check. Words a person wrote
stay Plain; trusted core text may mark commands with backticks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot import actions
from bot.credential_names import REMINDER
from bot.credential_view import Item, PartView, PortfolioView
from bot.credentials import FILE_LIMIT, Catalog, Credential, EvidenceKind, PartKind, Portfolio
from bot.i18n import N_, _, fill, ngettext
from bot.messages import Bold, Button, ButtonStyle, Code, Inline, Mention, Message, MessageBuilder

SHOWN = 120  # characters of a text shown in a status line
PART_KINDS = {
    PartKind.OVERVIEW: N_("overview"),
    PartKind.ARTIFACT: N_("artifact"),
    PartKind.REFLECTION: N_("reflection"),
}


def kind_word(kind: PartKind) -> str:
    """What a part asks for, in the reader's words (the stored value stays English)."""
    return _(PART_KINDS[kind])


def catalog_card(
    catalog: Catalog, counts: Mapping[str, int], mine: Mapping[str, PortfolioView]
) -> Message:
    b = MessageBuilder().heading(_("Micro-credentials"))
    rows: list[list[Inline | str]] = []
    for c in catalog.credentials:
        n, size = counts.get(c.id, 0), len(c.parts)
        parts = ngettext(" ({n} part)", " ({n} parts)", size).format(n=size)
        row: list[Inline | str] = [Code(c.id), " — ", c.title, parts]
        if n:
            row.append(
                ngettext(
                    " · {n} teacher here working on it", " · {n} teachers here working on it", n
                ).format(n=n)
            )
        if c.id in mine:
            row.append(
                ngettext(
                    " · yours: {done} of {n} part has evidence",
                    " · yours: {done} of {n} parts have evidence",
                    size,
                ).format(done=mine[c.id].done, n=size)
            )
        rows.append(row)
    b.bullets(rows)
    b.context(
        _(
            "Start one with /plc credential start <id>. plcbot helps you collect the evidence; "
            "the issuer reviews it and awards the badge. Your portfolio is private to you."
        )
    )
    return b.build()


def parts_lines(c: Credential) -> list[list[Inline | str]]:
    rows: list[list[Inline | str]] = []
    for n, p in enumerate(c.parts, 1):
        about = _(" ({kind}) — {guidance}").format(kind=kind_word(p.kind), guidance=p.guidance)
        row: list[Inline | str] = [Bold(f"{n}. {p.title}"), about]
        if p.must_show:
            row += [_(" Must show: "), p.must_show]
        if p.words:
            row.append(_(" ({least}–{most} words)").format(least=p.words[0], most=p.words[1]))
        rows.append(row)
    return rows


def started_card(c: Credential, *, again: bool = False) -> Message:
    b = MessageBuilder().heading(c.title)
    if again:
        b.para(_("You started this one already; here are its parts again."))
    b.para(Bold(_("Competency: ")), c.competency)
    b.para(Bold(_("Key method: ")), c.key_method)
    b.para(c.guidance)
    b.bullets(parts_lines(c))
    b.para(
        *fill(
            _(
                "Add evidence with {add}, a reflection of yours with {use} (or its Use as "
                "evidence button), or a file (at most {mb} MB): on Slack, a direct message to "
                "the bot with the file and {dm} as its text; on Discord, {slash} with the file."
            ),
            add=Code(_("/plc credential add {id} <part> <your answer or a link>").format(id=c.id)),
            use=Code(_("/plc credential use {id} <part> <reflection number>").format(id=c.id)),
            mb=str(FILE_LIMIT // (1024 * 1024)),
            dm=Code(_("credential add {id} <part>").format(id=c.id)),
            slash=Code("/credential add"),
        )
    )
    b.context(_(REMINDER))
    return b.build()


def _item_line(item: Item) -> list[Inline | str]:
    e = item.evidence
    head: list[Inline | str] = [Bold(f"#{e.id}"), " "]
    if e.kind is EvidenceKind.FILE:
        return [*head, _("file "), e.file_name, f" ({e.file_type}, {_size(e.file_size)})"]
    if e.kind is EvidenceKind.LINK:
        return [*head, _("link "), e.text]
    if e.kind is EvidenceKind.REFLECTION:
        if item.missing_reflection:
            gone = _("reflection #{id} (no longer stored)")
            return [*head, gone.format(id=e.reflection_id)]
        return [*head, _("reflection #{id}: ").format(id=e.reflection_id), _short(item.words)]
    return [*head, _short(item.words)]


def _part_block(b: MessageBuilder, p: PartView) -> None:
    note = "" if p.missing else p.word_note
    n = len(p.items)
    state = _("missing") if p.missing else ngettext("{n} piece", "{n} pieces", n).format(n=n)
    b.para(
        Bold(f"{p.number}. {p.part.title}"),
        _(" ({kind}) — {state}").format(kind=kind_word(p.part.kind), state=state),
        f" · {note}" if note else "",
    )
    held = _(" — waiting for you to confirm it names no one")
    lines = [_item_line(i) for i in p.items]
    lines += [[*_item_line(i), held] for i in p.held]
    lines += [
        list(
            fill(
                _("Comment from {reviewer}: {comment}"),
                reviewer=Mention(c.reviewer_id),
                comment=c.text,
            )
        )
        for c in p.comments
    ]
    b.bullets(lines)


def status_card(view: PortfolioView, *, reviewer: str | None = None) -> Message:
    c, portfolio = view.credential, view.portfolio
    b = MessageBuilder().heading(c.title)
    if reviewer is not None:
        b.para(
            *fill(
                _("Shared with you for feedback by {teacher}."),
                teacher=Mention(portfolio.user_id),
            )
        )
    size = len(view.parts)
    b.para(
        ngettext(
            "{done} of {n} part has evidence.", "{done} of {n} parts have evidence.", size
        ).format(done=view.done, n=size)
    )
    for p in view.parts:
        _part_block(b, p)
    if view.missing:
        b.para(still_missing(view.missing))
    if reviewer is not None:
        b.context(
            _(
                "Comment on a part with /plc credential comment @teacher {id} <part> <comment>."
            ).format(id=c.id)
        )
        return b.build()
    b.context(
        _shared_line(portfolio),
        _(" Export the package with /plc credential export {id}.").format(id=c.id),
    )
    return b.build()


def _shared_line(portfolio: Portfolio) -> str:
    if portfolio.reviewer_id:
        return _("Shared with your reviewer for feedback; nobody else sees it.")
    return _("Private: only you see it (share it with a coach: /plc credential share <id> @coach).")


def still_missing(numbers: Sequence[int]) -> str:
    """ "Still missing: parts 3, 4, 5." (the count chooses the form in each language)."""
    return ngettext(
        "Still missing: part {numbers}.", "Still missing: parts {numbers}.", len(numbers)
    ).format(numbers=", ".join(str(n) for n in numbers))


def summary_card(views: Sequence[PortfolioView]) -> Message:
    b = MessageBuilder().heading(_("Your micro-credential portfolios"))
    if not views:
        b.para(
            *fill(
                _("None yet. See the micro-credentials with {command}."),
                command=Code("/plc credential list"),
            )
        )
        return b.build()
    b.bullets(
        [
            [
                Code(v.credential.id),
                " — ",
                v.credential.title,
                ngettext(": {done} of {n} part", ": {done} of {n} parts", len(v.parts)).format(
                    done=v.done, n=len(v.parts)
                ),
            ]
            for v in views
        ]
    )
    b.context(_("Each one in full: /plc credential status <id>."))
    return b.build()


def flagged_card(evidence_id: int, names: Sequence[str]) -> Message:
    b = MessageBuilder().para(
        *fill(_("Before I save this: it may name someone — {names}."), names=Bold(", ".join(names)))
    )
    b.para(_(REMINDER))
    b.buttons(
        Button(
            _("It names no one: keep it"),
            actions.credential_keep(evidence_id),
            ButtonStyle.PRIMARY,
        ),
        Button(_("Remove it so I can edit"), actions.credential_drop(evidence_id)),
    )
    return b.build()


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= SHOWN else one[: SHOWN - 1] + "…"


def _size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"
