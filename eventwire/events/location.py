"""Where an event happened, from the places the places stage found in the document.

In order, and recorded in `Location.how`:

1. ``clause``: a place the event's own clause attaches to it ("clashed with police in
   Kampala", "talks in Doha"; see :mod:`eventwire.geo.locate`);
2. ``gloss``: a place in parentheses in the sentence ("residents of Bwaise (Kampala)");
3. ``dateline``: the place of the dateline ("TRIPOLI (Reuters) -", "KAMPALA, Uganda —");
4. ``sentence``: a place named in the sentence, the most specific first and a landmark last
   ("Ilitha township near Berlin" is in Ilitha), unless it is an actor
   ("Venezuela said ...") or lies in a clause of its own that does not hold the event
   ("accused Ukraine of attacking civilians in Donetsk"); an act done at a scene (a protest,
   an assault: ``scene_roots``) takes the places of the sentence's other clauses too ("a
   sergeant was killed when gunmen opened fire in Arish");
5. ``document``: when the sentence names no place, the only place of a document about one
   place (a country counts as one place with the places named inside it);
6. ``country``: for an act done at a scene, the one country of a document whose places all
   lie in it, actors' places included ("Ethiopia's police attacked pastoralists").

Then, in :func:`eventwire.events.coder.carry_places`, ``previous``: an act at a scene in a
sentence that names no place, placed by neither of the above, happened where the paragraph's
previous event did ("... operations along the Dikwa-Marte axis. Five soldiers wounded.").

Places that are the words of an actor mention are never locations: they are the event's
actors ("Venezuela said ...", "Washington warned Caracas").
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from eventwire.analysis import Analysis
from eventwire.geo.cues import load_cues
from eventwire.geo.locate import event_location
from eventwire.model import Location, Place
from eventwire.nlp import sentence_of

# "TRIPOLI (Reuters) -", "KAMPALA, Uganda —", "GAZA CITY, June 3 (AP) --": the dateline opening
# a report, up to its dash.
DATELINE = re.compile(
    r"\A\s*(?P<head>[A-Z][^\n()\-—–]{1,60}?)\s*(?P<agency>\([^()\n]{1,40}\))?\s*(?:--|[-—–])\s"
)
SPECIFICITY = {"city": 0, "feature": 1, "region": 2, "country": 3}
NOUN_CLAUSES = frozenset({"acl", "relcl"})  # clauses that describe a noun


def locate_event(analysis: Analysis, trigger: Token, scene: bool = False) -> Location | None:
    """Where the event of this trigger happened, by the first evidence that gives a place;
    `scene` for an act done at a scene, whose sentence's places are all its own."""
    places = analysis.places
    if not places:
        return None
    clause = event_location(analysis.doc, places, trigger)
    if clause is not None:
        return clause.model_copy(update={"how": "clause"})
    sentence = sentence_of(trigger)
    free = [p for p in places_in(sentence, places) if not is_actor(analysis, p)]
    gloss = [p for p in free if glossed(analysis.text, p)]
    if gloss:
        return as_location(gloss[0], "gloss")
    dateline = dateline_place(analysis.text, places)
    if dateline is not None:
        return as_location(dateline, "dateline")
    own = [
        p for p in free if in_own_clause(analysis, p, trigger) or (scene and at_scene(analysis, p))
    ]
    if own:
        landmarks = [p for p in own if landmark(analysis, p)]
        return as_location(
            most_specific([p for p in own if p not in landmarks] or own, trigger.idx), "sentence"
        )
    if free:
        return None  # the sentence's places belong to other clauses
    only = only_place([p for p in places if not is_actor(analysis, p)])
    if only is not None:
        return as_location(only, "document")
    country = only_country([p for p in places if at_scene(analysis, p)]) if scene else None
    return as_location(country, "country") if country is not None else None


def places_in(sentence: Span, places: list[Place]) -> list[Place]:
    return [p for p in places if sentence.start_char <= p.span[0] < sentence.end_char]


