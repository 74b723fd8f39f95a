"""The places stage: finding toponyms and resolving ambiguous names."""

from __future__ import annotations

from datetime import date
from math import asin, cos, radians, sin, sqrt

import pytest
from spacy.language import Language

from eventwire.analysis import Analysis
from eventwire.geo import GeoRecord, load_gazetteer
from eventwire.geo.names import name_key
from eventwire.model import Place
from eventwire.options import Options
from eventwire.stages.places import distinct_places, find_places


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = radians(lat1), radians(lat2), radians(lon2 - lon1)
    a = sin((p2 - p1) / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(a))


@pytest.fixture(scope="module")
def analysis_of(nlp: Language):
    def run(text: str) -> Analysis:
        analysis = Analysis(doc=nlp(text), published=date(2025, 12, 1), options=Options())
        analysis.places = find_places(analysis)
        return analysis

    return run


@pytest.fixture(scope="module")
def places_of(analysis_of):
    def run(text: str) -> dict[str, Place]:
        return {p.text: p for p in analysis_of(text).places}

    return run


def near(place: Place, lat: float, lon: float, radius: float = 50.0) -> bool:
    assert place.lat is not None and place.lon is not None
    return km(place.lat, place.lon, lat, lon) <= radius


# ------------------------------------------------------------------ names and the gazetteer


def test_name_keys_ignore_case_accents_dots_and_the() -> None:
    assert name_key("the U.S.") == name_key("US") == "us"
    assert name_key("Bogotá") == name_key("bogota")
    assert name_key("Guinea-Bissau") == name_key("Guinea Bissau")


