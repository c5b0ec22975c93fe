"""A team created without a time zone is asked for one, through the real Discord adapter at the
wire (issue 18): a button on the answer, a modal with a select of common zones and a box for
any other, and the zone saved from the submission."""

from __future__ import annotations

from platform_fakes.discord.fake_discord import FakeDiscord
from tests.discord.conftest import Process, School, button, start_process


async def new_school(fake: FakeDiscord, processes: list[Process]) -> School:
    guild = fake.add_guild("Lincoln")
    users = [fake.add_user(n) for n in ("ana", "fay", "tom")]
    process = await start_process(fake)
    processes.append(process)
    return School(fake, process, guild, *users)


async def test_a_team_created_without_a_zone_is_asked_for_it_with_a_select(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    school = await new_school(fake, processes)
    created = await school.say(school.ana, "plc team create", name="Grade 4 Math")
    assert "Which time zone does the team meet in?" in created.plain
    assert created.answer is not None

    opened = await school.click(school.ana, created.answer, button(created.answer, "Choose the"))
    assert opened.modal is not None
    (select,) = [
        c["component"]
        for c in opened.modal["components"]
        if c.get("component", {}).get("type") == 3
    ]
    values = [o["value"] for o in select["options"]]
    assert len(values) <= 25 and {"America/New_York", "Europe/London"} <= set(values)

    saved = await fake.answered(await fake.submit(opened, {"zone": "America/Denver"}))
    assert "Grade 4 Math's time zone is now America/Denver" in saved.plain
    (team,) = school.process.store.state.teams.values()
    assert team.timezone == "America/Denver"


async def test_a_zone_typed_in_the_box_wins_over_the_select(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    school = await new_school(fake, processes)
    created = await school.say(school.ana, "plc team create", name="Grade 4 Math")
    assert created.answer is not None
    opened = await school.click(school.ana, created.answer, button(created.answer, "Choose the"))
    saved = await fake.answered(await fake.submit(opened, {"other": "America/Boise"}))
    assert "time zone is now America/Boise" in saved.plain
    (team,) = school.process.store.state.teams.values()
    assert team.timezone == "America/Boise"
