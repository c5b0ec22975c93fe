"""Team upkeep (issue 18): an archived team's schedules post nothing until it is back, and
every change of the norms is told to the team's channel."""

from __future__ import annotations

from tests.harness import Harness, reply_text
from tests.unit.test_scheduling import chicago, scheduled


async def test_an_archived_teams_schedules_post_nothing_and_resume_when_it_is_back(
    h: Harness,
) -> None:
    await scheduled(h, "norms_reminder")
    assert (await h.say("ana", "/plc team archive")).ok
    h.clock.set(chicago("2026-09-14"))
    report = await h.runner().tick()
    assert (report.posted, report.skipped) == (0, 1)
    assert (await h.say("ana", "/plc team unarchive")).ok
    h.clock.set(chicago("2026-09-15"))
    assert (await h.runner().tick()).posted == 1
    (team,) = h.store.state.teams.values()
    assert team.archived_at is None


async def test_a_teacher_cannot_archive_or_rename_a_team(h: Harness) -> None:
    await h.team_with_facilitator()
    for line in ("/plc team archive", "/plc team rename Other"):
        out = await h.say("fay", line)
        assert not out.ok and "Only an admin" in reply_text(out)
    (team,) = h.store.state.teams.values()
    assert team.archived_at is None and team.name == "Grade 4 Math"


async def test_every_change_of_the_norms_is_told_in_the_teams_channel(h: Harness) -> None:
    await h.team_with_facilitator()
    before = len(h.chat.posts_to("C1"))
    for line, said in [
        ("/plc norms add Assume good intent.", "added norm 6"),
        ("/plc norms remove 6", "removed norm 6"),
        ("/plc norms edit 1 Keep it confidential.", "reworded norm 1"),
        ("/plc norms move 1 5", "moved norm 1 to place 5"),
        ("/plc norms reset", "set the norms back to the defaults"),
    ]:
        assert (await h.say("fay", line)).ok, line
        told = h.chat.posts_to("C1")[-1].message.plain_text()
        assert f"@fay changed Grade 4 Math's working norms: {said}." in told
    assert len(h.chat.posts_to("C1")) == before + 5
