"""The one codec for button and form action ids: each intent a button carries is encoded and
decoded here, side by side, so the two can never drift apart.

Ids look like `plc:<name>:<arg>...` (see messages.Action) and outlive restarts; a click on an
id that does not decode (an old card, a crafted id) is answered "out of date", never guessed."""

from __future__ import annotations

from collections.abc import Mapping

from bot.commands import credential_intents as cr
from bot.commands import intents as i
from bot.commands import minutes_intents as m
from bot.commands import protocol_intents as p
from bot.commands import work_intents as w
from bot.domain import Visibility
from bot.messages import Action
from bot.rules.score import parse_score
from bot.text import clean, one_line, whole_number
from bot.work import GOAL_FIELDS

ANSWERS = {"yes": True, "no": False}


# ---- check-in: plc:checkin:<session>:<score> ---------------------------------------------


def checkin(session_id: int | None, score: int) -> Action:
    return Action("checkin", (str(session_id or 0), str(score)))


def _checkin(args: tuple[str, ...]) -> i.CheckInClick | None:
    score = parse_score(args[1]) if len(args) == 2 else None
    session_id = whole_number(args[0]) if score is not None else None
    return None if session_id is None or score is None else i.CheckInClick(session_id, score)


# ---- the word after a check-in by button (a form): plc:checkinword:<check-in> -------------


def checkin_word(checkin_id: int) -> Action:
    return Action("checkinword", (str(checkin_id),))


def _checkin_word(action: Action, values: Mapping[str, str]) -> i.CheckInWord | None:
    checkin_id = whole_number(action.args[0]) if len(action.args) == 1 else None
    return None if checkin_id is None else i.CheckInWord(checkin_id, values.get("word", ""))


# ---- reflect (a button and the form it opens): plc:reflect:<delivery> ---------------------


def reflect(delivery_id: int | None) -> Action:
    return Action("reflect", (str(delivery_id or 0),))


def _reflect(args: tuple[str, ...]) -> i.ReflectClick | None:
    delivery_id = whole_number(args[0]) if len(args) == 1 else None
    return None if delivery_id is None else i.ReflectClick(delivery_id)


# ---- the feedback pulse: plc:pulse:<session>:relevant:<1-5> | recommend:<yes|no> ----------


def pulse_relevant(session_id: int, value: int) -> Action:
    return Action("pulse", (str(session_id), "relevant", str(value)))


def pulse_recommend(session_id: int, answer: bool) -> Action:
    return Action("pulse", (str(session_id), "recommend", "yes" if answer else "no"))


def _pulse(args: tuple[str, ...]) -> i.PulseAnswer | None:
    session_id = whole_number(args[0]) if len(args) == 3 else None
    if session_id is None:
        return None
    question, value = args[1], args[2]
    if question == "relevant" and (relevant := parse_score(value)) is not None:
        return i.PulseAnswer(session_id, relevant=relevant)
    if question == "recommend" and value in ANSWERS:
        return i.PulseAnswer(session_id, recommend=ANSWERS[value])
    return None


# ---- forget, confirmed (or cancelled) by the person it was shown to: ----------------------
# plc:forget:confirm:<user>, plc:forget:cancel:<user>


def forget(addressee: str) -> Action:
    return Action("forget", ("confirm", addressee))


def forget_cancel(addressee: str) -> Action:
    return Action("forget", ("cancel", addressee))


def _forget(args: tuple[str, ...]) -> i.ForgetConfirm | i.ForgetCancel | None:
    if len(args) < 2 or args[0] not in ("confirm", "cancel"):
        return None  # an unaddressed confirmation (older cards) is not honoured
    addressee = ":".join(args[1:])  # platform user ids never hold ":", a console name might
    if not addressee:
        return None
    return i.ForgetConfirm(addressee) if args[0] == "confirm" else i.ForgetCancel(addressee)


# ---- attendance: plc:here:<session> (a teacher) | plc:attend:confirm:<session> (sign-off) ---


def here(session_id: int) -> Action:
    return Action("here", (str(session_id),))


def _here(args: tuple[str, ...]) -> i.HereClick | None:
    session_id = whole_number(args[0]) if len(args) == 1 else None
    return None if not session_id else i.HereClick(session_id)


def attend_confirm(session_id: int) -> Action:
    return Action("attend", ("confirm", str(session_id)))


def _attend(args: tuple[str, ...]) -> i.AttendConfirm | None:
    session_id = whole_number(args[1]) if len(args) == 2 and args[0] == "confirm" else None
    return None if not session_id else i.AttendConfirm(session_id)


# ---- a new team's time zone (a button and the form it opens): plc:teamzone:<team> -------


def team_zone(team_id: int) -> Action:
    return Action("teamzone", (str(team_id),))


def _team_zone(args: tuple[str, ...]) -> i.TeamZoneClick | None:
    team_id = whole_number(args[0]) if len(args) == 1 else None
    return None if not team_id else i.TeamZoneClick(team_id)


# ---- action items: plc:action:done:<item> | plc:action:new; the goal form: plc:goal:form ----


def action_done(item_id: int) -> Action:
    return Action("action", ("done", str(item_id)))


