"""Finding toponyms in a parse: names the gazetteer knows, used as places.

A candidate is the longest run of tokens (at most ``MAX_NAME_WORDS``, starting and ending with a
capital) whose name the gazetteer knows. The parser's entity labels and the words around the
run decide whether it is used as a place. Never places: demonyms ("Venezuelan"), acronyms of
agencies ("U.N." is not the Indian town of Un), institutions (``never_places`` in
``cues.yaml``), a name inside a larger name ("the Miami Herald"), another place's translated
name outside a place entity ("White House"). Then:

- the name of a country, US state, feature or continent: a place unless the parser puts it
  inside a larger entity of another kind ("Bank of America");
- a word of a full person name in the document ("Hillary Clinton" and then "Clinton"), or a
  town called like a common word ("Central", "Union"): a place only when the words around
  leave no doubt ("the city of X", "X, Iowa", "X as a venue");
- a word the parser calls a person more often than a place: a city of a million people, or a
  name after a preposition of place ("in Cartagena");
- otherwise: a place inside a GPE, LOC or FAC entity, a city of a million people, a city of
  100,000 that the parser did not label at all, or a name the words around mark as a place
  ("in X", "to X", "Kiev and Odessa", "the city of X", "X, Spain", "west of X", "X LGA",
  "X municipal police", "the highway to X");
- a place before the capitalised title of one of its offices, whatever the parser made of
  the whole ("NSW Premier Gladys Berejiklian").

A village the gazetteer does not know, after a preposition of place and before a province or
district ("in Kersa, Arsi"), gives that division as a place.

Each toponym also records the context that helps to resolve it: an explicit country or state
("the Colombian city of Cartagena", "Long Beach, CA"), a following "state" ("Washington
state"), the toponyms listed with it ("Georgia and Ukraine"), and the larger phrase it heads
("northern Syria", "Venezuela's northern coast")."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from eventwire.geo.cues import Cues
from eventwire.geo.gazetteer import (
    DIVISION_SOURCES,
    MAX_NAME_WORDS,
    Gazetteer,
    GeoRecord,
    NameMatch,
    lies_within,
)
from eventwire.geo.names import name_key
from eventwire.geo.words import Words

ARABIC_ARTICLES = frozenset({"al", "el"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# labels the parser gives place names it does not know; a demonym never gets this far
MISREAD_LABELS = frozenset({"NORP", "LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT"})
BIG_CITY = 1_000_000
QUARTER_CITY = 100_000  # people of a city whose quarters the text may name before it
QUARTER_RATIO = 10
KNOWN_CITY = 100_000
SEAT_LABELS = frozenset({"ORG", "FAC"})  # names whose seat may follow them after a comma
STRONG_SOURCES = frozenset({"country", "us_state", "feature", "continent"})


@dataclass(frozen=True)
class Qualifier:
    """The areas (a country, a US state, provinces or districts) that the text gives for a
    place next to its name: "Cartagena, Colombia", "Pandi, Bulacan", "(Arua, Northern Region)".
    A division's name may stand for several areas ("Northern Region" of Uganda, of Ghana).
    `holds`: the text says the place lies in one of them ("El Manar area of Tunis"), where a
    division after a comma may be the next item of a list."""

    areas: tuple[GeoRecord, ...]
    holds: bool = False

    @property
    def country(self) -> str | None:
        """The country of the areas, when they share one."""
        countries = {a.country for a in self.areas}
        return countries.pop() if len(countries) == 1 else None

    @property
    def us(self) -> bool:
        return self.country == "USA"


@dataclass
class Toponym:
    """A place name in the text, with what the text says around it."""

    start: int  # token indices, [start, end)
    end: int
    matches: list[NameMatch]
    qualifier: Qualifier | None = None
    prefers_state: bool = False  # a kind word calls it a state or division ("Idlib province")
    prefers_town: bool = False  # a kind word calls it a town ("the town of X")
    phrase_start: int | None = None  # the larger phrase it heads, when there is one
    phrase_end: int | None = None
    phrase_kind: str | None = None
    direction: str | None = None
    list_mates: list[Toponym] = field(default_factory=list)  # "Georgia and Ukraine"
    container: bool = False  # it follows another name after a comma ("Buffalo, New York")

    @property
    def bounds(self) -> tuple[int, int]:
        start = self.start if self.phrase_start is None else self.phrase_start
        end = self.end if self.phrase_end is None else self.phrase_end
        return start, end


@dataclass(frozen=True)
class _Reading:
    """What the whole document tells about its names, gathered once."""

    gaz: Gazetteer
    cues: Cues
    words: Words
    entity_at: dict[int, Span]  # token index -> the entity that covers it
    full_names: frozenset[str]  # words of full person names ("clinton")
    mostly_people: frozenset[str]  # words labelled persons at least as often as places
    lower_words: frozenset[str]  # words the text also writes in lower case ("mobile")
    as_places: frozenset[str] = frozenset()  # name keys taken as places elsewhere in the text


def find_toponyms(
    doc: Doc, gaz: Gazetteer, cues: Cues, words: Words | None = None
) -> list[Toponym]:
    """Every toponym of the document, in text order (``words``: :class:`Words` of the
    document, when the caller has them)."""
    entity_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    words = Words.of(doc) if words is None else words
    lower = frozenset(w for w in words.forms if w.islower() and w.isalpha())
    reading = _Reading(gaz, cues, words, entity_at, *person_name_words(doc, cues), lower)
    found = _scan(doc, reading)
    as_places = frozenset(name_key(doc[t.start : t.end].text) for t in found)
    if as_places:  # one sense a document: "in Cornwall" makes "Cornwall police" a place too
        found = _scan(doc, replace(reading, as_places=as_places))
    for toponym in found:
        toponym.qualifier = find_qualifier(doc, toponym, gaz, cues)
        following = doc[toponym.end] if toponym.end < len(doc) else None
        words_after = (
            {following.lower_, following.lemma_.lower()} if following is not None else set()
        )
        toponym.prefers_state = bool(words_after & (cues.state_words | cues.state_titles))
        noun = _settlement_of_before(doc, toponym.start, cues)
        if noun is not None:
            kind = doc[noun].lower_
            toponym.prefers_state |= kind in cues.state_words
            toponym.prefers_town = kind not in cues.state_words
        _extend_to_phrase(doc, toponym, cues)
    found = found + _containers_of_unknown_names(doc, found, reading)
    found = sorted(found + _containers(doc, found, gaz), key=lambda t: t.start)
    _mark_containers(doc, found, gaz)
    _place_quarters_in_their_city(doc, found)
    _link_lists(doc, found)
    _share_plural_kind(doc, found, gaz, cues)
    return found


def _share_plural_kind(doc: Doc, found: list[Toponym], gaz: Gazetteer, cues: Cues) -> None:
    """A plural kind word after a list names the kind of each item: "Bay and Bakool regions"
    are two regions ("Bay" is then read as "Bay Region"), "Zangebe, Maiwa and Mainari
    villages" three villages."""
    for toponym in found:
        kind = doc[toponym.end] if toponym.end < len(doc) else None
        if kind is None or kind.tag_ != "NNS":
            continue
        state = kind.lemma_.lower() in cues.state_words
        town = kind.lemma_.lower() in cues.settlement_nouns - cues.state_words
        for mate in _listed_with(toponym):
            if state:
                named = f"{doc[mate.start : mate.end].text} {kind.lemma_.lower()}"
                known = {m.record for m in mate.matches}
                mate.matches += [m for m in gaz.lookup(named) if m.record not in known]
            mate.prefers_state |= state
            mate.prefers_town |= town and not mate.prefers_state


