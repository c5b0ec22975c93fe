import pytest

from bot.text import clean
from tests.harness import Harness

HOSTILE = "@everyone <!channel> <!here> <@U123> *bold* _it_ `code` <https://x.example|click> & < >"


async def test_nul_bytes_are_removed_before_anything_is_stored(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc prompt send")
    await h.say("tia", "/plc reflect a\x00b\x07c")
    (r,) = h.store.state.reflections.values()
    assert r.text == "abc"


@pytest.mark.parametrize(
    "raw",
    ["\u202egnp.exe", "emoji 🧑🏽‍🏫 𝕏 👍🏾", "mixed \u2066عربي\u2069 text", "e\u0301"],
)
def test_right_to_left_marks_emoji_and_combining_marks_are_kept(raw: str) -> None:
    import unicodedata

    assert clean(raw) == unicodedata.normalize("NFC", raw)


async def test_user_text_is_carried_as_plain_text_never_as_markup(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("fay", f"/plc session open {HOSTILE}")
    from bot.messages import Heading, Mention, Plain

    card = h.chat.posts_to("C1")[-1].message
    heading = card.blocks[0]
    assert isinstance(heading, Heading) and HOSTILE in heading.text
    await h.say("fay", "/plc prompt send")
    await h.say("tia", f"/plc reflect --team {HOSTILE}")
    shared = h.chat.posts_to("C1")[-1].message
    kinds = {type(p) for b in shared.blocks for p in getattr(b, "parts", ())}
    assert Mention in kinds  # the author, by id
    quoted = shared.blocks[-1]
    assert quoted.parts == (Plain(HOSTILE),)


def test_every_control_character_but_newline_and_tab_is_removed_and_nothing_else() -> None:
    import sys
    import unicodedata

    def by_category(raw: str) -> str:  # what clean() did before, one character at a time
        text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
        kept = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
        return kept.strip()

    # every code point but the surrogates (no str from a platform holds one alone), inside
    # letters so that strip() takes nothing
    every = "".join(chr(n) for n in range(sys.maxunicode + 1) if not 0xD800 <= n <= 0xDFFF)
    assert clean(f"a{every}z") == by_category(f"a{every}z")
    assert "\n" in clean("a\r\nb\rc") and "\t" in clean("a\tb")
