"""The oracle's picture of the team's work (standard library only, no plcbot code), from the
event log: each cycle's goal (fields set, a later `goal set` replacing only the fields it
names), action items (numbered as their adder was told; open until their owner marks them done;
gone with their owner's forget), the decisions and protocol notes of each session, and each
teacher's micro-credential portfolio (pieces of evidence per part; gone with a forget). It also
says which action-item reminders each owner must get: the day before the item is due and the
day after, from 08:00 in the team's zone, never to someone who turned reminders off, never on a
break day (an overdue reminder waits for the break's end), and never for an item done before."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulation.events import Event
    from simulation.oracle import Oracle

GOAL_FIELDS = ("what", "measure", "target", "by")
ACTION_REMINDER = "your action item"  # the words of an action item's reminder DM
REMINDERS_FROM = time(8)  # no action-item reminder before this hour where the team is


@dataclass
class Item:
    number: int
    team: str
    owner: str
    what: str
    due: date
    added: datetime
    done: datetime | None = None
    gone: datetime | None = None  # its owner deleted their data then


@dataclass
class Meeting:
    """What one session's minutes must hold besides the attendance."""

    decisions: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (author, text)
    items: list[int] = field(default_factory=list)  # numbers of the items added during it
    goal: dict[str, str] | None = None  # the cycle's goal as it stood at the close


@dataclass
class TeamWork:
    goals: dict[int, dict[str, str]] = field(default_factory=dict)  # cycle -> fields
    meetings: dict[datetime, Meeting] = field(default_factory=dict)  # session opened -> it
    protocol: str | None = None  # the protocol running now


