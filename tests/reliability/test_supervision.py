"""`plcbot run` with Slack (Socket Mode) and Discord in one process, against both wire fakes:
one platform's failure never stops the other, a failed adapter is restarted after a pause, and
SIGTERM or SIGINT ends the process within 10 s in every state, including while Socket Mode
keeps retrying an unreachable Slack."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from platform_fakes.discord.fake_discord import FakeDiscord
from platform_fakes.slack.fake_slack import FakeSlack
from tests.discord.test_older_payloads import as_in_discords_published_example, older_slash
from tests.reliability.plcbot_process import PlcbotRun, free_port
from tests.reliability.support import bounded
from tests.slack.driver import Slack
from tests.slack.reading import readable

APP_TOKEN = "xapp-1-A0PLCBOT-1-test"
SIGNALS = [signal.SIGTERM, signal.SIGINT]


async def slack_help(slack: Slack) -> str:
    return readable(await slack.reply(await slack.command("UANA", "help")))


async def discord_help(fake: FakeDiscord, user: int, channel: int) -> str:
    return (await fake.answered(await fake.slash("plc help", user, channel))).plain


@bounded(55)
async def test_a_discord_failure_restarts_discord_only_and_slack_never_stops_answering(
    tmp_path: Path, fake_slack: FakeSlack, fake_discord: FakeDiscord
) -> None:
    workspace = fake_slack.add_workspace("T1")
    channel = fake_discord.add_guild("Lincoln").channels[0]
    tom = fake_discord.add_user("tom")
    env = {
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_BOT_TOKEN": workspace.token,
        "SLACK_API_URL": fake_slack.api_url,
        "DISCORD_TOKEN": fake_discord.token,
    }
    run = await PlcbotRun.start(
        tmp_path, env, discord_api=fake_discord.api_base, discord_gateway=fake_discord.gateway_url
    )
    slack = Slack(fake_slack, "socket", team="T1")
    try:
        await fake_slack.connected(within=20)
        await fake_discord.connected(1, within=20)
        assert "/plc checkin" in await slack_help(slack)

        # an interaction in the shape of Discord's published example is answered as usual
        older = await older_slash(
            fake_discord, "plc help", as_in_discords_published_example, by=tom, where=channel
        )
        assert "/plc checkin" in (await fake_discord.answered(older)).plain
        assert "/plc checkin" in await discord_help(fake_discord, tom, channel)

        # a gateway frame discord.py cannot decode ends its client; Slack goes on regardless
        session = fake_discord.gateway.sessions[-1]
        assert session.ws is not None
        await session.ws.send_str("this is not JSON")
        await run.logged("the discord adapter failed; restarting it")
        assert "/plc checkin" in await slack_help(slack)

        await fake_discord.connected(2, within=20)  # the Discord adapter came back by itself
        assert "/plc checkin" in await discord_help(fake_discord, tom, channel)
        assert "/plc checkin" in await slack_help(slack)
        assert len(fake_slack.calls_to("apps.connections.open")) == 1  # Slack never restarted

        seconds = await run.terminate(signal.SIGTERM)
        assert run.proc.returncode == 0, run.tail
        assert seconds < 10
    finally:
        await slack.close()
        await run.kill()


@pytest.mark.parametrize("sig", SIGNALS, ids=["SIGTERM", "SIGINT"])
@bounded(55)
async def test_a_signal_while_socket_mode_cannot_reach_slack_stops_plcbot_within_10_s(
    tmp_path: Path, sig: int
) -> None:
    unreachable = f"http://127.0.0.1:{free_port()}/api/"
    env = {
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_BOT_TOKEN": "xoxb-T1-unreachable",
        "SLACK_API_URL": unreachable,
    }
    run = await PlcbotRun.start(tmp_path, env)
    try:
        await run.logged("Failed to connect")  # slack_sdk is retrying, and would for ever
        seconds = await run.terminate(sig, within=10)
        assert run.proc.returncode == 0, run.tail
        assert seconds < 10
    finally:
        await run.kill()


@pytest.mark.parametrize("sig", SIGNALS, ids=["SIGTERM", "SIGINT"])
@bounded(55)
async def test_a_signal_while_socket_mode_reconnects_to_a_vanished_slack_stops_plcbot_within_10_s(
    tmp_path: Path, sig: int
) -> None:
    fake = await FakeSlack().start()
    env = {
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_BOT_TOKEN": fake.add_workspace("T1").token,
        "SLACK_API_URL": fake.api_url,
    }
    run = await PlcbotRun.start(tmp_path, env)
    try:
        await fake.connected(within=20)
        await fake.stop()  # Slack goes away: the socket closes, and reconnecting fails
        # The socket is gone and the client is reconnecting to nobody (its log lines are
        # redacted, so give it a moment rather than wait for their words).
        await asyncio.sleep(3)
        assert run.proc.returncode is None, run.tail
        seconds = await run.terminate(sig, within=10)
        assert run.proc.returncode == 0, run.tail
        assert seconds < 10
    finally:
        await run.kill()


@bounded(55)
async def test_a_signal_while_discord_cannot_be_reached_stops_plcbot_within_10_s(
    tmp_path: Path,
) -> None:
    unreachable = f"http://127.0.0.1:{free_port()}"
    env = {"DISCORD_TOKEN": "a-token"}
    run = await PlcbotRun.start(
        tmp_path,
        env,
        discord_api=f"{unreachable}/api/v10",
        discord_gateway=f"{unreachable.replace('http', 'ws')}/gateway",
    )
    try:
        await run.logged("the Discord connection failed")  # backing off before the next login
        seconds = await run.terminate(signal.SIGTERM, within=10)
        assert run.proc.returncode == 0, run.tail
        assert seconds < 10
    finally:
        await run.kill()


@bounded(55)
async def test_a_token_discord_rejects_stops_discord_alone_and_slack_keeps_answering(
    tmp_path: Path, fake_slack: FakeSlack, fake_discord: FakeDiscord
) -> None:
    env = {
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_BOT_TOKEN": fake_slack.add_workspace("T1").token,
        "SLACK_API_URL": fake_slack.api_url,
        "DISCORD_TOKEN": "a-token-discord-does-not-know",
    }
    run = await PlcbotRun.start(
        tmp_path, env, discord_api=fake_discord.api_base, discord_gateway=fake_discord.gateway_url
    )
    slack = Slack(fake_slack, "socket", team="T1")
    try:
        await run.logged("the discord adapter stopped and will not be restarted")
        assert "DISCORD_TOKEN: Discord did not accept the token" in run.log
        await fake_slack.connected(within=20)
        assert "/plc checkin" in await slack_help(slack)
        assert run.running
        assert await run.terminate(signal.SIGTERM) < 10
        assert run.proc.returncode == 0, run.tail
    finally:
        await slack.close()
        await run.kill()


@bounded(55)
async def test_plcbot_run_exits_1_once_no_platform_adapter_is_left(
    tmp_path: Path, fake_discord: FakeDiscord
) -> None:
    env = {"DISCORD_TOKEN": "a-token-discord-does-not-know"}
    run = await PlcbotRun.start(
        tmp_path, env, discord_api=fake_discord.api_base, discord_gateway=fake_discord.gateway_url
    )
    try:
        assert await asyncio.wait_for(run.proc.wait(), 30) == 1
        await run.logged("no platform adapter is left running")
        assert "Discord did not accept the token" in run.log
    finally:
        await run.kill()
