"""A POST's body is read before its signature is checked: one that arrives with its headers (as
Slack's do) is answered at once; one still on its way is waited for, up to BODY_SECONDS, and a
sender that never finishes it is refused (408) without holding an admission slot."""

from __future__ import annotations

import asyncio
import time
import urllib.parse

import pytest
from slack_sdk.signature import SignatureVerifier

from adapters.slack import web
from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.conftest import running
from tests.slack.driver import SECRET


def signed_request(body: str, *, sent: int | None = None) -> bytes:
    """The head of a signed command POST, and `sent` bytes of its body (all by default)."""
    stamp = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body)
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nX-Slack-Request-Timestamp: {stamp}\r\n"
        f"X-Slack-Signature: {signature}\r\nConnection: close\r\n\r\n"
    )
    return (head + body[: len(body) if sent is None else sent]).encode()


def command_body(fake: FakeSlack) -> str:
    return urllib.parse.urlencode(
        {
            "team_id": "T1",
            "channel_id": "C1",
            "user_id": "UANA",
            "command": "/plc",
            "text": "help",
            "api_app_id": "A0PLCBOT",
            "response_url": fake.response_url(),
            "trigger_id": fake.new_trigger(),
        }
    )


async def status_of(port: int, first: bytes, rest: bytes = b"", pause: float = 0.0) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(first)
        await writer.drain()
        if rest:
            await asyncio.sleep(pause)
            writer.write(rest)
            await writer.drain()
        line = await asyncio.wait_for(reader.readline(), 10)
        return int(line.split()[1])
    finally:
        writer.close()
        await writer.wait_closed()


async def test_a_body_sent_in_pieces_is_waited_for_and_one_never_finished_is_refused(
    fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "BODY_SECONDS", 0.5)
    async with running(fake) as r:
        port = r.adapter.port
        body = command_body(fake)
        assert await status_of(port, signed_request(body)) == 200  # all at once
        whole = signed_request(body)
        half = len(whole) - len(body) // 2
        # the rest 0.2 s later: still within BODY_SECONDS, answered
        assert await status_of(port, whole[:half], whole[half:], pause=0.2) == 200
        started = time.monotonic()
        assert await status_of(port, signed_request(body, sent=10)) == 408  # never finished
        assert time.monotonic() - started < 5
