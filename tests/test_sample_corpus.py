"""The sample corpus through the whole system: stored, merged into incidents, the ledger
followed from article to article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.corpus.exports import Filters, rows
from eventwire.store import open_store
from eventwire.store.ingest import ingest

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus.jsonl"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    stats = ingest([str(CORPUS)], db)
    assert stats.failed == 0 and stats.stored == len(CORPUS.read_text().splitlines())
    return db


def test_reports_from_several_outlets_merge_into_incidents(store: Path) -> None:
    conn = open_store(store, readonly=True)
    incidents = list(rows(conn, "incidents", Filters(min_sources=2)))
    assert incidents, "no incident is corroborated by two outlets"
    closure = [i for i in incidents if i["root"] == "19" and i["source_country"] == "USA"]
    assert closure and closure[0]["outlets"] >= 2 and closure[0]["target_country"] == "VEN"


def test_unrelated_report_does_not_merge_with_the_standoff(store: Path) -> None:
    conn = open_store(store, readonly=True)
    mixed = conn.execute(
        "SELECT ie.incident_key FROM incident_events ie JOIN events e USING (event_key) "
        "JOIN documents d USING (doc_key) GROUP BY ie.incident_key "
        "HAVING sum(d.id LIKE '%honduras%') > 0 AND sum(d.id NOT LIKE '%honduras%') > 0"
    ).fetchall()
    assert mixed == []


def test_a_demand_is_followed_to_its_answer_in_a_later_article(store: Path) -> None:
    conn = open_store(store, readonly=True)
    ledger = list(rows(conn, "ledger", Filters(dyad=("USA", "VEN"))))
    answered = [
        item
        for item in ledger
        if item["kind"] in ("demand", "ultimatum")
        and item["status"] == "rejected"
        and len({h["published"] for h in json.loads(item["history"])}) >= 2
    ]
    assert answered, [(i["kind"], i["what"], i["status"], i["history"]) for i in ledger]


def test_the_stored_ledger_has_one_item_per_demand_and_whole_phrases(store: Path) -> None:
    conn = open_store(store, readonly=True)
    ledger = list(rows(conn, "ledger", Filters(dyad=("USA", "VEN"))))
    demands = [i for i in ledger if i["kind"] in ("demand", "ultimatum")]
    assert len(demands) == 1, [(i["kind"], i["what"]) for i in demands]
    assert all(len(i["what"].split()) > 1 for i in ledger), [i["what"] for i in ledger]


def test_dyad_table_series_and_exports_count_the_same_events(store: Path) -> None:
    from eventwire.corpus.series import series_answer
    from eventwire.web import queries

    conn = open_store(store, readonly=True)
    table = {(d["source"], d["target"]): d["events"] for d in queries.dyads(conn)}
    series = series_answer(conn, "USA", "VEN")
    exported = [
        e
        for e in rows(conn, "events", Filters(dyad=("USA", "VEN")))
        if e["in_series"] and e["source_country"] == "USA" and e["target_country"] == "VEN"
    ]
    assert table[("USA", "VEN")] == sum(p["events"] for p in series["points"]) == len(exported)
    days = [p["period"] for p in series["points"]]
    assert days == sorted(days) and len(days) > len({e["date"] for e in exported})  # zeros too
    assert not series["escalation"]["enough_data"] and series["escalation"]["z"] is None


def test_a_possible_call_is_kept_but_counts_nowhere(store: Path) -> None:
    conn = open_store(store, readonly=True)
    possible = [i for i in rows(conn, "incidents", Filters()) if i["status"] == "prospective"]
    assert possible and all(i["cameo"].startswith("04") for i in possible)
    events = list(rows(conn, "events", Filters(certainty="hypothetical")))
    assert events and not any(e["in_series"] for e in events)
