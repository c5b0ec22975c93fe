"""Dates said in the reader's language (bot.day_words), and `when` read in Spanish too
(issue 16): English output stays byte for byte what strftime gave."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from datetime import date, datetime

import pytest

from bot.day_words import date_text, time_text
from bot.i18n import register, speaking, unregister
from bot.scheduling.when import WhenError, parse_when
from tests.spanish import spanish

SAT = date(2027, 10, 2)
THIS_YEAR = date(2027, 1, 5)
LAST_YEAR = date(2026, 11, 26)

# Every format the code hands date_text (grep date_text/day_text in bot/): English as strftime
ENGLISH = [
    ("%a %-d %b", "Sat 2 Oct"),
    ("%A %-d %B", "Saturday 2 October"),
    ("%a %d %b", "Sat 02 Oct"),
    ("%d %b", "02 Oct"),
]


@pytest.fixture
def es() -> Iterator[None]:
    with spanish("lang"), speaking("es"):
        yield


@pytest.mark.parametrize(("fmt", "said"), ENGLISH)
def test_english_dates_are_strftimes_own(fmt: str, said: str) -> None:
    assert date_text(SAT, THIS_YEAR, fmt) == said
    assert date_text(SAT, LAST_YEAR, fmt) == f"{said} 2027"
    assert date_text(SAT, THIS_YEAR) == "Sat 2 Oct"


@pytest.mark.parametrize(
    ("fmt", "said"),
    [
        ("%a %-d %b", "sáb, 2 oct"),
        ("%A %-d %B", "sábado, 2 de octubre"),
        ("%a %d %b", "sáb, 2 oct"),
        ("%d %b", "2 oct"),
    ],
)
def test_spanish_dates_have_spanish_names_in_spanish_order(es: None, fmt: str, said: str) -> None:
    assert date_text(SAT, THIS_YEAR, fmt) == said


def test_a_spanish_date_in_another_year_says_the_year_the_spanish_way(es: None) -> None:
    assert date_text(SAT, LAST_YEAR, "%A %-d %B") == "sábado, 2 de octubre de 2027"
    assert date_text(SAT, LAST_YEAR, "%a %-d %b") == "sáb, 2 oct 2027"


def test_a_time_of_day_is_24_hour_in_every_language(es: None) -> None:
    at = datetime(2027, 3, 3, 15, 5)
    assert time_text(at) == "15:05"
    assert date_text(at, THIS_YEAR, "%a %d %b %H:%M") == "mié, 3 mar 15:05"


def test_a_format_with_a_field_nobody_mapped_says_so(es: None) -> None:
    with pytest.raises(ValueError, match="%j"):
        date_text(SAT, THIS_YEAR, "%j")


@pytest.mark.parametrize(
    ("said", "weekdays", "hour"),
    [
        ("lun,mié 15:30", {0, 2}, 15),
        ("lun,mie 15:30", {0, 2}, 15),
        ("lunes 08:00", {0}, 8),
        ("miércoles 15:30", {2}, 15),
        ("Miercoles 3pm", {2}, 15),
        ("mié 15:30", {2}, 15),
        ("jue,vie 07:45", {3, 4}, 7),
        ("sáb 10:00", {5}, 10),
        ("sab 10:00", {5}, 10),
        ("sábado 10:00", {5}, 10),
        ("dom 09:00", {6}, 9),
        ("domingo 09:00", {6}, 9),
        ("martes 16:00", {1}, 16),
        ("lun-vie 07:30", {0, 1, 2, 3, 4}, 7),
        ("vie-lun 07:30", {4, 5, 6, 0}, 7),
        ("laborables 08:00", {0, 1, 2, 3, 4}, 8),
        ("mon,mié 15:30", {0, 2}, 15),
    ],
)
def test_spanish_day_names_are_read_with_or_without_accents(
    said: str, weekdays: set[int], hour: int
) -> None:
    when = parse_when(said)
    assert set(when.weekdays) == weekdays and when.hours == (hour,)


def test_daily_in_spanish_posts_every_day() -> None:
    assert parse_when("diario 16:00").weekdays == frozenset()


def test_what_is_kept_is_what_the_person_wrote() -> None:
    assert parse_when("Lun,Mié 15:30").source == "lun,mié 15:30"


def test_an_unknown_day_is_explained_in_the_language_spoken(es: None) -> None:
    with pytest.raises(WhenError, match="“lunas” no es un día"):
        parse_when("lunas 15:30")


def test_an_unknown_day_is_explained_in_english_by_default() -> None:
    with pytest.raises(WhenError, match=r"“lunas” is not a day\. Use mon, tue"):
        parse_when("lunas 15:30")


def test_a_language_cldr_does_not_know_keeps_strftimes_names() -> None:
    register("xx", gettext.NullTranslations())  # a test's pseudo-language
    try:
        with speaking("xx"):
            assert date_text(SAT, THIS_YEAR, "%A %-d %B") == "Saturday 2 October"
    finally:
        unregister("xx")
