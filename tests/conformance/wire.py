"""The Slack and Discord drivers of the conformance suite: the real adapters, each against its
platform's wire fake (platform_fakes/slack, platform_fakes/discord)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from bot.clock import FixedClock
from platform_fakes.discord.fake_discord import FakeDiscord
from platform_fakes.slack.fake_slack import FakeSlack
from tests.conformance.drivers import Clicked, Paced, Reply, line_of
from tests.conformance.slow import SlowWhenAsked
from tests.discord.conftest import Process, School, button, open_school
from tests.discord.test_older_payloads import as_in_discords_published_example, older_slash
from tests.fakes import FakeStore
from tests.harness import START
from tests.slack.conftest import Running, running
from tests.slack.driver import WORKING
from tests.slack.reading import blocks_text, readable
from tests.slack.reading import button as slack_button

SLACK_USERS = {"ana": "UANA", "fay": "UFAY", "tom": "UTOM"}


class SlackPlatform:
    name = "slack"

    def __init__(
        self, running: Running, store: FakeStore, slow: SlowWhenAsked, clock: FixedClock
    ) -> None:
        self.r, self.fake, self.store, self.slow = running, running.fake, store, slow
        self.clock, self.chat = clock, running.adapter.chat

    async def remind_nonresponders_after_an_hour(self) -> None:
        await self.command(
            "ana",
            "schedule add",
            kind="nonresponder_reminder",
            when="daily 17:00",
            tz="UTC",
            after="after 1h",
        )

    async def second_team_prompts(self, who: str) -> None:
        lines = [
            ("ana", 'team create "Grade 5 Science" UTC'),
            (who, "checkin 3"),
            ("ana", "schedule add nonresponder_reminder daily 19:00 UTC after 1h"),
            ("ana", "prompt send"),
        ]
        for person, line in lines:
            ack = await self.r.slack.command(
                SLACK_USERS[person], line, channel="C2", channel_name="science"
            )
            await self.r.slack.reply(ack, within=10)

    async def dm_reply_to_first_dm(self, who: str, text: str) -> None:
        """In the thread of the first DM (Slack links a DM reply to a message by its thread)."""
        user = SLACK_USERS[who]
        dms = self.fake.in_channel(f"D{user}")
        message = {"type": "message", "channel": f"D{user}", "user": user, "text": text}
        await self.r.slack.event(
            {**message, "ts": "99.1", "thread_ts": dms[0].ts, "channel_type": "im"}
        )
        await self.fake.until(lambda: len(self.fake.in_channel(f"D{user}")) > len(dms))

    async def command(self, who: str, words: str, **options: Any) -> Reply:
        ack = await self.r.slack.command(SLACK_USERS[who], line_of(words, options))
        text = readable(await self.r.slack.reply(ack, within=10))
        return Reply(text, ack.seconds, deferred=ack.text == WORKING)

    def _posts(self, words: str) -> list[Any]:
        return [m for m in self.fake.in_channel("C1") if words in blocks_text(m.blocks)]

    async def click_on_session_card(self, who: str, score: int) -> Clicked:
        await self.command("fay", "session open", topic="Fractions")
        card = (await self.fake.until(lambda: self._posts("Session open: Fractions")))[0]
        before = len(self.fake.calls_to("chat.postMessage"))
        label = next(
            readable(b["text"]["text"])
            for block in card.blocks
            if block["type"] == "actions"
            for b in block["elements"]
            if readable(b["text"]["text"]).startswith(str(score))
        )
        await self.r.slack.click(SLACK_USERS[who], slack_button(card.blocks, label), ts=card.ts)
        edits = await self.fake.until(
            lambda: [c for c in self.fake.calls_to("chat.update") if c.args["ts"] == card.ts]
        )
        # what only the clicker sees: the small form that confirms it and offers the word
        opened = await self.fake.until(
            lambda: [v for v in self.fake.views if v["method"] == "views.open"]
        )
        return Clicked(
            reply=readable(blocks_text(opened[-1]["view"]["blocks"])),
            card=readable(blocks_text(card.blocks)),
            edits=len(edits),
            new_posts=len(self.fake.calls_to("chat.postMessage")) - before,
        )

    async def submit_reflection_form(self, who: str, text: str) -> str:
        await self.command("fay", "prompt send")
        await self.r.slack.command(SLACK_USERS[who], "reflect")
        opened = (await self.fake.until(lambda: self.fake.views))[-1]["view"]
        text_block = next(
            b["block_id"]
            for b in opened["blocks"]
            if b["type"] == "input" and b["element"]["type"] == "plain_text_input"
        )
        answers = {  # the choices as the form preset them
            b["block_id"]: (b["element"].get("initial_option") or b["element"]["options"][0])[
                "value"
            ]
            for b in opened["blocks"]
            if b["type"] == "input" and "options" in b["element"]
        }
        answers[text_block] = text
        ack = await self.r.slack.submit(SLACK_USERS[who], opened, answers)
        assert isinstance(ack.body, dict) and ack.body["response_action"] == "errors", ack.body
        errors: dict[str, str] = ack.body["errors"]
        assert list(errors) == [text_block], "the error stands beside the text field"
        return errors[text_block]

    async def thread_reply_to_latest_prompt(self, who: str, text: str) -> None:
        await self.command("fay", "prompt send")
        prompt = (await self.fake.until(lambda: self._posts("Reflection prompt")))[-1]
        await self.r.slack.thread_reply(SLACK_USERS[who], "C1", prompt.ts, text)
        await self.fake.until(lambda: self.store.state.reflections)

    async def open_session_after_one_429(self, retry_after: float) -> Paced:
        self.fake.fail_next("chat.postMessage", 1, retry_after=int(retry_after))
        before = len(self.fake.calls_to("chat.postMessage"))
        await self.command("fay", "session open", topic="Fractions")
        await self.fake.until(lambda: self._posts("Session open: Fractions"))
        attempts = self.fake.calls_to("chat.postMessage")[before:]
        return Paced(
            [c.status for c in attempts],
            attempts[1].at - attempts[0].at,
            len(self._posts("Session open: Fractions")),
        )

    async def norms_with_optional_fields_missing(self, who: str) -> str:
        payload = {  # what Slack documents as always sent, and nothing more
            "team_id": self.r.slack.team,
            "channel_id": "C1",
            "user_id": SLACK_USERS[who],
            "command": "/plc",
            "text": "norms",
            "response_url": self.fake.response_url(),
            "trigger_id": self.fake.new_trigger(),
        }
        ack = await self.r.slack.send("slash_commands", payload)
        ack.response_url = payload["response_url"]
        return readable(await self.r.slack.reply(ack))


@asynccontextmanager
async def slack_platform() -> AsyncIterator[SlackPlatform]:
    fake = await FakeSlack(post_rate=50, post_burst=4).start()
    store = FakeStore()
    slow = SlowWhenAsked(store)
    clock = FixedClock(START)
    try:
        async with running(fake, uow=slow, clock=clock) as r:
            platform = SlackPlatform(r, store, slow, clock)
            await platform.command("ana", "team create", name="Grade 4 Math", tz="America/Chicago")
            await platform.command("fay", "cycle")  # roles go only to people the bot has met
            granted = await r.slack.command(
                "UANA", "role grant <@UFAY|fay> facilitator", as_sent=True
            )
            assert "is now facilitator" in readable(await r.slack.reply(granted))
            yield platform
    finally:
        await fake.stop()


DISCORD_PATHS = {"norms": "plc norms show", "cycle": "plc cycle show"}


class DiscordPlatform:
    name = "discord"

    def __init__(
        self, school: School, store: FakeStore, slow: SlowWhenAsked, clock: FixedClock
    ) -> None:
        self.school, self.fake, self.store, self.slow = school, school.fake, store, slow
        self.clock, self.chat = clock, school.process.router
        self.people = {"ana": school.ana, "fay": school.fay, "tom": school.tom}

    async def remind_nonresponders_after_an_hour(self) -> None:
        await self.command(
            "ana",
            "schedule add",
            kind="nonresponder_reminder",
            when="daily 17:00",
            timezone="UTC",
            after_hours=1,
        )

    async def second_team_prompts(self, who: str) -> None:
        science = self.school.guild.channels[1]
        said = [
            ("ana", "plc team create", {"name": "Grade 5 Science", "timezone": "UTC"}),
            (who, "plc checkin", {"score": 3}),
            (
                "ana",
                "plc schedule add",
                {
                    "kind": "nonresponder_reminder",
                    "when": "daily 19:00",
                    "timezone": "UTC",
                    "after_hours": 1,
                },
            ),
            ("ana", "plc prompt send", {}),
        ]
        for person, path, options in said:
            await self.school.say(self.people[person], path, where=science, **options)

    async def dm_reply_to_first_dm(self, who: str, text: str) -> None:
        """A reply to the first DM (Discord links a reply to its message by `reply_to`)."""
        user = self.people[who]
        channel = self.fake.dm_channel_of(user)
        before = len(self.fake.posts_in(channel))
        first = min(int(m["id"]) for m in self.fake.posts_in(channel))
        await self.fake.dm(user, text, reply_to=first)
        await self.fake.until(lambda: len(self.fake.posts_in(channel)) > before)

    async def command(self, who: str, words: str, **options: Any) -> Reply:
        path = DISCORD_PATHS.get(words, f"plc {words}")
        interaction = await self.fake.slash(path, self.people[who], self.school.channel, **options)
        await self.fake.answered(interaction, within=10)
        first = self.fake.calls_to("POST", rf"/interactions/{interaction.id}/.+/callback")[0]
        return Reply(interaction.plain, first.at - interaction.created, interaction.deferred)

    async def click_on_session_card(self, who: str, score: int) -> Clicked:
        channel = self.school.channel
        await self.command("fay", "session open", topic="Fractions")
        (card,) = [m for m in self.fake.posts_in(channel) if "Session open" in m["content"]]
        before = len(self.fake.calls_to("POST", rf"/channels/{channel}/messages"))
        answer = await self.school.click(self.people[who], card, button(card, str(score)))
        return Clicked(
            reply=answer.plain or str(answer.modal),  # the word's small form, confirming it
            card=self.fake.messages[int(card["id"])]["content"],
            edits=len(self.fake.calls_to("PATCH", rf"/channels/{channel}/messages/{card['id']}")),
            new_posts=len(self.fake.calls_to("POST", rf"/channels/{channel}/messages")) - before,
        )

    async def submit_reflection_form(self, who: str, text: str) -> str:
        await self.command("fay", "prompt send")
        opened = await self.school.say(self.people[who], "plc reflect")
        assert opened.modal is not None
        refused = await self.fake.answered(await self.fake.submit(opened, {"text": text}))
        assert refused.answer is not None and refused.ephemeral
        return refused.plain

    async def open_session_after_one_429(self, retry_after: float) -> Paced:
        route = rf"/channels/{self.school.channel}/messages"
        self.fake.rate_limit("POST", route, times=1, retry_after=retry_after)
        before = len(self.fake.calls_to("POST", route))
        await self.command("fay", "session open", topic="Fractions")
        channel = self.school.channel
        attempts = self.fake.calls_to("POST", route)[before:]
        return Paced(
            [c.status for c in attempts],
            attempts[1].at - attempts[0].at,
            len([m for m in self.fake.posts_in(channel) if "Session open" in m["content"]]),
        )

    async def norms_with_optional_fields_missing(self, who: str) -> str:
        older = await older_slash(
            self.fake,
            "plc norms show",
            as_in_discords_published_example,
            by=self.people[who],
            where=self.school.channel,
        )
        return (await self.fake.answered(older)).plain


@asynccontextmanager
async def discord_platform(fake: FakeDiscord, processes: list[Process]) -> AsyncIterator[Any]:
    store = FakeStore()
    slow = SlowWhenAsked(store)
    clock = FixedClock(START)
    school = await open_school(fake, processes, store=store, uow=slow, clock=clock)
    yield DiscordPlatform(school, store, slow, clock)
