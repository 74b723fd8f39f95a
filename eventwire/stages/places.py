"""The places stage: toponyms found in the parse, resolved against the offline gazetteer.

Every mention of a known place is reported, countries used as actors included ("Venezuela
said ..." names a place too); demonyms ("Venezuelan") are not places. How names are found
and resolved is described in :mod:`eventwire.geo.mentions` and :mod:`eventwire.geo.resolve`.

:func:`distinct_places` reduces the mentions to one entry per place.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from eventwire.actors.kb import load_kb
from eventwire.analysis import Analysis
from eventwire.countries import countries
from eventwire.geo.cues import load_cues
from eventwire.geo.gazetteer import Gazetteer, GeoRecord, load_gazetteer
from eventwire.geo.mentions import Toponym, find_toponyms
from eventwire.geo.resolve import choose, directional_point, document_countries
from eventwire.geo.words import Words
from eventwire.model import Place
from eventwire.registry import stage

ACTOR_LABELS = frozenset({"ORG", "NORP"})  # entity labels of the names asked of the knowledge base
ACRONYM = re.compile(r"[A-Z]{2,6}")  # "SPLA", also in "SPLA/O-IO", which the parser leaves unnamed
ACTOR_KINDS = frozenset({"organisation", "group"})  # entries that tell a story's country


@stage("places")
def find_places(analysis: Analysis) -> list[Place]:
    """The places of the document, in text order."""
    doc = analysis.doc
    gaz = load_gazetteer()
    words = Words.of(doc, analysis.text)
    toponyms = find_toponyms(doc, gaz, load_cues(), words)
    context = document_countries(doc, toponyms, gaz, words, actor_countries(analysis, words))
    places = []
    for toponym in toponyms:
        record = choose(toponym, context)
        if record is not None:
            places.append(place_of(doc, toponym, record, gaz))
    return sorted(places, key=lambda p: p.span)


def actor_countries(analysis: Analysis, words: Words) -> Counter[str]:
    """The countries of the organisations and groups the document names that the knowledge
    base places in one country ("the SPLA", "ANC councillors"), each name counted once: as
    much evidence of where the story is as a demonym."""
    kb = load_kb()
    names = {e.text for e in analysis.doc.ents if e.label_ in ACTOR_LABELS}
    capitals = (form for form in words.forms if form[:2].isupper())
    names |= {part for form in capitals for part in form.split("/") if ACRONYM.fullmatch(part)}
    found: Counter[str] = Counter()
    for name in sorted(names):
        entry = kb.lookup(name)
        if entry is None or entry.kind not in ACTOR_KINDS:
            continue
        country = kb.entity(entry, analysis.published).country
        if country and country in countries():
            found[country] += 1
    return found


def place_of(doc: Doc, toponym: Toponym, record: GeoRecord, gaz: Gazetteer) -> Place:
    """The result entry for a resolved toponym."""
    start, end = toponym.bounds
    first, last = doc[start], doc[end - 1]
    char_start, char_end = first.idx, last.idx + len(last.text)
    kind = toponym.phrase_kind or record.kind
    lat, lon = record.lat, record.lon
    if toponym.phrase_kind is not None:
        lat, lon = directional_point(record, toponym.direction, gaz)
    return Place(
        span=(char_start, char_end),
        text=doc[start:end].text,
        name=_phrase_name(doc, toponym, record),
        country=record.country,
        kind=kind,  # type: ignore[arg-type]
        lat=lat,
        lon=lon,
        geonameid=record.geonameid,
    )


def _phrase_name(doc: Doc, toponym: Toponym, record: GeoRecord) -> str:
    if toponym.phrase_kind is None:
        return record.name
    direction = f"{toponym.direction} " if toponym.direction else ""
    if toponym.phrase_end is not None:
        noun = doc[toponym.phrase_end - 1].lower_
        if noun == toponym.direction:
            return f"{noun} of {record.name}"
        return f"{direction}{noun} of {record.name}"
    return f"{direction}{record.name}"


def distinct_places(places: list[Place]) -> list[Place]:
    """One entry per place named, at its first mention (for a gazetteer-style summary)."""
    first: dict[tuple, Place] = {}
    for place in sorted(places, key=lambda p: p.span):
        first.setdefault((place.name, place.kind, place.country, place.lat, place.lon), place)
    return list(first.values())
