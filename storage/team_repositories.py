"""Communities, members, teams, team roles and the stage history."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import cast

from sqlalchemy import bindparam, delete, select, update

from bot.domain import Community, CycleStage, Member, Role, Team, TeamRole
from bot.ports import Claim, Conflict, Standing
from storage.admin_repository import SqlAdmins
from storage.prefetch import forget, keep
from storage.reflection_repositories import delivery_of, latest_prompt_key
from storage.repository import SqlRepository
from storage.session_repositories import open_session_key, session_of
from storage.standing_query import PARTS, STANDING, STANDING_CLAIMING, part_of
from storage.statements import inserting, prepared, updating
from storage.tables import (
    CommunityRow,
    MemberRow,
    PromptDeliveryRow,
    SessionRow,
    TeamRoleRow,
    TeamRow,
)

# The queries every request makes (PlcBot's context), built once.
_COMMUNITY = prepared(select(CommunityRow).where(CommunityRow.id == bindparam("community_id")))
_MEMBER = prepared(
    select(MemberRow).where(
        MemberRow.community_id == bindparam("community_id"),
        MemberRow.user_id == bindparam("user_id"),
    )
)
_TEAM_BY_CHANNEL = prepared(
    select(TeamRow).where(
        TeamRow.community_id == bindparam("community_id"),
        TeamRow.channel_id == bindparam("channel_id"),
    )
)
_TEAM = prepared(
    select(TeamRow).where(
        TeamRow.community_id == bindparam("community_id"), TeamRow.id == bindparam("team_id")
    )
)
_TEAM_ROLE = prepared(
    select(TeamRoleRow).where(
        TeamRoleRow.community_id == bindparam("community_id"),
        TeamRoleRow.team_id == bindparam("team_id"),
        TeamRoleRow.user_id == bindparam("user_id"),
    )
)
# What the scheduler and the team's features read and write of teams, built once too.
_TEAMS = prepared(
    select(TeamRow).where(TeamRow.community_id == bindparam("community_id")).order_by(TeamRow.id)
)
_INSERT_TEAM = inserting(TeamRow)
_SAVE_TEAM = updating(TeamRow)
_TEAM_MEMBERS = prepared(
    select(TeamRoleRow)
    .where(
        TeamRoleRow.community_id == bindparam("community_id"),
        TeamRoleRow.team_id == bindparam("team_id"),
    )
    .order_by(TeamRoleRow.user_id)
)
_TEAMS_OF = prepared(
    select(TeamRoleRow)
    .where(
        TeamRoleRow.community_id == bindparam("community_id"),
        TeamRoleRow.user_id == bindparam("user_id"),
    )
    .order_by(TeamRoleRow.team_id)
)


def community_from_row(row: CommunityRow) -> Community:
    return Community(
        id=row.id,
        platform=row.platform,
        external_id=row.external_id,
        created_at=row.created_at,
        retention_days=row.retention_days,
        removed_at=row.removed_at,
        name=row.name,
    )


class SqlCommunities(SqlRepository):
    async def get(self, community_id: str) -> Community | None:
        row = await self._one_of(_COMMUNITY, community_id=community_id)
        return community_from_row(row) if row else None

    async def standing(
        self, community_id: str, user_id: str, channel_id: str | None, claim: Claim | None = None
    ) -> Standing:
        """On PostgreSQL, `claim` is made in the same statement (one round trip fewer per
        request); SQLite's statements cost no round trip, so there the caller claims."""
        params = {"community_id": community_id, "user_id": user_id, "channel_id": channel_id}
        claimed = None
        if claim is None or self._sqlite:
            row = await self._one_row(STANDING, params)
        else:  # a row comes back whatever it finds
            claiming = {**params, "key": claim.key, "claimed_at": claim.at}
            row = await self._one_row(STANDING_CLAIMING, claiming)
            claimed = row.claimed == 1
        if row is None or (community := part_of(row, PARTS[0])) is None:
            return Standing(None, None, None, None, claimed)
        member, team, role, opened, latest = [part_of(row, part) for part in PARTS[1:]]
        in_team = team_from_row(cast(TeamRow, team)) if team else None
        if in_team is not None:  # for the use case's next read (storage/prefetch.py)
            now_open = session_of(cast(SessionRow, opened)) if opened else None
            last = delivery_of(cast(PromptDeliveryRow, latest)) if latest else None
            keep(self._info, {
                open_session_key(community_id, in_team.id): now_open,
                latest_prompt_key(community_id, in_team.id): last,
            })  # fmt: skip
        return Standing(
            community_from_row(cast(CommunityRow, community)),
            _member(cast(MemberRow, member)) if member else None,
            in_team,
            _role(cast(TeamRoleRow, role)) if role else None,
            claimed,
        )

    async def rename(self, community_id: str, name: str) -> None:
        """What the platform now calls the community (a server renamed)."""
        statement = update(CommunityRow).where(CommunityRow.id == community_id).values(name=name)
        await self._update(statement, f"no community {community_id}")

    async def add(self, community: Community) -> None:
        """Adding a community that exists already (two first requests at once) is a no-op."""
        values = {
            "id": community.id,
            "platform": community.platform,
            "external_id": community.external_id,
            "created_at": community.created_at,
            "retention_days": community.retention_days,
            "removed_at": community.removed_at,
            "name": community.name,
        }
        try:
            await self._insert_values(CommunityRow, values)
        except Conflict:
            pass


