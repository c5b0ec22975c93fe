"""The district benchmark's seeder (benchmarks/district_seed.py) on a slice of its year: two
teams, four weeks. It must keep working as the schema moves, and the year it seeds must be one
the product reads: the report, the reflections and the panel's team page answer from it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks import district_requests as requests
from benchmarks.district import timed
from benchmarks.district_seed import TINY, seed_district


async def test_a_seeded_slice_of_the_year_is_read_by_the_report_and_the_panel(
    database_url: str,
) -> None:
    district = await seed_district(database_url, TINY)
    assert district.rows["checkins"] > 50 and district.rows["reflections"] > 50
    assert district.rows["audit_log"] > 0 and district.rows["attendances"] > 50
    async with requests.Measured.open(database_url, district, Path(tempfile.mkdtemp())) as m:
        report = await m.bot.command(m.actor(district.facilitators[1], 1), "/plc report")
        assert report.ok and "4 sessions" in str(report.reply), report.reply
        reads = {label: make for label, make, _ in requests.reads(quick=True)}
        result = await timed(m.counter, reads["/plc report all"](m), 2, warm=False)
        assert result["n"] == 2 and result["statements"] <= 12
        await m.get(f"/teams/{district.channels[0]}", district.facilitators[0])
