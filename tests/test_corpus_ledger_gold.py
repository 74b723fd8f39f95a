"""The ledger across the sample corpus, scored against an analyst's reading of the articles
(``tests/data/corpus_gold.json``, key "ledger"): items by kind, direction and content, their
final status, the documents that report them, and no fragment as content.

The floors are in ``thresholds.json`` under "corpus_ledger" and only rise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ledger_gold import Predicted, Scores, score

import eventwire
from eventwire.corpus.ledger import merge_reports, report_of

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "examples" / "corpus.jsonl"
GOLD = json.loads((HERE / "data" / "corpus_gold.json").read_text(encoding="utf-8"))["ledger"]
FLOORS = json.loads((HERE / "thresholds.json").read_text(encoding="utf-8"))["corpus_ledger"]


def corpus_ledger() -> list[Predicted]:
    """The sample corpus coded document by document, its ledger merged across documents."""
    documents = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    reports, ids = [], {}
    for key, doc in enumerate(documents):
        ids[key] = doc["id"]
        result = eventwire.analyze(doc["text"], published=doc.get("published"), id=doc["id"])
        reports += [report_of(key, n, doc.get("published"), i) for n, i in enumerate(result.ledger)]
    return [
        Predicted(
            kind=item.head.kind,
            from_code=item.head.from_code,
            to_code=item.head.to_code,
            content=item.head.what,
            status=item.status,
            documents=frozenset(ids[r.doc_key] for r in item.reports),
        )
        for item in merge_reports(reports)
    ]


@pytest.fixture(scope="module")
def scores() -> Scores:
    return score(GOLD, corpus_ledger())


def test_ledger_items_match_the_analysts_items(scores: Scores) -> None:
    detail = f"missed {scores.missed}; spurious {scores.spurious}"
    assert scores.f1 >= FLOORS["items_f1"], detail


def test_final_statuses_follow_the_later_reports(scores: Scores) -> None:
    assert scores.status_accuracy >= FLOORS["status_accuracy"]


def test_items_gather_the_documents_that_report_them(scores: Scores) -> None:
    assert scores.document_recall >= FLOORS["document_recall"]


def test_no_fragment_is_an_items_content(scores: Scores) -> None:
    assert scores.fragments == []
