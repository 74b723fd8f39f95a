"""Headlines in the present tense, whose verb the parser reads as a noun, parsed again with
the verb's past form (eventwire/nlp.py)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.api import analyze
from eventwire.nlp import headline_candidates


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Rebels shell Marawi overnight, residents flee.", "shell"),
        ("Taliban ambush a convoy near Herat.", "ambush"),
        ("Army attack rebel camps in the hills.", "attack"),
        ('"Armed bandits" raid a village near Zaria.', "raid"),
    ],
)
def test_a_headline_verb_is_a_verb(nlp: Language, text: str, verb: str) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == verb)
    assert token.pos_ == "VERB", [(t.text, t.pos_, t.dep_) for t in doc]
    assert token.lemma_ == verb and doc.text == text  # the words and offsets are the text's


def test_only_the_headline_sentence_is_parsed_again(nlp: Language) -> None:
    text = "Officials said the talks went well. Rebels shell Marawi overnight. Residents fled."
    doc = nlp(text)
    assert [s.text for s in doc.sents] == [
        "Officials said the talks went well.", "Rebels shell Marawi overnight.", "Residents fled."
    ]  # fmt: skip
    assert next(t for t in doc if t.text == "shell").pos_ == "VERB"
    assert all(t.head.sent == t.sent for t in doc)


@pytest.mark.parametrize(
    "text",
    [
        "A bomb attack killed five people in Kabul.",
        "The attack on the convoy was condemned.",
        "U.S. Lifts Travel Ban to Lebanon.",
        "According to the UN release, aid resumed.",
        "Rebels attacked the town on Monday.",
        "The ad slams Kasich for voting in favor of an assault-weapons ban in 1994.",
        "Marco Rubio, speaking at a Super Tuesday rally in Miami, is criticized.",
    ],
)
def test_nouns_and_real_verbs_are_left_alone(nlp: Language, text: str) -> None:
    assert headline_candidates(nlp(text)) == []


def test_a_headline_is_coded_with_its_actors_and_place() -> None:
    result = analyze("Fighters of the Taliban ambush an army convoy near Herat, killing nine.")
    codes = {e.cameo[:2] for e in result.events}
    assert codes & {"18", "19"}, [(e.cameo, e.text) for e in result.events]
    assert any(e.location is not None and e.location.country == "AFG" for e in result.events)
