"""The independent oracle: from the event log alone (standard library only; no plcbot code) it
works out what plcbot must say — every report figure, every reflections listing, each export's
counts, each streak — and which scheduled posts and reminder DMs must have reached the platform.
It also checks, event by event, that no reader saw a reflection its author did not choose for
them.

The rules it follows are the ones a teacher or facilitator is told (README, `/plc help`), written
again here from those words, not from plcbot's code."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from simulation.events import Event, EventLog
from simulation.fires import fire_until
from simulation.model import Community, Expected, Schedule, Session, Team, Written
from simulation.work_model import Work

TOKEN = re.compile(r"\bR\d{6}\b")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LISTING_DAYS = 30  # `/plc reflections` without a date: the last 30 days


def when(at: str) -> datetime:
    return datetime.fromisoformat(at)


class Oracle:
    def __init__(self, log: EventLog) -> None:
        self.log = log
        self.communities: dict[str, Community] = {}
        self.expected = Expected()
        self.breaches: list[str] = []  # privacy breaches, as found
        self._read = 0
        self._quiet: dict[str, datetime | None] = {}  # per community: its next fire time
        self.now = datetime.min.replace(tzinfo=UTC)  # the moment of the event being taken in
        self.work = Work(self)  # the team's work: goals, action items, minutes, portfolios
        self.kept_days: int | None = None  # the retention setting, once the job has run
        self.ticks: list[datetime] = []  # when the scheduler ticked, in order

    # ---- following the log -----------------------------------------------------------------

    def follow(self, now: datetime) -> None:
        """Take in the events logged since the last call, in order, with every scheduled moment
        before each (a tick runs before what people do at the same minute), up to `now`."""
        for event in self.log.events[self._read :]:
            self._fire(when(event.at))
            self.now = when(event.at)
            if not self.work.on(event):
                getattr(self, f"_on_{event.kind}")(event)
        self._read = len(self.log.events)
        self._fire(now)

    def _fire(self, until: datetime) -> None:
        for c in self.communities.values():
            quiet = self._quiet.get(c.id)  # nothing is due before this
            if quiet is None or until >= quiet:
                self._quiet[c.id] = fire_until(c, until, self.expected)

    def community(self, cid: str) -> Community:
        return self.communities.setdefault(cid, Community(cid))

    def _on_team(self, e: Event) -> None:
        c = self.community(e["community"])
        c.teams[e["team"]] = Team(e["team"], e["name"], ZoneInfo(e["zone"]))
        c.admins.add(e["admin"])

    def _on_role(self, e: Event) -> None:
        c = self.community(e["community"])
        if e["role"] == "admin":
            c.admins.add(e["user"])
        else:
            team = c.teams[e["team"]]
            team.facilitators.add(e["user"])
            team.teachers.discard(e["user"])

    def _on_revoke(self, e: Event) -> None:
        team = self.community(e["community"]).teams[e["team"]]
        team.facilitators.discard(e["user"])
        team.teachers.add(e["user"])  # a teacher of the team again

    def _on_schedule(self, e: Event) -> None:
        team = self.community(e["community"]).teams[e["team"]]
        hour, minute = (int(x) for x in e["time"].split(":"))
        team.schedules.append(
            Schedule(e["kind"], DAYS.index(e["day"]), time(hour, minute), when(e.at))
        )
        self._quiet.pop(e["community"], None)  # its next fire time may come sooner now

    def _on_break(self, e: Event) -> None:
        first, last = date.fromisoformat(e["first"]), date.fromisoformat(e["last"])
        self.community(e["community"]).breaks.append((first, last))

    def _on_open(self, e: Event) -> None:
        team = self.community(e["community"]).teams[e["team"]]
        team.sessions.append(Session(e["topic"], when(e.at)))

    def _on_close(self, e: Event) -> None:
        team = self.community(e["community"]).teams[e["team"]]
        team.sessions[-1].closed = when(e.at)
        team.prompts.append(when(e.at))  # closing a session asks the closing reflection

    def _on_stage(self, e: Event) -> None:
        team = self.community(e["community"]).teams[e["team"]]
        team.stage += 1
        if team.stage > 5:  # monitor leads into the next cycle's analysis
            team.stage, team.cycle = 1, team.cycle + 1

    def _on_checkin(self, e: Event) -> None:
        team = self.community(e["community"]).teams[e["team"]]
        team.joined(e["user"])
        session = team.sessions[-1] if team.sessions else None
        if session is not None and session.closed is None:
            session.checkins[e["user"]] = e["score"]
        else:
            team.loose.append((e["user"], e["score"]))

    def _on_reflect(self, e: Event) -> None:
        """`/plc reflect`, a thread reply and a form answer the team's latest prompt; a DM reply
        the prompt the person was reminded of. A second answer to a prompt starts a new
        reflection without a prompt, except by the form, which shows the answer and replaces it
        (its words and who reads it)."""
        c = self.community(e["community"])
        team = c.teams[e["team"]]
        team.joined(e["user"])
        user, at = e["user"], when(e.at)
        if e.get("via") == "dm":
            prompt = max(
                (p for ch, u, p in c.reminded if ch == team.channel and u == user), default=None
            )
        else:
            prompt = team.prompts[-1] if team.prompts else None
        mine = c.answers.get((team.channel, user, prompt)) if prompt is not None else None
        if mine is not None and e.get("via") == "form":
            del c.by_token[mine.token]
            mine.token, mine.visibility = e["token"], e["visibility"]  # the answer is replaced
            c.by_token[mine.token] = mine
            return
        if mine is not None:
            prompt = None
        r = Written(e["token"], team.channel, user, e["visibility"], at, prompt)
        c.reflections.append(r)
        c.by_token[r.token] = r
        if prompt is not None:
            c.answers[(team.channel, user, prompt)] = r

    def _on_reminders(self, e: Event) -> None:
        off = self.community(e["community"]).reminders_off
        (off.discard if e["on"] else off.add)(e["user"])

    def _on_forget(self, e: Event) -> None:
        c, user = self.community(e["community"]), e["user"]
        c.forgotten.add(user)
        self.work.forget(c.id, user)
        c.admins.discard(user)
        c.gone += [r for r in c.reflections if r.user == user]
        c.reflections = [r for r in c.reflections if r.user != user]
        c.answers = {k: r for k, r in c.answers.items() if r.user != user}
        c.gone_tokens = {r.token for r in c.gone}
        c.reminders_off.discard(user)
        for team in c.teams.values():
            team.teachers.discard(user)
            team.facilitators.discard(user)
            team.loose = [(u, s) for u, s in team.loose if u != user]
            for session in team.sessions:
                session.checkins.pop(user, None)

    def _on_tick(self, e: Event) -> None:
        """The moments the scheduler ran: what it sends at a time of day (an action item's
        reminder, from 08:00 where the team is) goes at the first of them from that time."""
        self.ticks.append(when(e.at))

    def _on_retention(self, e: Event) -> None:
        """Reflections written before `days` ago are deleted, everywhere (check-ins stay)."""
        before = when(e.at) - timedelta(days=e["days"])
        self.kept_days = e["days"]
        for c in self.communities.values():
            old = [r for r in c.reflections if r.at < before]
            c.expired += old
            c.expired_tokens.update(r.token for r in old)
            c.reflections = [r for r in c.reflections if r.at >= before]
            c.answers = {k: r for k, r in c.answers.items() if r.at >= before}

    # ---- what the platforms received: privacy, event by event ----------------------------

    def _on_post(self, e: Event) -> None:
        c = self.community(e["community"])
        for r in self._tokens(c, e):
            if not (r.visibility == "team" and r.team == e["channel"]):
                self.breaches.append(
                    f"{e.at}: {r.user}'s {r.visibility} reflection {r.token} (team {r.team}) "
                    f"was posted in {e['channel']}"
                )

    def _on_dm(self, e: Event) -> None:
        self._seen_by(e, "a direct message")

    def _on_shown(self, e: Event) -> None:
        self._seen_by(e, "an answer")

    def _seen_by(self, e: Event, where: str) -> None:
        c, reader = self.community(e["community"]), e["user"]
        for r in self._tokens(c, e):
            if not self.may_read(c, r, reader):
                self.breaches.append(
                    f"{e.at}: {reader} read {r.user}'s {r.visibility} reflection {r.token} "
                    f"(team {r.team}) in {where}"
                )

    def _tokens(self, c: Community, e: Event) -> list[Written]:
        """The reflections whose tokens the text carries (looked up by token, in the order
        they were written); one of someone who forgot is a breach already."""
        found = [c.by_token[t] for t in set(TOKEN.findall(e["text"])) if t in c.by_token]
        found.sort(key=lambda r: r.token)
        for r in found:
            if r.token in c.gone_tokens:
                self.breaches.append(
                    f"{e.at}: {r.user}'s reflection {r.token} shown after they forgot"
                )
            elif r.token in c.expired_tokens:
                self.breaches.append(f"{e.at}: reflection {r.token} shown after retention")
        return [
            r for r in found if r.token not in c.gone_tokens and r.token not in c.expired_tokens
        ]

    @staticmethod
    def may_read(c: Community, r: Written, reader: str) -> bool:
        if reader == r.user or r.visibility == "team":
            return True
        return r.visibility == "facilitators" and reader in c.teams[r.team].facilitators
