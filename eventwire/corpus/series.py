"""Dyad time series and an escalation signal.

A series counts a dyad's events per day or ISO week, with Goldstein sums and means, split by
quad class. The escalation signal compares a dyad's recent mean Goldstein with its own
baseline: a z-score below -threshold means the dyad is sliding into conflict. Plans and
possibilities are not counted (see :func:`eventwire.corpus.incidents.happened`).
"""

from __future__ import annotations

import math
import sqlite3
import statistics
import sys
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, NamedTuple

from eventwire.corpus.incidents import happened_sql


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
    goldstein_mean: float
    quad: tuple[int, int, int, int]  # counts of quad classes 1..4


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
    return points_of(rows)


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
    return points_of(rows)


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
                "goldstein_mean": round(p.goldstein_mean, 3),
                "quad": list(p.quad),
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


def escalation(
    points: list[Point], recent: int = 7, threshold: float = 2.0
) -> dict[str, float | bool]:
    """Daily points: the last ``recent`` days against all the days before them."""
    if len(points) < 2:
        return {"z": 0.0, "escalating": False, "recent_mean": 0.0, "baseline_mean": 0.0}
    last = date.fromisoformat(points[-1].period)
    cut = (last - timedelta(days=recent - 1)).isoformat()
    base = [p.goldstein_mean for p in points if p.period < cut]
    now = [p.goldstein_mean for p in points if p.period >= cut]
    if not base or not now:
        return {
            "z": 0.0,
            "escalating": False,
            "recent_mean": statistics.fmean(now or [0.0]),
            "baseline_mean": statistics.fmean(base or [0.0]),
        }
    spread = pstdev(base) or 1.0
    z = (statistics.fmean(now) - statistics.fmean(base)) / spread
    return {
        "z": round(z, 3),
        "escalating": z <= -threshold,
        "recent_mean": round(statistics.fmean(now), 3),
        "baseline_mean": round(statistics.fmean(base), 3),
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
