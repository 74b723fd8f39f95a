"""The places stage: toponyms found in the parse, resolved against the offline gazetteer.

Every mention of a known place is reported, countries used as actors included ("Venezuela
said ..." names a place too); demonyms ("Venezuelan") are not places. How names are found
and resolved is described in :mod:`eventwire.geo.mentions` and :mod:`eventwire.geo.resolve`.

:func:`distinct_places` reduces the mentions to one entry per place.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.analysis import Analysis
from eventwire.geo.cues import load_cues
from eventwire.geo.gazetteer import Gazetteer, GeoRecord, load_gazetteer
from eventwire.geo.mentions import Toponym, find_toponyms
from eventwire.geo.resolve import choose, directional_point, document_countries
from eventwire.geo.words import Words
from eventwire.model import Place
from eventwire.registry import stage


@stage("places")
def find_places(analysis: Analysis) -> list[Place]:
    """The places of the document, in text order."""
    doc = analysis.doc
    gaz = load_gazetteer()
    words = Words.of(doc, analysis.text)
    toponyms = find_toponyms(doc, gaz, load_cues(), words)
    context = document_countries(doc, toponyms, gaz, words)
    places = []
    for toponym in toponyms:
        record = choose(toponym, context)
        if record is not None:
            places.append(place_of(doc, toponym, record, gaz))
    return sorted(places, key=lambda p: p.span)


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
