"""When the Slack adapter serves HTTP, the panel is on its server and port (plcbot run mounts
it there): its pages answer beside Slack's events, which keep working, CSRF-free as Slack signs
them; the demo login is off because platform credentials are set."""

from __future__ import annotations

import aiohttp

from bot.config import Config
from platform_fakes.slack.fake_slack import FakeSlack
from plcbot.panel import mount_on
from tests.slack.conftest import running
from tests.slack.driver import SECRET
from tests.slack.reading import readable

ENV = {
    "SLACK_SIGNING_SECRET": SECRET,
    "SLACK_BOT_TOKEN": "xoxb-1",
    "SLACK_CLIENT_ID": "1234.5678",
    "SLACK_CLIENT_SECRET": "s3cret",
}


class Holder:
    mount = None


async def test_the_panel_answers_on_the_slack_port_beside_slack_events(fake: FakeSlack) -> None:
    holder = Holder()
    assert mount_on(holder, Config(), ENV)
    async with running(fake, mount=holder.mount) as r:
        base = f"http://127.0.0.1:{r.adapter.port}"
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/signin") as page:
                body = await page.text()
                assert page.status == 200
                assert page.headers["X-Frame-Options"] == "DENY"
                assert "Sign in with Slack" in body and "Local demo login" not in body
            async with http.get(f"{base}/me", allow_redirects=False) as page:
                assert page.status == 303 and page.headers["Location"] == "/signin"
            async with http.get(f"{base}/healthz") as health:
                assert health.status == 200 and "X-Frame-Options" not in health.headers
        reply = await r.slack.reply(
            await r.slack.command("UANA", 'team create "Grade 4 Math" America/Chicago')
        )
        assert "Grade 4 Math" in readable(reply)
