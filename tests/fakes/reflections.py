"""The fake repositories of prompt deliveries, reflections and the messages the bot posted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot.domain import MessageRef, PostedMessage, PromptDelivery, Reflection
from tests.fakes.state import Repo, by, held, not_before, stored, unique

DMS_LOOKED_AT = 100  # as storage: a person's latest prompt DMs a plain DM can answer


class Deliveries(Repo):
    async def add(self, delivery: PromptDelivery) -> PromptDelivery:
        await self.uow.writing()
        delivery = stored(delivery)
        self.team_in(delivery.community_id, delivery.team_id)
        delivery = replace(delivery, id=self.uow.next_id())
        self.s.deliveries[delivery.id] = delivery
        return delivery

    async def get(self, community_id: str, delivery_id: int) -> PromptDelivery | None:
        d = self.s.deliveries.get(delivery_id)
        return d if d and d.community_id == community_id else None

    async def latest(self, community_id: str, team_id: int) -> PromptDelivery | None:
        rows = [d for d in await self.list(community_id, team_id) if d.posted]
        return rows[-1] if rows else None

    async def mark_posted(self, community_id: str, delivery_id: int) -> None:
        await self.uow.writing()
        d = self.s.deliveries.get(delivery_id)
        if d is not None and d.community_id == community_id:
            self.s.deliveries[delivery_id] = replace(d, posted=True)

    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[PromptDelivery]:
        rows = [
            d
            for d in self.s.deliveries.values()
            if d.community_id == community_id and d.team_id == team_id
        ]
        return sorted(not_before(rows, "sent_at", since), key=by("sent_at", "id"))


class Reflections(Repo):
    def _checked(self, reflection: Reflection) -> Reflection:
        reflection = stored(reflection)
        self.team_in(reflection.community_id, reflection.team_id)
        if reflection.delivery_id is not None:
            self.delivery_in(reflection.community_id, reflection.delivery_id)
            already = f"{reflection.user_id} answered {reflection.delivery_id} already"
            unique(self.s.reflections.values(), reflection, "delivery_id", "user_id", what=already)
        return reflection

    async def add(self, reflection: Reflection) -> Reflection:
        await self.uow.writing()
        reflection = self._checked(replace(reflection, id=0))
        reflection = replace(reflection, id=self.uow.next_id())
        self.s.reflections[reflection.id] = reflection
        return reflection

    async def save(self, reflection: Reflection) -> None:
        await self.uow.writing()
        held(self.s.reflections, reflection, "reflection")
        self.s.reflections[reflection.id] = self._checked(reflection)

    async def get(self, community_id: str, reflection_id: int) -> Reflection | None:
        r = self.s.reflections.get(reflection_id)
        return r if r and r.community_id == community_id else None

    async def find(self, community_id: str, delivery_id: int, user_id: str) -> Reflection | None:
        rows = [
            r
            for r in self.s.reflections.values()
            if r.community_id == community_id
            and r.delivery_id == delivery_id
            and r.user_id == user_id
        ]
        return max(rows, key=by("id"), default=None)

    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[Reflection]:
        rows = [
            r
            for r in self.s.reflections.values()
            if r.community_id == community_id and r.team_id == team_id
        ]
        return sorted(not_before(rows, "created_at", since), key=by("created_at", "id"))

    async def by_user(self, community_id: str, user_id: str) -> Sequence[Reflection]:
        rows = [
            r
            for r in self.s.reflections.values()
            if r.community_id == community_id and r.user_id == user_id
        ]
        return sorted(rows, key=by("created_at", "id"))


class PostedMessages(Repo):
    """Kept in a list in the order they were added: the list's order is the rows' ids."""

    async def add(self, posted: PostedMessage) -> None:
        await self.uow.writing()
        posted = stored(posted)
        self.community_in(posted.community_id)
        self.s.posted.append(posted)

    async def find(self, community_id: str, kind: str, subject_id: int) -> Sequence[PostedMessage]:
        return [
            p
            for p in self.s.posted
            if p.community_id == community_id and p.kind == kind and p.subject_id == subject_id
        ]

    async def for_subjects(
        self, community_id: str, kind: str, subject_ids: Sequence[int]
    ) -> Sequence[PostedMessage]:
        wanted = set(subject_ids)
        return [
            p
            for p in self.s.posted
            if p.community_id == community_id and p.kind == kind and p.subject_id in wanted
        ]

    async def by_ref(self, community_id: str, ref: MessageRef) -> PostedMessage | None:
        return next(
            (p for p in reversed(self.s.posted) if p.community_id == community_id and p.ref == ref),
            None,
        )

    def _dms_of(self, platform: str, user_id: str) -> list[PostedMessage]:
        return [
            p
            for p in reversed(self.s.posted)
            if p.community_id.startswith(f"{platform}:") and p.user_id == user_id
        ]

    async def dms_to(
        self, platform: str, user_id: str, kind: str, limit: int = DMS_LOOKED_AT
    ) -> Sequence[PostedMessage]:
        return [p for p in self._dms_of(platform, user_id) if p.kind == kind][:limit]

    async def dm_by_ref(self, platform: str, user_id: str, ref: MessageRef) -> PostedMessage | None:
        return next((p for p in self._dms_of(platform, user_id) if p.ref == ref), None)

    async def latest_dm(self, community_id: str, user_id: str, kind: str) -> PostedMessage | None:
        rows = [
            p
            for p in self.s.posted
            if p.community_id == community_id and p.user_id == user_id and p.kind == kind
        ]
        return rows[-1] if rows else None
