"""The typed options of each `/plc` command, and the intent each one hands to the core.

A handler builds the core's intent from Discord's typed values (`i.StageSet(stage(...))`) and
calls the typed door; nothing is ever turned back into `/plc` text for the grammar to read
again, so a reflection that begins with `--team` stays words. The value rules (`bot.commands.
values`) and the policy are the core's, the same as for typed text. `TYPED` maps a grammar
command name to its handler (the admin ones are in `slash_admin`); `adapters.discord.commands`
builds the Discord tree from the grammar with them."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import discord
from discord import app_commands
from discord.app_commands import Choice, Range

from adapters.discord.hooks import handlers_of
from bot.api import HIGHEST, LOWEST, VISIBILITY_CHOICES, CycleStage, Intent, clean, one_line
from bot.api import intents as i
from bot.api import values as v

ROOT = "plc"

Interaction = discord.Interaction[Any]
Callback = Callable[..., Coroutine[Any, Any, None]]
T = TypeVar("T")

STAGES = [Choice(name=f"{s.number}. {s.value}", value=s.value) for s in CycleStage]
VISIBILITIES = [Choice(name=label, value=value) for value, label in VISIBILITY_CHOICES]
ON_OFF = [Choice(name="on", value="on"), Choice(name="off", value="off")]


async def door(interaction: Interaction, build: Callable[[], Intent]) -> None:
    """Hand the core the intent `build` makes from the typed options (a value that breaks a
    rule raises bot.commands.values.Invalid, which the core answers)."""
    await handlers_of(interaction.client).intent(interaction, build)


def given(value: str | None) -> str | None:
    """An optional text option, trimmed: None when left out or blank."""
    return value.strip() if value is not None and value.strip() else None


def optional(read: Callable[[str], T], value: str | None) -> T | None:
    """An optional option read by one of the core's value rules, or None when left out."""
    text = given(value)
    return None if text is None else read(text)


@app_commands.describe(command="A command to explain, like: session open")
async def help_(interaction: Interaction, command: str | None = None) -> None:
    await door(interaction, lambda: i.Help(" ".join((command or "").lower().split()) or None))


@app_commands.describe(score="How you are arriving: 1 low – 5 high", word="One word, if you like")
async def checkin(
    interaction: Interaction,
    score: Range[int, LOWEST, HIGHEST] | None = None,
    word: str | None = None,
) -> None:
    await door(interaction, lambda: i.CheckInCmd(score, one_line(word or "") or None))


@app_commands.describe(
    text="Your reflection; leave it out to open a form", visibility="Who can read it"
)
@app_commands.choices(visibility=VISIBILITIES)
async def reflect(
    interaction: Interaction, text: str | None = None, visibility: str | None = None
) -> None:
    await door(
        interaction,
        lambda: i.Reflect(clean(text or "") or None, optional(v.visibility, visibility)),
    )


async def norms_show(interaction: Interaction) -> None:
    await door(interaction, i.ShowNorms)


async def cycle(interaction: Interaction) -> None:
    await door(interaction, i.ShowCycle)


async def me_streak(interaction: Interaction) -> None:
    await door(interaction, i.MeStreak)


async def me_export(interaction: Interaction) -> None:
    await door(interaction, i.MeExport)


async def me_forget(interaction: Interaction) -> None:
    await door(interaction, i.MeForget)


@app_commands.describe(state="on or off")
@app_commands.choices(state=ON_OFF)
async def me_reminders(interaction: Interaction, state: str) -> None:
    await door(interaction, lambda: i.MeReminders(v.on_off(state)))


@app_commands.describe(topic="What the session is about")
async def session_open(interaction: Interaction, topic: str | None = None) -> None:
    await door(interaction, lambda: i.SessionOpen(one_line(topic or "")))


async def session_close(interaction: Interaction) -> None:
    await door(interaction, i.SessionClose)


async def stage_next(interaction: Interaction) -> None:
    await door(interaction, i.StageNext)


@app_commands.describe(stage="The stage to move the team to")
@app_commands.choices(stage=STAGES)
async def stage_set(interaction: Interaction, stage: str) -> None:
    await door(interaction, lambda: i.StageSet(v.stage(stage)))


@app_commands.describe(text="The norm, in the team's words")
async def norms_add(interaction: Interaction, text: str) -> None:
    await door(interaction, lambda: i.NormsAdd(one_line(text)))


@app_commands.describe(number="The norm's number, as /plc norms show lists them")
async def norms_remove(interaction: Interaction, number: Range[int, 1, 99]) -> None:
    await door(interaction, lambda: i.NormsRemove(number))


async def norms_reset(interaction: Interaction) -> None:
    await door(interaction, i.NormsReset)


@app_commands.describe(
    from_="Only since this date, YYYY-MM-DD",
    whole_community="Every team of the server (admins)",
)
@app_commands.rename(from_="since", whole_community="all")
async def report(
    interaction: Interaction, from_: str | None = None, whole_community: bool = False
) -> None:
    kind = i.CommunityReport if whole_community else i.Report
    await door(interaction, lambda: kind(optional(v.iso_date, from_)))


@app_commands.describe(from_="Only since this date, YYYY-MM-DD (the last 30 days otherwise)")
@app_commands.rename(from_="since")
async def reflections(interaction: Interaction, from_: str | None = None) -> None:
    await door(interaction, lambda: i.ListReflections(optional(v.iso_date, from_)))


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
    "norms add": norms_add,
    "norms remove": norms_remove,
    "norms reset": norms_reset,
    "report": report,
    "reflections": reflections,
}
