"""Every view, read by every reader after every step: App Home, `/plc report`, `/plc report
all`, `/plc reflections` in each team channel, the personal export (`/plc me export`, DM'd
files) and the district export; and the audit log those readings leave. What each reader is
shown is checked against the model (world.check_text); what the export and the audit log say
is checked against the rows. Readings go straight to the core and leave the model's picture of
who took part where untouched (reading is not taking part)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import fields

from bot.domain import AuditEntry
from bot.outcome import Outcome
from tests.property.model import SECRET
from tests.property.world import World

TEAM_VIEWS = ("/plc report", "/plc report all")


def read_every_view(world: World, problems: list[str]) -> None:
    """Each person of each community reads each view; the district office reads its export.
    Straight to the core, and what it sends stays in the world's record of chat (the rules
    read through the front doors; this is every view after every step, and must be quick)."""
    world.chat.offline = True
    try:
        read_all(world, problems)
    finally:
        world.chat.offline = False
    world.scan_chat()  # the export DMs, read while what they hold is live


def read_all(world: World, problems: list[str]) -> None:
    for cid, community in world.model.communities.items():
        teams = sorted(community.teams)
        for user in community.people:
            world.home(user, cid, buttons=False)
            for channel in teams:
                for line in TEAM_VIEWS:
                    look(world, user, cid, channel, line)
                problems += audited(world, user, cid, channel)
            problems += exported(world, user, cid)
        world.district_export(cid)
    problems += audit_has_no_text(world)


def look(
    world: World, user: str, cid: str, channel: str | None, line: str, *, wire: bool = False
) -> Outcome:
    """`line` typed by `user`: through their community's front door (`wire`; what they were
    shown is read there), or straight to the core (its reply is what they are shown)."""
    if wire:
        return world.say(user, cid, channel, line, part=False)
    out = world.run(world.bot.command(world.actor(user, cid, channel), line))
    if out.reply is not None:
        world.check_text(user, cid, out.reply.plain_text(), f"`{line}` in {channel}")
    return out


def audited(world: World, user: str, cid: str, channel: str, *, wire: bool = False) -> list[str]:
    """A reflections reading is recorded, as this reader's, counting what they were shown."""
    before = world.run(audit_entries(world, cid))
    out = look(world, user, cid, channel, "/plc reflections", wire=wire)
    if not out.ok:
        return []
    shown = len(SECRET.findall(out.reply.plain_text())) if out.reply else 0
    new = world.run(audit_entries(world, cid)) - before
    if new != Counter({(user, "reflections", shown): 1}):
        return [
            f"{user} was shown {shown} reflections in {channel}; the audit log recorded "
            f"{sorted(new.elements())}"
        ]
    return []


async def audit_entries(world: World, cid: str) -> Counter[tuple[str, str, int]]:
    async with world.uow() as u:
        return Counter((e.reader_id, e.what, e.count) for e in await u.audit.list(cid))


def exported(world: World, user: str, cid: str, *, wire: bool = False) -> list[str]:
    """`/plc me export`: the DM'd files hold exactly this person's rows here."""
    before = len(world.chat.sent)
    out = look(world, user, cid, None, "/plc me export", wire=wire)
    if not out.ok:
        return []
    world.run(world.bot.drain())
    files = [s.files for s in world.chat.sent[before:] if s.kind == "dm" and s.where == user]
    if not files:
        return [f"{user}'s export in {cid} was promised but no files were DM'd"]
    body = files[-1].get("plcbot-export.json")
    if body is None:
        return [f"{user}'s export in {cid} has no plcbot-export.json"]
    data = json.loads(body)
    rows = world.run(rows_of(world, cid, user))
    got = {t for r in data["reflections"] for t in SECRET.findall(r["text"])}
    problems = []
    if data.get("user") != user or data.get("community") != cid:
        problems.append(
            f"{user}'s export in {cid} names {data.get('user')} in {data.get('community')}"
        )
    if got != rows["reflections"] or got != world.model.live_secrets(cid, user):
        problems.append(
            f"{user}'s export in {cid} holds {sorted(got)}; their rows are "
            f"{sorted(rows['reflections'])}"
        )
    if len(data["checkins"]) != rows["checkins"]:
        problems.append(
            f"{user}'s export in {cid} has {len(data['checkins'])} check-ins; "
            f"{rows['checkins']} are stored"
        )
    return problems


async def rows_of(world: World, cid: str, user: str) -> dict[str, object]:
    async with world.uow() as u:
        reflections = await u.reflections.by_user(cid, user)
        checkins = await u.checkins.by_user(cid, user)
        pulse = await u.pulse.by_user(cid, user)
    return {
        "reflections": {t for r in reflections for t in SECRET.findall(r.text)},
        "checkins": len(checkins),
        "pulse": len(pulse),
    }


def audit_has_no_text(world: World) -> list[str]:
    async def entries() -> list[AuditEntry]:
        out: list[AuditEntry] = []
        async with world.uow() as u:
            for cid in world.model.communities:
                out += await u.audit.list(cid)
        return out

    problems = []
    for entry in world.run(entries()):
        for f in fields(entry):
            value = str(getattr(entry, f.name))
            if SECRET.search(value):
                problems.append(f"the audit log holds reflection text in `{f.name}`")
    return problems
