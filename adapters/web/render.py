"""The core's messages as HTML, every value escaped. Buttons are chat's way to act; a page acts
with its own forms, so they are left out."""

from __future__ import annotations

from markupsafe import Markup, escape

from bot.api import (
    Actions,
    Bold,
    Bullets,
    Code,
    Context,
    Heading,
    Inline,
    Italic,
    Mention,
    Message,
    Paragraph,
    Plain,
    Quote,
)


def inline(part: Inline) -> Markup:
    if isinstance(part, Bold):
        return Markup("<strong>{}</strong>").format(part.text)
    if isinstance(part, Italic):
        return Markup("<em>{}</em>").format(part.text)
    if isinstance(part, Code):
        return Markup("<code>{}</code>").format(part.text)
    if isinstance(part, Mention):
        return Markup("<span class=mention>@{}</span>").format(part.user_id)
    assert isinstance(part, Plain)
    return escape(part.text)


def line(parts: tuple[Inline, ...]) -> Markup:
    return Markup("").join(inline(p) for p in parts)


def html(message: Message | None, *, level: int = 2) -> Markup:
    if message is None:
        return Markup("")
    out: list[Markup] = []
    for block in message.blocks:
        if isinstance(block, Heading):
            out.append(Markup("<h{0}>{1}</h{0}>").format(level, block.text))
        elif isinstance(block, Paragraph):
            out.append(Markup("<p>{}</p>").format(line(block.parts)))
        elif isinstance(block, Bullets):
            items = Markup("").join(Markup("<li>{}</li>").format(line(i)) for i in block.items)
            shape = Markup("<ol>{}</ol>") if block.numbered else Markup("<ul>{}</ul>")
            out.append(shape.format(items))
        elif isinstance(block, Quote):
            out.append(Markup("<blockquote>{}</blockquote>").format(line(block.parts)))
        elif isinstance(block, Context):
            out.append(Markup("<p class=small>{}</p>").format(line(block.parts)))
        else:
            assert isinstance(block, Actions)
    return Markup("\n").join(out)