def is_actor(analysis: Analysis, place: Place) -> bool:
    """Whether the place's words are an actor mention ("Venezuela said", "warned Caracas"). A
    town or province inside a longer mention is where that actor is ("Accra residents"); a
    country there only names its state ("US officials")."""
    span = analysis.doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
    if span is None:
        return False
    mention = analysis.actors.at(span.root)
    if mention is None or not (mention.start <= place.span[0] and place.span[1] <= mention.end):
        return False
    whole = (mention.start, mention.end) == (place.span[0], place.span[1])
    named = place.kind == "country" and not located(span.root)
    return whole or bool(mention.members) or named  # "Washington and Caracas"


def located(token: Token) -> bool:
    """Whether a place's word follows a preposition of place ("men held in the Gambia")."""
    return token.dep_ == "pobj" and token.head.lower_ in load_cues().place_prepositions


def landmark(analysis: Analysis, place: Place) -> bool:
    """Whether the place only locates another ("Ilitha township near Berlin", "10 km north
    of Gao", "Jebel Kosbi 10kms from Shadad camp")."""
    span = analysis.doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
    if span is None or span.root.dep_ != "pobj":
        return False
    prep = span.root.head
    if prep.lower_ not in load_cues().reference_prepositions:
        return False
    return prep.lower_ != "of" or prep.head.lower_ in load_cues().directions


def glossed(text: str, place: Place) -> bool:
    """Whether the place stands alone in parentheses: "(Kampala)"."""
    before = text[: place.span[0]].rstrip()
    after = text[place.span[1] :].lstrip()
    return before.endswith("(") and after.startswith(")")


def dateline_place(text: str, places: list[Place]) -> Place | None:
    """The most specific place of the report's dateline, if it opens with one."""
    match = DATELINE.match(text)
    if match is None:
        return None
    head = match.group("head")
    if match.group("agency") is None and not (head.split()[0].isupper() or "," in head):
        return None
    start, end = match.span("head")
    inside = [p for p in places if start <= p.span[0] and p.span[1] <= end]
    return most_specific(inside, start) if inside else None


def in_own_clause(analysis: Analysis, place: Place, trigger: Token) -> bool:
    """A place that no verb claims for a clause not holding the trigger; a place at the end of
    conjoined verbs belongs to each ("two killed and three wounded in Baidoa"), and a clause
    that only describes a noun claims nothing ("died of wounds he sustained in an attack in
    Arish", "injured two others belonging to a vigilante group in Okpoga")."""
    span = analysis.doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
    if span is None:
        return False
    current = span.root
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in NOUN_CLAUSES:
            shared = current.dep_ == "conj" and current.head.i == trigger.i
            return shared or trigger.i in {t.i for t in current.subtree}
    return True


def at_scene(analysis: Analysis, place: Place) -> bool:
    """Whether a place of another clause can be an act's scene: not one of a purpose ("marched to
    Parliament to plead for mediation in the Congo")."""
    span = analysis.doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
    if span is None:
        return False
    return not any(infinitive(token) for token in span.root.ancestors)


def infinitive(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and any(
        child.dep_ == "aux" and child.lower_ == "to" for child in token.children
    )


def most_specific(places: list[Place], near: int) -> Place:
    """A city before a region before a country; the nearest of equals."""
    return min(places, key=lambda p: (SPECIFICITY.get(p.kind, 4), abs(p.span[0] - near)))


def only_place(places: list[Place]) -> Place | None:
    """The one place of the document, not counting the countries of the places in it."""
    inner = {p.country for p in places if p.kind != "country"}
    distinct = {
        (p.name, p.country): p for p in places if not (p.kind == "country" and p.country in inner)
    }
    return next(iter(distinct.values())) if len(distinct) == 1 else None


def only_country(places: list[Place]) -> Place | None:
    """The country of a document whose places all lie in that one country, if it is named."""
    if len({p.country for p in places}) != 1:
        return None
    return next((p for p in places if p.kind == "country"), None)


def as_location(place: Place, how: str) -> Location:
    return Location(
        name=place.name,
        country=place.country,
        kind=place.kind,
        lat=place.lat,
        lon=place.lon,
        span=place.span,
        how=how,  # type: ignore[arg-type]
    )
