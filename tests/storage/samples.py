"""Domain objects to store in the storage tests, and helpers to seed a team or a history."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.attendance import Attendance
from bot.credentials import Comment, Evidence, EvidenceKind, Portfolio
from bot.domain import (
    AuditEntry,
    CheckIn,
    Community,
    CycleStage,
    Member,
    MessageRef,
    PendingWithdrawal,
    PostedMessage,
    PromptDelivery,
    PulseAnswer,
    Reflection,
    Role,
    Session,
    StageChange,
    Team,
    TeamRole,
    Visibility,
)
from bot.minutes import AgendaItem, Decision, KeptMinutes, MeetingRole, RoleAssignment
from bot.ports import UnitOfWork
from bot.protocols import ProtocolNote, ProtocolRun, RunStep
from bot.rules.prompts import TeamPrompt
from bot.scheduling.model import (
    CalendarBreak,
    RunState,
    Schedule,
    ScheduleKind,
    ScheduleRun,
)
from bot.work import ActionItem, ActionStatus, CycleEntry, EntryKind, ReminderKind

A = "slack:TA"  # a community
B = "slack:TB"  # another community, which must never see A's rows
T0 = datetime(2025, 1, 6, 15, 30, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def community(community_id: str = A) -> Community:
    platform, external = community_id.split(":", 1)
    return Community(community_id, platform, external, T0)


def team(community_id: str = A, channel_id: str = "C1", **changes: Any) -> Team:
    made = Team(
        id=0,
        community_id=community_id,
        channel_id=channel_id,
        name="Grade 4 math",
        timezone="America/Chicago",
        language="en",
        stage=CycleStage.ANALYZE,
        cycle=1,
        stage_started_at=T0,
        created_at=T0,
        created_by="U1",
    )
    return replace(made, **changes)


def session(of: Team, **changes: Any) -> Session:
    made = Session(0, of.community_id, of.id, "Fractions", of.stage, "U1", T0)
    return replace(made, **changes)


def checkin(of: Team, session_id: int | None, user_id: str = "U2", **changes: Any) -> CheckIn:
    made = CheckIn(0, of.community_id, of.id, session_id, user_id, 4, "curious", T0)
    return replace(made, **changes)


def delivery(of: Team, **changes: Any) -> PromptDelivery:
    made = PromptDelivery(0, of.community_id, of.id, "analyze-1", of.stage, T0)
    return replace(made, **changes)


def reflection(of: Team, user_id: str = "U2", **changes: Any) -> Reflection:
    made = Reflection(0, of.community_id, of.id, user_id, "I noticed…", Visibility.FACILITATORS, T0)
    return replace(made, **changes)


def pulse(community_id: str, session_id: int, user_id: str = "U2", **changes: Any) -> PulseAnswer:
    return replace(PulseAnswer(community_id, session_id, user_id), **changes)


def posted(community_id: str = A, kind: str = "session_card", **changes: Any) -> PostedMessage:
    made = PostedMessage(community_id, kind, 1, MessageRef("C1", "1700000000.000100"), None, T0)
    return replace(made, **changes)


def schedule(of: Team, **changes: Any) -> Schedule:
    made = Schedule(
        id=0,
        community_id=of.community_id,
        team_id=of.id,
        kind=ScheduleKind.REFLECTION_PROMPT,
        when="mon,wed 15:30",
        timezone="America/Chicago",
        created_by="U1",
        created_at=T0,
        next_fire_at=at(60),
    )
    return replace(made, **changes)


def run(of: Schedule, fire_at: datetime = T0, **changes: Any) -> ScheduleRun:
    made = ScheduleRun(0, of.community_id, of.id, fire_at, RunState.CLAIMED, fire_at)
    return replace(made, **changes)


def audit(of: Team, reader_id: str = "U1", **changes: Any) -> AuditEntry:
    made = AuditEntry(of.community_id, reader_id, of.id, "reflections", 3, T0)
    return replace(made, **changes)


def calendar_break(
    community_id: str = A, team_id: int | None = None, **changes: Any
) -> CalendarBreak:
    made = CalendarBreak(
        0, community_id, team_id, date(2025, 3, 17), date(2025, 3, 21), "Spring break", "U1"
    )
    return replace(made, **changes)


async def seed_team(uow: UnitOfWork, community_id: str = A, channel_id: str = "C1") -> Team:
    """The community (if new) and a team in it, in the open unit of work."""
    await uow.communities.add(community(community_id))
    return await uow.teams.add(team(community_id, channel_id))


DAY = 24 * 60  # minutes


async def seed_history(uow: UnitOfWork, community_id: str) -> tuple[Team, Team]:
    """Two people's first weeks in a community, through the repositories: two teams, each
    facilitated by one of them ("U1" leads math, "U2" science) and joined by the other, with
    a session (check-ins, a closing prompt, answers, the pulse), a later prompt with DMs and
    reminders, a private note, a schedule and its runs, breaks, audited reads and handled
    events. Every table gets rows, and every per-person table gets rows of both people."""
    await uow.communities.add(community(community_id))
    math = await uow.teams.add(team(community_id, "C1", created_by="U1"))
    science = await uow.teams.add(
        team(community_id, "C2", name="Grade 5 science", created_by="U2", timezone="UTC")
    )
    await uow.members.save(Member(community_id, "U1", is_admin=True, joined_at=T0))
    await uow.members.save(
        Member(community_id, "U2", reminders=False, joined_at=at(5), language="es")
    )
    for t, lead, other in ((math, "U1", "U2"), (science, "U2", "U1")):
        await uow.team_roles.save(community_id, TeamRole(t.id, lead, Role.FACILITATOR))
        await uow.team_roles.save(community_id, TeamRole(t.id, other, Role.TEACHER))
        change = StageChange(t.id, 1, CycleStage.GOALS, at(2 * DAY), lead)
        await uow.stage_changes.add(community_id, change)
        met = await uow.sessions.add(session(t, opened_by=lead, closed_at=at(55)))
        card = MessageRef(t.channel_id, f"{t.id}.100")
        await uow.posted.add(posted(community_id, "session_card", subject_id=met.id, ref=card))
        closing = await uow.deliveries.add(
            delivery(t, session_id=met.id, kind="closing", sent_at=at(50))
        )
        later = await uow.deliveries.add(delivery(t, prompt_id="goals-1", sent_at=at(DAY)))
        for user, score, relevant in ((lead, 5, 5), (other, 3, 4)):
            await uow.checkins.add(checkin(t, met.id, user, score=score, at=at(1)))
            await uow.reflections.add(
                reflection(t, user, delivery_id=closing.id, created_at=at(52))
            )
            await uow.pulse.save(
                pulse(community_id, met.id, user, relevant=relevant, recommend=True)
            )
            dm = MessageRef(f"D-{user}", f"{later.id}.{user}")
            await uow.posted.add(
                posted(community_id, "prompt_dm", subject_id=later.id, user_id=user, ref=dm)
            )
            assert await uow.reminders.claim(community_id, later.id, user, at(2 * DAY))
        await uow.checkins.add(checkin(t, None, other, score=2, word="tired", at=at(3 * DAY)))
        await uow.reflections.add(
            reflection(
                t, other, text="Just for me", visibility=Visibility.PRIVATE, created_at=at(DAY)
            )
        )
        weekly = await uow.schedules.add(schedule(t, created_by=lead))
        assert await uow.schedule_runs.claim(
            run(weekly, at(DAY), state=RunState.SENT, finished_at=at(DAY + 1), posts=1)
        )
        assert await uow.schedule_runs.claim(run(weekly, at(2 * DAY)))
        await uow.calendar.add(calendar_break(community_id, t.id, created_by=lead))
        await uow.audit.add(audit(t, lead, count=2, at=at(3 * DAY)))
        await seed_work(uow, t, lead, other)
        await seed_minutes(uow, t, met.id, lead, other)
        await seed_protocols(uow, t, met.id, lead, other)
        shared = MessageRef(t.channel_id, f"{t.id}.300")  # a forgotten author's post, refused
        await uow.withdrawals.add(PendingWithdrawal(community_id, shared, at(4 * DAY)))
        for user in (lead, other):  # the other marked by the lead, both signed off
            here = Attendance(community_id, t.id, met.id, user, at(2), lead, at(56), lead)
            assert await uow.attendance.mark(here)
        own = TeamPrompt(community_id, t.id, CycleStage.GOALS, f"What will {t.name} try?", at(6))
        await uow.team_prompts.add(own)
    await uow.calendar.add(calendar_break(community_id, None, label="Thanksgiving"))
    await seed_portfolios(uow, community_id)
    for key in ("Ev-1", "Ev-2"):
        assert await uow.events.claim(community_id, key, at(1))
    return math, science


async def seed_minutes(uow: UnitOfWork, t: Team, session_id: int, lead: str, other: str) -> None:
    """A session's agenda (and the next one's), the other as its note-taker (given by the lead),
    a decision the other wrote, and the minutes kept."""
    cid = t.community_id
    for sid in (session_id, None):
        await uow.meetings.add_item(AgendaItem(0, cid, t.id, sid, 20, "Data", lead, at(1)))
        role = RoleAssignment(cid, t.id, sid, MeetingRole.NOTE_TAKER, other, lead, at(1))
        await uow.meetings.set_role(role)
    said = Decision(0, cid, t.id, session_id, "Fridays", other, at(30))
    await uow.meetings.add_decision(said)
    await uow.meetings.keep(KeptMinutes(0, cid, t.id, session_id, 1, ("No goal yet.",), at(55)))


async def seed_protocols(uow: UnitOfWork, t: Team, session_id: int, lead: str, other: str) -> None:
    """A protocol run the lead started in the session, its first step, a note from each."""
    cid = t.community_id
    r = await uow.protocol_runs.add(
        ProtocolRun(0, cid, t.id, "notice-and-wonder", "Notice and wonder", lead, at(3), session_id)
    )
    step = await uow.protocol_runs.add_step(
        RunStep(0, cid, r.id, 1, "Look", "Look quietly.", 3, at(3), at(6))
    )
    for user in (lead, other):
        await uow.protocol_runs.add_note(ProtocolNote(0, cid, r.id, step.id, user, "3/4", at(4)))


async def seed_work(uow: UnitOfWork, t: Team, lead: str, other: str) -> None:
    """The team's work: a need and goal the lead wrote, both people's commitments, the other's
    evidence, an item each owns (the lead's given and closed by the other), each reminded."""
    cid = t.community_id

    def entry(kind: EntryKind, text: str, by: str, **more: Any) -> CycleEntry:
        return CycleEntry(0, cid, t.id, 1, kind, text, by, at(DAY), **more)

    await uow.cycle_records.add(entry(EntryKind.NEED, "Fractions", lead, detail=("screener",)))
    await uow.cycle_records.add(entry(EntryKind.GOAL, "Place 3/4", lead, detail=("Place 3/4",)))
    for user in (lead, other):
        await uow.cycle_records.add(entry(EntryKind.COMMITMENT, "Talks", user, user_id=user))
    await uow.cycle_records.add(entry(EntryKind.EVIDENCE, "ok", other, user_id=other, percent=60))
    theirs = await uow.action_items.add(
        ActionItem(0, cid, t.id, other, "Rubric", at(DAY).date(), lead, at(DAY))
    )
    mine = await uow.action_items.add(
        ActionItem(0, cid, t.id, lead, "Tickets", at(DAY).date(), other, at(DAY))
    )
    await uow.action_items.save(
        replace(mine, status=ActionStatus.DONE, done_at=at(2 * DAY), done_by=other)
    )
    for item in (theirs, mine):
        assert await uow.action_items.claim_reminder(item, ReminderKind.OVERDUE, at(2 * DAY))


async def seed_portfolios(uow: UnitOfWork, cid: str) -> None:
    """Each person's micro-credential portfolio, with a text and a file, shared with the other,
    who commented on it."""
    for owner, reviewer in (("U1", "U2"), ("U2", "U1")):
        p = await uow.portfolios.start(Portfolio(0, cid, owner, "formative-data", at(DAY)))
        await uow.portfolios.save(replace(p, reviewer_id=reviewer, shared_at=at(2 * DAY)))
        for kind in (EvidenceKind.TEXT, EvidenceKind.FILE):
            e = Evidence(0, cid, p.id, owner, "context", kind, at(DAY), text="Grade 4")
            await uow.portfolios.add_evidence(replace(e, content=b"\x00png"))
        note = Comment(0, cid, p.id, owner, reviewer, "context", "Name the standard.", at(DAY))
        await uow.portfolios.add_comment(note)
