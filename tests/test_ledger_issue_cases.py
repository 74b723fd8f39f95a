"""The ledger's bad cases found in the sample corpus, each as a test through the whole coder:
fragments as content, directions read the wrong way round, one act split into several items
(in a document and across documents), and statuses that did not follow later reports."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.corpus.ledger import Report, merge_reports
from eventwire.model import DocumentResult, LedgerItem

Analyze = Callable[..., DocumentResult]


def ledger_of(analyze: Analyze, text: str) -> list[LedgerItem]:
    return analyze(text, published="2025-12-05").ledger


def one(items: list[LedgerItem], kind: str | None = None) -> LedgerItem:
    chosen = [i for i in items if kind is None or i.kind == kind]
    assert len(chosen) == 1, [(i.kind, i.from_, i.to, i.what) for i in items]
    return chosen[0]


# ---------------------------------------------------------------- content is a whole phrase


def test_asked_not_to_be_named_is_no_request(analyze: Analyze) -> None:
    text = (
        "A retired Venezuelan officer who asked not to be named said the exercises were mostly "
        "meant for a domestic audience."
    )
    assert ledger_of(analyze, text) == []


def test_two_asks_joined_by_and_for_are_two_whole_items(analyze: Analyze) -> None:
    text = (
        "The United Nations has called for restraint and for disputes in the region to be "
        "settled peacefully."
    )
    items = ledger_of(analyze, text)
    assert [i.what for i in items] == [
        "restraint",
        "disputes in the region to be settled peacefully",
    ]


ONE_ITEM = [
    pytest.param(
        "People familiar with the call said Trump had delivered an ultimatum: Maduro was to "
        "relinquish power immediately and leave Venezuela.",
        ("ultimatum", "USAGOV", "VENGOV"),
        "Maduro was to relinquish power immediately and leave Venezuela",
        id="an ultimatum takes the words after its colon",
    ),
    pytest.param(
        "Two weeks ago, Nicolás Maduro received an ultimatum from President Donald Trump to "
        "relinquish power immediately.",
        ("ultimatum", "USAGOV", "VENGOV"),
        "to relinquish power immediately",
        id="a received ultimatum leaves its sender out of the content",
    ),
    pytest.param(
        "In that call Trump demanded that Maduro resign and leave Venezuela, offering safe "
        "passage in return.",
        ("offer", "USAGOV", "VENGOV"),
        "safe passage",
        id="an offer made while demanding is the demander's",
    ),
    pytest.param(
        "Nicolás Maduro declined to step down when President Donald Trump demanded his "
        "departure, and instead presented a series of counter-demands. Among them was a "
        "request for global amnesty from prosecution for himself and his allies.",
        ("request", "VENGOV", "USAGOV"),
        "global amnesty from prosecution for himself and his allies",
        id="counter-demands go against the demand",
    ),
    pytest.param(
        "Trump and Maduro held a call in which the US president told Maduro to give up power. "
        "According to those reports, Maduro was offered safe passage out of the country if he "
        "resigned at once.",
        ("offer", "USAGOV", "VENGOV"),
        "safe passage out of the country",
        id="was offered is read as a passive",
    ),
    pytest.param(
        "Nicolás Maduro declined to step down when President Donald Trump demanded his "
        "departure in a phone call on November 21, according to people familiar with the "
        "exchange.",
        ("demand", "USAGOV", "VENGOV"),
        "his departure",
        id="attribution and medium are not content",
    ),
    pytest.param(
        "In that call Trump demanded that Maduro resign and leave Venezuela. "
        "Maduro refused and made counter-demands.",
        ("demand", "USAGOV", "VENGOV"),
        "Maduro resign and leave Venezuela",
        id="counter-demands that name nothing are no item",
    ),
    pytest.param(
        "Trump demanded his departure. The demand that Maduro leave Venezuela, first reported "
        "last week, was delivered together with an offer of safe passage for him and his "
        "family.",
        ("offer", "USAGOV", "VENGOV"),
        "safe passage for him and his family",
        id="an offer that comes with a demand is from its maker",
    ),
    pytest.param(
        "Maduro is reported to have answered it with counter-demands of his own, including "
        "amnesty for himself and his allies.",
        ("demand", "VENGOV", None),
        "amnesty for himself and his allies",
        id="counter-demands including something ask for it",
    ),
    pytest.param(
        "Trump demanded that Maduro step down. Maduro also proposed that he keep control over "
        "the armed forces while ceding political power, a condition Washington is said to "
        "have found unacceptable.",
        ("proposal", "VENGOV", "USAGOV"),
        "he keep control over the armed forces while ceding political power",
        id="a comment on a proposal is not its content",
    ),
]


@pytest.mark.parametrize(("text", "act", "what"), ONE_ITEM)
def test_one_item_with_its_direction_and_whole_content(
    analyze: Analyze, text: str, act: tuple[str, str, str | None], what: str
) -> None:
    item = one(ledger_of(analyze, text), act[0])
    assert ((item.kind, item.from_, item.to), item.what) == (act, what)


ANSWERED = [
    pytest.param(
        "Nicolás Maduro declined to step down when President Donald Trump demanded his "
        "departure in a phone call on November 21.",
        "demand",
        "rejected",
        id="a refusal answers the demand in its when-clause",
    ),
    pytest.param(
        "In that call Trump demanded that Maduro resign and leave Venezuela. "
        "Maduro refused and made counter-demands.",
        "demand",
        "rejected",
        id="a refusal with counter-demands rejects",
    ),
    pytest.param(
        "Trump demanded that Maduro leave. The demand was delivered together with an offer of "
        "safe passage for him and his family. People briefed on the call said the Venezuelan "
        "leader did not accept it.",
        "offer",
        "rejected",
        id="not accepting it rejects the latest item",
    ),
    pytest.param(
        "Trump demanded that Maduro step down. Maduro also proposed that he keep control over "
        "the armed forces while ceding political power, a condition Washington is said to "
        "have found unacceptable.",
        "proposal",
        "rejected",
        id="a comment on a proposal answers it",
    ),
]


@pytest.mark.parametrize(("text", "kind", "status"), ANSWERED)
def test_the_answer_in_the_text_sets_the_status(
    analyze: Analyze, text: str, kind: str, status: str
) -> None:
    assert one(ledger_of(analyze, text), kind).status == status


def test_a_condition_is_kept_apart_from_the_offer(analyze: Analyze) -> None:
    text = (
        "During the call, Trump demanded that Maduro step down. He reportedly offered safe "
        "passage for Maduro, his wife and his son, on condition that the Venezuelan leader "
        "resign immediately."
    )
    offer = one(ledger_of(analyze, text), "offer")
    assert offer.what == "safe passage for Maduro, his wife and his son"
    assert offer.condition == "the Venezuelan leader resign immediately"


# ---------------------------------------------------------------- direction


def test_a_proposal_about_the_military_is_not_addressed_to_it(analyze: Analyze) -> None:
    text = (
        "When Donald Trump and Nicolás Maduro held a call on November 21, the US president's "
        "message was blunt. Maduro was told to leave the country. He is said to have asked "
        "for an amnesty covering himself and his allies and to have proposed keeping command "
        "of the military while giving up political power."
    )
    items = ledger_of(analyze, text)
    assert {(i.kind, i.from_, i.to) for i in items} == {
        ("demand", "USAGOV", "VENGOV"),
        ("request", "VENGOV", "USAGOV"),
        ("proposal", "VENGOV", "USAGOV"),
    }


# ---------------------------------------------------------------- statuses


def test_an_offer_named_with_its_content_is_rejected(analyze: Analyze) -> None:
    text = (
        "Two weeks ago, Nicolás Maduro received an ultimatum from President Donald Trump to "
        "relinquish power immediately. The offer that came with it, safe passage out of "
        "Venezuela for Maduro, his wife and his son, was rejected, according to people "
        "familiar with the talks."
    )
    offer = one(ledger_of(analyze, text), "offer")
    assert (offer.from_, offer.to, offer.status) == ("USAGOV", "VENGOV", "rejected")
    assert offer.what == "safe passage out of Venezuela for Maduro, his wife and his son"


def test_a_request_left_unanswered_is_unanswered(analyze: Analyze) -> None:
    text = "Maduro refused. His later request for another call was left unanswered."
    item = one(ledger_of(analyze, text), "request")
    assert (item.what, item.status) == ("another call", "unanswered")
    assert item.evidence[-1] == "His later request for another call was left unanswered."


def test_not_accepting_those_terms_rejects_every_one_of_them(analyze: Analyze) -> None:
    text = (
        "Maduro was told to leave the country by Trump. He is said to have asked for an "
        "amnesty covering himself and his allies and to have proposed keeping command of the "
        "military while giving up political power. Washington did not accept those terms, "
        "people familiar with the talks said."
    )
    asks = [i for i in ledger_of(analyze, text) if i.from_ == "VENGOV"]
    assert [(i.kind, i.status) for i in asks] == [("request", "rejected"), ("proposal", "rejected")]
    assert all("Washington did not accept those terms" in i.evidence[-1] for i in asks)


# ---------------------------------------------------------------- one item per act


def report(doc: int, kind: str, source: str, target: str, what: str, status: str) -> Report:
    return Report(doc, 0, f"2025-11-{20 + doc}", kind, source, target, what, None, status)


def test_paraphrases_of_one_demand_are_one_item() -> None:
    items = merge_reports(
        [
            report(
                1, "demand", "USAGOV", "VENGOV", "Maduro step down and leave the country", "open"
            ),
            report(2, "demand", "USAGOV", "VENGOV", "to give up power", "open"),
            report(3, "ultimatum", "USAGOV", "VENGOV", "to relinquish power immediately", "open"),
            report(4, "demand", "USAGOV", "VENGOV", "his departure", "rejected"),
            report(5, "demand", "USAGOV", "VENGOV", "to leave the country", "open"),
        ]
    )
    assert len(items) == 1 and items[0].status == "rejected"


def test_another_call_and_a_second_conversation_are_one_request() -> None:
    items = merge_reports(
        [
            report(1, "request", "VENGOV", "USAGOV", "a second conversation with Trump", "open"),
            report(2, "request", "VENGOV", "USAGOV", "another call", "unanswered"),
        ]
    )
    assert len(items) == 1 and items[0].status == "unanswered"
    assert [s.doc_key for s in items[0].history] == [1, 2]


def test_a_request_and_a_counter_demand_for_amnesty_are_one_item() -> None:
    items = merge_reports(
        [
            report(1, "request", "VENGOV", "USAGOV", "global amnesty from prosecution", "open"),
            report(2, "demand", "VENGOV", "USAGOV", "amnesty for himself and his allies", "open"),
        ]
    )
    assert len(items) == 1


def test_shared_words_with_another_meaning_are_two_items() -> None:
    items = merge_reports(
        [
            report(
                1, "request", "VENGOV", "USAGOV", "an amnesty for Maduro and his allies", "open"
            ),
            report(2, "request", "VENGOV", "USAGOV", "a call with Maduro and his allies", "open"),
        ]
    )
    assert len(items) == 2


@pytest.mark.parametrize(
    ("earlier", "later", "final"),
    [
        ("rejected", "unanswered", "rejected"),  # a later "no response" does not undo a refusal
        ("open", "rejected", "rejected"),
        ("rejected", "accepted", "accepted"),  # a change of mind is followed
        ("accepted", "fulfilled", "fulfilled"),
        ("unanswered", "open", "unanswered"),
    ],
)
def test_the_status_follows_every_later_report(earlier: str, later: str, final: str) -> None:
    items = merge_reports(
        [
            report(1, "offer", "USAGOV", "VENGOV", "safe passage for Maduro", earlier),
            report(2, "offer", "USAGOV", "VENGOV", "safe passage out of the country", later),
        ]
    )
    assert len(items) == 1 and items[0].status == final
