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


def test_what_only_may_happen_is_kept_apart_and_is_no_corroboration() -> None:
    ms = [
        mention(1, 1, "A", "2025-11-18", "2025-11-18", certainty="hypothetical"),
        mention(2, 2, "B", "2025-11-19", None, cameo="163", certainty="planned"),
        mention(3, 3, "C", "2025-11-20", None, cameo="138", certainty="hypothetical"),
        mention(4, 4, "D", "2025-11-18", "2025-11-18"),  # the call that did take place
    ]
    rows = {summary(i)["incident_key"]: summary(i) for i in merge(ms)}
    assert sorted(rows) == [1, 2, 3, 4]
    assert {k: r["status"] for k, r in rows.items()} == {
        1: "prospective",
        2: "prospective",
        3: "happened",  # a threat happens when it is made
        4: "happened",
    }
    assert rows[4]["outlets"] == 1


def test_dyad_series_counts_only_what_may_have_happened() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE events (source_country, target_country, source_code, target_code, date, "
        "goldstein, quad_class, negated, certainty, cameo, date_source, published, text)"
    )
    conn.execute(
        "CREATE TABLE incidents (source_country, target_country, source_code, target_code, date, "
        "status, killed, wounded)"
    )
    conn.execute(
        "INSERT INTO incidents VALUES "
        "('RUS', 'UKR', 'RUSMIL', 'UKR', '2025-11-20', 'happened', 4, 1)"
    )
    rows = [
        ("asserted", "190", 0),
        ("denied", "190", 0),
        ("hypothetical", "190", 0),
        ("planned", "190", 0),
        ("planned", "138", 0),
        ("asserted", "190", 1),
    ]
    conn.executemany(
        "INSERT INTO events VALUES ('RUS', 'UKR', 'RUSMIL', 'UKR', '2025-11-20', -10, 4, ?, ?, ?, "
        "'text', '2025-11-21', 'Russian forces shelled Kharkiv')",
        [(negated, certainty, cameo) for certainty, cameo, negated in rows],
    )
    (point,) = dyad_series(conn, "RUS", "UKR")
    assert point.events == 2 and point.quad == (0, 0, 0, 2)
    assert (point.killed, point.wounded) == (4, 1)  # the incident's count, not the reports' sum


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


# The cases of the sample corpus that were merged or split wrongly, in general form.


def keys(incidents: list) -> list[list[int]]:
    return sorted(sorted(m.event_key for m in i.mentions) for i in incidents)


def test_a_background_campaign_never_merges_with_the_current_one() -> None:
    ms = [
        Mention(1, 1, "A", "2025-11-28", "USAGOV", None, "130", "2025-11-28", "asserted",
                "The call came amid a four-month pressure campaign by Washington",
                date_source="published"),
        Mention(2, 2, "B", "2025-12-08", "USAGOV", None, "130", "2025-12-08", "asserted",
                "During Trump's first term, Washington pursued a maximum pressure campaign",
                date_source="published"),
    ]  # fmt: skip
    incidents = merge(ms)
    assert keys(incidents) == [[1], [2]]
    assert sorted(summary(i)["status"] for i in incidents) == ["background", "happened"]


def test_a_rejection_of_one_thing_does_not_merge_with_a_refusal_of_another() -> None:
    ms = [
        Mention(1, 1, "A", "2025-11-29", "VENGOV", None, "120", "2025-11-29", "asserted",
                "The foreign ministry said it rejected the declaration as a threat to sovereignty",
                date_source="published"),
        Mention(2, 2, "B", "2025-12-05", "VENGOV", None, "120", "2025-12-05", "reported",
                "He refused, the people said, and asked instead for an amnesty",
                date_source="published"),
        Mention(3, 3, "C", "2025-12-01", "VENGOV", "USAGOV", "1231", "2025-11-21", "reported",
                "Maduro declined to step down in a phone call on November 21"),
        Mention(4, 4, "D", "2025-11-30", "VENGOV", "USAGOV", "120", "2025-11-29", "asserted",
                "Caracas rejected the airspace declaration"),
    ]  # fmt: skip
    # the ministry's rejection names no target, and joins the one rejection of the declaration
    assert keys(merge(ms)) == [[1, 4], [2], [3]]


