"""Use cases: one function per intent, each run inside one unit of work by bot.service."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.commands import intents as i
from bot.outcome import Outcome
from bot.usecases import (
    attendance,
    cycle,
    help,
    me,
    norms,
    pdhours,
    privacy,
    prompts,
    reflection_history,
    reflections,
    report,
    schedules,
    sessions,
    stranded,
    team,
    team_prompts,
)
from bot.usecases.context import Ctx

Handler = Callable[[Any, Ctx], Awaitable[Outcome]]

HANDLERS: dict[type, Handler] = {
    i.Help: help.show,
    i.CheckInCmd: sessions.check_in,
    i.Reflect: reflections.reflect,
    i.ReflectEdit: reflection_history.edit,
    i.MeReflections: reflection_history.mine,
    i.Here: attendance.here,
    i.HereClick: attendance.here_click,
    i.Attend: attendance.attend,
    i.AttendConfirm: attendance.confirm,
    i.MePdHours: pdhours.show,
    i.ShowNorms: norms.show,
    i.ShowCycle: cycle.show,
    i.MeStreak: me.streak,
    i.MeExport: privacy.export,
    i.MeForget: privacy.forget,
    i.ListReflections: privacy.list_reflections,
    i.MeReminders: me.reminders,
    i.SessionOpen: sessions.open_session,
    i.SessionClose: sessions.close_session,
    i.StageNext: cycle.next_stage,
    i.StageSet: cycle.set_stage,
    i.PromptSend: prompts.send,
    i.PromptList: team_prompts.show,
    i.PromptAdd: team_prompts.add,
    i.PromptRetire: team_prompts.retire,
    i.NormsAdd: norms.add,
    i.NormsRemove: norms.remove,
    i.NormsReset: norms.reset,
    i.Report: report.report,
    i.TeamCreate: team.create,
    i.TeamSetTimezone: team.set_timezone,
    i.TeamSetLanguage: team.set_language,
    i.RoleGrant: team.grant,
    i.RoleRevoke: team.revoke,
    i.ScheduleAdd: schedules.add,
    i.ScheduleList: schedules.list_schedules,
    i.ScheduleChange: schedules.change,
    i.ScheduleRunAction: stranded.act,
    i.CalendarOff: schedules.calendar_off,
    i.CalendarList: schedules.calendar_list,
    i.CalendarRemove: schedules.calendar_remove,
    i.CheckInClick: sessions.check_in_click,
    i.ReflectClick: reflections.click,
    i.PulseAnswer: sessions.pulse,
    i.ForgetConfirm: privacy.forget_confirmed,
    i.ReflectSubmit: reflections.submit,
}
