"""Whatever breaks inside a use case is answered politely with a reference the person can quote,
the same reference is in the log, and nothing is half-written; dates far outside a school
year are refused by the grammar before they can overflow anything."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.fakes import FakeStore, FakeUnitOfWork
from tests.harness import Harness, reply_text


@pytest.mark.parametrize(
    "line",
    [
        "/plc report since 0001-01-01",
        "/plc report all since 1999-12-31",
        "/plc reflections since 9999-12-31",
        "/plc calendar off 0001-01-01..0001-01-02 Long ago",
        "/plc calendar off 2100-12-30..2101-01-02",
    ],
)
async def test_dates_before_2000_or_after_2100_are_refused_with_the_range_to_use(
    h: Harness, line: str
) -> None:
    await h.team_with_facilitator()
    out = await h.say("ana", line)
    assert not out.ok
    body = reply_text(out)
    assert "too far off: give a date from 2000-01-01 to 2100-12-31" in body
    assert "Usage:" in body


async def test_a_report_since_year_one_in_a_zone_east_of_utc_is_refused_not_crashed() -> None:
    h = Harness()
    assert (await h.say("ana", "/plc team create Math Europe/Berlin")).ok
    out = await h.say("ana", "/plc report since 0001-01-01")
    assert not out.ok and "too far off" in reply_text(out)
    assert (await h.say("ana", "/plc report since 2026-09-01")).ok


class _Broken:
    """A repository with a defect: every call raises."""

    def __getattr__(self, name: str) -> Callable[..., Awaitable[Any]]:
        async def broken(*args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("a defect nobody planned for")

        return broken


def with_broken_teams(store: FakeStore) -> Callable[[], FakeUnitOfWork]:
    def uow() -> FakeUnitOfWork:
        unit = store.uow()
        unit.teams = _Broken()  # type: ignore[assignment]
        return unit

    return uow


async def test_an_unexpected_failure_is_answered_with_a_reference_that_is_also_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    working = Harness()
    await working.team_with_facilitator()
    commits = working.store.commits
    broken = Harness(uow=with_broken_teams(working.store))
    caplog.set_level(logging.ERROR, logger="plcbot")

    out = await broken.say("ana", "/plc norms add Phones away during the lesson.")

    assert not out.ok
    body = reply_text(out)
    assert "Something went wrong on my side" in body
    found = re.search(r"reference ([0-9a-f]{8})", body)
    assert found is not None, body
    (record,) = [r for r in caplog.records if found.group(1) in r.getMessage()]
    assert record.exc_info is not None  # the stack trace is in the log, under that reference
    assert "Phones away" not in caplog.text  # the person's words are not
    assert working.store.commits == commits  # nothing was saved
    second = await broken.say("ana", "/plc norms add Again.")
    assert found.group(1) not in reply_text(second)  # every failure has its own reference
