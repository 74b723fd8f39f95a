"""The aggregates the writer keeps, and the listings read from them, answer as the direct queries
over the stored rows do: after each incremental write, after a write of documents already
stored, after a rebuild, and after the migration of a store from before them."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from eventwire.corpus.exports import Filters, where
from eventwire.corpus.incidents import happened_sql
from eventwire.corpus.series import country_series, dyad_series
from eventwire.model import DocumentResult
from eventwire.store import open_store
from eventwire.store.aggregates import TABLES
from eventwire.store.db import migrations, split_sql
from eventwire.store.derive import rebuild, rebuild_aggregates
from eventwire.store.status import summarise
from eventwire.store.writer import Stored, begin, write_batch
from eventwire.web import queries
from eventwire.web.params import Page
from eventwire.web.search import fts_query

# Codes in either case, codes of other lengths and no code at all: the filters on the first
# three letters must treat each as the direct queries do.
ACTORS = [
    ("USAGOV", "USA"), ("VENGOV", "VEN"), ("COLGOV", "COL"), ("VENOPP", "VEN"),
    ("usaMIL", "USA"), ("IGO", None), ("VE", "VEN"), (None, None),
]  # fmt: skip
CAMEOS = ["010", "042", "051", "112", "130", "138", "163", "190"]
CERTAINTIES = ["asserted", "asserted", "reported", "planned", "hypothetical"]
WORDS = ["talks", "navy", "oil", "amnesty", "border"]


def result(i: int, rng: random.Random) -> DocumentResult:
    """A document result of one to four events, with what the store must count or leave out:
    negated events, plans, undated events and documents, events with no Goldstein score."""
    published = None if i % 11 == 0 else f"2025-11-{1 + i % 9:02d}"
    events = []
    for n in range(1 + i % 4):
        (sc, sk), (tc, tk) = rng.sample(ACTORS, 2)
        day = rng.choice([None, "2025-11", f"2025-11-{rng.randint(1, 9):02d}",
                          f"2025-11-{rng.randint(1, 9):02d}"])  # fmt: skip
        events.append({
            "source": sc and {"text": sc, "code": sc, "country": sk},
            "target": tc and {"text": tc, "code": tc, "country": tk},
            "cameo": rng.choice(CAMEOS),
            "goldstein": rng.choice([None, rng.uniform(-10, 7), rng.uniform(-10, 7)]),
            "quad_class": rng.choice([None, 1, 2, 3, 4]),
            "date": day,
            "certainty": rng.choice(CERTAINTIES),
            "negated": rng.random() < 0.15,
            "span": [0, 10], "trigger": [0, 4],
            "text": f"Evidence {n} of {i} on {rng.choice(WORDS)} and {rng.choice(WORDS)}.",
        })  # fmt: skip
    ledger = [{"kind": ["demand", "offer", "threat"][i // 3 % 3], "from": "USAGOV",
               "to": ["VENGOV", "COLGOV"][i // 9 % 2], "what": "talks"}]  # fmt: skip
    attribution = {"source": {"text": "Officials"}, "cue": None, "kind": "indirect",
                   "content": {"text": "it was so", "spans": [[0, 5]]}}  # fmt: skip
    return DocumentResult.model_validate({
        "id": f"d{i}", "published": published, "outlet": None if i % 5 == 0 else f"O{i % 4}",
        "title": f"Report {i}", "events": events, "ledger": ledger if i % 3 == 0 else [],
        "attributions": [attribution] * (i % 3),
    })  # fmt: skip


def batch(start: int, count: int, seed: int = 7) -> list[Stored]:
    rng = random.Random(seed + start)
    return [
        Stored(f"h{i}", "test", f"Report {i} on {WORDS[i % 5]} and {WORDS[(i * 3) % 5]}.",
               result(i, rng))
        for i in range(start, start + count)
    ]  # fmt: skip


def aggregates(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every aggregate table's rows in order, sums rounded against the order of addition."""
    out = {}
    for table in TABLES:
        rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        rounded = [tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in rows]
        out[table] = sorted(rounded, key=repr)
    return out


