"""The Python API and the result model."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.model import DocumentError, DocumentResult, LedgerItem, to_json_dict
from eventwire.schema import document_schema, shipped_schema

TEXT = "The president of Brazil met the foreign minister of Argentina in Brasília on Monday."


def test_analyze_returns_a_result() -> None:
    result = eventwire.analyze(TEXT, published="2025-12-01", id="x")
    assert isinstance(result, DocumentResult)
    assert result.id == "x" and result.published == "2025-12-01"


def test_analyze_refuses_unusable_text() -> None:
    with pytest.raises(eventwire.EventwireError) as info:
        eventwire.analyze("   ")
    assert info.value.code == "E101"


def test_analyze_many_keeps_order_and_reports_errors() -> None:
    docs = [
        {"id": "a", "text": TEXT},
        {"id": "b"},
        {"id": "c", "text": TEXT, "published": "2025-01-02"},
    ]
    results = list(eventwire.analyze_many(docs))
    assert [r.id for r in results] == ["a", "b", "c"]
    assert isinstance(results[1], DocumentError) and results[1].error.startswith("E104")
    assert results[2].published == "2025-01-02"


def test_ledger_serialises_from_as_the_contract_spells_it() -> None:
    item = LedgerItem(kind="offer", from_="USAGOV", to="VENGOV", what="safe passage")
    data = to_json_dict(item)  # type: ignore[arg-type]
    assert data["from"] == "USAGOV" and "from_" not in data


def test_shipped_schema_matches_the_model() -> None:
    assert shipped_schema() == document_schema(), "run `make schema` to refresh the shipped schema"


def test_schema_describes_contract_fields() -> None:
    defs = document_schema()["$defs"]
    event = defs["Event"]["properties"]
    for field in (
        "source",
        "target",
        "cameo",
        "plover",
        "goldstein",
        "quad_class",
        "date",
        "location",
        "certainty",
        "attributed_to",
        "negated",
        "span",
        "trigger",
        "text",
    ):
        assert field in event
    assert "from" in defs["LedgerItem"]["properties"]
