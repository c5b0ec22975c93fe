"""The fake of the data rights: forgetting a person, purging a community, retention.

Each returns how many rows it removed by the SQL table's name, in the SQL repository's order,
so a receipt reads the same over the fake as over a database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot.domain import Community
from tests.fake_minutes import forget_minutes, purge_minutes
from tests.fakes.credentials import forget_portfolios, purge_portfolios
from tests.fakes.protocols import forget_protocol_notes, purge_protocols
from tests.fakes.state import Repo, State, by, drop, utc

FORGOTTEN = "forgotten"
# Where a person's id stands only as who did something: (table, field), kept with the id replaced.
ATTRIBUTIONS = (
    ("audit", "reader_id"),
    ("audit", "subject_id"),
    ("teams", "created_by"),
    ("sessions", "opened_by"),
    ("stage_changes", "changed_by"),
    ("schedules", "created_by"),
    ("breaks", "created_by"),
)


def _anonymise(s: State, community_id: str, user_id: str) -> int:
    """Replace the person's id where it only says who did something; how many rows changed."""
    changed = 0
    for table, name in ATTRIBUTIONS:
        if table == "stage_changes":
            for n, (cid, change) in enumerate(s.stage_changes):
                if cid == community_id and change.changed_by == user_id:
                    s.stage_changes[n] = (cid, replace(change, changed_by=FORGOTTEN))
                    changed += 1
            continue
        held = getattr(s, table)
        items = list(enumerate(held)) if isinstance(held, list) else list(held.items())
        for key, row in items:
            if row.community_id == community_id and getattr(row, name) == user_id:
                held[key] = replace(row, **{name: FORGOTTEN})
                changed += 1
    return changed


class DataRights(Repo):
    async def forget_person(self, community_id: str, user_id: str) -> dict[str, int]:
        """Every row of this person in this community, and nothing of anyone else's."""
        await self.uow.writing()
        s = self.s
        deliveries = {d.id for d in s.deliveries.values() if d.community_id == community_id}
        theirs = {
            r.id
            for r in s.reflections.values()
            if r.community_id == community_id and r.user_id == user_id
        }
        before = len(s.posted)
        s.posted = [
            p
            for p in s.posted
            if not (
                p.community_id == community_id and p.kind == "reflection" and p.subject_id in theirs
            )
        ]
        shared_posts = before - len(s.posted)
        counts = {"anonymised": _anonymise(s, community_id, user_id)}
        mine = lambda x: x.community_id == community_id and x.user_id == user_id  # noqa: E731
        counts["reflections"] = drop(s.reflections, mine)
        counts["checkins"] = drop(s.checkins, mine)
        counts["attendances"] = drop(s.attendance, mine)
        counts["pulse_answers"] = drop(s.pulse, mine)
        teams = {t.id for t in s.teams.values() if t.community_id == community_id}
        counts["team_roles"] = drop(
            s.team_roles, lambda r: r.team_id in teams and r.user_id == user_id
        )
        before = len(s.reminders)
        s.reminders = {(d, u) for d, u in s.reminders if not (d in deliveries and u == user_id)}
        counts["sent_reminders"] = before - len(s.reminders)
        before = len(s.posted)
        s.posted = [p for p in s.posted if not mine(p)]
        counts["posted_messages"] = before - len(s.posted) + shared_posts
        counts["members"] = 1 if s.members.pop((community_id, user_id), None) else 0
        _forget_attendance(s, community_id, user_id)
        _forget_work(s, community_id, user_id, counts)
        forget_minutes(s, community_id, user_id, counts)
        forget_protocol_notes(s, community_id, user_id, counts)
        forget_portfolios(s, community_id, user_id, counts)
        return counts

    async def purge_community(self, community_id: str) -> dict[str, int]:
        """Every row of the community in every table, the communities row last."""
        await self.uow.writing()
        return _purge(self.s, community_id)

    async def delete_reflections_before(self, community_id: str, before: datetime) -> int:
        await self.uow.writing()
        before = utc(before)
        old = {
            r.id
            for r in self.s.reflections.values()
            if r.community_id == community_id and r.created_at < before
        }
        self.s.posted = [
            p
            for p in self.s.posted
            if not (
                p.community_id == community_id and p.kind == "reflection" and p.subject_id in old
            )
        ]
        return drop(self.s.reflections, lambda r: r.id in old)

    async def communities(self) -> Sequence[Community]:
        """Every community, removed ones included, by id."""
        return sorted(self.s.communities.values(), key=by("id"))

    async def mark_removed(self, community_id: str, at: datetime | None) -> None:
        await self.uow.writing()
        c = self.community_in(community_id)
        self.s.communities[community_id] = replace(c, removed_at=None if at is None else utc(at))