def _member(row: MemberRow) -> Member:
    return Member(
        row.community_id, row.user_id, row.is_admin, row.reminders, row.joined_at, row.language
    )


class SqlMembers(SqlAdmins):
    async def get(self, community_id: str, user_id: str) -> Member | None:
        row = await self._one_of(_MEMBER, community_id=community_id, user_id=user_id)
        return _member(row) if row else None

    async def save(self, member: Member) -> None:
        values = {
            "community_id": member.community_id,
            "user_id": member.user_id,
            "is_admin": member.is_admin,
            "reminders": member.reminders,
            "joined_at": member.joined_at,
            "language": member.language,
        }
        await self._upsert(MemberRow, (member.community_id, member.user_id), values)
        if member.is_admin:
            await self._mark_had_admin(member.community_id)

    async def languages(self, community_id: str, user_ids: Collection[str]) -> Mapping[str, str]:
        if not user_ids:
            return {}
        query = select(MemberRow.user_id, MemberRow.language).where(
            MemberRow.community_id == community_id,
            MemberRow.user_id.in_(sorted(set(user_ids))),
            MemberRow.language.is_not(None),
        )
        return {row.user_id: row.language for row in await self._rows(query, {})}


def team_from_row(row: TeamRow) -> Team:
    return Team(
        id=row.id,
        community_id=row.community_id,
        channel_id=row.channel_id,
        name=row.name,
        timezone=row.timezone,
        language=row.language,
        stage=CycleStage(row.stage),
        cycle=row.cycle,
        stage_started_at=row.stage_started_at,
        created_at=row.created_at,
        created_by=row.created_by,
        norms=tuple(row.norms) if row.norms is not None else None,
        archived_at=row.archived_at,
    )


def _team_values(team: Team) -> dict[str, object]:
    return {
        "community_id": team.community_id,
        "channel_id": team.channel_id,
        "name": team.name,
        "timezone": team.timezone,
        "language": team.language,
        "stage": team.stage.value,
        "cycle": team.cycle,
        "stage_started_at": team.stage_started_at,
        "created_at": team.created_at,
        "created_by": team.created_by,
        "norms": list(team.norms) if team.norms is not None else None,
        "archived_at": team.archived_at,
    }


class SqlTeams(SqlRepository):
    async def by_channel(self, community_id: str, channel_id: str) -> Team | None:
        row = await self._one_of(_TEAM_BY_CHANNEL, community_id=community_id, channel_id=channel_id)
        return team_from_row(row) if row else None

    async def get(self, community_id: str, team_id: int) -> Team | None:
        row = await self._one_of(_TEAM, community_id=community_id, team_id=team_id)
        return team_from_row(row) if row else None

    async def add(self, team: Team) -> Team:
        """Stores a new team and returns it with its id; Conflict if the channel has one."""
        return replace(team, id=await self._insert_row(_INSERT_TEAM, _team_values(team)))

    async def save(self, team: Team) -> None:
        params = {
            **_team_values(team),
            "where_community_id": team.community_id,
            "where_id": team.id,
        }
        await self._update(_SAVE_TEAM, f"no team {team.id} in {team.community_id}", params)

    async def list(self, community_id: str) -> Sequence[Team]:
        rows = await self._all_of(_TEAMS, community_id=community_id)
        return [team_from_row(row) for row in rows]


def _role(row: TeamRoleRow) -> TeamRole:
    return TeamRole(row.team_id, row.user_id, Role[row.role.upper()])


class SqlTeamRoles(SqlRepository):
    async def get(self, community_id: str, team_id: int, user_id: str) -> TeamRole | None:
        row = await self._one_of(
            _TEAM_ROLE, community_id=community_id, team_id=team_id, user_id=user_id
        )
        return _role(row) if row else None

    async def save(self, community_id: str, role: TeamRole) -> None:
        values = {
            "team_id": role.team_id,
            "user_id": role.user_id,
            "community_id": community_id,
            "role": role.role.label,
        }
        await self._upsert(TeamRoleRow, (role.team_id, role.user_id), values)

    async def remove(self, community_id: str, team_id: int, user_id: str) -> None:
        statement = delete(TeamRoleRow).where(
            TeamRoleRow.community_id == community_id,
            TeamRoleRow.team_id == team_id,
            TeamRoleRow.user_id == user_id,
        )
        forget(self._info)  # a write: what the context read kept may change
        await self._session.execute(statement)

    async def facilitators(self, community_id: str, team_id: int) -> Sequence[str]:
        """Who facilitates the team: its facilitators and its team admins, by user id."""
        return [
            r.user_id
            for r in await self.members(community_id, team_id)
            if r.role >= Role.FACILITATOR
        ]

    async def members(self, community_id: str, team_id: int) -> Sequence[TeamRole]:
        rows = await self._all_of(_TEAM_MEMBERS, community_id=community_id, team_id=team_id)
        return [_role(row) for row in rows]

    async def teams_of(self, community_id: str, user_id: str) -> Sequence[TeamRole]:
        """The roles the person holds, one per team, in team order."""
        rows = await self._all_of(_TEAMS_OF, community_id=community_id, user_id=user_id)
        return [_role(row) for row in rows]
