"""Query parameters of the API and the pages: filters, pagination and format, each checked.

A parameter that cannot be read raises :class:`BadRequest`, which the app answers with a 400
and a one-line message, never a 500. Numbers are ASCII digits only (no superscripts, no
full-width or other scripts' digits), within bounds that SQLite's integers can hold.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import get_args

from eventwire.corpus.exports import Filters
from eventwire.model import Certainty, LedgerKind, LedgerStatus
from eventwire.values import choice_problem, date_problem

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 2**31 - 1
MAX_KEY = 2**63 - 1  # SQLite's largest integer
DIGITS = re.compile(r"^[0-9]{1,19}$")
CODE = re.compile(r"^[A-Z0-9]{1,32}$")
DECIMAL = re.compile(r"^-?[0-9]{1,3}(\.[0-9]{1,6})?$")
CERTAINTIES = get_args(Certainty)
LEDGER_KINDS = get_args(LedgerKind)
LEDGER_STATUSES = get_args(LedgerStatus)
FILTER_NAMES = ("since", "until", "actor", "country", "dyad", "root", "certainty", "min_sources")
PAGE_FILTERS = ("cameo", "place")  # the dashboard's filters beyond those of `eventwire export`
MAX_PLACE = 200  # characters


class BadRequest(Exception):
    """A request the server understood but cannot answer as asked."""


@dataclass(frozen=True)
class Page:
    """Which slice of a listing to return."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0


def text(params: Mapping[str, str], name: str) -> str | None:
    """A parameter with surrounding space removed; empty counts as absent."""
    value = params.get(name, "").strip()
    return value or None


def integer(params: Mapping[str, str], name: str, low: int,
            high: int = MAX_OFFSET) -> int | None:  # fmt: skip
    """A whole number of ASCII digits between ``low`` and ``high``, or None when absent."""
    value = text(params, name)
    if value is None:
        return None
    if not DIGITS.match(value) or not low <= int(value) <= high:
        raise BadRequest(f"{name} must be a whole number between {low} and {high}, not {value!r}")
    return int(value)


def number(params: Mapping[str, str], name: str, low: float, high: float) -> float | None:
    """A decimal number (ASCII digits, at most six decimals) between ``low`` and ``high``."""
    value = text(params, name)
    if value is None:
        return None
    if not DECIMAL.match(value) or not low <= float(value) <= high:
        raise BadRequest(f"{name} must be a number between {low:g} and {high:g}, not {value!r}")
    return float(value)


def key(params: Mapping[str, str], name: str = "key") -> int:
    """A key in a path, such as ``/api/documents/{key}``."""
    found = integer(params, name, 0, MAX_KEY)
    if found is None:
        raise BadRequest(f"{name} must be a whole number")
    return found


def date(params: Mapping[str, str], name: str) -> str | None:
    value = text(params, name)
    problem = date_problem(value) if value is not None else None
    if problem:
        raise BadRequest(f"{name} {problem}")
    return value


def code(params: Mapping[str, str], name: str) -> str | None:
    """An actor or country code (or prefix), upper-cased."""
    value = text(params, name)
    if value is None:
        return None
    if not CODE.match(value.upper()):
        raise BadRequest(f"{name} must be an actor or country code such as VEN or USAGOV")
    return value.upper()


def choice(params: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str | None:
    value = text(params, name)
    problem = choice_problem(value, allowed) if value is not None else None
    if problem:
        raise BadRequest(f"{name} {problem}")
    return value


def dyad(params: Mapping[str, str]) -> tuple[str, str] | None:
    value = text(params, "dyad")
    if value is None:
        return None
    source, sep, target = value.upper().partition(":")
    if not sep or not CODE.match(source) or not CODE.match(target):
        raise BadRequest(f"dyad must be SOURCE:TARGET, e.g. USA:VEN, not {value!r}")
    return source, target


def dyads(values: list[str]) -> list[tuple[str, str]]:
    """Every ``dyad`` given (``?dyad=USA:VEN&dyad=COL:VEN``), each checked as :func:`dyad`."""
    return [pair for v in values if (pair := dyad({"dyad": v})) is not None]


def root(params: Mapping[str, str]) -> str | None:
    value = text(params, "root")
    if value is not None and not (DIGITS.match(value) and len(value) <= 2):
        raise BadRequest(f"root must be a CAMEO root code such as 13, not {value!r}")
    return value


def cameo(params: Mapping[str, str]) -> str | None:
    value = text(params, "cameo")
    if value is not None and not (DIGITS.match(value) and 2 <= len(value) <= 4):
        raise BadRequest(f"cameo must be a CAMEO code such as 112 or 0872, not {value!r}")
    return value


def place(params: Mapping[str, str]) -> str | None:
    value = text(params, "place")
    if value is not None and len(value) > MAX_PLACE:
        raise BadRequest(f"place must be a place name of at most {MAX_PLACE} characters")
    return value


def filters(params: Mapping[str, str]) -> Filters:
    """The same filters as `eventwire export`, and the dashboard's own two: ``cameo`` (a code
    or its prefix, picked in the codebook) and ``place`` (a place on the map)."""
    return Filters(
        since=date(params, "since"),
        until=date(params, "until"),
        actor=code(params, "actor"),
        country=code(params, "country"),
        dyad=dyad(params),
        root=root(params),
        certainty=choice(params, "certainty", CERTAINTIES),
        min_sources=integer(params, "min_sources", 1),
        cameo=cameo(params),
        place=place(params),
    )


def page(params: Mapping[str, str]) -> Page:
    limit = integer(params, "limit", 1, MAX_LIMIT)
    offset = integer(params, "offset", 0)
    return Page(limit=DEFAULT_LIMIT if limit is None else limit, offset=offset or 0)


def form_values(params: Mapping[str, str]) -> dict[str, str]:
    """The filter values as given, to fill a page's filter form again."""
    names = (*FILTER_NAMES, *PAGE_FILTERS, "q", "kind", "status", "period", "by")
    return {name: params.get(name, "") for name in names}