@pytest.mark.parametrize(
    ("alias", "iso3"),
    [
        ("U.S.", "USA"),
        ("US", "USA"),
        ("America", "USA"),
        ("the United States", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("Ivory Coast", "CIV"),
        ("DR Congo", "COD"),
        ("Holland", "NLD"),
        ("Burma", "MMR"),
        ("Türkiye", "TUR"),
    ],
)
def test_country_aliases(alias: str, iso3: str) -> None:
    assert load_gazetteer().country_of_name(alias) == iso3


def test_the_gazetteer_is_built_once() -> None:
    assert load_gazetteer() is load_gazetteer()


def test_every_country_has_coordinates() -> None:
    gaz = load_gazetteer()
    missing = [iso3 for iso3, r in gaz.countries.items() if r.lat is None and r.population > 10**6]
    assert missing == []


# ------------------------------------------------------------------ finding toponyms


def test_demonyms_are_not_places(places_of) -> None:
    places = places_of("Venezuelan and Colombian officials met French diplomats.")
    assert places == {}


def test_countries_used_as_actors_are_still_places(places_of) -> None:
    places = places_of("Venezuela said Colombia's president would visit.")
    assert places["Venezuela"].country == "VEN" and places["Venezuela"].kind == "country"
    assert places["Colombia"].country == "COL"


def test_a_name_inside_an_organisation_is_not_a_place(places_of) -> None:
    places = places_of("Sources told the Miami Herald that talks had stalled.")
    assert "Miami" not in places


def test_institutions_are_not_towns(places_of) -> None:
    assert places_of("Officials at the White House said Brent crude rose.") == {}


def test_a_capitalised_institution_after_in_is_not_a_town(places_of) -> None:
    assert "Court" not in places_of("He made an appearance in Court on Monday.")


def test_a_person_is_not_a_town_of_the_same_name(places_of) -> None:
    text = "Hillary Clinton spoke in Ohio. Later Clinton said she would win."
    places = places_of(text)
    assert list(places) == ["Ohio"]


def test_acronyms_of_organisations_are_not_towns(places_of) -> None:
    places = places_of("The U.N. and the U.S. met in Geneva.")
    assert "U.N." not in places
    assert places["U.S."].country == "USA" and places["Geneva"].country == "CHE"


def test_every_mention_is_reported_and_can_be_reduced_to_places(analysis_of) -> None:
    analysis = analysis_of("Iran warned Israel. Israel said Iran would pay.")
    assert [p.text for p in analysis.places] == ["Iran", "Israel", "Israel", "Iran"]
    assert [p.text for p in distinct_places(analysis.places)] == ["Iran", "Israel"]
    assert distinct_places(analysis.places)[1].span == analysis.places[1].span


def test_spans_index_the_text(analysis_of) -> None:
    analysis = analysis_of("Troops massed near Kharkiv, Ukraine’s second city.")
    for place in analysis.places:
        assert analysis.text[place.span[0] : place.span[1]] == place.text
    assert [p.text for p in analysis.places] == ["Kharkiv", "Ukraine"]


# ------------------------------------------------------------------ disambiguation


def test_cartagena_alone_is_the_colombian_city(places_of) -> None:
    place = places_of("Officials met in Cartagena on Monday.")["Cartagena"]
    assert place.country == "COL" and place.kind == "city"
    assert near(place, 10.39, -75.51)


def test_cartagena_in_a_spanish_story_is_the_spanish_port(places_of) -> None:
    text = "The Spanish navy docked in Cartagena. Spain's defence minister visited the base."
    assert places_of(text)["Cartagena"].country == "ESP"


def test_the_colombian_city_of_cartagena(places_of) -> None:
    text = "Spain and Spanish officials backed the Colombian city of Cartagena as a venue."
    assert places_of(text)["Cartagena"].country == "COL"


def test_explicit_country_after_a_comma_wins(places_of) -> None:
    text = "Spanish and Chilean officials met in Cartagena, Colombia."
    assert places_of(text)["Cartagena"].country == "COL"


def test_a_town_unknown_in_the_named_country_is_placed_in_that_country(places_of) -> None:
    place = places_of("A farmer was killed in Selea, Sudan.")["Selea"]
    assert place.country == "SDN"


def test_a_division_after_a_comma_holds_the_place_in_the_document_country(places_of) -> None:
    text = "Gunmen in Nigeria kidnapped a diplomat on the way to Jaji, Kaduna."
    place = places_of(text)["Jaji"]  # not the district of Jaji in Afghanistan
    assert place.country == "NGA"


def test_a_division_after_a_comma_in_another_country_does_not_hold_the_place(places_of) -> None:
    text = "In Australia, floods cut off Wilberforce, North Western Province, near Sydney."
    assert places_of(text)["Wilberforce"].country != "LKA"


def test_a_list_of_names_is_no_country_qualifier(places_of) -> None:
    places = places_of("Outbreaks of the Bundibugyo, Côte d'Ivoire and Sudan strains have killed.")
    assert places["Bundibugyo"].country == "UGA"


def test_a_place_inside_a_named_city_is_placed_in_it(places_of) -> None:
    place = places_of("Students staged a sit-in in El Manar area of Tunis.")["El Manar"]
    assert place.country == "TUN" and near(place, 36.82, 10.17)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("They met in Tunis.", "Tunis", "TUN"),  # the parser calls it a language
        ("A bomb exploded near a police station in Al Arish.", "Al Arish", "EGY"),
        ("Residents of Lagos State staged a protest.", "Lagos", "NGA"),
        ("Fighting broke out in Côte d'Ivoire.", "Côte d'Ivoire", "CIV"),
    ],
)
def test_names_the_parser_misreads_are_still_places(
    places_of, text: str, name: str, country: str
) -> None:
    places = places_of(text)
    assert name in places and places[name].country == country, places


def test_paris_is_paris_france_unless_texas_is_named(places_of) -> None:
    assert places_of("The festival moved to Paris.")["Paris"].country == "FRA"
    american = places_of("American voters in Paris, Texas, went to the polls.")
    assert american["Paris"].country == "USA" and near(american["Paris"], 33.66, -95.56)
    assert american["Texas"].kind == "region"


def test_long_beach_ca_is_in_california(places_of) -> None:
    places = places_of("A man was arrested in Long Beach, CA on Friday.")
    assert near(places["Long Beach"], 33.77, -118.19)
    assert places["CA"].name == "California"


def test_georgia_is_the_country_unless_the_story_is_american(places_of) -> None:
    country = places_of("Georgia said Russia had violated the ceasefire.")["Georgia"]
    assert country.kind == "country" and country.country == "GEO"
    state = places_of("Voters in Georgia and Florida backed the American senator.")["Georgia"]
    assert state.kind == "region" and state.country == "USA"


def test_georgia_listed_with_countries_is_the_country(places_of) -> None:
    text = "Voters in Ohio, Florida and Michigan fear Russia could invade Georgia and Ukraine."
    georgia = places_of(text)["Georgia"]
    assert georgia.kind == "country" and georgia.country == "GEO"


def test_other_names_of_big_cities(places_of) -> None:
    places = places_of("Russian troops shelled Kiev and Odessa, and envoys met in Philadelphia.")
    assert places["Kiev"].name == "Kyiv" and places["Odessa"].country == "UKR"
    assert places["Philadelphia"].country == "USA"  # not Amman, once called Philadelphia


