"""The fake repositories of communities, members, teams, their roles and stage changes."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from bot.domain import AdminRoll, Community, Member, Role, StageChange, Team, TeamRole
from bot.ports import Claim, Standing
from tests.fakes.state import Repo, by, stored, unique


class Communities(Repo):
    async def get(self, community_id: str) -> Community | None:
        return self.s.communities.get(community_id)

    async def add(self, community: Community) -> None:
        """Adding a community that exists already (two first requests at once) is a no-op."""
        await self.uow.writing()
        self.s.communities.setdefault(community.id, stored(community))

    async def rename(self, community_id: str, name: str) -> None:
        await self.uow.writing()
        self.s.communities[community_id] = replace(self.community_in(community_id), name=name)

    async def standing(
        self, community_id: str, user_id: str, channel_id: str | None, claim: Claim | None = None
    ) -> Standing:
        """Never claims with the read: Standing.claimed stays None (the caller claims)."""
        community = self.s.communities.get(community_id)
        if community is None:
            return Standing(None, None, None, None)
        member = self.s.members.get((community_id, user_id))
        team = None
        if channel_id is not None:
            team = await Teams(self.uow).by_channel(community_id, channel_id)
        role = await TeamRoles(self.uow).get(community_id, team.id, user_id) if team else None
        return Standing(community, member, team, role)


class Members(Repo):
    async def get(self, community_id: str, user_id: str) -> Member | None:
        return self.s.members.get((community_id, user_id))

    async def save(self, member: Member) -> None:
        await self.uow.writing()
        member = stored(member)
        self.community_in(member.community_id)
        self.s.members[(member.community_id, member.user_id)] = member
        if member.is_admin:
            self.s.had_admin.add(member.community_id)

    async def languages(self, community_id: str, user_ids: Collection[str]) -> Mapping[str, str]:
        chosen = (self.s.members.get((community_id, u)) for u in user_ids)
        return {m.user_id: m.language for m in chosen if m is not None and m.language}

    async def communities_of(self, platform: str, user_id: str) -> Sequence[str]:
        return sorted(c for c, u in self.s.members if u == user_id and c.startswith(f"{platform}:"))

    async def admins(self, community_id: str) -> Sequence[str]:
        return sorted(
            m.user_id for (c, _), m in self.s.members.items() if c == community_id and m.is_admin
        )

    async def lock_admins(self, community_id: str) -> AdminRoll:
        await self.uow.writing()
        admins = tuple(await self.admins(community_id))
        return AdminRoll(admins, community_id in self.s.had_admin or bool(admins))


class Teams(Repo):
    async def by_channel(self, community_id: str, channel_id: str) -> Team | None:
        return next(
            (
                t
                for t in self.s.teams.values()
                if t.community_id == community_id and t.channel_id == channel_id
            ),
            None,
        )

    async def get(self, community_id: str, team_id: int) -> Team | None:
        t = self.s.teams.get(team_id)
        return t if t and t.community_id == community_id else None

    def _channel_free(self, team: Team) -> None:
        taken = f"a team exists for channel {team.channel_id}"
        unique(self.s.teams.values(), team, "community_id", "channel_id", what=taken)

    async def add(self, team: Team) -> Team:
        """Stores a new team and returns it with its id; Conflict if the channel has one."""
        await self.uow.writing()
        team = stored(team)
        self.community_in(team.community_id)
        self._channel_free(replace(team, id=0))
        team = replace(team, id=self.uow.next_id())
        self.s.teams[team.id] = team
        return team

    async def save(self, team: Team) -> None:
        await self.uow.writing()
        team = stored(team)
        self.team_in(team.community_id, team.id)
        self._channel_free(team)
        self.s.teams[team.id] = team

    async def list(self, community_id: str) -> Sequence[Team]:
        return sorted(
            (t for t in self.s.teams.values() if t.community_id == community_id), key=by("id")
        )


class TeamRoles(Repo):
    async def get(self, community_id: str, team_id: int, user_id: str) -> TeamRole | None:
        return (
            self.s.team_roles.get((team_id, user_id)) if self._owns(community_id, team_id) else None
        )

    def _owns(self, community_id: str, team_id: int) -> bool:
        t = self.s.teams.get(team_id)
        return t is not None and t.community_id == community_id

    async def save(self, community_id: str, role: TeamRole) -> None:
        await self.uow.writing()
        self.team_in(community_id, role.team_id)
        self.s.team_roles[(role.team_id, role.user_id)] = role

    async def remove(self, community_id: str, team_id: int, user_id: str) -> None:
        await self.uow.writing()
        if self._owns(community_id, team_id):
            self.s.team_roles.pop((team_id, user_id), None)

    async def facilitators(self, community_id: str, team_id: int) -> Sequence[str]:
        return [
            r.user_id
            for r in await self.members(community_id, team_id)
            if r.role >= Role.FACILITATOR
        ]

    async def teams_of(self, community_id: str, user_id: str) -> Sequence[TeamRole]:
        """The roles the person holds, one per team, in team order."""
        return sorted(
            (
                r
                for (t, u), r in self.s.team_roles.items()
                if u == user_id and self._owns(community_id, t)
            ),
            key=by("team_id"),
        )

    async def members(self, community_id: str, team_id: int) -> Sequence[TeamRole]:
        if not self._owns(community_id, team_id):
            return []
        return sorted(
            (r for (t, _), r in self.s.team_roles.items() if t == team_id), key=by("user_id")
        )


class StageChanges(Repo):
    async def add(self, community_id: str, change: StageChange) -> None:
        await self.uow.writing()
        change = stored(change)
        self.team_in(community_id, change.team_id)
        self.s.stage_changes.append((community_id, change))

    async def list(self, community_id: str, team_id: int) -> Sequence[StageChange]:
        mine = [
            c for cid, c in self.s.stage_changes if cid == community_id and c.team_id == team_id
        ]
        return sorted(mine, key=by("started_at"))  # stable: then in the order they were added
