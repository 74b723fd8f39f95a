"""Dyad time series and an escalation signal.

A series counts a dyad's events per day or ISO week, with Goldstein sums and means, split by
quad class. The escalation signal compares a dyad's recent mean Goldstein with its own
baseline: a z-score below -threshold means the dyad is sliding into conflict. Plans and
possibilities are not counted (see :func:`eventwire.corpus.incidents.happened`).
"""

from __future__ import annotations

import sqlite3
import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.corpus.incidents import happened_sql

PERIODS = {
    "day": "date",
    "week": "strftime('%Y-W%W', date)",
}


@dataclass(frozen=True)
class Point:
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
    return [Point(p, n, total, total / n, (q1, q2, q3, q4)) for p, n, total, q1, q2, q3, q4 in rows]


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
    spread = statistics.pstdev(base) or 1.0
    z = (statistics.fmean(now) - statistics.fmean(base)) / spread
    return {
        "z": round(z, 3),
        "escalating": z <= -threshold,
        "recent_mean": round(statistics.fmean(now), 3),
        "baseline_mean": round(statistics.fmean(base), 3),
    }