def test_a_bare_country_name_is_never_a_town(places_of) -> None:
    # Cuba has towns called Venezuela and Colombia; the names still mean the countries.
    places = places_of("Cuban officials said Venezuela and Colombia had agreed.")
    assert places["Venezuela"].kind == "country" and places["Venezuela"].country == "VEN"
    assert places["Colombia"].country == "COL"


def test_state_word_picks_the_state(places_of) -> None:
    places = places_of("The governor of Washington state met officials in Washington.")
    assert [p.kind for p in places_of("Fires spread across Washington state.").values()] == [
        "region"
    ]
    assert places["Washington"].kind == "city"


def test_directional_phrases_resolve_to_the_country(places_of) -> None:
    places = places_of("Ships patrolled off Venezuela's northern coast and in northern Syria.")
    coast = places["Venezuela's northern coast"]
    assert coast.country == "VEN" and coast.kind in {"region", "feature"}
    assert places["northern Syria"].country == "SYR"


def test_directions_move_the_point(places_of) -> None:
    places = places_of("Rebels held northern Syria; the army held southern Syria and Syria's east.")
    north, south = places["northern Syria"], places["southern Syria"]
    assert north.lat is not None and south.lat is not None and north.lat > south.lat + 1
    assert north.kind == "region" and places["Syria's east"].country == "SYR"


def test_seas_and_regions(places_of) -> None:
    places = places_of("Tankers crossed the Strait of Hormuz and the Red Sea.")
    assert places["Strait of Hormuz"].kind == "feature"
    assert near(places["Red Sea"], 20.0, 38.5, radius=300)


# ------------------------------------------------------------ towns, provinces and districts


def test_divisions_have_their_own_points_not_the_country_s() -> None:
    gaz = load_gazetteer()
    (alberta,) = [m.record for m in gaz.lookup("Alberta") if m.record.source == "admin1"]
    canada = gaz.countries["CAN"]
    assert alberta.country == "CAN" and alberta.kind == "region"
    assert km(alberta.lat, alberta.lon, canada.lat, canada.lon) > 1000
    assert km(alberta.lat, alberta.lon, 53.55, -113.49) < 250  # Edmonton


def region_named(name: str, iso3: str) -> GeoRecord:
    (record,) = [
        m.record
        for m in load_gazetteer().lookup(name)
        if m.record.country == iso3 and m.record.source in {"admin1", "us_state", "subdivision"}
    ]
    return record


def test_a_province_lies_at_the_middle_of_its_area_not_of_its_towns() -> None:
    # Queensland's and Ontario's towns crowd the coast and the south; atlases put them inland
    queensland, ontario = region_named("Queensland", "AUS"), region_named("Ontario", "CAN")
    assert km(queensland.lat, queensland.lon, -22.0, 144.5) < 100
    assert km(ontario.lat, ontario.lon, 50.0, -86.0) < 100
    florida = region_named("Florida", "USA")  # not pulled south by the Keys
    assert km(florida.lat, florida.lon, 28.0, -81.5) < 100


def test_a_province_s_point_stays_among_its_towns() -> None:
    # a misfiled town far away does not drag Jiangsu inland: the point is the known one
    jiangsu = region_named("Jiangsu", "CHN")
    assert km(jiangsu.lat, jiangsu.lon, 33.0, 120.0) < 100


def test_an_iso_subdivision_lies_in_its_area_not_at_a_namesake_town() -> None:
    samburu = region_named("Samburu", "KEN")  # the county, not the coastal town of Samburu
    assert km(samburu.lat, samburu.lon, 1.5, 37.0) < 100


def test_districts_are_indexed_by_full_and_short_name() -> None:
    gaz = load_gazetteer()
    full = {m.record.source for m in gaz.lookup("Nakaseke District")}
    assert "admin2" in full
    assert any(m.record.source == "admin1" for m in gaz.lookup("Lualaba"))
    assert any(m.record.name == "Idlib" for m in gaz.lookup("Idleb"))  # a news form


def test_small_towns_are_known() -> None:
    towns = [m.record for m in load_gazetteer().lookup("Pandi") if m.record.country == "PHL"]
    assert towns and towns[0].admin2 is not None


