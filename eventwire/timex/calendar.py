"""Calendar arithmetic and TIMEX3 value formatting.

Values are strings as TIMEX3 writes them: ``2025-11-21`` (day), ``2025-W47`` (ISO week),
``2025-11`` (month), ``2025-Q3`` (quarter), ``2025-SU`` (season), ``2025`` (year), ``199``
(decade), ``20`` (century).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_EVENT_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")


def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def shift_month(year: int, month: int, step: int) -> tuple[int, int]:
    """The month ``step`` months after (or before, when negative) the given one."""
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


def shift_quarter(year: int, quarter: int, step: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + step
    return index // 4, index % 4 + 1


def shift_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def shift_days(d: date, days: int) -> date:
    return d + timedelta(days=days)


def weekday_near(anchor: date, weekday: int, direction: int, same_day: bool = True) -> date:
    """The given ISO weekday nearest the anchor, looking back (-1) or forward (+1).

    With ``same_day`` the anchor itself counts when it falls on that weekday.
    """
    delta = (weekday - anchor.isoweekday()) * direction % 7
    if delta == 0 and not same_day:
        delta = 7
    return anchor + timedelta(days=delta * direction)


def nearest_year_for_month(anchor: date, month: int, tense: int) -> int:
    """The year of a month named without one.

    The next month is taken as ahead even in the past tense ("was extended to Nov. 16" written
    in October); otherwise the tense decides (future: ahead, past: behind, -2 for "since":
    always behind), and without a tense the nearer of the two.
    """
    ahead = (month - anchor.month) % 12
    year_ahead = anchor.year if month >= anchor.month else anchor.year + 1
    year_behind = anchor.year if month <= anchor.month else anchor.year - 1
    if tense <= -2:  # "since March"
        return year_behind
    if ahead == 0 or tense > 0 or ahead <= (1 if tense < 0 else 4):
        return year_ahead
    return year_behind


def valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def event_date(value: str) -> str | None:
    """The date an event can carry for a TIMEX3 DATE (or TIME) value.

    ``2025-11-21`` and ``2025-11-21TEV`` give ``2025-11-21``; ``2025-11`` gives ``2025-11``;
    ``2025``, ``2025-Q3``, ``2025-SU`` and ``2025-W47`` give what is certain of them at month or
    year precision. Durations, sets, ``PRESENT_REF``, decades and unresolved values give None.
    """
    if not value or value[0] == "P" or "X" in value:
        return None
    match = _EVENT_DATE.match(value)
    if match:
        year, month, day = match.groups()
        return "-".join(part for part in (year, month, day) if part)
    week = re.match(r"^(\d{4})-W(\d{2})", value)
    if week:
        try:
            monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        except ValueError:
            return None
        sunday = monday + timedelta(days=6)
        if monday.month == sunday.month:
            return month_value(monday.year, monday.month)
        return str(monday.year) if monday.year == sunday.year else None
    season_or_quarter = re.match(r"^(\d{4})-(?:Q[1-4]|H[12]|SP|SU|FA|WI)$", value)
    if season_or_quarter:
        return season_or_quarter.group(1)
    return None
