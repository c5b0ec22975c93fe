"""The neutral Message as Discord content, embeds and buttons; the Form as a modal; the command
tree's shape. No network: these check the translation itself."""

from __future__ import annotations

from adapters.discord.commands import OWN_ROOTS, build_plc, build_roots, placement
from adapters.discord.components import edit_kwargs, send_kwargs
from adapters.discord.forms import modal_of, values_of
from adapters.discord.render import CONTENT_MAX, DESCRIPTION_MAX, escape, render
from bot.commands.grammar import COMMANDS
from bot.messages import (
    Action,
    Bold,
    Button,
    ButtonStyle,
    ChoiceField,
    Code,
    Form,
    Mention,
    MessageBuilder,
    Plain,
    TextField,
    text,
)


def test_peoples_text_is_literal_no_markdown_and_no_mentions() -> None:
    rendered = render(text("Said: ", Plain("**hi** _there_ @everyone @here <@123456789012345678>")))
    assert rendered.content == (
        "Said: \\*\\*hi\\*\\* \\_there\\_ @\u200beveryone @\u200bhere <@\u200b123456789012345678>"
    )


def test_a_line_of_peoples_text_cannot_become_a_heading_list_or_quote() -> None:
    assert (
        escape("# big\n- item\n1. first\n> quoted") == "\\# big\n\\- item\n1\\. first\n\\> quoted"
    )


def test_a_mention_the_core_meant_is_a_discord_mention_and_other_marks_are_markdown() -> None:
    message = text(
        Mention("123456789012345678"),
        " ",
        Bold("bold"),
        " ",
        Code("/plc help"),
        " ",
        Mention("bob"),
    )
    assert render(message).content == "<@123456789012345678> **bold** `/plc help` @bob"


def test_a_code_span_holding_a_backtick_stays_one_span() -> None:
    assert render(text(Code("a`b"))).content == "`` a`b ``"


def test_blocks_become_a_heading_bullets_a_quote_and_small_print() -> None:
    b = MessageBuilder().heading("Session open: Fractions").bullets(["one", "two"], numbered=True)
    b.quote("line one\nline two").context("Only you see this.")
    assert render(b.build()).content == (
        "### Session open: Fractions\n1. one\n2. two\n> line one\n> line two\n-# Only you see this."
    )


def test_a_message_too_long_for_content_goes_in_an_embed_shortened_with_an_ellipsis() -> None:
    medium = render(MessageBuilder().quote("x" * 3000).build())
    assert medium.content is None and medium.embed is not None
    assert medium.embed.description == "> " + "x" * 3000
    huge = render(MessageBuilder().quote("y" * 9000).build())
    assert huge.embed is not None and huge.embed.description is not None
    assert len(huge.embed.description) == DESCRIPTION_MAX and huge.embed.description.endswith("…")
    assert len(render(text("z" * CONTENT_MAX)).content or "") == CONTENT_MAX


def test_buttons_carry_their_action_ids_wrap_at_five_and_stop_at_five_rows() -> None:
    many = [Button(f"B{n}", Action("pulse", ("1", "relevant", str(n)))) for n in range(7)]
    b = MessageBuilder().buttons(*many)
    for n in range(5):
        b.buttons(Button("L" * 120, Action("reflect", (str(n),)), ButtonStyle.PRIMARY))
    rows = render(b.build()).rows
    assert [len(r) for r in rows] == [5, 2, 1, 1, 1]
    assert rows[0][0].custom_id == "plc:pulse:1:relevant:0"
    assert len(rows[2][0].label) == 80 and rows[2][0].label.endswith("…")


async def test_every_message_is_sent_and_edited_with_no_mentions_allowed() -> None:
    card = (
        MessageBuilder()
        .para("Check in")
        .buttons(Button("4", Action("checkin", ("7", "4"))))
        .build()
    )
    sent, edited = send_kwargs(card), edit_kwargs(text("closed"))
    assert sent["allowed_mentions"].to_dict() == {"parse": []}
    assert [c.custom_id for c in sent["view"].children] == ["plc:checkin:7:4"]
    assert edited["allowed_mentions"].to_dict() == {"parse": []}
    assert edited["view"] is None and edited["embeds"] == []  # an edit removes the old buttons


async def test_a_form_becomes_a_modal_with_a_text_input_and_a_select() -> None:
    form = Form(
        Action("reflect", ("12",)),
        "Reflect",
        "Save",
        intro="What did **you** notice?",
        fields=(
            TextField("text", "Your reflection", 4000, initial="draft"),
            ChoiceField(
                "visibility", "Who can read it", (("private", "Only me"), ("team", "Team")), "team"
            ),
        ),
    )
    modal = modal_of(form).to_dict()
    assert modal["custom_id"] == "plc:reflect:12" and modal["title"] == "Reflect"
    intro, text_field, choice = modal["components"]
    assert intro == {"type": 10, "content": "What did \\*\\*you\\*\\* notice?"}
    assert (
        text_field["component"]["max_length"] == 4000
        and text_field["component"]["value"] == "draft"
    )
    assert [o["default"] for o in choice["component"]["options"]] == [False, True]


def test_a_modal_submission_is_read_from_labels_and_rows() -> None:
    components = [
        {"type": 10, "id": 1},
        {"type": 18, "component": {"type": 4, "custom_id": "text", "value": "hello"}},
        {"type": 18, "component": {"type": 3, "custom_id": "visibility", "values": ["team"]}},
        {"type": 1, "components": [{"type": 4, "custom_id": "old", "value": "row"}]},
    ]
    assert values_of(components) == {"text": "hello", "visibility": "team", "old": "row"}


def test_the_plc_tree_nests_two_levels_and_keeps_every_grammar_command() -> None:
    plc = build_plc()
    names = {(g.name, c.name) for g in plc.commands if hasattr(g, "commands") for c in g.commands}
    names |= {(None, c.name) for c in plc.commands if not hasattr(c, "commands")}
    assert {placement(s) for s in COMMANDS if s.path[0] not in OWN_ROOTS} == names
    assert len(plc.commands) <= 25  # Discord's limit of sub-commands and groups under one
    own = {(r.name, c.name) for r in build_roots()[1:] for c in r.commands}
    assert {placement(s) for s in COMMANDS if s.path[0] in OWN_ROOTS} == own
    assert placement(next(s for s in COMMANDS if s.name == "team set tz")) == ("team", "set-tz")
    assert placement(next(s for s in COMMANDS if s.name == "norms")) == ("norms", "show")