def test_a_demand_and_the_ultimatum_that_reports_it_are_one_incident() -> None:
    ms = [
        Mention(1, 1, "A", "2025-11-28", "USAGOV", "VENGOV", "1041", "2025-11-28", "reported",
                "During the call Trump demanded that Maduro step down and leave the country",
                date_source="published"),
        Mention(2, 2, "B", "2025-11-30", "USAGOV", "VENGOV", "139", "2025-11-30", "asserted",
                "People familiar with it said Trump had delivered an ultimatum",
                date_source="published"),
        Mention(3, 3, "C", "2025-12-05", "USAGOV", "VENGOV", "139", "2025-11", "asserted",
                "Two weeks ago, Maduro received an ultimatum from Trump to relinquish power"),
        Mention(4, 4, "D", "2025-12-10", "USAGOV", "VENGOV", "1041", "2025-12-10", "asserted",
                "In that call Trump demanded that Maduro resign and leave Venezuela",
                date_source="published"),
    ]  # fmt: skip
    assert keys(merge(ms)) == [[1, 2, 3, 4]]


def test_an_undated_report_joins_the_call_its_article_dates() -> None:
    ms = [
        mention(1, 1, "A", "2025-11-29", "2025-11-21", text="held a call eight days ago"),
        mention(2, 2, "B", "2025-12-10", "2025-11-21", text="spoke by phone on November 21"),
        Mention(3, 2, "B", "2025-12-10", "USAGOV", "VENGOV", "041", "2025-12-10", "asserted",
                "In that call Trump demanded that Maduro resign", date_source="published"),
        mention(4, 3, "C", "2025-12-09", "2025-12-08", text="a second call on Monday"),
    ]  # fmt: skip
    assert keys(merge(ms)) == [[1, 2, 3], [4]]


def test_an_undated_report_between_two_incidents_bridges_neither() -> None:
    ms = [
        mention(1, 1, "A", "2025-11-22", "2025-11-21"),
        mention(2, 2, "B", "2025-11-29", "2025-11-28", text="a second call"),
        Mention(3, 3, "C", "2025-11-30", "USAGOV", "VENGOV", "041", "2025-11-30", "asserted",
                "Trump and Maduro spoke by phone", date_source="published"),
        Mention(4, 4, "D", "2025-11-30", "USAGOV", "VENGOV", "041", "2025-11", "asserted",
                "Trump and Maduro spoke by phone this month"),
    ]  # fmt: skip
    assert keys(merge(ms)) == [[1], [2], [3], [4]]


def test_a_symmetric_event_counts_once_per_report() -> None:
    ms = [
        mention(1, 1, "A", "2025-11-29", "2025-11-21"),
        mention(2, 1, "A", "2025-11-29", "2025-11-21", source="VENGOV", target="USAGOV"),
        mention(3, 2, "B", "2025-11-30", "2025-11", cameo="040", text="Trump and Maduro spoke"),
        mention(
            4,
            2,
            "B",
            "2025-11-30",
            "2025-11",
            cameo="040",
            text="Trump and Maduro spoke",
            source="VENGOV",
            target="USAGOV",
        ),
    ]
    (incident,) = merge(ms)
    assert summary(incident)["mentions"] == 2 and summary(incident)["articles"] == 2


def test_breaking_reports_phrased_plainly_land_in_their_incident() -> None:
    ms = [
        mention(1, 1, "A", "2025-11-29", "2025-11-21", text="held a call eight days ago"),
        Mention(2, 2, "B", "2025-11-28", "USAGOV", "VENGOV", "041", "2025-11-28", "reported",
                "Trump and Maduro spoke by telephone last week", date_source="published"),
        Mention(3, 3, "C", "2025-12-01", "USAGOV", "VEN", "191", "2025-11-29", "asserted",
                "Two days ago, he declared Venezuelan airspace closed"),
        Mention(4, 4, "D", "2025-11-29", "USAGOV", "VEN", "191", "2025-11-29", "asserted",
                "Trump said the airspace should be considered closed", date_source="published"),
    ]  # fmt: skip
    assert keys(merge(ms)) == [[1, 2], [3, 4]]


