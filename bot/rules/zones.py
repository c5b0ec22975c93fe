"""The one time-zone rule: an IANA name the system's zone database knows. Commands (`team
create`, `team set tz`, `schedule add`), the config's `[bot] default_timezone`, declared teams
and schedules, and the scheduler's `when` expressions all read a zone through `zone()`, so a
wrong one is refused in the same words wherever it was typed."""

from __future__ import annotations

from zoneinfo import ZoneInfo, available_timezones

from bot.i18n import _

SUGGESTIONS = 3


class UnknownZone(ValueError):
    """Not a time zone; `problem` is the wording after the name (with close names, if any)."""

    def __init__(self, name: str) -> None:
        self.name = name
        lowered = name.strip().lower()
        close = sorted(z for z in available_timezones() if lowered and lowered in z.lower())
        self.problem = _(
            "is not a time zone I know. Use an IANA name such as America/Chicago or Europe/Berlin."
        )
        if close:
            self.problem += " " + _("Did you mean {zones}?").format(
                zones=_either(close[:SUGGESTIONS])
            )
        super().__init__(f"“{name}” {self.problem}")


def _either(names: list[str]) -> str:
    """`a or b or c`, in the reader's language."""
    said = names[0]
    for name in names[1:]:
        said = _("{these} or {that}").format(these=said, that=name)
    return said


def zone_info(name: str) -> ZoneInfo:
    """The zone called `name`, or UnknownZone."""
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        raise UnknownZone(name) from None


def zone(name: str) -> str:
    """`name`, checked to be a time zone (UnknownZone if not)."""
    zone_info(name)
    return name
