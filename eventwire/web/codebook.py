"""The codebook and the quick search: CAMEO event codes, quad classes, PLOVER types, country
and sector codes, and the actor codes of the store, with how many events use each.

Everything is read from the project's tables (``cameo/codes.tsv`` through
:mod:`eventwire.lexicon`, the country table, the sector nouns of the actor descriptions) and
counted in the store; nothing is copied.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from eventwire.countries import countries
from eventwire.lexicon import cameo_codes, cameo_roots, codes_named
from eventwire.web.names import actor_name, sector_names
from eventwire.web.reference import quad_classes
from eventwire.web.search import WORD

Row = dict[str, Any]
STORE_ACTORS = 500  # the codebook lists at most this many of the store's actor codes
PICKER_DYADS = 200  # the dyad picker offers at most this many country pairs
LOOKUP = 10  # the quick search's matches of each kind


def code_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Events per CAMEO code in the store (negated ones not counted)."""
    found = conn.execute("SELECT cameo, count(*) FROM events WHERE NOT negated GROUP BY cameo")
    return dict(found.fetchall())


def cameo_rows(counts: dict[str, int]) -> list[Row]:
    """Every CAMEO code with its name, Goldstein value, quad class, PLOVER type and count."""
    quads = quad_classes()
    return [
        {"code": c.code, "root": c.root, "name": c.name, "goldstein": c.goldstein,
         "quad_class": c.quad_class, "quad_name": quads[c.quad_class]["name"],
         "plover": c.plover, "plover_mode": c.plover_mode, "plover_context": c.plover_context,
         "description": c.description, "events": counts.get(c.code, 0)}
        for c in sorted(cameo_codes().values(), key=lambda c: (c.root, c.code))
    ]  # fmt: skip


def root_rows(cameo: list[Row]) -> list[Row]:
    """The 20 roots, each with its codes' events summed."""
    totals: dict[str, int] = {}
    for row in cameo:
        totals[row["root"]] = totals.get(row["root"], 0) + row["events"]
    return [{"root": r, "name": n, "events": totals.get(r, 0)} for r, n in cameo_roots().items()]


def plover_rows(cameo: list[Row]) -> list[Row]:
    """The PLOVER event types, each with the CAMEO codes that map to it and their events."""
    types: dict[str, Row] = {}
    for row in cameo:
        if row["plover"]:
            kind = types.setdefault(row["plover"], {"plover": row["plover"], "codes": [],
                                                    "events": 0})  # fmt: skip
            kind["codes"].append(row["code"])
            kind["events"] += row["events"]
    return sorted(types.values(), key=lambda t: t["plover"])


def country_rows(conn: sqlite3.Connection) -> list[Row]:
    """Every country code with its name and the events of its actors in the store."""
    found = conn.execute(
        "SELECT substr(code, 1, 3), sum(events) FROM actor_stats GROUP BY 1"
    ).fetchall()
    events = dict(found)
    return [{"code": c.iso3, "name": c.name, "events": events.get(c.iso3, 0)}
            for c in sorted(countries().values(), key=lambda c: c.iso3)]  # fmt: skip


def store_actor_rows(conn: sqlite3.Connection, limit: int = STORE_ACTORS) -> list[Row]:
    found = conn.execute(
        "SELECT code, name, events, documents FROM actor_stats "
        "ORDER BY events DESC, documents DESC, code LIMIT ?",
        (limit,),
    ).fetchall()
    return [{**dict(r), "label": actor_name(r["code"], r["name"])} for r in found]


def codebook(conn: sqlite3.Connection) -> Row:
    """The whole codebook, as the page and ``/api/codebook`` give it."""
    cameo = cameo_rows(code_counts(conn))
    quads = [{"quad_class": q, **v} for q, v in quad_classes().items()]
    sectors = [{"code": c, "name": n} for c, n in sorted(sector_names().items())]
    return {
        "cameo": cameo, "roots": root_rows(cameo), "quad_classes": quads,
        "plover": plover_rows(cameo),
        "countries": country_rows(conn), "sectors": sectors,
        "actors": store_actor_rows(conn),
    }  # fmt: skip


def pickers(conn: sqlite3.Connection) -> Row:
    """The choices of the event filters' pickers, busiest first, each with its name: the
    store's actor codes, the countries of its actors and its country pairs."""
    actors = [{"code": r["code"], "label": r["label"], "events": r["events"]}
              for r in store_actor_rows(conn)]  # fmt: skip
    busiest = sorted(country_rows(conn), key=lambda r: -r["events"])
    countries = [{"code": r["code"], "label": r["name"], "events": r["events"]}
                 for r in busiest if r["events"]]  # fmt: skip
    found = conn.execute(
        "SELECT source_country, target_country, events FROM dyad_totals "
        "WHERE source_country != target_country ORDER BY events DESC, 1, 2 LIMIT ?",
        (PICKER_DYADS,),
    ).fetchall()
    dyads = [{"code": f"{s}:{t}", "label": f"{actor_name(s)} → {actor_name(t)}", "events": n}
             for s, t, n in found]  # fmt: skip
    return {"actors": actors, "countries": countries, "dyads": dyads}


def words_match(words: list[str], *texts: str | None) -> bool:
    """Every word begins a word of one of the texts (in any case)."""
    known = [w for t in texts if t for w in WORD.findall(t.casefold())]
    return all(any(k.startswith(w) for k in known) for w in words)


def lookup(conn: sqlite3.Connection, query: str) -> Row:
    """The quick search's actors (by code, by the name a page gives them or a name found in
    the text) and event types (by code or name) that match the words of ``query``."""
    words = [w.casefold().rstrip("*") for w in WORD.findall(query)][:8]
    actors = []
    if words:
        for r in conn.execute("SELECT code, name, events FROM actor_stats ORDER BY events DESC"):
            label = actor_name(r["code"], r["name"])
            exact = len(words) == 1 and r["code"].casefold().startswith(words[0])
            if exact or words_match(words, label, r["name"]):
                actors.append({"code": r["code"], "label": label, "events": r["events"]})
            if len(actors) == LOOKUP:
                break
    counts = code_counts(conn) if words else {}
    named = {w for w in words if w.isdigit()} | set(codes_named(words))
    types = [r for r in cameo_rows(counts) if r["code"] in named][:LOOKUP]
    return {"query": query, "actors": actors, "event_types": types}
