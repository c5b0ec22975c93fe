"""A community with no admin yet (issue 18): a refusal never says "ask an admin" when there is
none to ask; it says that the first person to run `/plc team create` becomes its admin."""

from __future__ import annotations

from tests.harness import Harness, reply_text

FIRST = "the first person to run /plc team create in a channel becomes its admin"


async def test_a_channel_that_is_no_team_in_a_community_with_no_admin_says_who_becomes_admin(
    h: Harness,
) -> None:
    refused = reply_text(await h.say("tia", "/plc session open Fractions"))
    assert "This channel isn't a learning team yet." in refused and FIRST in refused
    assert "An admin can make it one" not in refused


async def test_an_admin_command_in_a_community_with_no_admin_says_who_becomes_admin(
    h: Harness,
) -> None:
    refused = reply_text(await h.say("tia", "/plc report all"))
    assert "Only an admin can use" in refused and FIRST in refused
    assert "Ask one of this community's admins" not in refused


async def test_once_there_is_an_admin_the_refusal_names_them(h: Harness) -> None:
    await h.team_with_facilitator()
    refused = reply_text(await h.say("tia", "/plc report all", channel="C9"))
    assert "Ask one of this community's admins: @ana." in refused and FIRST not in refused
    elsewhere = reply_text(await h.say("tia", "/plc session open", channel="C9"))
    assert "An admin can make it one" in elsewhere and FIRST not in elsewhere
