"""What a person is told when something breaks that nobody planned for, and what the log keeps.

The person gets an apology with a short reference; the same reference is in the log line that
carries the stack trace, so whoever runs plcbot can find exactly that failure when the person
quotes it. The log line names the community only: never the person's words (statement
parameters are hidden by the storage engine, and nothing here formats the request)."""

from __future__ import annotations

import logging
import secrets

from bot.messages import Message, text
from bot.outcome import Outcome

log = logging.getLogger("plcbot")

APOLOGY = (
    "Something went wrong on my side, and I have noted it under reference {reference}. "
    "Please try again in a minute; if it happens again, tell the person who runs plcbot "
    "and quote that reference."
)


def new_reference() -> str:
    """Eight hex characters: short enough to read out, random enough not to collide."""
    return secrets.token_hex(4)


def apology(reference: str) -> Message:
    return text(APOLOGY.format(reference=reference))


def unexpected(where: str) -> Outcome:
    """Call inside `except`: log the error with a new reference and answer with it."""
    reference = new_reference()
    log.exception("unexpected error (reference %s) on a request in %s", reference, where)
    return Outcome(reply=apology(reference), ok=False)
