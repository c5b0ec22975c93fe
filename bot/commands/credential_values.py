"""The rules the micro-credential intents' values meet (bot.commands.values runs them at the
door): a part's number from 1, a reviewer named, texts within their limit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.commands import credential_intents as cr
from bot.commands.values import Invalid, too_long
from bot.credentials import TEXT_LIMIT
from bot.i18n import N_, _

PART = N_("Give the part's number (from 1), as `/plc credential status <id>` shows it.")


def _part(cmd: Any) -> None:
    if cmd.part < 1:
        raise Invalid(_(PART))


def _text(cmd: Any) -> None:
    _part(cmd)
    if len(cmd.text) > TEXT_LIMIT:
        raise Invalid(too_long(len(cmd.text), TEXT_LIMIT))


CREDENTIAL_CHECKS: dict[type, Callable[[Any], object]] = {
    cr.CredentialAdd: _text,
    cr.CredentialComment: _text,
    cr.CredentialUse: _part,
    cr.CredentialFile: _part,
}
