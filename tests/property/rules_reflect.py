"""Rules: reflections typed with text, in the form (opened with or without a flag), and as
replies in a prompt's thread; facilitating (sessions, prompts) and check-ins."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import rule

from tests.property.machine import AUDIENCES, TEAMS, TrustBase


class ReflectRules(TrustBase):
    @rule(data=st.data(), audience=st.sampled_from((None, *AUDIENCES)))
    def reflect_with_text(self, data: st.DataObject, audience: str | None) -> None:
        cid, channel = self.place(data)
        user = self.person(data, cid)
        token = self.model.new_secret()
        self.world.pending[token] = (user, cid)
        flag = f"--{audience} " if audience else ""
        out = self.world.say(user, cid, channel, f"/plc reflect {flag}Today {token} happened")
        if out.ok and out.reply is not None:
            delivery = self.latest.get(channel, 0)
            self.saved(out.reply.plain_text(), user, cid, channel, token, audience, delivery)
        self.after()

    @rule(data=st.data(), audience=st.sampled_from((None, *AUDIENCES)))
    def reflect_in_the_form(self, data: st.DataObject, audience: str | None) -> None:
        cid, channel = self.place(data)
        user = self.person(data, cid)
        flag = f" --{audience}" if audience else ""
        out = self.world.say(user, cid, channel, "/plc reflect" + flag)
        if out.ok:
            self.answer_form(user, cid, channel, out, audience)
        self.after()

    @rule(data=st.data())
    def reply_in_a_prompts_thread(self, data: st.DataObject) -> None:
        prompts = [
            s
            for s in self.world.chat.sent
            if s.kind == "post"
            and any(b.action.name == "reflect" for b in s.message.button_list())
            and s.where in TEAMS
        ]
        if not prompts:
            return
        post = data.draw(st.sampled_from(prompts))
        cid, channel = TEAMS[post.where], post.where
        user = self.person(data, cid)
        token = self.model.new_secret()
        self.world.pending[token] = (user, cid)
        did = int(post.message.button_list()[0].action.args[0])
        out = self.world.write(user, cid, channel, f"In the thread: {token}", post.ref)
        if out.ok and out.reply is not None:
            # Everyone in the channel sees a thread reply: that is the audience it has.
            self.saved(out.reply.plain_text(), user, cid, channel, token, "team", did)
        self.after()

    @rule(
        data=st.data(),
        what=st.sampled_from(("session open Data", "session close", "prompt send")),
        lead=st.booleans(),
    )
    def facilitate(self, data: st.DataObject, what: str, lead: bool) -> None:
        """Often by one of the team's facilitators (and so done: cards, pulses and prompts to
        click on), else by anyone."""
        cid, channel = self.place(data)
        leads = sorted(self.model.communities[cid].facilitators.get(channel, set()))
        user = data.draw(st.sampled_from(leads)) if lead and leads else self.person(data, cid)
        if self.world.say(user, cid, channel, f"/plc {what}").ok:
            self.took_part(user, cid, channel)
        self.world.clock.advance(minutes=5)
        self.after()

    @rule(data=st.data(), score=st.integers(1, 5))
    def check_in(self, data: st.DataObject, score: int) -> None:
        cid, channel = self.place(data)
        user = self.person(data, cid)
        if self.world.say(user, cid, channel, f"/plc checkin {score} calm").ok:
            self.took_part(user, cid, channel)
            self.checked_in.add((cid, user))
        self.after()