def test_an_explicit_container_picks_the_town(places_of) -> None:
    places = places_of("Hogs were culled at a farm in Pandi, Bulacan on Sunday.")
    assert places["Pandi"].country == "PHL" and near(places["Pandi"], 14.87, 120.96)
    places = places_of("Cases were reported in the town (Arua, Northern Region) this week.")
    assert places["Arua"].country == "UGA"
    assert places["Northern Region"].country == "UGA"  # the container is a place too


def test_a_quarter_before_its_city_is_placed_in_that_city(places_of) -> None:
    places = places_of("Hundreds marched through the streets of Wentworth, Durban, singing.")
    assert places["Wentworth"].country == "ZAF" and near(places["Wentworth"], -29.86, 31.03, 30)
    listed = places_of("Protests spread to Paris, London and Berlin on Saturday.")
    assert listed["Paris"].country == "FRA" and listed["London"].country == "GBR"


def test_a_division_known_by_another_spelling_or_with_its_kind_word(places_of) -> None:
    places = places_of("Fighting was reported in Galgaduud and near Baidoa in Bay region.")
    assert places["Galgaduud"].country == "SOM"
    assert places["Bay region"].country == "SOM" and places["Bay region"].kind == "region"


def test_departments_and_titles_of_institutions_are_no_places(places_of) -> None:
    places = places_of(
        "The Killeen Police Department and the Justice Department investigate, the Vice"
        " Minister of Health said."
    )
    assert not {"Police", "Justice", "Vice"} & set(places)


def test_a_town_by_another_language_s_name_needs_more_than_a_list(places_of) -> None:
    assert "Hamas" not in places_of("Israel and Hamas agreed to a truce on Sunday.")


def test_a_container_that_does_not_hold_the_place_is_no_evidence(places_of) -> None:
    places = places_of("The report was written by Kiri, Northern Region's health officer.")
    assert "Kiri" not in places
    assert "Northern Region" not in places or places["Northern Region"].kind == "region"


def test_the_kind_word_picks_the_state_or_the_town(places_of) -> None:
    places = places_of("Fires spread across Washington state and New York State this week.")
    assert places["Washington"].kind == "region" and near(places["Washington"], 47.4, -120.5, 300)
    assert places["New York"].kind == "region"
    province = places_of("Jets struck the province of Idlib on Monday.")["Idlib"]
    town = places_of("Jets struck the town of Idlib on Monday.")["Idlib"]
    assert province.kind == "region" and town.kind == "city"


def test_a_bare_name_is_the_town_its_province_is_named_after(places_of) -> None:
    assert places_of("Jets struck Idlib on Monday.")["Idlib"].kind == "city"


def test_the_document_s_country_beats_a_better_known_homonym(places_of) -> None:
    text = (
        "British health officials said the outbreak in England had spread. Cases were "
        "confirmed in Plymouth, and a laboratory in Oxford is testing samples, the UK said."
    )
    places = places_of(text)
    assert places["Plymouth"].country == "GBR" and places["Oxford"].country == "GBR"
    text = "Police in Ohio said a man was arrested in Oxford after a chase near Dayton."
    assert places_of(text)["Oxford"].country == "USA"


def test_common_words_that_are_town_names_are_not_places(places_of) -> None:
    text = (
        "Young people queued for mobile phones. Price rises hit shoppers, said Tom Young, "
        "and Mobile banking grew."
    )
    places = places_of(text)
    assert not {"Young", "Price", "Mobile"} & set(places)


def test_an_untagged_small_town_after_a_preposition_is_a_place(places_of) -> None:
    places = places_of("Gunmen attacked a market in Nakaseke on Tuesday, police said.")
    assert places["Nakaseke"].country == "UGA"


def test_a_country_without_a_listed_point_lies_amid_its_towns_not_at_its_capital() -> None:
    bulgaria = load_gazetteer().countries["BGR"]
    assert bulgaria.lat is not None and bulgaria.lon is not None
    assert km(bulgaria.lat, bulgaria.lon, 42.70, 23.32) > 100  # Sofia lies in the far west
    assert km(bulgaria.lat, bulgaria.lon, 42.7, 25.3) < 100


def test_a_direction_of_a_name_makes_it_a_place(places_of) -> None:
    text = "Clan militias clashed west of Beledweyne. Fighting spread in southern Mudug."
    places = places_of(text)
    assert places["Beledweyne"].country == "SOM"
    assert places["Mudug"].country == "SOM" and places["Mudug"].kind == "region"


