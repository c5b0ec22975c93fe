"""What storage must hold, given the model: the checks run after every step."""

from __future__ import annotations

from bot.ports import UnitOfWorkFactory
from tests.property.model import SECRET, Model


async def storage_problems(uow: UnitOfWorkFactory, model: Model) -> list[str]:
    problems: list[str] = []
    async with uow() as u:
        for cid, c in model.communities.items():
            admins = set(await u.members.admins(cid))
            if c.ever_had_admin and not admins:
                problems.append(f"{cid} had an admin and now has none")
            if not admins <= c.admins:
                problems.append(f"{cid}: {sorted(admins - c.admins)} hold admin without a grant")
            for user in c.people:
                stored = {
                    token: r.visibility.value
                    for r in await u.reflections.by_user(cid, user)
                    for token in SECRET.findall(r.text)
                }
                expected = model.live_secrets(cid, user)
                if set(stored) != expected:
                    problems.append(
                        f"{cid}: {user}'s reflections are {sorted(stored)}, "
                        f"but {sorted(expected)} should exist"
                    )
                for token, visibility in stored.items():
                    secret = model.secrets.get(token)
                    if secret is not None and secret.audience != visibility:
                        problems.append(
                            f"{token} is stored for {visibility}; its author chose "
                            f"{secret.audience}"
                        )
            for team in await u.teams.list(cid):
                legit = c.members.get(team.channel_id, set()) | c.facilitators.get(
                    team.channel_id, set()
                )
                held = {r.user_id for r in await u.team_roles.members(cid, team.id)}
                if not held <= legit:
                    problems.append(
                        f"{sorted(held - legit)} became members of {team.channel_id} "
                        "without taking part there"
                    )
    return problems
