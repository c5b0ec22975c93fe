"""What goes in comes out: aware UTC datetimes, and text exactly as given."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.domain import Member
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import (
    T0,
    A,
    checkin,
    community,
    posted,
    reflection,
    seed_team,
    session,
    team,
)

KOLKATA = timezone(timedelta(hours=5, minutes=30))

AWKWARD_TEXTS = [
    "right-to-left override: \u202eevil.exe\u202c and isolates \u2066a\u2067b\u2068c\u2069",
    "4-byte emoji and letters: 🧑🏽‍🏫 𝕏 👩‍👩‍👧‍👦 🏳️‍🌈",
    "combining marks: e\u0301 (decomposed) vs \u00e9 (composed), Z\u0324\u0354\u0367\u0311\u0313",
    "mixed scripts: עברית العربية 日本語 한국어 ελληνικά",
    "zero-width: a\u200bb\u200cc\u200dd\ufeffe, and a lone combining mark \u0301",
    "whitespace kept:  two spaces, a tab\t, a newline\n and a trailing space ",
    "quotes and markup: 'single' \"double\" `code` <b>&amp;</b> %s %(x)s {0} \\ \\\\",
    "🧑🏽‍🏫" * 1000,  # 4,000 code points: the emoji is 4 of them, joined by U+200D
    "𝕏" * 4000,  # 4,000 code points, every one outside the BMP
    "e\u0301" * 2000,
    "x" * 4000,
]


def test_the_awkward_texts_are_what_they_claim_to_be() -> None:
    assert [len(t) for t in AWKWARD_TEXTS[-4:]] == [4000] * 4
    assert unicodedata.normalize("NFC", AWKWARD_TEXTS[2]) != AWKWARD_TEXTS[2]


@pytest.mark.parametrize("given", AWKWARD_TEXTS, ids=range(len(AWKWARD_TEXTS)))
async def test_text_round_trips_identically(uow_factory: SqlUnitOfWorkFactory, given: str) -> None:
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        t = await uow.teams.add(team(A, "C1", name=given, norms=(given, "plain", given)))
        s = await uow.sessions.add(session(t, topic=given))
        c = await uow.checkins.add(checkin(t, s.id, word=given))
        r = await uow.reflections.add(reflection(t, text=given))
        await uow.commit()
    async with uow_factory() as uow:
        stored_team = await uow.teams.get(A, t.id)
        stored_session = await uow.sessions.get(A, s.id)
        stored_checkin = await uow.checkins.find(A, s.id, c.user_id)
        stored_reflection = await uow.reflections.get(A, r.id)
    assert stored_team is not None and stored_team.name == given
    assert stored_team.norms == (given, "plain", given)
    assert stored_session is not None and stored_session.topic == given
    assert stored_checkin is not None and stored_checkin.word == given
    assert stored_reflection is not None and stored_reflection.text == given
    assert [ord(ch) for ch in stored_reflection.text] == [ord(ch) for ch in given]


async def test_datetimes_come_back_aware_utc_at_the_same_instant(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    in_kolkata = datetime(2025, 3, 1, 9, 0, 0, 123456, tzinfo=KOLKATA)
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        t = await uow.teams.add(team(A, "C1", stage_started_at=in_kolkata))
        s = await uow.sessions.add(session(t, opened_at=in_kolkata, closed_at=T0))
        await uow.members.save(Member(A, "U1", joined_at=in_kolkata))
        await uow.commit()
    async with uow_factory() as uow:
        stored_team = await uow.teams.get(A, t.id)
        stored_session = await uow.sessions.get(A, s.id)
        stored_member = await uow.members.get(A, "U1")
    assert stored_team is not None and stored_session is not None and stored_member is not None
    values = [
        stored_team.stage_started_at,
        stored_team.created_at,
        stored_session.opened_at,
        stored_session.closed_at,
        stored_member.joined_at,
    ]
    for value in values:
        assert value is not None and value.tzinfo is UTC
    assert stored_team.stage_started_at == in_kolkata  # the same instant...
    assert stored_team.stage_started_at.hour == 3 and stored_team.stage_started_at.minute == 30
    assert stored_team.stage_started_at.microsecond == 123456  # ...to the microsecond


async def test_since_compares_instants_whatever_zone_it_is_given_in(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        s = await uow.sessions.add(session(t, opened_at=T0, closed_at=T0))
        await uow.commit()
    same_instant = T0.astimezone(KOLKATA)
    async with uow_factory() as uow:
        assert list(await uow.sessions.list(A, t.id, since=same_instant)) == [s]
        later = same_instant + timedelta(microseconds=1)
        assert list(await uow.sessions.list(A, t.id, since=later)) == []


async def test_naive_datetimes_are_refused_and_the_unit_of_work_stays_usable(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    naive = datetime(2025, 1, 6, 15, 30)
    async with uow_factory() as uow:
        t = await seed_team(uow)
        with pytest.raises(ValueError, match="naive"):
            await uow.sessions.add(session(t, opened_at=naive))
        with pytest.raises(ValueError, match="naive"):
            await uow.sessions.list(A, t.id, since=naive)
        with pytest.raises(ValueError, match="naive"):
            await uow.teams.save(replace(t, stage_started_at=naive))
        with pytest.raises(ValueError, match="naive"):
            await uow.members.save(Member(A, "U1", joined_at=naive))
        with pytest.raises(ValueError, match="naive"):
            await uow.posted.add(posted(A, "prompt", posted_at=naive))
        await uow.sessions.add(session(t))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.teams.get(A, t.id) == t
        assert await uow.members.get(A, "U1") is None
        assert len(await uow.sessions.list(A, t.id)) == 1
