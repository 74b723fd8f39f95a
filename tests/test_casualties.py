"""Casualties: people killed and wounded, counted from the words that report them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from eventwire.events.casualties import load_words, number_value, sentence_mentions
from eventwire.model import DocumentResult


def mentions(nlp: Language, text: str) -> list[tuple[str, int | None]]:
    words = load_words()
    return [(m.kind, m.count) for s in nlp(text).sents for m in sentence_mentions(s, words)]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["26"], 26),
        (["2,000"], 2000),
        (["twenty", "two"], 22),
        (["two", "hundred"], 200),
        (["a", "dozen"], 12),
        (["five", "thousand", "three"], 5003),
        (["several"], None),
    ],
)
def test_number_words(words: list[str], value: int | None) -> None:
    assert number_value(words, load_words().cardinals) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen attacked the village, killing 26.", [("killed", 26)]),
        (
            "Two people were killed and 18 were wounded in the attack.",
            [("killed", 2), ("wounded", 18)],
        ),
        ("Twenty-two soldiers died in the fighting.", [("killed", 22)]),
        (
            "The bombing left five people dead and a dozen injured.",
            [("killed", 5), ("wounded", 12)],
        ),
        ("At least eight people are feared dead.", [("killed", 8)]),
        ("Police shot dead a protester.", [("killed", 1)]),
        ("A militant stabbed to death a police colonel.", [("killed", 1)]),
        ("Militants killed the commissioner and two of his bodyguards.", [("killed", 3)]),
        ("A widow and a man were killed in the raid.", [("killed", 2)]),
        ("Troops killed two and wounded one.", [("killed", 2), ("wounded", 1)]),
        ("Police wounded dozens of protesters.", [("wounded", 12)]),
        ("A total of eighteen Islamists were killed.", [("killed", 18)]),
        ("One dead and three injured when a bus hit a mine.", [("killed", 1), ("wounded", 3)]),
        ("No one was killed in the attack.", [("killed", 0)]),
        ("The strikes killed militants and civilians.", [("killed", 10)]),
        ("The strikes killed them.", [("killed", None)]),
        ("Reports said either six soldiers or a colonel were killed.", [("killed", 1)]),
        ("Between 6-8 attackers were killed in the fighting.", [("killed", 6)]),
        (
            "Two guards, one driver and one cook were killed in the ambush.",
            [("killed", 4)],
        ),
        ("The raid left a soldier and a farmer killed.", [("killed", 2)]),
        ("A trader seen near the market was shot and killed by police.", [("killed", 1)]),
        ("Shelling of the camp caused casualties of unknown number.", [("killed", 10)]),
        ("Casualties were reported, numbers not known.", [("killed", 10)]),
        ("The clashes caused many casualties.", [("killed", 10)]),
        ("No casualties were reported.", [("killed", 0)]),
        ("The attackers were repulsed without casualties.", [("killed", 0)]),
        ("Casualties were not immediately known.", []),
        ("At least 10 IS militants were killed in the fighting.", [("killed", 10)]),
        ("The death toll rose to 31, including 10 children.", [("killed", 31)]),
        ("Soldiers did not kill anyone.", []),
        ("The talks ended without agreement.", []),
    ],
)
def test_mentions(nlp: Language, text: str, expected: list[tuple[str, int | None]]) -> None:
    assert mentions(nlp, text) == expected


def killed(result: DocumentResult) -> list[tuple[str, int | None, int | None]]:
    return [
        (e.cameo, e.casualties.killed, e.casualties.wounded)
        for e in result.events
        if e.casualties is not None
    ]


def test_counts_go_to_the_event_they_report(analyze: Callable[[str], DocumentResult]) -> None:
    result = analyze("Government forces shelled the town of Idlib in Syria, killing 12 civilians.")
    counted = killed(result)
    assert len(counted) == 1 and counted[0][1:] == (12, None)
    assert counted[0][0].startswith(("18", "19", "20"))


def test_a_later_sentence_reports_on_the_last_event(
    analyze: Callable[[str], DocumentResult],
) -> None:
    text = "Gunmen attacked a boy in El Fasher in Sudan on Monday. He died the next day."
    assert [k for _, k, _ in killed(analyze(text))] == [1]


def test_restated_counts_are_not_added(analyze: Callable[[str], DocumentResult]) -> None:
    text = "Gunmen attacked a market in Kabul, killing 12 people. The death toll later rose to 15."
    assert [k for _, k, _ in killed(analyze(text))] == [15]


def test_background_killings_count_for_no_protest(
    analyze: Callable[[str], DocumentResult],
) -> None:
    text = "Students marched in Shashamane in Ethiopia against attacks that had killed nine people."
    assert killed(analyze(text)) == []


def test_no_count_is_invented(analyze: Callable[[str], DocumentResult]) -> None:
    result = analyze("Police in Nairobi arrested 30 protesters and wounded none.")
    assert all(e.casualties is None or not e.casualties.killed for e in result.events)


def test_a_state_said_of_an_event_noun_reports_on_its_event(
    analyze: Callable[[str], DocumentResult],
) -> None:
    text = "Somali forces repel a rebel attack on Baidoa, at least four dead, ten arrested."
    assert [k for _, k, _ in killed(analyze(text))] == [4]


def test_a_victim_with_a_long_description_counts_once(nlp: Language) -> None:
    text = "A man accused of robbing the community was burnt to death by a mob."
    assert mentions(nlp, text) == [("killed", 1)]


def test_a_death_with_no_place_is_coded_in_the_victims_state(
    analyze: Callable[[str], DocumentResult],
) -> None:
    result = analyze("Violence broke out near the showground when an ANC member was shot dead.")
    counted = [e for e in result.events if e.casualties is not None and e.casualties.killed]
    assert [(e.source.country, e.casualties.killed) for e in counted] == [("ZAF", 1)]


def test_no_state_is_taken_from_armed_actors(analyze: Callable[[str], DocumentResult]) -> None:
    result = analyze("Fighting broke out when Boko Haram fighters were shot dead.")
    assert all(e.source.code != "NGAUAF" for e in result.events)
