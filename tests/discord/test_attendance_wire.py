"""Attendance and PD hours through the real discord.py client against the fake Discord: typed
options (people as Discord users) build the intents, never text for the grammar."""

from __future__ import annotations

from typing import Any

import pytest

from bot.commands import grammar
from tests.discord.conftest import RecordingBot, School, button

# (grammar name, who, /plc path, part of the answer)
ATTENDANCE: list[tuple[str, str, str, str]] = [
    ("here", "tom", "plc here", "Marked you present at Fractions"),
    ("attend", "fay", "plc attend", "Marked present at"),
    ("attend confirm", "fay", "plc attend-confirm", "Signed off attendance"),
    ("me pdhours", "tom", "plc me pdhours", "signed off by <@"),
]


async def test_attendance_and_pd_hours_answer_through_interaction_create(
    school: School, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real_parse = grammar.parse

    def parse_spy(text: str) -> Any:
        parsed.append(text)
        return real_parse(text)

    monkeypatch.setattr(grammar, "parse", parse_spy)
    people = {"fay": school.fay, "tom": school.tom}
    opened = await school.say(school.fay, "plc session open", topic="Fractions")
    assert "Session opened" in opened.plain
    for name, who, path, expected in ATTENDANCE:
        options = {"person": school.tom, "second": school.ana} if name == "attend" else {}
        answer = await school.say(people[who], path, **options)
        assert expected in answer.plain, f"/{path}: {answer.text!r}"
        assert answer.ephemeral
    bot = school.process.bot
    assert isinstance(bot, RecordingBot)
    assert parsed == [] and bot.lines == []
    pd = await school.say(school.tom, "plc me pdhours", since="2099-01-01")
    assert "No sessions yet" in pd.plain


async def test_the_here_button_on_the_session_card_marks_who_pressed_it(school: School) -> None:
    await school.say(school.fay, "plc session open", topic="Fractions")
    (card,) = [m for m in school.fake.posts_in(school.channel) if "Session open" in m["content"]]
    answer = await school.click(school.tom, card, button(card, "Here"))
    assert "Marked you present at" in answer.plain and answer.ephemeral
    log = await school.say(school.tom, "plc me pdhours")
    assert (
        "in 1 session" in log.plain
        and "1 sessions" not in log.plain
        and "not signed off yet" in log.plain
    )
