"""The district's export (`plcbot export`) on SQLite and PostgreSQL: private reflections as
counts only, feedback without who gave it, and files only their owner can read."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import stat
from pathlib import Path

from plcbot.cli import main
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness

PRIVATE = "tiaprivatewords"
FOR_FACILITATORS = "umawordsforfacilitators"


async def a_session_with_reflections_and_feedback(database_url: str) -> str:
    factory = SqlUnitOfWorkFactory(make_engine(database_url))
    try:
        h = Harness(factory)
        await h.team_with_facilitator()
        assert (await h.say("fay", "/plc session open Fractions")).ok
        assert (await h.say("fay", "/plc prompt send")).ok
        assert (await h.say("tia", f"/plc reflect --private {PRIVATE}")).ok
        assert (await h.say("uma", f"/plc reflect --facilitators {FOR_FACILITATORS}")).ok
        assert (await h.say("fay", "/plc session close")).ok
        async with factory() as uow:
            team = await uow.teams.by_channel(h.community.id, "C1")
            assert team is not None
            (session,) = await uow.sessions.list(h.community.id, team.id)
        for user, relevant in (("tia", 5), ("uma", 2)):
            assert (await h.click(user, f"plc:pulse:{session.id}:relevant:{relevant}")).ok
        return h.community.id
    finally:
        await factory.dispose()


def export_with_the_cli(tmp_path: Path, database_url: str, community: str) -> Path:
    config = tmp_path / "plcbot.toml"
    data = tmp_path / "district-data"
    config.write_text(f'[bot]\ndata_dir = "{data}"\n[database]\nurl = "{database_url}"\n')
    old_umask = os.umask(0o022)  # a usual server default: new files world-readable
    try:
        assert main(["--config", str(config), "export", "--community", community]) == 0
    finally:
        os.umask(old_umask)
    (folder,) = (data / "exports").iterdir()
    return folder


def test_the_district_export_counts_private_reflections_and_never_holds_their_text(
    database_url: str, tmp_path: Path
) -> None:
    community = asyncio.run(a_session_with_reflections_and_feedback(database_url))
    folder = export_with_the_cli(tmp_path, database_url, community)
    everything = b"".join(f.read_bytes() for f in folder.iterdir())
    assert PRIVATE.encode() not in everything
    assert FOR_FACILITATORS.encode() in (folder / "reflections.csv").read_bytes()
    summary = json.loads((folder / "community.json").read_bytes())
    assert summary["counts"]["private_reflections"] == 1
    assert summary["teams"][0]["private_reflections"] == 1


def test_the_district_export_keeps_feedback_answers_without_who_gave_them(
    database_url: str, tmp_path: Path
) -> None:
    community = asyncio.run(a_session_with_reflections_and_feedback(database_url))
    folder = export_with_the_cli(tmp_path, database_url, community)
    rows = list(csv.reader(io.StringIO((folder / "feedback.csv").read_text())))
    assert rows[0] == ["session_id", "relevant", "recommend"]
    assert sorted(row[1] for row in rows[1:]) == ["2", "5"]
    assert not any(user in ",".join(row) for row in rows for user in ("tia", "uma"))


def test_the_district_export_is_readable_by_its_owner_only(
    database_url: str, tmp_path: Path
) -> None:
    community = asyncio.run(a_session_with_reflections_and_feedback(database_url))
    folder = export_with_the_cli(tmp_path, database_url, community)
    for made in (folder, folder.parent, folder.parent.parent):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700, made.name
    for file in folder.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