def test_a_move_to_a_name_makes_it_a_place_where_the_parser_sees_a_person(places_of) -> None:
    text = "Gunmen attacked a convoy on the main highway to Maxixe. Soldiers returned fire."
    assert places_of(text)["Maxixe"].country == "MOZ"


def test_a_local_government_word_makes_a_place(places_of) -> None:
    places = places_of("Unknown gunmen attacked the convoy in Obafemi-Owode LGA.")
    assert places["Obafemi-Owode"].country == "NGA"


def test_institutions_and_people_of_a_place_name_it(places_of) -> None:
    text = (
        "Masvingo municipal police clashed with vendors. The NSW government confirmed new "
        "cases, and Queensland Premier Peter Beattie declared an emergency."
    )
    places = places_of(text)
    assert places["Masvingo"].country == "ZWE"
    assert places["NSW"].name == "New South Wales" and places["Queensland"].country == "AUS"


def test_a_country_opening_an_agency_s_name_is_a_place_a_newspaper_s_is_not(places_of) -> None:
    places = places_of("The U.S. Centers for Disease Control told The Arizona Republic so.")
    assert places["U.S."].country == "USA"
    assert "Arizona" not in places


def test_an_unknown_village_is_placed_in_the_district_after_it(places_of) -> None:
    places = places_of("People protested against the government in Kersa, Arsi.")
    assert places["Arsi"].country == "ETH" and places["Arsi"].kind == "region"


def test_an_arabic_article_alone_is_no_place(places_of) -> None:
    assert "Al" not in places_of("Fighters of Al Shabaab attacked the base in Al.")


def test_kenya_s_former_provinces_are_regions_of_kenya(places_of) -> None:
    places = places_of('Police fired on protesters in "Nyanza region", killing five.')
    assert places["Nyanza"].country == "KEN" and places["Nyanza"].kind == "region"


def test_a_part_of_a_town_before_its_name_makes_it_a_place(places_of) -> None:
    places = places_of("Residents blocked the road in a neighbourhood of Constantine on Monday.")
    assert places["Constantine"].country == "DZA"


def test_a_place_before_the_title_of_its_office_is_a_place(places_of) -> None:
    places = places_of("NSW Premier Gladys Berejiklian and Gloversville Mayor Dayton King spoke.")
    assert places["NSW"].country == "AUS" and places["Gloversville"].country == "USA"


def test_institution_words_need_a_name_that_opens_its_phrase(places_of) -> None:
    text = (
        "The Louisville Metro Council voted. NATO chief Jaap de Hoop Scheffer spoke. He is "
        "at Princess Margaret Hospital."
    )
    assert not {"Metro", "NATO", "Margaret"} & set(places_of(text))


def test_a_name_after_a_town_and_a_comma_is_its_state_not_a_city(places_of) -> None:
    places = places_of("A girl from Buffalo, New York died of the flu.")
    assert places["New York"].kind == "region" and places["New York"].name == "New York"
    assert km(places["New York"].lat, places["New York"].lon, 40.71, -74.01) > 161


def test_a_name_listed_with_states_is_the_state(places_of) -> None:
    places = places_of("Cases were confirmed in Texas, Kansas, New York and Ohio.")
    assert places["New York"].kind == "region"


def test_an_office_of_a_state_picks_the_state(places_of) -> None:
    places = places_of("New York Governor Andrew Cuomo declared an emergency.")
    assert places["New York"].kind == "region" and places["New York"].name == "New York"


def test_a_name_the_document_places_elsewhere_is_a_place_again(analysis_of) -> None:
    text = (
        "The dog was found in a caravan park in Cornwall in South West England. "
        "Devon and Cornwall police were alerted."
    )
    found = [p for p in analysis_of(text).places if p.text == "Cornwall"]
    assert len(found) == 2 and all(p.country == "GBR" for p in found)


def test_a_name_placed_elsewhere_is_still_no_place_inside_a_longer_name(analysis_of) -> None:
    text = "He met the Bank of America chief in Chicago. He then flew to America."
    spans = [p.span for p in analysis_of(text).places if p.text == "America"]
    assert spans == [(text.index("to America") + 3, len(text) - 1)]


def test_a_person_entity_with_a_kind_word_is_no_person_name(analysis_of) -> None:
    text = "Children in SOS Children's Village Malakal are safe. Flights into Malakal resumed."
    found = [p for p in analysis_of(text).places if p.text == "Malakal"]
    assert found and all(p.country == "SSD" for p in found)