def _listed_with(toponym: Toponym) -> list[Toponym]:
    """The toponyms of the list that holds this one, itself excluded."""
    seen, stack = {id(toponym)}, [toponym]
    mates: list[Toponym] = []
    while stack:
        for mate in stack.pop().list_mates:
            if id(mate) not in seen:
                seen.add(id(mate))
                mates.append(mate)
                stack.append(mate)
    return mates


def _scan(doc: Doc, reading: _Reading) -> list[Toponym]:
    """The toponyms of the document, each the longest name at its start, in text order."""
    found: list[Toponym] = []
    i = 0
    while i < len(doc):
        toponym = _longest_name_at(doc, i, reading)
        if toponym is None:
            i += 1
            continue
        found.append(toponym)
        i = toponym.end
    return found


def _mark_containers(doc: Doc, found: list[Toponym], gaz: Gazetteer) -> None:
    """A name right after another one and a comma that holds a place of that name ("Buffalo,
    New York", "Pandi, Bulacan") is read as the container: the state, not the city."""
    by_start = {t.start: t for t in found}
    for toponym in found:
        if toponym.qualifier is None:
            continue
        after = _comma_qualifier(doc, toponym.end, gaz)
        following = by_start.get(_qualifier_start(doc, toponym.end))
        if after is None or following is None or following.end != after[1]:
            continue
        records = records_of(toponym)  # "New York City, Long Island": no Bahamian island
        if any(lies_within(r, area) for r in records for area in after[0].areas):
            following.container = True


