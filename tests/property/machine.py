"""The trust property's machine: the district it starts from, and the bookkeeping every rule
shares (the model kept from what people did and what the bot said yes to, never from storage).
The rules are mixed in by concern (rules_*.py, dms.py); the invariant is in rules_reads.py."""

from __future__ import annotations

import asyncio
import re

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize

from bot.messages import Action
from tests.property.dms import REMINDER
from tests.property.lean_store import LeanStore
from tests.property.model import Secret
from tests.property.world import CONSOLE, SLACK, Violation, World

AUDIENCES = ("private", "facilitators", "team")
WHO = {
    "only you": "private",
    "you and the team's facilitators": "facilitators",
    "the whole team": "team",
}
CONFIRMED = re.compile(r"Who can read it: (.+?)(?: \([^)]*\))?\.")
TEAMS = {"C1": CONSOLE, "C2": CONSOLE, "C3": SLACK}
NEW_ONE = "so this is a new reflection"  # `/plc reflect` again: kept beside the prompt's answer


class TrustBase(RuleBasedStateMachine):
    """Subclasses say which storage the core runs on (`make_uow`)."""

    def make_uow(self):
        return LeanStore().uow

    reads_every_view = True  # after every step, every reader reads every view

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.world = World(self.make_uow(), self.loop)
        self.model = self.world.model
        self.latest: dict[str, int] = {}  # channel -> latest prompt delivery seen there
        self.checked_in: set[tuple[str, str]] = set()  # (community, person) who checked in
        self.team_names = {
            (CONSOLE, "Alpha"): "C1",
            (CONSOLE, "Beta"): "C2",
            (SLACK, "Gamma"): "C3",
        }

    def teardown(self) -> None:
        self.world.close()
        self.loop.close()

    @initialize()
    def three_teams(self) -> None:
        w = self.world
        for admin, cid, channel, name in (
            ("ana", CONSOLE, "C1", "Alpha"),
            ("ana", CONSOLE, "C2", "Beta"),
            ("bea", SLACK, "C3", "Gamma"),
        ):
            assert w.say(admin, cid, channel, f'/plc team create "{name}" America/Chicago').ok
            c = self.model.communities[cid]
            c.admins.add(admin)
            c.ever_had_admin = True
            c.teams.add(channel)
            c.facilitators.setdefault(channel, set()).add(admin)  # who makes a team leads it
            self.took_part(admin, cid, channel)
            assert w.say(admin, cid, channel, REMINDER).ok  # DMs the prompt to who has not answered
        for granter, cid, channel, fac in (
            ("ana", CONSOLE, "C1", "fay"),
            ("ana", CONSOLE, "C2", "gus"),
            ("bea", SLACK, "C3", "hal"),
        ):
            self.world.say(fac, cid, channel, "/plc cycle")  # the bot grants only people it met
            self.grant_line(granter, cid, channel, fac, "facilitator")
            # a prompt in every team from the start: buttons to click, craft and be reminded of
            assert self.world.say(fac, cid, channel, "/plc prompt send").ok
        # teachers in two teams of one community (prompts DMed to them by both), and check-ins
        for cid, channel, teacher in (
            (CONSOLE, "C1", "tia"),
            (CONSOLE, "C2", "tia"),
            (CONSOLE, "C1", "lee"),
            (SLACK, "C3", "lee"),
        ):
            assert self.world.say(teacher, cid, channel, "/plc checkin 3 calm").ok
            self.took_part(teacher, cid, channel)
            self.checked_in.add((cid, teacher))
        self.after()
        self.reminders_go_out(2)  # the reminders of those prompts reach the DMs

    # ---- bookkeeping -------------------------------------------------------------------

    def after(self) -> None:
        self.world.scan_chat()
        for seen in self.world.buttons:
            action = Action.parse(seen.action_id)
            if seen.viewer is None and action and action.name == "reflect" and seen.channel:
                did = int(action.args[0]) if action.args and action.args[0].isdigit() else 0
                if did:
                    self.latest[seen.channel] = max(self.latest.get(seen.channel, 0), did)
        self.world.pending.clear()

    def took_part(self, user: str, cid: str, channel: str | None) -> None:
        if channel in self.model.communities[cid].teams:
            self.model.communities[cid].members.setdefault(channel, set()).add(user)

    def violation(self, what: str) -> None:
        self.world.violations.append(Violation(what))

    def grant_line(self, granter: str, cid: str, channel: str, target: str, role: str) -> None:
        c = self.model.communities[cid]
        out = self.world.say(granter, cid, channel, f"/plc role grant @{target} {role}")
        if not out.ok:
            return
        if granter not in c.admins:
            self.violation(f"{granter} (not an admin) granted {target} {role} in {cid}")
        if role == "admin":
            c.admins.add(target)
            c.ever_had_admin = True
        elif channel in c.teams:
            c.facilitators.setdefault(channel, set()).add(target)

    def person(self, data: st.DataObject, cid: str) -> str:
        return data.draw(st.sampled_from(self.model.communities[cid].people))

    def place(self, data: st.DataObject) -> tuple[str, str]:
        channel = data.draw(st.sampled_from(sorted(TEAMS)))
        return TEAMS[channel], channel

    def legit_for(self, cid: str, channel: str) -> set[str]:
        c = self.model.communities[cid]
        return c.members.get(channel, set()) | c.facilitators.get(channel, set())

    # ---- reflections -------------------------------------------------------------------

    def saved(
        self,
        out_text: str,
        author: str,
        cid: str,
        channel: str,
        token: str,
        chosen: str | None,
        delivery: int,
    ) -> None:
        """Record a reflection the bot said it saved, checking the receipt against the choice."""
        m = CONFIRMED.search(out_text)
        confirmed = WHO.get(m.group(1)) if m else None
        if confirmed is None:
            self.violation(f"the receipt for {token} does not say who can read it: {out_text!r}")
            return
        if chosen is not None and confirmed != chosen:
            self.violation(f"{author} chose {chosen} for {token}; the receipt says {confirmed}")
        written = self.world.clock.now()
        if NEW_ONE in out_text:  # the prompt was answered already: filed without the prompt
            delivery = 0
        if out_text.startswith("Updated"):
            for old in list(self.model.secrets.values()):
                same = (old.community, old.channel, old.author, old.delivery)
                if same == (cid, channel, author, delivery):
                    written = old.written_at
                    del self.model.secrets[old.token]
        secret = Secret(token, cid, channel, author, chosen or confirmed, written, delivery)
        self.model.secrets[token] = secret
        self.took_part(author, cid, channel)

    def answer_form(self, user: str, cid: str, channel: str | None, out, chosen: str | None):
        """Type new words in the form and press Enter: the preselected audience is sent."""
        form = out.form
        if form is None:
            return
        if form.action.name == "checkinword":  # the word after a check-in click: their own
            self.world.submit(user, cid, channel, form, {"word": "calm"})
            return
        if form.action.name != "reflect":  # the team's work (an agenda item, an action item,
            return  # a goal): nobody's reflection, so the person closes it
        team_channel = channel
        did = int(form.action.args[0]) if form.action.args else 0
        if team_channel not in TEAMS:  # a form opened from a DM: the delivery's team
            team_channel = next(
                (ch for ch, d in self.latest.items() if d == did and TEAMS[ch] == cid), None
            ) or next((ch for ch in TEAMS if TEAMS[ch] == cid), "")
        token = self.model.new_secret()
        self.world.pending[token] = (user, cid)
        values = {"text": f"I noticed {token} today"}
        done, initial = self.world.submit(user, cid, channel, form, values)
        if done.ok and done.reply is not None:
            if team_channel != channel and user not in self.legit_for(cid, team_channel):
                self.violation(
                    f"{user} answered a prompt of {team_channel} they were not sent "
                    f"(from {channel or 'a DM'})"
                )
            self.saved(
                done.reply.plain_text(),
                user,
                cid,
                team_channel,
                token,
                chosen or initial,
                did or self.latest.get(team_channel, 0),
            )
