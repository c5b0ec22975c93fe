"""A portfolio as a submission package (a ZIP) for the issuer: a printable `index.html` with
the parts numbered in the issuer's order, the files in `artifacts/`, and `evidence.json` in
the Open Badges 3.0 "Evidence" shape with the achievement it is meant for. It is labelled
self-collected and unsigned: plcbot issues no badge. Reviewer comments stay out (they were
feedback for the teacher). Only this one portfolio's rows go in."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import datetime
from html import escape
from typing import Any

from bot.credential_view import Item, PartView, PortfolioView
from bot.credentials import EvidenceKind, PartKind
from bot.i18n import N_, _, current

# evidence.json keeps it in English for the issuer; the printable index says it through `_`.
LABEL = N_(
    "Self-collected by the teacher with plcbot and unsigned: this is evidence for the issuer to "
    "review, not a credential."
)
OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
GENRES = {
    PartKind.OVERVIEW: "Overview answer",
    PartKind.ARTIFACT: "Classroom artifact",
    PartKind.REFLECTION: "Reflection",
}
AUDIENCE = "The issuer's reviewers"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def artifact_path(item: Item, seq: int) -> str:
    name = _UNSAFE.sub("-", item.evidence.file_name).strip("-.") or "artifact"
    return f"artifacts/{seq:02d}-{name[:80]}"


def _numbered(view: PortfolioView) -> list[tuple[PartView, Item, int]]:
    seq = 0
    out = []
    for p in view.parts:
        for item in p.items:
            seq += 1
            out.append((p, item, seq))
    return out


def _evidence_json(p: PartView, item: Item, seq: int) -> dict[str, Any]:
    e = item.evidence
    if e.kind is EvidenceKind.FILE:
        ref, narrative = artifact_path(item, seq), e.text or f"File {e.file_name} ({e.file_type})"
    elif e.kind is EvidenceKind.LINK:
        ref, narrative = e.text, f"Link: {e.text}"
    else:
        ref, narrative = f"index.html#evidence-{seq}", item.words or "(reflection no longer stored)"
    return {
        "id": ref,
        "type": ["Evidence"],
        "name": f"Part {p.number}: {p.part.title}",
        "description": p.part.must_show or p.part.guidance,
        "narrative": narrative,
        "genre": GENRES[p.part.kind],
        "audience": AUDIENCE,
    }


def evidence_json(view: PortfolioView, exported_at: datetime) -> dict[str, Any]:
    c = view.credential
    criteria = " ".join(
        [c.key_method, *(f"Part {p.number}: {p.part.title}. {p.part.guidance}" for p in view.parts)]
    )
    achievement = {
        "id": f"urn:plcbot:micro-credential:{c.id}",
        "type": ["Achievement"],
        "name": c.title,
        "description": c.competency,
        "criteria": {"narrative": criteria},
    }
    if c.issuer:
        achievement["creator"] = {"type": ["Profile"], "name": c.issuer}
    return {
        "@context": OB3_CONTEXT,
        "label": LABEL,
        "selfCollected": True,
        "signed": False,
        "exportedAt": exported_at.isoformat(),
        "achievement": achievement,
        "evidence": [_evidence_json(p, item, seq) for p, item, seq in _numbered(view)],
    }


def _item_html(item: Item, seq: int) -> str:
    e = item.evidence
    anchor = f'<div class="evidence" id="evidence-{seq}">'
    if e.kind is EvidenceKind.FILE:
        path = artifact_path(item, seq)
        note = f"<p>{escape(e.text)}</p>" if e.text else ""
        link = f'<a href="{escape(path)}">{escape(e.file_name)}</a>'
        said = escape(_("Artifact: {link}")).format(link=link)
        return f"{anchor}<p>{said}</p>{note}</div>"
    if e.kind is EvidenceKind.LINK:
        link = f'<a href="{escape(e.text)}">{escape(e.text)}</a>'
        said = escape(_("Link: {link}")).format(link=link)
        return f"{anchor}<p>{said}</p></div>"
    body = "".join(f"<p>{escape(line)}</p>" for line in item.words.split("\n") if line.strip())
    gone = escape(_("(reflection no longer stored)"))
    return anchor + (body or f"<p>{gone}</p>") + "</div>"


def _part_html(p: PartView, numbered: list[tuple[PartView, Item, int]]) -> str:
    none = escape(_("(no evidence yet)"))
    items = "".join(_item_html(i, seq) for q, i, seq in numbered if q is p) or f"<p>{none}</p>"
    asked = (
        _(" ({least}–{most} words; {written} written)").format(
            least=p.part.words[0], most=p.part.words[1], written=p.words
        )
        if p.part.words
        else ""
    )
    must_show = _("Must show: {what}").format(what=p.part.must_show)
    must = f"<p class='guide'>{escape(must_show)}</p>" if p.part.must_show else ""
    return (
        f'<section class="part" id="part-{p.number}"><h2>{p.number}. {escape(p.part.title)}</h2>'
        f"<p class='guide'>{escape(p.part.guidance)}{escape(asked)}</p>{must}{items}</section>"
    )


def index_html(view: PortfolioView, exported_at: datetime) -> str:
    c = view.credential
    numbered = _numbered(view)
    parts = [_part_html(p, numbered) for p in view.parts]
    competency, method = escape(_("Competency:")), escape(_("Key method:"))
    exported = _("Exported {day}.").format(day=f"{exported_at:%Y-%m-%d}")
    return (
        f'<!doctype html><html lang="{current()}"><head><meta charset="utf-8">'
        f"<title>{escape(c.title)}</title><style>body{{font-family:Georgia,serif;max-width:46em;"
        "margin:2em auto;line-height:1.5}.guide{color:#444;font-style:italic}.evidence{border-left:"
        "3px solid #999;padding-left:1em;margin:1em 0}section{page-break-inside:avoid}"
        "@media print{a{color:inherit}}</style></head><body>"
        f"<h1>{escape(c.title)}</h1><p><strong>{competency}</strong> {escape(c.competency)}</p>"
        f"<p><strong>{method}</strong> {escape(c.key_method)}</p>"
        f"<p class='label'>{escape(_(LABEL))} {escape(exported)}</p>"
        + "".join(parts)
        + "</body></html>"
    )


def package(view: PortfolioView, exported_at: datetime) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("index.html", index_html(view, exported_at))
        data = evidence_json(view, exported_at)
        z.writestr("evidence.json", json.dumps(data, ensure_ascii=False, indent=2))
        for _part, item, seq in _numbered(view):
            if item.evidence.kind is EvidenceKind.FILE and item.evidence.content is not None:
                z.writestr(artifact_path(item, seq), item.evidence.content)
    return buffer.getvalue()


def package_name(view: PortfolioView) -> str:
    return f"micro-credential-{view.credential.id}.zip"
