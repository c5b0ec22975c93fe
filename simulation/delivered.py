"""The scheduled posts and reminder DMs the platforms received, against the ones the oracle
says were due (standard library only): none twice for one (schedule, fire time), none lost,
none during a break, none unexpected."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from simulation.events import EventLog
from simulation.oracle import Oracle
from simulation.work_model import ACTION_REMINDER

Key = tuple[str, str, datetime]  # community, channel or person, moment
Verdict = tuple[str, str, Any, Any]  # check, where, expected, got


def received(log: EventLog) -> tuple[Counter[Key], Counter[Key]]:
    """The scheduled channel posts and DMs, counted by where and when they arrived."""
    posts: Counter[Key] = Counter()
    dms: Counter[Key] = Counter()
    for e in log.of("post", "dm"):
        if e.get("scheduled") and ACTION_REMINDER not in e["text"]:  # those: work_check.py
            at = datetime.fromisoformat(e.at)
            if e.kind == "post":
                posts[(e["community"], e["channel"], at)] += 1
            else:
                dms[(e["community"], e["user"], at)] += 1
    return posts, dms


def compare_delivered(log: EventLog, oracle: Oracle) -> tuple[list[Verdict], dict[str, int]]:
    posts, dms = received(log)
    verdicts = compare(oracle, "scheduled post", posts, oracle.expected.posts)
    verdicts += compare(oracle, "reminder DM", dms, oracle.expected.dms)
    return verdicts, {"posts": sum(posts.values()), "dms": sum(dms.values())}


def compare(oracle: Oracle, what: str, got: Counter[Key], want: Counter[Key]) -> list[Verdict]:
    out: list[Verdict] = []
    for key in sorted(set(got) | set(want)):
        where = f"{key[0]} {key[1]} at {key[2].isoformat()}"
        n, m = got[key], want[key]
        if n > m and m:
            out.append((f"{what} twice", where, m, n))
        elif m and not n:
            out.append((f"{what} lost", where, m, 0))
        elif n and not m:
            label = "during a break" if in_break(oracle, key) else "unexpected"
            out.append((f"{what} {label}", where, 0, n))
        else:
            out.append((what, where, m, n))
    return out


def in_break(oracle: Oracle, key: Key) -> bool:
    c = oracle.communities[key[0]]
    team = c.teams.get(key[1]) or next(iter(c.teams.values()))
    return c.in_break(key[2].astimezone(team.zone).date())
