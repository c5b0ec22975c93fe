"""Slack delivers at least once; plcbot handles each delivery once. A retried event is answered
once even when the answer is a refusal (the claim is not rolled back with the refused use
case), whether the retry comes by HTTP (X-Slack-Retry-Num), over Socket Mode (retry_attempt)
or to another app instance sharing the database. A signed request replayed within Slack's
five-minute window is not executed again."""

from __future__ import annotations

import asyncio
import time
import urllib.parse
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from slack_sdk.signature import SignatureVerifier

from bot.domain import MessageRef, PostedMessage
from bot.usecases.reflections import PROMPT_DM
from platform_fakes.slack.fake_slack import FakeSlack
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeStore, FakeUnitOfWork
from tests.harness import START
from tests.slack.conftest import running
from tests.slack.driver import SECRET
from tests.slack.reading import blocks_text, readable
from tests.slack.test_commands import team_with_facilitator

NO_PROMPT = "I don't have a prompt waiting for you here"


def dm_body(event_id: str, text: str = "Nothing was asked yet.") -> dict[str, Any]:
    return {
        "token": "legacy",
        "team_id": "T1",
        "api_app_id": "A0PLCBOT",
        "event": {
            "type": "message",
            "channel": "DUTEO",
            "channel_type": "im",
            "user": "UTEO",
            "text": text,
            "ts": "9.2",
            "event_ts": "9.2",
        },
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [
            {"enterprise_id": None, "team_id": "T1", "user_id": "UBT1", "is_bot": True}
        ],
    }


def said_in_dm(fake: FakeSlack) -> list[str]:
    return [readable(blocks_text(m.blocks) or m.text) for m in fake.in_channel("DUTEO")]


@pytest.fixture
async def sql_uow(database_url: str) -> AsyncIterator[SqlUnitOfWorkFactory]:
    factory = SqlUnitOfWorkFactory(make_engine(database_url))
    yield factory
    await factory.dispose()


@pytest.mark.parametrize("mode", ["http", "socket"])
async def test_a_retried_event_whose_answer_is_a_refusal_is_answered_once(
    fake: FakeSlack, mode: str, sql_uow: SqlUnitOfWorkFactory
) -> None:
    async with running(fake, mode=mode, uow=sql_uow) as r:
        await team_with_facilitator(r.slack)
        body = dm_body("Ev0REFUSED")
        for retry in (None, 1, 2, 3):  # Slack's first delivery, then its three retries
            ack = await r.slack.send("events_api", body, retry=retry)
            assert ack.status == 200
            await fake.until(lambda: said_in_dm(fake))
        await asyncio.sleep(0.5)  # time for any second answer to show up
        said = said_in_dm(fake)
        assert len(said) == 1 and NO_PROMPT in said[0]


async def test_a_retry_that_reaches_another_app_instance_is_not_answered_again(
    fake: FakeSlack, database_url: str
) -> None:
    """Two app instances, each with its own engine (as two processes), one database."""
    token = fake.add_workspace("T1").token
    env = {"SLACK_BOT_TOKEN": token}
    first, second = (SqlUnitOfWorkFactory(make_engine(database_url)) for _ in range(2))
    try:
        async with (
            running(fake, uow=first, env=env) as a,
            running(fake, uow=second, env=env) as b,
        ):
            await team_with_facilitator(a.slack)
            body = dm_body("Ev0ELSEWHERE")
            acks = await asyncio.gather(
                a.slack.send("events_api", body),
                b.slack.send("events_api", body, retry=1),
                a.slack.send("events_api", body, retry=2),
                b.slack.send("events_api", body, retry=3),
            )
            assert [x.status for x in acks] == [200] * 4
            await fake.until(lambda: said_in_dm(fake))
            await asyncio.sleep(0.5)
            said = said_in_dm(fake)
            assert len(said) == 1 and NO_PROMPT in said[0]
    finally:
        await first.dispose()
        await second.dispose()


async def post_signed(url: str, body: str, stamp: str, signature: str) -> tuple[int, str]:
    headers = {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": stamp,
        "x-slack-signature": signature,
    }
    async with (
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session,
        session.post(f"{url}/slack/events", data=body, headers=headers) as response,
    ):
        return response.status, await response.text()


