"""Choosing one place among those that share a name.

The rules, in order:

1. A country's name resolves to the country, never to a town of that name ("Colombia" is not
   the Cuban town). One exception: a name shared by a country and a US state ("Georgia")
   resolves to the state when it is listed with other states ("Georgia and Florida"), when
   the text qualifies it as American, or, unless it is listed with countries ("Georgia and
   Ukraine"), when the document is more about the United States than about that country.
2. A following "state" or "province" ("Washington state") picks the state or province.
3. Otherwise every candidate is scored: log10 of its population (a stand-in for states and
   provinces), a bonus for national capitals, a penalty when only an alternate name matched
   (such a place competes at all only when it is five times bigger than any place of that
   main name),
   a bonus in proportion to how much the document is about its country (countries named,
   demonyms), and a decisive bonus when it lies in the country (and US state) that the text
   gives next to the name ("Cartagena, Colombia", "the Colombian city of Cartagena",
   "Long Beach, CA"). So "Paris" is Paris, France even in an American story, while "Paris,
   Texas" is the Texan town, and "Cartagena" in a story about Spain is the Spanish port.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from eventwire.geo.gazetteer import DIVISION_SOURCES, Gazetteer, GeoRecord, NameMatch, lies_within
from eventwire.geo.mentions import Qualifier, Toponym, records_of
from eventwire.geo.words import Words

CAPITAL_BONUS = 1.5
ALTERNATE_PENALTY = 0.5
ALTERNATE_DWARFS = 5  # times the population of the biggest place of that main name
CONTEXT_WEIGHT = 2.5
QUALIFIER_BONUS = 100.0
ADMIN1_BONUS = 50.0
FULL_EVIDENCE = 4  # pieces of country evidence for the document context to count fully
STATE_SOURCES = DIVISION_SOURCES
CONTAINER_SOURCES = frozenset({"country", "us_state", "admin1", "subdivision"})
DIVISION_CONTEXT_WEIGHT = 1.5
NAMESAKE_SHARE = 10  # a town with a tenth of its division's people stands for a bare name


def document_countries(
    doc: Doc,
    toponyms: list[Toponym],
    gaz: Gazetteer,
    words: Words | None = None,
    actors: Counter[str] | None = None,
) -> dict[str, float]:
    """How much the document is about each country, from 0 to 1.

    Each country's share of the unambiguous evidence (country and place names, demonyms,
    and the countries of the named actors the caller found: ``actors``, "the SPLA" for South
    Sudan), scaled down while there is little evidence: one passing "U.S." does not make a
    story American enough to move Geneva to New York State. (``words``: :class:`Words` of the
    document, when the caller has them.)
    """
    counts: Counter[str] = Counter(actors or {})
    divisions: Counter[str] = Counter()
    for toponym in toponyms:
        country = toponym.qualifier.country if toponym.qualifier is not None else None
        if country:
            counts[country] += 1
        country = _unambiguous_country(toponym)
        if country:
            counts[country] += 1 + _is_dateline(doc, toponym)
        division = _unambiguous_division(toponym)
        if division:
            divisions[division] += 1
    in_names = {i for t in toponyms for i in range(t.start, t.end)}
    words = Words.of(doc) if words is None else words
    for iso3 in _demonym_countries(words, gaz, in_names):
        counts[iso3] += 1
    total = sum(counts.values())
    confidence = min(1.0, total / FULL_EVIDENCE)
    shares = {iso3: confidence * n / total for iso3, n in counts.items()} if total else {}
    named = sum(divisions.values())
    for area, n in divisions.items():
        shares[area] = n / named  # a province the text names is strong evidence at once
    return shares


def division_key(record: GeoRecord) -> str | None:
    """The context key of the first-level division a place lies in ("SYR/13"), if known."""
    return f"{record.country}/{record.admin1}" if record.country and record.admin1 else None


def _unambiguous_division(toponym: Toponym) -> str | None:
    """The first-level division that every reading of a town or district name lies in."""
    records = records_of(toponym)
    records = [r for r in records if r.source in STATE_SOURCES - {"admin2"}] or records
    if any(r.source in {"country", "continent", "feature"} for r in records):
        return None
    keys = {division_key(r) for r in records}
    return keys.pop() if len(keys) == 1 else None


def _is_dateline(doc: Doc, toponym: Toponym) -> bool:
    """Whether the name opens the text as a dateline ("KABUL, Afghanistan —", "LONDON (AP)")."""
    if toponym.start > 1 or toponym.end >= len(doc):
        return False
    return doc[toponym.end].text in {",", "(", "—", "–", "-", ":"}


def _unambiguous_country(toponym: Toponym) -> str | None:
    records = records_of(toponym)
    countries = {r.country for r in records}
    if len(countries) == 1:
        return next(iter(countries))
    sources = {r.source for r in records}
    if "country" in sources and "us_state" not in sources:
        return next(r.country for r in records if r.source == "country")
    return None


def _demonym_countries(words: Words, gaz: Gazetteer, skip: set[int]) -> list[str]:
    """Countries named by demonyms ("Venezuelan", "South Korean"), outside place names."""
    found: list[str] = []
    count = len(words.forms)
    i = 0
    while i < count:
        if i in skip or not words.capital[i]:
            i += 1
            continue
        size = 2 if i + 1 < count and i + 1 not in skip else 1
        for width in range(size, 0, -1):
            iso3 = gaz.country_of_demonym(words.between(i, i + width))
            if iso3:
                found.append(iso3)
                break
        i += width if iso3 else 1
    return found


def choose(toponym: Toponym, context: dict[str, float]) -> GeoRecord | None:
    """The place a toponym most likely names, or None when it has no coordinates."""
    records = records_of(toponym)
    country = _country_rule(records, toponym, context)
    if country is not None:
        return country
    candidates = [m for m in _contenders(toponym.matches) if m.record.lat is not None]
    if toponym.container or _listed_with_states(toponym):
        areas = [m for m in candidates if m.record.source in CONTAINER_SOURCES]
        districts = [m for m in candidates if m.record.source == "admin2"]
        candidates = areas or districts or candidates
    areas = _qualifying_areas(_listed_qualifier(toponym), context)
    if toponym.prefers_state:
        states = [m for m in toponym.matches if m.record.source in STATE_SOURCES]
        states = [m for m in states if m.record.source != "admin2"] or states  # not a county
        states = _within([m for m in states if m.record.lat is not None], areas)
        candidates = states or candidates  # "the province of Cajamarca, in Peru": its town
    elif toponym.prefers_town:
        candidates = [m for m in candidates if m.record.source == "city"] or candidates
    candidates = _within(candidates, areas)
    if not candidates:
        return _area_point(areas)
    best = max(candidates, key=lambda m: score(m, toponym, context)).record
    if best.source in {"admin1", "admin2"} and not toponym.prefers_state:
        return _namesake_town(best, toponym.matches) or best
    return best


def _listed_with_states(toponym: Toponym) -> bool:
    """A name that can be a state or province, listed with a state's or province's own name
    of that country ("Pennsylvania and New York", "Texas, Kansas, New York", "Alberta,
    Manitoba, Ontario and New Brunswick"): the state or province, not the city."""
    countries = {m.record.country for m in toponym.matches if m.record.source in LISTED_STATES}
    return any(
        any(
            m.main_name and m.record.source in LISTED_STATES and m.record.country in countries
            for m in mate.matches
        )
        for mate in toponym.list_mates
    )


LISTED_STATES = frozenset({"us_state", "admin1"})


def _listed_qualifier(toponym: Toponym) -> Qualifier | None:
    """The qualifier of a name, unless the name stands in a list of three places or more,
    where a country after a comma is the next item ("Bundibugyo, Côte d'Ivoire and Sudan")."""
    listed, stack = {id(toponym)}, [toponym]
    while stack:
        for mate in stack.pop().list_mates:
            if id(mate) not in listed:
                listed.add(id(mate))
                stack.append(mate)
    return toponym.qualifier if len(listed) <= 2 else None


def _qualifying_areas(qualifier: Qualifier | None, context: dict[str, float]) -> list[GeoRecord]:
    """The areas that surely hold a place the text qualifies: a country ("Selea, Sudan"), an
    area the text says holds it ("El Manar area of Tunis"), or a division after a comma
    ("Jaji, Kaduna") in the country the document is most about (elsewhere, the division may
    be misread, or the next item of a list)."""
    if qualifier is None:
        return []
    held = [a for a in qualifier.areas if holds(qualifier, a)]
    return held or [a for a in qualifier.areas if a.country and a.country == _leading(context)]


def _leading(context: dict[str, float]) -> str | None:
    """The country the document is most about, if any."""
    countries = {key: share for key, share in context.items() if "/" not in key}
    return max(countries, key=countries.__getitem__) if countries else None


def _within(candidates: list[NameMatch], areas: list[GeoRecord]) -> list[NameMatch]:
    """The candidates in the country of the qualifying areas: a namesake elsewhere is no
    reading of the name. A sea or region of no one country stays one."""
    if not areas:
        return candidates
    countries = {area.country for area in areas}
    return [m for m in candidates if m.record.country in countries or m.record.country is None]


def _area_point(areas: list[GeoRecord]) -> GeoRecord | None:
    """The qualifying area of a name the gazetteer holds nowhere in it: "Selea, Sudan" is
    placed in Sudan, "El Manar area of Tunis" in Tunis."""
    areas = sorted(areas, key=lambda area: area.source != "country")
    return next((area for area in areas if area.lat is not None), None)


def holds(qualifier: Qualifier, area: GeoRecord) -> bool:
    """Whether the place surely lies in this area: a country, or an area the text says holds
    it ("El Manar area of Tunis")."""
    return qualifier.holds or area.source == "country"


def _namesake_town(division: GeoRecord, matches: list[NameMatch]) -> GeoRecord | None:
    """A town of the division's country that has its name and a good share of its people:
    the town, not its province, is what a bare "Idlib" or "Kiev" most often means."""
    towns = [
        m.record
        for m in matches
        if m.record.source == "city"
        and m.record.country == division.country
        and m.record.population * NAMESAKE_SHARE >= division.population
    ]
    return max(towns, key=lambda r: r.population) if towns else None


def _contenders(matches: list[NameMatch]) -> list[NameMatch]:
    """The matches worth scoring: a place reached only through another of its names
    ("Philadelphia", an old name of Amman) competes only when it dwarfs every place of
    that main name ("Odessa": Odesa, Ukraine, rather than Odessa, Texas)."""
    biggest_main = max((m.record.population for m in matches if m.main_name), default=0)
    return [
        m for m in matches if m.main_name or m.record.population >= ALTERNATE_DWARFS * biggest_main
    ]


def _country_rule(
    records: list[GeoRecord], toponym: Toponym, context: dict[str, float]
) -> GeoRecord | None:
    countries = [r for r in records if r.source == "country"]
    if not countries:
        return None
    country = countries[0]
    states = [r for r in records if r.source == "us_state"]
    if not states or country.country == "USA":
        return country
    mates = {r.source for mate in toponym.list_mates for r in records_of(mate)}
    if "country" in mates and "us_state" not in mates:
        return country  # "Georgia and Ukraine"
    if "us_state" in mates and "country" not in mates:
        return states[0]  # "Georgia and Florida"
    qualified_us = toponym.qualifier is not None and toponym.qualifier.us
    if qualified_us or context.get("USA", 0.0) > context.get(country.country or "", 0.0):
        return states[0]
    return country


DIRECTION_SHIFT = 0.35  # how far toward the edge "northern" moves a point, as a share of extent


def directional_point(
    record: GeoRecord, direction: str | None, gaz: Gazetteer
) -> tuple[float | None, float | None]:
    """A point for "northern Syria" or "Texas's western border": the middle of the area's
    towns, moved toward the named side. Without a direction or an extent, the area's point."""
    area = record.country if record.source == "country" else f"USA-{record.admin1}"
    extent = gaz.extents.get(area or "")
    if direction is None or extent is None:
        return record.lat, record.lon
    lat = (extent.south + extent.north) / 2
    lon = (extent.west + extent.east) / 2
    words = direction.replace("-", "")
    if words.startswith("north"):
        lat += DIRECTION_SHIFT * (extent.north - extent.south)
    if words.startswith("south"):
        lat -= DIRECTION_SHIFT * (extent.north - extent.south)
    if words.endswith(("east", "eastern")):
        lon += DIRECTION_SHIFT * (extent.east - extent.west)
    if words.endswith(("west", "western")):
        lon -= DIRECTION_SHIFT * (extent.east - extent.west)
    return round(lat, 3), round(lon, 3)


def score(match: NameMatch, toponym: Toponym, context: dict[str, float]) -> float:
    """How likely this candidate is what the toponym names (higher is likelier)."""
    record = match.record
    value = record.weight + CONTEXT_WEIGHT * context.get(record.country or "", 0.0)
    division = division_key(record)
    if division and record.source not in STATE_SOURCES - {"admin2"}:
        value += DIVISION_CONTEXT_WEIGHT * context.get(division, 0.0)
    if record.capital and match.main_name:
        value += CAPITAL_BONUS
    if not match.main_name:
        value -= ALTERNATE_PENALTY
    qualifier = toponym.qualifier
    if qualifier is not None:
        if any(record.country == area.country for area in qualifier.areas):
            value += QUALIFIER_BONUS
        if any(area.source != "country" and lies_within(record, area) for area in qualifier.areas):
            value += ADMIN1_BONUS
    return value
