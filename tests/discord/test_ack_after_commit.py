"""A click is answered (its first interaction response) only once what it changes is committed:
a crash after the answer loses nothing the person was told about."""

from __future__ import annotations

import asyncio
from typing import Any

from platform_fakes.discord.fake_discord import FakeDiscord
from tests.discord.conftest import Process, button, open_school
from tests.fakes import FakeStore, FakeUnitOfWork

CARD = "Session open"


class ObservedCommit:
    """The fake unit of work, its commit as slow as a database's, noting after each commit
    which interactions had already been answered."""

    def __init__(self, inner: FakeUnitOfWork, fake: FakeDiscord, seen: list[Any]) -> None:
        self._inner, self._fake, self._seen = inner, fake, seen

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def __aenter__(self) -> ObservedCommit:
        await self._inner.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self._inner.__aexit__(*exc)

    async def commit(self) -> None:
        await asyncio.sleep(0.05)
        await self._inner.commit()
        answered = {i.id for i in self._fake.interactions.values() if i.initial is not None}
        self._seen.append((len(self._inner.store.state.checkins), answered))


async def test_a_check_in_click_is_answered_after_its_check_in_is_committed(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    store = FakeStore()
    seen: list[Any] = []
    school = await open_school(
        fake, processes, store=store, uow=lambda: ObservedCommit(store.uow(), fake, seen)
    )
    await school.say(school.fay, "plc session open", topic="Fractions")
    (card,) = [m for m in fake.posts_in(school.channel) if CARD in m["content"]]

    clicked = await fake.click(card["id"], button(card, "4"), user=school.tom)
    answer = await fake.answered(clicked)

    assert "Checked in" in str(answer.modal) and not answer.deferred  # the word's small form
    checked_in, answered_by_then = next(s for s in seen if s[0] == 1)
    assert checked_in == 1 and clicked.id not in answered_by_then
