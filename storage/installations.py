"""The installation store and the OAuth state store on the bot's own database (SQLAlchemy Core).

Each method is one transaction. The behaviour follows slack_sdk's SQLAlchemy stores (the
latest row wins; an org-wide install is found with no team id; a user's installation carries
the workspace's latest bot token), except that an installation and its bot are saved
together, and a workspace's bots and installations are deleted together."""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, delete, desc, insert, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.installations import WorkspaceBot, WorkspaceInstallation
from storage.installation_tables import (
    BOT_FIELDS,
    INSTALLATION_FIELDS,
    slack_bots,
    slack_installations,
    slack_oauth_states,
)

_BOT_TOKEN_FIELDS = (
    "bot_token",
    "bot_id",
    "bot_user_id",
    "bot_scopes",
    "bot_refresh_token",
    "bot_token_expires_at",
)


def _where(
    table: Table, client_id: str, enterprise_id: str | None, team_id: str | None
) -> ColumnElement[bool]:
    c = table.c
    return and_(
        c.client_id == client_id,
        c.enterprise_id.is_(None) if enterprise_id is None else c.enterprise_id == enterprise_id,
        c.team_id.is_(None) if team_id is None else c.team_id == team_id,
    )


def _bot_of(row: RowMapping) -> WorkspaceBot:
    return WorkspaceBot(**{name: row[name] for name in BOT_FIELDS})


def _installation_of(row: RowMapping) -> WorkspaceInstallation:
    return WorkspaceInstallation(
        bot=_bot_of(row), **{name: row[name] for name in INSTALLATION_FIELDS}
    )


def _bot_values(client_id: str, bot: WorkspaceBot) -> dict[str, Any]:
    return {"client_id": client_id, **asdict(bot)}


def _installation_values(client_id: str, installation: WorkspaceInstallation) -> dict[str, Any]:
    own = {f.name: getattr(installation, f.name) for f in fields(installation) if f.name != "bot"}
    return {**_bot_values(client_id, installation.bot), **own}


class SqlInstallationStore:
    """`bot.installations.InstallationStore` and `OAuthStates` over one AsyncEngine."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def save_installation(self, client_id: str, installation: WorkspaceInstallation) -> None:
        async with self._engine.begin() as conn:
            await _upsert(conn, slack_installations, _installation_values(client_id, installation))
            await _upsert(conn, slack_bots, _bot_values(client_id, installation.bot))

    async def save_bot(self, client_id: str, bot: WorkspaceBot) -> None:
        async with self._engine.begin() as conn:
            await _upsert(conn, slack_bots, _bot_values(client_id, bot))

    async def find_bot(
        self, client_id: str, *, enterprise_id: str | None, team_id: str | None
    ) -> WorkspaceBot | None:
        async with self._engine.connect() as conn:
            return await _latest_bot(conn, _where(slack_bots, client_id, enterprise_id, team_id))

    async def find_bot_for_team(self, client_id: str, team_id: str) -> WorkspaceBot | None:
        c = slack_bots.c
        async with self._engine.connect() as conn:
            return await _latest_bot(conn, and_(c.client_id == client_id, c.team_id == team_id))

    async def find_installation(
        self,
        client_id: str,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
    ) -> WorkspaceInstallation | None:
        c = slack_installations.c
        where = _where(slack_installations, client_id, enterprise_id, team_id)
        if user_id is not None:
            where = and_(where, c.user_id == user_id)
        query = slack_installations.select().where(where).order_by(desc(c.installed_at)).limit(1)
        async with self._engine.connect() as conn:
            row = (await conn.execute(query)).mappings().first()
            if row is None:
                return None
            found = _installation_of(row)
            if user_id is None and found.bot.bot_token is not None:
                return found
            # the installer's row may predate the latest bot token (bolt-python issue 664)
            bot = await _latest_bot(conn, _where(slack_bots, client_id, enterprise_id, team_id))
        if bot is None or bot.bot_token == found.bot.bot_token:
            return found
        tokens = {name: getattr(bot, name) for name in _BOT_TOKEN_FIELDS}
        return replace(found, bot=replace(found.bot, **tokens))

    async def delete_installation(
        self,
        client_id: str,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
    ) -> None:
        where = _where(slack_installations, client_id, enterprise_id, team_id)
        if user_id is not None:
            where = and_(where, slack_installations.c.user_id == user_id)
        async with self._engine.begin() as conn:
            await conn.execute(delete(slack_installations).where(where))

    async def delete_bot(
        self, client_id: str, *, enterprise_id: str | None, team_id: str | None
    ) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                delete(slack_bots).where(_where(slack_bots, client_id, enterprise_id, team_id))
            )

    async def delete_workspace(
        self, client_id: str, *, enterprise_id: str | None, team_id: str | None
    ) -> None:
        async with self._engine.begin() as conn:
            for table in (slack_bots, slack_installations):
                await conn.execute(
                    delete(table).where(_where(table, client_id, enterprise_id, team_id))
                )

    async def issue_state(self, state: str, *, expires_at: datetime) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(insert(slack_oauth_states).values(state=state, expire_at=expires_at))

    async def consume_state(self, state: str, *, now: datetime) -> bool:
        c = slack_oauth_states.c
        async with self._engine.begin() as conn:
            gone = await conn.execute(
                delete(slack_oauth_states).where(c.state == state, c.expire_at > now)
            )
            # installs abandoned in the browser leave states behind: sweep the expired ones
            await conn.execute(delete(slack_oauth_states).where(c.expire_at <= now))
        return bool(gone.rowcount)


async def _latest_bot(conn: AsyncConnection, where: ColumnElement[bool]) -> WorkspaceBot | None:
    c = slack_bots.c
    query = (
        slack_bots.select()
        .where(where, c.bot_token.is_not(None))
        .order_by(desc(c.installed_at))
        .limit(1)
    )
    row = (await conn.execute(query)).mappings().first()
    return None if row is None else _bot_of(row)


async def _upsert(conn: AsyncConnection, table: Table, values: dict[str, Any]) -> None:
    """Replace the row of the same install (same ids and installed_at), or add one."""
    c = table.c
    same = and_(
        _where(table, values["client_id"], values["enterprise_id"], values["team_id"]),
        c.installed_at == values["installed_at"],
    )
    row_id = (await conn.execute(select(c.id).where(same).limit(1))).scalar()
    if row_id is None:
        await conn.execute(insert(table).values(**values))
    else:
        await conn.execute(update(table).where(c.id == row_id).values(**values))
