"""Rules: days pass and retention runs; someone reads a view (through their community's front
door). And the invariant checked after every step: the promise holds."""

from __future__ import annotations

import os
import re
from datetime import timedelta

from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule

from bot.retention import RetentionJob
from tests.property.checks import storage_problems
from tests.property.machine import TrustBase
from tests.property.views import audited, exported, read_every_view

# TRUST_SURVEY=1: run every example to the end and print each kind of breach found (to show
# what the property finds on a given checkout) instead of failing at the first one.
SURVEY: dict[str, str] | None = {} if os.environ.get("TRUST_SURVEY") else None
NAMES = re.compile(r"SECRET\d+|\b(?:ana|fay|gus|tia|uma|lee|bea|hal)\b|\bC\d\b")
VIEWS = ("reflections", "report", "report all", "home", "me export", "district")


class ReadRules(TrustBase):
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

    @rule(data=st.data(), view=st.sampled_from(VIEWS))
    def someone_reads(self, data: st.DataObject, view: str) -> None:
        cid, channel = self.place(data)
        user = self.person(data, cid)
        problems: list[str] = []
        if view == "home":
            self.world.home(user, cid)
        elif view == "district":
            self.world.district_export(cid)
        elif view == "reflections":
            problems = audited(self.world, user, cid, channel, wire=True)
        elif view == "me export":
            problems = exported(self.world, user, cid, wire=True)
        else:
            self.world.say(user, cid, channel, f"/plc {view}", part=False)
        for p in problems:
            self.violation(p)
        self.after()

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