def _purge(s: State, community_id: str) -> dict[str, int]:
    ours = lambda x: x.community_id == community_id  # noqa: E731
    deliveries = {d.id for d in s.deliveries.values() if ours(d)}
    teams = {t.id for t in s.teams.values() if ours(t)}
    counts: dict[str, int] = {}
    before = len(s.reminders)
    s.reminders = {(d, u) for d, u in s.reminders if d not in deliveries}
    counts["sent_reminders"] = before - len(s.reminders)
    counts["reflections"] = drop(s.reflections, ours)
    counts["schedule_runs"] = drop(s.runs, ours)
    counts["pulse_answers"] = drop(s.pulse, ours)
    counts["prompt_deliveries"] = drop(s.deliveries, ours)
    counts["checkins"] = drop(s.checkins, ours)
    counts["team_roles"] = drop(s.team_roles, lambda r: r.team_id in teams)
    before = len(s.stage_changes)
    s.stage_changes = [(cid, c) for cid, c in s.stage_changes if cid != community_id]
    counts["stage_changes"] = before - len(s.stage_changes)
    purge_minutes(s, community_id, counts)  # before the sessions they belong to
    counts["sessions"] = drop(s.sessions, ours)
    counts["schedules"] = drop(s.schedules, ours)
    counts["calendar_breaks"] = drop(s.breaks, ours)
    before = len(s.audit)
    s.audit = [e for e in s.audit if not ours(e)]
    counts["audit_log"] = before - len(s.audit)
    counts["teams"] = drop(s.teams, ours)
    before = len(s.posted)
    s.posted = [p for p in s.posted if not ours(p)]
    counts["posted_messages"] = before - len(s.posted)
    counts["pending_withdrawals"] = drop(s.withdrawals, ours)
    purge_protocols(s, community_id, counts)
    counts["team_prompts"] = drop(s.team_prompts, ours)
    counts["attendances"] = drop(s.attendance, ours)
    purge_portfolios(s, community_id, counts)
    counts["members"] = drop(s.members, ours)
    events = [key for key in s.events if key[0] == community_id]
    for key in events:
        del s.events[key]
    counts["processed_events"] = len(events)
    counts["communities"] = 1 if s.communities.pop(community_id, None) else 0
    s.had_admin.discard(community_id)
    return counts


def _forget_work(s: State, community_id: str, user_id: str, counts: dict[str, int]) -> None:
    """The person's commitments, evidence and owned action items go; what they wrote for the
    team (need, goal, designs, items made or closed for others) is kept as "forgotten"."""
    counts["cycle_entries"] = sum(
        1 for e in s.cycle_entries if e.community_id == community_id and e.user_id == user_id
    )
    s.cycle_entries = [
        replace(e, written_by="forgotten") if e.written_by == user_id else e
        for e in s.cycle_entries
        if not (e.community_id == community_id and e.user_id == user_id)
    ]
    counts["action_items"] = drop(
        s.action_items, lambda a: a.community_id == community_id and a.owner_id == user_id
    )
    for key, item in list(s.action_items.items()):
        if item.community_id == community_id and user_id in (item.created_by, item.done_by):
            s.action_items[key] = replace(
                item,
                created_by="forgotten" if item.created_by == user_id else item.created_by,
                done_by="forgotten" if item.done_by == user_id else item.done_by,
            )


def _forget_attendance(s: State, community_id: str, user_id: str) -> None:
    """Who marked someone present or signed attendance off is kept as "forgotten"."""
    for key, a in list(s.attendance.items()):
        if a.community_id == community_id and user_id in (a.marked_by, a.confirmed_by):
            s.attendance[key] = replace(
                a,
                marked_by=FORGOTTEN if a.marked_by == user_id else a.marked_by,
                confirmed_by=FORGOTTEN if a.confirmed_by == user_id else a.confirmed_by,
            )
