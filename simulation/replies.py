"""The other ways a teacher answers a prompt (Slack): the form `/plc reflect` opens without text
(views.open, then view_submission), the Reflect button on the channel's latest prompt (the same
form), and a reply in the prompt post's thread. What plcbot documents and the oracle follows:
a form shows the person's answer to that prompt and saving it replaces that answer (its words
and who reads it); a thread reply is read by the whole team, and one to a prompt the person has
answered already is a new reflection, the first is never lost."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from platform_fakes.slack.fake_slack import FakeSlack
from platform_fakes.slack.fake_webapi import Posted
from simulation.acts import Acts
from simulation.plan import Teacher
from simulation.slack_wire import shown_text
from simulation.world import SLACK

PROMPT_HEADINGS = ("Reflection prompt", "Closing reflection")

# The ways a teacher answers, on Slack, in the order each goes round them (`how`); the console
# and Discord keep the command. "thread twice": a second reply to the prompt just answered;
# "revise": `/plc reflect <text>`, then the form, which shows that answer, to change it.
HOWS = ("command", "form", "button", "thread", "thread twice", "revise")


def how(seed: int, t: Teacher, week: int) -> str:
    """Each Slack teacher goes round the ways week by week, from a place the seed and their
    number give: a month of a few teachers meets every way (a weighted draw left a month of
    one Slack team without a thread reply for some seeds)."""
    if t.community != SLACK:
        return "command"
    number = int("".join(ch for ch in t.user if ch.isdigit()) or 0)
    return HOWS[(seed + number + week) % len(HOWS)]


class TopLevel:
    """The fake Slack's posts outside threads, channel by channel, in the order posted:
    indexed as they arrive (a post's channel and thread never change; its blocks may, so
    those are read when asked), so a look for a channel's latest prompt reads that channel's
    posts only, not every post of the year since (issue 20)."""

    def __init__(self) -> None:
        self.read = 0
        self.posts: dict[str, list[Posted]] = {}

    def of(self, messages: list[Posted], channel: str) -> list[Posted]:
        if len(messages) < self.read:  # another list: indexed again
            self.read, self.posts = 0, {}
        for m in messages[self.read :]:
            if not m.thread_ts:
                self.posts.setdefault(m.channel, []).append(m)
        self.read = len(messages)
        return self.posts.get(channel, [])


INDEXED: WeakKeyDictionary[FakeSlack, TopLevel] = WeakKeyDictionary()


def latest_prompt(acts: Acts, channel: str) -> tuple[str, str] | None:
    """The channel's latest prompt post as a person finds it, by its heading (a session's card
    has a Reflect button too, but its thread is not a prompt's): (its ts, its Reflect button)."""
    fake = acts.world.slack.fake
    for m in reversed(INDEXED.setdefault(fake, TopLevel()).of(fake.messages, channel)):
        if m.channel != channel or m.thread_ts:
            continue
        if not shown_text(m.blocks, m.text).startswith(PROMPT_HEADINGS):
            continue
        buttons = [
            str(e.get("value") or e.get("action_id", "").split("#", 1)[0])
            for b in m.blocks
            if b.get("type") == "actions"
            for e in b.get("elements", [])
        ]
        reflect = next((b for b in buttons if b.startswith("plc:reflect:")), None)
        if reflect is not None:
            return m.ts, reflect
    return None


async def reflect_by(acts: Acts, t: Teacher, visibility: str, way: str) -> None:
    if t.user in acts.gone:
        return
    prompt = latest_prompt(acts, t.team)
    if way == "command" or (way != "form" and prompt is None):
        await acts.reflect(t, visibility)
    elif way.startswith("thread"):
        assert prompt is not None
        await thread_reply(acts, t, prompt[0])
        if way == "thread twice":
            await thread_reply(acts, t, prompt[0])
    elif way == "revise":
        await acts.reflect(t, visibility)
        await by_form(acts, t, "private" if visibility != "private" else "team", None)
    else:
        await by_form(acts, t, visibility, None if way == "form" else prompt)


async def by_form(acts: Acts, t: Teacher, visibility: str, prompt: tuple[str, str] | None) -> None:
    world = acts.world
    if prompt is None:
        seen = await world.say(t.community, t.user, t.team, "/plc reflect")
    else:
        seen = await world.press(t.community, t.user, t.team, prompt[1])
    view = world.slack.forms.pop(t.user, None)
    got = "a form" if view is not None else "\n".join(s.text for s in seen)[:300]
    if not acts.expect("reflection form opens", t.user, "a form", got) or view is None:
        return
    token = acts.written(t, visibility, via="form")
    values = fill(view, f"On second thought {token} is what stays with me.", visibility)
    seen = await world.submit(t.user, view, values)
    acts.answered("reflect by form", t.user, seen, "Saved", "saved", "Posted", "posted", "Updated")


def fill(view: dict[str, Any], words: str, visibility: str) -> dict[str, Any]:
    """The form's state with `words` in its text box and `visibility` chosen."""
    values: dict[str, Any] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element = block["element"]
        if element["type"] == "plain_text_input":
            state: dict[str, Any] = {"type": "plain_text_input", "value": words}
        else:
            option = next(o for o in element["options"] if o["value"] == visibility)
            state = {"type": element["type"], "selected_option": option}
        values[block["block_id"]] = {element["action_id"]: state}
    return values


async def thread_reply(acts: Acts, t: Teacher, ts: str) -> None:
    token = acts.written(t, "team", via="thread")
    seen = await acts.world.in_thread(t.user, t.team, ts, f"Replying here: {token} for all.")
    acts.answered("reflect in thread", t.user, seen, "Saved", "saved", "Posted", "posted")
