"""The real discord.py client, run by DiscordAdapter over the real core, against the fake Discord."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.commands import grammar
from bot.commands.grammar import COMMANDS
from bot.domain import Visibility
from tests.discord.conftest import RecordingBot, School, button
from tests.discord.test_attendance_wire import ATTENDANCE
from tests.discord.test_discord_credentials import CREDENTIAL
from tests.discord.test_discord_protocols import PROTOCOLS
from tests.discord.test_team_upkeep import UPKEEP

CARD = "Session open"


SURFACE: list[tuple[str, str, str, dict[str, Any], str]] = [
    # (grammar name, who, /plc path, options, part of the answer)
    ("help", "tom", "plc help", {}, "/plc checkin"),
    ("norms", "tom", "plc norms show", {}, "Working norms of Grade 4 Math"),
    ("norms add", "fay", "plc norms add", {"text": "Assume good intent."}, "Added norm 6"),
    ("norms remove", "fay", "plc norms remove", {"number": 6}, "Removed norm 6"),
    ("norms reset", "fay", "plc norms reset", {}, "defaults again"),
    ("cycle", "tom", "plc cycle show", {}, "cycle 1"),
    ("stage next", "fay", "plc stage next", {}, "stage 2"),
    ("stage set", "fay", "plc stage set", {"stage": "implement"}, "stage 4"),
    ("session open", "fay", "plc session open", {"topic": "Fractions"}, "Session opened"),
    ("checkin", "tom", "plc checkin", {"score": 4, "word": "curious"}, "Checked in"),
    ("prompt send", "fay", "plc prompt send", {}, "Sent this prompt to the team: “"),
    (
        "prompt add",
        "fay",
        "plc prompt add",
        {"stage": "implement", "text": "What did one student do differently?"},
        "Added prompt",
    ),
    ("prompt list", "tom", "plc prompt list", {}, "What did one student do differently?"),
    (
        "prompt send",
        "fay",
        "plc prompt send",
        {"number": 1},
        "Sent this prompt to the team: “",
    ),
    ("prompt retire", "fay", "plc prompt retire", {}, "Retired team-"),  # the id added above
    (
        "reflect",
        "tom",
        "plc reflect",
        {"text": "They were guessing.", "visibility": "team"},
        "whole team",
    ),
    ("me reflections", "tom", "plc me reflections", {}, "They were guessing."),
    (
        "reflect edit",
        "tom",
        "plc reflect-edit",
        {"text": "They were guessing. Mostly."},  # the number is the one listed above
        "Updated your reflection",
    ),
    ("me streak", "tom", "plc me streak", {}, "in a row"),
    ("me export", "tom", "plc me export", {}, "sent your data to you in a direct message"),
    ("me reminders", "tom", "plc me reminders", {"state": "off"}, "Reminder DMs are off"),
    ("reflections", "fay", "plc reflections", {"since": "2026-01-01"}, "They were guessing."),
    ("session close", "fay", "plc session close", {}, "Session closed"),
    (
        "report",
        "fay",
        "plc report",
        {"since": "2026-01-01"},
        "Report: Grade 4 Math since 2026-01-01",
    ),
    ("team set tz", "ana", "plc team set-tz", {"zone": "America/Denver"}, "America/Denver"),
    ("team set language", "ana", "plc team set-language", {"language": "en"}, "language is now en"),
    ("role revoke", "ana", "plc role revoke", {"role": "facilitator"}, "no longer a facilitator"),
]

# The team's work, in the order a cycle meets it (played by test_discord_work.py).
WORK = [
    "need set",
    "goal",
    "goal set",
    "design add",
    "commit",
    "evidence",
    "action add",
    "action list",
    "action done",
    "cycle close",
]

# A session's agenda, roles, decisions and minutes (played by test_discord_minutes.py).
MINUTES = ["agenda", "agenda add", "agenda list", "agenda remove", "agenda clear"]
MINUTES += ["session role", "decision", "minutes"]


SCHEDULES = [
    "schedule add",
    "schedule list",
    "schedule pause",
    "schedule resume",
    "schedule test",
    "schedule remove",
    "schedule resend",
    "schedule dismiss",
    "calendar off",
    "calendar list",
    "calendar remove",
]


async def test_every_command_of_the_surface_answers_through_interaction_create(
    school: School,
) -> None:
    covered = (
        {row[0] for row in SURFACE}
        | set(SCHEDULES)
        | set(UPKEEP)  # tests/discord/test_team_upkeep.py
        | set(WORK)
        | set(MINUTES)
        | set(PROTOCOLS)  # tests/discord/test_discord_protocols.py
        | CREDENTIAL  # tests/discord/test_discord_credentials.py
        | {"team create", "role grant", "me forget"}
        | {"me language"}  # tests/discord/test_discord_language.py
        | {row[0] for row in ATTENDANCE}  # tests/discord/test_attendance_wire.py
    )
    assert covered == {s.name for s in COMMANDS}, "a grammar command has no end-to-end case here"
    await play_the_surface(school)
    help_one = await school.say(school.tom, "plc help", command="session open")
    assert "/plc session open [topic]" in help_one.text


async def play_the_surface(school: School) -> None:
    people = {"ana": school.ana, "fay": school.fay, "tom": school.tom}
    said: dict[str, str] = {}
    for name, who, path, options, expected in SURFACE:
        if name == "role revoke":
            options = {**options, "user": school.fay}
        if name == "reflect edit":
            number = re.findall(r"#(\d+)", said["me reflections"])[0]
            options = {**options, "number": int(number)}
        if name == "prompt retire":
            options = {"prompt": re.findall(r"team-\d+", said["prompt add"])[0]}
        answer = await school.say(people[who], path, **options)
        said[name] = answer.plain
        assert expected in answer.plain, f"/{path}: {answer.text!r}"
        assert answer.ephemeral and not answer.deferred


async def test_no_discord_command_hands_text_to_the_grammar(
    school: School, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real_parse = grammar.parse

    def parse_spy(text: str) -> Any:
        parsed.append(text)
        return real_parse(text)

    monkeypatch.setattr(grammar, "parse", parse_spy)
    await play_the_surface(school)
    await play_the_schedules(school)
    await school.say(school.tom, "plc me forget")
    bot = school.process.bot
    assert isinstance(bot, RecordingBot)
    assert parsed == [] and bot.lines == []  # the team and role set-up included
    assert len(bot.seen) >= len(SURFACE) + len(SCHEDULES) + 3  # each through the typed door


async def test_the_schedule_and_calendar_commands_answer_through_interaction_create(
    school: School,
) -> None:
    await play_the_schedules(school)


async def play_the_schedules(school: School) -> None:
    async def say(path: str, expected: str, **options: Any) -> str:
        answer = await school.say(school.ana, path, **options)
        assert expected in answer.plain, f"/{path}: {answer.text!r}"
        return answer.plain

    added = await say(
        "plc schedule add",
        "Added schedule",
        kind="nonresponder_reminder",
        when="mon,wed 15:30",
        timezone="America/New_York",
        after_hours=12,
    )
    number = int(re.search(r"#(\d+)", added).group(1))  # type: ignore[union-attr]
    await say("plc schedule list", "mon,wed 15:30 America/New_York")
    await say("plc schedule pause", f"Paused schedule #{number}", number=number)
    await say("plc schedule resume", f"Resumed schedule #{number}", number=number)
    tried = await school.say(school.tom, "plc schedule test", number=number)
    assert "Only a facilitator of this team (or an admin)" in tried.plain, tried.text
    await say("plc schedule remove", f"Removed schedule #{number}", number=number)
    await say("plc schedule resend", "no schedule run #9", number=9)
    await say("plc schedule dismiss", "no schedule run #9", number=9)
    off = await say(
        "plc calendar off",
        "Winter break",
        first="2026-12-21",
        last="2027-01-01",
        label="Winter break",
    )
    number = int(re.search(r"#(\d+)", off).group(1))  # type: ignore[union-attr]
    await say("plc calendar list", "Winter break")
    await say("plc calendar remove", f"#{number}", number=number)


async def test_a_check_in_button_on_the_session_card_updates_the_card_in_place(
    school: School,
) -> None:
    await school.say(school.fay, "plc session open", topic="Fractions")
    (card,) = [m for m in school.fake.posts_in(school.channel) if CARD in m["content"]]
    assert "0 people have checked in" in card["content"]
    posts_before = len(school.fake.calls_to("POST", rf"/channels/{school.channel}/messages"))

    answer = await school.click(school.tom, card, button(card, "4"))

    assert answer.modal is not None  # recorded, and a small form offers the word
    assert "Checked in: 4 — ready to dig in." in str(answer.modal)
    edits = school.fake.calls_to("PATCH", rf"/channels/{school.channel}/messages/{card['id']}")
    assert len(edits) == 1
    assert "1 person has checked in" in school.fake.messages[int(card["id"])]["content"]
    assert (
        len(school.fake.calls_to("POST", rf"/channels/{school.channel}/messages")) == posts_before
    )


async def test_a_check_in_button_offers_a_small_form_for_the_word_and_saves_it(
    school: School,
) -> None:
    await school.say(school.fay, "plc session open", topic="Fractions")
    (card,) = [m for m in school.fake.posts_in(school.channel) if CARD in m["content"]]
    opened = await school.click(school.tom, card, button(card, "3"))
    modal = opened.modal
    assert modal is not None and modal["title"] == "Add a word"
    (field,) = [c["component"] for c in modal["components"] if c.get("component")]
    assert field["type"] == 4 and field["max_length"] == 40 and field["required"] is False
    saved = await school.fake.answered(await school.fake.submit(opened, {"word": "curious"}))
    assert "Checked in: 3 — steady (curious)." in saved.plain
    (checkin,) = school.process.store.state.checkins.values()
    assert (checkin.score, checkin.word) == (3, "curious")


async def test_the_reflect_button_opens_a_modal_whose_submission_is_saved(school: School) -> None:
    await school.say(school.fay, "plc prompt send")
    (prompt,) = [
        m for m in school.fake.posts_in(school.channel) if "Reflection prompt" in m["content"]
    ]

    opened = await school.click(school.tom, prompt, button(prompt, "Reflect"))
    modal = opened.modal
    assert modal is not None and modal["custom_id"] == button(prompt, "Reflect")
    kinds = [(c["type"], c.get("component", {}).get("type")) for c in modal["components"]]
    assert kinds == [(10, None), (18, 4), (18, 3)]  # prompt text, the text input, the choice
    assert modal["components"][1]["component"]["max_length"] == 4000

    saved = await school.fake.answered(
        await school.fake.submit(opened, {"text": "Half of them guessed.", "visibility": "team"})
    )

    assert "Saved your reflection" in saved.text
    (reflection,) = school.process.store.state.reflections.values()
    assert reflection.text == "Half of them guessed." and reflection.visibility is Visibility.TEAM
    assert reflection.delivery_id == int(
        prompt["components"][0]["components"][0]["custom_id"].split(":")[2]
    )
    assert any("shared a reflection" in m["content"] for m in school.fake.posts_in(school.channel))


async def test_slash_reflect_without_text_opens_the_modal_with_the_latest_prompt(
    school: School,
) -> None:
    await school.say(school.fay, "plc prompt send")
    opened = await school.say(school.tom, "plc reflect")
    assert opened.modal is not None and opened.modal["title"] == "Reflect"
    saved = await school.fake.answered(await school.fake.submit(opened, {"text": "Noted."}))
    assert "you and the team's facilitators" in saved.text


async def test_the_pulse_buttons_at_session_close_are_recorded(school: School) -> None:
    await school.say(school.fay, "plc session open", topic="Fractions")
    await school.say(school.fay, "plc session close")
    (pulse,) = [
        m for m in school.fake.posts_in(school.channel) if "two quick questions" in m["content"]
    ]
    relevant = [b for row in pulse["components"][:1] for b in row["components"]]
    assert await school.click(school.tom, pulse, relevant[4]["custom_id"])
    answer = await school.click(school.tom, pulse, button(pulse, "Yes"))
    assert "Thank you for the feedback" in answer.text
    (answer_row,) = school.process.store.state.pulse.values()
    assert (answer_row.relevant, answer_row.recommend) == (5, True)


async def test_the_check_in_buttons_of_an_ephemeral_answer_work_too(school: School) -> None:
    await school.say(school.fay, "plc session open", topic="Fractions")
    question = await school.say(school.tom, "plc checkin")
    assert question.ephemeral and question.answer is not None
    answer = await school.click(school.tom, question.answer, button(question.answer, "3"))
    assert answer.modal is not None and "Checked in: 3 — steady." in str(answer.modal)
    (checkin,) = school.process.store.state.checkins.values()
    assert checkin.score == 3


async def test_a_command_typed_in_a_thread_of_the_teams_channel_counts_for_that_team(
    school: School,
) -> None:
    thread = school.fake.add_thread(school.channel, "Fractions follow-up")
    answer = await school.say(school.tom, "plc checkin", where=thread, score=5)
    assert "Checked in" in answer.plain
    (checkin,) = school.process.store.state.checkins.values()
    assert checkin.team_id == next(iter(school.process.store.state.teams))


async def test_report_all_covers_every_team_of_the_server_from_discord(school: School) -> None:
    second = school.guild.channels[1]
    created = await school.say(school.ana, "plc team create", where=second, name="Science")
    assert "Created the learning team" in created.text
    answer = await school.say(school.ana, "plc report", all=True)
    assert "Grade 4 Math · stage 1" in answer.plain and "Science · stage 1" in answer.plain
    refused = await school.say(school.fay, "plc report", all=True)
    assert "Only an admin" in refused.plain


async def test_a_typed_value_that_breaks_a_rule_is_refused_in_the_grammars_words(
    school: School,
) -> None:
    typed = await school.say(school.tom, "plc reflections", since="2026-13-01")
    assert "“2026-13-01” is not a date: write it as YYYY-MM-DD." in typed.plain
    backwards = await school.say(
        school.ana, "plc calendar off", first="2027-01-01", last="2026-12-21"
    )
    assert "The break ends before it starts: put the earlier date first." in backwards.plain
    assert "Usage: /plc calendar off" in backwards.plain
    blank = await school.say(
        school.fay, "plc prompt add", stage="learn", text="\u202e\u202c  \u2066\u2069"
    )
    assert "A prompt needs some words" in blank.plain and "Usage: /plc prompt add" in blank.plain
