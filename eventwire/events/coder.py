"""Coding: frames with their participants become `Event`s, dated, placed and qualified.

Each frame gives one event per (source, target) pair of actors it names; an event needs a
source actor. Quoted frames are left out, and so are conditions ("if Russia attacks"): a
condition is no event, what depends on it is ("would impose sanctions", hypothetical);
negated ones are kept with `negated: true`. Within one sentence the same dyad and CAMEO root
is coded once.

Coding conventions (their word lists and code tables are in `data/events/cues.yaml`):
conjoined partners of a cooperative act with no other target act on each other; calls and
talks are coded both ways; a material action with no named target falls on the state of the
place named in its clause (for protest, coercion and violence, else on the source's own
state; aid with no named recipient goes to the place's state, never the donor's own); an
announced action is coded as the intention or threat it expresses ("said it would send aid"
is 033, "will strike" 138), and a concession announced as not to be made as a refusal ("will
not lift the ban" is 1241); a demand that names the price of refusing ("or face
consequences") is also a threat. These conventions are written down in
`data/events/README.md`.

Dating, in order: a time expression that dates the event's own clause (`date_source:
"text"`; a date modifying another noun, "the November 2024 ceasefire", or in another clause
is background, see `discourse.dates_event`); the date of the episode the event belongs to
(`"episode"`); else the publication date (`"published"`), as event data sets do for news,
save for hypothetical events, which may never happen. `date_precision` says whether the date
is a day, a month or a year.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import product

from spacy.tokens import Token

from eventwire.analysis import Analysis, Entity
from eventwire.countries import countries
from eventwire.events.arguments import Participant
from eventwire.events.casualties import with_casualties
from eventwire.events.discourse import Discourse, Resolved
from eventwire.events.frames import Frame, build_frames, children, occurs
from eventwire.events.lexicon import EventLexicon, load_lexicon
from eventwire.events.location import is_actor, locate_event
from eventwire.events.modality import (
    attribution_chain,
    conditional,
    layer_certainty,
    negated,
    own_certainty,
    quoted,
)
from eventwire.lexicon import cameo_codes
from eventwire.model import ActorRef, Event, Location

MAX_PAIRS = 4
UNDATED_CERTAINTIES = frozenset({"hypothetical"})  # events that may never happen


def code_events(analysis: Analysis) -> list[Event]:
    """Every event of a document, in text order."""
    lexicon = load_lexicon()
    discourse = Discourse(analysis, lexicon)
    resolved: list[Resolved] = []
    for index, sentence in enumerate(analysis.doc.sents):
        discourse.start_sentence(index, sentence)
        for frame in build_frames(sentence, lexicon):
            if quoted(frame.predicate) or conditional(frame, lexicon):
                continue
            item = discourse.resolve(frame, index)
            if item is not None:
                item.date = discourse.date_near(frame.predicate, frame.trigger)
                resolved.append(item)
    carry_hedges(analysis, resolved, lexicon)
    events: list[Event] = []
    for item in resolved:
        events += events_of(analysis, item, lexicon)
    events = with_casualties(analysis.doc, deduplicate(events))
    return carry_places(analysis, events, lexicon)


def carry_places(analysis: Analysis, events: list[Event], lexicon: EventLexicon) -> list[Event]:
    """An act at a scene told in a sentence that names no place happened where the paragraph's
    previous event did ("... operations along the Dikwa-Marte axis. Five soldiers wounded.")."""
    scene_roots = lexicon.cue_words("scene_roots")
    last: tuple[int, Location] | None = None  # paragraph, location
    carried: list[Event] = []
    for event in events:
        paragraph = analysis.text.count("\n\n", 0, event.span[0])
        place_named = any(event.span[0] <= p.span[0] < event.span[1] for p in analysis.places)
        weak = event.location is None or event.location.how in WEAK_HOWS
        follows = last is not None and last[0] == paragraph
        if weak and follows and not place_named and event.cameo[:2] in scene_roots:
            previous = last[1].model_copy(update={"how": "previous"})  # type: ignore[index]
            event = event.model_copy(update={"location": previous})
        if event.location is not None and event.location.how not in WEAK_HOWS:
            last = (paragraph, event.location)
        carried.append(event)
    return carried


WEAK_HOWS = frozenset({"document", "country"})  # a place not given for the event itself


def carry_hedges(analysis: Analysis, items: list[Resolved], lexicon: EventLexicon) -> None:
    """Certainty of each item. A narrative hedged by an adverb ("Trump allegedly told Maduro
    ... He offered ...") keeps its hedge in the next sentence of the same paragraph when that
    sentence goes on with the same source and has no certainty cue of its own."""
    last: tuple[int, int, set[str], str] | None = None  # sentence, paragraph, sources, value
    for item in items:
        own = own_certainty(item.frame, lexicon)
        sources = {p.key for p in item.sources}
        paragraph = analysis.text.count("\n", 0, item.frame.sentence.start_char)
        item.certainty = own or layer_certainty(analysis, item.frame.predicate)
        if own is None and item.certainty == "asserted" and last is not None:
            sentence, last_paragraph, last_sources, value = last
            follows = item.sentence == sentence + 1 and paragraph == last_paragraph
            if follows and sources & last_sources:
                item.certainty = value
        if own in ("reported", "alleged"):
            last = (item.sentence, paragraph, sources, own)


def events_of(analysis: Analysis, item: Resolved, lexicon: EventLexicon) -> list[Event]:
    """One event per (source, target) pair of a resolved frame."""
    frame = item.frame
    code = frame.sense.code
    if not item.sources and code[:2] in lexicon.cue_words("protest_roots"):
        item.sources = protesters_of(analysis, item, lexicon)
    if not item.sources and code[:2] in lexicon.cue_words("unknown_author_roots"):
        item.sources = unknown_authors(analysis, item, lexicon)
    if not item.sources:
        return []
    riot = riot_code(frame.sense.code, lexicon)
    if riot is not None and rioting(analysis, item, lexicon):
        frame.sense = replace(frame.sense, code=riot)
        frame.rule += ":riot"
    if frame.sense.code[:2] == "11" and demonstrating(item, lexicon):
        frame.sense = replace(frame.sense, code="140")
        frame.rule += ":demonstration"
    refusal = refusal_code(item, lexicon)
    if refusal is not None:
        frame.sense = replace(frame.sense, code=refusal)
        frame.rule += f":refused-{refusal}"
        item.certainty, item.refused = "asserted", True
    intent = intent_code(frame.sense.code, item.certainty, lexicon)
    if intent is not None:
        frame.sense = replace(frame.sense, code=intent)
        frame.rule += f":{item.certainty}-{intent}"
    if frame.sense.object_target and not item.targets:
        return []
    pairs = dyads_of(analysis, item, lexicon)
    partner = code[:2] in lexicon.cue_words("partner_roots")  # of the act, not its intent
    if frame.sense.needs_target and partner and all(t is None for _, t in pairs):
        return []
    patient = patient_of(analysis, item) if all(t is None for _, t in pairs) else None
    if patient is not None:
        pairs = [(s, patient) for s, _ in pairs]
    if frame.sense.needs_target and all(t is None for _, t in pairs):
        return []
    events = [make_event(analysis, item, s, t, lexicon) for s, t in pairs[:MAX_PAIRS]]
    threat = consequence_threat(frame, lexicon)
    if threat is not None:
        sense = replace(frame.sense, code=threat)
        threatening = replace(item, frame=replace(frame, sense=sense, rule=f"{frame.rule}:or-face"))
        events += [make_event(analysis, threatening, s, t, lexicon) for s, t in pairs[:MAX_PAIRS]]
    return events


def riot_code(code: str, lexicon: EventLexicon) -> str | None:
    """The code of this act when a crowd does it, by the longest prefix `riot_codes` lists."""
    codes = lexicon.cue_map("riot_codes")
    return next((codes[code[:n]] for n in (4, 3, 2) if code[:n] in codes), None)


def rioting(analysis: Analysis, item: Resolved, lexicon: EventLexicon) -> bool:
    """Whether fighting is a crowd's: protesters, rioters or looters who clash, blockade or
    attack protest violently (CAMEO 145), they do not fight as armed forces do."""
    crowd = lexicon.cue_words("crowd_words")
    for source in item.sources:
        head = analysis.doc[source.token] if source.token >= 0 else None
        if source.group == "protester" or (head is not None and head.lemma_.lower() in crowd):
            return True
    return False


def demonstrating(item: Resolved, lexicon: EventLexicon) -> bool:
    """Whether a protest is people's, who demonstrate: its sources are groups of a state's
    people, none of them an institution ("farmers protest the lease of land")."""
    if item.frame.trigger.lemma_.lower() not in lexicon.cue_words("demonstration_verbs"):
        return False
    institutions = lexicon.cue_words("institution_sectors")
    return all(
        s.entity.kind == "group" and (s.entity.sector or "").lower() not in institutions
        for s in item.sources
    )


def consequence_threat(frame: Frame, lexicon: EventLexicon) -> str | None:
    """The threat code of a demand or appeal that names the price of refusing: "must withdraw
    its troops or face consequences" (130), "... or face sanctions" (1312)."""
    if frame.sense.code[:2] not in lexicon.cue_words("consequence_roots"):
        return None
    verbs = lexicon.cue_words("consequence_verbs")
    codes = lexicon.cue_map("consequence_codes")
    for token in frame.predicate.subtree:
        alternative = (
            token.dep_ == "conj"
            and token.lemma_.lower() in verbs
            and any(c.dep_ == "cc" and c.lower_ == "or" for c in token.head.children)
        )
        if alternative:
            faced = [c.lemma_.lower() for c in token.children if c.dep_ == "dobj"]
            return next((codes[w] for w in faced if w in codes), codes.get("*"))
    return None


def dyads_of(
    analysis: Analysis, item: Resolved, lexicon: EventLexicon
) -> list[tuple[Participant, Participant | None]]:
    """Who acts on whom. Conjoined sources of a cooperative act with no target act on each
    other ("India and Japan held joint exercises"); talks and calls go both ways; a material
    action with no named target falls on the state where it happens."""
    frame = item.frame
    code = frame.sense.code
    targets: list[Participant | None] = list(item.targets)
    if (
        not targets
        and len(item.sources) > 1
        and (
            code[:2] in lexicon.cue_words("mutual_roots")
            or code in lexicon.cue_words("mutual_codes") | lexicon.cue_words("joint_codes")
        )
    ):
        pairs = [(s, t) for s, t in product(item.sources, item.sources) if s.key != t.key]
        return list(pairs)
    if code[:2] not in lexicon.cue_words("venue_roots"):
        targets = targets or list(item.places)
    own_state = code[:2] in lexicon.cue_words("self_roots") or has_prefix(
        code, lexicon.cue_words("self_codes")
    )
    if not targets and (code[:2] in lexicon.cue_words("domestic_roots") or own_state):
        targets = [place_state(analysis, item, own_state, wider=True)]
    if not targets and (
        code in lexicon.cue_words("visit_codes")
        or code[:2] in lexicon.cue_words("recipient_place_roots")
    ):
        targets = [place_state(analysis, item, own_state=False)]
    pairs = [
        (s, t if t is None or s.key != t.key else None)
        for s, t in product(item.sources, targets or [None])
    ]
    if code in lexicon.cue_words("mutual_codes"):
        pairs += [(t, s) for s, t in pairs if t is not None]
    return pairs


PATIENT_DEPS = ("dobj", "pobj", "nsubjpass", "dative", "oprd")


def patient_of(analysis: Analysis, item: Resolved) -> Participant | None:
    """What an action with no actor for a target acts on ("rejected the council's decision",
    "stormed a police headquarters"): the first object phrase of the frame, as a target that
    names no actor (no code, no country). A time ("called on Friday") is no patient."""
    taken = {p.token for p in item.sources}
    times = [t.span for t in analysis.timexes]
    lexicon = load_lexicon()
    for head in patient_heads(item.frame.targets, lexicon):
        if head.pos_ not in ("NOUN", "PROPN") or head.dep_ not in PATIENT_DEPS or head.i in taken:
            continue
        if any(start <= head.idx < end for start, end in times):
            continue
        start, end = head.left_edge.i, head.i + 1
        words = head.doc[start:end]
        entity = Entity(key=f"~{head.i}", name=words.text, code="", kind="thing")
        ref = ActorRef(text=words.text, span=(words.start_char, words.end_char))
        return Participant(entity, ref, head.i)
    return None


def patient_heads(heads: list[Token], lexicon: EventLexicon) -> Iterator[Token]:
    """The candidate patients in order, each word of a stance or an amount replaced by what it
    is about: "claimed responsibility for the attack", "accepted an invitation to meet with
    Kim"; "6.3 million euros" is no patient."""
    abstract = lexicon.cue_words("abstract_objects")
    for head in heads:
        if head.lemma_.lower() not in abstract:
            yield head
            continue
        for child in head.children:
            if child.dep_ == "prep":
                yield from (o for o in child.children if o.dep_ == "pobj")
            elif child.dep_ in ("acl", "relcl", "xcomp"):
                yield from prep_or_object(child)


def prep_or_object(verb: Token) -> Iterator[Token]:
    """The object of a verb, then the objects of its prepositions: "to meet with Kim" gives Kim."""
    for child in verb.children:
        if child.dep_ == "dobj":
            yield child
    for prep in verb.children:
        if prep.dep_ == "prep":
            yield from (o for o in prep.children if o.dep_ == "pobj")


def has_prefix(code: str, prefixes: frozenset[str] | set[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


def refusal_code(item: Resolved, lexicon: EventLexicon) -> str | None:
    """A concession announced as not to be made is a refusal: "will not lift the ban" (1241),
    "will not withdraw its troops" (1246)."""
    if item.certainty != "planned" or not negated(item.frame, lexicon):
        return None
    table = lexicon.cue_map("refused_codes")
    code = item.frame.sense.code
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def intent_code(code: str, certainty: str, lexicon: EventLexicon) -> str | None:
    """An announced action is an intention or a threat: "will meet" is 036, "said it would
    send aid" 033, "will strike" 138 (the longest matching code prefix in `cues.yaml`)."""
    table = lexicon.cue_map(f"{certainty}_codes")
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def protesters_of(analysis: Analysis, item: Resolved, lexicon: EventLexicon) -> list[Participant]:
    """'Thousands demonstrated in Tbilisi', 'protests broke out in Tbilisi': the protesters
    are people of the place's state."""
    frame = item.frame
    acted = bool(children(frame.predicate, "nsubj"))  # "members ... staged a demonstration"
    if frame.noun is None:
        acted = acted or bool(frame.sources)  # "... before marching to the offices"
    elif frame.role is None:
        acted = occurs(frame.noun, lexicon) or (acted and held_on(frame.noun))
    else:
        acted = acted or occurs(frame.noun, lexicon)
    if not acted:
        return []
    state = place_state(analysis, item, own_state=False)
    state = state or located_state(analysis, item, sentence=True)  # "patients in Isiolo"
    state = state or document_state(analysis)
    return [] if state is None else [replace(state, group="protester")]


def held_on(noun: Token) -> bool:
    """ "Workers have been on strike", "teachers went on strike": a state its subject is in;
    "set the block ablaze in protest": the protest its subject made by doing so."""
    on = noun.head
    return noun.dep_ == "pobj" and on.lower_ in ("on", "in") and on.head.pos_ in ("VERB", "AUX")


def unknown_authors(analysis: Analysis, item: Resolved, lexicon: EventLexicon) -> list[Participant]:
    """The unidentified armed groups of the state where violence with no named author
    happened: the state of a place of the clause, else of the sentence, else the victims', else
    the one state of the sentence's actors ("clashes broke out when an ANC member was shot
    dead"), else the one state of all the document's places.
    The subject that names no actor ("a car bomb killed ...") is their words in the text."""
    state = located_state(analysis, item) or located_state(analysis, item, sentence=True)
    victims = [t.entity.country for t in item.targets if t.entity.country in countries()]
    iso3 = state.entity.country if state is not None else next(iter(victims), None)
    iso3 = iso3 or actors_state(analysis, item, lexicon.cue_words("armed_sectors"))
    if iso3 is None and (whole := document_state(analysis, outside_actors=True)) is not None:
        iso3 = whole.entity.country
    if iso3 is None:
        return []
    name = f"unidentified armed groups ({countries()[iso3].name})"
    entity = Entity(f"{iso3}:UAF", name, f"{iso3}UAF", iso3, "UAF", kind="group")
    ref = ActorRef(text=name, name=name, code=entity.code, country=iso3, sector="UAF")
    subjects = item.frame.sources or children(item.frame.predicate, "nsubj")
    means = subjects[0] if subjects and item.frame.noun is None else None  # "a car bomb killed"
    if means is not None:
        start, last = means.left_edge, means.right_edge
        span = (start.idx, last.idx + len(last))
        ref = ref.model_copy(update={"text": analysis.text[span[0] : span[1]], "span": span})
    return [Participant(entity, ref, -1)]


def actors_state(analysis: Analysis, item: Resolved, armed: frozenset[str]) -> str | None:
    """The state of the unarmed actors named in the frame's phrase, not as the source of a
    report, when there are some and all belong to one."""
    sources = [a.source.span for a in analysis.attributions if a.source and a.source.span]
    mentions = [
        m
        for m in analysis.actors.in_span(item.frame.sentence)
        if m.head in item.frame.scope and not any(s <= m.start < e for s, e in sources)
    ]
    if any((m.entity.sector or "").lower() in armed for m in mentions):
        return None
    states = {m.entity.country for m in mentions}
    return states.pop() if len(states) == 1 and states <= set(countries()) else None


def place_state(
    analysis: Analysis, item: Resolved, own_state: bool = True, wider: bool = False
) -> Participant | None:
    """The state where an action happens, for want of a named target: a place or a state in
    the clause, else (with `own_state`) the source's own state, else (`wider`) a place of the
    sentence or the one state of all the document's places."""
    frame = item.frame
    doc = frame.trigger.doc
    located = located_state(analysis, item)
    if located is not None:
        return located
    for i in sorted(frame.scope):
        mention = analysis.actors.at(doc[i])
        if mention is not None and mention.entity.kind == "state" and mention.entity.country:
            words = analysis.text[mention.start : mention.end]
            return state_participant(mention.entity.country, words, (mention.start, mention.end))
    country = item.sources[0].entity.country if item.sources and own_state else None
    if country and country in countries():
        return state_participant(country, countries()[country].name, None)
    if wider:
        wide = located_state(analysis, item, sentence=True)
        return wide or document_state(analysis, outside_actors=True)
    return None


def document_state(analysis: Analysis, outside_actors: bool = False) -> Participant | None:
    """The state of every place of the document, when they all lie in one (`outside_actors`:
    of the places that are no actor's words, such as "US" in "the US military"; see
    :func:`eventwire.events.location.is_actor`)."""
    placed = [p for p in analysis.places if p.country in countries()]
    if outside_actors:
        placed = [p for p in placed if not is_actor(analysis, p)]
    if not placed or len({p.country for p in placed}) > 1:
        return None
    return state_participant(placed[0].country, placed[0].text, placed[0].span)


def located_state(analysis: Analysis, item: Resolved, sentence: bool = False) -> Participant | None:
    """The state of the first place named in the clause (or `sentence`) ("killed in Kabul"),
    not one inside an actor's name ("an anti-Syria journalist")."""
    doc = item.frame.trigger.doc
    tokens = item.frame.sentence if sentence else [doc[i] for i in item.frame.scope]
    starts = {token.idx: token for token in tokens}
    for place in analysis.places:
        token = starts.get(place.span[0])
        if token is None or not place.country:
            continue
        mention = analysis.actors.at(token)
        if mention is None or (mention.start, mention.end) == tuple(place.span):
            return state_participant(place.country, place.text, place.span)
    return None


def state_participant(iso3: str, text: str, span: tuple[int, int] | None) -> Participant:
    name = countries()[iso3].name if iso3 in countries() else iso3
    entity = Entity(key=iso3, name=name, code=iso3, country=iso3, kind="state")
    ref = ActorRef(text=text, name=name, code=iso3, country=iso3, span=span)
    return Participant(entity, ref, -1)


def make_event(
    analysis: Analysis,
    item: Resolved,
    source: Participant,
    target: Participant | None,
    lexicon: EventLexicon,
) -> Event:
    frame = item.frame
    code = frame.sense.code
    entry = cameo_codes().get(code)
    sentence = frame.sentence
    trigger = frame.trigger
    date, date_source = event_date(analysis, item)
    return Event(
        source=source.ref,
        target=target.ref if target else None,
        cameo=code,
        cameo_name=entry.name if entry else None,
        plover=entry.plover if entry else None,
        plover_mode=entry.plover_mode if entry else None,
        goldstein=entry.goldstein if entry else None,
        quad_class=entry.quad_class if entry else None,
        date=date,
        date_source=date_source,
        date_precision=date_precision(date),  # type: ignore[arg-type]
        location=locate_event(analysis, trigger, code[:2] in lexicon.cue_words("scene_roots")),
        certainty=item.certainty,  # type: ignore[arg-type]
        attributed_to=attribution_chain(analysis, trigger.idx, trigger.idx + len(trigger)),
        negated=negated(frame, lexicon) and not item.refused,
        span=evidence_span(sentence.text, sentence.start_char),
        trigger=(trigger.idx, trigger.idx + len(trigger)),
        text=sentence.text.strip(),
        rule=frame.rule,
    )


def evidence_span(text: str, start: int) -> tuple[int, int]:
    """The character span of a sentence without its surrounding whitespace."""
    lead = len(text) - len(text.lstrip())
    return start + lead, start + len(text.rstrip())


def event_date(analysis: Analysis, item: Resolved) -> tuple[str | None, str | None]:
    """The event's date and where it comes from: its clause, its episode, else the
    publication date (except for what may never happen)."""
    if item.date:
        return item.date, "text"
    if item.episode is not None and item.episode.date:
        return item.episode.date, "episode"
    if analysis.published is not None and item.certainty not in UNDATED_CERTAINTIES:
        return analysis.published.isoformat(), "published"
    return None, None


def date_precision(date: str | None) -> str | None:
    """'day', 'month' or 'year' for an ISO date of 10, 7 or 4 characters."""
    if date is None:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(date))


def dyad_key(ref: ActorRef | None) -> str | None:
    if ref is None:
        return None
    return ref.name or ref.code or ref.text


def deduplicate(events: list[Event]) -> list[Event]:
    """One event per sentence, dyad and CAMEO root; the first (governing) one is kept. An act
    with no actor for a target gives way to the same act of the same source with one
    ("established diplomatic ties with and opened an embassy in Tehran")."""
    seen: set[tuple] = set()
    kept: list[Event] = []
    for event in sorted(events, key=lambda e: (e.span[0], e.trigger[0])):
        key = (event.span, dyad_key(event.source), dyad_key(event.target), event.cameo[:2])
        if key in seen:
            continue
        seen.add(key)
        kept.append(event)
    targeted = {(e.span, dyad_key(e.source), e.cameo[:2]) for e in kept if coded(e.target)}
    return [
        e
        for e in kept
        if coded(e.target) or (e.span, dyad_key(e.source), e.cameo[:2]) not in targeted
    ]


def coded(ref: ActorRef | None) -> bool:
    """Whether an event's party is an actor with a code, not a thing or no one."""
    return ref is not None and bool(ref.code)
