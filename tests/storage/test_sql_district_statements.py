"""What a district's reads cost the database as its year fills up: the community page, a
teacher's export, the district's export and `/plc reflections` send the same number of
statements after one week as after three, and the community page the same for two teams as for
four (benchmarks section 5 found each growing with the history: one read per session, per
prompt or per team)."""

from __future__ import annotations

import pytest

from bot import actions
from bot.district_export import community_export
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness
from tests.storage.test_sql_report_reads import statements
from tests.storage.test_sql_request_statements import data_statements

pytestmark = pytest.mark.sql_only  # counts the statements sent to the database


async def teams(h: Harness, channels: list[str]) -> None:
    """A team in each channel, led by fay, with a weekly check-in schedule."""
    for channel in channels:
        assert (
            await h.say("ana", f'/plc team create "Team {channel}" America/Chicago', channel)
        ).ok
        assert (await h.say("fay", "/plc cycle", channel)).ok
        assert (await h.say("ana", "/plc role grant @fay facilitator", channel)).ok
        assert (await h.say("ana", '/plc schedule add checkin "mon 15:30"', channel)).ok


async def week(h: Harness, channels: list[str]) -> None:
    """A session in each team: tia and uma check in and answer its prompt, uma privately."""
    for channel in channels:
        assert (await h.say("fay", "/plc session open Fractions", channel)).ok
        for teacher in ("tia", "uma"):
            assert (await h.say(teacher, "/plc checkin 4", channel)).ok
        assert (await h.say("fay", "/plc prompt send", channel)).ok
        assert (await h.say("tia", "/plc reflect the number line helped", channel)).ok
        assert (await h.say("uma", "/plc reflect --private not yet", channel)).ok
        h.clock.advance(minutes=60)
        assert (await h.say("fay", "/plc session close", channel)).ok
    h.clock.advance(days=7)


async def counted(uow_factory: SqlUnitOfWorkFactory, read: object) -> int:
    with statements(uow_factory) as seen:
        await read()  # type: ignore[operator]
    return len(data_statements(seen))


async def test_the_community_page_reads_every_teams_schedules_at_once(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await teams(h, ["C1", "C2"])

    async def page() -> None:
        found = await h.bot.panel.community(h.actor("ana"))
        assert not hasattr(found, "ok"), found
        assert all(len(t.schedules) == 1 for t in found)  # type: ignore[union-attr]

    two = await counted(uow_factory, page)
    await teams(h, ["C3", "C4"])
    assert await counted(uow_factory, page) == two


async def test_a_teachers_export_reads_the_same_after_three_weeks_as_after_one(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await teams(h, ["C1", "C2"])
    await week(h, ["C1", "C2"])

    async def export() -> None:
        outcome = await h.say("tia", "/plc me export")
        assert outcome.ok and outcome.posts and outcome.posts[0].files

    one = await counted(uow_factory, export)
    await week(h, ["C1", "C2"])
    await week(h, ["C1", "C2"])
    assert await counted(uow_factory, export) == one


async def test_the_district_export_reads_the_same_after_three_weeks_as_after_one(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await teams(h, ["C1", "C2"])
    await week(h, ["C1", "C2"])

    async def export() -> None:
        async with uow_factory() as uow:
            files = await community_export(uow, h.community.id, h.clock.now(), reader="cli")
            await uow.commit()
        assert any(f.name == "sessions.csv" for f in files)

    one = await counted(uow_factory, export)
    await week(h, ["C1", "C2"])
    await week(h, ["C1", "C2"])
    assert await counted(uow_factory, export) == one


async def test_reading_reflections_reads_the_same_for_three_prompts_as_for_one(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await teams(h, ["C1"])
    await week(h, ["C1"])

    async def read() -> None:
        outcome = await h.say("fay", "/plc reflections", "C1")
        assert outcome.ok and "number line" in outcome.reply.plain_text()  # type: ignore[union-attr]
        assert "not yet" not in outcome.reply.plain_text()  # type: ignore[union-attr]

    one = await counted(uow_factory, read)
    await week(h, ["C1"])
    await week(h, ["C1"])
    assert await counted(uow_factory, read) == one


async def test_forgetting_a_teacher_finds_their_shared_posts_in_one_read(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    """However many reflections they shared (each post is then withdrawn on the platform)."""
    h = Harness(uow_factory)
    await teams(h, ["C1"])
    for teacher, shared in (("tia", 1), ("vic", 3)):
        for _ in range(shared):
            assert (await h.say(teacher, "/plc reflect --team the number line helped")).ok

    async def posts_read_when_forgetting(teacher: str) -> int:
        with statements(uow_factory) as seen:
            outcome = await h.click(teacher, actions.forget(teacher).id)
        assert outcome.ok, outcome.reply
        return len([s for s in seen if s.startswith("SELECT") and "FROM posted_messages" in s])

    assert await posts_read_when_forgetting("tia") == 1
    assert await posts_read_when_forgetting("vic") == 1
