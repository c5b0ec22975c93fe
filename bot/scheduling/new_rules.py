"""The rules every new schedule meets, from chat and from the config file alike: a time that
could be morning or afternoon is asked about, and a channel post comes at most once an hour.
A duplicate is the same parsed schedule (when it posts, where and what), not the same text."""

from __future__ import annotations

from bot.i18n import Part, fill, ngettext
from bot.scheduling.model import ScheduleKind
from bot.scheduling.phrases import morning_or_afternoon, read_phrase
from bot.scheduling.when import When

# A channel post more often than hourly would bury the team's conversation.
CHANNEL_KINDS = frozenset(ScheduleKind) - {ScheduleKind.NONRESPONDER_REMINDER}


def early_time_question(spec: When) -> str | None:
    """ "mon 3:30": which was meant, and how to write each; None when the time is clear."""
    if not spec.ambiguous:
        return None
    phrase = read_phrase(spec.source)
    assert phrase is not None  # only the friendly form is ambiguous
    return morning_or_afternoon(phrase)


def _times_an_hour(kind: ScheduleKind, spec: When) -> int | None:
    """How often a channel post more frequent than hourly would come; None when it is not."""
    times = len(spec.minutes)
    return times if kind in CHANNEL_KINDS and times > 1 else None


def too_often(kind: ScheduleKind, spec: When) -> str | None:
    """What is wrong with a channel post more often than hourly, for an operator's config
    file (it follows the quoted `when`; English, like every config error); None when it is not."""
    times = _times_an_hour(kind, spec)
    if times is None:
        return None
    return (
        f"would post in the channel {times} times in an hour. A channel post may come at most "
        "once an hour: give one minute, like `0 * * * 1-5` (every hour on the hour, weekdays) "
        "or `weekdays 08:00`."
    )


def too_often_parts(kind: ScheduleKind, spec: When) -> tuple[Part, ...] | None:
    """The same for a person, in the language spoken, as parts for a Refusal (the `when` as
    they wrote it stays Plain); None when it is not."""
    times = _times_an_hour(kind, spec)
    if times is None:
        return None
    said = ngettext(
        "“{when}” would post in the channel {n} time in an hour. A channel post may come at "
        "most once an hour: give one minute, like `0 * * * 1-5` (every hour on the hour, "
        "weekdays) or `weekdays 08:00`.",
        "“{when}” would post in the channel {n} times in an hour. A channel post may come at "
        "most once an hour: give one minute, like `0 * * * 1-5` (every hour on the hour, "
        "weekdays) or `weekdays 08:00`.",
        times,
    )
    return fill(said, when=spec.source, n=str(times))


def posting_times(spec: When) -> tuple[object, ...]:
    """What decides when a schedule posts, however it was written: "weekdays 7:00",
    "weekdays 07:00" and "0 7 * * 1-5" post at the same times."""
    either = spec.either_day and bool(spec.days_of_month) and bool(spec.weekdays)
    return (
        tuple(sorted(spec.minutes)),
        tuple(sorted(spec.hours)),
        spec.days_of_month,
        spec.months,
        spec.weekdays,
        either,
    )
