"""The promise to teachers as one property, over random sequences of what several people do in
two communities and three teams: commands, clicks (their own, someone else's, and crafted ids
pointing at another team), forms answered with Enter, thread replies, grants and revokes (some
at the same moment), forget, and retention runs. After every step:

- nobody was shown a reflection (in a reply, a form, a channel post, a DM, a DM'd export file,
  an App Home page or the district export) that its author did not choose for them;
- a community that ever had an admin has one, and nobody holds admin without a legitimate grant;
- storage holds exactly the reflections the model expects, each with the audience its author
  chose; nobody became a member of a team they took no part in;
- every receipt says what happened (the audience a reflection was saved for, what forget deleted).

The model (tests/property/model.py) is kept from what people did and what the bot said yes to,
never from the bot's storage."""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from bot.messages import Action
from bot.retention import RetentionJob
from storage.engine import default_sqlite_url, make_engine
from storage.migrate import upgrade_sync
from storage.uow import SqlUnitOfWorkFactory
from tests.property.checks import storage_problems
from tests.property.dms import REMINDER, DmRules
from tests.property.lean_store import LeanStore
from tests.property.model import Secret
from tests.property.views import audited, exported, read_every_view, rows_of
from tests.property.world import CONSOLE, Seen, Violation, World

AUDIENCES = ("private", "facilitators", "team")
WHO = {
    "only you": "private",
    "you and the team's facilitators": "facilitators",
    "the whole team": "team",
}
CONFIRMED = re.compile(r"Who can read it: (.+?)(?: \([^)]*\))?\.")
# TRUST_SURVEY=1: run every example to the end and print each kind of breach found (to show
# what the property finds on a given checkout) instead of failing at the first one.
SURVEY: dict[str, str] | None = {} if os.environ.get("TRUST_SURVEY") else None
NAMES = re.compile(r"SECRET\d+|\b(?:ana|fay|gus|tia|uma|lee|bea|hal)\b|\bC\d\b")
# TRUST_NO_SHRINK=1: report the first failing sequence as found (shrinking a long one is slow)
PHASES = [p for p in Phase if not (os.environ.get("TRUST_NO_SHRINK") and p is Phase.shrink)]
TEAMS = {"C1": CONSOLE, "C2": CONSOLE, "C3": "discord:G1"}
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
)


