"""The fake Slack drops the Socket Mode websocket mid-stream: the real adapter (slack-bolt's
AsyncSocketModeHandler) reconnects through apps.connections.open, and no event is lost or
handled twice, including the one Slack sends again because its ack never arrived."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.domain import MessageRef, PostedMessage
from bot.usecases.reflections import PROMPT_DM
from platform_fakes.slack.fake_slack import FakeSlack
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import START
from tests.reliability.support import bounded
from tests.slack.conftest import running
from tests.slack.driver import Slack
from tests.slack.reading import blocks_text, readable
from tests.slack.test_commands import team_with_facilitator
from tests.slack.test_interactions import find

TEACHERS = ("UTEO", "UMIA", "UJON", "UKAI")


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqlUnitOfWorkFactory]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'plcbot.sqlite3'}"
    await upgrade(url)
    factory = SqlUnitOfWorkFactory(make_engine(url))
    yield factory
    await factory.dispose()


async def prompt_each_teacher_by_dm(uow: SqlUnitOfWorkFactory) -> None:
    """Record the prompt as DMed to each teacher (as the scheduler does), so a DM back to the
    bot is that teacher's reflection."""
    async with uow() as u:
        (delivery,) = await u.deliveries.list("slack:T1", 1)
        for user in TEACHERS:
            ref = MessageRef(f"D{user}", "9.1")
            await u.posted.add(PostedMessage("slack:T1", PROMPT_DM, delivery.id, ref, user, START))
        await u.commit()


def dm_event(slack: Slack, user: str, words: str, event_id: str) -> dict[str, Any]:
    event = {
        "type": "message",
        "channel": f"D{user}",
        "channel_type": "im",
        "user": user,
        "text": words,
        "ts": f"10.{event_id[-4:]}",
    }
    return slack.event_body(event, event_id=event_id)


async def reflections_by(uow: SqlUnitOfWorkFactory) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    async with uow() as u:
        for user in TEACHERS:
            out[user] = [r.text for r in await u.reflections.by_user("slack:T1", user)]
    return out


@pytest.mark.parametrize(
    "notice", [None, "refresh_requested"], ids=["closed without notice", "refresh requested"]
)
@bounded(25)
async def test_a_dropped_socket_is_reopened_and_every_event_is_handled_exactly_once(
    store: SqlUnitOfWorkFactory,
    notice: str | None,
    fake_slack: FakeSlack,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="plcbot")
    fake = fake_slack
    async with running(fake, mode="socket", uow=store) as r:
        slack = r.slack
        await team_with_facilitator(slack)
        await slack.command("UFAY", "prompt send")
        await fake.until(lambda: find(fake, "Reflection prompt"))
        await prompt_each_teacher_by_dm(store)
        assert len(fake.calls_to("apps.connections.open")) == 1

        # before the drop: delivered, acked, handled
        ack = await slack.send("events_api", dm_event(slack, "UTEO", "Before.", "EvB0001"))
        assert ack.status == 200
        await fake.until(lambda: fake.in_channel("DUTEO"))

        # mid-stream: an event goes out and the socket drops before Slack sees its ack
        lost = dm_event(slack, "UMIA", "As it dropped.", "EvL0002")
        await fake.push_without_waiting("events_api", lost)
        await fake.drop(notice=notice)

        await fake.connected(within=10)  # the app came back by itself
        assert len(fake.calls_to("apps.connections.open")) == 2

        # Slack sends the unacked event again on the new socket (same event_id), and
        # the stream goes on: another teacher's DM, and a slash command
        retried = await slack.send("events_api", lost, retry=1)
        after = await slack.send("events_api", dm_event(slack, "UJON", "After.", "EvA0003"))
        assert (retried.status, after.status) == (200, 200)
        norms = await slack.command("UKAI", "norms")
        assert "norms" in readable(await slack.reply(norms)).lower()

        for user in ("UMIA", "UJON"):
            await fake.until(lambda user=user: fake.in_channel(f"D{user}"))
        await asyncio.sleep(0.5)  # time for a duplicate to show up, if there were one

        assert await reflections_by(store) == {
            "UTEO": ["Before."],
            "UMIA": ["As it dropped."],
            "UJON": ["After."],
            "UKAI": [],
        }
        # both deliveries of the lost-ack event reached the core; it handled one
        duplicates = [r for r in caplog.records if "duplicate delivery" in r.getMessage()]
        assert len(duplicates) == 1
        for user in ("UTEO", "UMIA", "UJON"):
            (said,) = fake.in_channel(f"D{user}")  # one answer each, none twice
            assert "Saved your reflection" in readable(blocks_text(said.blocks))
