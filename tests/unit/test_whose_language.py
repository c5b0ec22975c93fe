"""Whose language a reply is said in (issue 16): each rung of the ladder, and the door that
sets it for everything a request says."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from bot.domain import CommunityRef
from bot.i18n import catalog, register, speaking, unregister
from bot.outcome import Outcome
from bot.usecases.context import Actor, Ctx, Settings
from bot.whose_language import before_work, language_name, recipient, recipients, resolve
from tests.harness import Harness


@pytest.fixture(autouse=True)
def spanish_and_pirate() -> Iterator[None]:
    register("pi", catalog("es"))  # a second language with a catalog, beside Spanish
    yield
    unregister("pi")


def test_a_persons_own_choice_comes_first() -> None:
    assert resolve(chosen="es", locale="pi", team="pi", default="pi") == "es"


def test_without_a_choice_the_platforms_locale_decides_read_as_a_language() -> None:
    assert resolve(chosen=None, locale="es-419", team="pi", default="pi") == "es"
    assert resolve(locale="es-ES", team="en") == "es"
    assert resolve(locale="es_MX", team="en") == "es"


def test_a_locale_plcbot_does_not_speak_leaves_it_to_the_teams_language() -> None:
    assert resolve(locale="fr-FR", team="es", default="en") == "es"
    assert resolve(locale="en-US", team="es", default="pi") == "en"


def test_without_a_team_the_community_default_decides() -> None:
    assert resolve(default="es") == "es"
    assert resolve(team=None, default="pi") == "pi"


def test_nothing_known_is_english_and_a_choice_without_a_catalog_falls_through() -> None:
    assert resolve() == "en"
    assert resolve(chosen="fr", team="es") == "es"  # its catalog was removed since
    assert resolve(chosen="fr", team="xx", default="yy") == "en"


def test_a_dm_to_someone_else_is_in_their_choice_else_their_teams_language() -> None:
    assert recipient("es", "en") == "es"
    assert recipient(None, "es") == "es"
    assert recipient(None, None, "pi") == "pi"


def test_before_the_membership_is_read_the_locale_then_the_default_decide() -> None:
    actor = Actor(CommunityRef("discord", "G1"), "U1", "C1")
    assert before_work(actor, Settings()) == "en"
    assert before_work(replace(actor, locale="es-419"), Settings()) == "es"
    assert before_work(actor, Settings(default_language="es")) == "es"
    assert before_work(replace(actor, locale="de"), Settings(default_language="es")) == "es"


def test_a_language_is_named_in_the_language_spoken() -> None:
    assert language_name("es") == "Spanish"
    with speaking("es"):
        assert language_name() == "español"
        assert language_name("en") == "inglés"


def test_every_way_into_the_core_that_names_an_actor_speaks_their_language() -> None:
    """A new PlcBot method taking an actor is wrapped too: nothing it says escapes the ladder."""
    import inspect

    from bot.service import PlcBot

    ways_in = [
        name
        for name, method in vars(PlcBot).items()
        if not name.startswith("_")
        and inspect.iscoroutinefunction(method)
        and list(inspect.signature(inspect.unwrap(method)).parameters)[1:2] == ["actor"]
    ]
    assert {"handle", "typed", "command", "click", "submit", "message", "home", "run"} <= set(
        ways_in
    )
    assert all(getattr(vars(PlcBot)[name], "__wrapped__", None) for name in ways_in)


async def test_a_requests_dms_to_others_are_in_each_recipients_language() -> None:
    h = Harness()
    await h.team_with_facilitator()
    await h.say("fay", "/plc me language es")
    captured: dict[str, str] = {}

    async def step(ctx: Ctx) -> Outcome:
        captured.update(await recipients(ctx, ["fay", "ana", "nobody"]))
        return Outcome()

    await h.bot.run(h.actor("ana"), step)
    assert captured == {"fay": "es", "ana": "en", "nobody": "en"}
