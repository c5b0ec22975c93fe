"""What the Slack libraries log, without what people wrote.

slack-bolt and slack_sdk put whole request and response bodies in their log messages: Bolt
logs the body of a request whose signature fails (INFO), of an unhandled request (WARNING),
the SDK every Web API call's arguments (DEBUG). A body carries a teacher's reflection, and
plcbot never logs one, at any level, whatever a library version does. So every record those
libraries make, from any of their loggers (also ones made later), is cut before the first
sign of content: the kind of event and the URL stay, the words do not.

Installed once per process by the Slack adapter, as a LogRecord factory: a filter on a logger
misses its child loggers, and a handler's filter misses handlers the operator adds."""

from __future__ import annotations

import logging
import re
from typing import Any

LIBRARIES = ("slack_bolt", "slack_sdk")
WITHHELD = " … (content withheld by plcbot)"
# Where content begins: a labelled body, payload, params, ... or a dict, a list, a form.
CONTENT = re.compile(
    r"\b(body|payload|params?|json|data|text|message|blocks|view|files|headers)\s*[:=]|[{\[&=]",
    re.IGNORECASE,
)
KEEP = 200  # characters at most of what precedes the content

_installed = False


def redacted(message: str) -> str:
    """The message cut before its first sign of content (unchanged if it has none)."""
    found = CONTENT.search(message)
    if found is None and len(message) <= KEEP:
        return message
    head = message[: found.start() if found else KEEP][:KEEP]
    return head.rstrip(" :(,-") + WITHHELD


def _from_libraries(name: str) -> bool:
    return any(name == lib or name.startswith(lib + ".") for lib in LIBRARIES)


def install() -> None:
    """Redact every record of the Slack libraries' loggers from now on (idempotent)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(name: str, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(name, *args, **kwargs)
        if _from_libraries(name):
            try:
                message = record.getMessage()
            except Exception:  # a broken format: nothing of it is kept
                message = str(record.msg)
            record.msg, record.args = redacted(message), None
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
