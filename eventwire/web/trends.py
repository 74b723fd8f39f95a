"""Event types over time and dyads side by side, for the pages and the API alike.

:func:`type_series` counts the filtered events per day or ISO week (Monday to Sunday,
``2025-W47``) and per CAMEO root or quad class; every period between the first and the last is
given, empty ones with no counts. :func:`compare` reads two or three dyads' series through the
same function as ``/api/series``.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from eventwire.corpus.exports import Filters, where
from eventwire.lexicon import cameo_roots
from eventwire.web.names import actor_name
from eventwire.web.params import BadRequest
from eventwire.web.queries import series
from eventwire.web.reference import quad_classes, root_colours

Row = dict[str, Any]
PERIODS = ("day", "week")
GROUPS = ("root", "quad")
MAX_DAYS = 400  # a daily series longer than this is given per week
MAX_DYADS = 3


def week_of(day: date) -> tuple[str, date]:
    """The ISO week of a day, and its Monday."""
    year, week, weekday = day.isocalendar()
    return f"{year}-W{week:02d}", day - timedelta(days=weekday - 1)


def period_of(day: date, period: str) -> tuple[str, date, date]:
    """A day's period: its label, first and last day."""
    if period == "day":
        return day.isoformat(), day, day
    label, monday = week_of(day)
    return label, monday, monday + timedelta(days=6)


def daily_counts(conn: sqlite3.Connection, f: Filters, group: str) -> list[tuple[date, str, int]]:
    """The filtered events per full date and group (root or quad class)."""
    column = "e.root" if group == "root" else "e.quad_class"
    conditions, params = where("events", f)
    found = conn.execute(
        f"SELECT e.date, {column}, count(*) FROM events e WHERE NOT e.negated "
        f"AND length(e.date) = 10{conditions} GROUP BY 1, 2",
        params,
    ).fetchall()
    out = []
    for day, key, n in found:
        try:
            out.append((date.fromisoformat(day), str(key), n))
        except ValueError:  # a date the calendar does not have is left out
            continue
    return out


def group_keys(group: str, totals: dict[str, int]) -> list[Row]:
    """The groups present, in code order, with their names, colours and events."""
    if group == "root":
        names, colours = cameo_roots(), root_colours()
    else:
        quads = quad_classes()
        names = {str(q): v["name"] for q, v in quads.items()}
        colours = {str(q): v["colour"] for q, v in quads.items()}
    return [{"key": k, "name": names.get(k, k), "colour": colours.get(k, "#888"),
             "events": totals[k]} for k in sorted(totals)]  # fmt: skip


def type_series(conn: sqlite3.Connection, f: Filters, period: str = "day",
                group: str = "root") -> Row:  # fmt: skip
    """Counts per period and group; a daily series over :data:`MAX_DAYS` is given per week."""
    if period not in PERIODS or group not in GROUPS:
        raise BadRequest("period must be day or week, and by root or quad")
    counts = daily_counts(conn, f, group)
    days = sorted({d for d, _, _ in counts})
    if period == "day" and days and (days[-1] - days[0]).days >= MAX_DAYS:
        period = "week"
    points: dict[str, Row] = {}
    if days:
        day = days[0]
        while day <= days[-1]:
            label, first, last = period_of(day, period)
            points.setdefault(
                label,
                {
                    "period": label,
                    "start": first.isoformat(),
                    "end": last.isoformat(),
                    "counts": {},
                    "events": 0,
                },
            )
            day += timedelta(days=1)
    totals: dict[str, int] = {}
    for day, key, n in counts:
        point = points[period_of(day, period)[0]]
        point["counts"][key] = point["counts"].get(key, 0) + n
        point["events"] += n
        totals[key] = totals.get(key, 0) + n
    return {"period": period, "by": group, "keys": group_keys(group, totals),
            "points": list(points.values()), "total": sum(totals.values())}  # fmt: skip


def compare(conn: sqlite3.Connection, dyads: list[tuple[str, str]],
            period: str = "day") -> Row:  # fmt: skip
    """Two or three dyads' series (as ``/api/series`` gives each), with their names."""
    if not 1 <= len(dyads) <= MAX_DYADS:
        raise BadRequest(f"compare takes one to {MAX_DYADS} dyads, e.g. ?dyad=USA:VEN&dyad=COL:VEN")
    if period not in PERIODS:
        raise BadRequest("period must be day or week")
    rows = []
    for source, target in dyads:
        answer = series(conn, source, target, period)
        label = f"{actor_name(source)} → {actor_name(target)}"
        events = sum(p["events"] for p in answer["points"])
        rows.append({**answer, "label": label, "events": events})
    return {"period": period, "dyads": rows}