def _place_quarters_in_their_city(doc: Doc, found: list[Toponym]) -> None:
    """A name before ", <city>" that the gazetteer knows only far away is a quarter of that city
    ("Wentworth, Durban", "Kibera, Nairobi"): it is placed at the city, not at its homonym in
    another country. Not in a list of cities ("Wentworth, Durban and Cape Town")."""
    for left, right in pairwise(found):
        if left.qualifier is not None or right.end - right.start > 3:
            continue
        if doc[left.end : right.start].text != "," or _listed_after(doc, right, found):
            continue
        cities = [r for r in records_of(right) if r.kind == "city" and r.population >= QUARTER_CITY]
        readings = records_of(left)
        if len(cities) != 1 or not readings:
            continue
        city = cities[0]
        if all(_smaller_elsewhere(r, city) for r in readings):
            left.matches = [NameMatch(city, True)]


def _listed_after(doc: Doc, toponym: Toponym, found: list[Toponym]) -> bool:
    """Whether another place follows the toponym in a list (", Cape Town", "and Soweto")."""
    starts = {t.start for t in found}
    k = toponym.end
    return k + 1 < len(doc) and doc[k].lower_ in {",", "and", "or"} and k + 1 in starts


def _smaller_elsewhere(record: GeoRecord, city: GeoRecord) -> bool:
    """A town in another country than the city and far smaller than it."""
    return (
        record.source not in STRONG_SOURCES
        and record.country != city.country
        and record.population * QUARTER_RATIO < city.population
    )


def _link_lists(doc: Doc, found: list[Toponym]) -> None:
    """Toponyms listed together ("Georgia and Ukraine", "Ohio, Florida") know each other."""
    for left, right in pairwise(found):
        between = doc[left.end : right.start]
        if 0 < len(between) <= 2 and all(t.lower_ in {",", "and", "or"} for t in between):
            left.list_mates.append(right)
            right.list_mates.append(left)


def person_name_words(doc: Doc, cues: Cues) -> tuple[frozenset[str], frozenset[str]]:
    """Words the document uses as person names: (in full names, as names more than places).

    A word of a full person name ("Hillary Clinton" gives "clinton") is a place only where the
    words around leave no doubt ("Clinton, Iowa"); a word the parser labels a person at least
    as often as a place needs at least a preposition of place ("in Cartagena").
    """
    as_person: Counter[str] = Counter()
    as_place: Counter[str] = Counter()
    full_names: set[str] = set()
    not_people = cues.settlement_nouns | cues.facility_words | cues.kind_words_after
    for ent in doc.ents:
        words = [t.lower_ for t in ent if t.pos_ == "PROPN"]
        if ent.label_ == "PERSON" and any(t.lower_ in not_people for t in ent):
            continue  # "Village Malakal", "Randwick Racecourse": a place misread as a person
        if ent.label_ == "PERSON":
            as_person.update(words)
            if len(ent) > 1:
                full_names.update(words)
        elif ent.label_ in PLACE_LABELS:
            as_place.update(words)
    mostly_people = {w for w, n in as_person.items() if n >= as_place[w]}
    return frozenset(full_names), frozenset(mostly_people - full_names)


def _longest_name_at(doc: Doc, i: int, reading: _Reading) -> Toponym | None:
    words = reading.words
    if not words.capital[i] or words.forms[i].lower() == "the":
        return None
    gaz = reading.gaz
    for end in range(min(len(doc), i + MAX_NAME_WORDS), i, -1):
        kind_word = end - 1 > i and words.forms[end - 1].lower() in reading.cues.state_words
        if not words.capital[end - 1] and not kind_word:  # "Bay region" may be a name whole
            continue
        if any(words.sentence_start[i + 1 : end]):
            continue
        name = words.between(i, end)
        if gaz.country_of_demonym(name) and not gaz.country_of_name(name):
            return None  # "Venezuelan", but not "U.S." (an adjective too, yet a place name)
        matches = gaz.lookup(name)
        if not any(m.main_name for m in matches):
            matches = _without_article(name, gaz) or matches
        if matches and _is_toponym(doc[i:end], matches, reading):
            return Toponym(i, end, matches)
    return None


def _without_article(name: str, gaz: Gazetteer) -> list[NameMatch]:
    """The places of a name with an Arabic article that the gazetteer leaves off ("Al Arish"
    for Arish, where "Al Arish" is only another name of it)."""
    article, _, rest = name.partition(" ") if " " in name else name.partition("-")
    return gaz.lookup(rest) if article.lower() in ARABIC_ARTICLES and rest else []


