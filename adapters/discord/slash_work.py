"""The typed options of the team's work: the cycle's record and action items."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import Range

from adapters.discord.slash import Callback, Interaction, door
from bot.api import clean, one_line
from bot.api import values as v
from bot.api import work_intents as w


@app_commands.describe(
    need="The student learning need the team found",
    evidence="What it rests on: the data, links",
)
async def need_set(interaction: Interaction, need: str, evidence: str | None = None) -> None:
    await door(interaction, lambda: w.NeedSet(one_line(need), clean(evidence or "")))


async def goal_form(interaction: Interaction) -> None:
    await door(interaction, w.GoalForm)


@app_commands.describe(
    what="What students will be able to do",
    measure="How you will know",
    target="How many, how well",
    by="By when",
)
async def goal_set(
    interaction: Interaction,
    what: str | None = None,
    measure: str | None = None,
    target: str | None = None,
    by: str | None = None,
) -> None:
    fields = tuple(one_line(f or "") for f in (what, measure, target, by))
    await door(interaction, lambda: w.GoalSet(*fields))


@app_commands.describe(credential="The micro-credential's id (see /credential list), or off")
async def goal_credential(interaction: Interaction, credential: str) -> None:
    word = one_line(credential).lower()
    await door(interaction, lambda: w.GoalCredential("" if word == "off" else word))


@app_commands.describe(design="The learning design the team chose")
async def design_add(interaction: Interaction, design: str) -> None:
    await door(interaction, lambda: w.DesignAdd(one_line(design)))


@app_commands.describe(commitment="What you will try in your classroom this cycle")
async def commit(interaction: Interaction, commitment: str) -> None:
    await door(interaction, lambda: w.CommitSet(one_line(commitment)))


@app_commands.describe(
    percent="Share of your students who met the target this week", note="A note, if you like"
)
async def evidence(
    interaction: Interaction, percent: Range[int, 0, 100], note: str | None = None
) -> None:
    await door(interaction, lambda: w.EvidenceAdd(percent, one_line(note or "")))


async def cycle_close(interaction: Interaction) -> None:
    await door(interaction, w.CycleClose)


@app_commands.describe(
    owner="Who will do it", what="What is to be done", due="Due date, YYYY-MM-DD"
)
async def action_add(interaction: Interaction, owner: discord.User, what: str, due: str) -> None:
    await door(interaction, lambda: w.ActionAdd(str(owner.id), one_line(what), v.iso_date(due)))


async def action_list(interaction: Interaction) -> None:
    await door(interaction, w.ActionList)


@app_commands.describe(number="The item's number, as /plc action list shows it")
async def action_done(interaction: Interaction, number: Range[int, 1, 999_999_999]) -> None:
    await door(interaction, lambda: w.ActionDone(number))


WORK_TYPED: dict[str, Callback] = {
    "need set": need_set,
    "goal": goal_form,
    "goal set": goal_set,
    "goal credential": goal_credential,
    "design add": design_add,
    "commit": commit,
    "evidence": evidence,
    "cycle close": cycle_close,
    "action add": action_add,
    "action list": action_list,
    "action done": action_done,
}
