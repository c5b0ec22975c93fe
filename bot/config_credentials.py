"""`[credentials]`: a district's own micro-credentials, in a folder of TOML files beside the
shipped ones (bot/credential_catalog.py). Checked when the config is read, so a mistake in a
district's file stops `plcbot run` at start with the file and key named."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot import config_values as v
from bot.config_values import ConfigError
from bot.credential_catalog import CredentialError, load_catalog

KEYS = ("folder",)


def read_credentials(raw: Any, base: Path) -> Path | None:
    """The district's folder (relative to the config file's folder), or None."""
    section = v.table("credentials", raw)
    v.known_keys("credentials", section, KEYS)
    if "folder" not in section:
        return None
    folder = Path(v.text("credentials", "folder", section["folder"]))
    folder = folder if folder.is_absolute() else base / folder
    try:
        load_catalog([folder])
    except CredentialError as e:
        raise ConfigError(f"[credentials] folder: {e}") from None
    return folder