def recounted(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """The aggregates a recount from the stored rows gives (the store is left as it was)."""
    begin(conn)
    try:
        rebuild_aggregates(conn)
        return aggregates(conn)
    finally:
        conn.execute("ROLLBACK")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("aggregates") / "s.sqlite"
    conn = open_store(db)
    write_batch(conn, batch(0, 60))
    rebuild(conn)
    write_batch(conn, batch(60, 60))
    rebuild(conn)
    conn.close()
    return db


def test_the_writer_keeps_the_counts_as_a_recount_finds_them(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "s.sqlite")
    for start in (0, 25, 50):
        write_batch(conn, batch(start, 25))
        assert aggregates(conn) == recounted(conn)
    before = aggregates(conn)
    assert ("incidents", 0) in before["totals"]
    written = write_batch(conn, batch(25, 25))  # all of them stored already
    assert written.present == 25 and aggregates(conn) == before
    rebuild(conn)  # makes the incidents, and counts them
    incidents = conn.execute("SELECT count(*) FROM incidents").fetchone()[0]
    after = aggregates(conn)
    assert ("incidents", incidents) in after["totals"] and incidents > 0
    assert dict(after["totals"]) == {**dict(before["totals"]), "incidents": incidents}
    assert {**after, "totals": []} == {**before, "totals": []}


def test_the_kept_counts_are_what_the_direct_queries_count(store: Path) -> None:
    conn = open_store(store, readonly=True)
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    summary = summarise(conn)
    assert summary["documents"] == one("SELECT count(*) FROM documents") == 120
    assert summary["events"] == one("SELECT count(*) FROM events WHERE NOT negated")
    assert summary["attributions"] == one("SELECT count(*) FROM attributions") > 0
    assert summary["ledger_reports"] == one("SELECT count(*) FROM ledger") > 0
    assert summary["ledger_items"] == one("SELECT count(*) FROM ledger_items") > 0
    assert summary["outlets"] == one("SELECT count(DISTINCT outlet) FROM documents") == 4
    assert summary["published"] == list(
        conn.execute("SELECT min(published), max(published) FROM documents").fetchone()
    )
    direct = conn.execute(
        "SELECT source_country, target_country, count(*), round(avg(goldstein), 2), max(date) "
        f"FROM events WHERE NOT negated AND {happened_sql()} AND source_country IS NOT NULL "
        "AND target_country IS NOT NULL AND source_country != target_country "
        "AND length(date) = 10 GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 8"
    ).fetchall()
    assert [tuple(d.values())[:5] for d in queries.dyads(conn)] == [tuple(r) for r in direct]
    overview = queries.overview(conn)
    assert overview["incidents"] == one("SELECT count(*) FROM incidents") > 0
    assert overview["dyads"] == queries.dyads(conn) and len(overview["dyads"]) == 6


def same_points(a: list, b: list) -> bool:
    return [(p.period, p.events, p.quad) for p in a] == [
        (p.period, p.events, p.quad) for p in b
    ] and all(abs(p.goldstein_sum - q.goldstein_sum) < 1e-9 for p, q in zip(a, b, strict=True))


def test_country_series_are_the_series_of_the_events(store: Path) -> None:
    conn = open_store(store, readonly=True)
    pairs = conn.execute("SELECT DISTINCT source_country, target_country FROM events").fetchall()
    assert len(pairs) > 5
    for source, target in pairs:
        if source is None or target is None:
            continue
        for period in ("day", "week"):
            direct = dyad_series(conn, source, target, period)
            assert same_points(country_series(conn, source, target, period), direct)
        assert same_points(country_series(conn, source, target, start="2025-11-03",
                                          end="2025-11-06"),
                           dyad_series(conn, source, target, start="2025-11-03",
                                       end="2025-11-06"))  # fmt: skip
    assert queries.series(conn, "USA", "VEN")["points"]


def direct_events(conn: sqlite3.Connection, f: Filters, page: Page,
                  query: str | None) -> tuple[int, list[int]]:  # fmt: skip
    """The total and the page of an event listing, as the listing read them before the
    aggregates: every match counted, every match sorted."""
    conditions, params = where("events", f)
    if query:
        conditions += (
            " AND e.event_key IN (SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH :q)"
        )
        params["q"] = fts_query(query)
    total = conn.execute(f"SELECT count(*) FROM events e WHERE NOT e.negated{conditions}",
                         params).fetchone()[0]  # fmt: skip
    keys = conn.execute(
        "SELECT e.event_key FROM events e JOIN documents d USING (doc_key) "
        f"WHERE NOT e.negated{conditions} "
        "ORDER BY coalesce(e.date, d.published), d.published, e.event_key "
        "LIMIT :limit OFFSET :offset",
        {**params, "limit": page.limit, "offset": page.offset},
    )
    return total, [k for (k,) in keys]


EVENT_FILTERS = [
    Filters(), Filters(country="VEN"), Filters(country="USA"), Filters(country="VE"),
    Filters(country="IGO"), Filters(dyad=("USA", "VEN")), Filters(dyad=("VEN", "USA")),
    Filters(dyad=("USAGOV", "VEN")), Filters(dyad=("VENOPP", "COLGOV")),
    Filters(dyad=("US", "VE")), Filters(actor="VEN"), Filters(actor="USAGOV"), Filters(actor="V"),
    Filters(country="VEN", since="2025-11-03", until="2025-11-06"), Filters(until="2025-11"),
    Filters(dyad=("USA", "VEN"), since="2025-11-02"), Filters(country="VEN", root="13"),
    Filters(country="USA", dyad=("USA", "COL")), Filters(certainty="planned", country="COL"),
]  # fmt: skip


@pytest.mark.parametrize("f", EVENT_FILTERS, ids=str)
@pytest.mark.parametrize("query", [None, "talks"])
def test_event_listings_answer_as_the_direct_queries(store: Path, f: Filters,
                                                     query: str | None) -> None:  # fmt: skip
    conn = open_store(store, readonly=True)
    for page in (Page(limit=50), Page(limit=7, offset=5), Page(limit=10, offset=40)):
        out = queries.events(conn, f, page, query)
        total, keys = direct_events(conn, f, page, query)
        assert (out["total"], [r["id"] for r in out["rows"]]) == (total, keys)
    assert query or f.dyad == ("US", "VE") or total > 0


def unlike_their_documents(conn: sqlite3.Connection) -> int:
    """Events whose publication date is not their document's."""
    return conn.execute(
        "SELECT count(*) FROM events e JOIN documents d USING (doc_key) "
        "WHERE e.published IS NOT d.published"
    ).fetchone()[0]


def test_the_event_rows_carry_their_documents_dates(store: Path) -> None:
    conn = open_store(store, readonly=True)
    assert unlike_their_documents(conn) == 0


@pytest.mark.parametrize("scope", ["documents", "evidence"])
@pytest.mark.parametrize("words", ["talks", "oil navy", "border*"])
def test_searches_rank_as_the_direct_query(store: Path, scope: str, words: str) -> None:
    conn = open_store(store, readonly=True)
    fts, key = ("documents_fts", "doc_key") if scope == "documents" else ("evidence_fts", "rowid")
    direct = [k for (k,) in conn.execute(
        f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY bm25({fts}), rowid",
        (fts_query(words),),
    )]  # fmt: skip
    assert len(direct) > 10, key
    for page in (Page(limit=50), Page(limit=6, offset=4)):
        out = queries.search(conn, words, scope, page)
        column = "key" if scope == "documents" else "id"
        assert out["total"] == len(direct)
        assert [r[column] for r in out["rows"]] == direct[page.offset : page.offset + page.limit]
        assert all(any(p["marks"] for p in r["snippet"]) for r in out["rows"])


def test_document_incident_and_ledger_listings_count_every_row(store: Path) -> None:
    conn = open_store(store, readonly=True)
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    documents = queries.documents(conn, Filters(), Page(limit=5, offset=3))
    assert documents["total"] == 120 and len(documents["rows"]) == 5
    incidents = queries.incidents(conn, Filters(), Page(limit=5))
    assert incidents["total"] == one("SELECT count(*) FROM incidents")
    ledger = queries.ledger(conn, Filters(), Page(limit=2, offset=1))
    assert ledger["total"] == one("SELECT count(*) FROM ledger_items") > 2
    direct = [k for (k,) in conn.execute(
        "SELECT item_key FROM ledger_items ORDER BY last_report DESC, item_key LIMIT 2 OFFSET 1"
    )]  # fmt: skip
    assert [r["id"] for r in ledger["rows"]] == direct and ledger["rows"][0]["history"]


OLD_TABLES = (
    "documents", "errors", "events", "attributions", "ledger", "actors", "incidents",
    "incident_events", "ledger_items", "ledger_history", "dyad_days", "actor_stats",
)  # fmt: skip


def old_store(source: Path, target: Path, version: int) -> None:
    """A store of schema ``version`` holding the rows of ``source``, as an older eventwire
    would have written them."""
    conn = sqlite3.connect(target, isolation_level=None)
    for v, sql in migrations():
        if v <= version:
            for statement in split_sql(sql):
                conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("ATTACH ? AS new", (str(source),))
    for table in OLD_TABLES:
        columns = [r[1] for r in conn.execute(f"PRAGMA main.table_info({table})")]
        if columns:
            names = ", ".join(columns)
            conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM new.{table}")
    conn.execute("DETACH new")
    conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO evidence_fts (evidence_fts) VALUES ('rebuild')")
    conn.close()


@pytest.mark.parametrize("version", [3, 4])
def test_an_older_store_gets_the_counts_as_it_migrates(store: Path, tmp_path: Path,
                                                           version: int) -> None:  # fmt: skip
    old = tmp_path / "old.sqlite"
    old_store(store, old, version)
    migrated = open_store(old)
    written = open_store(store, readonly=True)
    assert aggregates(migrated) == aggregates(written)
    assert queries.overview(migrated) == queries.overview(written)
    assert unlike_their_documents(migrated) == 0
    for f in (Filters(country="VEN"), Filters(dyad=("USA", "VEN"))):
        page = Page(limit=10, offset=3)
        assert queries.events(migrated, f, page) == queries.events(written, f, page)
