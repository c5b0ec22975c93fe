"""Buttons that survive restarts, and the keyword arguments that send or edit a Message.

Every button's custom_id is the core's Action id ("plc:checkin:12:4"). One DynamicItem class
matches them all by template, so a click on a card posted by an earlier process (or before a
restart) is dispatched like any other: there is no per-message state to lose."""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import ui

from adapters.discord.hooks import handlers_of
from adapters.discord.render import Rendered, render
from bot.api import ACTION_PREFIX, Message

NO_MENTIONS = discord.AllowedMentions.none()
EMPTY = "…"


class PlcButton(ui.DynamicItem[ui.Button[ui.View]], template=re.compile(rf"{ACTION_PREFIX}:.+")):
    """Any button whose custom_id is a plcbot Action id."""

    def __init__(self, button: ui.Button[ui.View]) -> None:
        super().__init__(button)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: ui.Item[Any], match: re.Match[str], /
    ) -> PlcButton:
        label = item.label if isinstance(item, ui.Button) else None
        return cls(ui.Button(label=label, custom_id=match.string))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await handlers_of(interaction.client).click(interaction, self.custom_id)


def view_of(rendered: Rendered) -> ui.View | None:
    """The buttons, in a view discord.py does not keep: a click reaches PlcButton by its
    custom_id's template, so a stored copy would only cost memory for every card posted and,
    for an ephemeral reply, a task alive for 15 minutes (discord.py gives those a timeout)."""
    if not rendered.rows:
        return None
    view = ui.View(timeout=None)
    for n, row in enumerate(rendered.rows):
        for spec in row:
            button: ui.Button[ui.View] = ui.Button(
                label=spec.label, custom_id=spec.custom_id, style=spec.style, row=n
            )
            view.add_item(PlcButton(button))
    view.stop()  # a finished view is sent as it is and never stored
    return view


def send_kwargs(message: Message) -> dict[str, Any]:
    """For channel.send, response.send_message and followup.send."""
    rendered = render(message)
    kwargs: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
    view = view_of(rendered)
    if rendered.embed is not None:
        kwargs["embed"] = rendered.embed
    if rendered.content is not None or (rendered.embed is None and view is None):
        kwargs["content"] = rendered.content or EMPTY
    if view is not None:
        kwargs["view"] = view
    return kwargs


def edit_kwargs(message: Message) -> dict[str, Any]:
    """For message.edit: every part is given, so what the new rendering lacks is removed."""
    rendered = render(message)
    view = view_of(rendered)
    content = rendered.content
    if content is None and rendered.embed is None and view is None:
        content = EMPTY
    return {
        "content": content,
        "embeds": [rendered.embed] if rendered.embed is not None else [],
        "view": view,
        "allowed_mentions": NO_MENTIONS,
    }
