"""Rules: grants and revokes (two admins revoking each other at the same moment included),
and someone making a new team."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import rule

from tests.property.machine import TrustBase


class RoleRules(TrustBase):
    @rule(data=st.data(), role=st.sampled_from(("facilitator", "admin")), grant=st.booleans())
    def grant_or_revoke(self, data: st.DataObject, role: str, grant: bool) -> None:
        cid, channel = self.place(data)
        actor, target = self.person(data, cid), self.person(data, cid)
        if grant:
            self.grant_line(actor, cid, channel, target, role)
        else:
            self.revoke(actor, cid, channel, target, role)
        self.after()

    def revoke(self, actor: str, cid: str, channel: str, target: str, role: str) -> None:
        c = self.model.communities[cid]
        if not self.world.say(actor, cid, channel, f"/plc role revoke @{target} {role}").ok:
            return
        if actor not in c.admins:
            self.violation(f"{actor} (not an admin) revoked {target}'s {role}")
        if role == "admin":
            c.admins.discard(target)
        else:
            c.facilitators.get(channel, set()).discard(target)

    @rule(data=st.data())
    def two_admins_revoke_each_other_at_once(self, data: st.DataObject) -> None:
        cid, channel = self.place(data)
        c = self.model.communities[cid]
        if len(c.admins) < 2:
            return
        a, b = sorted(c.admins)[:2]
        first, second = self.world.at_once(
            cid, channel, [(a, f"/plc role revoke @{b} admin"), (b, f"/plc role revoke @{a} admin")]
        )
        if first.ok:
            c.admins.discard(b)
        if second.ok:
            c.admins.discard(a)
        self.after()

    @rule(data=st.data())
    def someone_makes_a_team(self, data: st.DataObject) -> None:
        cid = data.draw(st.sampled_from(sorted(self.model.communities)))
        c = self.model.communities[cid]
        user = self.person(data, cid)
        channel = data.draw(st.sampled_from(c.channels))
        out = self.world.say(user, cid, channel, '/plc team create "New team" America/Chicago')
        if out.ok:
            if c.ever_had_admin and user not in c.admins:
                self.violation(f"{user} made a team in {cid} without being its admin")
            c.admins.add(user)
            c.ever_had_admin = True
            c.teams.add(channel)
            c.facilitators.setdefault(channel, set()).add(user)  # who makes a team leads it
            self.team_names[(cid, "New team")] = channel
            self.took_part(user, cid, channel)
        self.after()
