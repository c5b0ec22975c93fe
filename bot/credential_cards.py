"""Micro-credential messages: the catalog, a credential's parts, a portfolio's status (for its
teacher, or for the reviewer it was shared with) and the names check. Words a person wrote
stay Plain; trusted core text may mark commands with backticks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot import actions
from bot.credential_names import REMINDER
from bot.credential_view import Item, PartView, PortfolioView
from bot.credentials import FILE_LIMIT, Catalog, Credential, EvidenceKind, Portfolio
from bot.messages import Bold, Button, ButtonStyle, Code, Inline, Mention, Message, MessageBuilder

SHOWN = 120  # characters of a text shown in a status line


def catalog_card(
    catalog: Catalog, counts: Mapping[str, int], mine: Mapping[str, PortfolioView]
) -> Message:
    b = MessageBuilder().heading("Micro-credentials")
    rows: list[list[Inline | str]] = []
    for c in catalog.credentials:
        n = counts.get(c.id, 0)
        row: list[Inline | str] = [Code(c.id), " — ", c.title, f" ({len(c.parts)} parts)"]
        if n:
            row.append(f" · {n} teacher{'s' if n != 1 else ''} here working on it")
        if c.id in mine:
            row.append(f" · yours: {mine[c.id].done} of {len(c.parts)} parts have evidence")
        rows.append(row)
    b.bullets(rows)
    b.context(
        "Start one with /plc credential start <id>. plcbot helps you collect the evidence; "
        "the issuer reviews it and awards the badge. Your portfolio is private to you."
    )
    return b.build()


def parts_lines(c: Credential) -> list[list[Inline | str]]:
    rows: list[list[Inline | str]] = []
    for n, p in enumerate(c.parts, 1):
        row: list[Inline | str] = [Bold(f"{n}. {p.title}"), f" ({p.kind.value}) — {p.guidance}"]
        if p.must_show:
            row += [" Must show: ", p.must_show]
        if p.words:
            row.append(f" ({p.words[0]}–{p.words[1]} words)")
        rows.append(row)
    return rows


def started_card(c: Credential, *, again: bool = False) -> Message:
    b = MessageBuilder().heading(c.title)
    if again:
        b.para("You started this one already; here are its parts again.")
    b.para(Bold("Competency: "), c.competency)
    b.para(Bold("Key method: "), c.key_method)
    b.para(c.guidance)
    b.bullets(parts_lines(c))
    b.para(
        "Add evidence with ",
        Code(f"/plc credential add {c.id} <part> <your answer or a link>"),
        ", a reflection of yours with ",
        Code(f"/plc credential use {c.id} <part> <reflection number>"),
        " (or its Use as evidence button), or a file (at most "
        f"{FILE_LIMIT // (1024 * 1024)} MB): on Slack, a direct message to the bot with the file "
        "and ",
        Code(f"credential add {c.id} <part>"),
        " as its text; on Discord, ",
        Code("/credential add"),
        " with the file.",
    )
    b.context(REMINDER)
    return b.build()


def _item_line(item: Item) -> list[Inline | str]:
    e = item.evidence
    head: list[Inline | str] = [Bold(f"#{e.id}"), " "]
    if e.kind is EvidenceKind.FILE:
        return [*head, "file ", e.file_name, f" ({e.file_type}, {_size(e.file_size)})"]
    if e.kind is EvidenceKind.LINK:
        return [*head, "link ", e.text]
    if e.kind is EvidenceKind.REFLECTION:
        if item.missing_reflection:
            return [*head, f"reflection #{e.reflection_id} (no longer stored)"]
        return [*head, f"reflection #{e.reflection_id}: ", _short(item.words)]
    return [*head, _short(item.words)]


def _part_block(b: MessageBuilder, p: PartView) -> None:
    note = "" if p.missing else p.word_note
    state = "missing" if p.missing else f"{len(p.items)} piece{'s' if len(p.items) != 1 else ''}"
    b.para(
        Bold(f"{p.number}. {p.part.title}"),
        f" ({p.part.kind.value}) — {state}",
        f" · {note}" if note else "",
    )
    lines = [_item_line(i) for i in p.items]
    lines += [[*_item_line(i), " — waiting for you to confirm it names no one"] for i in p.held]
    lines += [["Comment from ", Mention(c.reviewer_id), ": ", c.text] for c in p.comments]
    b.bullets(lines)


def status_card(view: PortfolioView, *, reviewer: str | None = None) -> Message:
    c, portfolio = view.credential, view.portfolio
    b = MessageBuilder().heading(c.title)
    if reviewer is not None:
        b.para("Shared with you for feedback by ", Mention(portfolio.user_id), ".")
    b.para(f"{view.done} of {len(view.parts)} parts have evidence.")
    for p in view.parts:
        _part_block(b, p)
    if view.missing:
        b.para("Still missing: parts ", ", ".join(str(n) for n in view.missing), ".")
    if reviewer is not None:
        b.context(
            f"Comment on a part with /plc credential comment @teacher {c.id} <part> <comment>."
        )
        return b.build()
    b.context(_shared_line(portfolio), f" Export the package with /plc credential export {c.id}.")
    return b.build()


def _shared_line(portfolio: Portfolio) -> str:
    if portfolio.reviewer_id:
        return "Shared with your reviewer for feedback; nobody else sees it."
    return "Private: only you see it (share it with a coach: /plc credential share <id> @coach)."


def summary_card(views: Sequence[PortfolioView]) -> Message:
    b = MessageBuilder().heading("Your micro-credential portfolios")
    if not views:
        b.para("None yet. See the micro-credentials with ", Code("/plc credential list"), ".")
        return b.build()
    b.bullets(
        [
            [
                Code(v.credential.id),
                " — ",
                v.credential.title,
                f": {v.done} of {len(v.parts)} parts",
            ]
            for v in views
        ]
    )
    b.context("Each one in full: /plc credential status <id>.")
    return b.build()


def flagged_card(evidence_id: int, names: Sequence[str]) -> Message:
    b = MessageBuilder().para(
        "Before I save this: it may name someone — ", Bold(", ".join(names)), "."
    )
    b.para(REMINDER)
    b.buttons(
        Button(
            "It names no one: keep it", actions.credential_keep(evidence_id), ButtonStyle.PRIMARY
        ),
        Button("Remove it so I can edit", actions.credential_drop(evidence_id)),
    )
    return b.build()


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= SHOWN else one[: SHOWN - 1] + "…"


def _size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"
