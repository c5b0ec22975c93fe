"""PostgreSQL stopped or unreachable while a teacher submits a reflection.

The real core over real storage (make_engine, SqlUnitOfWorkFactory, PlcBot; idle pooled
connections pinged) talks to PostgreSQL through a link on loopback that the test cuts and
restores. Rows are counted on the real server, past the link. Nothing is restarted between
the outage and the recovery: the same engine, the same bot."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from types import TracebackType
from typing import Any

import pytest

from bot.domain import Reflection
from bot.service import NOT_SAVED
from platform_fakes.slack.fake_slack import FakeSlack
from storage.engine import make_engine
from storage.uow import SqlUnitOfWork, SqlUnitOfWorkFactory
from tests.harness import Harness, reply_text
from tests.reliability.pg_link import PgLink
from tests.reliability.support import bounded, query, until
from tests.slack.conftest import running
from tests.slack.reading import blocks_text, readable
from tests.slack.test_commands import team_with_facilitator
from tests.slack.test_interactions import find

pytestmark = pytest.mark.postgres

WORDS = "The exit tickets showed me who was guessing."


@pytest.fixture
async def factory(link: PgLink) -> AsyncIterator[SqlUnitOfWorkFactory]:
    factory = SqlUnitOfWorkFactory(make_engine(link.url))
    yield factory
    await factory.dispose()


async def prompted_team(h: Harness) -> str:
    """A team with a facilitator and a prompt sent; the action id of its Reflect button."""
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc prompt send")).ok
    prompt = h.chat.posts_to("C1")[-1]
    return next(b.action.id for b in prompt.message.button_list() if b.action.name == "reflect")


async def count(url: str, table: str, user: str | None = None) -> int:
    if user is None:
        return int(await query(url, f"SELECT count(*) FROM {table}"))
    return int(await query(url, f"SELECT count(*) FROM {table} WHERE user_id = $1", user))


async def open_transactions(url: str) -> int:
    """Backends of this database still inside a transaction (other than the one asking)."""
    return int(
        await query(
            url,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'",
        )
    )


def shared_by(h: Harness, user: str) -> list[str]:
    return [s.text for s in h.chat.posts_to("C1") if f"@{user} shared a reflection" in s.text]


def said_nothing_was_saved(reply: str) -> bool:
    return reply == NOT_SAVED and "nothing was saved" in reply and "try again" in reply


@bounded(20)
async def test_a_reflection_submitted_while_the_database_is_down_is_refused_politely_and_the_next_one_saves_once_it_is_back(
    link: PgLink, factory: SqlUnitOfWorkFactory, pg_url: str
) -> None:
    h = Harness(factory)
    reflect = await prompted_team(h)
    assert (await h.submit("tia", reflect, {"text": "Mine.", "visibility": "team"})).ok
    assert await count(pg_url, "reflections") == 1  # the pool now holds live connections

    link.cut()  # the server stops answering: open connections die, new ones are refused
    started = time.monotonic()
    refused = await h.submit("uma", reflect, {"text": WORDS, "visibility": "team"})
    assert time.monotonic() - started < 5.0  # refused at once, not after a long hang
    assert not refused.ok and said_nothing_was_saved(reply_text(refused))
    assert not refused.posts and shared_by(h, "uma") == []
    # nothing half-written: not the reflection, nor the member or team role made on the way
    assert await count(pg_url, "reflections") == 1
    assert await count(pg_url, "members", "uma") == 0
    assert await count(pg_url, "team_roles", "uma") == 0
    # still down: still refused, still nothing written
    again = await h.submit("uma", reflect, {"text": WORDS, "visibility": "team"})
    assert said_nothing_was_saved(reply_text(again))

    await link.restore()  # the server is back; nothing in the bot is restarted
    connections = link.connections
    saved = await h.submit("uma", reflect, {"text": WORDS, "visibility": "team"})
    assert saved.ok and "Saved your reflection" in reply_text(saved)
    assert link.connections > connections  # a fresh connection replaced the dead pooled ones
    assert await count(pg_url, "reflections", "uma") == 1
    assert await query(pg_url, "SELECT text FROM reflections WHERE user_id = 'uma'") == WORDS
    assert len(shared_by(h, "uma")) == 1


class CutAfterTheInsert:
    """The real unit of work, whose link to the database is cut right after the reflection's
    INSERT has run on the server, before the use case's next statement: mid-transaction."""

    def __init__(self, inner: SqlUnitOfWork, link: PgLink, cuts: list[str], pg_url: str) -> None:
        self._inner, self._link, self._cuts, self._pg_url = inner, link, cuts, pg_url

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def __aenter__(self) -> CutAfterTheInsert:
        await self._inner.__aenter__()
        reflections = self._inner.reflections
        link, cuts, pg_url = self._link, self._cuts, self._pg_url

        class Cutting:
            def __getattr__(self, name: str) -> Any:
                return getattr(reflections, name)

            async def add(self, reflection: Reflection) -> Reflection:
                saved = await reflections.add(reflection)
                # the row exists inside the open transaction, and the server holds it open
                assert await reflections.get(saved.community_id, saved.id) is not None
                assert await open_transactions(pg_url) >= 1
                cuts.append(reflection.user_id)
                link.cut()
                return saved

        self._inner.reflections = Cutting()  # type: ignore[assignment]
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._inner.__aexit__(exc_type, exc, tb)


