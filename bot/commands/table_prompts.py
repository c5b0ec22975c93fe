"""The `/plc prompt` commands of the grammar's table: see, send, add and retire prompts."""

from __future__ import annotations

from bot.commands import arguments as a
from bot.commands import arguments_records as r
from bot.commands import intents as i
from bot.commands.spec import Spec
from bot.i18n import N_

PROMPT_COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("prompt", "list"),
        N_("[stage]"),
        "analyze",
        N_(
            "Show the reflection prompts of a stage, numbered (the team's stage unless you name one)."
        ),
        i.PromptList,
        r.prompt_list,
    ),
    Spec(
        ("prompt", "send"),
        N_("[number|prompt-id]"),
        "2",
        N_("Send a reflection prompt to the team now (a number from `/plc prompt list`)."),
        i.PromptSend,
        a.prompt_send,
        details=N_(
            "Without a number the next prompt of the team's stage comes round. A number "
            "counts in `/plc prompt list` for the team's current stage; an id such as learn-2 or "
            "team-7 sends that prompt whatever the stage."
        ),
    ),
    Spec(
        ("prompt", "add"),
        N_("<stage> <text>"),
        N_("implement What did one student do differently this week?"),
        N_("Add the team's own prompt to a stage."),
        i.PromptAdd,
        r.prompt_add,
    ),
    Spec(
        ("prompt", "retire"),
        N_("<team-id>"),
        "team-7",
        N_("Stop using one of the team's own prompts (answers to it are kept)."),
        i.PromptRetire,
        r.prompt_retire,
    ),
)
