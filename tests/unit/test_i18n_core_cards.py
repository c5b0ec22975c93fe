"""The core's own words go through the catalog: in a pseudo-language that marks every string it
translates (`[!! … !!]`), a reply or card built by the core's card modules holds no English word
outside a mark, apart from what a person wrote, ids, commands and the prompt library's own text
(which comes per language from prompts/<lang>/). A string that skipped `_` would show up bare."""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from bot import cards, certificate, credential_cards, protocol_cards, work_cards
from bot.attendance import PdLine
from bot.credential_catalog import shipped_catalog
from bot.credential_view import PartView, PortfolioView
from bot.credentials import Portfolio
from bot.domain import CheckIn, CycleStage, Team
from bot.i18n import register, speaking, unregister
from bot.messages import Actions, Bullets, Code, Heading, Mention, Message
from bot.work import ActionItem
from bot.work_record import CycleRecord
from tests.harness import LIBRARIES, Harness
from tests.storage import samples

MARK = re.compile(r"\[!! (?:(?!\[!! |!!\]).)*? !!\]", re.DOTALL)  # innermost first
WORD = re.compile(r"[A-Za-z]{3,}")


class _Marked(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return f"[!! {message} !!]"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"[!! {msgid1 if n == 1 else msgid2} !!]"

    def pgettext(self, context: str, message: str) -> str:
        return f"[!! {message} !!]"


@pytest.fixture
def marked() -> Iterator[str]:
    register("xx", _Marked())
    yield "xx"
    unregister("xx")


def _bare(text: str) -> str:
    """`text` without its marked spans (a value said inside a sentence is marked too)."""
    while (shorter := MARK.sub("", text)) != text:
        text = shorter
    return text


def _lines(message: Message) -> Iterator[str]:
    """Each block's text as a person reads it; a command (Code) and a mention are not words."""
    for block in message.blocks:
        if isinstance(block, Heading):
            yield block.text
        elif isinstance(block, Actions):
            yield from (b.label for b in block.buttons)
        else:
            rows = block.items if isinstance(block, Bullets) else (block.parts,)
            for row in rows:
                yield "".join("§" if isinstance(p, Code | Mention) else p.text for p in row)


def unmarked(message: Message, *, allowed: Iterable[str] = ()) -> list[str]:
    """English words left outside a mark, less the words a person or the library wrote."""
    known = {w.casefold() for text in allowed for w in WORD.findall(text)}
    left = [w for line in _lines(message) for w in WORD.findall(_bare(line))]
    return [w for w in left if w.casefold() not in known]


async def test_action_items_listed_through_the_door_are_wholly_translated(
    h: Harness, marked: str
) -> None:
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc action add @maria share the rubric by 2026-09-16")).ok
    assert (await h.say("fay", "/plc agenda add 10 warm-up round")).ok
    assert (await h.say("fay", f"/plc me language {marked}")).ok  # the door speaks hers
    listed = await h.say("fay", "/plc action list")
    agenda = await h.say("fay", "/plc agenda list")
    assert listed.reply is not None and agenda.reply is not None
    assert "[[!! Done #" in listed.reply.plain_text()  # the button, marked
    assert unmarked(listed.reply, allowed=["Grade 4 Math", "share the rubric"]) == []
    assert "[[!! Add agenda item !!]]" in agenda.reply.plain_text()
    assert unmarked(agenda.reply, allowed=["warm-up round"]) == []


def _team() -> Team:
    return samples.team("console:T1", id=1, name="Grade 4 Math", stage=CycleStage.LEARN, cycle=2)


def test_session_and_cycle_cards_are_wholly_translated(marked: str) -> None:
    team, library = _team(), LIBRARIES.get("en")
    opened = datetime(2026, 9, 14, 15, 0, tzinfo=UTC)
    ended = opened + timedelta(minutes=75)
    session = samples.session(team, id=7, topic="fractions", opened_at=opened, closed_at=ended)
    checkins = [CheckIn(1, team.community_id, team.id, 7, "tia", 4, "ready", opened)]
    item = ActionItem(3, team.community_id, 1, "maria", "share it", date(2026, 9, 1), "fay", opened)
    stage_words = [library.stage(s).name for s in CycleStage]
    with speaking(marked):
        closed = cards.close_summary(session, checkins, ended)
        pulse = cards.pulse_card(library, session)
        summary = work_cards.summary_card(team, 2, CycleRecord(), open_items=2, grown=1)
        review = work_cards.stage_review(team, CycleStage.GOALS, CycleRecord(), library)
        items = work_cards.items_card(team, [item], date(2026, 9, 14))
        form = work_cards.action_form()
        duration = cards.duration_text(timedelta(days=1, hours=2))
    pulse_words = [library.pulse.relevant_question, library.pulse.recommend_question]
    pulse_words += [p.label for p in library.pulse.relevant_scale]
    assert unmarked(closed, allowed=["fractions", "ready"]) == []
    assert unmarked(pulse, allowed=pulse_words) == []
    assert unmarked(summary, allowed=["Grade 4 Math"]) == []
    assert unmarked(review, allowed=stage_words) == []
    assert unmarked(items, allowed=["Grade 4 Math", "share it"]) == []
    assert [form.title, form.submit_label, *(f.label for f in form.fields)] == [
        "[!! New action item !!]",
        "[!! Add !!]",
        "[!! Owner (@name) !!]",
        "[!! What is to be done !!]",
        "[!! Due (YYYY-MM-DD) !!]",
    ]
    assert duration == "[!! 1 day 2 h !!]"


def test_a_portfolio_status_and_the_catalog_are_wholly_translated(marked: str) -> None:
    catalog = shipped_catalog()
    credential = catalog.credentials[0]
    parts = tuple(PartView(n, p, (), (), ()) for n, p in enumerate(credential.parts, 1))
    portfolio = Portfolio(1, "console:T1", "tia", credential.id, datetime(2026, 9, 1, tzinfo=UTC))
    view = PortfolioView(credential, portfolio, parts)
    library_words = [credential.title, credential.competency, credential.key_method]
    library_words += [credential.guidance]
    library_words += [t for p in credential.parts for t in (p.title, p.guidance, p.must_show)]
    with speaking(marked):
        status = credential_cards.status_card(view)
        listed = credential_cards.catalog_card(catalog, {credential.id: 2}, {})
        flagged = credential_cards.flagged_card(4, ["Maria"])
    titles = [c.title for c in catalog.credentials]
    assert unmarked(status, allowed=library_words) == []
    assert unmarked(listed, allowed=titles) == []
    assert unmarked(flagged) == []


def test_protocol_cards_and_the_certificate_are_wholly_translated(marked: str) -> None:
    library = LIBRARIES.get("en")
    protocol = next(iter(library.protocols.values()))
    words = [t for p in library.protocols.values() for t in (p.name, p.purpose)]
    words += [t for p in library.protocols.values() for s in p.steps for t in (s.name, s.prompt)]
    words += [s.value for s in CycleStage]
    with speaking(marked):
        started = protocol_cards.started_reply(protocol, session_open=False)
        listed = protocol_cards.library_card(library, _team())
        line = PdLine(
            date(2026, 9, 14), "15:00", "", "America/Chicago", 60, "Team A", "", "", "", ""
        )
        page = certificate.certificate_html("tia", "console:T1", [line], "2026-09-30")
    assert unmarked(started, allowed=words) == []
    assert unmarked(listed, allowed=words) == []
    body = re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.DOTALL)
    assert [w for w in WORD.findall(_bare(body)) if w not in {"America", "Chicago", "Team"}] == []
