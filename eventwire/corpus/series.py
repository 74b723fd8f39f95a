"""Dyad time series and an escalation signal.

A series counts a dyad's events per day or ISO week, with Goldstein sums and means, split by
quad class, and the people killed and wounded in its incidents (each incident's best-supported
count, on its date). Every period between the first and the last is given, those without
events as zeros (with no mean), so that a chart does not draw across a gap. The escalation
signal compares a dyad's recent mean Goldstein with its own baseline, where there is enough
data (data/corpus/series.yaml): a z-score below -threshold means the dyad is sliding into
conflict. Only reports of what happened are counted, not plans, possibilities, denials or
background (see :func:`eventwire.corpus.incidents.happened_sql`), and only events dated to the
day: the same events the dyad tables and the exports' ``in_series`` column count.
"""

from __future__ import annotations

import math
import sqlite3
import statistics
import sys
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from eventwire.corpus.incidents import happened_sql
from eventwire.words import counted
from eventwire.yamlfiles import load_yaml


def iso_week_sql(column: str) -> str:
    """SQL for the ISO 8601 week of a date column ("2025-W47"): the year and week of the
    Thursday of its Monday-to-Sunday week, as SQLite before 3.46 has no %G or %V."""
    thursday = f"date({column}, '-3 days', 'weekday 4')"
    return (
        f"strftime('%Y', {thursday}) || '-W' || "
        f"printf('%02d', (strftime('%j', {thursday}) - 1) / 7 + 1)"
    )


PERIODS = {
    "day": "date",
    "week": iso_week_sql("date"),
}


class Point(NamedTuple):
    period: str
    events: int
    goldstein_sum: float
    goldstein_mean: float | None  # None in a period without events
    quad: tuple[int, int, int, int]  # counts of quad classes 1..4
    killed: int = 0  # in the dyad's incidents of the period
    wounded: int = 0


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    text = resources.files("eventwire.data").joinpath("corpus/series.yaml").read_text("utf-8")
    return load_yaml(text)


def dyad_series(
    conn: sqlite3.Connection,
    source: str,
    target: str,
    period: str = "day",
    start: str | None = None,
    end: str | None = None,
) -> list[Point]:
    """The dyad's events per period. Three-letter values are countries (USA, IGO), longer ones
    actor codes (USAGOV)."""
    bucket = PERIODS[period]
    src = "source_country" if len(source) == 3 else "source_code"
    tgt = "target_country" if len(target) == 3 else "target_code"
    rows = conn.execute(
        f"SELECT {bucket} AS period, count(*) AS n, coalesce(sum(goldstein), 0) AS total, "
        "sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3), sum(quad_class = 4) "
        f"FROM events WHERE {src} = :s AND {tgt} = :t AND date >= :start AND date <= :end "
        f"AND length(date) = 10 AND NOT negated AND {happened_sql()} GROUP BY 1 ORDER BY 1",
        {"s": source, "t": target, "start": start or "0000", "end": end or "9999"},
    )
    return filled(points_of(rows), casualties(conn, source, target, period), period, start, end)


def casualties(
    conn: sqlite3.Connection, source: str, target: str, period: str = "day"
) -> dict[str, tuple[int, int]]:
    """People killed and wounded per period in the dyad's incidents that happened and are
    dated to the day: each incident's best-supported count, never a sum over its reports."""
    src = "source_country" if len(source) == 3 else "source_code"
    tgt = "target_country" if len(target) == 3 else "target_code"
    rows = conn.execute(
        f"SELECT {PERIODS[period]}, coalesce(sum(killed), 0), coalesce(sum(wounded), 0) "
        f"FROM incidents WHERE {src} = ? AND {tgt} = ? AND length(date) = 10 "
        "AND status = 'happened' AND (killed IS NOT NULL OR wounded IS NOT NULL) GROUP BY 1",
        (source, target),
    )
    return {p: (k, w) for p, k, w in rows}


