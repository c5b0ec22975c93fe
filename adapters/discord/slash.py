"""The typed options of each `/plc` command, and the text line each one hands to the core.

A handler only rebuilds the line the grammar reads (`/plc stage set implement`); parsing,
validation and the usage text stay in the core. `TYPED` maps a grammar command name to its
handler (the admin ones are in `slash_admin`); `adapters.discord.commands` builds the Discord
tree from the grammar with them."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import Choice, Range

from adapters.discord.hooks import handlers_of
from bot.domain import CycleStage
from bot.usecases.reflections import VISIBILITY_CHOICES

ROOT = "plc"

Interaction = discord.Interaction[Any]
Callback = Callable[..., Coroutine[Any, Any, None]]

STAGES = [Choice(name=f"{s.number}. {s.value}", value=s.value) for s in CycleStage]
VISIBILITIES = [Choice(name=label, value=value) for value, label in VISIBILITY_CHOICES]
ON_OFF = [Choice(name="on", value="on"), Choice(name="off", value="off")]


async def say(interaction: Interaction, path: str, *args: str | int | None) -> None:
    words = [f"/{ROOT}", path, *(str(a) for a in args if a is not None and str(a).strip())]
    await handlers_of(interaction.client).command(interaction, " ".join(words))


@app_commands.describe(command="A command to explain, like: session open")
async def help_(interaction: Interaction, command: str | None = None) -> None:
    await say(interaction, "help", command)


@app_commands.describe(score="How you are arriving: 1 low – 5 high", word="One word, if you like")
async def checkin(
    interaction: Interaction, score: Range[int, 1, 5] | None = None, word: str | None = None
) -> None:
    await say(interaction, "checkin", score, word)


@app_commands.describe(
    text="Your reflection; leave it out to open a form", visibility="Who can read it"
)
@app_commands.choices(visibility=VISIBILITIES)
async def reflect(
    interaction: Interaction, text: str | None = None, visibility: str | None = None
) -> None:
    await say(interaction, "reflect", f"--{visibility}" if visibility else None, text)


async def norms_show(interaction: Interaction) -> None:
    await say(interaction, "norms")


async def cycle(interaction: Interaction) -> None:
    await say(interaction, "cycle")


async def me_streak(interaction: Interaction) -> None:
    await say(interaction, "me streak")


async def me_export(interaction: Interaction) -> None:
    await say(interaction, "me export")


async def me_forget(interaction: Interaction) -> None:
    await say(interaction, "me forget")


@app_commands.describe(state="on or off")
@app_commands.choices(state=ON_OFF)
async def me_reminders(interaction: Interaction, state: str) -> None:
    await say(interaction, "me reminders", state)


@app_commands.describe(topic="What the session is about")
async def session_open(interaction: Interaction, topic: str | None = None) -> None:
    await say(interaction, "session open", topic)


async def session_close(interaction: Interaction) -> None:
    await say(interaction, "session close")


async def stage_next(interaction: Interaction) -> None:
    await say(interaction, "stage next")


@app_commands.describe(stage="The stage to move the team to")
@app_commands.choices(stage=STAGES)
async def stage_set(interaction: Interaction, stage: str) -> None:
    await say(interaction, "stage set", stage)


@app_commands.describe(prompt="A prompt id, like learn-2; leave it out for the next one")
async def prompt_send(interaction: Interaction, prompt: str | None = None) -> None:
    await say(interaction, "prompt send", prompt)


@app_commands.describe(text="The norm, in the team's words")
async def norms_add(interaction: Interaction, text: str) -> None:
    await say(interaction, "norms add", text)


@app_commands.describe(number="The norm's number, as /plc norms show lists them")
async def norms_remove(interaction: Interaction, number: Range[int, 1, 99]) -> None:
    await say(interaction, "norms remove", number)


async def norms_reset(interaction: Interaction) -> None:
    await say(interaction, "norms reset")


@app_commands.describe(since="Only since this date, YYYY-MM-DD")
async def report(interaction: Interaction, since: str | None = None) -> None:
    await say(interaction, "report", f"since {since}" if since else None)


@app_commands.describe(since="Only since this date, YYYY-MM-DD (the last 30 days otherwise)")
async def reflections(interaction: Interaction, since: str | None = None) -> None:
    await say(interaction, "reflections", f"since {since}" if since else None)


TYPED: dict[str, Callback] = {
    "help": help_,
    "checkin": checkin,
    "reflect": reflect,
    "norms": norms_show,
    "cycle": cycle,
    "me streak": me_streak,
    "me export": me_export,
    "me forget": me_forget,
    "me reminders": me_reminders,
    "session open": session_open,
    "session close": session_close,
    "stage next": stage_next,
    "stage set": stage_set,
    "prompt send": prompt_send,
    "norms add": norms_add,
    "norms remove": norms_remove,
    "norms reset": norms_reset,
    "report": report,
    "reflections": reflections,
}
