"""Failing sequences the trust property found, replayed step by step (the draws pinned), so
they stay fixed whatever seed the property itself runs with."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.property.test_trust_property import TrustMachine


class Draws:
    """Stands in for hypothesis' `data()`: hands out the values the failing run drew."""

    def __init__(self, *values: object) -> None:
        self.values: Iterator[object] = iter(values)

    def draw(self, strategy: object) -> object:
        return next(self.values)


@pytest.fixture
def machine() -> Iterator[TrustMachine]:
    m = TrustMachine()
    m.three_teams()
    m.the_promise_holds()
    yield m
    m.teardown()


def test_a_dm_after_a_second_reflection_updates_the_prompt_s_answer_only(
    machine: TrustMachine,
) -> None:
    """Seed 50934033267770940272819122689342191787: lee answers the prompt by DM, then
    `/plc reflect`s again in the channel (a new reflection, without the prompt), then DMs again:
    that updates the DM'd answer and leaves the new reflection alone."""
    machine.someone_writes_a_plain_dm(Draws("slack:G1", "lee"), waited=True)
    machine.the_promise_holds()
    machine.reflect_with_text(Draws("C3", "lee"), audience="team")
    machine.the_promise_holds()
    machine.someone_writes_a_plain_dm(Draws("slack:G1", "lee"), waited=False)
    machine.the_promise_holds()
