"""A team's own prompts on SQLite and PostgreSQL: stored, read back, retired (kept for the
answers written to them), confined to their community, and gone with the team."""

from __future__ import annotations

from bot.domain import CycleStage
from bot.rules.prompts import TeamPrompt
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import A, B, at, seed_team


def own(team_id: int, text: str, community_id: str = A) -> TeamPrompt:
    return TeamPrompt(community_id, team_id, CycleStage.LEARN, text, at(0))


async def test_a_team_prompt_reads_back_and_a_retired_one_leaves_the_team_s_list(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        team = await seed_team(uow)
        first = await uow.team_prompts.add(own(team.id, "What will you try?"))
        second = await uow.team_prompts.add(own(team.id, "Wer hat geholfen? ✓"))
        await uow.commit()
    assert 0 < first.id < second.id and first.prompt_id == f"team-{first.id}"
    async with uow_factory() as uow:
        assert list(await uow.team_prompts.for_team(A, team.id)) == [first, second]
        await uow.team_prompts.retire(A, first.id, at(5))
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.team_prompts.for_team(A, team.id)) == [second]
        assert await uow.team_prompts.get(A, first.id) == TeamPrompt(
            A, team.id, CycleStage.LEARN, "What will you try?", at(0), at(5), first.id
        )


async def test_another_community_neither_reads_nor_retires_a_team_prompt(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        team = await seed_team(uow, A)
        other = await seed_team(uow, B)
        held = await uow.team_prompts.add(own(team.id, "What will you try?"))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.team_prompts.get(B, held.id) is None
        assert list(await uow.team_prompts.for_team(B, other.id)) == []
        await uow.team_prompts.retire(B, held.id, at(5))
        await uow.commit()
    async with uow_factory() as uow:
        assert (await uow.team_prompts.get(A, held.id)) == held


async def test_purging_a_community_deletes_its_team_prompts(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        team = await seed_team(uow, A)
        kept_team = await seed_team(uow, B)
        gone = await uow.team_prompts.add(own(team.id, "What will you try?"))
        kept = await uow.team_prompts.add(own(kept_team.id, "Still here?", B))
        await uow.commit()
    async with uow_factory() as uow:
        receipt = await uow.rights.purge_community(A)
        await uow.commit()
    assert receipt.get("team_prompts") == 1
    async with uow_factory() as uow:
        assert await uow.team_prompts.get(A, gone.id) is None
        assert await uow.team_prompts.get(B, kept.id) == kept
