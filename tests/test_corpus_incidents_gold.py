"""Incident clustering of the sample corpus against an analyst's grouping
(tests/data/corpus_gold.json): pairwise F1 over the coded mentions the gold names.

Each gold mention is a document, a quote from the sentence that reports the happening and the
CAMEO roots a coding of it may have (and, where one sentence reports two happenings of one
root, the source's country); a stored event is that mention when it comes from the
document, its evidence holds the quote and its code has one of the roots. Mentions the coder
did not code are left out of the score (the coding is measured elsewhere) and counted apart.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from eventwire.store import open_store
from eventwire.store.ingest import ingest

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "examples" / "corpus.jsonl"
GOLD = json.loads((HERE / "data" / "corpus_gold.json").read_text("utf-8"))["incidents"]
FLOOR = json.loads((HERE / "thresholds.json").read_text("utf-8"))["corpus_incidents"]


@pytest.fixture(scope="module")
def clusters(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[str, int]]:
    """Each stored event the gold names: (its gold incident, its incident in the store)."""
    db = tmp_path_factory.mktemp("gold") / "sample.sqlite"
    ingest([str(CORPUS)], db)
    conn = open_store(db, readonly=True)
    events = conn.execute(
        "SELECT e.event_key, d.id, e.text, e.root, e.source_country, ie.incident_key FROM events e "
        "JOIN documents d USING (doc_key) JOIN incident_events ie USING (event_key)"
    ).fetchall()
    conn.close()
    found = {}
    for key, document, text, root, country, incident in events:
        gold = gold_incident(document, text or "", root, country)
        if gold is not None:
            found[key] = (gold, incident)
    return found


def gold_incident(document: str, text: str, root: str, country: str | None) -> str | None:
    for incident in GOLD:
        for m in incident["mentions"]:
            if m["document"] != document or m["quote"] not in text or root not in m["roots"]:
                continue
            if m.get("source", country) == country:
                return incident["id"]
    return None


def pairwise(clusters: dict[int, tuple[str, int]]) -> tuple[float, float, float]:
    """Precision, recall and F1 over the pairs of mentions put in one incident."""
    tp = fp = fn = 0
    for (gold_a, sys_a), (gold_b, sys_b) in combinations(clusters.values(), 2):
        same_gold, same_sys = gold_a == gold_b, sys_a == sys_b
        tp += same_gold and same_sys
        fp += same_sys and not same_gold
        fn += same_gold and not same_sys
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall or 1)


def test_incident_clustering_pairwise_f1(clusters: dict[int, tuple[str, int]]) -> None:
    precision, recall, f1 = pairwise(clusters)
    print(f"incidents: {len(clusters)} mentions, P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    assert len(clusters) >= 40, "the coder finds too few of the gold mentions to score"
    assert f1 >= FLOOR["pairwise_f1"]


def test_no_incident_mixes_happenings_the_analyst_tells_apart(
    clusters: dict[int, tuple[str, int]],
) -> None:
    golds_of: dict[int, set[str]] = {}
    for gold, incident in clusters.values():
        golds_of.setdefault(incident, set()).add(gold)
    assert {k: g for k, g in golds_of.items() if len(g) > 1} == {}
