"""Where an event happened: the clause's locative, a gloss, the dateline, the sentence, the
document (eventwire/events/location.py), with the places and actors stages in front."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from eventwire.analysis import Analysis
from eventwire.events.location import locate_event
from eventwire.model import Location
from eventwire.options import Options
from eventwire.stages.actors import find_actors
from eventwire.stages.places import find_places


@pytest.fixture(scope="module")
def analysis_of(nlp: Language):
    def run(text: str) -> Analysis:
        analysis = Analysis(doc=nlp(text), published=date(2025, 12, 1), options=Options())
        analysis.places = find_places(analysis)
        analysis.actors = find_actors(analysis)
        return analysis

    return run


def located(analysis_of, text: str, trigger: str) -> Location | None:
    analysis = analysis_of(text)
    token = next(t for t in analysis.doc if t.text == trigger)
    return locate_event(analysis, token)


def test_location_from_a_locative_preposition(analysis_of) -> None:
    location = located(analysis_of, "The two sides held talks in Doha.", "held")
    assert location is not None and (location.name, location.how) == ("Doha", "clause")
    location = located(analysis_of, "Talks in Doha ended without a deal.", "Talks")
    assert location is not None and location.name == "Doha"


def test_location_from_a_venue_argument(analysis_of) -> None:
    text = "Petro proposed the Colombian city of Cartagena as a venue for talks."
    location = located(analysis_of, text, "proposed")
    assert location is not None and location.country == "COL" and location.kind == "city"
    assert location.span is not None and location.how == "clause"


def test_location_of_a_deployment_off_a_coast(analysis_of) -> None:
    text = "The campaign included a naval deployment off Venezuela's northern coast."
    location = located(analysis_of, text, "deployment")
    assert location is not None and location.country == "VEN"


def test_location_of_a_named_facility(analysis_of) -> None:
    text = "Protesters clashed with police near the Caracas airport."
    location = located(analysis_of, text, "clashed")
    assert location is not None and location.name == "Caracas"


def test_actors_are_not_locations(analysis_of) -> None:
    assert located(analysis_of, "Venezuela said it would respond.", "said") is None
    assert located(analysis_of, "Washington warned Caracas on Monday.", "warned") is None


def test_a_town_inside_an_actor_is_where_it_acts(analysis_of) -> None:
    text = "Hundreds of Accra residents protested against high electricity tariffs."
    location = located(analysis_of, text, "protested")
    assert location is not None and location.name == "Accra"
    assert located(analysis_of, "US officials protested against the tariffs.", "protested") is None
    assert located(analysis_of, "Washington and Caracas traded accusations.", "traded") is None


def test_the_container_of_a_place_is_a_place_not_a_government(analysis_of) -> None:
    text = "Journalists picketed outside the broadcaster's offices in Seapoint, Cape Town."
    location = located(analysis_of, text, "picketed")
    assert location is not None and location.name == "Cape Town"


def test_a_place_in_another_clause_is_not_the_location(analysis_of) -> None:
    text = "Russia accused Ukraine of attacking civilians in Donetsk."
    assert located(analysis_of, text, "accused") is None
    location = located(analysis_of, text, "attacking")
    assert location is not None and (location.name, location.how) == ("Donetsk", "clause")


def test_a_parenthesised_place_glosses_the_sentence(analysis_of) -> None:
    text = "Two traders were shot dead at a market (Kisumu)."
    location = located(analysis_of, text, "shot")
    assert location is not None and (location.name, location.how) == ("Kisumu", "gloss")


def test_the_dateline_places_the_report(analysis_of) -> None:
    text = "KAMPALA, Uganda — Riot police fired tear gas at students on Tuesday."
    location = located(analysis_of, text, "fired")
    assert location is not None and (location.name, location.how) == ("Kampala", "dateline")
    text = "TRIPOLI (Reuters) - Gunmen stormed a hotel, killing four guards."
    location = located(analysis_of, text, "stormed")
    assert location is not None and (location.name, location.how) == ("Tripoli", "dateline")


def test_a_place_named_in_the_sentence_most_specific_first(analysis_of) -> None:
    text = "Gunmen from Somalia attacked a bus from Mandera in northeastern Kenya overnight."
    location = located(analysis_of, text, "attacked")
    assert location is not None and (location.country, location.how) == ("KEN", "clause")
    text = "Unidentified gunmen abducted two aid workers, Nigerian police in Maiduguri said."
    location = located(analysis_of, text, "abducted")
    assert location is not None and location.how == "sentence"
    assert location.name == "Maiduguri"


def test_the_only_place_of_a_document(analysis_of) -> None:
    text = "Students marched to parliament in Harare, Zimbabwe. Police dispersed them later."
    location = located(analysis_of, text, "dispersed")
    assert location is not None and (location.name, location.how) == ("Harare", "document")
    text = "Students marched in Harare. Police dispersed crowds in Bulawayo. They arrested many."
    assert located(analysis_of, text, "arrested") is None  # two places: none is the document's


def test_a_clause_describing_a_noun_claims_no_place_of_its_own(analysis_of) -> None:
    text = "A policeman died of gunshot wounds he sustained in an attack in Arish on Tuesday."
    location = located(analysis_of, text, "died")
    assert location is not None and location.country == "EGY"


def scene_location(analysis_of, text: str, trigger: str) -> Location | None:
    analysis = analysis_of(text)
    token = next(t for t in analysis.doc if t.text == trigger)
    return locate_event(analysis, token, scene=True)


def test_an_act_at_a_scene_takes_the_place_of_another_clause(analysis_of) -> None:
    text = "A sergeant was killed when gunmen opened fire at a checkpoint in Arish."
    location = scene_location(analysis_of, text, "killed")
    assert location is not None and (location.country, location.how) == ("EGY", "sentence")
    text = "Thousands marched to parliament to demand an end to the war in Sudan."
    assert scene_location(analysis_of, text, "marched") is None  # a purpose is no scene


def test_an_act_at_a_scene_falls_back_on_the_documents_one_country(analysis_of) -> None:
    text = "Ethiopia's police attacked pastoralists over three days."
    location = scene_location(analysis_of, text, "attacked")
    assert location is not None and (location.name, location.how) == ("Ethiopia", "country")
    assert located(analysis_of, "Ethiopia's police said the pastoralists attacked.", "said") is None
    text = "Kenya's police attacked pastoralists from Ethiopia."
    assert scene_location(analysis_of, text, "attacked") is None  # two countries


def test_a_country_after_a_preposition_of_place_is_a_place(analysis_of) -> None:
    text = "Three men held in the Gambia were allegedly tortured in detention."
    location = scene_location(analysis_of, text, "tortured")
    assert location is not None and location.country == "GMB"


def test_a_landmark_place_gives_way_to_the_place_it_locates(analysis_of) -> None:
    text = "A 500-strong crowd in Ilitha township near Berlin protested against the nomination."
    location = located(analysis_of, text, "protested")
    assert location is not None and location.name == "Ilitha"


def test_a_plural_kind_word_names_each_place_of_a_list(analysis_of) -> None:
    analysis = analysis_of("An ambush struck a convoy in Bay and Bakool regions.")
    countries = {p.name: p.country for p in analysis.places}
    assert countries.get("Bay") == "SOM" and countries.get("Bakool") == "SOM"


def test_an_act_in_a_sentence_naming_no_place_happened_where_the_previous_did() -> None:
    from eventwire.api import analyze

    text = (
        "Troops clashed with Boko Haram fighters in Dikwa and Marte on Monday. "
        "Five soldiers were wounded."
    )
    events = analyze(text, "2016-06-28").events
    later = [e for e in events if e.span[0] >= text.index("Five")]
    assert later and all(e.location is not None for e in later)
    assert {e.location.how for e in later} == {"previous"}
    assert {e.location.name for e in later} <= {"Dikwa", "Marte"}


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        ("Riot police and traders clashed at the main junction of Kampala.", "clashed", "Kampala"),
        ("Nurses demonstrated outside the offices of the Ministry of Health, Nairobi.",
         "demonstrated", "Nairobi"),
        ("Dockers rallied outside parliament in Cape Town.", "rallied", "Cape Town"),
    ],
)  # fmt: skip
def test_location_of_a_site_within_a_town(analysis_of, text: str, trigger: str, name: str) -> None:
    location = located(analysis_of, text, trigger)
    assert location is not None and (location.name, location.how) == (name, "clause")


def test_a_capital_inside_a_phrase_of_place_is_no_government(analysis_of) -> None:
    analysis = analysis_of("Riot police and traders clashed at the main junction of Kampala.")
    assert not any(m.entity.code == "UGAGOV" for m in analysis.actors.mentions)
