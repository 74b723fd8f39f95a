"""Merging event mentions into incidents, and ledger items across articles."""

from __future__ import annotations

import sqlite3

from eventwire.corpus.incidents import Mention, confidence, merge, summary
from eventwire.corpus.ledger import Report, merge_reports
from eventwire.corpus.series import dyad_series


def mention(
    key: int,
    doc: int,
    outlet: str,
    published: str,
    date: str | None,
    cameo: str = "041",
    text: str = "Trump and Maduro spoke by phone",
    certainty: str = "asserted",
    source: str = "USAGOV",
    target: str = "VENGOV",
) -> Mention:
    return Mention(key, doc, outlet, published, source, target, cameo, date, certainty, text)


def test_reports_of_one_call_merge_into_one_incident() -> None:
    ms = [
        mention(1, 1, "Harbor Times", "2025-11-22", "2025-11-21"),
        mention(
            2, 2, "Andes Wire", "2025-11-23", "2025-11-21", text="a phone call between the leaders"
        ),
        mention(
            3, 3, "Caribbean Ledger", "2025-11-28", None, cameo="040", text="the call with Maduro"
        ),
    ]
    (incident,) = merge(ms)
    row = summary(incident)
    assert (row["mentions"], row["articles"], row["outlets"]) == (3, 3, 3)
    assert row["date"] == "2025-11-21" and row["cameo"] == "041"
    assert row["first_report"] == "2025-11-22" and row["last_report"] == "2025-11-28"


def test_different_dyads_codes_or_dates_split() -> None:
    ms = [
        mention(1, 1, "A", "2025-11-22", "2025-11-21"),
        mention(2, 2, "B", "2025-11-22", "2025-11-21", source="COLGOV"),  # other dyad
        mention(3, 3, "C", "2025-11-22", "2025-11-21", cameo="112", text="accused the US"),
        mention(4, 4, "D", "2025-12-09", "2025-12-08"),  # a second call, weeks later
        mention(5, 5, "E", "2025-11-22", "2025-11", text="spoke by phone in November"),
    ]
    incidents = merge(ms)
    groups = sorted(sorted(m.event_key for m in i.mentions) for i in incidents)
    assert groups == [[1, 5], [2], [3], [4]]


def test_undated_report_joins_only_within_its_window() -> None:
    early = mention(1, 1, "A", "2025-11-22", "2025-11-21")
    late = mention(2, 2, "B", "2026-01-30", None)
    assert len(merge([early, late])) == 2


def test_confidence_rises_with_independent_outlets_and_falls_with_hedging() -> None:
    one = confidence([mention(1, 1, "A", "2025-11-22", None)])
    same_outlet = confidence(
        [mention(1, 1, "A", "2025-11-22", None), mention(2, 2, "A", "2025-11-23", None)]
    )
    two = confidence(
        [mention(1, 1, "A", "2025-11-22", None), mention(2, 2, "B", "2025-11-23", None)]
    )
    alleged = confidence([mention(1, 1, "A", "2025-11-22", None, certainty="alleged")])
    assert alleged < one == same_outlet < two < 1.0


def report(doc: int, published: str, kind: str, status: str, what: str) -> Report:
    return Report(doc, 0, published, kind, "USAGOV", "VENGOV", what, None, status)


def test_a_demand_and_its_later_rejection_are_one_ledger_item() -> None:
    items = merge_reports(
        [
            report(2, "2025-11-28", "demand", "rejected", "Maduro must resign and leave Venezuela"),
            report(
                1, "2025-11-22", "ultimatum", "open", "Maduro should leave Venezuela immediately"
            ),
            report(3, "2025-11-25", "offer", "open", "safe passage for Maduro and his family"),
        ]
    )
    demand = next(i for i in items if i.reports[0].kind == "ultimatum")
    assert [r.doc_key for r in demand.reports] == [1, 2]
    assert demand.status == "rejected"
    assert len(items) == 2


def test_symmetric_codes_merge_across_directions_and_plans_stay_apart() -> None:
    ms = [
        mention(1, 1, "A", "2025-11-22", "2025-11-21"),
        mention(2, 1, "A", "2025-11-22", "2025-11-21", source="VENGOV", target="USAGOV"),
        mention(
            3,
            2,
            "B",
            "2025-11-18",
            "2025-11-18",
            cameo="036",
            certainty="planned",
            text="Trump said he would speak with Maduro",
        ),
    ]
    groups = sorted(sorted(m.event_key for m in i.mentions) for i in merge(ms))
    assert groups == [[1, 2], [3]]


def test_what_only_may_happen_is_no_incident() -> None:
    ms = [
        mention(1, 1, "A", "2025-11-18", "2025-11-18", certainty="hypothetical"),
        mention(2, 2, "B", "2025-11-19", None, cameo="163", certainty="planned"),
        mention(3, 3, "C", "2025-11-20", None, cameo="138", certainty="hypothetical"),
    ]
    assert [[m.event_key for m in i.mentions] for i in merge(ms)] == [[3]]  # the threat


def test_dyad_series_counts_only_what_may_have_happened() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE events (source_country, target_country, source_code, target_code, date, "
        "goldstein, quad_class, negated, certainty, cameo)"
    )
    rows = [
        ("asserted", "190", 0),
        ("hypothetical", "190", 0),
        ("planned", "190", 0),
        ("planned", "138", 0),
        ("asserted", "190", 1),
    ]
    conn.executemany(
        "INSERT INTO events VALUES ('RUS', 'UKR', 'RUSMIL', 'UKR', '2025-11-20', -10, 4, ?, ?, ?)",
        [(negated, certainty, cameo) for certainty, cameo, negated in rows],
    )
    (point,) = dyad_series(conn, "RUS", "UKR")
    assert point.events == 2 and point.quad == (0, 0, 0, 2)


def test_non_symmetric_codes_keep_their_direction() -> None:
    ms = [
        mention(1, 1, "A", "2025-11-22", "2025-11-21", cameo="112", text="accused Venezuela"),
        mention(
            2,
            2,
            "B",
            "2025-11-22",
            "2025-11-21",
            cameo="112",
            text="accused Venezuela",
            source="VENGOV",
            target="USAGOV",
        ),
    ]
    assert len(merge(ms)) == 2
