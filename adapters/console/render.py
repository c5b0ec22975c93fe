"""Messages as terminal text. Everything is printed literally: nothing a person typed can
become a mention or markup here either."""

from __future__ import annotations

from bot.api import (
    Actions,
    Bold,
    Bullets,
    Button,
    Code,
    Context,
    Heading,
    Inline,
    Italic,
    Mention,
    Message,
    Paragraph,
    Quote,
)


def inline(part: Inline) -> str:
    if isinstance(part, Mention):
        return f"@{part.user_id}"
    if isinstance(part, Bold):
        return part.text
    if isinstance(part, Italic):
        return part.text
    if isinstance(part, Code):
        return part.text
    return part.text


def line(parts: tuple[Inline, ...]) -> str:
    return "".join(inline(p) for p in parts)


def render(message: Message, *, indent: str = "  ") -> list[str]:
    out: list[str] = []
    button = 1  # buttons are numbered across the message; a list's numbers are its own
    for block in message.blocks:
        if isinstance(block, Heading):
            out.append(f"{indent}== {block.text} ==")
        elif isinstance(block, Paragraph):
            out.extend(indent + text for text in line(block.parts).splitlines() or [""])
        elif isinstance(block, Bullets):
            for i, item in enumerate(block.items, 1):
                mark = f"{i}." if block.numbered else "•"
                out.append(f"{indent}  {mark} {line(item)}")
        elif isinstance(block, Quote):
            out.extend(f"{indent}> {text}" for text in line(block.parts).splitlines() or [""])
        elif isinstance(block, Context):
            out.append(f"{indent}({line(block.parts)})")
        elif isinstance(block, Actions):
            cells = []
            for b in block.buttons:
                cells.append(f"[{button}] {b.label}")
                button += 1
            out.append(indent + "  ".join(cells))
    return out


def buttons_of(message: Message) -> list[Button]:
    return message.button_list()
