"""A community's admins: who they are, whether it has ever had one, and the lock that keeps
"a community that has an admin keeps at least one" true when admins change at the same time.

Two admins revoking each other at once each read two admins and each removed the other
(PostgreSQL, READ COMMITTED: the rows differ, so neither waits). Every change that must leave
an admin first locks the community's row (SELECT ... FOR NO KEY UPDATE): the second waits for the
first to commit, then reads the admins that are left. SQLite needs no row lock: every unit of
work begins with the database's write lock (storage.engine), so they already run one by one.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update

from bot.domain import AdminRoll
from storage.repository import SqlRepository
from storage.tables import CommunityRow, MemberRow


class SqlAdmins(SqlRepository):
    """The admin half of SqlMembers."""

    async def admins(self, community_id: str) -> Sequence[str]:
        query = (
            select(MemberRow.user_id)
            .where(MemberRow.community_id == community_id, MemberRow.is_admin.is_(True))
            .order_by(MemberRow.user_id)
        )
        return list(await self._session.scalars(query))

    async def communities_of(self, platform: str, user_id: str) -> Sequence[str]:
        """The communities of `platform` where the bot has met this person (the panel's sign-in)."""
        query = (
            select(MemberRow.community_id)
            .where(MemberRow.user_id == user_id, MemberRow.community_id.startswith(f"{platform}:"))
            .order_by(MemberRow.community_id)
        )
        return list(await self._session.scalars(query))

    async def lock_admins(self, community_id: str) -> AdminRoll:
        # FOR NO KEY UPDATE: lockers queue behind each other, while a row that merely refers to
        # the community (its foreign key check takes KEY SHARE) never waits for, nor deadlocks
        # with, a lock holder.
        locked = (
            select(CommunityRow.had_admin)
            .where(CommunityRow.id == community_id)
            .with_for_update(key_share=True)
        )
        had_admin = (await self._session.execute(locked)).scalar_one_or_none()
        admins = tuple(await self.admins(community_id))
        return AdminRoll(admins, bool(had_admin) or bool(admins))

    async def _mark_had_admin(self, community_id: str) -> None:
        """The community has had an admin: for good (nothing ever sets it back)."""
        statement = (
            update(CommunityRow)
            .where(CommunityRow.id == community_id, CommunityRow.had_admin.is_(False))
            .values(had_admin=True)
        )
        await self._session.execute(statement)
