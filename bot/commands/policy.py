"""Who may do what: the role, needs-a-team and bootstrap policy of every intent type.

Declared once per intent type, so a command typed as text, a Discord option, a button and a
form meet the same policy; the grammar's table only says how text reads."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands import credential_intents as cr
from bot.commands import intents as i
from bot.commands import intents_records as r
from bot.commands import minutes_intents as m
from bot.commands import protocol_intents as p
from bot.commands import work_intents as w
from bot.domain import Role


@dataclass(frozen=True)
class Policy:
    role: Role = Role.TEACHER
    needs_team: bool = True  # refused outside a learning team's channel
    bootstrap: bool = False  # anyone may, while the community has no admin yet


TEACHER = Policy()
ANYWHERE = Policy(needs_team=False)  # a person's own things, or a click that names its team
FACILITATOR = Policy(Role.FACILITATOR)
ADMIN = Policy(Role.ADMIN)

POLICIES: dict[type, Policy] = {
    i.Help: ANYWHERE,
    i.CheckInCmd: TEACHER,
    i.Reflect: TEACHER,
    i.ReflectEdit: ANYWHERE,  # the use case checks it is the person's own
    i.MeReflections: ANYWHERE,
    i.Here: TEACHER,
    i.Attend: FACILITATOR,
    i.AttendConfirm: FACILITATOR,
    i.MePdHours: ANYWHERE,
    i.HereClick: TEACHER,  # in the team's channel; the use case checks the session is its
    i.ShowNorms: TEACHER,
    i.ShowCycle: TEACHER,
    i.MeExport: ANYWHERE,
    i.MeForget: ANYWHERE,
    i.MeStreak: ANYWHERE,
    i.MeReminders: ANYWHERE,
    r.MeLanguage: ANYWHERE,
    i.SessionOpen: FACILITATOR,
    i.SessionClose: FACILITATOR,
    i.StageNext: FACILITATOR,
    i.StageSet: FACILITATOR,
    i.StageSetByTitle: FACILITATOR,
    i.CommunityReport: Policy(Role.ADMIN, needs_team=False),
    i.PromptSend: FACILITATOR,
    i.PromptList: TEACHER,
    i.PromptAdd: FACILITATOR,
    i.PromptRetire: FACILITATOR,
    i.NormsAdd: FACILITATOR,
    i.NormsRemove: FACILITATOR,
    i.NormsReset: FACILITATOR,
    i.NormsEdit: FACILITATOR,
    i.NormsMove: FACILITATOR,
    i.Report: FACILITATOR,
    i.ListReflections: FACILITATOR,
    i.TeamCreate: Policy(Role.ADMIN, needs_team=False, bootstrap=True),
    i.TeamSetTimezone: ADMIN,
    i.TeamSetLanguage: ADMIN,
    i.TeamRename: ADMIN,
    i.TeamList: Policy(Role.ADMIN, needs_team=False),
    i.TeamArchive: ADMIN,
    i.RoleList: ANYWHERE,  # who leads each team, and who the admins are: anyone may ask
    i.RoleGrant: ADMIN,
    i.RoleRevoke: ADMIN,
    i.ScheduleAdd: FACILITATOR,  # the schedule is this channel's team's
    i.ScheduleList: FACILITATOR,
    i.ScheduleChange: FACILITATOR,
    i.ScheduleRunAction: ADMIN,
    i.CalendarOff: ADMIN,
    i.CalendarList: ADMIN,
    i.CalendarRemove: ADMIN,
    # Buttons and forms: their use cases check the session, delivery or person they name.
    i.CheckInClick: TEACHER,
    i.ReflectClick: ANYWHERE,
    i.PulseAnswer: ANYWHERE,
    i.ForgetConfirm: ANYWHERE,
    i.ForgetCancel: ANYWHERE,
    i.ReflectSubmit: ANYWHERE,
    i.CheckInWord: ANYWHERE,
    # The zone form names its team; an admin (as who created it) answers it from anywhere.
    i.TeamZoneClick: Policy(Role.ADMIN, needs_team=False),
    i.TeamZoneSubmit: Policy(Role.ADMIN, needs_team=False),
    # The team's work: facilitators keep the cycle's record, every member adds to it.
    w.NeedSet: FACILITATOR,
    w.GoalForm: FACILITATOR,
    w.GoalSet: FACILITATOR,
    w.GoalCredential: FACILITATOR,
    w.DesignAdd: FACILITATOR,
    w.CycleClose: FACILITATOR,
    w.CommitSet: TEACHER,
    w.EvidenceAdd: TEACHER,
    w.ActionAdd: TEACHER,
    w.ActionList: TEACHER,
    w.ActionForm: TEACHER,
    w.ActionSubmit: TEACHER,
    w.ActionDone: ANYWHERE,  # the use case checks the item's team is the person's
    # A session's agenda and roles are the facilitator's; a decision the facilitator's or the
    # note-taker's (the use case checks the meeting role); every member reads the minutes.
    m.AgendaAdd: FACILITATOR,
    m.AgendaList: TEACHER,
    m.AgendaRemove: FACILITATOR,
    m.AgendaClear: FACILITATOR,
    m.AgendaForm: FACILITATOR,
    m.AgendaSubmit: FACILITATOR,
    m.MeetingRoleSet: FACILITATOR,
    m.DecisionAdd: TEACHER,
    m.MinutesShow: TEACHER,
    # Protocols: a facilitator runs one and moves it on; anyone in the team takes notes.
    p.ProtocolList: TEACHER,
    p.ProtocolStart: FACILITATOR,
    p.ProtocolStop: FACILITATOR,
    p.StepNext: FACILITATOR,
    p.StepSkip: FACILITATOR,
    p.StepExtend: FACILITATOR,
    p.ProtocolNote: TEACHER,
    p.NoteForm: TEACHER,
    p.NoteSubmit: TEACHER,
    # Micro-credential portfolios are a person's own, in any channel or a DM; the use cases
    # check the portfolio, reflection or evidence is the actor's, or was shared with them.
    **{intent: ANYWHERE for intent in cr.CredentialIntent.__args__},
}


def policy_of(intent_type: type) -> Policy:
    return POLICIES[intent_type]