def test_incidents_carry_the_best_supported_casualty_count_never_a_sum() -> None:
    strike = ("USAMIL", "VENCVL", "190", "2025-11-18", "asserted")
    ms = [
        Mention(1, 1, "A", "2025-11-19", *strike, "a strike killed three", killed=3),
        Mention(2, 2, "B", "2025-11-19", *strike, "the strike killed three", killed=3, wounded=2),
        Mention(3, 3, "C", "2025-11-20", *strike, "the strike killed four", killed=4),
    ]
    (incident,) = merge(ms)
    assert (summary(incident)["killed"], summary(incident)["wounded"]) == (3, 2)


def test_a_state_s_government_and_forces_are_one_party_but_its_opposition_is_not() -> None:
    ms = [
        mention(1, 1, "A", "2025-11-22", "2025-11-21", cameo="154", text="US forces deployed"),
        mention(2, 2, "B", "2025-11-22", "2025-11-21", cameo="154", source="USAMIL"),
        mention(3, 3, "C", "2025-11-22", "2025-11-21", cameo="154", target="VENOPP"),
    ]
    assert keys(merge(ms)) == [[1, 2], [3]]


def test_one_report_of_an_act_with_two_targets_is_one_incident() -> None:
    text = "Petro proposed Cartagena as a venue for talks between Maduro and the opposition"
    ms = [
        mention(1, 1, "A", "2025-12-03", "2025-12-03", "036", text, source="COLGOV"),
        mention(2, 1, "A", "2025-12-03", "2025-12-03", "036", text, "asserted", "COLGOV", "VENOPP"),
    ]  # fmt: skip
    (fused,) = merge(ms)
    assert summary(fused)["mentions"] == 1


def targetless(key: int, doc: int, published: str, text: str) -> Mention:
    return Mention(key, doc, "Z", published, "USA", None, "154", published, "asserted", text,
                   date_source="published")  # fmt: skip


def test_a_report_naming_no_target_joins_the_only_incident_of_its_act() -> None:
    named = mention(1, 1, "A", "2025-11-28", "2025-11-28", "154",
                    "The US military maintained its naval deployment in the Caribbean")  # fmt: skip
    late = targetless(2, 2, "2025-12-02", "The US naval deployment in the Caribbean continues")
    far = targetless(3, 3, "2026-03-02", "The US naval deployment in the Caribbean continues")
    other = targetless(4, 4, "2025-12-02", "The US deployed troops on its border")
    assert keys(merge([named, late, far, other])) == [[1, 2], [3], [4]]
    early = targetless(5, 5, "2025-11-26", "The US naval deployment in the Caribbean grew")
    (joined,) = [i for i in merge([named, early]) if len(i.mentions) == 2]
    assert summary(joined)["target_code"] == "VENGOV"


def test_a_report_naming_no_target_between_two_incidents_joins_neither() -> None:
    text = "The US naval deployment in the Caribbean continues"
    ms = [
        mention(1, 1, "A", "2025-11-28", "2025-11-28", "154", text),
        mention(2, 2, "B", "2025-11-28", "2025-11-28", "154", text, target="COLGOV"),
        targetless(3, 3, "2025-12-02", text),
    ]
    assert keys(merge(ms)) == [[1], [2], [3]]


def test_two_undated_reports_sharing_only_the_verb_of_the_act_stay_apart() -> None:
    ms = [
        Mention(1, 1, "A", "2025-12-02", "VENGOV", "USA", "112", "2025-12-02", "asserted",
                "Maduro accused the United States of trying to seize oil fields",
                date_source="published", target_name="United States"),
        Mention(2, 2, "B", "2025-12-06", "VENGOV", "USA", "112", "2025-12-06", "asserted",
                "Venezuelan officials accused the US of seeking regime change in the country",
                date_source="published", target_name="US"),
    ]  # fmt: skip
    assert keys(merge(ms)) == [[1], [2]]