def test_both_ends_of_a_route_are_places(places_of) -> None:
    places = places_of("A bus plying the Mandera-Nairobi route was attacked.")
    assert places["Mandera"].country == "KEN" and places["Nairobi"].country == "KEN"
    assert places_of("Coca-Cola Road is closed.") == {}  # a capitalised name is no route


def test_a_kind_word_in_an_institution_s_name_is_no_town(places_of) -> None:
    places = places_of("Children in the SOS Children's Village are safe, staff in Juba said.")
    assert "Village" not in places


def test_divisions_that_only_the_points_database_names_as_news_does() -> None:
    north_darfur = region_named("North Darfur", "SDN")
    assert km(north_darfur.lat, north_darfur.lon, 15.8, 25.0) < 200
    oromia = region_named("Oromia", "ETH")
    assert km(oromia.lat, oromia.lon, 7.5, 40.0) < 200
    assert not any(m.record.source == "subdivision" for m in load_gazetteer().lookup("Plateau"))


def test_named_groups_tell_the_story_s_country(places_of) -> None:
    # Leer is a German town and a South Sudanese one; the SPLA places the story
    places = places_of("SPLA fighters shelled positions near Leer overnight.")
    assert places["Leer"].country == "SSD"
    assert places_of("Flooding closed roads near Leer overnight.")["Leer"].country == "DEU"


def test_parts_of_continents_islands_lakes_and_rivers(places_of) -> None:
    places = places_of("Drought has spread across East Africa, from the Nile to Lake Victoria.")
    assert near(places["East Africa"], -2.0, 37.0, 300)  # not Africa's middle
    assert places["Lake Victoria"].kind == "feature"
    java = places_of("Floods hit central Java and Sumatra in Indonesia this week.")
    assert java["Java"].country == "IDN" and java["Sumatra"].country == "IDN"
    titicaca = places_of("Fishermen on Lake Titicaca reported the lowest water in decades.")
    assert titicaca["Lake Titicaca"].country is None and near(
        titicaca["Lake Titicaca"], -15.8, -69.4
    )


def test_a_container_after_a_comma_and_in(places_of) -> None:
    places = places_of("Austin, in Scott County, Indiana, saw the outbreak begin.")
    assert places["Austin"].country == "USA" and near(places["Austin"], 38.76, -85.81)
    assert "in Scott County" not in places  # the container's span holds no "in"
    peru = places_of("A spill in the province of Cajamarca, in Peru, poisoned residents.")
    assert peru["Cajamarca"].country == "PER"


def test_a_province_named_by_words_the_parser_splits_or_opens_a_sentence_with(places_of) -> None:
    kashmir = places_of("In the Indian state of Jammu and Kashmir, roads were closed.")
    assert "Jammu and Kashmir" in kashmir and kashmir["Jammu and Kashmir"].kind == "region"
    wales = places_of("Victoria has most cases. New South Wales is second with 74.")
    assert wales["New South Wales"].country == "AUS" and "Wales" not in wales


def test_a_name_listed_with_provinces_is_the_province(places_of) -> None:
    places = places_of("Cases occurred in British Columbia, Alberta, Ontario and New Brunswick.")
    assert places["New Brunswick"].country == "CAN"
    listed = places_of("People fell ill in New York City, Long Island, New York and New Jersey.")
    assert listed["Long Island"].country == "USA"  # not the Bahamian island of that name


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # the second object of a preposition of place, which the parser calls a person
        ("Students protested in Kebili and Sbikha.", "Sbikha", "TUN"),
        ("Students protested in Assiut and Kebili.", "Kebili", "TUN"),
        # a site in lower case, of the name
        ("Protests in the hospital of Kerkennah against staff shortage.", "Kerkennah", "TUN"),
        # a known city's possessive inside the name of a building
        ("A car bomb exploded at Benghazi’s Al-Jalaa Hospital.", "Benghazi", "LBY"),
        # the seat of an institution, after a comma
        ("Workers at the Federal University of Agriculture, Abeokuta have paralysed activities.",
         "Abeokuta", "NGA"),
    ],
)  # fmt: skip
def test_words_around_a_name_that_make_it_a_place(
    places_of, text: str, name: str, country: str
) -> None:
    places = places_of(text)
    assert name in places and places[name].country == country, places


def test_a_person_named_after_an_institution_and_a_comma_is_no_place(places_of) -> None:
    places = places_of("Aid was sent by the Red Cross, Joseph Stein said.")
    assert "Joseph" not in places, places
