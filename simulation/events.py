"""The simulation's own event log: every action a person meant to take and every effect the
fake platforms received, each stamped with the simulated time. The oracle reads this log and
nothing else (standard library only, so no plcbot code takes part in its figures)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# What people intend (done through the adapters, then compared with what plcbot says).
INTENDED = (
    "team",  # community, team, name, zone, admin
    "role",  # community, team, user, role ("facilitator" of the team, or "admin")
    "revoke",  # community, team, user: no longer a facilitator of the team (a teacher again)
    "schedule",  # community, team, kind, day, time  (e.g. "tue", "16:00", the team's zone)
    "break",  # community, first, last (dates, the teams' own calendar)
    "open",  # community, team, user, topic
    "close",  # community, team, user
    "stage",  # community, team, user
    "checkin",  # community, team, user, score
    "reflect",  # community, team, user, token, visibility ("private"/"facilitators"/"team")
    "reminders",  # community, user, on
    "forget",  # community, user
    "retention",  # days: the retention job runs now (reflections older than that go)
    "tick",  # the scheduler ticked now (what it posted follows): reminders go at ticks
    # the team's work (simulation/work.py; the oracle's side is simulation/work_model.py)
    "goal",  # community, team, user, fields (what, measure, target, by: those given)
    "action",  # community, team, user, owner, what, due (date), number (as its adder was told)
    "done",  # community, team, user, number
    "decision",  # community, team, user, text
    "protocol",  # community, team, user, name, start (True: started; False: stopped)
    "note",  # community, team, user, text: a protocol note for the step the team is on
    "evidence",  # community, user, credential, part (0: the portfolio started), text
)
# What the platforms received (read off the wire fakes).
SEEN = (
    "post",  # community, channel, text, scheduled (bool): a message in a channel
    "dm",  # community, user, text, scheduled (bool)
    "shown",  # community, user, text: an answer only that person saw
)


@dataclass
class Event:
    at: str  # ISO UTC, simulated
    kind: str
    data: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass
class EventLog:
    events: list[Event] = field(default_factory=list)
    _by_kind: dict[str, list[Event]] = field(default_factory=dict)  # the same events, by kind

    def add(self, at: str, kind: str, /, **data: Any) -> Event:
        if kind not in INTENDED and kind not in SEEN:
            raise ValueError(f"unknown event kind {kind!r}")
        event = Event(at, kind, data)
        self.events.append(event)
        self._by_kind.setdefault(kind, []).append(event)
        return event

    def of(self, *kinds: str) -> list[Event]:
        """The events of these kinds, in the order they were logged (one kind: read off the
        index, not the whole log, which a year makes hundreds of thousands long)."""
        if len(kinds) == 1:
            return list(self._by_kind.get(kinds[0], ()))
        return [e for e in self.events if e.kind in kinds]

    def counts(self) -> dict[str, int]:
        return {kind: len(events) for kind, events in self._by_kind.items()}

    def dump(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as f:
            for e in self.events:
                f.write(json.dumps({"at": e.at, "kind": e.kind, **e.data}) + "\n")