def filled(
    points: list[Point],
    counts: dict[str, tuple[int, int]],
    period: str,
    start: str | None = None,
    end: str | None = None,
) -> list[Point]:
    """Every period from the first to the last (or from ``start`` to ``end``), those without
    events as zeros, with the casualty counts of each."""
    by_period = {p.period: p for p in points}
    if not points:
        return []
    first = date.fromisoformat(start) if start else first_day(points[0].period)
    last = date.fromisoformat(end) if end else first_day(points[-1].period)
    out, day = [], first
    step = timedelta(days=1 if period == "day" else 7)
    if period == "week":
        day -= timedelta(days=day.weekday())
    while day <= last:
        label = day.isoformat() if period == "day" else week_label(day)
        point = by_period.get(label, Point(label, 0, 0.0, None, (0, 0, 0, 0)))
        killed, wounded = counts.get(label, (0, 0))
        out.append(point._replace(killed=killed, wounded=wounded))
        day += step
    return out


def week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def first_day(label: str) -> date:
    """The day of a period label: a date, or the Monday of an ISO week ("2025-W47")."""
    if "-W" in label:
        return date.fromisocalendar(int(label[:4]), int(label[6:]), 1)
    return date.fromisoformat(label)


def points_of(rows: Iterable[tuple]) -> list[Point]:
    """Points from rows of (period, events, Goldstein sum, quad 1 .. quad 4 counts)."""
    return [Point(p, n, total, total / n, (q1, q2, q3, q4)) for p, n, total, q1, q2, q3, q4 in rows]


# The same buckets over the per-day aggregates of country pairs (the store's dyad_days).
DAY_PERIODS = {
    "day": "day",
    "week": iso_week_sql("day"),
}


def country_series(
    conn: sqlite3.Connection,
    source: str,
    target: str,
    period: str = "day",
    start: str | None = None,
    end: str | None = None,
) -> list[Point]:
    """:func:`dyad_series` for two countries, read from the store's events per country pair and
    day (``dyad_days``, which counts the same events) instead of the events themselves."""
    columns = "events, goldstein_sum, quad1, quad2, quad3, quad4"
    if period != "day":  # a day is one row already
        columns = "sum(events), sum(goldstein_sum), sum(quad1), sum(quad2), sum(quad3), sum(quad4)"
    rows = conn.execute(
        f"SELECT {DAY_PERIODS[period]} AS period, {columns} FROM dyad_days "
        "WHERE source_country = :s AND target_country = :t AND day >= :start AND day <= :end "
        f"AND length(day) = 10{'' if period == 'day' else ' GROUP BY 1'} ORDER BY 1",
        {"s": source, "t": target, "start": start or "0000", "end": end or "9999"},
    )
    return filled(points_of(rows), casualties(conn, source, target, period), period, start, end)


def series_answer(conn: sqlite3.Connection, source: str, target: str,
                  period: str = "day") -> dict[str, Any]:  # fmt: skip
    """A dyad's events per period, and the escalation signal over its daily series, as the API
    sends them; a pair of countries is read from the store's aggregates per pair and day."""
    read = country_series if len(source) == len(target) == 3 else dyad_series
    points = read(conn, source, target, period)
    daily = points if period == "day" else read(conn, source, target, "day")
    return {
        "source": source,
        "target": target,
        "period": period,
        "points": [
            {
                "period": p.period,
                "events": p.events,
                "goldstein_sum": round(p.goldstein_sum, 3),
                "goldstein_mean": None if p.goldstein_mean is None else round(p.goldstein_mean, 3),
                "quad": list(p.quad),
                "killed": p.killed,
                "wounded": p.wounded,
            }
            for p in points
        ],
        "escalation": escalation(daily),
    }


