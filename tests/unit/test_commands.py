import pytest

from tests.harness import Harness, reply_text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/plc dance", "I don't know the command “dance”"),
        ("/plc sesion open", "Did you mean /plc session open"),
    ],
)
async def test_an_unknown_command_answers_with_help_and_an_example(
    h: Harness, line: str, expected: str
) -> None:
    out = await h.say("ana", line)
    assert not out.ok
    body = reply_text(out)
    assert expected in body and "Example:" in body


async def test_an_unknown_subcommand_lists_the_group_with_an_example(h: Harness) -> None:
    out = await h.say("ana", "/plc session pause")
    body = reply_text(out)
    assert "/plc session has no “pause”" in body
    assert "/plc session open [topic]" in body and "/plc session close" in body
    assert "Example: /plc session open Fractions on a number line" in body


@pytest.mark.parametrize("value", ["0", "6", "-1", "10"])
async def test_a_check_in_outside_one_to_five_gets_usage_and_nothing_is_stored(
    h: Harness, value: str
) -> None:
    await h.team_with_facilitator()
    out = await h.say("tia", f"/plc checkin {value}")
    assert not out.ok
    body = reply_text(out)
    assert (
        "1 to 5" in body
        and "Usage: /plc checkin [1-5] [word]" in body
        and "Example: /plc checkin 4 curious" in body
    )
    assert h.store.state.checkins == {}


async def test_malformed_calls_show_the_usage_line_and_an_example(h: Harness) -> None:
    await h.team_with_facilitator()
    for line, usage in [
        ("/plc stage set nowhere", "/plc stage set <stage>"),
        ("/plc norms remove x", "/plc norms remove <n>"),
        ("/plc report since yesterday", "/plc report [all] [since <date>]"),
        ("/plc role grant fay", "/plc role grant <user> <role>"),
        ("/plc me reminders maybe", "/plc me reminders on|off"),
        ("/plc norms extra", "/plc norms"),
    ]:
        out = await h.say("ana", line)
        assert not out.ok, line
        assert f"Usage: {usage}" in reply_text(out), line
        assert "Example:" in reply_text(out), line


async def test_help_lists_only_what_the_person_may_do(h: Harness) -> None:
    await h.team_with_facilitator()
    teacher = reply_text(await h.say("tia", "/plc help"))
    assert "/plc checkin" in teacher and "/plc session open" not in teacher
    admin = reply_text(await h.say("ana", "/plc help"))
    assert "/plc session open" in admin and "/plc team create" in admin


async def test_help_for_one_command_gives_details_and_the_role(h: Harness) -> None:
    body = reply_text(await h.say("tia", "/plc help session open"))
    assert "Open a session" in body and "Needs the facilitator role" in body
