"""A facilitator's `/plc reflections` on Discord when the team writes at length: the answer is
one embed (4,096 characters), and the listing's newest reflections must be in it. Found by the
school-year simulation (a Discord team whose teachers wrote a paragraph each): the embed was cut
at its end, so the newest reflections, listed last, were the ones lost."""

from __future__ import annotations

from platform_fakes.discord.fake_interactions import Interaction
from tests.discord.conftest import School

PARAGRAPH = (
    " We looked at the exit tickets together and half the class still mixes up the numerator"
    " and the denominator once the fractions are larger than one."
) * 3


async def test_the_newest_reflections_are_in_a_long_listing_and_each_one_is_named(
    school: School,
) -> None:
    writers = [school.tom, *(school.fake.add_user(f"t{n}") for n in range(5))]
    for n in range(12):
        words = f"Note N{n:02d} of the week.{PARAGRAPH}"
        said = await school.say(
            writers[n % len(writers)], "plc reflect", text=words, visibility="facilitators"
        )
        assert "Saved" in said.plain or "Posted" in said.plain

    listing: Interaction = await school.say(school.fay, "plc reflections")

    assert len(listing.text) <= 4096
    for n in range(12):  # the newest included: shortened, people's words; never left out
        assert f"N{n:02d}" in listing.plain
