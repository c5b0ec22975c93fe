"""Rules: asking to forget (and confirming), clicks on buttons people were shown (their own,
and someone else's), the next person at the console pressing a number, and crafted ids
pointing at another team."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import strategies as st
from hypothesis.stateful import rule

from bot.messages import Action
from tests.property.machine import TEAMS, TrustBase
from tests.property.views import rows_of
from tests.property.world import CONSOLE, Seen

CLICKED_ELSEWHERE = ("pulse", "checkin")
# weighted by repetition: most often someone with check-ins (their receipt counts them)
WHO_FORGETS = ("someone who checked in", "someone who checked in", "an admin", "anyone")
THEN = (
    "they confirm",
    "someone else presses it",
    "they confirm",
    "someone else presses it",
    "nothing",
)


class ClickRules(TrustBase):
    def click(self, user: str, seen: Seen, channel: str | None) -> None:
        action = Action.parse(seen.action_id)
        assert action is not None
        cid = seen.cid
        if action.name == "forget":
            self.confirm_forget(user, seen, channel)
            return
        out = self.world.click(user, cid, channel, seen.action_id, seen.ts)
        if not out.ok:
            return
        target = seen.channel if seen.channel in TEAMS else None
        if action.name in CLICKED_ELSEWHERE and target and channel != target:
            if user not in self.legit_for(cid, target):
                self.violation(f"{user} answered {action.name} of {target} from {channel}")
        if action.name in CLICKED_ELSEWHERE and channel == target:
            self.took_part(user, cid, channel)
        if action.name == "checkin":
            self.checked_in.add((cid, user))
        if out.form is not None:
            self.answer_form(user, cid, channel, out, None)
            if channel in TEAMS:
                self.took_part(user, cid, channel)

    def confirm_forget(self, user: str, seen: Seen, channel: str | None) -> None:
        cid = seen.cid
        expected = len(self.model.live_secrets(cid, user))
        rows = self.world.run(rows_of(self.world, cid, user))
        out = self.world.click(user, cid, channel, seen.action_id, seen.ts)
        said = out.reply.plain_text() if out.reply is not None else ""
        if not (out.ok and said.startswith("Deleted")):
            return
        if user != seen.viewer:
            self.violation(f"{user} used the forget confirmation shown to {seen.viewer}")
            return
        m = re.search(r"(\d+) reflections?\b", said)
        if (int(m.group(1)) if m else 0) != expected:
            self.violation(
                f"forget receipt for {user} says {said!r}; {expected} reflections existed"
            )
        for label, key in (("check-ins?", "checkins"), ("feedback answers?", "pulse")):
            m = re.search(rf"(\d+) {label}\b", said)
            if (int(m.group(1)) if m else 0) != rows[key]:
                self.violation(f"forget receipt for {user} says {said!r}; {rows[key]} {label}")
        self.model.forget(cid, user)

    @rule(
        data=st.data(),
        who=st.sampled_from(WHO_FORGETS),
        then=st.sampled_from(THEN),
    )
    def ask_to_forget(self, data: st.DataObject, who: str, then: str) -> None:
        """Often someone with check-ins to count; often confirmed at once, or pressed by the
        next person; or left on screen for later."""
        self.forget_flow(data, who, then)

    @rule(data=st.data(), then=st.sampled_from(THEN))
    def an_admin_asks_to_forget(self, data: st.DataObject, then: str) -> None:
        """The last admin, at times (a community must keep one)."""
        self.forget_flow(data, "an admin", then)

    def forget_flow(self, data: st.DataObject, who: str, then: str) -> None:
        cid = data.draw(st.sampled_from(sorted(self.model.communities)))
        c = self.model.communities[cid]
        pool = {
            "an admin": sorted(c.admins),
            "someone who checked in": sorted(u for w, u in self.checked_in if w == cid),
        }.get(who)
        user = data.draw(st.sampled_from(pool or c.people))
        channel = data.draw(st.sampled_from(c.channels))
        shown = len(self.world.buttons)
        self.world.say(user, cid, channel, "/plc me forget")
        self.after()
        mine = [
            s
            for s in self.world.buttons[shown:]
            if s.viewer == user and (Action.parse(s.action_id) or Action("")).name == "forget"
        ]
        if not mine or then == "nothing":
            return
        presser = user
        if then == "someone else presses it":
            presser = data.draw(st.sampled_from([p for p in c.people if p != user]))
        self.click(presser, mine[-1], mine[-1].channel)
        self.after()

    @rule(data=st.data(), own=st.booleans())
    def click_a_button_someone_was_shown(self, data: st.DataObject, own: bool) -> None:
        if not self.world.buttons:
            return
        seen = data.draw(st.sampled_from(self.world.buttons[-40:]))
        user = seen.viewer if own and seen.viewer else self.person(data, seen.cid)
        self.click(user, seen, seen.channel)
        self.after()

    @rule(data=st.data())
    def the_next_person_at_the_console_presses_a_number(self, data: st.DataObject) -> None:
        console = self.world.console.console
        if not console.buttons or self.world.console.form_open:
            return
        shown = [s for s in self.world.buttons if s.cid == CONSOLE and s.channel is not None]
        latest = {b.action.id for b in console.buttons}
        candidates = [s for s in shown if s.action_id in latest]
        if not candidates:
            return
        seen = candidates[-1]
        user = self.person(data, CONSOLE)
        self.click(user, seen, console.channel)
        self.after()

    @rule(data=st.data())
    def click_a_crafted_id_from_elsewhere(self, data: st.DataObject) -> None:
        crafted = [
            s
            for s in self.world.buttons
            if s.channel in TEAMS
            and (Action.parse(s.action_id) or Action("")).name in ("reflect", "pulse", "checkin")
        ]
        if not crafted:
            return
        seen = data.draw(st.sampled_from(crafted))
        c = self.model.communities[seen.cid]
        # most often someone the prompt or session was not for, clicking it somewhere else
        outsiders = [p for p in c.people if p not in self.legit_for(seen.cid, str(seen.channel))]
        user = data.draw(st.sampled_from(outsiders or c.people))
        where = data.draw(st.sampled_from([None, *(ch for ch in c.channels if ch != seen.channel)]))
        self.click(user, replace(seen, viewer=None), where)
        self.after()
