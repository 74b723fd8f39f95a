"""The people (and bodies) the actor dictionaries give an actor code, with their dated roles:
VENGOV's presidents, vice presidents and ministers, each role with its start and end.

Read from the built-in knowledge base (``data/actors/people.yaml``, ``leaders.yaml``,
``organisations.yaml``); a store coded with user dictionaries may know more names than these.
"""

from __future__ import annotations

import threading
from datetime import date
from functools import lru_cache
from typing import Any

from eventwire.actors.kb import KBEntry, Role, load_kb

Row = dict[str, Any]
MAX_PEOPLE = 60  # an actor page lists at most this many


@lru_cache(maxsize=1)
def holders() -> dict[str, tuple[KBEntry, ...]]:
    """Every actor code of a role, with the entries that hold or held it."""
    found: dict[str, list[KBEntry]] = {}
    for entry in load_kb().entries.values():
        for code in {role.code for role in entry.roles}:
            found.setdefault(code, []).append(entry)
    return {code: tuple(entries) for code, entries in found.items()}


def warm() -> None:
    """Read the knowledge base in the background, so that the first actor page is quick."""
    threading.Thread(target=holders, name="people", daemon=True).start()


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def role_row(role: Role) -> Row:
    return {"title": role.title, "start": day(role.start), "end": day(role.end)}


def person_row(entry: KBEntry, code: str, named: set[str]) -> Row:
    roles = sorted((r for r in entry.roles if r.code == code),
                   key=lambda r: r.start or date.min, reverse=True)  # fmt: skip
    names = {entry.name.casefold(), *(a.casefold() for a in entry.aliases)}
    return {
        "name": entry.name, "kind": entry.kind, "roles": [role_row(r) for r in roles],
        "current": any(r.end is None for r in roles), "named": bool(names & named),
    }  # fmt: skip


def people(code: str, named: list[str]) -> list[Row]:
    """The entries with a role of ``code``: those named in the store first, then those still
    in the role, then by their latest role's start."""
    seen = {n.casefold() for n in named}
    rows = [person_row(e, code, seen) for e in holders().get(code, ())]
    rows.sort(key=lambda r: (r["roles"][0]["start"] or "") if r["roles"] else "", reverse=True)
    rows.sort(key=lambda r: (not r["named"], not r["current"]))  # stable: latest first within
    return rows[:MAX_PEOPLE]