def _is_toponym(span: Span, matches: list[NameMatch], reading: _Reading) -> bool:
    gaz, cues = reading.gaz, reading.cues
    if name_key(span.text) in cues.never_places:
        return False
    if len(span) > 1 and not any(m.main_name for m in matches):
        # another place's translated name ("White House", an old name of Casablanca)
        return _place_entity(span, reading) is not None
    if name_key(span.text) in reading.as_places and _used_again(span, reading):
        return True
    if _end_of_a_route(span, cues) and any(m.main_name for m in matches):
        return True
    if _strong(matches):
        return _used_as_place(span, matches, reading)
    if _province_in_full(span, matches) and not _title_after(span, cues):
        return True
    if _looks_like_acronym(span.text) and not any(m.record.source == "admin1" for m in matches):
        return False  # "U.N." is not the Indian town of Un; "NSW" is New South Wales
    word = span.text.lower() if len(span) == 1 else None
    if word in reading.lower_words:  # "Mobile banking" where the text has "mobile phones"
        return _place_words_around(span, cues, gaz, cues.locative_prepositions)
    if _in_its_container(span, matches, gaz):
        return True
    if _seat_of_a_title(span, matches, reading):
        return True  # "NSW Premier Gladys Berejiklian", "Gloversville Mayor Dayton King"
    if word in reading.full_names or name_key(span.text) in cues.common_words:
        return _explicit_place_words(span, cues, gaz)
    if word in reading.mostly_people:
        return (
            _big_city(matches, span)
            or _place_words_around(span, cues, gaz, cues.locative_prepositions)
            or _moved_to(span, cues)
        )
    return _used_as_place(span, matches, reading)


def _end_of_a_route(span: Span, cues: Cues) -> bool:
    """ "the Mandera-Nairobi route", "the Dikwa-Marte axis": a name joined by a hyphen to
    another capitalised name, the two followed by a noun of a road or a line between them."""
    doc = span.doc

    def capitalised(k: int) -> bool:
        return 0 <= k < len(doc) and doc[k].text[:1].isupper() and doc[k].text.isalpha()

    def route_at(k: int) -> bool:
        return k < len(doc) and doc[k].text in cues.route_nouns  # lower case: no "Road"

    first = span.end + 1 < len(doc) and doc[span.end].text == "-" and capitalised(span.end + 1)
    if first and route_at(span.end + 2):
        return True
    second = span.start >= 2 and doc[span.start - 1].text == "-" and capitalised(span.start - 2)
    return second and route_at(span.end)


def _used_again(span: Span, reading: _Reading) -> bool:
    """Another mention of a name the document takes as a place elsewhere is one too, unless
    it is part of a longer name ("Bank of America", "the Miami Herald", "Manchester United")
    or a word the text also writes in lower case."""
    cues = reading.cues
    entities = {reading.entity_at.get(k) for k in range(span.start, span.end)}
    entity = entities.pop() if len(entities) == 1 else None
    if len(entities) > 0 or (entity is not None and not _same_tokens(entity, span)):
        return False
    if len(span) == 1 and span.text.lower() in reading.lower_words:
        return False
    return not _title_after(span, cues) and not _inside_longer_name(span, cues)


def _in_its_container(span: Span, matches: list[NameMatch], gaz: Gazetteer) -> bool:
    """ "Pandi, Bulacan", "(Arua, Northern Region)": the province or district named after the
    comma holds a place of this name, which the parser may have missed or called an ORG."""
    after = _comma_qualifier(span.doc, span.end, gaz)
    if after is None:
        return False
    areas = [a for a in after[0].areas if a.source != "country"]
    return any(lies_within(m.record, a) for m in matches for a in areas)


def _place_entity(span: Span, reading: _Reading) -> Span | None:
    """The GPE or LOC entity that holds the whole span, if any."""
    entities = {reading.entity_at.get(k) for k in range(span.start, span.end)}
    entity = entities.pop() if len(entities) == 1 else None
    return entity if entity is not None and entity.label_ in {"GPE", "LOC"} else None


