"""The 5-field cron dialect `/plc schedule add` accepts, read strictly.

Accepted (Vixie cron's, as in cronie and Debian): numbers, `*`, ranges `a-b`, steps `*/n`,
`a-b/n` and `a/n` (from a to the field's end), lists `a,b`; the three-letter English names
jan–dec and sun–sat in their fields; 0 or 7 for Sunday. Refused, with what to write instead:
any other word (`monkey`, `jansen`), an empty or zero step (`*/`, `1/`, `*/0`), a range that
wraps (`fri-mon`: write `fri-sat,sun-mon`), and the non-standard `L`, `W`, `#`, `?`, `@daily`.

Day of month and day of week (Vixie's rule, exactly): a field that begins with `*` is
unrestricted for this rule. If either field begins with `*`, a day must match both (`0 9 */2 * 1`:
odd days that are Mondays); if neither does, a day matching either is enough (`0 9 1 * mon`:
the 1st and every Monday)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import N_, _
from bot.text import whole_number


class WhenError(ValueError):
    pass


@dataclass(frozen=True)
class CronFields:
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    days_of_month: frozenset[int]  # empty: any
    months: frozenset[int]  # empty: any
    weekdays: frozenset[int]  # cron numbers, 0 and 7 = Sunday; empty: any
    either_day: bool


@dataclass(frozen=True)
class _Field:
    what: str
    lo: int
    hi: int
    names: tuple[str, ...] = ()  # names[i] is the value lo + i
    wrap_to: int = 0  # the last value a wrapping range is split at (the field's end)

    def value(self, word: str) -> int:
        if word in self.names:
            return self.lo + self.names.index(word)
        number = whole_number(word)
        if number is None:
            if self.names:
                said = _(
                    "“{word}” is not a value of the {field} field: use {lo}–{hi} "
                    "(or {first}–{last})."
                )
            else:
                said = _("“{word}” is not a value of the {field} field: use {lo}–{hi}.")
            raise WhenError(
                said.format(
                    word=word,
                    field=_(self.what),
                    lo=self.lo,
                    hi=self.hi,
                    first=self.names[0] if self.names else "",
                    last=self.names[-1] if self.names else "",
                )
            )
        return number

    def show(self, value: int, as_name: bool) -> str:
        return self.names[value - self.lo] if as_name else str(value)


_MINUTE = _Field(N_("minute"), 0, 59, wrap_to=59)
_HOUR = _Field(N_("hour"), 0, 23, wrap_to=23)
_DOM = _Field(N_("day-of-month"), 1, 31, wrap_to=31)
_MONTH = _Field(
    N_("month"), 1, 12, tuple("jan feb mar apr may jun jul aug sep oct nov dec".split()), 12
)
_DOW = _Field(N_("day-of-week"), 0, 7, ("sun", "mon", "tue", "wed", "thu", "fri", "sat"), 6)


def _values(text: str, field: _Field) -> frozenset[int] | None:
    """The values of one cron field; None for '*' (any)."""
    if text == "*":
        return None
    values: set[int] = set()
    for part in text.split(","):
        body, slash, step_text = part.partition("/")
        step = whole_number(step_text) if slash else 1
        if not step:
            raise WhenError(
                _(
                    "“{part}” needs a step after “/” in the {field} field: "
                    "a whole number from 1, like */15."
                ).format(part=part, field=_(field.what))
            )
        if body == "*":
            start, end = field.lo, field.hi
        elif "-" in body:
            a, _dash, b = body.partition("-")
            start, end = field.value(a), field.value(b)
        else:
            start = field.value(body)
            end = field.hi if slash else start
        if not (field.lo <= start <= field.hi and field.lo <= end <= field.hi):
            raise WhenError(
                _("“{part}” is outside {lo}–{hi} in the {field} field.").format(
                    part=part, lo=field.lo, hi=field.hi, field=_(field.what)
                )
            )
        if start > end:
            raise WhenError(_wraps(part, body, field, start, end))
        values.update(range(start, end + 1, step))
    return frozenset(values)


def _wraps(part: str, body: str, field: _Field, start: int, end: int) -> str:
    as_name = body.partition("-")[0] in field.names
    top, bottom = max(start, field.wrap_to), field.lo
    first = field.show(start, as_name) + ("" if start == top else "-" + field.show(top, as_name))
    second = field.show(bottom, as_name) + ("" if end == bottom else "-" + field.show(end, as_name))
    return _(
        "“{part}” goes backwards and cron ranges cannot wrap: write “{instead}” in the {field} "
        "field."
    ).format(part=part, instead=f"{first},{second}", field=_(field.what))


def cron_fields(fields: list[str]) -> CronFields:
    minute, hour, dom, month, dow = fields
    minutes = _values(minute, _MINUTE)
    hours = _values(hour, _HOUR)
    days = _values(dom, _DOM)
    weekdays = _values(dow, _DOW)
    return CronFields(
        tuple(sorted(minutes if minutes is not None else range(60))),
        tuple(sorted(hours if hours is not None else range(24))),
        days or frozenset(),
        _values(month, _MONTH) or frozenset(),
        weekdays or frozenset(),
        either_day=not dom.startswith("*") and not dow.startswith("*"),
    )
