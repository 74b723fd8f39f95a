"""Where an event happened: a place that the trigger's own clause attaches to it.

Only two constructions count, so that a place is never guessed from elsewhere in the
sentence:

- a locative preposition ("in", "at", "near", "off", ...) attached to the trigger, to its
  direct object, or to the object of one of its prepositions (where the parser often hangs
  it: "clashed with police near the airport"); the place is the preposition's object, X in
  "the city of X", or X in "the X airport". Examples: "troops deployed off the coast",
  "held talks in Doha", "talks in Doha".
- a venue argument: the direct object of the trigger when the trigger also takes "as a venue"
  ("proposed Cartagena as a venue").

Subjects and objects themselves ("Venezuela said ...", "Washington warned Caracas") are never
locations: they are the event's actors.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.geo.cues import Cues, load_cues
from eventwire.model import Location, Place

OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
MAX_DEPTH = 3  # modifiers followed inside a locative phrase


def place_index(doc: Doc, places: list[Place]) -> dict[int, Place]:
    """Token index -> the place whose span covers the token."""
    index: dict[int, Place] = {}
    for place in places:
        span = doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
        if span is not None:
            for token in span:
                index.setdefault(token.i, place)
    return index


def event_location(doc: Doc, places: list[Place], trigger: Token) -> Location | None:
    """The place where the event of this trigger happened, when the clause gives one."""
    if not places:
        return None
    cues = load_cues()
    index = place_index(doc, places)
    anchors = [trigger, *(c for c in trigger.children if c.dep_ in OBJECT_DEPS)]
    anchors += [
        obj
        for prep in trigger.children
        if prep.dep_ == "prep" and prep.lower_ not in cues.locative_prepositions
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
    for anchor in anchors:
        place = _locative_place(anchor, index, cues)
        if place is not None:
            return as_location(place)
    place = _venue_place(trigger, index, cues)
    return as_location(place) if place is not None else None


def _locative_place(anchor: Token, index: dict[int, Place], cues: Cues) -> Place | None:
    for prep in sorted(anchor.children, key=lambda t: abs(t.i - anchor.i)):
        if prep.dep_ != "prep" or prep.lower_ not in cues.locative_prepositions:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj":
                place = _place_at(obj, index, cues)
                if place is not None:
                    return place
    return None


def _place_at(token: Token, index: dict[int, Place], cues: Cues, depth: int = 0) -> Place | None:
    """The place a noun phrase names: its own, X in "the city of X", "the Caracas airport", or
    the place of a site within it: "Bwaise junction of Kampala", "outside Parliament in Cape
    Town", "the headquarters of the Ministry of Finance, Abuja"."""
    if token.i in index:
        return index[token.i]
    for child in token.children:
        if child.dep_ == "compound" and child.i in index:
            return index[child.i]
    if depth >= MAX_DEPTH:
        return None
    for child in token.children:
        inner = _inner_place(token, child, index, cues, depth)
        if inner is not None:
            return inner
    return None


def _inner_place(
    head: Token, child: Token, index: dict[int, Place], cues: Cues, depth: int
) -> Place | None:
    """The place that a modifier of a site's noun phrase names (see :func:`_place_at`)."""
    if child.dep_ == "appos":  # "the Ministry of Finance, Abuja"; "(Kisumu)" is a gloss
        glossed = child.i > 0 and child.doc[child.i - 1].text == "("
        return None if glossed else _place_at(child, index, cues, depth + 1)
    if child.dep_ != "prep":
        return None
    of_site = child.lower_ == "of" and _site(head, cues)
    if not (of_site or child.lower_ in cues.locative_prepositions):
        return None
    for obj in child.children:
        if obj.dep_ == "pobj":
            place = _place_at(obj, index, cues, depth + 1)
            if place is not None:
                return place
    return None


def _site(token: Token, cues: Cues) -> bool:
    """Whether a noun names a site or an area, so that its "of X" says where it is."""
    word = token.lower_
    return (
        token.pos_ == "PROPN"
        or word in cues.settlement_nouns
        or word in cues.within_nouns
        or word in cues.part_nouns
        or word in cues.site_nouns
    )


def _venue_place(trigger: Token, index: dict[int, Place], cues: Cues) -> Place | None:
    objects = [c for c in trigger.children if c.dep_ in OBJECT_DEPS]
    heads = [trigger, *objects]
    as_venue = any(
        prep.dep_ == "prep"
        and prep.lower_ == "as"
        and any(o.dep_ == "pobj" and o.lemma_.lower() in cues.venue_nouns for o in prep.children)
        for head in heads
        for prep in head.children
    )
    if not as_venue:
        return None
    for obj in objects:
        place = _place_at(obj, index, cues)
        if place is not None:
            return place
    return None


def as_location(place: Place) -> Location:
    return Location(
        name=place.name,
        country=place.country,
        kind=place.kind,
        lat=place.lat,
        lon=place.lon,
        span=place.span,
    )
