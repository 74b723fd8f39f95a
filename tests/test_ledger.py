"""The negotiation ledger: openings of each kind, answers and statuses, lists, merging.

Most tests build the parse, the actor mentions and the coded events directly, so that the
ledger is tested on its own; the end-to-end tests at the bottom go through the whole pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from spacy.language import Language

from eventwire.analysis import ActorIndex, Analysis, Entity, Mention
from eventwire.ledger import build_ledger
from eventwire.ledger.lexicon import ledger_lexicon
from eventwire.model import ActorRef, Event, LedgerItem, Timex
from eventwire.options import Options
from eventwire.registry import get_stage

CODES = {
    "Trump": "USAGOV",
    "Washington": "USAGOV",
    "Maduro": "VENGOV",
    "Caracas": "VENGOV",
    "Petro": "COLGOV",
    "Lula": "BRAGOV",
    "Putin": "RUSGOV",
    "Zelensky": "UKRGOV",
    "Hamas": "PSEREB",
    "Israel": "ISRGOV",
}

Coded = tuple[str, str, str | None, str | None]  # trigger, CAMEO code, source, target


def actor_index(analysis: Analysis) -> ActorIndex:
    """A mention for every occurrence of a known name."""
    index = ActorIndex()
    for name, code in CODES.items():
        entity = Entity(key=name, name=name, code=code, country=code[:3], sector=code[3:])
        for found in re.finditer(rf"\b{name}\b", analysis.text):
            span = analysis.doc.char_span(found.start(), found.end(), alignment_mode="expand")
            head = span.root.i if span is not None else 0
            index.add(Mention(found.start(), found.end(), head, entity, "name"), analysis.doc)
    return index


def ref(name: str | None) -> ActorRef | None:
    return ActorRef(text=name, code=CODES[name]) if name else None


def coded_event(analysis: Analysis, coded: Coded, date: str | None = None) -> Event:
    """An event as the coder would give it, its trigger the first occurrence of a word."""
    trigger, cameo, source, target = coded
    start = re.search(rf"\b{re.escape(trigger)}\b", analysis.text).start()
    sent = analysis.doc.char_span(start, start + len(trigger), alignment_mode="expand").sent
    return Event(
        source=ref(source),
        target=ref(target),
        cameo=cameo,
        date=date,
        span=(sent.start_char, sent.end_char),
        trigger=(start, start + len(trigger)),
        text=sent.text,
    )


def timex(text: str, words: str) -> Timex:
    start = text.index(words)
    return Timex(span=(start, start + len(words)), text=words, type="DATE", value="2025-06")


Ledger = Callable[..., list[LedgerItem]]


@pytest.fixture(scope="module")
def ledger(nlp: Language) -> Ledger:
    """ledger(text, *coded_events, actors=True, date=None) -> the ledger items."""

    def run(
        text: str,
        *coded: Coded,
        actors: bool = True,
        date: str | None = None,
        timexes: tuple[str, ...] = (),
    ):
        analysis = Analysis(doc=nlp(text), published=None, options=Options())
        if actors:
            analysis.actors = actor_index(analysis)
        analysis.timexes = [timex(text, words) for words in timexes]
        analysis.events = [coded_event(analysis, c, date) for c in coded]
        return build_ledger(analysis)

    return run


def only(items: list[LedgerItem]) -> LedgerItem:
    assert len(items) == 1, items
    return items[0]


# ---------------------------------------------------------------- opening each kind


def test_demand_event_opens_a_demand(ledger: Ledger) -> None:
    item = only(
        ledger(
            "Trump demanded the release of the detained oil workers.",
            ("demanded", "1053", "Trump", "Maduro"),
            actors=False,
        )
    )
    assert (item.kind, item.from_, item.to, item.status) == ("demand", "USAGOV", "VENGOV", "open")
    assert item.what == "the release of the detained oil workers"


def test_code_139_opens_an_ultimatum_with_its_complement(ledger: Ledger) -> None:
    text = "Maduro received an ultimatum to relinquish power immediately."
    item = only(ledger(text, ("received", "139", "Trump", "Maduro"), date="2025-11-21"))
    assert item.kind == "ultimatum"
    assert item.what == "to relinquish power immediately"
    assert item.date == "2025-11-21"


def test_demand_with_a_deadline_is_an_ultimatum(ledger: Ledger) -> None:
    text = "Trump told Maduro, “You must leave the country now.”"
    item = only(ledger(text, ("told", "1041", "Trump", "Maduro")))
    assert item.kind == "ultimatum"
    assert item.what == "leave the country now"


def test_appeal_code_opens_a_request(ledger: Ledger) -> None:
    text = "Lula urged Maduro to release the political prisoners."
    item = only(ledger(text, ("urged", "0253", "Lula", "Maduro")))
    assert (item.kind, item.from_, item.to) == ("request", "BRAGOV", "VENGOV")
    assert item.what == "to release the political prisoners"


def test_the_word_overrides_a_code_that_opens_nothing(ledger: Ledger) -> None:
    text = "Maduro requested a second call with Trump."
    item = only(ledger(text, ("requested", "040", "Maduro", "Trump")))
    assert (item.kind, item.what) == ("request", "a second call with Trump")


def test_intent_code_with_offered_opens_an_offer(ledger: Ledger) -> None:
    item = only(
        ledger("Trump offered safe passage for Maduro.", ("offered", "030", "Trump", "Maduro"))
    )
    assert (item.kind, item.what) == ("offer", "safe passage for Maduro")


def test_pledged_under_an_intent_code_is_a_promise(ledger: Ledger) -> None:
    item = only(
        ledger(
            "Putin pledged to halt the strikes on power plants.",
            ("pledged", "0356", "Putin", "Zelensky"),
        )
    )
    assert (item.kind, item.what) == ("promise", "to halt the strikes on power plants")


def test_proposed_venue_is_a_proposal(ledger: Ledger) -> None:
    text = "Petro proposed the city of Cartagena as a venue for talks with Maduro."
    item = only(ledger(text, ("proposed", "039", "Petro", "Maduro")))
    assert (item.kind, item.from_, item.to) == ("proposal", "COLGOV", "VENGOV")
    assert item.what.startswith("the city of Cartagena as a venue")


def test_threat_code_opens_a_threat(ledger: Ledger) -> None:
    text = "Israel threatened to expand the ground operation against Hamas."
    item = only(ledger(text, ("threatened", "138", "Israel", "Hamas")))
    assert (item.kind, item.from_, item.to) == ("threat", "ISRGOV", "PSEREB")


def test_vague_threat_code_without_a_threat_word_opens_nothing(ledger: Ledger) -> None:
    text = "Trump delivered a blunt message to Maduro."
    assert ledger(text, ("delivered", "130", "Trump", "Maduro")) == []


def test_negated_and_unrelated_events_open_nothing(ledger: Ledger) -> None:
    text = "Trump spoke with Maduro and accused him of fraud."
    assert (
        ledger(text, ("spoke", "040", "Trump", "Maduro"), ("accused", "112", "Trump", "Maduro"))
        == []
    )


# ---------------------------------------------------------------- conditions


def test_conditional_offer_keeps_its_condition_out_of_what(ledger: Ledger) -> None:
    text = (
        "Trump offered safe passage for Maduro, along with his wife and son, "
        "but only if the Venezuelan leader agreed to resign immediately."
    )
    item = only(ledger(text, ("offered", "030", "Trump", "Maduro")))
    assert item.what == "safe passage for Maduro, along with his wife and son"
    assert item.condition == "the Venezuelan leader agreed to resign immediately"
    assert item.status == "open"  # "agreed" inside the condition answers nothing


def test_refusing_the_condition_rejects_the_conditional_offer(ledger: Ledger) -> None:
    text = (
        "Trump offered safe passage for Maduro provided that he resigned. Maduro refused to resign."
    )
    item = only(ledger(text, ("offered", "030", "Trump", "Maduro")))
    assert item.condition == "he resigned"
    assert item.status == "rejected"
    assert item.evidence[-1] == "Maduro refused to resign."


# ---------------------------------------------------------------- statuses


def test_rejection_event_by_the_addressee_rejects(ledger: Ledger) -> None:
    text = "Trump demanded that Maduro hold new elections. Maduro rejected the demand."
    item = only(
        ledger(
            text, ("demanded", "1042", "Trump", "Maduro"), ("rejected", "1232", "Maduro", "Trump")
        )
    )
    assert item.status == "rejected"
    assert len(item.evidence) == 2


def test_declined_to_without_a_target_rejects_the_items_addressed_to_the_decliner(
    ledger: Ledger,
) -> None:
    text = (
        "Trump demanded that Maduro leave. Trump offered him safe passage. "
        "Maduro declined to step down."
    )
    items = ledger(
        text,
        ("demanded", "1041", "Trump", "Maduro"),
        ("offered", "030", "Trump", "Maduro"),
        ("declined", "1231", "Maduro", None),
    )
    assert [i.status for i in items] == ["rejected", "rejected"]


def test_refusal_by_a_third_party_changes_nothing(ledger: Ledger) -> None:
    text = "Trump demanded that Maduro leave. Petro rejected the idea."
    item = only(
        ledger(text, ("demanded", "1041", "Trump", "Maduro"), ("rejected", "120", "Petro", "Trump"))
    )
    assert item.status == "open"


def test_declined_to_comment_is_not_a_rejection(ledger: Ledger) -> None:
    text = "Trump demanded that Maduro leave. Maduro declined to comment."
    item = only(ledger(text, ("demanded", "1041", "Trump", "Maduro")))
    assert item.status == "open"


def test_agreed_to_accepts(ledger: Ledger) -> None:
    text = "Lula asked Maduro to free the prisoners. Maduro agreed to free them."
    item = only(ledger(text, ("asked", "0253", "Lula", "Maduro")))
    assert item.status == "accepted"


def test_yielding_event_accepts(ledger: Ledger) -> None:
    text = "Lula asked Maduro to free the prisoners. Maduro released the prisoners."
    item = only(
        ledger(text, ("asked", "0253", "Lula", "Maduro"), ("released", "0841", "Maduro", "Lula"))
    )
    assert item.status == "accepted"


def test_no_response_leaves_the_named_request_unanswered(ledger: Ledger) -> None:
    text = (
        "Maduro presented a request for amnesty. "
        "Maduro requested a second call, but this request received no response."
    )
    items = ledger(
        text, ("presented", "020", "Maduro", "Trump"), ("requested", "020", "Maduro", "Trump")
    )
    assert [(i.what, i.status) for i in items] == [
        ("amnesty", "open"),
        ("a second call", "unanswered"),
    ]


def test_no_response_coded_as_rejection_stays_unanswered(ledger: Ledger) -> None:
    text = "Maduro requested a second call, but this request received no response."
    item = only(
        ledger(
            text, ("requested", "020", "Maduro", "Trump"), ("received", "125", "Trump", "Maduro")
        )
    )
    assert item.status == "unanswered"


def test_has_not_responded_by_the_addressee(ledger: Ledger) -> None:
    text = "Zelensky proposed a ceasefire to Putin. Putin has not responded."
    item = only(ledger(text, ("proposed", "036", "Zelensky", "Putin")))
    assert item.status == "unanswered"


def test_counter_demands_counter_the_earlier_items(ledger: Ledger) -> None:
    text = "Trump demanded that Maduro leave. Maduro presented counter-demands to Trump."
    items = ledger(
        text, ("demanded", "1041", "Trump", "Maduro"), ("presented", "100", "Maduro", "Trump")
    )
    assert [(i.from_, i.status) for i in items] == [("USAGOV", "countered"), ("VENGOV", "open")]


def test_explicit_refusal_wins_over_counter_demands_that_name_nothing(ledger: Ledger) -> None:
    text = (
        "Trump demanded that Maduro leave. "
        "Maduro declined to step down and presented counter-demands."
    )
    items = ledger(
        text,
        ("demanded", "1041", "Trump", "Maduro"),
        ("declined", "1231", "Maduro", None),
        ("presented", "100", "Maduro", None),
    )
    assert [(i.from_, i.to, i.status) for i in items] == [("USAGOV", "VENGOV", "rejected")]


def test_withdrawn_offer(ledger: Ledger) -> None:
    text = "Trump offered Maduro safe passage. Trump later withdrew the offer."
    item = only(ledger(text, ("offered", "030", "Trump", "Maduro")))
    assert item.status == "withdrawn"


def test_refusal_inside_an_if_clause_changes_nothing(ledger: Ledger) -> None:
    text = (
        "Trump demanded that Maduro leave. "
        "The board warned that if Maduro refuses to vacate power, Trump could suffer."
    )
    item = only(ledger(text, ("demanded", "1041", "Trump", "Maduro")))
    assert item.status == "open"


# ---------------------------------------------------------------- lists and merging


def test_list_of_counter_demands_gives_one_item_per_member(ledger: Ledger) -> None:
    text = (
        "Trump demanded that Maduro leave. Maduro declined and presented a series of "
        "counter-demands. These included a request for global amnesty for his allies, "
        "as well as a proposal to keep control of the armed forces."
    )
    items = ledger(
        text, ("demanded", "1041", "Trump", "Maduro"), ("presented", "100", "Maduro", None)
    )
    assert [(i.kind, i.from_, i.to) for i in items] == [
        ("demand", "USAGOV", "VENGOV"),
        ("request", "VENGOV", "USAGOV"),
        ("proposal", "VENGOV", "USAGOV"),
    ]
    assert items[1].what == "global amnesty for his allies"
    assert items[2].what == "to keep control of the armed forces"
    assert items[0].status == "rejected"


def test_listed_member_also_coded_by_the_coder_is_one_item(ledger: Ledger) -> None:
    text = (
        "Maduro presented a series of demands to Trump. "
        "Among them were a request for amnesty and a proposal to hold talks."
    )
    items = ledger(
        text, ("presented", "100", "Maduro", "Trump"), ("request", "020", "Maduro", None)
    )
    assert [i.kind for i in items] == ["request", "proposal"]


def test_two_mentions_of_one_ultimatum_are_one_item(ledger: Ledger) -> None:
    text = (
        "Maduro received an ultimatum to relinquish power immediately. "
        "Trump told Maduro, “You must leave the country now.”"
    )
    item = only(
        ledger(text, ("received", "139", "Trump", "Maduro"), ("told", "1041", "Trump", "Maduro"))
    )
    assert item.kind == "ultimatum"
    assert len(item.evidence) == 2


def test_repeated_offer_with_the_same_object_is_one_item(ledger: Ledger) -> None:
    text = (
        "Trump offered safe passage to Maduro. "
        "Officials said Trump again offered safe passage for the Venezuelan leader."
    )
    item = only(
        ledger(
            text, ("offered", "030", "Trump", "Maduro"), ("again offered", "030", "Trump", "Maduro")
        )
    )
    assert item.what == "safe passage to Maduro"


def test_different_requests_of_one_party_stay_apart(ledger: Ledger) -> None:
    text = (
        "Maduro requested amnesty for his allies. Maduro also requested a second call with Trump."
    )
    items = ledger(
        text, ("requested", "020", "Maduro", "Trump"), ("also requested", "020", "Maduro", "Trump")
    )
    assert len(items) == 2


# ---------------------------------------------------------------- parties and the parse


def test_missing_addressee_is_the_party_last_dealt_with(ledger: Ledger) -> None:
    text = "Trump offered Maduro safe passage. Maduro requested a second call."
    items = ledger(
        text, ("offered", "030", "Trump", "Maduro"), ("requested", "020", "Maduro", None)
    )
    assert items[1].to == "USAGOV"


def test_uncoded_offer_with_known_actors_opens_an_item(ledger: Ledger) -> None:
    text = "Trump offered safe passage for Maduro. Maduro refused."
    item = only(ledger(text))
    assert (item.kind, item.from_, item.to, item.status) == (
        "offer",
        "USAGOV",
        "VENGOV",
        "rejected",
    )


def test_uncoded_ultimatum_received_is_sent_by_the_other_actor(ledger: Ledger) -> None:
    text = "In a call with Trump, Maduro received an ultimatum to leave."
    item = only(ledger(text))
    assert (item.kind, item.from_, item.to) == ("ultimatum", "USAGOV", "VENGOV")


def test_nothing_without_events_or_actors(ledger: Ledger) -> None:
    assert ledger("Trump offered safe passage for Maduro.", actors=False) == []


# ---------------------------------------------------------------- data and registration


def test_codes_map_to_kinds_by_longest_prefix() -> None:
    lexicon = ledger_lexicon()
    assert lexicon.opening_kind("1041") == "demand"
    assert lexicon.opening_kind("139") == "ultimatum"
    assert lexicon.opening_kind("1383") == "threat"
    assert lexicon.opening_kind("039") == "proposal"
    assert lexicon.opening_kind("038") is None
    assert lexicon.opening_kind("041") is None
    assert lexicon.answer_status("1231") == "rejected"
    assert lexicon.answer_status("0841") == "accepted"


def test_the_stage_is_registered() -> None:
    fills, function = get_stage("ledger")
    assert fills == "ledger"
    assert function.__module__ == "eventwire.stages.ledger"


# ---------------------------------------------------------------- through the pipeline

CALL = (
    "Trump offered safe passage for Maduro, but only if the Venezuelan leader agreed to "
    "resign immediately. Maduro declined to step down. "
    "Colombia's president, Gustavo Petro, proposed Cartagena as a venue for talks."
)


def test_pipeline_gives_valid_ledger_items(analyze) -> None:
    result = analyze(CALL)
    for item in result.ledger:
        assert item.from_ is not None
        assert item.evidence and all(s in CALL for s in item.evidence)


def test_pipeline_conditional_offer_is_rejected(analyze) -> None:
    result = analyze(CALL)
    offers = [i for i in result.ledger if i.kind == "offer"]
    if not offers:
        pytest.xfail("the event coder and actors stage do not yet code this offer")
    assert offers[0].from_[:3] == "USA" and offers[0].to[:3] == "VEN"
    assert offers[0].condition == "the Venezuelan leader agreed to resign immediately"
    assert offers[0].status == "rejected"


# ---------------------------------------------------------------- robustness to the parse


def test_no_further_contact_between_the_parties_leaves_their_items_unanswered(
    ledger: Ledger,
) -> None:
    text = (
        "Trump demanded that Maduro leave. Maduro requested amnesty from Trump. "
        "Maduro refused to leave. "
        "There has been no further communication between Trump and Maduro."
    )
    items = ledger(
        text, ("demanded", "1041", "Trump", "Maduro"), ("requested", "020", "Maduro", "Trump")
    )
    assert [i.status for i in items] == ["rejected", "unanswered"]


def test_event_inside_a_condition_opens_nothing(ledger: Ledger) -> None:
    text = "Trump offered safe passage, but only if Maduro agreed to resign immediately."
    item = only(
        ledger(text, ("offered", "030", "Trump", "Maduro"), ("agreed", "0341", "Maduro", None))
    )
    assert item.from_ == "USAGOV"


def test_verb_the_parser_left_without_subject_takes_the_actor_before_it(
    ledger: Ledger,
) -> None:
    text = (
        "In a bid to facilitate dialogue, Colombia's president, Petro, proposed the city "
        "of Cartagena as a venue for talks with Maduro."
    )
    item = only(ledger(text))
    assert (item.kind, item.from_) == ("proposal", "COLGOV")


def test_compound_mention_gives_each_member_its_own_party(nlp: Language) -> None:
    text = "Trump offered Maduro a deal. There was no contact between Trump and Maduro."
    analysis = Analysis(doc=nlp(text), published=None, options=Options())
    trump = Entity("Trump", "Trump", "USAGOV", "USA", "GOV")
    maduro = Entity("Maduro", "Maduro", "VENGOV", "VEN", "GOV")
    start = text.index("Trump and Maduro")
    end = start + len("Trump and Maduro")
    compound = Mention(start, end, 0, trump, "name", members=(trump, maduro))
    analysis.actors.add(compound, analysis.doc)
    analysis.actors.add(Mention(0, 5, 0, trump, "name"), analysis.doc)
    analysis.actors.add(Mention(14, 20, 2, maduro, "name"), analysis.doc)
    item = only(build_ledger(analysis))
    assert (item.from_, item.to, item.status) == ("USAGOV", "VENGOV", "unanswered")


def test_answer_word_inside_what_is_part_of_the_item(ledger: Ledger) -> None:
    text = "Putin promised Zelensky to withdraw his troops from the border."
    item = only(ledger(text, ("promised", "0356", "Putin", "Zelensky")))
    assert (item.kind, item.status) == ("promise", "open")


def test_later_mention_that_refers_back_is_merged(ledger: Ledger) -> None:
    text = "Trump offered Maduro exile in Turkey. A week later Trump repeated the offer to Maduro."
    item = only(
        ledger(text, ("offered", "030", "Trump", "Maduro"), ("offer", "030", "Trump", "Maduro"))
    )
    assert item.what == "exile in Turkey"
    assert len(item.evidence) == 2


def test_adjective_accepted_is_not_an_answer(ledger: Ledger) -> None:
    text = "Lula asked Maduro to free the prisoners. Maduro cited an accepted definition."
    item = only(ledger(text, ("asked", "0253", "Lula", "Maduro")))
    assert item.status == "open"


def test_a_possible_refusal_is_not_an_answer(ledger: Ledger) -> None:
    text = "Lula asked Maduro to free the prisoners. Maduro could refuse."
    item = only(ledger(text, ("asked", "0253", "Lula", "Maduro")))
    assert item.status == "open"


def test_abandoned_promise_is_withdrawn(ledger: Ledger) -> None:
    text = "Putin promised Zelensky a truce. His promise has now been abandoned."
    item = only(ledger(text, ("promised", "0356", "Putin", "Zelensky")))
    assert item.status == "withdrawn"


def test_subject_of_a_reported_proposal_stays_in_what(ledger: Ledger) -> None:
    text = "Lula suggested Maduro was willing to hold new elections."
    item = only(ledger(text, ("suggested", "036", "Lula", "Maduro")))
    assert item.what == "Maduro was willing to hold new elections"


def test_unattributed_silence_answers_only_a_recent_item(ledger: Ledger) -> None:
    near = "Maduro requested a second call with Trump. There was no reply."
    far = (
        "Maduro requested a second call with Trump. Oil prices rose. Markets fell. "
        "Analysts said there was no reply to the question of supply."
    )
    assert only(ledger(near, ("requested", "020", "Maduro", "Trump"))).status == "unanswered"
    assert only(ledger(far, ("requested", "020", "Maduro", "Trump"))).status == "open"


def test_demand_with_a_date_to_meet_is_an_ultimatum(ledger: Ledger) -> None:
    text = "Putin demanded that Zelensky withdraw his troops by the end of June."
    item = only(
        ledger(text, ("demanded", "1056", "Putin", "Zelensky"), timexes=("the end of June",))
    )
    assert item.kind == "ultimatum"


def test_demand_on_a_date_is_no_ultimatum_and_the_date_is_not_its_what(ledger: Ledger) -> None:
    text = "Putin demanded a ceasefire on Monday."
    item = only(ledger(text, ("demanded", "1056", "Putin", "Zelensky"), timexes=("Monday",)))
    assert (item.kind, item.what) == ("demand", "a ceasefire")


def test_accepting_a_named_offer_answers_it_and_opens_nothing(ledger: Ledger) -> None:
    text = "Lula offered to host talks in Brasilia. Maduro accepted the offer."
    item = only(ledger(text, ("offered", "036", "Lula", None), ("accepted", "030", "Maduro", None)))
    assert (item.kind, item.from_, item.to, item.status) == (
        "offer",
        "BRAGOV",
        "VENGOV",
        "accepted",
    )


def test_agreeing_to_something_else_accepts_nothing(ledger: Ledger) -> None:
    text = "Lula asked Maduro to free the prisoners. Maduro agreed to hold new elections."
    item = only(ledger(text, ("asked", "0253", "Lula", "Maduro")))
    assert item.status == "open"


def test_offer_first_named_as_it_is_rejected(ledger: Ledger) -> None:
    text = "Maduro rejected Trump's offer of safe passage to Turkey."
    item = only(ledger(text))
    assert (item.kind, item.from_, item.to, item.status) == (
        "offer",
        "USAGOV",
        "VENGOV",
        "rejected",
    )
    assert item.what == "safe passage to Turkey"
