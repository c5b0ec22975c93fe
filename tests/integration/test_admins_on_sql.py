"""A community keeps its admins, on SQLite and PostgreSQL: the last admin stays until there is
another, a community that has had an admin never makes a newcomer admin, and two admin changes
at the same moment never leave it without one."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from bot import actions
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness, reply_text

HANDOVER = "Grant another admin first: /plc role grant @name admin"  # as plain text
RACES = 10


async def admins_of(uow_factory: SqlUnitOfWorkFactory, h: Harness) -> list[str]:
    async with uow_factory() as uow:
        return list(await uow.members.admins(h.community.id))


async def two_admins(uow_factory: SqlUnitOfWorkFactory, community: str = "T1") -> Harness:
    """ana made the team (first admin); bo used the bot once and was made admin too."""
    h = Harness(uow_factory, community=community)
    await h.team_with_facilitator()
    assert (await h.say("bo", "/plc checkin")).ok
    assert (await h.say("ana", "/plc role grant @bo admin")).ok
    return h


async def test_the_last_admin_cannot_forget_themselves_and_is_told_how_to_hand_over(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    asked = await h.say("ana", "/plc me forget")
    assert not asked.ok
    assert "last admin" in reply_text(asked) and HANDOVER in reply_text(asked)
    confirmed = await h.click(
        "ana", actions.forget("ana").id
    )  # a confirm button from an earlier prompt
    assert not confirmed.ok and HANDOVER in reply_text(confirmed)
    assert await admins_of(uow_factory, h) == ["ana"]


async def test_a_plain_member_cannot_take_over_after_the_last_admin_tries_to_forget(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    await h.say("fay", "/plc prompt send")
    assert (await h.say("tia", "/plc reflect --facilitators only for facilitators")).ok
    await h.click("ana", actions.forget("ana").id)
    took = await h.say("mal", "/plc team create Takeover", channel="C2")
    assert not took.ok and "Only an admin" in reply_text(took)
    assert not (await h.say("mal", "/plc role grant @mal facilitator")).ok
    assert "only for facilitators" not in reply_text(await h.say("mal", "/plc reflections"))


async def test_a_community_that_has_had_an_admin_never_makes_a_newcomer_its_admin(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    async with uow_factory() as uow:  # however it came to be, the community has no admin now
        ana = await uow.members.get(h.community.id, "ana")
        assert ana is not None
        await uow.members.save(replace(ana, is_admin=False))
        await uow.commit()
    out = await h.say("mal", "/plc team create Takeover", channel="C2")
    assert not out.ok and "Only an admin" in reply_text(out)
    assert await admins_of(uow_factory, h) == []


async def test_the_first_admin_may_leave_once_another_admin_exists(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await two_admins(uow_factory)
    assert (await h.say("ana", "/plc me forget")).ok
    assert (await h.click("ana", actions.forget("ana").id)).ok
    assert await admins_of(uow_factory, h) == ["bo"]
    last = await h.say("bo", "/plc role revoke @bo admin")
    assert not last.ok and HANDOVER in reply_text(last)


async def test_two_admins_revoking_each_other_at_once_always_leave_one(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    for n in range(RACES):
        h = await two_admins(uow_factory, community=f"R{n}")
        outs = await asyncio.gather(
            h.say("ana", "/plc role revoke @bo admin"), h.say("bo", "/plc role revoke @ana admin")
        )
        assert sorted(o.ok for o in outs) == [False, True], f"race {n}"
        assert len(await admins_of(uow_factory, h)) == 1, f"race {n}"


async def test_two_admins_forgetting_themselves_at_once_always_leave_one(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    for n in range(RACES):
        h = await two_admins(uow_factory, community=f"F{n}")
        outs = await asyncio.gather(
            h.click("ana", actions.forget("ana").id), h.click("bo", actions.forget("bo").id)
        )
        assert sorted(o.ok for o in outs) == [False, True], f"race {n}"
        assert len(await admins_of(uow_factory, h)) == 1, f"race {n}"


async def test_an_admin_forgetting_themselves_while_revoking_the_other_always_leaves_one(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    for n in range(RACES):
        h = await two_admins(uow_factory, community=f"X{n}")
        outs = await asyncio.gather(
            h.click("ana", actions.forget("ana").id), h.say("ana", "/plc role revoke @bo admin")
        )
        assert sorted(o.ok for o in outs) == [False, True], f"race {n}"
        assert len(await admins_of(uow_factory, h)) == 1, f"race {n}"


async def test_granting_a_role_the_person_already_has_is_refused_and_sends_no_second_dm(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await two_admins(uow_factory)
    dms = len(h.chat.dms_to("fay"))
    again = await h.say("ana", "/plc role grant @fay facilitator")
    assert not again.ok and "already facilitator of “Grade 4 Math”" in reply_text(again)
    assert len(h.chat.dms_to("fay")) == dms
    admin_again = await h.say("ana", "/plc role grant @bo admin")
    assert not admin_again.ok and "already an admin" in reply_text(admin_again)
    assert [d.text for d in h.chat.dms_to("bo")].count(h.chat.dms_to("bo")[-1].text) == 1


async def test_granting_a_role_to_someone_the_bot_has_never_seen_says_so_and_stores_nothing(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    for role in ("facilitator", "admin"):
        out = await h.say("ana", f"/plc role grant @typo {role}")
        assert not out.ok
        said = reply_text(out)
        assert "hasn't used plcbot in this community yet" in said and "/plc checkin" in said
    assert h.chat.dms_to("typo") == []
    async with uow_factory() as uow:
        assert await uow.members.get(h.community.id, "typo") is None
        team = await uow.teams.by_channel(h.community.id, "C1")
        assert team is not None
        assert await uow.team_roles.get(h.community.id, team.id, "typo") is None