@dataclass
class Work:
    oracle: Oracle
    teams: dict[tuple[str, str], TeamWork] = field(default_factory=dict)
    items: dict[tuple[str, int], Item] = field(default_factory=dict)  # (community, number)
    portfolios: dict[tuple[str, str], dict[str, dict[int, int]]] = field(default_factory=dict)
    # who turned reminders off (a forget does not turn them back on for reminders sent before)
    muted: set[tuple[str, str]] = field(default_factory=set)

    def team(self, e: Event) -> TeamWork:
        return self.teams.setdefault((e["community"], e["team"]), TeamWork())

    def meeting(self, e: Event) -> Meeting | None:
        """The meeting of the team's session open now, if one is."""
        team = self.oracle.community(e["community"]).teams[e["team"]]
        session = team.sessions[-1] if team.sessions else None
        if session is None or session.closed is not None:
            return None
        return self.team(e).meetings.setdefault(session.opened, Meeting())

    def on(self, e: Event) -> bool:
        """Takes in a work event (True); a session's close is noted, and left to the oracle."""
        if e.kind == "reminders":
            (self.muted.discard if e["on"] else self.muted.add)((e["community"], e["user"]))
            return False
        if e.kind == "close":
            meeting = self.meeting(e)
            if meeting is not None:
                meeting.goal = self.goal(e["community"], e["team"])
            return False
        handler = getattr(self, f"_on_{e.kind}", None)
        if handler is None:
            return False
        handler(e)
        return True

    def _on_goal(self, e: Event) -> None:
        cycle = self.oracle.community(e["community"]).teams[e["team"]].cycle
        goal = self.team(e).goals.setdefault(cycle, {})
        goal.update({k: v for k, v in e["fields"].items() if v})

    def _on_action(self, e: Event) -> None:
        number = e["number"]
        at = datetime.fromisoformat(e.at)
        item = Item(number, e["team"], e["owner"], e["what"], date.fromisoformat(e["due"]), at)
        self.items[(e["community"], number)] = item
        meeting = self.meeting(e)
        if meeting is not None:
            meeting.items.append(number)

    def _on_done(self, e: Event) -> None:
        item = self.items.get((e["community"], e["number"]))
        if item is not None and item.done is None:
            item.done = datetime.fromisoformat(e.at)

    def _on_decision(self, e: Event) -> None:
        meeting = self.meeting(e)
        if meeting is not None:
            meeting.decisions.append(e["text"])

    def _on_protocol(self, e: Event) -> None:
        self.team(e).protocol = e["name"] if e["start"] else None

    def _on_note(self, e: Event) -> None:
        """A note for the running protocol's step; writing one is taking part in the team."""
        if self.team(e).protocol is not None:
            self.oracle.community(e["community"]).teams[e["team"]].joined(e["user"])
        meeting = self.meeting(e)
        if meeting is not None and self.team(e).protocol is not None:
            meeting.notes.append((e["user"], e["text"]))

    def _on_evidence(self, e: Event) -> None:
        mine = self.portfolios.setdefault((e["community"], e["user"]), {})
        parts = mine.setdefault(e["credential"], {})
        if e["part"]:
            parts[e["part"]] = parts.get(e["part"], 0) + 1

    def forget(self, cid: str, user: str) -> None:
        """What a person's forget takes with it: their portfolios, the items they own, and
        their protocol notes (DATA-PRIVACY.md: a note is its author's, forgotten with them)."""
        self.portfolios.pop((cid, user), None)
        for (c, _), work in self.teams.items():
            if c == cid:
                for meeting in work.meetings.values():
                    meeting.notes = [(who, text) for who, text in meeting.notes if who != user]
        for (c, _), item in self.items.items():
            if c == cid and item.owner == user and item.gone is None:
                item.gone = self.oracle.now

    # ---- what plcbot must answer ------------------------------------------------------------

    def goal(self, cid: str, channel: str) -> dict[str, str]:
        team = self.oracle.community(cid).teams[channel]
        return dict(self.teams.get((cid, channel), TeamWork()).goals.get(team.cycle, {}))

    def open_items(self, cid: str, channel: str) -> list[tuple[int, str, str]]:
        return sorted(
            (i.number, i.owner, i.what)
            for (c, _), i in self.items.items()
            if c == cid and i.team == channel and i.done is None and i.gone is None
        )

    def minutes(self, cid: str, channel: str, opened: datetime) -> dict[str, Any]:
        meeting = self.teams.get((cid, channel), TeamWork()).meetings.get(opened, Meeting())
        return {
            "decisions": list(meeting.decisions),
            "items": [
                self.items[(cid, n)].what for n in meeting.items if not self.items[(cid, n)].gone
            ],
            "notes": [text for _, text in meeting.notes],
            "goal": self.goal(cid, channel) if meeting.goal is None else meeting.goal,
        }

    def reminders(self, cid: str, until: datetime) -> list[tuple[str, str, date]]:
        """(owner, kind, local day) of every action-item reminder due by `until`."""
        c = self.oracle.community(cid)
        out = []
        for (k, _), item in self.items.items():
            if k != cid or (cid, item.owner) in self.muted:
                continue
            team = c.teams[item.team]
            for kind, day in (("before", item.due - timedelta(days=1)), ("overdue", None)):
                day = day or _first_school_day(c, item.due + timedelta(days=1))
                at = self._first_tick(datetime.combine(day, REMINDERS_FROM, team.zone))
                if at is None or (kind == "before" and c.in_break(day)):
                    continue
                if kind == "before" and at.astimezone(team.zone).date() != day:
                    continue  # no tick that day from 08:00: the day before has gone by
                # Done or gone at the tick's own minute: the tick ran first, and reminded.
                stops = min((t for t in (item.done, item.gone) if t is not None), default=None)
                if at <= until and (stops is None or stops >= at):
                    out.append((item.owner, kind, day))
        return sorted(out)

    def _first_tick(self, moment: datetime) -> datetime | None:
        """The first tick at or after `moment`: a reminder due from 08:00 goes then (plcbot's
        scheduler ticks every minute; the simulation's, at its planned moments only)."""
        ticks = self.oracle.ticks
        n = bisect.bisect_left(ticks, moment)
        return ticks[n] if n < len(ticks) else None


def _first_school_day(c: Any, day: date) -> date:
    while c.in_break(day):
        day += timedelta(days=1)
    return day
