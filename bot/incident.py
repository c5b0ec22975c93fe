"""What a person is told when something breaks that nobody planned for, and what the log keeps.

The person gets an apology with a short reference: the request id (bot/observe.py), which is
also on every log line of that request and on the one that carries the stack trace, so whoever runs plcbot can find exactly that failure when the person
quotes it. The log line names the community only: never the person's words (statement
parameters are hidden by the storage engine, and nothing here formats the request)."""

from __future__ import annotations

import logging

from bot.i18n import N_, _
from bot.messages import Message, text
from bot.observe import new_request_id, request_id
from bot.outcome import Outcome

log = logging.getLogger("plcbot")

APOLOGY = N_(
    "Something went wrong on my side, and I have noted it under reference {reference}. "
    "Please try again in a minute; if it happens again, tell the person who runs plcbot "
    "and quote that reference."
)


def new_reference() -> str:
    """The request's id when there is one (set at the door), else a new one."""
    return request_id.get() or new_request_id()


def apology(reference: str) -> Message:
    return text(_(APOLOGY).format(reference=reference))


def unexpected(where: str) -> Outcome:
    """Call inside `except`: log the error with a new reference and answer with it."""
    reference = new_reference()
    log.exception("unexpected error (reference %s) on a request in %s", reference, where)
    return Outcome(reply=apology(reference), ok=False)
