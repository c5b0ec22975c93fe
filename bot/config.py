"""Settings from TOML, secrets from the environment, checked at start.

Each core section has its reader (bot/config_sections.py), each platform's section its
adapter's; an error names the key and what to write instead: `[scheduler]
misfire_grace_minutes: must be a whole number of minutes from 0 to 1440 (no quotes), not 'soon'`."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from bot.config_credentials import read_credentials
from bot.config_sections import (
    LOG_FORMATS,
    OperationsConfig,
    SchedulerConfig,
    WebConfig,
    read_bot,
    read_communities,
    read_database,
    read_log_format,
    read_operations,
    read_scheduler,
    read_web,
)
from bot.config_values import ConfigError, closest, table
from bot.declared import DeclaredCommunity, parse_communities
from bot.toml_reader import TomlError, parse_toml

__all__ = [
    "CORE_SECTIONS",
    "LOG_FORMATS",
    "Config",
    "ConfigError",
    "OperationsConfig",
    "SchedulerConfig",
    "SectionReaders",
]

CORE_SECTIONS = {
    "bot",
    "database",
    "scheduler",
    "community",
    "operations",
    "logging",
    "web",
    "credentials",
}
# a platform's section name -> its reader: the checked settings, or ConfigError naming the key
SectionReaders = Mapping[str, Callable[[Mapping[str, Any]], object]]


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
    operations: OperationsConfig = field(default_factory=OperationsConfig)
    log_format: str = "text"  # [logging] format: text, or JSON lines
    web: WebConfig = field(default_factory=WebConfig)
    credentials_folder: Path | None = None  # [credentials] folder: a district's own

    @property
    def declared(self) -> tuple[DeclaredCommunity, ...]:
        """The `[[community]]` tables, read (they were checked when the file was loaded)."""
        return parse_communities(self.communities)

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "plcbot.sqlite3"


def parse_config(
    raw: Mapping[str, Any],
    env: Mapping[str, str],
    source: Path | None = None,
    *,
    platforms: SectionReaders | None = None,
    community_platforms: Collection[str] | None = None,
) -> Config:
    """The core's sections; every other section goes to the platform that reads it.
    `community_platforms`: the platforms a `[[community]]` id may name (the composition root's
    registry; None: any well-formed `platform:id`)."""
    readers = platforms or {}
    known = CORE_SECTIONS | set(readers)
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(f"[{unknown[0]}]: unknown section ({closest(unknown[0], known)})")
    bot = read_bot(raw.get("bot"), source.parent if source else Path.cwd())
    return Config(
        data_dir=bot.data_dir,
        database_url=read_database(raw.get("database"), env),
        default_timezone=bot.default_timezone,
        default_language=bot.default_language,
        log_level=bot.log_level,
        retention_days=bot.retention_days,
        removal_grace_days=bot.removal_grace_days,
        scheduler=read_scheduler(raw.get("scheduler")),
        communities=read_communities(raw.get("community"), community_platforms),
        platforms={name: read(table(name, raw.get(name))) for name, read in readers.items()},
        source=source,
        operations=read_operations(raw.get("operations"), env),
        log_format=read_log_format(raw.get("logging")),
        web=read_web(raw.get("web")),
        credentials_folder=read_credentials(
            raw.get("credentials"), source.parent if source else Path.cwd()
        ),
    )


def read_toml(path: Path) -> Mapping[str, Any]:
    """The file's tables; ConfigError saying what is wrong with the file and what to do."""
    try:
        return parse_toml(path.read_text(encoding="utf-8"), str(path))
    except TomlError as e:
        raise ConfigError(str(e)) from None
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such config file (copy config.example.toml to start)"
        ) from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder; give the path of a .toml file") from None
    except PermissionError:
        raise ConfigError(
            f"{path}: cannot be read by this account (check its permissions)"
        ) from None
    except UnicodeDecodeError as e:
        raise ConfigError(
            f"{path}: not UTF-8 text (byte {e.start}); save it as UTF-8 and try again"
        ) from None


def load_config(
    path: Path | None,
    env: Mapping[str, str] | None = None,
    *,
    platforms: SectionReaders | None = None,
    community_platforms: Collection[str] | None = None,
) -> Config:
    env = os.environ if env is None else env
    named = partial(parse_config, platforms=platforms, community_platforms=community_platforms)
    if path is None:
        return named({}, env)
    raw = read_toml(path)
    try:
        return named(raw, env, path)
    except ConfigError as e:
        raise ConfigError(f"{path}: {e}") from None
