"""The panel's pages as the simulation reads them back (simulation/panel_wire.py): every
table's caption and body rows, each cell's text, the charts' SVG and the page around skipped."""

from __future__ import annotations

from simulation.panel_wire import Tables, tables

PAGE = """<!doctype html><html><body><h1>Team</h1>
<section class="figure"><figure><svg viewBox="0 0 10 10"><title>Check-ins</title>
<g><rect x="1" y="2"></rect><text x="1">Sep 14</text></g></svg>
<figcaption>Check-ins per session</figcaption></figure>
<div class="scroll"><TABLE>
  <caption>Check-ins per session</caption>
  <thead><tr><th scope="col">Session</th><th scope="col">Day</th><th>Count</th></tr></thead>
  <tbody><tr><th scope="row">1</th><td>Sep 14</td><td> 3
  </td></tr><tr><th scope="row">2</th><td>Sep&nbsp;21 &amp; after</td><td>0</td></tr></tbody>
</table ></div></section>
<p>between <b>tables</b></p>
<table><caption>Teams</caption><tbody><tr><td>Algebra <em>I</em></td><td>Inquiry</td></tr>
</tbody></table><footer>1 &lt;table&gt; in words</footer></body></html>"""


def test_the_tables_are_read_as_the_whole_page_s_parse_reads_them() -> None:
    whole = Tables()
    whole.feed(PAGE)
    assert (
        tables(PAGE)
        == {t.caption: t.rows for t in whole.tables}
        == {
            "Check-ins per session": [["1", "Sep 14", "3"], ["2", "Sep 21 & after", "0"]],
            "Teams": [["Algebra I", "Inquiry"]],
        }
    )
