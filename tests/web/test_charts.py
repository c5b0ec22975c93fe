"""The charts' SVG as a screen reader and a browser get it: well-formed, named by its title,
described by its figures, every label escaped, a missing figure shown as missing (not as 0),
and the colours the stylesheet gives them above WCAG AA contrast on the page's white."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from adapters.web.charts import bar_rows, columns, lines
from bot.api import Point

CSS = Path(__file__).resolve().parents[2] / "adapters" / "web" / "static" / "panel.css"
SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(str(svg).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_a_column_chart_is_named_described_and_escapes_its_labels() -> None:
    points = [Point("<b>Mon</b>", 3), Point("Tue & Wed", None), Point("Thu", 0)]
    root = parsed(columns("Check-ins <per> session", points, chart_id="a"))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "a-t a-d"
    assert root.find(f"{SVG}title").text == "Check-ins <per> session"  # type: ignore[union-attr]
    desc = root.find(f"{SVG}desc").text  # type: ignore[union-attr]
    assert desc == "<b>Mon</b>: 3; Tue & Wed: –; Thu: 0."
    assert "<b>Mon</b>" in texts(root) and "–" in texts(root)
    assert len(root.findall(f"{SVG}rect")) == 1  # no bar for a missing figure, none for 0


def test_a_line_chart_breaks_its_line_where_a_figure_is_missing() -> None:
    relevant = [Point("1", 50.0), Point("2", 100.0), Point("3", None), Point("4", 75.0)]
    recommend = [Point("1", None), Point("2", None), Point("3", None), Point("4", 25.0)]
    root = parsed(
        lines(
            "Feedback",
            [("Relevant", relevant), ("Recommend", recommend)],
            chart_id="p",
            top=100,
            unit="%",
        )
    )
    polylines = root.findall(f"{SVG}polyline")
    assert len(polylines) == 1  # 1-2 joined; 4 alone; the second series has one point
    assert len(root.findall(f"{SVG}circle")) == 3 + 1  # three points and the legend's marker
    assert {"50%", "100%", "75%", "25%", "Relevant", "Recommend"} <= set(texts(root))


def test_horizontal_bars_grow_with_their_rows_and_show_nothing_yet_when_empty() -> None:
    few = parsed(bar_rows("Stages", [Point("a", 1.5)], chart_id="s", unit=" d"))
    many = parsed(bar_rows("Stages", [Point(str(n), n) for n in range(8)], chart_id="s"))
    assert float(many.get("viewBox", "").split()[3]) > float(few.get("viewBox", "").split()[3])
    assert "1.5 d" in texts(few)
    empty = parsed(bar_rows("Stages", [], chart_id="e"))
    assert empty.find(f"{SVG}desc").text == "No data yet."  # type: ignore[union-attr]


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_colour_a_chart_draws_with_has_aa_contrast_on_white() -> None:
    css = CSS.read_text(encoding="utf-8")
    named = dict(re.findall(r"--(\w+): (#[0-9a-f]{6})", css))
    used = set(re.findall(r"\.chart[^{]*\{[^}]*?(#[0-9a-f]{6})", css))
    used |= {named[v] for v in re.findall(r"\.chart[^{]*\{[^}]*?var\(--(\w+)\)", css)}
    assert len(used) >= 3, used  # the ink, and the two series' colours
    for colour in used:
        ratio = (1.05) / (luminance(colour) + 0.05)
        assert ratio >= 4.5, (colour, ratio)
