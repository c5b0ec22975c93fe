"""Discord gateway faults at seeded moments, and what is checked of them.

In the second week the fake gateway sends op 7 (Reconnect) to the server's session during a
Discord team's Thursday check-ins; in the third it drops the connection without a close frame at
a seeded hour of a school day. Each happens as the next event for the bot comes in (a command,
a click, a DM), so that event reaches the session while the client is away, and Discord
replays it on RESUME. At the end every interaction
people made must have been answered exactly once (one accepted initial response, none refused),
every DM to the bot answered once, and the client must have resumed after each fault without
identifying again (a new session would have lost what was queued): once in all, or in the
two-process world once per start of the process serving Discord (simulation/faults.py kills
it)."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from simulation.acts import Acts
from simulation.plan import District
from simulation.world import DISCORD

Step = tuple[datetime, int, Callable[[], Awaitable[None]]]


def steps(acts: Acts, district: District, monday: date, n: int) -> list[Step]:
    """The week's gateway fault, if any (op 7 in the second week, a drop in the third)."""
    team = next((t for t in district.teams if t.community == DISCORD), None)
    if team is None or n not in (1, 2):
        return []
    rng = random.Random(f"gateway {district.seed} {n}")
    if n == 1:  # as the check-ins come in
        day, hour, minute = monday + timedelta(days=3), 15, 30 + rng.randint(0, 20)
    else:  # any school-day hour
        day = monday + timedelta(days=rng.randint(0, 4))
        hour, minute = rng.randint(7, 16), rng.randint(0, 59)
    at = datetime.combine(day, time(hour, minute), ZoneInfo(team.zone)).astimezone(UTC)
    return [(at, 2, partial(fault, acts, "op 7" if n == 1 else "drop"))]


async def fault(acts: Acts, kind: str) -> None:
    acts.world.discord.arm(kind)
    said = "sends op 7 (Reconnect)" if kind == "op 7" else "drops (no close frame)"
    acts.faults.append(f"{acts.world.stamp()}: the Discord gateway {said} as the next event comes")


def check(acts: Acts) -> None:
    """Each interaction and DM answered once; the client resumed after every fault."""
    wire = acts.world.discord
    for interaction in wire.sent:
        accepted = sum(1 for status, _ in interaction.attempts if 200 <= status < 300)
        refused = len(interaction.attempts) - accepted
        data = interaction.payload.get("data") or {}
        what = data.get("name") or data.get("custom_id") or "?"
        where = f"{what} by {interaction.user_id}"
        got = {"accepted": accepted, "refused": refused, "answered": interaction.answered.is_set()}
        want = {"accepted": 1, "refused": 0, "answered": True}
        acts.expect("Discord interaction answered once", where, want, got)
    for user, answers in wire.dm_answers:
        acts.expect("Discord DM answered once", user, 1, answers)
    gateway = wire.fake.gateway
    resumes = sum(s.resumes for s in gateway.sessions)
    if wire.faults:
        acts.faults.append(f"{gateway.replayed} gateway events were replayed on RESUME")
    # Not blind: each fault caught an event on its way (else nothing above was at stake).
    acts.expect("Discord fault caught an event", DISCORD, True, gateway.replayed >= wire.faults)
    acts.expect(
        "Discord gateway resumed",
        DISCORD,
        {"identifies": wire.identifies(), "resumes": wire.faults},
        {"identifies": len(gateway.identifies), "resumes": resumes},
    )
