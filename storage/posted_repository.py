"""The messages the bot posted (a shared reflection in its channel, a DM, a card): where each
is, so it can be edited or withdrawn later."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

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
_AT_REF = (
    PostedMessageRow.channel_id == bindparam("channel_id"),
    PostedMessageRow.message_id == bindparam("message_id"),
)
_NEWEST = PostedMessageRow.id.desc()
_BY_REF = prepared(
    select(PostedMessageRow)
    .where(PostedMessageRow.community_id == bindparam("community_id"), *_AT_REF)
    .order_by(_NEWEST)
    .limit(1)
)
_LATEST_DM = prepared(
    select(PostedMessageRow)
    .where(
        PostedMessageRow.community_id == bindparam("community_id"),
        PostedMessageRow.user_id == bindparam("user_id"),
        PostedMessageRow.kind == bindparam("kind"),
    )
    .order_by(_NEWEST)
    .limit(1)
)
DMS_LOOKED_AT = 100  # a person's latest prompt DMs that can be what a plain DM answers


def _dms_of(platform: str) -> Select[tuple[PostedMessageRow]]:
    return select(PostedMessageRow).where(
        PostedMessageRow.user_id == bindparam("user_id"),
        PostedMessageRow.community_id.startswith(f"{platform}:", autoescape=True),
    )


@cache
def _dms_to(platform: str, limit: int) -> Select[tuple[PostedMessageRow]]:
    """Built once per platform (a few) and limit (the one default)."""
    query = _dms_of(platform).where(PostedMessageRow.kind == bindparam("kind"))
    return prepared(query.order_by(_NEWEST).limit(limit))


@cache
def _dm_by_ref(platform: str) -> Select[tuple[PostedMessageRow]]:
    return prepared(_dms_of(platform).where(*_AT_REF).order_by(_NEWEST).limit(1))


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
        row = await self._one_of(
            _BY_REF,
            community_id=community_id,
            channel_id=ref.channel_id,
            message_id=ref.message_id,
        )
        return _posted(row) if row else None

    async def dms_to(
        self, platform: str, user_id: str, kind: PostedKind, limit: int = DMS_LOOKED_AT
    ) -> Sequence[PostedMessage]:
        """The person's DMs of that kind from any community of that platform, newest first."""
        query = _dms_to(platform, limit)
        rows = await self._all_of(query, user_id=user_id, kind=PostedKind(kind).value)
        return [_posted(row) for row in rows]

    async def dm_by_ref(self, platform: str, user_id: str, ref: MessageRef) -> PostedMessage | None:
        """The message the bot DMed this person at `ref` (the one a DM reply quotes), if any."""
        row = await self._one_of(
            _dm_by_ref(platform),
            user_id=user_id,
            channel_id=ref.channel_id,
            message_id=ref.message_id,
        )
        return _posted(row) if row else None

    async def latest_dm(
        self, community_id: str, user_id: str, kind: PostedKind
    ) -> PostedMessage | None:
        """The last message of that kind posted to the person's DM (the most recently added)."""
        row = await self._one_of(
            _LATEST_DM, community_id=community_id, user_id=user_id, kind=PostedKind(kind).value
        )
        return _posted(row) if row else None
