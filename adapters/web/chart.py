"""Charts drawn on the server as SVG: a title and description for screen readers, and the same
figures in a table beside it. No script."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

WIDTH, HEIGHT = 640, 240
BAR_MOST = 56  # a bar's widest, so one session is not a wall
LEFT, BOTTOM, TOP = 40, 40, 16


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def bars(title: str, points: Sequence[Bar], *, chart_id: str) -> Markup:
    """A bar chart of counts, one bar per point, with its axis and a text label on each bar."""
    top = max([p.value for p in points] + [1])
    inner_w = WIDTH - LEFT - 8
    inner_h = HEIGHT - BOTTOM - TOP
    step = min(inner_w / max(len(points), 1), BAR_MOST / 0.7)
    parts = [
        Markup(
            '<svg class=chart role=img viewBox="0 0 {w} {h}" aria-labelledby="{i}-t {i}-d">'
            '<title id="{i}-t">{t}</title><desc id="{i}-d">{d}</desc>'
        ).format(w=WIDTH, h=HEIGHT, i=chart_id, t=title, d=_describe(points)),
        Markup('<line class=axis x1="{x}" y1="{y0}" x2="{x}" y2="{y1}"/>').format(
            x=LEFT, y0=TOP, y1=HEIGHT - BOTTOM
        ),
        Markup('<line class=axis x1="{x0}" y1="{y}" x2="{x1}" y2="{y}"/>').format(
            x0=LEFT, x1=WIDTH - 8, y=HEIGHT - BOTTOM
        ),
        Markup('<text class=tick x="{x}" y="{y}" text-anchor=end>{v}</text>').format(
            x=LEFT - 6, y=TOP + 4, v=top
        ),
    ]
    for n, p in enumerate(points):
        h = round(inner_h * p.value / top)
        x = LEFT + n * step + step * 0.15
        y = HEIGHT - BOTTOM - h
        parts.append(
            Markup(
                '<rect class=bar x="{x:.1f}" y="{y}" width="{w:.1f}" height="{h}"/>'
                '<text class=value x="{cx:.1f}" y="{ty}" text-anchor=middle>{v}</text>'
                '<text class=tick x="{cx:.1f}" y="{ly}" text-anchor=middle>{label}</text>'
            ).format(
                x=x,
                y=y,
                w=step * 0.7,
                h=h,
                cx=x + step * 0.35,
                ty=y - 4,
                v=p.value,
                ly=HEIGHT - BOTTOM + 16,
                label=p.label,
            )
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _describe(points: Sequence[Bar]) -> str:
    if not points:
        return "No data yet."
    return "; ".join(f"{p.label}: {p.value}" for p in points) + "."
