"""Languages through the real Discord adapter (issue 16): `/plc me language` as a typed option,
an interaction from a Spanish Discord app answered in Spanish in an English team, and the
command tree synced with Spanish descriptions (names unchanged) for `es-419` and `es-ES`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.discord.conftest import School
from tests.spanish import spanish

EARLY = {"kind": "stage_nudge", "when": "mon 3:30"}


@pytest.fixture(autouse=True)
def es() -> Iterator[None]:
    with spanish("lang"):  # before the adapter starts: the tree is translated when it syncs
        yield


async def test_me_language_is_a_typed_option_and_answers_in_the_new_language(
    school: School,
) -> None:
    chosen = await school.say(school.tom, "plc me language", language="es")
    assert chosen.ephemeral
    assert "De ahora en adelante te hablo en español." in chosen.plain
    refused = await school.say(school.tom, "plc me language", language="fr")
    assert "Todavía no hablo “fr”. Elige uno de estos: en, es, o auto." in refused.plain


async def test_a_spanish_discord_app_is_answered_in_spanish_in_an_english_team(
    school: School,
) -> None:
    asked = await school.say(school.ana, "plc schedule add", locale="es-419", **EARLY)
    assert "¿3:30 de la mañana o de la tarde?" in asked.plain
    english = await school.say(school.ana, "plc schedule add", **EARLY)
    assert "3:30 in the morning or the afternoon?" in english.plain
    spain = await school.say(school.ana, "plc schedule add", locale="es-ES", **EARLY)
    assert "¿3:30 de la mañana o de la tarde?" in spain.plain


def _node(commands: list[dict[str, Any]], *path: str) -> dict[str, Any]:
    nodes = commands
    found: dict[str, Any] = {}
    for name in path:
        found = next(n for n in nodes if n["name"] == name)
        nodes = found.get("options") or []
    return found


def _names_localised(node: dict[str, Any]) -> bool:
    children = node.get("options") or []
    return bool(node.get("name_localizations")) or any(_names_localised(c) for c in children)


async def test_the_synced_tree_carries_spanish_descriptions_and_english_names(
    school: School,
) -> None:
    synced = [*school.fake.commands.get(None, []), *school.fake.commands.get(school.guild.id, [])]
    plc = _node(synced, "plc")
    for locale in ("es-419", "es-ES"):
        assert plc["description_localizations"][locale].startswith("Tu equipo de aprendizaje")
    language = _node(synced, "plc", "me", "language")
    assert language["description"].startswith("Choose the language I use with you")
    assert language["description_localizations"]["es-419"] == (
        "Elige el idioma en que te hablo (auto: el de tu aplicación o el de tu equipo)."
    )
    option = _node(synced, "plc", "me", "language", "language")
    assert option["description_localizations"]["es-ES"].startswith("Un código de idioma")
    assert "fr" not in language.get("description_localizations", {})
    assert not any(_names_localised(root) for root in synced)
