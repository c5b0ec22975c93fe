"""Migration 0007_admins on a database that already holds communities: one that lost its last
admin (teams, no admin) counts as having had one, so nobody can take it over by creating a
team; a community that never had one still bootstraps; the audit log keeps its rows."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from storage.engine import make_engine
from storage.migrate import upgrade
from storage.tables import metadata
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness, reply_text
from tests.storage.databases import run_sync_on
from tests.storage.samples import T0

communities, members, teams, audit = (
    metadata.tables[name] for name in ("communities", "members", "teams", "audit_log")
)
LOST, KEPT, NEW = "console:LOST", "console:KEPT", "console:NEW"


def _history_at_0006(connection: Connection) -> None:
    for cid in (LOST, KEPT, NEW):
        platform, _, external = cid.partition(":")
        connection.execute(
            insert(communities).values(
                id=cid, platform=platform, external_id=external, created_at=T0
            )
        )
    team_id = connection.scalar(
        insert(teams).returning(teams.c.id).values(
            community_id=LOST, channel_id="C1", name="Grade 4 math", timezone="UTC",
            language="en", stage="analyze", cycle=1, stage_started_at=T0, created_at=T0,
            created_by="ana",
        )
    )  # fmt: skip
    people = [(LOST, "mal", False), (KEPT, "ana", True), (NEW, "mal", False)]
    for cid, user, admin in people:
        connection.execute(
            insert(members).values(
                community_id=cid, user_id=user, is_admin=admin, reminders=True, joined_at=T0
            )
        )
    connection.execute(
        insert(audit).values(
            community_id=LOST, reader_id="ana", team_id=team_id, what="reflections", count=2, at=T0
        )
    )


async def test_a_community_that_lost_its_last_admin_before_0007_cannot_be_taken_over(
    empty_database_url: str,
) -> None:
    await upgrade(empty_database_url, "0006")
    await run_sync_on(empty_database_url, _history_at_0006)
    await upgrade(empty_database_url)
    had = await run_sync_on(
        empty_database_url,
        lambda c: dict(c.execute(select(communities.c.id, communities.c.had_admin)).all()),
    )
    assert had == {LOST: True, KEPT: True, NEW: False}
    kept = await run_sync_on(
        empty_database_url, lambda c: c.execute(select(audit.c.reader_id)).all()
    )
    assert [tuple(row) for row in kept] == [("ana",)]

    factory = SqlUnitOfWorkFactory(make_engine(empty_database_url))
    try:
        lost = Harness(factory, community="LOST")
        took = await lost.say("mal", "/plc team create Takeover", channel="C2")
        assert not took.ok and "Only an admin" in reply_text(took)
        new = Harness(factory, community="NEW")
        assert "first admin" in reply_text(await new.say("mal", "/plc team create Science"))
    finally:
        await factory.dispose()
