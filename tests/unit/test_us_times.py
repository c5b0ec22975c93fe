"""US times in a schedule's `when` (issue 18): 12-hour times are kept as the 24-hour time
they mean, and an early time without am or pm is marked for the question."""

from __future__ import annotations

import pytest

from bot.scheduling.when import WhenError, parse_when


@pytest.mark.parametrize(
    ("text", "kept", "weekdays"),
    [
        ("3pm", "daily 15:00", set()),
        ("daily 3pm", "daily 15:00", set()),
        ("3:30pm", "daily 15:30", set()),
        ("tue 3:30 pm", "tue 15:30", {1}),
        ("weekdays 8 a.m.", "weekdays 08:00", {0, 1, 2, 3, 4}),
        ("mon,wed 12pm", "mon,wed 12:00", {0, 2}),
        ("daily 12am", "daily 00:00", set()),
    ],
)
def test_a_12_hour_time_is_kept_as_the_24_hour_time_it_means(
    text: str, kept: str, weekdays: set[int]
) -> None:
    when = parse_when(text)
    assert when.source == kept and set(when.weekdays) == weekdays and not when.ambiguous


@pytest.mark.parametrize(
    ("text", "ambiguous"),
    [("mon,wed 3:30", True), ("mon 6:59", True), ("mon 03:30", False), ("mon 7:15", False)],
)
def test_a_time_before_seven_without_am_or_pm_and_one_hour_digit_is_ambiguous(
    text: str, ambiguous: bool
) -> None:
    assert parse_when(text).ambiguous is ambiguous


@pytest.mark.parametrize("text", ["13pm", "0am", "mon 3:61pm", "mon 15", "mon 3:30m"])
def test_impossible_12_hour_times_are_refused(text: str) -> None:
    with pytest.raises(WhenError):
        parse_when(text)