def _used_as_place(span: Span, matches: list[NameMatch], reading: _Reading) -> bool:
    gaz, cues = reading.gaz, reading.cues
    strong = _strong(matches)
    if _title_after(span, cues):
        return False  # "the Arizona Republic", "the Washington Post", "Manchester United"
    if not strong and _inside_longer_name(span, cues):
        return False  # "the Miami Herald", "Long Beach Harbor", "the Arizona Republic"
    entities = {reading.entity_at[k] for k in range(span.start, span.end) if k in reading.entity_at}
    entity = next(iter(entities)) if len(entities) == 1 else None
    if entity is not None and (
        (entity.label_ in MISREAD_LABELS and _same_tokens(entity, span))
        or _with_its_kind(entity, span, cues)
    ):
        entities, entity = set(), None  # "in Tunis" labelled a language, "Lagos State" an ORG
    if entity is not None and entity.label_ in PLACE_LABELS:
        if any(m.main_name for m in matches) or _place_words_around(span, cues, gaz):
            return True
        # "Kiev", "Bombay": a well-known city's other name, when the parser calls it a place
        return entity.label_ != "FAC" and any(m.record.population >= KNOWN_CITY for m in matches)
    titled = any(m.main_name for m in matches) and _institution_after(span, cues)
    owner = _owner_of_what_follows(span, matches)
    if entity is not None and _opens_the_name(entity, span) and (strong or titled or owner):
        return True  # "the U.S. Centers for Disease Control", "Benghazi's Al-Jalaa Hospital"
    if len(entities) > 1 and _division_of_places(span, entities, matches):
        return True  # "Jammu and Kashmir", which the parser reads as two places
    if len(entities) > 1 or (entity is not None and not _same_tokens(entity, span)):
        return False
    if entity is not None and entity.label_ not in NAME_LABELS:
        return False  # dates, numbers, works of art ...
    if not any(t.pos_ == "PROPN" for t in span) and not _unknown_word_as_place(span, reading):
        return False
    if strong:
        return True
    if entity is not None and entity.label_ == "NORP":
        return False
    if _big_city(matches, span):
        return True
    if not any(m.main_name for m in matches):  # "White House" is not Casablanca
        return _place_words_around(span, cues, gaz, listed=False)  # nor "Israel and Hamas" Hamm
    if _institution_after(span, cues):
        return True
    biggest = max(
        (m.record.population for m in matches if m.record.kind == "city" and m.main_name),
        default=0,
    )
    if entity is None and biggest >= KNOWN_CITY:
        return True
    return _place_words_around(span, cues, gaz)


def _division_of_places(span: Span, entities: set[Span], matches: list[NameMatch]) -> bool:
    """A division's own name made of names the parser calls places ("Jammu and Kashmir",
    "Trinidad and Tobago" aside: countries are found by name)."""
    inside = all(
        e.label_ in PLACE_LABELS and span.start <= e.start and e.end <= span.end for e in entities
    )
    return inside and any(m.main_name and m.record.source in DIVISION_SOURCES for m in matches)


def _unknown_word_as_place(span: Span, reading: _Reading) -> bool:
    """ "In Rusape, residents ...": a capitalised name the tagger took for a common noun, which
    the text never writes in lower case, after a preposition of place."""
    words = reading.words
    capitalised = all(
        words.capital[k] and not words.sentence_start[k] for k in range(span.start, span.end)
    )
    if not capitalised or any(t.lower_ in reading.lower_words for t in span):
        return False
    return _place_words_around(span, reading.cues, reading.gaz)


def _big_city(matches: list[NameMatch], span: Span) -> bool:
    """A city of a million people by its name, or by another one-word name of it ("Kiev")."""
    return any(
        m.record.kind == "city"
        and m.record.population >= BIG_CITY
        and (m.main_name or len(span) == 1)
        for m in matches
    )


def _strong(matches: list[NameMatch]) -> bool:
    """Whether the name is a country's, a state's, a feature's or a continent's own name."""
    return any(m.main_name and m.record.source in STRONG_SOURCES for m in matches)


def _province_in_full(span: Span, matches: list[NameMatch]) -> bool:
    """A province's own name of several words, written in full ("New South Wales", "British
    Columbia"), even where the parser tags none of it."""
    return len(span) > 1 and any(m.main_name and m.record.source == "admin1" for m in matches)


def _inside_longer_name(span: Span, cues: Cues) -> bool:
    """Whether the name is part of a longer proper name ("Miami Herald", "Arizona Republic");
    a word of a division's kind after it ("Lagos State") makes no longer name."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    joined_after = (
        after is not None
        and not after.is_sent_start
        and _capital_propn(after)
        and after.lower_ not in cues.kind_words_after
        and not _institution_after(span, cues)
    )
    joined_before = before is not None and not span[0].is_sent_start and _capital_propn(before)
    return joined_after or joined_before


def _capital_propn(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.text.isalpha()


def _with_its_kind(entity: Span, span: Span, cues: Cues) -> bool:
    """An entity that is the name and the word of its kind after it: "Lagos State"."""
    kind = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        kind is not None
        and kind.lower_ in cues.kind_words_after
        and entity.start == span.start
        and entity.end == span.end + 1
    )


def _seat_of_a_title(span: Span, matches: list[NameMatch], reading: _Reading) -> bool:
    """A place's own name before the capitalised title of one of its institutions, whatever
    the parser made of it: "NSW Premier Gladys Berejiklian", "Gloversville Mayor Dayton
    King", "Queensland Police Inspector Bob Hytch"."""
    doc, cues = span.doc, reading.cues
    title = doc[span.end] if span.end < len(doc) else None
    return (
        title is not None
        and title.text[:1].isupper()
        and title.lower_ in cues.institution_words
        and _institution_after(span, cues)
        and any(m.main_name for m in matches)
        and name_key(span.text) not in cues.common_words
    )


