"""Micro-credential portfolios on the fake, SQLite and PostgreSQL: a portfolio per teacher per
credential, evidence with a file's bytes read back whole, a reviewer's comments, counts by
credential, confined to their community, gone with the teacher and with the community."""

from __future__ import annotations

import pytest

from bot.credentials import Comment, Evidence, EvidenceKind, Portfolio
from bot.ports import Conflict
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import A, B, at, seed_team

PNG = bytes(range(256)) * 40  # any bytes, NUL included


def portfolio(
    user_id: str = "U2", credential_id: str = "formative-data", cid: str = A
) -> Portfolio:
    return Portfolio(0, cid, user_id, credential_id, at(0))


def evidence(p: Portfolio, part: str = "context", **changes: object) -> Evidence:
    values: dict[str, object] = {"kind": EvidenceKind.TEXT, "text": "Grade 4, 26 students"}
    values.update(changes)
    return Evidence(0, p.community_id, p.id, p.user_id, part, created_at=at(1), **values)  # type: ignore[arg-type]


async def test_a_portfolio_with_its_evidence_and_comments_reads_back_whole(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_team(uow)
        p = await uow.portfolios.start(portfolio())
        text = await uow.portfolios.add_evidence(evidence(p))
        file = await uow.portfolios.add_evidence(
            evidence(
                p,
                "check-and-data",
                kind=EvidenceKind.FILE,
                text="",
                file_name="exit ticket.png",
                file_type="image/png",
                file_size=len(PNG),
                content=PNG,
                confirmed=False,
            )
        )
        note = await uow.portfolios.add_comment(
            Comment(0, A, p.id, "U2", "U1", "context", "Say which standard.", at(2))
        )
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.portfolios.get(A, "U2", "formative-data") == p
        assert list(await uow.portfolios.of_user(A, "U2")) == [p]
        assert list(await uow.portfolios.evidence(A, p.id)) == [text, file]
        assert (await uow.portfolios.get_evidence(A, file.id)).content == PNG  # type: ignore[union-attr]
        assert list(await uow.portfolios.comments(A, p.id)) == [note]
        await uow.portfolios.confirm_evidence(A, file.id)
        await uow.portfolios.remove_evidence(A, text.id)
        await uow.portfolios.save(Portfolio(p.id, A, "U2", "formative-data", at(0), "U1", at(3)))
        await uow.commit()
    async with uow_factory() as uow:
        shared = await uow.portfolios.get(A, "U2", "formative-data")
        assert shared is not None and (shared.reviewer_id, shared.shared_at) == ("U1", at(3))
        [kept] = await uow.portfolios.evidence(A, p.id)
        assert kept.id == file.id and kept.confirmed


async def test_a_second_portfolio_for_the_same_credential_is_a_conflict(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_team(uow)
        await uow.portfolios.start(portfolio())
        with pytest.raises(Conflict):
            await uow.portfolios.start(portfolio())


async def test_counts_are_by_credential_and_only_of_the_community(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_team(uow, A)
        await seed_team(uow, B)
        for user, credential, cid in [
            ("U2", "formative-data", A),
            ("U3", "formative-data", A),
            ("U3", "inquiry-cycle", A),
            ("U9", "inquiry-cycle", B),
        ]:
            await uow.portfolios.start(portfolio(user, credential, cid))
        await uow.commit()
    async with uow_factory() as uow:
        assert dict(await uow.portfolios.counts(A)) == {"formative-data": 2, "inquiry-cycle": 1}
        assert await uow.portfolios.get(B, "U2", "formative-data") is None


async def test_another_community_reads_no_evidence_by_its_id(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_team(uow, A)
        await seed_team(uow, B)
        p = await uow.portfolios.start(portfolio())
        held = await uow.portfolios.add_evidence(evidence(p))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.portfolios.get_evidence(B, held.id) is None
        assert list(await uow.portfolios.evidence(B, p.id)) == []
        await uow.portfolios.remove_evidence(B, held.id)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.portfolios.get_evidence(A, held.id) == held


async def test_forgetting_a_teacher_deletes_their_portfolios_and_keeps_others(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_team(uow)
        mine = await uow.portfolios.start(portfolio("U2"))
        theirs = await uow.portfolios.start(portfolio("U3"))
        await uow.portfolios.add_evidence(evidence(mine))
        kept = await uow.portfolios.add_evidence(evidence(theirs))
        await uow.portfolios.add_comment(Comment(0, A, mine.id, "U2", "U1", "context", "ok", at(2)))
        await uow.portfolios.add_comment(
            Comment(0, A, theirs.id, "U3", "U2", "context", "ok", at(2))
        )
        await uow.commit()
    async with uow_factory() as uow:
        counts = await uow.rights.forget_person(A, "U2")
        await uow.commit()
    assert (counts["portfolios"], counts["portfolio_evidence"], counts["portfolio_comments"]) == (
        1,
        1,
        1,
    )
    async with uow_factory() as uow:
        assert list(await uow.portfolios.of_user(A, "U2")) == []
        assert list(await uow.portfolios.evidence(A, theirs.id)) == [kept]
        [comment] = await uow.portfolios.comments(A, theirs.id)
        assert comment.reviewer_id == "forgotten"


async def test_purging_a_community_deletes_its_portfolios(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_team(uow, A)
        await seed_team(uow, B)
        gone = await uow.portfolios.start(portfolio())
        await uow.portfolios.add_evidence(evidence(gone))
        kept = await uow.portfolios.start(portfolio(cid=B))
        await uow.commit()
    async with uow_factory() as uow:
        counts = await uow.rights.purge_community(A)
        await uow.commit()
    assert counts["portfolios"] == 1 and counts["portfolio_evidence"] == 1
    async with uow_factory() as uow:
        assert list(await uow.portfolios.of_user(B, "U2")) == [kept]


async def test_portfolios_grown_count_confirmed_evidence_since_a_time_once_per_portfolio(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_team(uow, A)
        await seed_team(uow, B)
        mine = await uow.portfolios.start(portfolio("U2"))
        theirs = await uow.portfolios.start(portfolio("U3"))
        elsewhere = await uow.portfolios.start(portfolio("U2", cid=B))
        for e in [
            evidence(mine, confirmed=True),
            evidence(mine, "method", confirmed=True),  # the same portfolio: counted once
            evidence(theirs, confirmed=False),  # waiting for the teacher's confirmation
            evidence(elsewhere, confirmed=True),  # another community
        ]:
            await uow.portfolios.add_evidence(e)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.portfolios.grown_since(A, ["U2", "U3"], at(0)) == 1
        assert await uow.portfolios.grown_since(A, ["U3"], at(0)) == 0
        assert await uow.portfolios.grown_since(A, ["U2"], at(2)) == 0  # before that time
