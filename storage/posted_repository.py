"""The messages the bot posted (a shared reflection in its channel, a DM, a card): where each
is, so it can be edited or withdrawn later."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, bindparam, select

from bot.domain import MessageRef, PostedKind, PostedMessage
from storage.repository import SqlRepository
from storage.statements import inserting, prepared
from storage.tables import PostedMessageRow

_POSTED = prepared(
    select(PostedMessageRow)
    .where(
        PostedMessageRow.community_id == bindparam("community_id"),
        PostedMessageRow.kind == bindparam("kind"),
        PostedMessageRow.subject_id == bindparam("subject_id"),
    )
    .order_by(PostedMessageRow.id)
)
_INSERT_POSTED = inserting(PostedMessageRow)
DMS_LOOKED_AT = 100  # a person's latest prompt DMs that can be what a plain DM answers


def _posted(row: PostedMessageRow) -> PostedMessage:
    return PostedMessage(
        community_id=row.community_id,
        kind=PostedKind(row.kind),
        subject_id=row.subject_id,
        ref=MessageRef(row.channel_id, row.message_id),
        user_id=row.user_id,
        posted_at=row.posted_at,
    )


class SqlPostedMessages(SqlRepository):
    async def add(self, posted: PostedMessage) -> None:
        values = {
            "community_id": posted.community_id,
            "kind": PostedKind(posted.kind).value,
            "subject_id": posted.subject_id,
            "channel_id": posted.ref.channel_id,
            "message_id": posted.ref.message_id,
            "user_id": posted.user_id,
            "posted_at": posted.posted_at,
        }
        await self._insert_row(_INSERT_POSTED, values)

    async def find(
        self, community_id: str, kind: PostedKind, subject_id: int
    ) -> Sequence[PostedMessage]:
        rows = await self._all_of(
            _POSTED, community_id=community_id, kind=PostedKind(kind).value, subject_id=subject_id
        )
        return [_posted(row) for row in rows]

    async def for_subjects(
        self, community_id: str, kind: PostedKind, subject_ids: Sequence[int]
    ) -> Sequence[PostedMessage]:
        if not subject_ids:
            return []
        query = (
            select(PostedMessageRow)
            .where(
                PostedMessageRow.community_id == community_id,
                PostedMessageRow.kind == PostedKind(kind).value,
                PostedMessageRow.subject_id.in_(sorted(set(subject_ids))),
            )
            .order_by(PostedMessageRow.id)
        )
        return [_posted(row) for row in await self._all_of(query)]

    async def by_ref(self, community_id: str, ref: MessageRef) -> PostedMessage | None:
        query = (
            select(PostedMessageRow)
            .where(
                PostedMessageRow.community_id == community_id,
                PostedMessageRow.channel_id == ref.channel_id,
                PostedMessageRow.message_id == ref.message_id,
            )
            .order_by(PostedMessageRow.id.desc())
            .limit(1)
        )
        row = await self._one(query)
        return _posted(row) if row else None

    async def dms_to(
        self, platform: str, user_id: str, kind: PostedKind, limit: int = DMS_LOOKED_AT
    ) -> Sequence[PostedMessage]:
        """The person's DMs of that kind from any community of that platform, newest first."""
        query = (
            self._dms_of(platform, user_id)
            .where(PostedMessageRow.kind == PostedKind(kind).value)
            .order_by(PostedMessageRow.id.desc())
            .limit(limit)
        )
        return [_posted(row) for row in await self._all(query)]

    async def dm_by_ref(self, platform: str, user_id: str, ref: MessageRef) -> PostedMessage | None:
        """The message the bot DMed this person at `ref` (the one a DM reply quotes), if any."""
        query = (
            self._dms_of(platform, user_id)
            .where(
                PostedMessageRow.channel_id == ref.channel_id,
                PostedMessageRow.message_id == ref.message_id,
            )
            .order_by(PostedMessageRow.id.desc())
            .limit(1)
        )
        row = await self._one(query)
        return _posted(row) if row else None

    @staticmethod
    def _dms_of(platform: str, user_id: str) -> Select[tuple[PostedMessageRow]]:
        return select(PostedMessageRow).where(
            PostedMessageRow.user_id == user_id,
            PostedMessageRow.community_id.startswith(f"{platform}:", autoescape=True),
        )

    async def latest_dm(
        self, community_id: str, user_id: str, kind: PostedKind
    ) -> PostedMessage | None:
        """The last message of that kind posted to the person's DM (the most recently added)."""
        query = (
            select(PostedMessageRow)
            .where(
                PostedMessageRow.community_id == community_id,
                PostedMessageRow.user_id == user_id,
                PostedMessageRow.kind == PostedKind(kind).value,
            )
            .order_by(PostedMessageRow.id.desc())
            .limit(1)
        )
        row = await self._one(query)
        return _posted(row) if row else None
