"""`plcbot admin grant`: a district gives a community its admin back on the server, outside
chat, and the audit log says who did it and for whom (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import replace
from pathlib import Path

from bot import actions
from bot.usecases.admins import GRANTED_ON_SERVER
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness, reply_text

ROOT = Path(__file__).resolve().parents[2]


async def plcbot(database_url: str, tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """The real command line, in its own process, as the district's operator runs it."""
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    env.pop("PLCBOT_CONFIG", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "plcbot",
        *args,
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def without_admins(uow_factory: SqlUnitOfWorkFactory) -> Harness:
    """A community that has lost its admin (however it happened); tia has used the bot."""
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    assert (await h.say("tia", "/plc checkin")).ok
    async with uow_factory() as uow:
        ana = await uow.members.get(h.community.id, "ana")
        assert ana is not None
        await uow.members.save(replace(ana, is_admin=False))
        await uow.commit()
    return h


async def test_plcbot_admin_grant_gives_a_community_its_admin_back_in_the_audit_log(
    uow_factory: SqlUnitOfWorkFactory, database_url: str, tmp_path: Path
) -> None:
    h = await without_admins(uow_factory)
    code, out, err = await plcbot(database_url, tmp_path, "admin", "grant", h.community.id, "tia")
    assert code == 0, err
    assert f"tia is now an admin of {h.community.id}" in out
    async with uow_factory() as uow:
        assert list(await uow.members.admins(h.community.id)) == ["tia"]
        (entry,) = [e for e in await uow.audit.list(h.community.id) if e.team_id is None]
    assert entry.what == GRANTED_ON_SERVER and entry.subject_id == "tia"
    assert entry.reader_id.startswith("cli:")
    # tia now acts as the community's admin in chat
    assert (await h.say("tia", "/plc role grant @fay admin")).ok
    again = await plcbot(database_url, tmp_path, "admin", "grant", h.community.id, "tia")
    assert again[0] == 0 and "already an admin" in again[1]


async def test_plcbot_admin_grant_refuses_an_unknown_community_or_person_and_changes_nothing(
    uow_factory: SqlUnitOfWorkFactory, database_url: str, tmp_path: Path
) -> None:
    h = await without_admins(uow_factory)
    code, _, err = await plcbot(database_url, tmp_path, "admin", "grant", "slack:TNOPE", "tia")
    assert code == 2 and "there is no community 'slack:TNOPE'" in err
    code, _, err = await plcbot(database_url, tmp_path, "admin", "grant", h.community.id, "typo")
    assert code == 2 and "has never used plcbot" in err and "/plc checkin" in err
    async with uow_factory() as uow:
        assert list(await uow.members.admins(h.community.id)) == []
        assert await uow.members.get(h.community.id, "typo") is None
        assert [e for e in await uow.audit.list(h.community.id) if e.team_id is None] == []
    refused = await h.say("tia", "/plc role grant @fay admin")
    assert not refused.ok and "Only an admin" in reply_text(refused)


async def test_forgetting_the_person_granted_on_the_server_leaves_no_trace_of_them_in_the_audit_log(
    uow_factory: SqlUnitOfWorkFactory, database_url: str, tmp_path: Path
) -> None:
    h = await without_admins(uow_factory)
    assert (await plcbot(database_url, tmp_path, "admin", "grant", h.community.id, "tia"))[0] == 0
    assert (await h.say("tia", "/plc role grant @fay admin")).ok  # tia hands over, then leaves
    assert (await h.click("tia", actions.forget("tia").id)).ok
    async with uow_factory() as uow:
        (entry,) = [e for e in await uow.audit.list(h.community.id) if e.team_id is None]
    assert entry.subject_id == "forgotten"