@bounded(20)
async def test_a_link_cut_between_the_statements_of_a_unit_of_work_leaves_no_partial_write(
    link: PgLink, factory: SqlUnitOfWorkFactory, pg_url: str
) -> None:
    cuts: list[str] = []
    armed = False

    def units() -> Any:
        inner = factory()
        return CutAfterTheInsert(inner, link, cuts, pg_url) if armed else inner

    h = Harness(units)
    reflect = await prompted_team(h)
    rows = await count(pg_url, "reflections")

    armed = True
    refused = await h.submit("uma", reflect, {"text": WORDS, "visibility": "team"})
    armed = False
    assert cuts == ["uma"]  # the cut did fall between the INSERT and the next statement
    assert said_nothing_was_saved(reply_text(refused))
    assert await count(pg_url, "reflections") == rows
    assert await count(pg_url, "members", "uma") == 0
    assert await count(pg_url, "team_roles", "uma") == 0

    async def rolled_back() -> bool:
        return await open_transactions(pg_url) == 0

    await until(rolled_back)  # the server let go of the dead transaction (no locks held)
    assert await count(pg_url, "reflections") == rows

    await link.restore()
    saved = await h.submit("uma", reflect, {"text": WORDS, "visibility": "team"})
    assert saved.ok and await count(pg_url, "reflections", "uma") == 1
    assert len(shared_by(h, "uma")) == 1


@bounded(20)
async def test_a_link_cut_as_the_commit_is_sent_leaves_nothing_and_the_retry_saves_once(
    link: PgLink, factory: SqlUnitOfWorkFactory, pg_url: str
) -> None:
    h = Harness(factory)
    reflect = await prompted_team(h)
    rows = await count(pg_url, "reflections")

    link.cut_at_commit("before")  # the COMMIT never reaches the server
    refused = await h.submit("uma", reflect, {"text": WORDS, "visibility": "team"})
    assert link.tripped.is_set()
    assert said_nothing_was_saved(reply_text(refused))
    assert await count(pg_url, "reflections") == rows
    assert await count(pg_url, "members", "uma") == 0

    await link.restore()
    saved = await h.submit("uma", reflect, {"text": WORDS, "visibility": "team"})
    assert saved.ok and "Saved your reflection" in reply_text(saved)
    assert await count(pg_url, "reflections", "uma") == 1
    assert len(shared_by(h, "uma")) == 1


@bounded(20)
async def test_a_commit_whose_acknowledgement_is_lost_is_not_duplicated_by_the_retry(
    link: PgLink, factory: SqlUnitOfWorkFactory, pg_url: str
) -> None:
    """The server committed, but the link died before the bot heard so: the bot cannot know
    and says it was not saved. The teacher tries again, as told: still one reflection (the
    answer to the same prompt is replaced, not added), posted to the team once."""
    h = Harness(factory)
    reflect = await prompted_team(h)

    link.cut_at_commit("after")
    unsure = await h.submit("uma", reflect, {"text": WORDS, "visibility": "team"})
    assert link.tripped.is_set()
    assert said_nothing_was_saved(reply_text(unsure))
    assert await count(pg_url, "reflections", "uma") == 1  # it did land
    assert shared_by(h, "uma") == []  # but nothing was posted on the strength of it

    await link.restore()
    retried = await h.submit("uma", reflect, {"text": WORDS, "visibility": "team"})
    assert retried.ok
    assert await count(pg_url, "reflections", "uma") == 1
    assert len(shared_by(h, "uma")) == 1


@bounded(25)
async def test_a_slack_modal_saved_while_the_database_is_down_stays_open_with_the_words_and_saves_after(
    link: PgLink, factory: SqlUnitOfWorkFactory, pg_url: str, fake_slack: FakeSlack
) -> None:
    fake = fake_slack
    async with running(fake, uow=factory) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UFAY", "prompt send")
        await fake.until(lambda: find(fake, "Reflection prompt"))
        await r.slack.command("UTEO", "reflect")  # no text: opens the form
        view = (await fake.until(lambda: fake.views))[-1]["view"]

        link.cut()
        ack = await r.slack.submit("UTEO", view, {"text": WORDS, "visibility": "team"})
        assert ack.status == 200 and ack.body["response_action"] == "errors"
        (error,) = ack.body["errors"].values()
        assert "nothing was saved" in error and "try again" in error
        assert await count(pg_url, "reflections") == 0

        await link.restore()
        ack = await r.slack.submit("UTEO", view, {"text": WORDS, "visibility": "team"})
        assert ack.body == {"response_action": "clear"}
        shared = await fake.until(lambda: find(fake, "shared a reflection"))
        assert WORDS in readable(blocks_text(shared[0].blocks))
        assert await count(pg_url, "reflections", "UTEO") == 1
        assert len(find(fake, "shared a reflection")) == 1
