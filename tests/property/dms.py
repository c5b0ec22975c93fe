"""DM replies in the trust property: nonresponder reminders go out through the real
ScheduleRunner (a `nonresponder_reminder` schedule in every team), and people answer by DM,
as a reply to the reminder or as a plain DM. A reply lands in the team whose prompt it
replies to; a plain DM lands in the team whose prompt was DMed to the person, or the bot asks
which team when several wait, and never guesses."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hypothesis import strategies as st
from hypothesis.stateful import rule

from bot.scheduling.runner import ScheduleRunner
from tests.fakes import Sent
from tests.harness import LIBRARIES

if TYPE_CHECKING:
    from tests.property.model import Model
    from tests.property.world import World

REMINDER = '/plc schedule add nonresponder_reminder "0 * * * *" UTC after 1h'
NAMED = re.compile(r"For (.+?) \(")  # a DM's receipt names the team and the community


def prompt_of(sent: Sent) -> int:
    """The delivery a DM'd prompt (a reminder) is about, or 0."""
    for b in sent.message.button_list():
        if b.action.name == "reflect" and b.action.args and b.action.args[0].isdigit():
            return int(b.action.args[0])
    return 0


class DmRules:
    if TYPE_CHECKING:
        world: World
        model: Model

        def after(self) -> None: ...
        def violation(self, what: str) -> None: ...
        def person(self, data: st.DataObject, cid: str) -> str: ...
        def saved(self, *args: object) -> None: ...

    team_names: dict[tuple[str, str], str]  # (community, team name) -> channel

    def channel_of_delivery(self, cid: str, delivery: int) -> str | None:
        """The channel of the team a prompt was sent for (the prompt's own record)."""

        async def look() -> str | None:
            async with self.world.uow() as u:
                sent = await u.deliveries.get(cid, delivery)
                team = await u.teams.get(cid, sent.team_id) if sent else None
            return team.channel_id if team else None

        return self.world.run(look())

    def prompts_dmed(self, cid: str, user: str) -> list[Sent]:
        return [
            s
            for s in self.world.chat.sent
            if s.kind == "dm"
            and s.where == user
            and f"{s.community.platform}:{s.community.external_id}" == cid
            and prompt_of(s)
        ]

    @rule(hours=st.integers(1, 3))
    def hours_pass_and_reminders_go_out(self, hours: int) -> None:
        self.reminders_go_out(hours)

    def reminders_go_out(self, hours: int) -> None:
        w = self.world
        runner = ScheduleRunner(uow=w.uow, chat=w.chat, libraries=LIBRARIES, clock=w.clock)
        for _ in range(hours):
            w.clock.advance(hours=1)
            w.run(runner.tick())
        self.after()

    @rule(data=st.data(), older=st.booleans())
    def someone_replies_to_a_dmed_prompt(self, data: st.DataObject, older: bool) -> None:
        """Often to a prompt older than another team's prompt DMed to them since."""
        dms = [s for s in self.world.chat.sent if s.kind == "dm" and prompt_of(s)]
        if not dms:
            return
        crossed = [
            s
            for n, s in enumerate(dms)
            if any(
                (later.where, later.community) == (s.where, s.community)
                and self.team_of_dm(later) != self.team_of_dm(s)
                for later in dms[n + 1 :]
            )
        ]
        sent = data.draw(st.sampled_from(crossed if older and crossed else dms))
        cid = f"{sent.community.platform}:{sent.community.external_id}"
        delivery = prompt_of(sent)
        self.dm(sent.where, cid, sent, {self.channel_of_delivery(cid, delivery)}, delivery)

    def team_of_dm(self, sent: Sent) -> str | None:
        cid = f"{sent.community.platform}:{sent.community.external_id}"
        return self.channel_of_delivery(cid, prompt_of(sent))

    @rule(data=st.data(), waited=st.booleans())
    def someone_writes_a_plain_dm(self, data: st.DataObject, waited: bool) -> None:
        """Often someone a prompt was DMed to (at times by several teams)."""
        cid = data.draw(st.sampled_from(sorted(self.model.communities)))
        people = self.model.communities[cid].people
        dmed = [p for p in people if self.prompts_dmed(cid, p)]
        user = data.draw(st.sampled_from(dmed if waited and dmed else people))
        waiting = {
            self.channel_of_delivery(cid, prompt_of(s)) for s in self.prompts_dmed(cid, user)
        }
        self.dm(user, cid, None, waiting, 0)

    def dm_audience(
        self, about: Sent | None, cid: str, channel: str, user: str, delivery: int
    ) -> str | None:
        """What a DM reply is saved for: what the reminder says (facilitators). A reply to a
        prompt answered already is a new reflection, saved for the facilitators too: never
        the audience of the answer it would once have replaced."""
        answered = any(
            (old.community, old.channel, old.author, old.delivery) == (cid, channel, user, delivery)
            for old in self.model.secrets.values()
        )
        return "facilitators" if about is not None or answered else None

    def dm(
        self, user: str, cid: str, about: Sent | None, expected: set[str | None], delivery: int
    ) -> None:
        w = self.world
        token = self.model.new_secret()
        w.pending[token] = (user, cid)
        thread = about.ref if about is not None else None
        out = w.write(user, cid, None, f"By DM: {token}", thread)
        asked = out.reply is not None and "Which team" in out.reply.plain_text()
        if about is not None and asked:
            self.violation(f"{user} replied to a prompt of {expected} by DM and was asked which")
        if about is None and len(expected) > 1 and out.ok:
            self.violation(
                f"{user}'s plain DM {token} was saved although prompts of "
                f"{sorted(map(str, expected))} wait: the bot guessed instead of asking"
            )
        if out.ok and out.reply is not None:
            said = out.reply.plain_text()
            m = NAMED.search(said)
            landed = self.team_names.get((cid, m.group(1))) if m else None
            if landed is None or landed not in expected:
                self.violation(
                    f"{user}'s DM {token} landed in {landed}; it answers a prompt of "
                    f"{sorted(map(str, expected))}"
                )
            else:
                delivery = delivery or max(
                    prompt_of(s)
                    for s in self.prompts_dmed(cid, user)
                    if self.channel_of_delivery(cid, prompt_of(s)) == landed
                )
                chosen = self.dm_audience(about, cid, landed, user, delivery)
                self.saved(said, user, cid, landed, token, chosen, delivery)
        self.after()
