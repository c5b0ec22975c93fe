"""A reader per core section of the config file: `[bot]`, `[database]`, `[scheduler]`,
`[[community]]`. Each takes its table, refuses unknown keys and wrong values naming the key
(bot/config_values.py), and returns checked values. Platforms read their own sections."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import config_values as v
from bot.config_values import ConfigError
from bot.declared import DeclarationError, parse_communities

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")
DATABASE_SCHEMES = ("sqlite+aiosqlite://", "postgresql+asyncpg://")


@dataclass(frozen=True)
class SchedulerConfig:
    enabled: bool = True
    misfire_grace_minutes: int = 60
    poll_seconds: int = 30
    drain_seconds: int = 25  # on a normal stop, how long the tick in progress may finish
    # "separate": `plcbot run` starts the scheduler as a supervised child process of its own
    # (its own engine and platform clients), so a tick never takes the request handlers' turn
    # on the event loop; "inline": on the same event loop as the platform adapters. None (not
    # set): separate on PostgreSQL, inline on SQLite (two processes writing one SQLite file
    # wait on its lock)
    process: str | None = None


SCHEDULER_PROCESSES = ("separate", "inline")


@dataclass(frozen=True)
class BotSection:
    data_dir: Path
    default_timezone: str
    default_language: str
    log_level: str
    retention_days: int | None
    removal_grace_days: int


BOT_KEYS = (
    "data_dir",
    "default_timezone",
    "default_language",
    "log_level",
    "retention_days",
    "removal_grace_days",
)


def read_bot(raw: Any, base: Path) -> BotSection:
    """`[bot]`; a relative data_dir is taken from `base` (the config file's folder)."""
    b = v.table("bot", raw)
    v.known_keys("bot", b, BOT_KEYS)
    data_dir = Path(v.text("bot", "data_dir", b.get("data_dir", "data")))
    level = v.text("bot", "log_level", b.get("log_level", "INFO")).upper()
    retention = b.get("retention_days")
    return BotSection(
        data_dir=data_dir if data_dir.is_absolute() else base / data_dir,
        default_timezone=v.zone("bot", "default_timezone", b.get("default_timezone", "UTC")),
        default_language=v.choice(
            "bot", "default_language", b.get("default_language", "en"), v.shipped_languages()
        ),
        log_level=v.choice("bot", "log_level", level, LOG_LEVELS),
        retention_days=None
        if retention is None
        else v.whole("bot", "retention_days", retention, 1, 36500, "a number of days"),
        removal_grace_days=v.whole(
            "bot",
            "removal_grace_days",
            b.get("removal_grace_days", 30),
            0,
            3650,
            "a number of days",
        ),
    )


def read_database(raw: Any, env: Mapping[str, str]) -> str | None:
    """`[database] url`, unless DATABASE_URL is set (it wins)."""
    db = v.table("database", raw)
    v.known_keys("database", db, ("url",))
    if env.get("DATABASE_URL"):
        url, where = env["DATABASE_URL"], "DATABASE_URL"
    elif "url" in db:
        url, where = v.text("database", "url", db["url"]), "[database] url"
    else:
        return None
    if not url.startswith(DATABASE_SCHEMES):
        raise ConfigError(
            f"{where}: must start with {' or '.join(DATABASE_SCHEMES)} "
            "(e.g. postgresql+asyncpg://plcbot@db/plcbot), not the scheme it has"
        )
    return url


def read_scheduler(raw: Any) -> SchedulerConfig:
    sc = v.table("scheduler", raw)
    v.known_keys("scheduler", sc, SchedulerConfig.__dataclass_fields__)
    return SchedulerConfig(
        enabled=v.boolean("scheduler", "enabled", sc.get("enabled", True)),
        misfire_grace_minutes=v.whole(
            "scheduler",
            "misfire_grace_minutes",
            sc.get("misfire_grace_minutes", 60),
            0,
            1440,
            "a whole number of minutes",
        ),
        poll_seconds=v.whole(
            "scheduler", "poll_seconds", sc.get("poll_seconds", 30), 1, 3600, "a number of seconds"
        ),
        drain_seconds=v.whole(
            "scheduler", "drain_seconds", sc.get("drain_seconds", 25), 1, 600, "a number of seconds"
        ),
        process=None
        if sc.get("process") is None
        else v.choice("scheduler", "process", sc["process"], SCHEDULER_PROCESSES),
    )


def read_communities(raw: Any) -> tuple[Mapping[str, Any], ...]:
    """`[[community]]` tables, checked (they are parsed again when applied)."""
    communities = [] if raw is None else raw
    if not isinstance(communities, list) or not all(isinstance(c, Mapping) for c in communities):
        raise ConfigError("[[community]]: must be an array of tables, each starting [[community]]")
    try:
        parse_communities(communities)
    except DeclarationError as e:
        raise ConfigError(str(e)) from None
    return tuple(communities)


@dataclass(frozen=True)
class OperationsConfig:
    """The operations listener: /healthz, /readyz, /metrics (README "Operations")."""

    enabled: bool = True
    address: str = "127.0.0.1"
    port: int = 9464  # 0: any free port (tests), logged at start


def read_operations(raw: Any) -> OperationsConfig:
    ops = v.table("operations", raw)
    v.known_keys("operations", ops, OperationsConfig.__dataclass_fields__)
    return OperationsConfig(
        enabled=v.boolean("operations", "enabled", ops.get("enabled", True)),
        address=v.text("operations", "address", ops.get("address", "127.0.0.1")),
        port=v.whole("operations", "port", ops.get("port", 9464), 0, 65535, "a port number"),
    )


@dataclass(frozen=True)
class WebConfig:
    """The web panel (README "Web panel"): on the Slack HTTP server when that runs, else on its
    own address and port. `public_url`: where people's browsers reach it (for the sign-in
    providers' redirect); empty: http://address:port."""

    enabled: bool = True
    address: str = "127.0.0.1"
    port: int = 8080  # 0: any free port (tests), logged at start
    public_url: str = ""


def read_web(raw: Any) -> WebConfig:
    web = v.table("web", raw)
    v.known_keys("web", web, WebConfig.__dataclass_fields__)
    return WebConfig(
        enabled=v.boolean("web", "enabled", web.get("enabled", True)),
        address=v.text("web", "address", web.get("address", "127.0.0.1")),
        port=v.whole("web", "port", web.get("port", 8080), 0, 65535, "a port number"),
        public_url=_url(web.get("public_url")),
    )


def _url(raw: Any) -> str:
    if raw is None:
        return ""
    url = v.text("web", "public_url", raw).rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ConfigError(
            f'[web] public_url: must start with https://, like "https://plc.example.org", not {url!r}'
        )
    return url + "/"


def read_log_format(raw: Any) -> str:
    """`[logging] format`: "text" (the default) or "json" (one JSON object a line)."""
    section = v.table("logging", raw)
    v.known_keys("logging", section, ("format",))
    return v.choice("logging", "format", section.get("format", "text"), LOG_FORMATS)
