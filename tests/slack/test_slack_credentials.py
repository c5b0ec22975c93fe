"""Micro-credential portfolios on Slack, at the wire: a file a teacher DMs the bot with
`credential add <id> <part>` is fetched with the bot's token and kept as an artifact with its
name, type and size; the exported package arrives as a file upload in their DM."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from platform_fakes.slack.fake_slack import FakeSlack
from tests.fakes import FakeStore
from tests.slack.conftest import running
from tests.slack.reading import blocks_text, readable
from tests.slack.test_commands import team_with_facilitator

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def said_to(fake: FakeSlack, words: str) -> list[Any]:
    found = [m for m in fake.in_channel("DUTEO") if words in readable(blocks_text(m.blocks))]
    return found + [e for e in fake.ephemerals if words in readable(blocks_text(e["blocks"]))]


async def test_a_file_sent_in_a_dm_becomes_an_artifact_and_the_package_is_uploaded(
    fake: FakeSlack,
) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        await r.slack.reply(await r.slack.command("UTEO", "credential start formative-data"))
        shared = fake.shared_file("exit ticket.png", "image/png", PNG)
        sent = await r.slack.event(
            {
                "type": "message",
                "channel": "DUTEO",
                "channel_type": "im",
                "user": "UTEO",
                "text": "credential add formative-data 2 the exit ticket, sorted",
                "ts": "1700000000.000100",
                "files": [shared],
            }
        )
        assert sent.status == 200
        await fake.until(lambda: said_to(fake, "Added to part 2"))
        (kept,) = store.state.evidence.values()
        assert (kept.file_name, kept.file_type, kept.file_size) == (
            "exit ticket.png",
            "image/png",
            len(PNG),
        )
        assert kept.content == PNG and kept.text == "the exit ticket, sorted"
        assert fake.calls_to("files.download")

        await r.slack.command("UTEO", "credential export formative-data")
        (package,) = await fake.until(
            lambda: [f for f in fake.files.values() if f["channel"] == "DUTEO"]
        )
        z = zipfile.ZipFile(io.BytesIO(package["content"]))
        assert z.read("artifacts/01-exit-ticket.png") == PNG
        assert (
            json.loads(z.read("evidence.json"))["evidence"][0]["id"]
            == "artifacts/01-exit-ticket.png"
        )


async def test_a_file_slack_will_not_give_the_bot_saves_nothing(fake: FakeSlack) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        await r.slack.reply(await r.slack.command("UTEO", "credential start formative-data"))
        shared = fake.shared_file("plan.pdf", "application/pdf", b"%PDF-1.7")
        fake.files[shared["id"]]["shared"] = False  # Slack answers with its sign-in page
        await r.slack.event(
            {
                "type": "message",
                "channel": "DUTEO",
                "channel_type": "im",
                "user": "UTEO",
                "text": "credential add formative-data 3",
                "ts": "1700000000.000200",
                "files": [shared],
            }
        )
        await fake.until(lambda: said_to(fake, "could not fetch that file"))
        assert store.state.evidence == {}
