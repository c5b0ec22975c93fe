"""The team upkeep commands through the real Discord adapter's typed options (issue 18)."""

from __future__ import annotations

from tests.discord.conftest import School

UPKEEP = (
    "team rename",
    "team list",
    "team archive",
    "team unarchive",
    "role list",
    "norms edit",
    "norms move",
)


async def test_the_team_upkeep_commands_answer_through_interaction_create(school: School) -> None:
    renamed = await school.say(school.ana, "plc team rename", name="Grade 4 Math PLC")
    assert "Renamed Grade 4 Math to Grade 4 Math PLC." in renamed.plain
    listed = await school.say(school.ana, "plc team list")
    assert "Grade 4 Math PLC · America/Chicago · led by" in listed.plain
    archived = await school.say(school.ana, "plc team archive")
    assert "Archived Grade 4 Math PLC." in archived.plain
    back = await school.say(school.ana, "plc team unarchive")
    assert "active again" in back.plain
    roles = await school.say(school.tom, "plc role list")
    assert "Admins:" in roles.plain and "Grade 4 Math PLC" in roles.plain
    edited = await school.say(school.fay, "plc norms edit", number=2, text="Phones away.")
    assert "Norm 2 now reads: Phones away." in edited.plain
    moved = await school.say(school.fay, "plc norms move", number=2, to=1)
    assert "Moved norm 2 to place 1" in moved.plain
    told = [m["content"] for m in school.fake.posts_in(school.channel)]
    assert any(
        "changed Grade 4 Math PLC's working norms: moved norm 2 to place 1" in t for t in told
    )
