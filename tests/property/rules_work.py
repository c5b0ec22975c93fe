"""Rules: the team's work (the cycle's record, action items, a session's agenda, roles,
decisions and minutes): posts (a new item, the cycle's summary, the review of a stage, the
minutes at close) and replies that must never carry a reflection."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import rule

from tests.property.machine import AUDIENCES, TrustBase

WORK = (
    "need set Fractions evidence: screener",
    "goal set what: place fractions measure: exit ticket target: 80% by: June",
    "design add Number talks",
    "commit Number talks twice a week",
    "evidence 60 better",
    "action add @{owner} bring student work by 2026-12-01",
    "action list",
    "cycle",
    "stage next",
    "cycle close",
    "agenda add 10 Look at student work",
    "session role note-taker @{owner}",
    "session open Data",
    "decision Exit ticket every Friday",
    "session close",  # posts the minutes: attendance, agenda, decisions, items, goal
    "minutes",
    "agenda list",
)


class WorkRules(TrustBase):
    @rule(data=st.data(), what=st.sampled_from(WORK))
    def keep_the_team_s_work(self, data: st.DataObject, what: str) -> None:
        cid, channel = self.place(data)
        user, owner = self.person(data, cid), self.person(data, cid)
        out = self.world.say(user, cid, channel, f"/plc {what.format(owner=owner)}")
        if out.ok and what.split()[0] in ("commit", "evidence", "action"):
            self.took_part(user, cid, channel)
        self.after()

    @rule(data=st.data(), audience=st.sampled_from(AUDIENCES))
    def hold_a_meeting(self, data: st.DataObject, audience: str) -> None:
        """A whole meeting in one step, led by one of the team's facilitators when it has one:
        an agenda item, the session opened, someone reflecting during it (for any audience),
        a decision, the session closed, so the minutes posted follow a reflection."""
        cid, channel = self.place(data)
        leads = sorted(self.model.communities[cid].facilitators.get(channel, set()))
        lead = data.draw(st.sampled_from(leads)) if leads else self.person(data, cid)
        user = self.person(data, cid)
        for line in ("agenda add 10 Look at student work", "session open Data"):
            if self.world.say(lead, cid, channel, f"/plc {line}").ok:
                self.took_part(lead, cid, channel)
        token = self.model.new_secret()
        self.world.pending[token] = (user, cid)
        out = self.world.say(user, cid, channel, f"/plc reflect --{audience} Meeting {token}")
        if out.ok and out.reply is not None:
            delivery = self.latest.get(channel, 0)
            self.saved(out.reply.plain_text(), user, cid, channel, token, audience, delivery)
        for line in ("decision Exit ticket every Friday", "session close", "minutes"):
            if self.world.say(lead, cid, channel, f"/plc {line}").ok:
                self.took_part(lead, cid, channel)
        self.world.clock.advance(minutes=5)
        self.after()
