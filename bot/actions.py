"""The one codec for button and form action ids: each intent a button carries is encoded and
decoded here, side by side, so the two can never drift apart.

Ids look like `plc:<name>:<arg>...` (see messages.Action) and outlive restarts; a click on an
id that does not decode (an old card, a crafted id) is answered "out of date", never guessed."""

from __future__ import annotations

from collections.abc import Mapping

from bot.commands import intents as i
from bot.domain import Visibility
from bot.messages import Action
from bot.rules.score import parse_score
from bot.text import clean, whole_number

ANSWERS = {"yes": True, "no": False}


# ---- check-in: plc:checkin:<session>:<score> ---------------------------------------------


def checkin(session_id: int | None, score: int) -> Action:
    return Action("checkin", (str(session_id or 0), str(score)))


def _checkin(args: tuple[str, ...]) -> i.CheckInClick | None:
    score = parse_score(args[1]) if len(args) == 2 else None
    session_id = whole_number(args[0]) if score is not None else None
    return None if session_id is None or score is None else i.CheckInClick(session_id, score)


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


# ---- forget, confirmed by the person it was shown to: plc:forget:confirm:<user> ----------


def forget(addressee: str) -> Action:
    return Action("forget", ("confirm", addressee))


def _forget(args: tuple[str, ...]) -> i.ForgetConfirm | None:
    if len(args) < 2 or args[0] != "confirm":
        return None  # an unaddressed confirmation (older cards) is not honoured
    addressee = ":".join(args[1:])  # platform user ids never hold ":", a console name might
    return i.ForgetConfirm(addressee) if addressee else None


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


DECODERS = {
    "checkin": _checkin,
    "reflect": _reflect,
    "pulse": _pulse,
    "forget": _forget,
    "here": _here,
    "attend": _attend,
}


def click(action_id: str) -> i.Click | None:
    """The intent a clicked button carries, or None for an id this version does not know."""
    action = Action.parse(action_id)
    decode = DECODERS.get(action.name) if action else None
    return decode(action.args) if decode and action else None


def submission(action_id: str, values: Mapping[str, str]) -> i.ReflectSubmit | None:
    """A submitted form: the reflection form is the only one, keyed by its delivery."""
    opened = click(action_id)
    if not isinstance(opened, i.ReflectClick):
        return None
    chosen = Visibility.parse(values.get("visibility", ""))
    return i.ReflectSubmit(opened.delivery_id, clean(values.get("text", "")), chosen)
