"""Settings from TOML, secrets from the environment, checked at start.

An error names the key and what is wrong: `[scheduler] misfire_grace_minutes: must be a
whole number of minutes from 0 to 1440, not "soon"`."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.declared import DeclarationError, DeclaredCommunity, parse_communities


class ConfigError(ValueError):
    pass


CORE_SECTIONS = {"bot", "database", "scheduler", "community"}
# a platform's section name -> its reader: the checked settings, or ConfigError naming the key
SectionReaders = Mapping[str, Callable[[Mapping[str, Any]], object]]


@dataclass(frozen=True)
class SchedulerConfig:
    enabled: bool = True
    misfire_grace_minutes: int = 60
    poll_seconds: int = 30
    drain_seconds: int = 25  # on a normal stop, how long the tick in progress may finish
    # "separate": `plcbot run` starts the scheduler as a supervised child process of its own
    # (its own engine and platform clients), so a tick never takes the request handlers' turn
    # on the event loop; "inline": on the same event loop as the platform adapters
    process: str = "separate"


SCHEDULER_PROCESSES = ("separate", "inline")


@dataclass(frozen=True)
class Config:
    data_dir: Path = Path("data")
    database_url: str | None = None  # None: SQLite under data_dir
    default_timezone: str = "UTC"
    default_language: str = "en"
    log_level: str = "INFO"
    retention_days: int | None = None
    removal_grace_days: int = 30
    scheduler: SchedulerConfig = field(default_factory=SchedulerConfig)
    communities: tuple[Mapping[str, Any], ...] = ()  # declared calendars and schedules
    # each platform's section, as its adapter read and checked it (see plcbot/registry.py)
    platforms: Mapping[str, object] = field(default_factory=dict)
    source: Path | None = None

    @property
    def declared(self) -> tuple[DeclaredCommunity, ...]:
        """The `[[community]]` tables, read (they were checked when the file was loaded)."""
        return parse_communities(self.communities)

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "plcbot.sqlite3"


def _section(raw: Mapping[str, Any], name: str, known: set[str] | None) -> Mapping[str, Any]:
    """The table `[name]` (empty if absent); `known`: its keys (None: its reader checks them)."""
    value = raw.get(name, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"[{name}]: must be a table")
    if known is not None and (unknown := set(value) - known):
        raise ConfigError(
            f"[{name}] {sorted(unknown)[0]}: unknown key (known: {', '.join(sorted(known))})"
        )
    return value


def _int(section: str, key: str, value: Any, lo: int, hi: int, what: str = "a whole number") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ConfigError(f"[{section}] {key}: must be {what} from {lo} to {hi}, not {value!r}")
    return value


def _str(section: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"[{section}] {key}: must be a non-empty string, not {value!r}")
    return value


def _zone(section: str, key: str, value: Any) -> str:
    name = _str(section, key, value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"[{section}] {key}: {name!r} is not an IANA time zone (e.g. America/Chicago)"
        ) from None
    return name


def parse_config(
    raw: Mapping[str, Any],
    env: Mapping[str, str],
    source: Path | None = None,
    *,
    platforms: SectionReaders | None = None,
) -> Config:
    """The core's sections; every other section goes to the platform that reads it."""
    readers = platforms or {}
    unknown = set(raw) - CORE_SECTIONS - set(readers)
    if unknown:
        known = ", ".join(sorted(CORE_SECTIONS | set(readers)))
        raise ConfigError(f"[{sorted(unknown)[0]}]: unknown section (known: {known})")
    b = _section(
        raw,
        "bot",
        {
            "data_dir",
            "default_timezone",
            "default_language",
            "log_level",
            "retention_days",
            "removal_grace_days",
        },
    )
    db = _section(raw, "database", {"url"})
    sc = _section(
        raw,
        "scheduler",
        {"enabled", "misfire_grace_minutes", "poll_seconds", "drain_seconds", "process"},
    )

    base = source.parent if source else Path.cwd()
    data_dir = Path(_str("bot", "data_dir", b.get("data_dir", "data")))
    level = _str("bot", "log_level", b.get("log_level", "INFO")).upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ConfigError(f"[bot] log_level: must be DEBUG, INFO, WARNING or ERROR, not {level!r}")
    retention = b.get("retention_days")
    url = env.get("DATABASE_URL") or db.get("url")
    if url is not None and not str(url).startswith(
        ("sqlite+aiosqlite://", "postgresql+asyncpg://")
    ):
        raise ConfigError(
            "DATABASE_URL / [database] url: must start with sqlite+aiosqlite:// or postgresql+asyncpg://"
        )
    communities = raw.get("community", [])
    if not isinstance(communities, list) or not all(isinstance(c, Mapping) for c in communities):
        raise ConfigError("[[community]]: must be an array of tables")
    try:
        parse_communities(communities)
    except DeclarationError as e:
        raise ConfigError(str(e)) from None
    return Config(
        data_dir=data_dir if data_dir.is_absolute() else base / data_dir,
        database_url=str(url) if url else None,
        default_timezone=_zone("bot", "default_timezone", b.get("default_timezone", "UTC")),
        default_language=_str("bot", "default_language", b.get("default_language", "en")),
        log_level=level,
        removal_grace_days=_int(
            "bot",
            "removal_grace_days",
            b.get("removal_grace_days", 30),
            0,
            3650,
            "a number of days",
        ),
        retention_days=None
        if retention is None
        else _int("bot", "retention_days", retention, 1, 36500, "a number of days"),
        scheduler=_scheduler_config(sc),
        communities=tuple(communities),
        platforms={name: read(_section(raw, name, None)) for name, read in readers.items()},
        source=source,
    )


def _scheduler_config(sc: Mapping[str, Any]) -> SchedulerConfig:
    process = sc.get("process", "separate")
    if process not in SCHEDULER_PROCESSES:
        raise ConfigError(f'[scheduler] process: must be "separate" or "inline", not {process!r}')
    return SchedulerConfig(
        process=str(process),
        enabled=bool(sc.get("enabled", True)),
        misfire_grace_minutes=_int(
            "scheduler",
            "misfire_grace_minutes",
            sc.get("misfire_grace_minutes", 60),
            0,
            1440,
            "a whole number of minutes",
        ),
        poll_seconds=_int(
            "scheduler",
            "poll_seconds",
            sc.get("poll_seconds", 30),
            1,
            3600,
            "a number of seconds",
        ),
        drain_seconds=_int(
            "scheduler",
            "drain_seconds",
            sc.get("drain_seconds", 25),
            1,
            600,
            "a number of seconds",
        ),
    )


def load_config(
    path: Path | None,
    env: Mapping[str, str] | None = None,
    *,
    platforms: SectionReaders | None = None,
) -> Config:
    env = os.environ if env is None else env
    if path is None:
        return parse_config({}, env, platforms=platforms)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such config file (copy config.example.toml to start)"
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    try:
        return parse_config(raw, env, path, platforms=platforms)
    except ConfigError as e:
        raise ConfigError(f"{path}: {e}") from None
