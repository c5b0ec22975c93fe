"""Which prompt, team and community a direct message to the bot answers.

A DM carries no team, and on Discord no server either: one DM channel serves every server the
person shares with the bot. So a DM is attributed through the prompt it replies to (Discord's
message reference, a Slack thread in the DM), or, when it replies to nothing, through the
teams whose prompts the bot DMed this person. When more than one team (or server) could be
meant, the person is asked which, with a button per team: never a
guess, because a guess puts a teacher's words before another server's facilitators."""

from __future__ import annotations

from dataclasses import dataclass

from bot.cards import reflect_button
from bot.domain import CommunityRef, MessageRef, PostedKind, PromptDelivery, Team
from bot.i18n import _, fill
from bot.messages import Action, Bold, Code, Message, MessageBuilder, text
from bot.ports import UnitOfWork
from bot.text import whole_number
from bot.usecases.places import labels

CHOICES_MAX = 5  # one row of buttons, the newest teams; older ones are answered by Reply


def nowhere() -> Message:
    return text(
        *fill(
            _(
                "I can't tell which server this belongs to. Reply to a prompt I sent you, or use "
                "{command} in your team's channel."
            ),
            command=Code("/plc reflect"),
        )
    )


@dataclass(frozen=True)
class DmTarget:
    """A prompt the bot DMed the person: the one a DM may answer."""

    community_id: str
    team: Team
    delivery: PromptDelivery


async def dm_targets(
    uow: UnitOfWork,
    platform: str,
    user_id: str,
    *,
    community_id: str | None = None,
    about: MessageRef | None = None,
    delivery_id: int | None = None,
) -> list[DmTarget]:
    """What a DM from this person may answer, newest first: the prompt DM `about` refers to
    (a reply), else the latest prompt DM of each team (answered or not: an answer may be
    edited, so every team that DMed a prompt could be meant).
    `community_id` keeps to one community (Slack knows its workspace); `delivery_id` to the
    prompt a button or form names."""
    if about is not None:
        quoted = await uow.posted.dm_by_ref(platform, user_id, about)
        if quoted is not None and quoted.kind is PostedKind.PROMPT_DM:
            if community_id not in (None, quoted.community_id):
                return []
            found = await _target(uow, quoted.community_id, quoted.subject_id)
            return [found] if found else []
    targets: list[DmTarget] = []
    seen: set[tuple[str, int]] = set()
    for sent in await uow.posted.dms_to(platform, user_id, PostedKind.PROMPT_DM):
        if community_id not in (None, sent.community_id):
            continue
        if delivery_id is not None and sent.subject_id != delivery_id:
            continue
        target = await _target(uow, sent.community_id, sent.subject_id)
        if target is None or (target.community_id, target.team.id) in seen:
            continue
        seen.add((target.community_id, target.team.id))
        targets.append(target)
    return targets


async def _target(uow: UnitOfWork, community_id: str, delivery_id: int) -> DmTarget | None:
    delivery = await uow.deliveries.get(community_id, delivery_id)
    team = await uow.teams.get(community_id, delivery.team_id) if delivery else None
    if delivery is None or team is None:
        return None
    return DmTarget(community_id, team, delivery)


def which_team(targets: list[DmTarget], names: dict[str, str]) -> Message:
    """The question asked instead of guessing: one button per team, each naming its place."""
    b = MessageBuilder().para(
        Bold(_("Which team is this for?")),
        _(" You have prompts from more than one team, so nothing was saved or changed."),
    )
    b.para(
        _(
            "Reply to the prompt you are answering (use Reply on its message), use the command "
            "in your team's channel, or choose a team to answer its prompt:"
        )
    )
    b.buttons(
        *(
            reflect_button(t.delivery.id, label=f"{t.team.name} · {names[t.community_id]}")
            for t in targets[:CHOICES_MAX]
        )
    )
    return b.build()


async def dm_place(
    uow: UnitOfWork,
    platform: str,
    user_id: str,
    *,
    about: MessageRef | None = None,
    action_id: str | None = None,
) -> CommunityRef | Message:
    """The community a DM (or a command, click or form in a DM) acts in, on a platform whose
    DMs carry none: the one that sent the message it replies to or was clicked on (`about`),
    or the prompt a button or form names, or the only one with a prompt waiting. Otherwise
    what to tell the person instead of guessing."""
    action = Action.parse(action_id) if action_id else None
    named = None
    if action is not None and action.name == "reflect" and len(action.args) == 1:
        named = whole_number(action.args[0]) or None
    targets = await dm_targets(uow, platform, user_id, about=about, delivery_id=named)
    communities = list(dict.fromkeys(t.community_id for t in targets))
    if len(communities) == 1:
        return CommunityRef(platform, communities[0].partition(":")[2])
    return which_team(targets, await labels(uow, communities)) if targets else nowhere()
