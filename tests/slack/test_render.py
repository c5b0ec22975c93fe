"""Messages as Block Kit: a person's words stay literal, Slack's limits hold, every rendering
passes the fake Slack's block rules."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.slack.mrkdwn import ZWJ, literal, unescape
from adapters.slack.render import form_values, home_view, modal_view, render
from bot.messages import (
    Action,
    Bold,
    Button,
    ChoiceField,
    Code,
    Form,
    Italic,
    Mention,
    Message,
    MessageBuilder,
    Plain,
    TextField,
    text,
)
from platform_fakes.slack.fake_blocks import block_problems, view_problems
from tests.slack.reading import readable

PINGS = "<!channel> <!here> <!everyone> <@U0BOSS> <#C0GENERAL> <https://evil.example|click>"


def sections(message: Message) -> list[str]:
    return [b["text"]["text"] for b in render(message).blocks if b["type"] == "section"]


def test_control_sequences_in_a_persons_text_are_escaped_so_they_ping_nobody() -> None:
    (shown,) = sections(text("Said: ", Plain(PINGS + " & more")))
    assert "<" not in shown and ">" not in shown
    assert "&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U0BOSS&gt;" in shown
    assert shown.endswith("&amp; more")
    assert readable(shown) == "Said: " + PINGS + " & more"


def test_a_persons_text_cannot_turn_bold_italic_struck_or_code() -> None:
    (shown,) = sections(text(Plain("*loud* _slanted_ ~gone~ `code` ```block```")))
    for marker in "*_~`":
        assert all(
            shown[i - 1] == ZWJ and shown[i + 1] == ZWJ for i, c in enumerate(shown) if c == marker
        ), marker
    assert readable(shown) == "*loud* _slanted_ ~gone~ `code` ```block```"


def test_a_line_starting_with_a_greater_than_sign_does_not_become_a_quote() -> None:
    assert literal("> not a quote\n> nor this") == f"{ZWJ}&gt; not a quote\n{ZWJ}&gt; nor this"


def test_the_cores_own_formatting_and_mentions_are_kept() -> None:
    (shown,) = sections(
        text(
            Mention("U0TEO"),
            " said ",
            Bold("yes"),
            " to ",
            Italic("it"),
            " with ",
            Code("/plc help"),
        )
    )
    assert shown == "<@U0TEO> said *yes* to _it_ with `/plc help`"


def test_a_mention_that_is_not_a_slack_user_id_stays_literal() -> None:
    (shown,) = sections(text(Mention("maria"), " and ", Mention("U1|x><!channel")))
    assert "<@" not in shown and "<!" not in shown
    assert readable(shown) == "@maria and @U1|x><!channel"


def test_bold_text_from_a_person_keeps_its_markers_outside_and_its_own_neutralised() -> None:
    (shown,) = sections(text(Bold(" Grade *4* <Math> ")))
    assert shown == f" *Grade {ZWJ}*{ZWJ}4{ZWJ}*{ZWJ} &lt;Math&gt;* "


def test_a_quote_is_plain_text_so_nothing_in_it_is_markup() -> None:
    block = render(MessageBuilder().quote("*so* <!here> & _true_").build()).blocks[0]
    assert block["text"] == {
        "type": "plain_text",
        "text": "*so* &lt;!here&gt; &amp; _true_",
        "emoji": True,
    }


def test_long_text_continues_in_the_next_section_never_past_3000_characters() -> None:
    words = "Fractions & decimals <together>. " * 400  # 13,200 characters, 14,000+ escaped
    message = text(Plain(words))
    shown = sections(message)
    assert len(shown) >= 5 and all(len(s) <= 3000 for s in shown)
    assert readable("".join(shown)) == words
    assert block_problems(render(message).blocks) == []


def test_long_emoji_text_counts_as_slack_counts_it() -> None:
    shown = sections(text(Plain("🍎" * 4000)))
    assert all(len(s.encode("utf-16-le")) // 2 <= 3000 for s in shown)
    assert "".join(shown) == "🍎" * 4000


def test_every_button_has_a_unique_action_id_and_carries_the_core_action_as_its_value() -> None:
    again = Action("checkin", ("7", "4"))
    message = (
        MessageBuilder()
        .buttons(Button("4", again), Button("4 again", again))
        .buttons(Button("x" * 90, again))
        .build()
    )
    elements = [e for b in render(message).blocks for e in b["elements"]]
    assert [e["action_id"] for e in elements] == [
        "plc:checkin:7:4#0",
        "plc:checkin:7:4#1",
        "plc:checkin:7:4#2",
    ]
    assert {e["value"] for e in elements} == {"plc:checkin:7:4"}
    assert len(elements[2]["text"]["text"]) <= 75
    assert block_problems(render(message).blocks) == []


def test_a_message_with_too_many_blocks_is_shortened_and_says_so() -> None:
    builder = MessageBuilder()
    for n in range(80):
        builder.para(f"line {n}")
    blocks = render(builder.build()).blocks
    assert len(blocks) == 50 and "left out" in blocks[-1]["elements"][0]["text"]
    assert len(home_view(builder.build())["blocks"]) == 80


def test_the_fallback_text_is_plain_escaped_and_short() -> None:
    message = (
        MessageBuilder().heading("Session open").para(Bold("Stage 1"), " ", Plain(PINGS)).build()
    )
    fallback = render(message).text
    assert fallback.startswith("Session open\nStage 1 ")
    assert "<!" not in fallback and "*" not in fallback
    assert len(render(text(Plain("x " * 30_000))).text) <= 3000


REFLECT = Form(
    action=Action("reflect", ("12",)),
    title="Reflect on today's session please",
    submit_label="Save",
    intro="What did you notice <today> & why?",
    fields=(
        TextField("text", "Your reflection", 4000, initial="Earlier <words> & all"),
        ChoiceField(
            "visibility",
            "Who can read it",
            (("facilitators", "Facilitators"), ("team", "Team")),
            initial="team",
        ),
    ),
)


def test_a_form_becomes_a_modal_slack_accepts() -> None:
    view = modal_view(REFLECT, private_metadata=json.dumps({"channel": "C1", "dm": False}))
    assert view_problems(view) == []
    assert view["callback_id"] == "plc:reflect:12"
    assert len(view["title"]["text"]) <= 24
    assert view["blocks"][0]["text"]["text"] == "What did you notice &lt;today&gt; &amp; why?"
    text_input = view["blocks"][1]["element"]
    assert text_input["max_length"] == 3000 and text_input["multiline"]
    assert text_input["initial_value"] == "Earlier <words> & all"  # an input box shows it as typed
    radios = view["blocks"][2]["element"]
    assert radios["type"] == "radio_buttons" and radios["initial_option"]["value"] == "team"


def test_submitted_values_come_back_as_field_answers() -> None:
    state = {
        "values": {
            "text": {"text": {"type": "plain_text_input", "value": "My words"}},
            "visibility": {
                "visibility": {"type": "radio_buttons", "selected_option": {"value": "team"}}
            },
        }
    }
    assert form_values(state) == {"text": "My words", "visibility": "team"}


def test_slack_escaped_text_comes_back_as_typed() -> None:
    assert unescape("a &amp;lt; b &lt;!here&gt; &amp; c") == "a &lt; b <!here> & c"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=7000))
def test_any_text_a_person_types_renders_valid_and_reads_back_exactly(typed: str) -> None:
    message = (
        MessageBuilder()
        .para("Said: ", Plain(typed))
        .quote(typed)
        .bullets([typed])
        .context(typed)
        .build()
    )
    rendered = render(message)
    assert block_problems(rendered.blocks) == []
    texts = [b["text"] for b in rendered.blocks if "text" in b] + [
        e for b in rendered.blocks for e in b.get("elements", [])
    ]
    mrkdwn = "".join(t["text"] for t in texts if t["type"] == "mrkdwn")
    assert "<" not in mrkdwn and ">" not in mrkdwn
    assert readable("".join(sections(text(Plain(typed))))) == typed.replace(ZWJ, "")
