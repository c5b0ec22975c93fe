"""The panel's charts, drawn on the server as SVG: each has a title and a description for screen
readers and comes with the same figures as a table (`Figure`). No script. Series differ by
colour (both above WCAG AA contrast on white), by line pattern and by marker shape, never by
colour alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from bot.api import Point, _

WIDTH = 640
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 28, 40
HEIGHT = 240
ROW, LABELS = 28, 220  # horizontal bars: a row's height, the labels' width


@dataclass(frozen=True)
class Figure:
    """A chart and its table. `rows`: the table's rows, as text, in the headers' order."""

    chart_id: str
    title: str
    caption: str
    svg: Markup
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def figure_text(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return shown + unit


def _open(title: str, points: Sequence[Point], chart_id: str, height: int, unit: str) -> Markup:
    described = "; ".join(f"{p.label}: {figure_text(p.value, unit)}" for p in points)
    return Markup(
        '<svg class="chart" role="img" viewBox="0 0 {w} {h}" aria-labelledby="{i}-t {i}-d">'
        '<title id="{i}-t">{t}</title><desc id="{i}-d">{d}</desc>'
    ).format(w=WIDTH, h=height, i=chart_id, t=title, d=(described or _("No data yet")) + ".")


def _axes(top: float, unit: str) -> Markup:
    base = HEIGHT - BOTTOM
    return Markup(
        '<line class="axis" x1="{l}" y1="{t}" x2="{l}" y2="{b}"/>'
        '<line class="axis" x1="{l}" y1="{b}" x2="{r}" y2="{b}"/>'
        '<text class="tick" x="{tx}" y="{ty}" text-anchor="end">{v}</text>'
        '<text class="tick" x="{tx}" y="{b}" text-anchor="end">0</text>'
    ).format(l=LEFT, t=TOP, b=base, r=WIDTH - RIGHT, tx=LEFT - 6, ty=TOP + 4, v=f"{top:g}{unit}")


def _y(value: float, top: float) -> float:
    return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * min(value, top) / top


def columns(
    title: str, points: Sequence[Point], *, chart_id: str, unit: str = "", top: float = 0
) -> Markup:
    """One column per point (nothing drawn for a point without a value), its value above."""
    top = top or max([p.value or 0 for p in points] + [1])
    step = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    width = min(step * 0.7, 56)
    parts = [_open(title, points, chart_id, HEIGHT, unit), _axes(top, unit)]
    for n, p in enumerate(points):
        cx = LEFT + step * (n + 0.5)
        y = _y(p.value or 0, top)
        if p.value:
            parts.append(
                Markup(
                    '<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"/>'
                ).format(x=cx - width / 2, y=y, w=width, h=HEIGHT - BOTTOM - y)
            )
        parts.append(_value(cx, y - 5, figure_text(p.value, unit)))
        parts.append(_tick(cx, p.label))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def lines(
    title: str,
    series: Sequence[tuple[str, Sequence[Point]]],
    *,
    chart_id: str,
    top: float,
    unit: str = "",
) -> Markup:
    """A line per series over the same labels, a marker and value on every measured point
    (a point without a value breaks the line), and a legend."""
    every = [p for _name, points in series for p in points]
    labels = [p.label for p in series[0][1]] if series else []
    step = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    parts = [_open(title, every, chart_id, HEIGHT, unit), _axes(top, unit)]
    for k, (name, points) in enumerate(series):
        parts.append(_legend(k, name))
        runs: list[list[tuple[float, float]]] = [[]]
        for n, p in enumerate(points):
            if p.value is None:
                runs.append([])
                continue
            x, y = LEFT + step * (n + 0.5), _y(p.value, top)
            runs[-1].append((x, y))
            parts.append(_marker(k, x, y))
            parts.append(_value(x, y - 8 if k == 0 else y + 16, figure_text(p.value, unit), k))
        for run in runs:
            if len(run) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                parts.append(
                    Markup('<polyline class="line s{k}" points="{p}"/>').format(k=k, p=path)
                )
    parts += [_tick(LEFT + step * (n + 0.5), label) for n, label in enumerate(labels)]
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def bar_rows(
    title: str, points: Sequence[Point], *, chart_id: str, unit: str = "", top: float = 0
) -> Markup:
    """A horizontal bar per point, its label on the left and its value at its end."""
    top = top or max([p.value or 0 for p in points] + [1])
    height = TOP + ROW * max(len(points), 1) + 8
    room = WIDTH - LABELS - RIGHT - 48
    parts = [_open(title, points, chart_id, height, unit)]
    parts.append(
        Markup('<line class="axis" x1="{x}" y1="{t}" x2="{x}" y2="{b}"/>').format(
            x=LABELS, t=TOP - 8, b=height - 8
        )
    )
    for n, p in enumerate(points):
        y = TOP + ROW * n
        w = room * min(p.value or 0, top) / top
        parts.append(
            Markup(
                '<text class="tick" x="{lx}" y="{ty}" text-anchor="end">{label}</text>'
                '<rect class="bar" x="{x}" y="{y}" width="{w:.1f}" height="{h}"/>'
                '<text class="value" x="{vx:.1f}" y="{ty}">{v}</text>'
            ).format(
                lx=LABELS - 6,
                ty=y + ROW / 2 + 1,
                label=_short(p.label, 30),
                x=LABELS,
                y=y + 4,
                w=w,
                h=ROW - 10,
                vx=LABELS + w + 6,
                v=figure_text(p.value, unit),
            )
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _value(x: float, y: float, text: str, series: int = 0) -> Markup:
    return Markup(
        '<text class="value s{k}" x="{x:.1f}" y="{y:.1f}" text-anchor="middle">{t}</text>'
    ).format(k=series, x=x, y=max(y, 12), t=text)


def _tick(x: float, label: str) -> Markup:
    return Markup('<text class="tick" x="{x:.1f}" y="{y}" text-anchor="middle">{t}</text>').format(
        x=x, y=HEIGHT - BOTTOM + 16, t=label
    )


def _marker(series: int, x: float, y: float) -> Markup:
    if series == 0:
        return Markup('<circle class="mark s0" cx="{x:.1f}" cy="{y:.1f}" r="4"/>').format(x=x, y=y)
    return Markup('<rect class="mark s{k}" x="{x:.1f}" y="{y:.1f}" width="8" height="8"/>').format(
        k=series, x=x - 4, y=y - 4
    )


def _legend(series: int, name: str) -> Markup:
    x = LEFT + 10 + 220 * series
    return Markup(
        '<line class="line s{k}" x1="{x}" y1="12" x2="{x2}" y2="12"/>{m}'
        '<text class="tick" x="{tx}" y="16">{n}</text>'
    ).format(k=series, x=x, x2=x + 24, m=_marker(series, x + 12, 12), tx=x + 30, n=name)