class TrustMachine(DmRules, RuleBasedStateMachine):
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
        self.team_names = {
            (CONSOLE, "Alpha"): "C1",
            (CONSOLE, "Beta"): "C2",
            ("discord:G1", "Gamma"): "C3",
        }

    def teardown(self) -> None:
        self.loop.close()

    # ---- set-up ------------------------------------------------------------------------

    @initialize()
    def three_teams(self) -> None:
        w = self.world
        for admin, cid, channel, name in (
            ("ana", CONSOLE, "C1", "Alpha"),
            ("ana", CONSOLE, "C2", "Beta"),
            ("bea", "discord:G1", "C3", "Gamma"),
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
            ("bea", "discord:G1", "C3", "hal"),
        ):
            self.world.say(fac, cid, channel, "/plc cycle")  # the bot grants only people it met
            self.grant_line(granter, cid, channel, fac, "facilitator")
        self.after()

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
        if out_text.startswith("Updated"):
            for old in list(self.model.secrets.values()):
                if (old.community, old.channel, old.author, old.delivery) == (
                    cid,
                    channel,
                    author,
                    delivery,
                ):
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
        team_channel = channel
        did = int(form.action.args[0]) if form.action.args else 0
        if team_channel not in TEAMS:  # a form opened from a DM: the delivery's team
            team_channel = next(
                (ch for ch, d in self.latest.items() if d == did and TEAMS[ch] == cid), None
            ) or next((ch for ch in TEAMS if TEAMS[ch] == cid), "")
        choice = next(f for f in form.fields if f.id == "visibility")
        token = self.model.new_secret()
        self.world.pending[token] = (user, cid)
        values = {"text": f"I noticed {token} today", "visibility": choice.initial}
        done = self.world.submit(user, cid, channel, form, values)
        if done.ok and done.reply is not None:
            if channel is None and user not in self.legit_for(cid, team_channel):
                self.violation(f"{user} answered a prompt of {team_channel} they were not sent")
            self.saved(
                done.reply.plain_text(),
                user,
                cid,
                team_channel,
                token,
                chosen or choice.initial,
                did or self.latest.get(team_channel, 0),
            )

    def legit_for(self, cid: str, channel: str) -> set[str]:
        c = self.model.communities[cid]
        return c.members.get(channel, set()) | c.facilitators.get(channel, set())

    @rule(data=st.data(), audience=st.sampled_from((None, *AUDIENCES)))
    def reflect_with_text(self, data: st.DataObject, audience: str | None) -> None:
        cid, channel = self.place(data)
        user = self.person(data, cid)
        token = self.model.new_secret()
        self.world.pending[token] = (user, cid)
        flag = f"--{audience} " if audience else ""
        out = self.world.say(user, cid, channel, f"/plc reflect {flag}Today {token} happened")
        if out.ok and out.reply is not None:
            self.saved(
                out.reply.plain_text(),
                user,
                cid,
                channel,
                token,
                audience,
                self.latest.get(channel, 0),
            )
        self.after()

    @rule(data=st.data(), audience=st.sampled_from((None, *AUDIENCES)))
    def reflect_in_the_form(self, data: st.DataObject, audience: str | None) -> None:
        cid, channel = self.place(data)
        user = self.person(data, cid)
        out = self.world.say(
            user, cid, channel, "/plc reflect" + (f" --{audience}" if audience else "")
        )
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
        out = self.world.act(
            user,
            cid,
            channel,
            lambda a: self.world.bot.message(a, f"In the thread: {token}", thread=post.ref),
        )
        if out.ok and out.reply is not None:
            # Everyone in the channel sees a thread reply: that is the audience it has.
            self.saved(out.reply.plain_text(), user, cid, channel, token, "team", did)
        self.after()

    # ---- sessions, prompts, check-ins --------------------------------------------------

    @rule(
        data=st.data(), what=st.sampled_from(("session open Data", "session close", "prompt send"))
    )
    def facilitate(self, data: st.DataObject, what: str) -> None:
        cid, channel = self.place(data)
        user = self.person(data, cid)
        if self.world.say(user, cid, channel, f"/plc {what}").ok:
            self.took_part(user, cid, channel)
        self.world.clock.advance(minutes=5)
        self.after()

    @rule(data=st.data(), what=st.sampled_from(WORK))
    def keep_the_team_s_work(self, data: st.DataObject, what: str) -> None:
        """The cycle's record and action items: posts (a new item, the cycle's summary, the
        review of a stage) and replies that must never carry a reflection."""
        cid, channel = self.place(data)
        user, owner = self.person(data, cid), self.person(data, cid)
        out = self.world.say(user, cid, channel, f"/plc {what.format(owner=owner)}")
        if out.ok and what.split()[0] in ("commit", "evidence", "action"):
            self.took_part(user, cid, channel)
        self.after()

    @rule(data=st.data(), score=st.integers(1, 5))
    def check_in(self, data: st.DataObject, score: int) -> None:
        cid, channel = self.place(data)
        user = self.person(data, cid)
        if self.world.say(user, cid, channel, f"/plc checkin {score} calm").ok:
            self.took_part(user, cid, channel)
        self.after()

    # ---- clicks ------------------------------------------------------------------------

    def click(self, user: str, seen: Seen, channel: str | None) -> None:
        action = Action.parse(seen.action_id)
        assert action is not None
        cid = seen.cid
        if action.name == "forget":
            self.confirm_forget(user, seen, channel)
            return
        out = self.world.click(user, cid, channel, seen.action_id)
        if not out.ok:
            return
        target = seen.channel if seen.channel in TEAMS else None
        if action.name in ("pulse", "checkin") and target and channel != target:
            if user not in self.legit_for(cid, target):
                self.violation(f"{user} answered {action.name} of {target} from {channel}")
        if action.name in ("pulse", "checkin") and channel == target:
            self.took_part(user, cid, channel)
        if out.form is not None:
            self.answer_form(user, cid, channel, out, None)
            if channel in TEAMS:
                self.took_part(user, cid, channel)

    def confirm_forget(self, user: str, seen: Seen, channel: str | None) -> None:
        cid = seen.cid
        expected = len(self.model.live_secrets(cid, user))
        rows = self.world.run(rows_of(self.world, cid, user))
        out = self.world.click(user, cid, channel, seen.action_id)
        said = out.reply.plain_text() if out.reply is not None else ""
        if not (out.ok and said.startswith("Deleted")):
            return
        if user != seen.viewer:
            self.violation(f"{user} used the forget confirmation shown to {seen.viewer}")
            return
        m = re.search(r"(\d+) reflections", said)
        if (int(m.group(1)) if m else 0) != expected:
            self.violation(
                f"forget receipt for {user} says {said!r}; {expected} reflections existed"
            )
        for label, key in (("check-ins", "checkins"), ("feedback answers", "pulse")):
            m = re.search(rf"(\d+) {label}", said)
            if (int(m.group(1)) if m else 0) != rows[key]:
                self.violation(f"forget receipt for {user} says {said!r}; {rows[key]} {label}")
        self.model.forget(cid, user)

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
        user = self.person(data, seen.cid)
        where = data.draw(st.sampled_from([None, *self.model.communities[seen.cid].channels]))
        self.click(user, replace(seen, viewer=None), where)
        self.after()

    # ---- roles and data rights ---------------------------------------------------------

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
        w = self.world

        async def both():
            return await asyncio.gather(
                w.bot.command(w.actor(a, cid, channel), f"/plc role revoke @{b} admin"),
                w.bot.command(w.actor(b, cid, channel), f"/plc role revoke @{a} admin"),
            )

        first, second = w.run(both())
        if first.ok:
            c.admins.discard(b)
        if second.ok:
            c.admins.discard(a)
        self.after()

    @rule(data=st.data())
    def ask_to_forget(self, data: st.DataObject) -> None:
        cid = data.draw(st.sampled_from(sorted(self.model.communities)))
        user = self.person(data, cid)
        channel = data.draw(st.sampled_from(self.model.communities[cid].channels))
        self.world.say(user, cid, channel, "/plc me forget")
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

    @rule(days=st.integers(1, 40))
    def days_pass_and_retention_runs(self, days: int) -> None:
        w = self.world
        w.clock.advance(days=days)
        job = RetentionJob(uow=w.uow, clock=w.clock, default_days=30)
        w.run(job.run())
        cutoff = w.clock.now() - timedelta(days=30)
        for token, s in list(self.model.secrets.items()):
            if s.written_at < cutoff:
                del self.model.secrets[token]
        self.after()

    # ---- readers -----------------------------------------------------------------------

    @rule(
        data=st.data(),
        view=st.sampled_from(
            ("reflections", "report", "report all", "home", "me export", "district")
        ),
    )
    def someone_reads(self, data: st.DataObject, view: str) -> None:
        cid, channel = self.place(data)
        user = self.person(data, cid)
        problems: list[str] = []
        if view == "home":
            self.world.home(user, cid)
        elif view == "district":
            self.world.district_export(cid)
        elif view == "reflections":
            problems = audited(self.world, user, cid, channel)
        elif view == "me export":
            problems = exported(self.world, user, cid)
        else:
            self.world.say(user, cid, channel, f"/plc {view}")
        for p in problems:
            self.violation(p)
        self.after()

    # ---- after every step --------------------------------------------------------------

    @invariant()
    def the_promise_holds(self) -> None:
        problems = [v.what for v in self.world.violations]
        if self.reads_every_view:
            read_every_view(self.world, problems)
        problems += self.world.run(storage_problems(self.world.uow, self.model))
        if SURVEY is not None:  # list every kind of breach instead of stopping at the first
            for p in problems:
                SURVEY.setdefault(NAMES.sub("…", p), p)
            self.world.violations.clear()
            return
        assert not problems, "\n".join(problems)


TrustMachine.TestCase.settings = settings(
    max_examples=int(os.environ.get("TRUST_EXAMPLES", "30")),
    stateful_step_count=20,
    deadline=None,
    phases=PHASES,
    suppress_health_check=list(HealthCheck),
    database=None,
)
test_the_promise_holds_over_random_days_in_the_core = TrustMachine.TestCase


class TrustMachineOnSqlite(TrustMachine):
    reads_every_view = False  # one random view per `someone_reads` step: SQL is slower

    def make_uow(self):
        folder = Path(tempfile.mkdtemp(prefix="trust-"))
        url = default_sqlite_url(folder)
        upgrade_sync(url)
        self._factory = SqlUnitOfWorkFactory(make_engine(url))
        return self._factory

    def teardown(self) -> None:
        self.world.run(self._factory.dispose())
        super().teardown()


TrustMachineOnSqlite.TestCase.settings = settings(
    max_examples=8,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
test_the_promise_holds_on_sqlite = TrustMachineOnSqlite.TestCase

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def teardown_module() -> None:
    if SURVEY is not None:
        print("\nbreaches found (one example of each):\n" + "\n".join(sorted(SURVEY.values())))
