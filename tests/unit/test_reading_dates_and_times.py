"""Reading what the bot says (issue 18): a sent prompt by its words; the facilitators'
reflections list labels each entry from the reader's side and gives the year of an older one;
every export file shows the team's local time, to the minute, with the zone named."""

from __future__ import annotations

import csv
import io
import json

from bot.district_export import community_export
from tests.harness import Harness, reply_text

LOCAL = "2026-09-14 10:00 America/Chicago"  # START (15:00 UTC) in the team's zone


async def test_the_reflections_list_labels_entries_for_the_reader_and_dates_them(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc prompt send")
    await h.say("tia", "/plc reflect I will try number talks.")
    await h.say("uma", "/plc reflect --team Equivalence clicked.")
    listing = reply_text(await h.say("fay", "/plc reflections"))
    assert "@tia · 14 Sep · shared with the facilitators" in listing
    assert "@uma · 14 Sep · shared with the whole team" in listing
    assert "you and the team's facilitators" not in listing


async def test_a_reflection_from_an_earlier_year_is_listed_with_its_year(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("tia", "/plc reflect Before the winter break.")
    h.clock.advance(days=120)  # into January 2027
    listing = reply_text(await h.say("fay", "/plc reflections since 2026-09-01"))
    assert "since 01 Sep 2026" in listing and "@tia · 14 Sep 2026 ·" in listing


async def test_a_teachers_export_shows_local_times_to_the_minute_with_the_zone_named(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc session open Fractions")
    await h.say("tia", "/plc checkin 4")
    await h.say("fay", "/plc prompt send")
    await h.say("tia", "/plc reflect Number lines.")
    await h.say("tia", "/plc me export")
    files = h.chat.dms_to("tia")[-1].files
    data = json.loads(files["plcbot-export.json"])
    assert data["exported_at"] == LOCAL
    assert data["checkins"][0]["at"] == LOCAL and data["reflections"][0]["created_at"] == LOCAL
    for name in ("checkins.csv", "reflections.csv"):
        (row,) = list(csv.DictReader(io.StringIO(files[name].decode("utf-8"))))
        assert LOCAL in row.values(), (name, row)
    assert b"+00:00" not in b"".join(files.values())


async def test_the_districts_export_shows_each_teams_local_time(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc session open Fractions")
    h.clock.advance(minutes=90)
    await h.say("fay", "/plc session close")
    async with h.store.uow() as uow:
        files = {
            f.name: f.content.decode()
            for f in await community_export(uow, h.community.id, h.clock.now(), "cli")
        }
    (session,) = list(csv.DictReader(io.StringIO(files["sessions.csv"])))
    assert session["opened_at"] == LOCAL
    assert session["closed_at"] == "2026-09-14 11:30 America/Chicago"
    assert "+00:00" not in "".join(files.values())


async def test_prompt_send_shows_the_prompts_words_and_an_unknown_id_lists_them(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    sent = reply_text(await h.say("fay", "/plc prompt send analyze-1"))
    words = h.bot._libraries.get("en").prompt("analyze-1")
    assert words is not None
    assert sent == f"Sent this prompt to the team: “{words.text}”" and "analyze-1" not in sent
    unknown = await h.say("fay", "/plc prompt send nosuch")
    body = reply_text(unknown)
    assert not unknown.ok and "There is no prompt “nosuch”" in body
    assert f"/plc prompt send analyze-1 — {words.text}" in body