def busiest_dyads(conn: sqlite3.Connection, limit: int = 8) -> list[dict[str, Any]]:
    """The most active country pairs, each with its series and escalation signal."""
    found = conn.execute(
        "SELECT source_country AS source, target_country AS target, events, "
        "round(goldstein_sum / nullif(goldstein_n, 0), 2) AS goldstein_mean, "
        "last_day AS last_date FROM dyad_totals WHERE source_country != target_country "
        "ORDER BY events DESC, 1, 2 LIMIT ?",
        (limit,),
    )
    names = [c[0] for c in found.description]
    pairs = [dict(zip(names, row, strict=True)) for row in found.fetchall()]
    return [{**pair, **series_answer(conn, pair["source"], pair["target"])} for pair in pairs]


def escalation(points: list[Point]) -> dict[str, Any]:
    """Daily points: the last days against all the days before them, where there is enough
    data for a signal (data/corpus/series.yaml); else ``enough_data`` is false and ``reason``
    says what there was."""
    rules = settings()
    active = [p for p in points if p.events]
    events = sum(p.events for p in active)
    found: dict[str, Any] = {"events": events, "days": len(active)}
    if not active:
        return {**found, **no_signal(rules, events, 0)}
    last = date.fromisoformat(active[-1].period)
    cut = (last - timedelta(days=rules["recent_days"] - 1)).isoformat()
    base = [p.goldstein_mean for p in active if p.period < cut and p.goldstein_mean is not None]
    now = [p.goldstein_mean for p in active if p.period >= cut and p.goldstein_mean is not None]
    found["recent_mean"] = round(statistics.fmean(now), 3) if now else None
    found["baseline_mean"] = round(statistics.fmean(base), 3) if base else None
    if (
        events < rules["min_events"]
        or len(base) < rules["min_baseline_days"]
        or len(now) < rules["min_recent_days"]
    ):
        return {**no_signal(rules, events, len(active)), **found}
    z = (statistics.fmean(now) - statistics.fmean(base)) / (pstdev(base) or 1.0)
    return {**found, "z": round(z, 3), "escalating": z <= -rules["threshold"], "enough_data": True}


def no_signal(rules: dict[str, Any], events: int, days: int) -> dict[str, Any]:
    return {
        "z": None,
        "escalating": False,
        "enough_data": False,
        "recent_mean": None,
        "baseline_mean": None,
        "reason": (
            f"not enough data: {counted(events, 'event')} on {counted(days, 'day')}; a signal"
            f" needs {rules['min_events']} events, on {rules['min_baseline_days']} days before the "
            f"last {rules['recent_days']} and {rules['min_recent_days']} within them"
        ),
    }


SQRT_BITS = 2 * sys.float_info.mant_dig + 3  # as statistics computes a correctly rounded root


def pstdev(values: list[float]) -> float:
    """``statistics.pstdev`` of floats, to the last bit: the variance is computed exactly and
    its square root correctly rounded, as there, but in integers, which is several times faster
    than the fractions it uses. Each float is n / 2**k; all are put over the largest 2**k."""
    ratios = [v.as_integer_ratio() for v in values]
    shift = max(d.bit_length() for _, d in ratios) - 1
    scaled = [n << (shift - d.bit_length() + 1) for n, d in ratios]
    count, total = len(scaled), sum(scaled)
    numerator = count * sum(a * a for a in scaled) - total * total
    return sqrt_of_fraction(numerator, count * count << 2 * shift)


def sqrt_of_fraction(n: int, m: int) -> float:
    """The square root of n / m as a float, correctly rounded (with rounding to odd first)."""
    q = (n.bit_length() - m.bit_length() - SQRT_BITS) // 2
    if q >= 0:
        return float(odd_root(n, m << 2 * q) << q)
    return odd_root(n << -2 * q, m) / (1 << -q)


def odd_root(n: int, m: int) -> int:
    """The square root of n / m, rounded down, with its last bit set when it is not exact."""
    a = math.isqrt(n // m)
    return a | (a * a * m != n)
