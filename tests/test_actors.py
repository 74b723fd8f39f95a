"""The actors stage: each way a mention is resolved, on short texts written for the tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language

from eventwire.actors.kb import load_kb
from eventwire.analysis import ActorIndex, Mention
from eventwire.options import Options
from eventwire.pipeline import actors_of, run_stages

ONLY_ACTORS = Options(stages=("places", "actors"))


@pytest.fixture(scope="module")
def actors(nlp: Language) -> Callable[..., tuple[str, ActorIndex]]:
    """actors(text, published="2025-12-01") -> (text, the ActorIndex of the stage)."""

    def run(text: str, published: str = "2025-12-01") -> tuple[str, ActorIndex]:
        analysis = run_stages(nlp(text), date.fromisoformat(published), ONLY_ACTORS)
        return text, analysis.actors

    return run


def mention(found: tuple[str, ActorIndex], surface: str, nth: int = 0) -> Mention:
    """The mention whose text is exactly `surface` (the nth such in the text)."""
    text, index = found
    hits = [m for m in index.mentions if text[m.start : m.end] == surface and not m.members]
    assert len(hits) > nth, f"no mention {surface!r} among {surfaces(found)}"
    return hits[nth]


def surfaces(found: tuple[str, ActorIndex]) -> list[str]:
    text, index = found
    return [text[m.start : m.end] for m in index.mentions]


def test_full_name_from_the_knowledge_base(actors):
    m = mention(actors("Donald Trump met reporters on Friday."), "Donald Trump")
    assert (m.entity.code, m.entity.country, m.entity.sector) == ("USAGOV", "USA", "GOV")
    assert m.how == "name"


def test_role_of_the_publication_date(actors):
    then = mention(
        actors("Barack Obama spoke to reporters.", published="2016-05-02"), "Barack Obama"
    )
    assert then.entity.code == "USAGOV"
    now = mention(
        actors("Barack Obama spoke to reporters.", published="2025-05-02"), "Barack Obama"
    )
    assert now.entity.code != "USAGOV" and now.entity.country == "USA"


def test_the_result_lists_each_actor_once(nlp):
    text = "Donald Trump called Nicolás Maduro. Trump and Maduro spoke for an hour."
    index = run_stages(nlp(text), date(2025, 12, 1), ONLY_ACTORS).actors
    result = actors_of(index)
    names = [a.name for a in result]
    assert names == ["Donald Trump", "Nicolás Maduro"]
    assert len(result[0].mentions) == 2


def test_surname_after_full_name_is_the_same_person(actors):
    found = actors("Nicolás Maduro spoke on television. Later, Maduro left for a rally.")
    first, second = mention(found, "Nicolás Maduro"), mention(found, "Maduro")
    assert second.entity == first.entity and second.entity.code == "VENGOV"
    assert second.how == "surname"


def test_title_before_a_known_name(actors):
    m = mention(actors("President Trump confirmed the call."), "President Trump")
    assert (m.entity.name, m.entity.code, m.how) == ("Donald Trump", "USAGOV", "title")


def test_title_gives_an_unknown_person_role_and_country(actors):
    found = actors(
        "Venezuelan Foreign Minister Tomás Aldana rejected the claims. "
        "Aldana said the country would resist."
    )
    m = mention(found, "Venezuelan Foreign Minister Tomás Aldana")
    assert (m.entity.code, m.how) == ("VENGOV", "title")
    assert mention(found, "Aldana").entity == m.entity


def test_title_without_country_takes_the_country_of_the_story(actors):
    found = actors(
        "Venezuela rejected the plan on Monday. Venezuela closed its airspace. "
        "Defense Minister Ramiro Ostos said troops were ready."
    )
    assert mention(found, "Defense Minister Ramiro Ostos").entity.code == "VENGOV"


def test_former_title_keeps_the_country_only(actors):
    found = actors(
        "Venezuela held an election. Venezuela's rulers claimed victory over "
        "former diplomat Anselmo Briceño."
    )
    assert mention(found, "former diplomat Anselmo Briceño").entity.code == "VEN"


@pytest.mark.parametrize(
    "text",
    [
        "Colombia's president, Tomás Ordóñez, proposed talks.",
        "Tomás Ordóñez, Colombia's president, proposed talks.",
    ],
)
def test_apposition_tells_the_role(actors, text):
    found = actors(text)
    name, role = mention(found, "Tomás Ordóñez"), mention(found, "Colombia's president")
    assert name.entity == role.entity and name.entity.code == "COLGOV"
    assert role.how == "apposition"


def test_possessive_description(actors):
    found = actors("Nicolás Maduro spoke. Maduro's regime rejected the offer.")
    m = mention(found, "Maduro's regime")
    assert (m.entity.code, m.entity.kind, m.how) == ("VENGOV", "group", "possessive")


def test_descriptions_of_groups(actors):
    found = actors(
        "The Trump administration pressed on. The Venezuelan opposition "
        "welcomed the pressure, while the Venezuelan regime denounced it."
    )
    assert mention(found, "The Trump administration").entity.code == "USAGOV"
    assert mention(found, "The Venezuelan opposition").entity.code == "VENOPP"
    assert mention(found, "the Venezuelan regime").entity.code == "VENGOV"


def test_definite_description_points_back_to_the_person(actors):
    found = actors("Donald Trump called Nicolás Maduro. The Venezuelan leader refused to resign.")
    leader = mention(found, "The Venezuelan leader")
    assert leader.entity.name == "Nicolás Maduro" and leader.how == "description"
    found = actors("Gustavo Petro met the Venezuelan opposition. Later the president spoke.")
    assert mention(found, "the president").entity.name == "Gustavo Petro"


def test_description_of_a_newspaper(actors):
    found = actors(
        "The Wall Street Journal published an editorial. The editorial board "
        "urged the White House to act."
    )
    board = mention(found, "The editorial board")
    assert board.entity.name == "Wall Street Journal" and board.entity.code == "USAMED"


def test_indefinite_description_does_not_corefer(actors):
    found = actors("Donald Trump spoke. A president from Africa listened.")
    assert "A president" not in surfaces(found)


def test_demonym_with_agent_noun(actors):
    found = actors("Venezuelan troops crossed the border, U.S. officials said.")
    troops, officials = mention(found, "Venezuelan troops"), mention(found, "U.S. officials")
    assert (troops.entity.code, troops.how) == ("VENMIL", "demonym")
    assert officials.entity.code == "USAGOV"
    assert "U.S." not in surfaces(found)  # the state is part of the description


def test_states_are_coded_by_country_alone(actors):
    m = mention(actors("Maduro accused the U.S. of theft."), "U.S.")
    assert (m.entity.code, m.entity.country, m.entity.sector, m.entity.kind) == (
        "USA",
        "USA",
        None,
        "state",
    )


def test_capital_as_government_but_not_as_place(actors):
    found = actors(
        "Washington warned Caracas on Monday. Talks were later held in Bogotá. "
        "Shares rose on London's stock exchange."
    )
    washington, caracas = mention(found, "Washington"), mention(found, "Caracas")
    assert (washington.entity.code, washington.how) == ("USAGOV", "capital")
    assert caracas.entity.code == "VENGOV"
    assert "Bogotá" not in surfaces(found) and "London" not in surfaces(found)


def test_international_organisation(actors):
    found = actors(
        "In a letter to the Organization of the Petroleum Exporting Countries, "
        "Maduro accused the U.S. of theft."
    )
    m = mention(found, "the Organization of the Petroleum Exporting Countries")
    assert (m.entity.code, m.entity.country) == ("IGOBUSOPC", "IGO")


def test_subject_pronoun_takes_the_previous_subject(actors):
    found = actors("Donald Trump called Nicolás Maduro on Friday. He offered safe passage.")
    he = mention(found, "He")
    assert (he.entity.name, he.how) == ("Donald Trump", "pronoun")


def test_pronoun_agrees_in_gender(actors):
    found = actors(
        "Donald Trump met Ms. Ana Duarte, Brazil's foreign minister. She said the talks went well."
    )
    assert mention(found, "She").entity.name == "Ana Duarte"
    assert mention(found, "Ms. Ana Duarte").entity.code == "BRAGOV"


def test_first_person_in_a_quote_is_the_speaker(actors):
    found = actors("Donald Trump said, “I will decide soon.”")
    assert mention(found, "I").entity.name == "Donald Trump"


def test_unresolvable_pronouns_stay_unresolved(actors):
    assert surfaces(actors("He arrived late and left early.")) == []
    found = actors("Donald Trump called Vladimir Putin. Nicolás Maduro thanked him.")
    assert "him" not in surfaces(found)


def test_compound_actor_has_members(actors):
    text, index = found = actors("Brazil and the United States signed a deal.")
    compound = next(m for m in index.mentions if m.members)
    assert text[compound.start : compound.end] == "Brazil and the United States"
    assert [e.code for e in compound.members] == ["BRA", "USA"]
    assert compound.how == "compound"
    assert mention(found, "the United States").entity.code == "USA"


def test_plural_pronoun_takes_a_compound(actors):
    found = actors("Brazil and the United States signed a deal. They agreed to meet again.")
    text, index = found
    they = next(m for m in index.mentions if text[m.start : m.end] == "They")
    assert [e.code for e in they.members] == ["BRA", "USA"]


def test_compound_description(actors):
    _, index = actors("Both the U.S. and Venezuelan governments declined to comment.")
    compound = next(m for m in index.mentions if m.members)
    assert [e.code for e in compound.members] == ["USAGOV", "VENGOV"]


def test_every_mention_head_finds_its_mention(actors, nlp):
    text = (
        "Colombia's president, Gustavo Petro, proposed talks between Maduro's regime and "
        "the Venezuelan opposition. Washington and Caracas did not answer."
    )
    doc = nlp(text)
    index = run_stages(doc, date(2025, 12, 1), ONLY_ACTORS).actors
    assert index.mentions
    for m in index.mentions:
        assert index.at(doc[m.head]) is not None
        assert doc[m.head].idx >= m.start and doc[m.head].idx < m.end


def test_the_knowledge_base_is_loaded_once():
    assert load_kb() is load_kb()


def test_title_picks_the_person_it_fits(actors):
    found = actors(
        "Hillary Clinton spoke in Ohio. President Clinton joined her later.", published="2016-06-01"
    )
    assert mention(found, "President Clinton").entity.name == "Bill Clinton"
    assert mention(found, "her").entity.name == "Hillary Clinton"


def test_dateline_capital_is_not_an_actor(actors):
    found = actors("CARACAS (Reuters) - Venezuelan troops were deployed on Monday.")
    assert "CARACAS" not in surfaces(found)


def test_description_without_antecedent_is_left_alone(actors):
    found = actors("Donald Trump spoke. The fans said the king had arrived.")
    assert "the king" not in surfaces(found)


def test_noun_compound_changes_the_meaning(actors):
    found = actors("Venezuela faces a tough sanctions regime imposed last year.")
    assert not any("regime" in s for s in surfaces(found))


def test_plural_pronoun_needs_the_nearest_plural_to_be_an_actor(actors):
    found = actors("Brazil and the United States signed a deal. Lawyers said they would review it.")
    assert "they" not in surfaces(found)


def test_quotation_reopened_in_the_next_paragraph(actors):
    text = 'Donald Trump said: "We will win.\n\n"It is great." He left the stage. "Goodbye."'
    assert mention(actors(text), "He").entity.name == "Donald Trump"


def test_groups_are_named_by_state_and_sector(actors):
    found = actors("The Venezuelan opposition met. Maduro's regime refused.")
    assert mention(found, "The Venezuelan opposition").entity.name == "Venezuelan opposition"
    assert mention(found, "Maduro's regime").entity.name == "Venezuelan government"


def test_person_serving_an_organisation_takes_its_code(actors):
    found = actors("U.N. spokesman Alan Dacey said the inspectors had left.")
    assert mention(found, "U.N. spokesman Alan Dacey").entity.code == "IGOUNO"


def test_unknown_news_agency_with_a_state(actors):
    found = actors("The official Iraqi News Agency said the talks had failed.")
    m = next(m for m in found[1].mentions if m.entity.kind == "organisation")
    assert (m.entity.code, m.how) == ("IRQMED", "description")


def test_specific_title_points_back_only_to_its_holder(actors):
    found = actors(
        "Nicolás Maduro spoke on Monday. Venezuela's defence minister said troops were ready."
    )
    assert mention(found, "Venezuela's defence minister").entity.kind == "group"


def test_hyphenated_title(actors):
    found = actors(
        "Vice-President Moody Awori of Kenya declined to resign. Kenya protested.",
        published="2005-01-01",
    )
    assert mention(found, "Vice-President Moody Awori").entity.code == "KENGOV"


def test_demonym_before_a_name_gives_the_country(actors):
    found = actors("Israeli right-winger Amos Kedmi spoke in Jerusalem.")
    m = mention(found, "Israeli right-winger Amos Kedmi")
    assert (m.entity.code, m.entity.sector) == ("ISR", None)


def test_state_after_the_noun(actors):
    found = actors("Security forces in Guinea have detained refugees.")
    assert mention(found, "Security forces in Guinea").entity.code == "GINMIL"


def test_demonym_people_and_media(actors):
    found = actors("Some 800 Iraqi Kurds fled. An official Syrian newspaper called for calm.")
    assert mention(found, "Some 800 Iraqi Kurds").entity.code == "IRQ"
    assert mention(found, "An official Syrian newspaper").entity.code == "SYRMED"


def test_it_is_the_state_that_is_subject_of_the_clause(actors):
    found = actors("Iran said it would retaliate. The plan said it was fine.")
    assert [m.entity.code for m in found[1].mentions if m.how == "pronoun"] == ["IRN"]


def test_description_owned_by_a_pronoun(actors):
    found = actors(
        "Russia moved its troops to the border. Nicolás Maduro said his "
        "government would resist, and he thanked his secretary."
    )
    assert mention(found, "its troops").entity.code == "RUSMIL"
    assert mention(found, "his government").entity.code == "VENGOV"
    assert "his secretary" not in surfaces(found)
