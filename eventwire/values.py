"""Values users give (dates, choices), checked the same way by the command line, the Python
API and the HTTP API: a value that cannot be read is refused with a one-line reason."""

from __future__ import annotations

import re
from datetime import date

from eventwire.errors import BadValue

DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


def date_problem(value: str, whole: bool = False) -> str | None:
    """Why ``value`` is not a date of the calendar (YYYY-MM-DD; with ``whole`` false also
    YYYY-MM or YYYY), or None when it is one."""
    shape = "YYYY-MM-DD" if whole else "YYYY-MM-DD (or YYYY-MM, YYYY)"
    if not DATE.match(value) or (whole and len(value) != 10):
        return f"must be {shape}, not {value!r}"
    year, month, day = [*value.split("-"), "01", "01"][:3]
    try:
        date(int(year), int(month), int(day))
    except ValueError as exc:
        return f"must be a date of the calendar, not {value!r} ({exc})"
    return None


def choice_problem(value: str, allowed: tuple[str, ...]) -> str | None:
    """Why ``value`` is not one of ``allowed``, or None."""
    return None if value in allowed else f"must be one of {', '.join(allowed)}, not {value!r}"


def checked_date(value: str | None, name: str) -> str | None:
    """A YYYY-MM-DD value, or :class:`BadValue` (exit status 2 on the command line) that says
    why not."""
    if value is None:
        return None
    problem = date_problem(value.strip(), whole=True)
    if problem:
        raise BadValue(f"{name} {problem}")
    return value.strip()
