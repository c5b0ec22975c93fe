"""Rules: the team's work (the cycle's record, action items, a session's agenda, roles,
decisions and minutes): posts (a new item, the cycle's summary, the review of a stage, the
minutes at close) and replies that must never carry a reflection."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import rule

from tests.property.machine import TrustBase

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