def _opens_the_name(entity: Span, span: Span) -> bool:
    """Whether the name opens a longer name of the parser's ("the U.S. Centers for Disease
    Control", "NSW Premier Gladys Berejiklian"): a country or state there is a place, and so
    is any place followed by a word of its institutions."""
    start = entity.start + 1 if entity[0].lower_ == "the" else entity.start
    return start == span.start and span.end < entity.end


def _owner_of_what_follows(span: Span, matches: list[NameMatch]) -> bool:
    """ "Benghazi's Al-Jalaa Hospital", "Kabul's airport": a known city's own name with a
    possessive."""
    doc = span.doc
    owned = span.end < len(doc) and doc[span.end].lower_ in {"'s", "’s"}
    return owned and any(
        m.main_name and m.record.kind == "city" and m.record.population >= KNOWN_CITY
        for m in matches
    )


def _title_after(span: Span, cues: Cues) -> bool:
    """Whether a capitalised word of a newspaper's or a team's name follows the name."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and after.text[:1].isupper() and after.lower_ in cues.title_words


def _institution_after(span: Span, cues: Cues) -> bool:
    """ "Queensland Premier", "Masvingo municipal police", "Gaza residents", "Kabul airport": a
    word for an institution, a facility or people of the place right after a name that opens
    its phrase (not "Louisville Metro Council", "Princess Margaret Hospital") and is no
    acronym ("NATO chief")."""
    doc = span.doc
    if span.end >= len(doc) or not _opens_its_phrase(span) or _all_capitals(span.text):
        return False
    word = doc[span.end].lower_
    return word in cues.institution_words or word in cues.facility_words


def _opens_its_phrase(span: Span) -> bool:
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is None or span[0].is_sent_start or not _capital_propn(before)


def _all_capitals(text: str) -> bool:
    """ "NATO", "OPEC": names of four capitals or more (three, as "NSW", are checked apart)."""
    letters = text.replace(".", "")
    return letters.isupper() and len(letters) > 3


def _moved_to(span: Span, cues: Cues) -> bool:
    """ "the highway to Maxixe", "fled from Kabo": a move to or from the name."""
    if span.start == 0:
        return False
    preposition = span.doc[span.start - 1]
    if preposition.lower_ not in {"to", "from", "towards", "toward", "into"}:
        return False
    before = span.doc[span.start - 2] if span.start >= 2 else preposition.head
    return any(t.lemma_.lower() in cues.motion_words for t in (preposition.head, before))


def _direction_before(doc: Doc, start: int, cues: Cues) -> bool:
    """ "west of Beledweyne", "10 km north of Sortony", "southern Mudug"."""
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in cues.directions:
        return True
    return start >= 1 and doc[start - 1].lower_ in cues.directions and doc[start - 1].is_lower


def _same_tokens(entity: Span, span: Span) -> bool:
    start = entity.start + 1 if entity[0].lower_ == "the" else entity.start
    return start == span.start and entity.end == span.end


def _looks_like_acronym(text: str) -> bool:
    """ "U.N.", "EU", "LA": such names stand for countries, unions and agencies, not towns."""
    letters = text.replace(".", "")
    return letters.isupper() and ("." in text or len(letters) <= 3)


def _place_words_around(
    span: Span,
    cues: Cues,
    gaz: Gazetteer,
    prepositions: frozenset[str] | None = None,
    listed: bool = True,
) -> bool:
    """Whether the words next to a name say it is a place ("in X", "between Sbikha and X",
    "X, Texas", ...; with `listed`, also "X and Odessa")."""
    doc = span.doc
    before = span.start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    words = prepositions or cues.place_prepositions
    if before >= 0 and doc[before].lower_ in words:
        return True
    if _second_object_of(span.root, words):
        return True
    return (listed and _listed_with_a_place(span)) or _explicit_place_words(span, cues, gaz)


def _second_object_of(root: Token, prepositions: frozenset[str]) -> bool:
    """ "in Harar and X", "between Sbikha and X": a name joined to the object of a preposition
    of place."""
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    return first is not root and first.dep_ == "pobj" and first.head.lower_ in prepositions


def _listed_with_a_place(span: Span) -> bool:
    """ "Kiev and Odessa": a name coordinated with one the parser calls a place."""
    root = span.root
    mates = [c for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        mates.append(root.head)
    return any(m.ent_type_ in {"GPE", "LOC"} and m.pos_ == "PROPN" for m in mates)


def _explicit_place_words(span: Span, cues: Cues, gaz: Gazetteer) -> bool:
    """ "the city of X", "X province", "X as a venue", "X, Texas": words that leave no doubt."""
    doc = span.doc
    if _settlement_of_before(doc, span.start, cues) is not None or _site_of(doc, span.start, cues):
        return True
    if _direction_before(doc, span.start, cues):
        return True
    if span.end < len(doc) and doc[span.end].lower_ in cues.kind_words_after:
        return True
    if _venue_after(doc, span.end, cues) or _seat_after_a_name(span):
        return True
    return _comma_qualifier(doc, span.end, gaz) is not None


def _seat_after_a_name(span: Span) -> bool:
    """ "the Federal University of Agriculture, X", "the Ministry of Finance, X": a name after
    a comma that closes the name of an institution or a building is where it is, unless a
    person's name goes on after it ("the Red Cross, Joseph Stein said")."""
    doc, start = span.doc, span.start
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text[:1].isupper():
        return False
    return start >= 2 and doc[start - 1].text == "," and doc[start - 2].ent_type_ in SEAT_LABELS


