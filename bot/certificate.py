"""A printable, certificate-style summary of a teacher's PD hours, for recertification.

Plain HTML with print-friendly CSS and no script: it opens offline in any browser and prints
on one or two pages. Every value is escaped; people appear by their platform id, as the bot
knows no names or e-mail addresses."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.attendance import PdLine, hours
from bot.i18n import N_, _, current, ngettext, pgettext

_STYLE = """
body { font-family: Georgia, "Times New Roman", serif; margin: 2.5cm; color: #111; }
h1 { font-size: 1.6em; text-align: center; margin-bottom: 0.2em; }
p.sub { text-align: center; margin-top: 0; }
table { width: 100%; border-collapse: collapse; margin-top: 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #777; padding: 0.3em 0.5em; text-align: left; }
tfoot td { font-weight: bold; }
.sign { margin-top: 3em; }
@media print { body { margin: 1.5cm; } a { color: inherit; text-decoration: none; } }
@page { size: A4; margin: 1.5cm; }
"""

_COLUMNS = (
    N_("Date"),
    N_("Start"),
    N_("End"),
    N_("Minutes"),
    N_("Team"),
    N_("Topic"),
    N_("Stage"),
    N_("Facilitator"),
    N_("Signed off by"),
)


def _row(line: PdLine) -> str:
    cells = (
        line.day.isoformat(),
        f"{line.start} {line.zone}",
        f"{line.end} {line.zone}" if line.end else pgettext("session", "open"),
        str(line.minutes),
        line.team,
        line.topic,
        line.stage,
        line.facilitator,
        line.signed_off_by or _("not signed off"),
    )
    return "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"


def certificate_html(person: str, community: str, log: Sequence[PdLine], issued: str) -> str:
    total = sum(line.minutes for line in log)
    signed = sum(line.minutes for line in log if line.signed_off_by)
    head = "".join(f"<th>{escape(_(c))}</th>" for c in _COLUMNS)
    rows = "\n".join(_row(line) for line in log)
    title, total_word = escape(_("Professional learning record")), escape(_("Total"))
    sub = escape(_("Learning-team sessions attended by {person} in {community}")).format(
        person=f"<strong>{escape(person)}</strong>", community=escape(community)
    )
    summary = escape(
        ngettext(
            "Total: {total} in {n} session, of which {signed} signed off by the session's "
            "facilitator.",
            "Total: {total} in {n} sessions, of which {signed} signed off by the session's "
            "facilitator.",
            len(log),
        )
    ).format(
        total=f"<strong>{escape(hours(total))}</strong>", n=len(log), signed=escape(hours(signed))
    )
    issued_by = escape(
        _(
            "Issued {day} by plcbot from the team's session records. "
            "Times are in each team's time zone."
        )
    ).format(day=escape(issued))
    return f"""<!DOCTYPE html>
<html lang="{current()}"><head><meta charset="utf-8">
<title>{title}</title><style>{_STYLE}</style></head>
<body>
<h1>{title}</h1>
<p class="sub">{sub}</p>
<p>{summary}</p>
<table><thead><tr>{head}</tr></thead>
<tbody>
{rows}
</tbody>
<tfoot><tr><td colspan="3">{total_word}</td><td>{total}</td><td colspan="5"></td></tr></tfoot>
</table>
<p class="sign">{issued_by}</p>
</body></html>
"""
