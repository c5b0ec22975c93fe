"""The messages the bot posts: session card, stage introduction, prompt, pulse, summaries.
Use cases decide what to say; this module decides how it looks in the neutral model."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot import actions, minutes_cards, work_cards
from bot.day_words import date_text
from bot.domain import CheckIn, CycleStage, PromptDelivery, Session, Team
from bot.i18n import N_, _, fill, ngettext
from bot.library import PromptLibrary, ReflectionPrompt
from bot.messages import Bold, Button, ButtonStyle, Italic, Mention, Message, MessageBuilder
from bot.minutes import Plan
from bot.reports import arrival_of
from bot.work_cards import OpenItems

ANSWER_PATHS = N_(
    "A reply in this thread is read by the whole team. "
    "Answer with the Reflect button (or by DM) and you choose who reads it; "
    "only the facilitators unless you say otherwise."
)


def checkin_buttons(library: PromptLibrary, session_id: int | None) -> tuple[Button, ...]:
    return tuple(
        Button(point.label, actions.checkin(session_id, point.value))
        for point in library.checkin.scale
    )


def reflect_button(delivery_id: int | None, label: str | None = None) -> Button:
    return Button(
        _("Reflect") if label is None else label, actions.reflect(delivery_id), ButtonStyle.PRIMARY
    )


def session_card(
    team: Team,
    session: Session,
    library: PromptLibrary,
    norms: Sequence[str],
    checked_in: int,
    items: OpenItems | None = None,
    plan: Plan | None = None,
) -> Message:
    """`items`: the team's open action items and the team's today, listed while it is open;
    `plan`: the session's agenda and meeting roles."""
    stage = library.stage(session.stage)
    b = MessageBuilder().heading(
        _("Session open: {topic}").format(topic=session.topic)
        if session.topic
        else _("Session open")
    )
    b.para(
        *fill(
            _("Stage {stage} · cycle {cycle}"),
            stage=Bold(f"{session.stage.number}. {stage.name}"),
            cycle=str(team.cycle),
        )
    )
    b.para(Bold(_("Our norms")))
    b.bullets(norms)
    if plan is not None:
        minutes_cards.plan_section(b, plan)
    if session.is_open:
        b.para(Bold(library.checkin.question), " ", Italic(library.checkin.word_hint))
        b.buttons(*checkin_buttons(library, session.id))
        b.buttons(reflect_button(None), Button(_("Here"), actions.here(session.id)))
        if items is not None:
            work_cards.open_items_section(b, *items)
    else:
        b.para(Italic(_("This session has closed.")))
    b.context(
        ngettext("{n} person has checked in.", "{n} people have checked in.", checked_in).format(
            n=checked_in
        )
    )
    return b.build()


def stage_intro(team: Team, library: PromptLibrary, *, new_cycle: bool) -> Message:
    info = library.stage(team.stage)
    fields = {"team": team.name, "stage": info.name, "cycle": team.cycle}
    b = MessageBuilder()
    if new_cycle:
        b.para(
            *fill(
                _("{cycle_begins} A new cycle starts with reflection, then the data."),
                cycle_begins=Bold(_("Cycle {cycle} begins.").format(cycle=team.cycle)),
            )
        )
    b.heading(_("Stage {number} of 5: {name}").format(number=team.stage.number, name=info.name))
    b.para(Italic(info.purpose))
    b.para(info.introduction.format(**fields))
    b.para(Bold(_("Suggested protocol: ")), info.protocol_name)
    b.bullets(info.protocol_steps, numbered=True)
    return b.build()


def prompt_message(
    prompt: ReflectionPrompt, delivery: PromptDelivery, *, closing: bool = False
) -> Message:
    b = MessageBuilder().heading(_("Closing reflection") if closing else _("Reflection prompt"))
    b.para(prompt.text)
    if prompt.equity:
        b.context(_("Equity lens"))
    b.context(_(ANSWER_PATHS))
    b.buttons(reflect_button(delivery.id))
    return b.build()


def pulse_card(library: PromptLibrary, session: Session) -> Message:
    b = MessageBuilder().heading(_("Before you go: two quick questions"))
    b.para(Bold(library.pulse.relevant_question))
    b.buttons(
        *(
            Button(p.label, actions.pulse_relevant(session.id, p.value))
            for p in library.pulse.relevant_scale
        )
    )
    b.para(Bold(library.pulse.recommend_question))
    b.buttons(
        Button(_("Yes"), actions.pulse_recommend(session.id, True)),
        Button(_("No"), actions.pulse_recommend(session.id, False)),
    )
    b.context(_("Answers are anonymous in reports."))
    return b.build()


def day_text(at: datetime, zone: ZoneInfo, now: datetime, fmt: str = "%d %b") -> str:
    """A day as the team reads it: in its own zone, with the year when it is not this year."""
    local = at.astimezone(zone)
    return date_text(local, now.astimezone(zone).date(), fmt)


def duration_text(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days >= 7:
        return ngettext("{n} day", "{n} days", days).format(n=days)
    if days:
        return ngettext("{days} day {hours} h", "{days} days {hours} h", days).format(
            days=days, hours=hours
        )
    if hours:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}")
    return _("{minutes} min").format(minutes=minutes)


def close_summary(session: Session, checkins: Sequence[CheckIn], closed_at: datetime) -> Message:
    b = MessageBuilder().heading(
        _("Session closed: {topic}").format(topic=session.topic)
        if session.topic
        else _("Session closed")
    )
    b.para(
        *fill(
            _("Duration: {duration}"), duration=Bold(duration_text(closed_at - session.opened_at))
        )
    )
    average = arrival_of(c.score for c in checkins)
    if average is not None:
        n = len(checkins)
        b.para(
            *fill(
                ngettext(
                    "{n} checked in · arrival average {average} of 5",
                    "{n} checked in · arrival average {average} of 5",
                    n,
                ),
                n=str(n),
                average=Bold(f"{average:.1f}"),
            )
        )
        b.bullets(
            [
                (Mention(c.user_id), f" — {c.score}" + (f" ({c.word})" if c.word else ""))
                for c in checkins
            ]
        )
    else:
        b.para(_("Nobody checked in."))
    b.para(_("Confirm who was there to count it in their PD hours (check-ins count as present)."))
    b.buttons(Button(_("Sign off attendance"), actions.attend_confirm(session.id)))
    b.context(_("Only you see this summary."))
    return b.build()


def stage_line(
    stage: CycleStage, current: CycleStage, library: PromptLibrary
) -> tuple[str | Bold, ...]:
    name = f"{stage.number}. {library.stage(stage).name}"
    if stage is current:
        return (Bold(name), _("  ← you are here"))
    return (name,)