def _venue_after(doc: Doc, end: int, cues: Cues) -> bool:
    """ "... Cartagena as a venue": the name is offered as a place to meet."""
    if end >= len(doc) or doc[end].lower_ != "as":
        return False
    for token in doc[end + 1 : end + 5]:
        if token.lemma_.lower() in cues.venue_nouns:
            return True
        if token.pos_ not in {"DET", "ADJ", "ADV"}:
            return False
    return False


def _site_of(doc: Doc, start: int, cues: Cues) -> bool:
    """ "the hospital of Kerkennah", "the main market of X": a site in lower case, of the name
    (a capital makes it a name of its own: "the University of Chicago")."""
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].text in cues.site_nouns


def _settlement_of_before(doc: Doc, start: int, cues: Cues) -> int | None:
    """For "the Colombian city of Cartagena": the index of the settlement noun, else None."""
    if start < 2 or doc[start - 1].lower_ != "of":
        return None
    if doc[start - 2].lower_ in cues.settlement_nouns:
        return start - 2
    return None


def find_qualifier(doc: Doc, toponym: Toponym, gaz: Gazetteer, cues: Cues) -> Qualifier | None:
    """The areas the text gives right next to the name: after a comma ("Pandi, Bulacan"),
    before a settlement noun ("the Colombian city of"), as a demonym, after "in", or after a
    noun of a part ("El Manar area of Tunis")."""
    after = _comma_qualifier(doc, toponym.end, gaz)
    if after is not None:
        return after[0]
    noun = _settlement_of_before(doc, toponym.start, cues)
    if noun is not None:
        return _qualifier_before(doc, noun, gaz)
    if toponym.start > 0:
        iso3 = gaz.country_of_demonym(doc[toponym.start - 1].text)
        if iso3 in gaz.countries:
            return Qualifier((gaz.countries[iso3],))
    if toponym.end + 1 < len(doc) and doc[toponym.end].lower_ == "in":
        return _name_qualifier(doc, toponym.end + 1, gaz)
    if _within_noun_after(doc, toponym.end, cues):
        qualifier = _name_qualifier(doc, toponym.end + 2, gaz)
        return None if qualifier is None else Qualifier(qualifier.areas, holds=True)
    return None


def _within_noun_after(doc: Doc, end: int, cues: Cues) -> bool:
    """ "El Manar area of Tunis": a noun of a part and "of" right after the name."""
    return (
        end + 2 < len(doc) and doc[end].lower_ in cues.within_nouns and doc[end + 1].lower_ == "of"
    )


def _qualifier_before(doc: Doc, noun: int, gaz: Gazetteer) -> Qualifier | None:
    """The country before a settlement noun: "Colombian city", "Colombia's city", "Texas town"."""
    for k in range(noun - 1, max(-1, noun - 4), -1):
        token = doc[k]
        if token.lower_ in {"the", "'s", "’s", "a", "an", "port", "border", "coastal"}:
            continue
        iso3 = gaz.country_of_demonym(token.text)
        if iso3 in gaz.countries:
            return Qualifier((gaz.countries[iso3],))
        return _name_qualifier(doc, k, gaz, backwards=True)
    return None


