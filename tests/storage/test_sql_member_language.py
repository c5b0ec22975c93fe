"""A person's own language (`/plc me language`, issue 16): kept on their membership, read
with the request's standing, read in one go for the people a DM goes to, gone with them."""

from __future__ import annotations

from dataclasses import replace

from bot.domain import Member
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import T0, A, B, community


async def test_a_members_language_is_kept_changed_and_set_back_to_auto(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    member = Member(A, "U1", joined_at=T0, language="es")
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        await uow.members.save(member)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.members.get(A, "U1") == member
        standing = await uow.communities.standing(A, "U1", None)
        assert standing.member == member
        await uow.members.save(replace(member, language=None))
        await uow.commit()
    async with uow_factory() as uow:
        back = await uow.members.get(A, "U1")
        assert back is not None and back.language is None


async def test_languages_reads_the_chosen_ones_of_the_people_asked_in_their_community(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        for c in (A, B):
            await uow.communities.add(community(c))
        await uow.members.save(Member(A, "U1", language="es"))
        await uow.members.save(Member(A, "U2"))  # auto
        await uow.members.save(Member(A, "U3", language="en"))
        await uow.members.save(Member(B, "U4", language="es"))
        await uow.commit()
    async with uow_factory() as uow:
        found = await uow.members.languages(A, ["U1", "U2", "U4", "U9"])
        assert dict(found) == {"U1": "es"}
        assert dict(await uow.members.languages(A, {"U1", "U3"})) == {"U1": "es", "U3": "en"}
        assert dict(await uow.members.languages(A, [])) == {}
        assert dict(await uow.members.languages(B, ["U4"])) == {"U4": "es"}


async def test_forgetting_a_person_takes_their_language_with_them(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        await uow.members.save(Member(A, "U1", is_admin=True))
        await uow.members.save(Member(A, "U2", language="es"))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.rights.forget_person(A, "U2")
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.members.get(A, "U2") is None
        assert dict(await uow.members.languages(A, ["U2"])) == {}
