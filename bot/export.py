"""Exports as files: JSON for machines, CSV (UTF-8, header first) for spreadsheets.

Spreadsheet injection: a cell that starts with = + - @ (or a tab or carriage return) is
prefixed with an apostrophe, so a teacher's words are never run as a formula."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFile:
    name: str
    content: bytes
    mime: str


def local_minute(at: datetime | None, zone: ZoneInfo) -> str | None:
    """A stored (UTC) time as a person reads it in an export: their team's local time, to the
    minute, with the zone named: "2026-09-14 10:00 America/Chicago"."""
    if at is None:
        return None
    return f"{at.astimezone(zone):%Y-%m-%d %H:%M} {zone.key}"


def neutralize(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> ExportFile:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralize(v) for v in row])
    return ExportFile(name, buffer.getvalue().encode("utf-8"), "text/csv")


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not exportable: {type(value).__name__}")


def to_json(name: str, data: Mapping[str, Any]) -> ExportFile:
    body = json.dumps(data, default=_default, ensure_ascii=False, indent=2, sort_keys=False)
    return ExportFile(name, body.encode("utf-8"), "application/json")
