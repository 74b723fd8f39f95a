"""Charts drawn on the server as inline SVG: the shapes are computed here and written by the
templates (autoescaped, no script), so a chart needs nothing from the network and reads
without JavaScript. Each bar links to the timeline of its window and type.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

Row = dict[str, Any]
WIDTH, HEIGHT = 960, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 10, 26
MAX_LABELS = 10


def link(path: str, base: dict[str, str], **more: str) -> str:
    """``path`` with the page's filters (``base``) and ``more`` as its query."""
    params = {k: v for k, v in {**base, **more}.items() if v}
    return path + ("?" + urlencode(params) if params else "")


def nice_ceiling(value: float) -> float:
    """1, 2 or 5 times a power of ten, at least ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value)


def y_ticks(low: float, high: float) -> list[float]:
    step = nice_ceiling((high - low) / 4)
    first = math.ceil(low / step) * step
    return [round(first + n * step, 6) for n in range(int((high - first) // step) + 1)]


def x_labels(labels: list[str]) -> list[tuple[int, str]]:
    """At most :data:`MAX_LABELS` of the periods, evenly spaced."""
    every = max(1, math.ceil(len(labels) / MAX_LABELS))
    return [(i, label) for i, label in enumerate(labels) if i % every == 0]


def frame(labels: list[str], low: float, high: float) -> Row:
    """The plot area, the y ticks and the x labels' positions."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(labels))

    def y(value: float) -> float:
        return round(TOP + plot_h * (1 - (value - low) / ((high - low) or 1)), 1)

    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
        "bottom": HEIGHT - BOTTOM, "step": step, "y": y,
        "y_ticks": [{"value": v, "y": y(v)} for v in y_ticks(low, high)],
        "x_labels": [{"x": round(LEFT + step * (i + 0.5), 1), "text": t}
                     for i, t in x_labels(labels)],
    }  # fmt: skip


def stacked_bars(data: Row, base: dict[str, str]) -> Row:
    """The bars of :func:`eventwire.web.trends.type_series`, stacked in the keys' order."""
    points = data["points"]
    high = nice_ceiling(max((p["events"] for p in points), default=0))
    chart = frame([p["period"] for p in points], 0, high)
    y, step, bars = chart["y"], chart["step"], []
    for i, point in enumerate(points):
        below = 0
        for key in data["keys"]:
            n = point["counts"].get(key["key"], 0)
            if not n:
                continue
            chosen = {"root": key["key"]} if data["by"] == "root" else {}
            bars.append({
                "x": round(LEFT + step * i + step * 0.1, 1), "w": round(max(step * 0.8, 1), 1),
                "y": y(below + n), "h": round(y(below) - y(below + n), 1),
                "colour": key["colour"],
                "title": f"{point['period']} · {key['name']}: {n}",
                "href": link("/timeline", base, since=point["start"], until=point["end"],
                             **chosen),
            })  # fmt: skip
            below += n
    chart.pop("y")
    return {**chart, "bars": bars, "columns": columns(points, step)}


def columns(points: list[Row], step: float) -> list[Row]:
    """Each period's column of the plot, left and right edges in chart units, with its first
    and last day: what a brush across the chart picks."""
    return [{"x0": round(LEFT + step * i, 1), "x1": round(LEFT + step * (i + 1), 1),
             "start": p["start"], "end": p["end"]} for i, p in enumerate(points)]  # fmt: skip


def every_day(first: str, last: str) -> list[str]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]


def compare_axis(dyads: list[Row], period: str) -> list[str]:
    """The periods of all the dyads' series: every day between the first and the last, or the
    weeks that any of them has."""
    found = sorted({p["period"] for d in dyads for p in d["points"]})
    if period == "day" and found:
        return every_day(found[0], found[-1])
    return found


def lines(data: Row, value: str) -> Row:
    """One polyline per dyad of ``value`` (``events`` or ``goldstein_mean``) per period; a
    period a dyad has no events in is a gap in its mean, a zero in its count."""
    axis = compare_axis(data["dyads"], data["period"])
    values = [p[value] for d in data["dyads"] for p in d["points"] if p[value] is not None]
    low = min([0.0, *values]) if value != "events" else 0.0
    high = nice_ceiling(max([1.0, *values])) if value == "events" else max([1.0, *values])
    low = -nice_ceiling(-low) if low < 0 else low
    chart = frame(axis, low, high)
    y, step, out = chart["y"], chart["step"], []
    for n, dyad in enumerate(data["dyads"]):
        by_period = {p["period"]: p[value] for p in dyad["points"]}
        runs: list[list[str]] = [[]]
        for i, period in enumerate(axis):
            v = by_period.get(period, 0 if value == "events" else None)
            if v is None:
                runs.append([])
                continue
            runs[-1].append(f"{LEFT + step * (i + 0.5):.1f},{y(v)}")
        dots = [{"x": round(LEFT + step * (axis.index(p["period"]) + 0.5), 1),
                 "y": y(p[value]), "title": f"{dyad['label']}, {p['period']}: {p[value]}"}
                for p in dyad["points"] if p[value] is not None]  # fmt: skip
        out.append({"n": n, "label": dyad["label"], "dots": dots,
                    "paths": [" ".join(r) for r in runs if len(r) > 1]})  # fmt: skip
    chart.pop("y")
    return {**chart, "lines": out, "zero": y(0) if low < 0 < high else None}
