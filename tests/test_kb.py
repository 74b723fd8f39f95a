"""The actor knowledge base and the country table: names, aliases, dated roles, sectors."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors.kb import KBEntry, KnowledgeBase, Role, load_kb
from eventwire.countries import (
    countries,
    country_by_adjective,
    country_by_capital,
    country_by_name,
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("U.S.", "USA"),
        ("US", "USA"),
        ("the United States", "USA"),
        ("United States of America", "USA"),
        ("America", "USA"),
        ("UNITED STATES", "USA"),
        ("Venezuela", "VEN"),
        ("Colombia", "COL"),
        ("Türkiye", "TUR"),
        ("turkiye", "TUR"),
        ("the UK", "GBR"),
        ("Britain", "GBR"),
        ("DRC", "COD"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("North Korea", "PRK"),
        ("South Korea", "KOR"),
        ("Russia", "RUS"),
        ("Kosovo", "KSV"),
    ],
)
def test_country_by_name(text: str, iso3: str) -> None:
    assert country_by_name(text) == iso3


def test_acronyms_match_only_in_capitals() -> None:
    assert country_by_name("us") is None
    assert country_by_name("uk") is None


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("Venezuelan", "VEN"),
        ("Venezuelans", "VEN"),
        ("American", "USA"),
        ("U.S.", "USA"),
        ("Colombian", "COL"),
        ("Russian", "RUS"),
        ("Chinese", "CHN"),
        ("Frenchmen", "FRA"),
        ("Filipino", "PHL"),
        ("Israelis", "ISR"),
    ],
)
def test_country_by_adjective(word: str, iso3: str) -> None:
    assert country_by_adjective(word) == iso3


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("Caracas", "VEN"),
        ("Washington", "USA"),
        ("Bogotá", "COL"),
        ("Bogota", "COL"),
        ("Moscow", "RUS"),
        ("Beijing", "CHN"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Havana", "CUB"),
    ],
)
def test_country_by_capital(word: str, iso3: str) -> None:
    assert country_by_capital(word) == iso3


def test_country_table_covers_the_un_members() -> None:
    table = countries()
    assert len(table) > 190
    with_adjectives = [c for c in table.values() if c.adjectives and c.capitals]
    assert len(with_adjectives) >= 193
    assert table["VEN"].iso2 == "VE" and "Caracas" in table["VEN"].capitals


def test_kb_country_combines_names_adjectives_capitals(kb: KnowledgeBase) -> None:
    assert kb.country("the U.S.") == "USA"
    assert kb.country("Venezuelan") == "VEN"
    assert kb.country("Caracas") == "VEN"
    assert kb.country("Atlantis") is None


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Donald Trump", "Donald Trump"),
        ("donald trump", "Donald Trump"),
        ("Donald J. Trump", "Donald Trump"),
        ("Nicolas Maduro", "Nicolás Maduro"),
        ("NICOLÁS MADURO", "Nicolás Maduro"),
        ("Nicolás Maduro Moros", "Nicolás Maduro"),
        ("J.D. Vance", "JD Vance"),
        ("the Miami Herald", "Miami Herald"),
        ("The Wall Street Journal", "Wall Street Journal"),
        ("OPEC", "Organization of the Petroleum Exporting Countries"),
        ("the U.N.", "United Nations"),
        ("UN", "United Nations"),
        ("Edmundo Gonzalez Urrutia", "Edmundo González"),
        ("Lula", "Luiz Inácio Lula da Silva"),
    ],
)
def test_lookup_by_name_and_alias(kb: KnowledgeBase, name: str, canonical: str) -> None:
    entry = kb.lookup(name)
    assert entry is not None and entry.name == canonical


def test_lookup_is_careful_with_ordinary_words(kb: KnowledgeBase) -> None:
    assert kb.lookup("who") is None  # not the World Health Organization
    assert kb.lookup("WHO").name == "World Health Organization"
    assert kb.lookup("time") is None and kb.lookup("Time").kind == "media"
    assert kb.lookup("Nobody Inparticular") is None


def test_states_are_found_by_name(kb: KnowledgeBase) -> None:
    entry = kb.lookup("Venezuela")
    assert entry.kind == "state" and entry.key == "VEN"
    entity = kb.entity(entry, date(2025, 12, 1))
    assert (entity.code, entity.country, entity.sector) == ("VEN", "VEN", None)


def test_lookup_surname(kb: KnowledgeBase) -> None:
    assert [e.name for e in kb.lookup_surname("Maduro")] == ["Nicolás Maduro"]
    assert {"George W. Bush", "George H. W. Bush"} <= {e.name for e in kb.lookup_surname("Bush")}
    assert "Delcy Rodríguez" in {e.name for e in kb.lookup_surname("Rodriguez")}
    assert [e.name for e in kb.lookup_surname("Padrino")] == ["Vladimir Padrino López"]
    assert [e.name for e in kb.lookup_surname("Xi")] == ["Xi Jinping"]
    assert kb.lookup_surname("Jinping") == []
    assert kb.lookup_surname("Herald") == []  # organisations have no surnames


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("Barack Obama", date(2016, 6, 1), "USAGOV"),
        ("Barack Obama", date(2025, 6, 1), "USAELI"),
        ("Donald Trump", date(2019, 6, 1), "USAGOV"),
        ("Donald Trump", date(2023, 6, 1), "USAELI"),
        ("Donald Trump", date(2025, 6, 1), "USAGOV"),
        ("Donald Trump", date(2021, 1, 20), "USAGOV"),  # the last day is included
        ("Donald Trump", date(2021, 1, 21), "USAELI"),
        ("Joe Biden", date(2022, 3, 1), "USAGOV"),
        ("Marco Rubio", date(2020, 3, 1), "USALEG"),
        ("Marco Rubio", date(2025, 12, 1), "USAGOV"),
        ("Hillary Clinton", date(2010, 3, 1), "USAGOV"),
        ("Edmundo González", date(2025, 12, 1), "VENOPP"),
        ("María Corina Machado", date(2025, 12, 1), "VENOPP"),
        ("Gustavo Petro", date(2025, 12, 1), "COLGOV"),
        ("Delcy Rodríguez", date(2025, 12, 1), "VENGOV"),
        ("Pete Hegseth", date(2025, 12, 1), "USAGOV"),
        ("Wall Street Journal", date(2025, 12, 1), "USAMED"),
        ("António Guterres", date(2025, 12, 1), "IGOUNO"),
        # leaders.yaml: every continent
        ("Paul Kagame", date(2020, 1, 1), "RWAGOV"),
        ("Bola Tinubu", date(2024, 6, 1), "NGAGOV"),
        ("Abiy Ahmed", date(2021, 3, 1), "ETHGOV"),
        ("Macky Sall", date(2015, 6, 1), "SENGOV"),
        ("Macky Sall", date(2025, 6, 1), "SENELI"),
        ("Ferdinand Marcos Jr.", date(2024, 2, 1), "PHLGOV"),
        ("Bongbong Marcos", date(2024, 2, 1), "PHLGOV"),
        ("Moon Jae-in", date(2019, 6, 1), "KORGOV"),
        ("Shehbaz Sharif", date(2025, 6, 1), "PAKGOV"),
        ("Viktor Orbán", date(2020, 6, 1), "HUNGOV"),
        ("Viktor Orban", date(2020, 6, 1), "HUNGOV"),
        ("Pedro Sánchez", date(2021, 6, 1), "ESPGOV"),
        ("Andrzej Duda", date(2025, 9, 1), "POLELI"),
        ("Dilma Rousseff", date(2013, 6, 1), "BRAGOV"),
        ("Sebastián Piñera", date(2019, 6, 1), "CHLGOV"),
        ("Enrique Peña Nieto", date(2015, 6, 1), "MEXGOV"),
        ("Jacinda Ardern", date(2019, 6, 1), "NZLGOV"),
        ("Salva Kiir", date(2009, 1, 1), "SDNGOV"),  # before South Sudan's independence
        ("Salva Kiir", date(2015, 1, 1), "SSDGOV"),
    ],
)
def test_dated_roles(kb: KnowledgeBase, name: str, day: date, code: str) -> None:
    entry = kb.lookup(name)
    assert kb.entity(entry, day).code == code


def test_role_on_without_day_is_the_latest(kb: KnowledgeBase) -> None:
    trump = kb.lookup("Donald Trump")
    role = kb.role_on(trump, None)
    assert role.code == "USAGOV" and role.start == date(2025, 1, 20) and role.end is None
    assert role.title == "President"


def test_entity_carries_code_country_sector_and_kind(kb: KnowledgeBase) -> None:
    entity = kb.entity(kb.lookup("Nicolás Maduro"), date(2025, 12, 1))
    assert (entity.name, entity.code, entity.country, entity.sector, entity.kind) == (
        "Nicolás Maduro",
        "VENGOV",
        "VEN",
        "GOV",
        "person",
    )
    assert kb.lookup("Nicolás Maduro").gender == "m"
    assert kb.entity(kb.lookup("OPEC"), None).country == "IGO"


def test_person_without_a_role_that_day_is_an_elite() -> None:
    entry = KBEntry(
        "x",
        "Ann Example",
        "person",
        (),
        (Role("ESPGOV", "ESP", "GOV", date(2000, 1, 1), date(2004, 1, 1)),),
    )
    kb = KnowledgeBase({"x": entry})
    assert kb.role_on(entry, date(2010, 1, 1)) is None
    assert kb.entity(entry, date(2010, 1, 1)).code == "ESPELI"
    assert kb.entity(entry, date(2002, 1, 1)).code == "ESPGOV"


@pytest.mark.parametrize(
    ("noun", "sector"),
    [
        ("president", "GOV"),
        ("minister", "GOV"),
        ("Foreign Minister", "GOV"),
        ("government", "GOV"),
        ("administration", "GOV"),
        ("regime", "GOV"),
        ("officials", "GOV"),
        ("lawmaker", "LEG"),
        ("lawmakers", "LEG"),
        ("military", "MIL"),
        ("army", "MIL"),
        ("troops", "MIL"),
        ("soldiers", "MIL"),
        ("navy", "MIL"),
        ("general", "MIL"),
        ("opposition", "OPP"),
        ("rebels", "REB"),
        ("insurgents", "REB"),
        ("police", "COP"),
        ("court", "JUD"),
        ("judge", "JUD"),
        ("prosecutors", "JUD"),
        ("company", "BUS"),
        ("firm", "BUS"),
        ("newspaper", "MED"),
        ("editorial board", "MED"),
        ("journalists", "MED"),
        ("reporter", "MED"),
        ("protesters", "CVL"),
        ("activists", "CVL"),
        ("students", "EDU"),
    ],
)
def test_sector(kb: KnowledgeBase, noun: str, sector: str) -> None:
    assert kb.sector(noun) == sector


def test_sector_of_unknown_or_ambiguous_words(kb: KnowledgeBase) -> None:
    assert kb.sector("banana") is None
    assert kb.sector("spokesman") is None  # a spokesman speaks for anyone
    assert kb.sector("White House spokesman") == "GOV"


def test_load_kb_is_cached_and_fast() -> None:
    import time

    start = time.perf_counter()
    first = load_kb()
    assert load_kb() is first
    assert time.perf_counter() - start < 1.0


# ---------------------------------------------------------------- world leaders (leaders.yaml)


def _builtin_dictionary(name: str):
    from importlib import resources

    from eventwire.actors.dictionaries import parse_dictionary

    text = resources.files("eventwire.data").joinpath("actors", name).read_text(encoding="utf-8")
    return parse_dictionary(text, name)


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2018, 1, 1), "PHLGOV"),
        (date(2022, 6, 30), "PHLGOV"),  # the last day is included
        (date(2022, 7, 1), "PHLELI"),
        (date(2023, 1, 1), "PHLELI"),
    ],
)
def test_duterte_is_president_then_former_president(
    kb: KnowledgeBase, day: date, code: str
) -> None:
    entry = kb.lookup("Rodrigo Duterte")
    assert entry is not None and entry.gender == "m"
    assert kb.entity(entry, day).code == code
    assert kb.lookup("Rodrigo Roa Duterte") is entry
    assert [e.name for e in kb.lookup_surname("Duterte")] == ["Rodrigo Duterte"]


def test_erdogan_by_surname_is_the_turkish_government(kb: KnowledgeBase) -> None:
    found = kb.lookup_surname("Erdogan")
    assert [e.name for e in found] == ["Recep Tayyip Erdoğan"]
    assert kb.entity(found[0], date(2019, 6, 1)).code == "TURGOV"


def test_a_leader_who_died_is_no_longer_a_former_leader(kb: KnowledgeBase) -> None:
    raisi = kb.lookup("Ebrahim Raisi")
    assert kb.entity(raisi, date(2023, 1, 1)).code == "IRNGOV"
    assert kb.role_on(raisi, date(2025, 1, 1)) is None  # died in office on 2024-05-19


def test_names_shared_by_many_are_no_surnames_of_leaders(kb: KnowledgeBase) -> None:
    for surname, name in [("Khan", "Imran Khan"), ("Kim", "Kim Jong Il"), ("Lee", "Lee Myung-bak")]:
        assert name not in {e.name for e in kb.lookup_surname(surname)}, surname
        assert kb.lookup(name) is not None
    assert "Madhav Kumar Nepal" not in {e.name for e in kb.lookup_surname("Nepal")}
    assert kb.lookup("Nepal").kind == "state"


def test_leaders_file_codes_are_states_of_the_country_table() -> None:
    table = countries()
    dictionary = _builtin_dictionary("leaders.yaml")
    assert len(dictionary.entries) > 1000
    covered = set()
    for entry, _ in dictionary.entries:
        assert entry.kind == "person" and entry.gender in ("m", "f"), entry.name
        assert entry.roles, entry.name
        for role in entry.roles:
            if role.code.startswith("IGO"):  # an office of an international organisation
                continue
            assert role.code[:3] in table, (entry.name, role.code)
            assert role.start is None or role.end is None or role.start <= role.end, entry.name
            covered.add(role.code[:3])
    assert len(covered) > 180


def test_leaders_file_repeats_no_one_of_people_file() -> None:
    from eventwire.countries import normalise

    people = _builtin_dictionary("people.yaml")
    known = {normalise(n) for e, _ in people.entries for n in (e.name, *e.aliases)}
    keys = {e.key for e, _ in people.entries}
    for entry, _ in _builtin_dictionary("leaders.yaml").entries:
        assert entry.key not in keys, entry.name
        assert not {normalise(n) for n in (entry.name, *entry.aliases)} & known, entry.name


@pytest.mark.parametrize(
    ("name", "code"),
    [("UPND", "ZMBPTY"), ("Forum for Democratic Change", "UGAPTY"), ("ZANU-PF", "ZWEPTY"),
     ("FRPI", "CODREB"), ("SPLA/M-IO", "SSDREB")],
)  # fmt: skip
def test_parties_and_armed_groups_have_their_state(kb: KnowledgeBase, name: str, code: str) -> None:
    entry = kb.lookup(name)
    assert entry is not None and entry.roles[0].code == code
