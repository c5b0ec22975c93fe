from dataclasses import replace

from bot import actions
from tests.harness import Harness, reply_text


async def test_the_first_person_to_create_a_team_becomes_admin_and_facilitator(h: Harness) -> None:
    out = await h.say("ana", '/plc team create "Grade 4 Math" America/Chicago')
    assert out.ok
    assert "first admin" in reply_text(out)
    posts = h.chat.posts_to("C1")
    assert "Welcome, Grade 4 Math" in posts[0].text
    assert "Stage 1 of 5" in posts[1].text
    assert (await h.say("ana", "/plc session open Fractions")).ok


async def test_a_second_person_cannot_create_a_team_once_there_is_an_admin(h: Harness) -> None:
    await h.say("ana", "/plc team create Science")
    out = await h.say("ben", "/plc team create Math", channel="C2")
    assert not out.ok
    assert "Only an admin" in reply_text(out)


async def test_a_channel_can_be_a_team_only_once(h: Harness) -> None:
    await h.say("ana", "/plc team create Science")
    out = await h.say("ana", "/plc team create Again")
    assert not out.ok and "already the learning team “Science”" in reply_text(out)


async def test_an_unknown_time_zone_is_refused_with_an_example_and_nothing_is_created(
    h: Harness,
) -> None:
    out = await h.say("ana", "/plc team create Science Mars/Olympus")
    assert not out.ok
    assert "America/Chicago" in reply_text(out)
    assert h.store.state.teams == {}
    assert h.store.state.members == {}  # not even the first-contact rows: one unit of work


async def test_commands_outside_a_team_channel_say_how_to_make_one(h: Harness) -> None:
    out = await h.say("ben", "/plc norms")
    assert not out.ok and "/plc team create" in reply_text(out)


async def test_a_teacher_cannot_open_a_session_and_is_told_which_role_is_needed(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("tia", "/plc session open Fractions")
    assert not out.ok
    assert "Only a facilitator of this team (or an admin)" in reply_text(out)
    assert h.store.state.sessions == {}


async def test_a_granted_facilitator_is_told_by_dm_and_may_open_sessions(h: Harness) -> None:
    await h.team_with_facilitator()
    assert "You are now facilitator" in h.chat.dms_to("fay")[0].text
    assert (await h.say("fay", "/plc session open Fractions")).ok


async def test_roles_come_from_the_platform_user_not_from_the_command_text(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("tia", "/plc role grant @tia admin")
    assert not out.ok and "Only an admin" in reply_text(out)


async def test_revoking_facilitator_takes_the_role_away(h: Harness) -> None:
    await h.team_with_facilitator()
    assert (await h.say("ana", "/plc role revoke @fay facilitator")).ok
    assert not (await h.say("fay", "/plc stage next")).ok


async def test_the_last_admin_cannot_be_revoked(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("ana", "/plc role revoke @ana admin")
    assert not out.ok and "last admin" in reply_text(out)
    assert (await h.say("bo", "/plc checkin")).ok
    assert (await h.say("ana", "/plc role grant @bo admin")).ok
    assert (await h.say("ana", "/plc role revoke @ana admin")).ok


async def test_team_time_zone_and_language_can_be_set_by_an_admin(h: Harness) -> None:
    await h.team_with_facilitator()
    assert (await h.say("ana", "/plc team set tz Europe/Berlin")).ok
    team = next(iter(h.store.state.teams.values()))
    assert team.timezone == "Europe/Berlin"
    out = await h.say("ana", "/plc team set language xx")
    assert not out.ok and "Available: en" in reply_text(out)
    assert not (await h.say("fay", "/plc team set tz UTC")).ok


async def test_two_communities_never_see_each_others_teams() -> None:
    store_shared = Harness()
    other = Harness(store_shared.store.uow, community="T2")
    await store_shared.say("ana", "/plc team create Science")
    out = await other.say("zed", "/plc norms")
    assert not out.ok and "isn't a learning team" in reply_text(out)


# The fake unit of work keeps the admin rules as SQL does (tests/integration/test_admins_on_sql.py).


async def test_the_last_admin_is_told_to_hand_over_before_forgetting(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("ana", "/plc me forget")
    assert not out.ok and "/plc role grant @name admin" in reply_text(out)
    assert not (await h.click("ana", actions.forget("ana").id)).ok
    assert h.store.state.members[(h.community.id, "ana")].is_admin


async def test_a_community_without_admins_that_once_had_one_does_not_bootstrap(h: Harness) -> None:
    await h.team_with_facilitator()
    key = (h.community.id, "ana")
    h.store.state.members[key] = replace(h.store.state.members[key], is_admin=False)
    out = await h.say("mal", "/plc team create Takeover", channel="C2")
    assert not out.ok and "Only an admin" in reply_text(out)


async def test_a_repeated_grant_is_refused_and_an_unseen_person_is_not_created(h: Harness) -> None:
    await h.team_with_facilitator()
    again = await h.say("ana", "/plc role grant @fay facilitator")
    assert not again.ok and "already facilitator" in reply_text(again)
    assert len(h.chat.dms_to("fay")) == 1
    unseen = await h.say("ana", "/plc role grant @nobody admin")
    assert not unseen.ok and "/plc checkin" in reply_text(unseen)
    assert (h.community.id, "nobody") not in h.store.state.members