def command_body(fake: FakeSlack, user: str, text: str) -> str:
    return urllib.parse.urlencode(
        {
            "token": "legacy",
            "team_id": "T1",
            "team_domain": "school",
            "channel_id": "C1",
            "channel_name": "grade4",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/plc",
            "text": text,
            "api_app_id": "A0PLCBOT",
            "is_enterprise_install": "false",
            "response_url": fake.response_url(),
            "trigger_id": fake.new_trigger(),
        }
    )


async def test_a_replayed_signed_slash_command_is_executed_once(
    fake: FakeSlack, database_url: str
) -> None:
    token = fake.add_workspace("T1").token
    env = {"SLACK_BOT_TOKEN": token}
    first, second = (SqlUnitOfWorkFactory(make_engine(database_url)) for _ in range(2))
    try:
        async with (
            running(fake, uow=first, env=env) as a,
            running(fake, uow=second, env=env) as b,
        ):
            await team_with_facilitator(a.slack)
            body = command_body(fake, "UTEO", "reflect Fractions clicked today.")
            stamp = str(int(time.time()))
            signature = SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body)
            status, answer = await post_signed(a.slack.app_url, body, stamp, signature)
            assert status == 200 and "Saved your reflection" in answer
            for app in (a, b):  # an attacker replays it, to the same worker or another
                status, answer = await post_signed(app.slack.app_url, body, stamp, signature)
                assert status in (200, 401)
                assert "Saved" not in answer
            await asyncio.sleep(0.5)
            async with first() as uow:
                mine = await uow.reflections.by_user("slack:T1", "UTEO")
            assert [x.text for x in mine] == ["Fractions clicked today."]
    finally:
        await first.dispose()
        await second.dispose()


async def test_a_replayed_form_submission_is_not_saved_again(fake: FakeSlack) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        await r.slack.reply(await r.slack.command("UFAY", "prompt send"))
        await r.slack.command("UTEO", "reflect")
        opened = await fake.until(lambda: [v for v in fake.views if v["method"] == "views.open"])
        answers = {"text": "Once, not twice.", "visibility": "facilitators"}
        saved = await r.slack.submit("UTEO", opened[0]["view"], answers)
        assert saved.status == 200
        replayed = await r.slack.replay()
        assert replayed.status in (200, 401)
        await asyncio.sleep(0.3)
        (reflection,) = store.state.reflections.values()
        assert reflection.text == "Once, not twice." and reflection.edited_at is None
        assert len(fake.ephemerals) == 1  # one "Saved your reflection", not a second


class SlowCommit:
    """The fake unit of work, its commit taking as long as a real database's can."""

    def __init__(self, inner: FakeUnitOfWork) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def __aenter__(self) -> SlowCommit:
        await self._inner.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self._inner.__aexit__(*exc)

    async def commit(self) -> None:
        await asyncio.sleep(0.05)
        await self._inner.commit()


@pytest.mark.parametrize("mode", ["http", "socket"])
async def test_a_click_a_dm_reply_and_an_uninstall_are_saved_before_they_are_acknowledged(
    fake: FakeSlack, mode: str
) -> None:
    """Slack does not resend what it saw acknowledged: by the time the ack arrives, what the
    request changes is committed (the SIGKILL version: test_ack_after_commit.py)."""
    store = FakeStore()
    async with running(fake, mode=mode, uow=lambda: SlowCommit(store.uow())) as r:
        await team_with_facilitator(r.slack)
        await r.slack.reply(await r.slack.command("UFAY", "session open Fractions"))
        await r.slack.reply(await r.slack.command("UFAY", "prompt send"))
        (session_id,) = store.state.sessions
        delivery_id = max(store.state.deliveries)
        ref = MessageRef("DUTEO", "9.1")
        store.state.posted.append(
            PostedMessage("slack:T1", PROMPT_DM, delivery_id, ref, "UTEO", START)
        )

        ack = await r.slack.click("UTEO", {"action_id": f"plc:checkin:{session_id}:4"})
        assert ack.status == 200
        assert [c.user_id for c in store.state.checkins.values()] == ["UTEO"]

        ack = await r.slack.dm("UTEO", "Saved before the ack.")
        assert ack.status == 200
        assert [x.text for x in store.state.reflections.values()] == ["Saved before the ack."]

        ack = await r.slack.event({"type": "app_uninstalled"})
        assert ack.status == 200
        assert store.state.communities["slack:T1"].removed_at is not None
