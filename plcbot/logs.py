"""Logging for `plcbot`: text for a person at a terminal, or JSON lines for a log pipeline.

Every line names the request it belongs to (request id, community, platform: set at the core's
door, bot/observe.py), so the reference a person quotes from an apology finds every line of
that request. Nothing here formats a request's content: reflections and tokens never reach the
log (tests/slack/test_log_privacy.py runs requests at DEBUG, the SDKs' loggers included, to
check it)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import TextIO

from bot import observe
from plcbot.registry import noisy_loggers

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s%(request)s: %(message)s"
# Libraries that are loud at DEBUG; each platform names its own SDK's loggers (they log
# request bodies, which carry reflections and tokens), plcbot/registry.py collects them.
NOISY = ("aiosqlite", "asyncio", "apscheduler", "alembic")
CONTEXT = ("community", "platform", "request_id")


class RequestContext(logging.Filter):
    """Puts the request's id, community and platform on the record (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        rid = observe.request_id.get()
        record.request_id = rid
        record.community = observe.community.get()
        record.platform = observe.platform.get()
        record.request = f" [{rid}]" if rid else ""
        return True


class JsonLines(logging.Formatter):
    """One JSON object a line: time, level, logger, message, community, platform, request_id
    (and the stack trace, when there is one, as `error`)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({key: getattr(record, key, None) for key in CONTEXT})
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class _Stderr(logging.StreamHandler[TextIO]):
    """Writes to whatever sys.stderr is at the time (a test may have swapped it)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _: object) -> None:
        pass


def configure_logging(level: str, log_format: str = "text", stream: TextIO | None = None) -> None:
    """The root logger writes to stderr (or `stream`) in the chosen format, in place of the
    handler a previous call set (other handlers, such as a test's, stay)."""
    handler: logging.StreamHandler[TextIO] = logging.StreamHandler(stream) if stream else _Stderr()
    handler.set_name("plcbot")
    handler.addFilter(RequestContext())
    handler.setFormatter(JsonLines() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "plcbot"]:
        root.removeHandler(old)
    root.addHandler(handler)
    chosen = getattr(logging, level, logging.INFO)
    root.setLevel(chosen)
    for noisy in (*NOISY, *noisy_loggers()):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, chosen))