def _comma_qualifier(doc: Doc, end: int, gaz: Gazetteer) -> tuple[Qualifier, int] | None:
    """ "Paris, Texas", "Long Beach, CA", "Pandi, Bulacan", "Cajamarca, in Peru": the
    qualifier and its end."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    first = _qualifier_start(doc, end)
    for stop in range(min(len(doc), first + 3), first, -1):
        if doc[stop - 1].is_space or doc[stop - 1].is_punct:
            continue
        text = doc[first:stop].text
        if not text[:1].isupper():
            continue
        qualifier = _qualifier_named(text, gaz)
        if qualifier is not None:
            return qualifier, stop
    return None


def _qualifier_start(doc: Doc, end: int) -> int:
    """Where the container after the comma at ``end`` begins: after an "in" ("Cajamarca, in
    Peru")."""
    return end + 2 if end + 1 < len(doc) and doc[end + 1].lower_ == "in" else end + 1


def _name_qualifier(doc: Doc, at: int, gaz: Gazetteer, backwards: bool = False) -> Qualifier | None:
    for size in range(3, 0, -1):
        start, stop = (at - size + 1, at + 1) if backwards else (at, at + size)
        if start < 0 or stop > len(doc):
            continue
        qualifier = _qualifier_named(doc[start:stop].text, gaz)
        if qualifier is not None:
            return qualifier
    return None


def _qualifier_named(text: str, gaz: Gazetteer) -> Qualifier | None:
    """The areas a name stands for as a container: a US state, a country, or divisions."""
    state = gaz.us_state_of_name(text)
    if state and (len(text) > 2 or text.isupper()):  # "OR", "IN" only as postal codes
        record = gaz.us_state_records.get(state)
        return Qualifier((record,)) if record is not None else None
    iso3 = gaz.country_of_name(text)
    if iso3 in gaz.countries:
        return Qualifier((gaz.countries[iso3],))
    areas = tuple(m.record for m in gaz.lookup(text) if m.record.source in DIVISION_SOURCES)
    return Qualifier(areas) if areas else None


def _containers(doc: Doc, found: list[Toponym], gaz: Gazetteer) -> list[Toponym]:
    """The container after a comma ("Long Beach, CA", "Pandi, Bulacan") is a place too, when
    the parse has not found it already and, for a province or district, when the place before
    it lies in it (each confirms the other)."""
    starts = {t.start for t in found}
    extra: list[Toponym] = []
    for toponym in found:
        if toponym.qualifier is None:
            continue
        after = _comma_qualifier(doc, toponym.end, gaz)
        first = _qualifier_start(doc, toponym.end)
        if after is None or first in starts:
            continue
        areas = [
            a
            for a in after[0].areas
            if a.source in {"country", "us_state"}
            or any(lies_within(r, a) for r in records_of(toponym))
        ]
        if areas:
            extra.append(Toponym(first, after[1], [NameMatch(a, True) for a in areas]))
    return extra


def _containers_of_unknown_names(
    doc: Doc, found: list[Toponym], reading: _Reading
) -> list[Toponym]:
    """ "in Kersa, Arsi", "in Bordode town, West Hararge": a village the gazetteer does not
    know, at a place by its preposition, is still placed in the province or district after it."""
    taken = {k for t in found for k in range(t.start, t.end)}
    words, cues = reading.words, reading.cues
    extra: list[Toponym] = []
    for start in range(1, len(doc)):
        if start in taken or not words.capital[start] or words.sentence_start[start]:
            continue
        if words.forms[start - 1].lower() not in cues.locative_prepositions:
            continue
        end = start + 1
        while end < min(len(doc), start + 3) and words.capital[end] and end not in taken:
            end += 1
        if end < len(doc) and words.forms[end].lower() in cues.kind_words_after:
            end += 1
        after = _comma_qualifier(doc, end, reading.gaz)
        first = _qualifier_start(doc, end)
        if after is None or first in taken:
            continue
        areas = [a for a in after[0].areas if a.source in DIVISION_SOURCES]
        if areas:
            extra.append(Toponym(first, after[1], [NameMatch(a, True) for a in areas]))
            taken.update(range(first, after[1]))
    return extra


def _extend_to_phrase(doc: Doc, toponym: Toponym, cues: Cues) -> None:
    """Widen a country or state to "northern Syria" or "Venezuela's northern coast"."""
    if not any(m.record.source in {"country", "us_state"} for m in toponym.matches):
        return
    before = toponym.start - 1
    if before >= 0 and doc[before].lower_ in cues.directions and doc[before].text.islower():
        toponym.phrase_start, toponym.phrase_kind = before, "region"
        toponym.direction = doc[before].lower_
        toponym.prefers_state = True  # "northern New York" is the state's north
        return
    end = toponym.end
    if end + 1 < len(doc) and doc[end].lower_ in {"'s", "’s"}:
        k = end + 1
        direction = doc[k].lower_ if doc[k].lower_ in cues.directions else None
        if direction:
            k += 1
        if k < len(doc) and doc[k].lower_ in cues.part_nouns:
            toponym.phrase_end, toponym.phrase_kind = k + 1, cues.part_nouns[doc[k].lower_]
            toponym.direction = direction
        elif direction and doc[k - 1].pos_ in {"NOUN", "PROPN"}:  # "Syria's east"
            toponym.phrase_end, toponym.phrase_kind = k, "region"
            toponym.direction = direction


def records_of(toponym: Toponym) -> list[GeoRecord]:
    """The distinct places a toponym may name."""
    seen: dict[int, GeoRecord] = {}
    for m in toponym.matches:
        seen.setdefault(id(m.record), m.record)
    return list(seen.values())
