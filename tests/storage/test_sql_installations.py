"""The installation-store port on SQLite and PostgreSQL: workspaces and apps kept apart, the
latest install wins, an org-wide install is found without a team, an uninstall forgets a
workspace at once, and an OAuth state opens the door once and only in time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.installations import WorkspaceBot, WorkspaceInstallation
from storage.engine import make_engine
from storage.installation_tables import slack_bots, slack_installations, slack_oauth_states
from storage.installations import SqlInstallationStore

APP = "1.2"
T0 = datetime(2026, 11, 2, 15, 30, 0, 250000, tzinfo=UTC)


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[SqlInstallationStore]:
    engine = make_engine(database_url)
    yield SqlInstallationStore(engine)
    await engine.dispose()


def bot(
    team: str | None, token: str, *, at: datetime = T0, enterprise: str | None = None
) -> WorkspaceBot:
    return WorkspaceBot(
        app_id="A1",
        enterprise_id=enterprise,
        team_id=team,
        installed_at=at,
        is_enterprise_install=team is None,
        bot_token=token,
        bot_id="B" + token[-2:],
        bot_user_id="UB" + token[-2:],
        bot_scopes="commands,chat:write",
    )


def installed(the_bot: WorkspaceBot, user: str = "UADMIN", **more: str) -> WorkspaceInstallation:
    return WorkspaceInstallation(bot=the_bot, user_id=user, **more)


async def rows(store: SqlInstallationStore) -> dict[str, int]:
    async with store._engine.connect() as conn:
        return {
            t.name: (await conn.execute(select(func.count()).select_from(t))).scalar_one()
            for t in (slack_installations, slack_bots, slack_oauth_states)
        }


async def test_a_saved_installation_is_found_with_its_bot_and_every_value_kept(
    store: SqlInstallationStore,
) -> None:
    expires = T0 + timedelta(hours=12)
    one = installed(
        replace(
            bot("T1", "sealed-b1"), bot_refresh_token="sealed-r1", bot_token_expires_at=expires
        ),
        user_token="sealed-u1",
        user_scopes="search:read",
        incoming_webhook_url="sealed-hook",
        token_type="bot",
    )
    await store.save_installation(APP, one)
    assert await store.find_installation(APP, enterprise_id=None, team_id="T1") == one
    assert await store.find_bot(APP, enterprise_id=None, team_id="T1") == one.bot
    assert await store.find_bot_for_team(APP, "T1") == one.bot
    found = await store.find_bot_for_team(APP, "T1")
    assert found is not None and found.installed_at.tzinfo is not None  # aware UTC back


async def test_workspaces_and_apps_never_see_each_others_installations(
    store: SqlInstallationStore,
) -> None:
    await store.save_installation(APP, installed(bot("T1", "sealed-b1")))
    await store.save_installation("other.app", installed(bot("T2", "sealed-b2")))
    assert await store.find_bot(APP, enterprise_id=None, team_id="T2") is None
    assert await store.find_bot_for_team("other.app", "T1") is None
    assert await store.find_installation(APP, enterprise_id=None, team_id="T2") is None


async def test_the_latest_install_wins_and_saving_the_same_install_again_replaces_it(
    store: SqlInstallationStore,
) -> None:
    await store.save_installation(APP, installed(bot("T1", "sealed-old")))
    newer = installed(bot("T1", "sealed-new", at=T0 + timedelta(days=1)))
    await store.save_installation(APP, newer)
    await store.save_installation(APP, newer)
    assert await rows(store) == {"slack_installations": 2, "slack_bots": 2, "slack_oauth_states": 0}
    found = await store.find_bot(APP, enterprise_id=None, team_id="T1")
    assert found is not None and found.bot_token == "sealed-new"


async def test_an_org_wide_install_is_found_without_a_team_and_a_grid_workspace_by_team_alone(
    store: SqlInstallationStore,
) -> None:
    await store.save_installation(APP, installed(bot(None, "sealed-org", enterprise="E1")))
    await store.save_bot(APP, bot("T9", "sealed-t9", enterprise="E1"))
    org = await store.find_bot(APP, enterprise_id="E1", team_id=None)
    assert org is not None and org.bot_token == "sealed-org"
    assert await store.find_bot(APP, enterprise_id=None, team_id="T9") is None  # ids are exact
    grid = await store.find_bot_for_team(APP, "T9")
    assert grid is not None and grid.bot_token == "sealed-t9"


async def test_a_users_installation_carries_the_workspaces_latest_bot_token(
    store: SqlInstallationStore,
) -> None:
    await store.save_installation(APP, installed(bot("T1", "sealed-first"), user="UANA"))
    await store.save_bot(APP, bot("T1", "sealed-rotated", at=T0 + timedelta(hours=1)))
    found = await store.find_installation(APP, enterprise_id=None, team_id="T1", user_id="UANA")
    assert found is not None and found.user_id == "UANA"
    assert found.bot.bot_token == "sealed-rotated"
    assert (
        await store.find_installation(APP, enterprise_id=None, team_id="T1", user_id="UX") is None
    )


async def test_forgetting_a_workspace_deletes_its_bots_and_installations_and_nothing_else(
    store: SqlInstallationStore,
) -> None:
    for team in ("T1", "T2"):
        await store.save_installation(APP, installed(bot(team, f"sealed-{team}"), user="UANA"))
        later = bot(team, f"sealed-{team}", at=T0 + timedelta(minutes=5))
        await store.save_installation(APP, installed(later, user="UBEN"))
    await store.delete_installation(APP, enterprise_id=None, team_id="T2", user_id="UBEN")
    assert (
        await store.find_installation(APP, enterprise_id=None, team_id="T2", user_id="UBEN") is None
    )
    assert await store.find_installation(APP, enterprise_id=None, team_id="T2", user_id="UANA")

    await store.delete_workspace(APP, enterprise_id=None, team_id="T1")
    assert await store.find_bot_for_team(APP, "T1") is None
    assert await store.find_installation(APP, enterprise_id=None, team_id="T1") is None
    assert await store.find_bot_for_team(APP, "T2") is not None
    await store.delete_bot(APP, enterprise_id=None, team_id="T2")
    assert await store.find_bot_for_team(APP, "T2") is None
    left = {"slack_installations": 1, "slack_bots": 0, "slack_oauth_states": 0}
    assert await rows(store) == left


async def test_an_oauth_state_opens_once_and_only_before_it_expires_and_then_is_gone(
    store: SqlInstallationStore,
) -> None:
    await store.issue_state("s-1", expires_at=T0 + timedelta(minutes=10))
    await store.issue_state("s-2", expires_at=T0 + timedelta(minutes=10))
    assert await store.consume_state("s-1", now=T0) is True
    assert await store.consume_state("s-1", now=T0) is False  # single use
    assert await store.consume_state("never-issued", now=T0) is False
    assert await store.consume_state("s-2", now=T0 + timedelta(minutes=11)) is False  # late
    assert (await rows(store))["slack_oauth_states"] == 0  # expired states are swept away
