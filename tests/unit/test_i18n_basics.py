"""The translation functions' own rules: a language is spoken only inside `speaking`, styled
parts go where the translator put their placeholder, and no module that says `_(...)` can
shadow `_` with a throwaway name (a `for _ in …` would turn every later `_("…")` into a crash)."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest

from bot.i18n import _, current, fill, ngettext, normalise, register, speaking, unregister
from bot.messages import Bold, Code, Mention, Plain, markup
from tests.source_tree import write_tree

ROOT = Path(__file__).resolve().parents[2]


class _Marked(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return f"[!! {message} !!]"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"[!! {msgid1 if n == 1 else msgid2} !!]"


@pytest.fixture
def marked() -> object:
    register("xx", _Marked())
    yield "xx"
    unregister("xx")


def test_a_language_is_spoken_only_inside_speaking(marked: str) -> None:
    assert _("Checked in.") == "Checked in."
    with speaking(marked):
        assert current() == "xx"
        assert _("Checked in.") == "[!! Checked in. !!]"
        assert ngettext("{n} reflection", "{n} reflections", 2) == "[!! {n} reflections !!]"
    assert current() == "en"
    with speaking("klingon"):
        assert _("Checked in.") == "Checked in."


def test_platform_locales_become_languages_plcbot_speaks() -> None:
    assert normalise("en-US") == "en"
    assert normalise("en_GB") == "en"
    assert normalise(None) is None
    assert normalise("xx-YY") is None


def test_fill_puts_values_where_the_placeholder_is_and_keeps_words_literal() -> None:
    parts = fill(
        "Ask {who} to run {command}.",
        who=[Mention("U1"), Plain(", "), Mention("U2")],
        command=Code("/plc x"),
    )
    assert parts == (
        "Ask ",
        Mention("U1"),
        Plain(", "),
        Mention("U2"),
        " to run ",
        Code("/plc x"),
        ".",
    )
    # a person's words are Plain, so a backtick in them is never read as a command
    assert markup(*fill("{name} joined `/plc`", name="`rm`")) == (
        Plain("`rm`"),
        Plain(" joined "),
        Code("/plc"),
    )
    assert fill("{name}", name=Bold("x")) == (Bold("x"),)


def _shadowing(root: Path) -> list[str]:
    """Modules that import `_` and also bind the name `_` (assignment, loop, with, except)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = any(
            isinstance(node, ast.ImportFrom)
            and any(a.name == "_" and not a.asname for a in node.names)
            for node in ast.walk(tree)
        )
        binds = any(
            isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)
            for node in ast.walk(tree)
        )
        if imports and binds:
            found.append(str(path.relative_to(root)))
    return found


def test_no_module_that_translates_binds_underscore_to_something_else() -> None:
    offenders = [p for d in ("bot", "adapters", "plcbot") for p in _shadowing(ROOT / d)]
    assert offenders == [], f"rename the throwaway `_` in {offenders} (e.g. to `_unused`)"


def test_the_shadowing_rule_would_notice_a_loop_variable(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {"m.py": "from bot.i18n import _\n\ndef f():\n    for _ in range(2):\n        pass\n"},
    )
    assert _shadowing(tmp_path) == ["m.py"]
