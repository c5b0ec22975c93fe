"""The fake Discord keeps Discord's rules, so the adapter's tests mean something: checked here
with plain HTTP requests, no discord.py in between."""

from __future__ import annotations

import time
from typing import Any

import aiohttp

from platform_fakes.discord.fake_discord import FakeDiscord
from platform_fakes.discord.fake_interactions import Interaction
from platform_fakes.discord.fake_payloads import snowflake, token

ANSWER = {"type": 4, "data": {"content": "ok", "flags": 64}}


def pending(fake: FakeDiscord, *, age: float = 0.0) -> Interaction:
    guild = fake.add_guild("Rules")
    interaction = Interaction(snowflake(), token(), 2, guild.id, guild.channels[0], 1, {})
    interaction.created = time.monotonic() - age
    fake.interactions[interaction.id] = interaction
    return interaction


async def call(fake: FakeDiscord, method: str, path: str, body: Any = None) -> tuple[int, Any, str]:
    headers = {"Authorization": f"Bot {fake.token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, fake.api_base + path, json=body, headers=headers) as response,
    ):
        return (
            response.status,
            await response.json(content_type=None),
            response.headers["Content-Type"],
        )


async def test_a_first_response_after_3_seconds_is_unknown_interaction(fake: FakeDiscord) -> None:
    late = pending(fake, age=3.1)
    status, body, _ = await call(
        fake, "POST", f"/interactions/{late.id}/{late.token}/callback", ANSWER
    )
    assert (status, body["code"]) == (404, 10062)


async def test_only_one_initial_response_per_interaction_is_accepted(fake: FakeDiscord) -> None:
    interaction = pending(fake)
    path = f"/interactions/{interaction.id}/{interaction.token}/callback"
    assert (await call(fake, "POST", path, ANSWER))[0] == 200
    status, body, _ = await call(fake, "POST", path, ANSWER)
    assert (status, body["code"]) == (400, 40060)


async def test_a_follow_up_needs_a_response_first_and_comes_within_15_minutes(
    fake: FakeDiscord,
) -> None:
    interaction = pending(fake)
    webhook = f"/webhooks/{fake.app_id}/{interaction.token}"
    assert (await call(fake, "POST", webhook, {"content": "too soon"}))[0] == 404
    await call(
        fake, "POST", f"/interactions/{interaction.id}/{interaction.token}/callback", {"type": 5}
    )
    assert (await call(fake, "POST", webhook, {"content": "in time"}))[0] == 200
    interaction.created -= 15 * 60
    status, body, _ = await call(fake, "POST", webhook, {"content": "too late"})
    assert (status, body["code"]) == (404, 10015)


async def test_content_embeds_and_modal_inputs_over_discords_limits_are_refused(
    fake: FakeDiscord,
) -> None:
    channel = fake.add_guild("Limits").channels[0]
    path = f"/channels/{channel}/messages"
    assert (await call(fake, "POST", path, {"content": "x" * 2000}))[0] == 200
    assert (await call(fake, "POST", path, {"content": "x" * 2001}))[0] == 400
    two = [{"description": "y" * 3000}, {"description": "y" * 3001}]
    assert (await call(fake, "POST", path, {"embeds": two}))[0] == 400
    text_input = {"type": 4, "custom_id": "text", "style": 2, "max_length": 4001}
    modal = {
        "custom_id": "plc:reflect:1",
        "title": "Reflect",
        "components": [{"type": 18, "label": "Your reflection", "component": text_input}],
    }
    interaction = pending(fake)
    callback = f"/interactions/{interaction.id}/{interaction.token}/callback"
    status, body, _ = await call(fake, "POST", callback, {"type": 9, "data": modal})
    assert (status, body["code"]) == (400, 50035)


async def test_a_rate_limited_call_gets_429_with_via_and_a_json_retry_after(
    fake: FakeDiscord,
) -> None:
    channel = fake.add_guild("Busy").channels[0]
    fake.rate_limit("POST", rf"/channels/{channel}/messages", times=1, retry_after=0.25)
    headers = {"Authorization": f"Bot {fake.token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{fake.api_base}/channels/{channel}/messages", json={"content": "hi"}, headers=headers
        ) as response,
    ):
        assert response.status == 429 and response.headers["Via"]
        assert (await response.json())["retry_after"] == 0.25
    status, _, content_type = await call(
        fake, "POST", f"/channels/{channel}/messages", {"content": "hi"}
    )
    assert status == 200 and content_type == "application/json"