def action_form() -> Action:
    return Action("action", ("new",))


def goal_form() -> Action:
    return Action("goal", ("form",))


def _action(args: tuple[str, ...]) -> w.ActionDone | w.ActionForm | None:
    if args == ("new",):
        return w.ActionForm()
    item_id = whole_number(args[1]) if len(args) == 2 and args[0] == "done" else None
    return w.ActionDone(item_id) if item_id else None


def _goal(args: tuple[str, ...]) -> w.GoalForm | None:
    return w.GoalForm() if args == ("form",) else None


# ---- the agenda item form: plc:agenda:form ------------------------------------------------


def agenda_form() -> Action:
    return Action("agenda", ("form",))


def _agenda(args: tuple[str, ...]) -> m.AgendaForm | None:
    return m.AgendaForm() if args == ("form",) else None


# ---- a protocol run's step card: plc:step:<next|skip|more|note>:<step> ---------------------

_STEP_BUTTONS: dict[str, type[p.ProtocolClick]] = {
    "next": p.StepNext,
    "skip": p.StepSkip,
    "more": p.StepExtend,
    "note": p.NoteForm,
}


def step_button(button: str, step_id: int) -> Action:
    """`button` is one of _STEP_BUTTONS: next, skip, more (extend), note."""
    assert button in _STEP_BUTTONS, button
    return Action("step", (button, str(step_id)))


def _step(args: tuple[str, ...]) -> p.ProtocolClick | None:
    kind = _STEP_BUTTONS.get(args[0]) if len(args) == 2 else None
    step_id = whole_number(args[1]) if kind is not None else None
    return kind(step_id) if kind is not None and step_id else None


# ---- micro-credential evidence: plc:cred:use:<reflection>[:<credential>:<part>] (the "Use
# as evidence" button, then the part chosen) | plc:cred:keep:<evidence> | plc:cred:drop:<evidence>


def credential_use(reflection_id: int) -> Action:
    return Action("cred", ("use", str(reflection_id)))


def credential_pick(reflection_id: int, credential_id: str, part: int) -> Action:
    return Action("cred", ("use", str(reflection_id), credential_id, str(part)))


def credential_keep(evidence_id: int) -> Action:
    return Action("cred", ("keep", str(evidence_id)))


def credential_drop(evidence_id: int) -> Action:
    return Action("cred", ("drop", str(evidence_id)))


def _credential(args: tuple[str, ...]) -> cr.CredentialClick | None:
    number = whole_number(args[1]) if len(args) >= 2 else None
    if not number:
        return None
    if args[0] in ("keep", "drop") and len(args) == 2:
        return cr.CredentialConfirm(number, keep=args[0] == "keep")
    if args[0] != "use":
        return None
    if len(args) == 2:
        return cr.CredentialUseClick(number)
    part = whole_number(args[3]) if len(args) == 4 and args[2] else None
    return cr.CredentialUse(args[2], part, number) if part else None


DECODERS = {
    "checkin": _checkin,
    "reflect": _reflect,
    "pulse": _pulse,
    "forget": _forget,
    "here": _here,
    "attend": _attend,
    "teamzone": _team_zone,
    "action": _action,
    "goal": _goal,
    "agenda": _agenda,
    "step": _step,
    "cred": _credential,
}


def click(action_id: str) -> i.Click | None:
    """The intent a clicked button carries, or None for an id this version does not know."""
    action = Action.parse(action_id)
    decode = DECODERS.get(action.name) if action else None
    return decode(action.args) if decode and action else None


Submission = (
    i.ReflectSubmit
    | i.TeamZoneSubmit
    | i.CheckInWord
    | w.GoalSet
    | w.ActionSubmit
    | m.AgendaSubmit
    | p.NoteSubmit
)


def submission(action_id: str, values: Mapping[str, str]) -> Submission | None:
    """A submitted form, keyed by what opened it: a reflection (keyed by its delivery), a team's
    zone form, the word after a check-in (keyed by the check-in), the goal, or an action item."""
    action = Action.parse(action_id)
    if action is not None and action.name == "checkinword":
        return _checkin_word(action, values)
    opened = click(action_id)
    if isinstance(opened, i.TeamZoneClick):
        return i.TeamZoneSubmit(
            opened.team_id, clean(values.get("zone", "")), clean(values.get("other", ""))
        )
    if isinstance(opened, w.GoalForm):
        return w.GoalSet(*(one_line(values.get(name, "")) for name in GOAL_FIELDS))
    if isinstance(opened, w.ActionForm):
        return w.ActionSubmit(
            one_line(values.get("owner", "")),
            one_line(values.get("text", "")),
            one_line(values.get("due", "")),
        )
    if isinstance(opened, m.AgendaForm):
        return m.AgendaSubmit(one_line(values.get("minutes", "")), one_line(values.get("text", "")))
    if isinstance(opened, p.NoteForm):
        return p.NoteSubmit(opened.step_id, clean(values.get("text", "")))
    if not isinstance(opened, i.ReflectClick):
        return None
    chosen = Visibility.parse(values.get("visibility", ""))
    return i.ReflectSubmit(opened.delivery_id, clean(values.get("text", "")), chosen)
