"""Time expressions: recognition, TIMEX3 values, anchoring, and the event date conversion."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from eventwire.model import Timex
from eventwire.timex import event_date, find_timexes
from eventwire.timex.rules import load_rules

PUBLISHED = date(2025, 12, 1)  # a Monday


@pytest.fixture(scope="module")
def timexes(nlp: Language):
    """timexes(text, published=PUBLISHED) -> {text: (type, value, anchored)}."""

    def run(text: str, published: date | None = PUBLISHED) -> dict[str, tuple[str, str, bool]]:
        found = find_timexes(nlp(text), published)
        return {t.text: (t.type, t.value, t.anchored) for t in found}

    return run


def value_of(found: dict[str, tuple[str, str, bool]], text: str) -> str:
    assert text in found, f"{text!r} not found in {sorted(found)}"
    return found[text][1]


# ------------------------------------------------------------------ absolute and partial dates


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The call took place on Nov. 21, 2025, officials said.", "Nov. 21, 2025", "2025-11-21"),
        ("He arrived on 21 November 2025 in Caracas.", "21 November 2025", "2025-11-21"),
        ("Jan Smith wrote on 3 Dec 2024 in the Sun.", "3 Dec 2024", "2024-12-03"),
        ("Maduro has ruled since 2013.", "2013", "2013"),
        ("Prices rose in November 2025.", "November 2025", "2025-11"),
        ("The economy collapsed in the 1990s.", "the 1990s", "199"),
        ("Elections are due by mid-2024.", "mid-2024", "2024"),
        ("The treaty dates from the 11th century.", "the 11th century", "10"),
        ("Profits fell in the third quarter.", "the third quarter", "2025-Q3"),
        ("Sales rose in the first half of 2024.", "the first half of 2024", "2024-H1"),
        ("The law was passed in the summer of 2019.", "the summer of 2019", "2019-SU"),
        ("It happened in nineteen ninety-six.", "nineteen ninety-six", "1996"),
    ],
)
def test_absolute_dates(timexes, sentence: str, expression: str, value: str) -> None:
    found = timexes(sentence)
    assert value_of(found, expression) == value
    assert found[expression][0] == "DATE"


def test_month_and_day_without_year_take_the_publication_year(timexes) -> None:
    found = timexes("The call took place on November 21.")
    assert found["November 21"] == ("DATE", "2025-11-21", True)


def test_month_without_year_looks_ahead_when_the_clause_is_about_the_future(timexes) -> None:
    found = timexes("The envoy will travel to Caracas in March.", date(2025, 10, 2))
    assert value_of(found, "March") == "2026-03"
    found = timexes("The envoy travelled to Caracas in March.", date(2025, 10, 2))
    assert value_of(found, "March") == "2025-03"


def test_may_the_verb_is_not_a_month(timexes) -> None:
    assert "May" not in timexes("May I ask a question? Officials may resign.")


# ------------------------------------------------------------------ relative dates


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Officials met yesterday.", "yesterday", "2025-11-30"),
        ("The minister speaks today.", "today", "2025-12-01"),
        ("The talks resume tomorrow.", "tomorrow", "2025-12-02"),
        ("Trump called Maduro last year.", "last year", "2024"),
        ("Inflation rose last week.", "last week", "2025-W48"),
        ("Talks will continue this week.", "this week", "2025-W49"),
        ("The vote is set for next month.", "next month", "2026-01"),
        ("The army moved in two days ago.", "two days ago", "2025-11-29"),
        ("Inflation peaked earlier this month.", "earlier this month", "2025-12"),
        ("A deal may come early next year.", "early next year", "2026"),
        ("They met six weeks ago.", "six weeks ago", "2025-W43"),
        ("Revenue fell last spring.", "last spring", "2024-SP"),
    ],
)
def test_relative_dates_resolve_against_publication(
    timexes, sentence: str, expression: str, value: str
) -> None:
    found = timexes(sentence)
    assert found[expression] == ("DATE", value, True)


def test_weekday_is_the_latest_such_day_in_reports_of_the_past(timexes) -> None:
    found = timexes("The president said on Friday that talks had failed.")
    assert found["Friday"] == ("DATE", "2025-11-28", True)


def test_weekday_looks_ahead_when_the_clause_is_about_the_future(timexes) -> None:
    found = timexes("The two leaders will meet on Thursday.")
    assert value_of(found, "Thursday") == "2025-12-04"


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials postponed the deadline until Thursday.",
        "Protesters planned a large rally on Thursday.",
    ],
)
def test_weekday_after_until_or_a_plan_lies_ahead(timexes, sentence: str) -> None:
    assert value_of(timexes(sentence), "Thursday") == "2025-12-04"


def test_a_decade_ago_is_a_year(timexes) -> None:
    assert value_of(timexes("The wall fell a decade ago."), "a decade ago") == "2015"


def test_last_weekday_is_strictly_before_publication(timexes) -> None:
    found = timexes("He resigned last Monday.")
    assert value_of(found, "last Monday") == "2025-11-24"


def test_following_year_counts_from_the_last_date_mentioned(timexes) -> None:
    found = timexes("He was promoted in May 1995 and retired the following year.")
    assert value_of(found, "the following year") == "1996"


def test_quarterly_results_compare_with_the_year_ago_quarter(timexes) -> None:
    text = (
        "Net income rose in the third quarter. "
        "Revenue was $5 million, up from $4 million a year ago."
    )
    found = timexes(text, date(1989, 11, 2))
    assert value_of(found, "a year ago") == "1988-Q3"


def test_since_puts_a_month_before_publication(timexes) -> None:
    found = timexes("Troops have patrolled the border since December.", date(2025, 11, 20))
    assert value_of(found, "December") == "2024-12"


def test_previous_weekday_counts_from_the_last_date_mentioned(timexes) -> None:
    found = timexes("Shares closed at 80 on Friday, down from 90 the previous Friday.")
    assert value_of(found, "Friday") == "2025-11-28"
    assert value_of(found, "the previous Friday") == "2025-11-21"


def test_next_day_and_that_year_count_from_the_story_date(timexes) -> None:
    text = "On March 3, 2019, rebels attacked. The next day they retreated. That year ended."
    found = timexes(text)
    assert value_of(found, "The next day") == "2019-03-04"
    assert value_of(found, "That year") == "2019"


def test_a_day_range_takes_its_first_day(timexes) -> None:
    assert value_of(timexes("Talks on November 21-22 failed."), "November 21-22") == "2025-11-21"


def test_decades_in_words(timexes) -> None:
    assert value_of(timexes("Inflation was high in the nineties."), "the nineties") == "199"


def test_a_fraction_does_not_make_a_story_quarterly(timexes) -> None:
    text = "A quarter of the voters stayed home. Turnout was higher a year ago."
    assert value_of(timexes(text), "a year ago") == "2024"


# ------------------------------------------------------------------ without a publication date


def test_without_publication_date_partial_dates_keep_placeholders(timexes) -> None:
    found = timexes("The call took place on November 21, on Friday.", published=None)
    assert found["November 21"] == ("DATE", "XXXX-11-21", False)
    assert found["Friday"] == ("DATE", "XXXX-WXX-5", False)


def test_without_publication_date_deictic_words_are_left_out(timexes) -> None:
    found = timexes("Officials met yesterday and will meet again next week.", published=None)
    assert "yesterday" not in found
    assert "next week" not in found


def test_without_publication_date_absolute_values_survive(timexes) -> None:
    found = timexes("Maduro has ruled since 2013 and the campaign lasted four months.", None)
    assert found["2013"] == ("DATE", "2013", False)
    assert found["four months"] == ("DURATION", "P4M", False)


# ------------------------------------------------------------------ durations


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("It was a four-month pressure campaign.", "four-month", "P4M"),
        ("The crisis lasted a decade.", "a decade", "P10Y"),
        ("He served three years in prison.", "three years", "P3Y"),
        ("Rebels gave him 24 hours to leave.", "24 hours", "PT24H"),
        ("Prices rose over the past three months.", "the past three months", "P3M"),
        ("Fighting continued for several days.", "several days", "PXD"),
        ("The bonds have a 30-year term.", "30-year", "P30Y"),
        ("The strike lasted nearly an hour.", "nearly an hour", "PT1H"),
    ],
)
def test_durations(timexes, sentence: str, expression: str, value: str) -> None:
    found = timexes(sentence)
    assert found[expression] == ("DURATION", value, False)


def test_quantities_and_fractions_are_not_times(timexes) -> None:
    found = timexes("About 2,000 troops and 1990 votes; three-quarters of the seats.")
    assert found == {}


def test_an_age_is_not_a_duration(timexes) -> None:
    assert "52 years" not in timexes("The chairman, 52 years old, resigned.")
    assert timexes("A 6-year-old boy was found.") == {}


def test_a_programme_name_is_not_a_duration(timexes) -> None:
    assert "60 Minutes" not in timexes("He told CBS's 60 Minutes that he would stay.")


# ------------------------------------------------------------------ times of day


def test_clock_time_takes_the_publication_day(timexes) -> None:
    found = timexes("The speech began at 3 p.m. in the capital.")
    assert found["3 p.m."] == ("TIME", "2025-12-01T15:00", True)


def test_weekday_with_part_of_day(timexes) -> None:
    found = timexes("Troops crossed the border Saturday morning.")
    assert found["Saturday morning"] == ("TIME", "2025-11-29TMO", True)


def test_clock_time_with_weekday(timexes) -> None:
    found = timexes("The deadline passed at 10 p.m. Wednesday.")
    assert value_of(found, "10 p.m. Wednesday") == "2025-11-26T22:00"


def test_last_night_and_this_morning(timexes) -> None:
    found = timexes("Shelling resumed last night and stopped this morning.")
    assert value_of(found, "last night") == "2025-11-30TNI"
    assert value_of(found, "this morning") == "2025-12-01TMO"


# ------------------------------------------------------------------ sets


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The council meets every week.", "every week", "P1W"),
        ("Flights leave each Thursday.", "each Thursday", "XXXX-WXX-4"),
        ("The agency reports daily.", "daily", "XXXX-XX-XX"),
        ("It costs $5 million a year.", "a year", "P1Y"),
        ("Leaders meet twice a year.", "twice a year", "P1Y"),
    ],
)
def test_sets(timexes, sentence: str, expression: str, value: str) -> None:
    found = timexes(sentence)
    assert found[expression][:2] == ("SET", value)


def test_daily_as_an_adjective_is_not_a_set(timexes) -> None:
    assert "daily" not in timexes("She writes for a daily newspaper.")


# ------------------------------------------------------------------ vague references


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The regime is now isolated.", "now", "PRESENT_REF"),
        ("The mission is currently under review.", "currently", "PRESENT_REF"),
        ("The envoy recently visited Caracas.", "recently", "PAST_REF"),
        ("Kidnappings have risen in recent years.", "recent years", "PAST_REF"),
        ("Talks may resume in the future.", "the future", "FUTURE_REF"),
        ("The current crisis deepened.", "current", "PRESENT_REF"),
    ],
)
def test_vague_references(timexes, sentence: str, expression: str, value: str) -> None:
    found = timexes(sentence)
    assert found[expression] == ("DATE", value, False)


def test_now_in_a_demand_means_at_once(timexes) -> None:
    assert "now" not in timexes("You must leave the country now.")


def test_current_account_is_no_time(timexes) -> None:
    assert "current" not in timexes("The current account deficit widened.")


# ------------------------------------------------------------------ spans and the stage


def test_spans_leave_out_prepositions_and_keep_the_article(timexes, nlp: Language) -> None:
    text = "Sales fell during the third quarter."
    (timex,) = find_timexes(nlp(text), PUBLISHED)
    assert isinstance(timex, Timex)
    assert text[timex.span[0] : timex.span[1]] == "the third quarter"


def test_stage_returns_sorted_timexes_through_the_api(analyze) -> None:
    result = analyze("On November 21 Trump called Maduro; last year he did not.")
    assert [t.text for t in result.timexes] == ["November 21", "last year"]
    assert [t.value for t in result.timexes] == ["2025-11-21", "2024"]
    assert all(t.anchored for t in result.timexes)


def test_every_pattern_names_a_known_normaliser() -> None:
    from eventwire.timex.normalize import NORMALISERS

    assert {p.rule for p in load_rules().patterns} <= set(NORMALISERS)


def test_every_placeholder_of_the_patterns_is_defined() -> None:
    import re

    patterns = load_rules().patterns
    leftovers = [p.name for p in patterns if re.search(r"\{[a-z_]+\}", p.regex.pattern)]
    assert leftovers == []


def test_documents_without_a_parse_or_text_do_not_fail() -> None:
    import spacy

    assert find_timexes(spacy.blank("en")(""), PUBLISHED) == []
    found = find_timexes(spacy.blank("en")("They met on Friday in 2013."), PUBLISHED)
    assert [t.value for t in found] == ["2025-11-28", "2013"]


def test_counts_beyond_the_calendar_are_dropped_not_fatal(timexes) -> None:
    found = timexes("It formed 9999999 years ago.")
    assert all(not t[1].startswith("-") for t in found.values())


# ------------------------------------------------------------------ event dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-11-21", "2025-11-21"),
        ("2025-11-21TEV", "2025-11-21"),
        ("2025-11-21T15:00", "2025-11-21"),
        ("2025-11", "2025-11"),
        ("2025", "2025"),
        ("2025-Q3", "2025"),
        ("2025-SU", "2025"),
        ("2025-W47", "2025-11"),
        ("2025-W48-WE", "2025-11"),
        ("P4M", None),
        ("PT24H", None),
        ("PRESENT_REF", None),
        ("PAST_REF", None),
        ("XXXX-11-21", None),
        ("XXXX-WXX-5", None),
        ("199", None),
        ("", None),
    ],
)
def test_event_date(value: str, expected: str | None) -> None:
    assert event_date(value) == expected


def test_the_needs_of_a_pattern_never_hide_a_match() -> None:
    """A pattern whose `needs` are absent from a text must have no match in it: on the sample
    corpus, and on TimeBank when the shared data is beside the checkout."""
    import json

    from conftest import ROOT, SHARED

    corpus = ROOT / "examples" / "corpus.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    timebank = SHARED / "data" / "timebank" / "TimeBank"
    texts += [f.read_text(encoding="utf-8") for f in sorted(timebank.glob("*.tml"))[:80]]
    gated = [p for p in load_rules().patterns if p.needs is not None]
    assert len(gated) > 30
    hidden = [
        (p.name, match.group())
        for text in texts
        for p in gated
        if not p.may_match(text.lower()) and (match := p.regex.search(text))
    ]
    assert hidden == []
