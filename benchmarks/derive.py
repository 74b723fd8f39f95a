"""Incremental derivation against a full rebuild, side by side, on a large store.

    .venv/bin/python benchmarks/derive.py --db STORE [--events 1000000] [--new 100] [--repeat 5]
                                          [--full-repeat 3]

Writes STORE first unless it exists: the sample corpus (examples/corpus.jsonl), coded once,
copied until the store holds EVENTS events. Each copy moves the corpus's story to another pair
of countries (the two countries of the standoff, and the neighbour who offers talks) and
another date within ten years; pairs are drawn by a Zipf law, so that a few pairs hold much of
the store, as the news does. Then, REPEAT times, NEW documents (copies drawn the same way) are
written as ingestion writes them and the derived tables are made again for them alone
(:func:`eventwire.store.derive.update`), and FULL_REPEAT times they are all made again
(:func:`eventwire.store.derive.rebuild`, what every ingestion did before). Each figure is the
median of its runs. At the end the incremental tables are checked against a full rebuild's.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "examples" / "corpus.jsonl"
ROLES = ("USA", "VEN", "COL")  # the corpus's three countries, each given another
PAIRS = 3000


def coded_corpus() -> list[dict[str, Any]]:
    """The sample corpus coded once, as the store keeps it: results (as JSON) and texts."""
    from eventwire.readers import read_inputs
    from eventwire.runner import code_documents
    from eventwire.store.ingest import stored_options

    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in CORPUS.open()}
    results = code_documents(read_inputs([str(CORPUS)]), stored_options(None), 1, 16, "local")
    return [{"json": r.model_dump_json(by_alias=True), "text": texts[r.id],
             "events": len(r.events)} for r in results]  # fmt: skip


CODE = re.compile(r'"(code|country|from|to|id|outlet)":\s*"([^"]*)"')
DATE = re.compile(r'"(date|published|value)":\s*"(\d{4}(?:-\d{2}(?:-\d{2})?)?)')


def shifted(value: str, days: int) -> str:
    """An ISO date of any precision moved by ``days``."""
    if len(value) == 4:
        return str(int(value) + round(days / 365))
    if len(value) == 7:
        return (date(int(value[:4]), int(value[5:7]), 15) + timedelta(days=days)).isoformat()[:7]
    return (date.fromisoformat(value) + timedelta(days=days)).isoformat()


def moved(text: str, countries: dict[str, str], days: int, n: int) -> str:
    """A result (JSON) with its countries swapped, its dates moved and its ids made its own."""

    def code(m: re.Match) -> str:
        key, value = m.groups()
        if key == "id":
            return f'"id":"{value}-{n}"'
        if key == "outlet":
            return f'"outlet":"{value} {n % 60}"'
        return f'"{key}":"{countries.get(value[:3], value[:3])}{value[3:]}"'

    text = CODE.sub(code, text)
    return DATE.sub(lambda m: f'"{m[1]}":"{shifted(m[2], days)}', text)


def country_codes() -> list[str]:
    """The ISO 3166 countries eventwire knows, in code order."""
    from eventwire.countries import countries

    return sorted(countries())


class Copies:
    """Copies of the coded corpus, each in a triple of countries drawn by a Zipf law."""

    def __init__(self, corpus: list[dict[str, Any]], zipf: float, seed: int = 7) -> None:
        self.corpus, self.rng, self.n = corpus, random.Random(seed), 0
        triples, codes = set(), country_codes()
        while len(triples) < PAIRS:
            triples.add(tuple(self.rng.sample(codes, 3)))
        self.triples = sorted(triples)
        self.rng.shuffle(self.triples)
        self.weights = [1 / (rank + 1) ** zipf for rank in range(PAIRS)]

    def documents(self) -> Iterator[tuple[str, str, str]]:
        """(hash, text, result as JSON) of one document after another, copy after copy."""
        while True:
            (triple,) = self.rng.choices(self.triples, self.weights)
            countries = dict(zip(ROLES, triple, strict=True))
            days = self.rng.randrange(3650) - 1825
            self.n += 1
            for doc in self.corpus:
                result = moved(doc["json"], countries, days, self.n)
                yield f"copy-{self.n}-{hash(result)}", doc["text"], result


def write(conn: Any, docs: Iterator[tuple[str, str, str]], count: int) -> None:
    from eventwire.model import DocumentResult
    from eventwire.store.writer import Stored, write_batch

    batch = []
    for _ in range(count):
        digest, text, result = next(docs)
        batch.append(Stored(digest, "bench", text, DocumentResult.model_validate_json(result)))
        if len(batch) == 2000:
            write_batch(conn, batch)
            batch = []
    if batch:
        write_batch(conn, batch)


def events_of(conn: Any) -> int:
    return conn.execute("SELECT count(*) FROM events").fetchone()[0]


def build(db: Path, copies: Copies, events: int) -> None:
    from eventwire.store import open_store
    from eventwire.store.derive import rebuild

    conn = open_store(db)
    per_copy = sum(d["events"] for d in copies.corpus)
    docs = copies.documents()
    while (have := events_of(conn)) < events:
        needed = -(-(events - have) // per_copy) * len(copies.corpus)
        write(conn, docs, min(needed, 40_000))
        print(f"  {events_of(conn):,} events", file=sys.stderr, flush=True)
    rebuild(conn)
    conn.close()


def snapshot(conn: Any) -> tuple[list, list, list]:
    """The derived tables, to compare an incremental result with a full one."""
    return (
        conn.execute("SELECT * FROM incidents ORDER BY incident_key").fetchall(),
        conn.execute("SELECT * FROM incident_events ORDER BY event_key").fetchall(),
        conn.execute("SELECT * FROM ledger_history ORDER BY item_key, doc_key, ordinal").fetchall(),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--new", type=int, default=100, help="documents per ingestion")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--full-repeat", type=int, default=3)
    parser.add_argument("--zipf", type=float, default=0.5, help="the exponent of the Zipf law")
    args = parser.parse_args()

    from eventwire.store import open_store
    from eventwire.store.derive import rebuild, update

    copies = Copies(coded_corpus(), args.zipf)
    if not args.db.exists():
        started = time.perf_counter()
        build(args.db, copies, args.events)
        print(f"store written in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    copies.rng.seed(args.repeat * 1009 + events_of(open_store(args.db, readonly=True)))
    conn = open_store(args.db)
    incremental = []
    for _ in range(args.repeat):
        write(conn, copies.documents(), args.new)
        started = time.perf_counter()
        update(conn)
        incremental.append(time.perf_counter() - started)
    kept = snapshot(conn)
    full = []
    for _ in range(args.full_repeat):
        started = time.perf_counter()
        rebuild(conn)
        full.append(time.perf_counter() - started)
    same = snapshot(conn) == kept
    figures = {
        "events": events_of(conn),
        "documents": conn.execute("SELECT count(*) FROM documents").fetchone()[0],
        "incidents": conn.execute("SELECT count(*) FROM incidents").fetchone()[0],
        "new_documents": args.new,
        "incremental_s": [round(t, 2) for t in incremental],
        "incremental_median_s": round(statistics.median(incremental), 2),
        "full_s": [round(t, 1) for t in full],
        "full_median_s": round(statistics.median(full), 1),
        "incremental_equals_full": same,
    }
    conn.close()
    print(json.dumps(figures))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
