"""The district's export holds the team's work (issue 14): the cycle's record, action items,
agendas, meeting roles, decisions and the minutes kept, on SQLite and PostgreSQL; never a
private reflection."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path

from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness
from tests.integration.test_district_export import export_with_the_cli

PRIVATE = "tiaprivatewords"
SCRIPT = (
    ("fay", "/plc need set Half cannot place 3/4 evidence: fall screener"),
    ("fay", "/plc goal set what: place fractions measure: exit ticket target: 80%"),
    ("tia", "/plc commit Two number-line talks a week"),
    ("tia", "/plc evidence 40 halves shaky"),
    ("fay", "/plc agenda add 20 Look at the exit tickets"),
    ("fay", "/plc session role note-taker @tia"),
    ("fay", "/plc session open Fractions"),
    ("tia", f"/plc reflect --private {PRIVATE}"),
    ("tia", "/plc decision Exit ticket every Friday"),
    ("tia", "/plc action add @tia share the rubric by 2026-12-16"),
    ("fay", "/plc session close"),
    ("fay", "/plc agenda add 10 Next time: planning"),
)


async def a_cycle_with_minutes(database_url: str) -> str:
    factory = SqlUnitOfWorkFactory(make_engine(database_url))
    try:
        h = Harness(factory)
        await h.team_with_facilitator()
        for who, line in SCRIPT:
            assert (await h.say(who, line)).ok, line
        return h.community.id
    finally:
        await factory.dispose()


def rows_of(folder: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / name).read_text())))


def test_the_district_export_holds_the_cycle_record_items_agendas_decisions_and_minutes(
    database_url: str, tmp_path: Path
) -> None:
    community = asyncio.run(a_cycle_with_minutes(database_url))
    folder = export_with_the_cli(tmp_path, database_url, community)
    entries = rows_of(folder, "cycle_entries.csv")
    assert [e["kind"] for e in entries] == ["need", "goal", "commitment", "evidence"]
    assert entries[0]["detail"] == "fall screener" and entries[3]["percent"] == "40"
    (item,) = rows_of(folder, "action_items.csv")
    assert (item["owner_id"], item["text"], item["status"]) == ("tia", "share the rubric", "open")
    agenda = rows_of(folder, "agenda_items.csv")
    assert [(a["text"], a["session_id"]) for a in agenda] == [
        ("Look at the exit tickets", "1"),
        ("Next time: planning", ""),  # the next session's
    ]
    (role,) = rows_of(folder, "meeting_roles.csv")
    assert (role["role"], role["user_id"]) == ("note-taker", "tia")
    (decision,) = rows_of(folder, "decisions.csv")
    assert decision["text"] == "Exit ticket every Friday"
    (kept,) = rows_of(folder, "minutes.csv")
    assert "Measure: exit ticket" in kept["goal_status"] and kept["session_id"] == "1"
    summary = json.loads((folder / "community.json").read_bytes())
    assert summary["counts"]["action_items"] == 1 and summary["counts"]["minutes"] == 1
    everything = b"".join(f.read_bytes() for f in folder.iterdir())
    assert PRIVATE.encode() not in everything
