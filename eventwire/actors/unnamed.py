"""Unnamed actors: groups that the text names only by their role, with no state of their own.

Most conflict and protest reporting names no one: "residents protested", "unidentified
gunmen abducted", "government forces shelled the town", "riot police dispersed them". CAMEO
and ACLED code such a group as a sector of a state. Phrases that say whose they are ("Kenyan
forces", "Israel's army") are read by `resolve.find_descriptions`; this pass codes the rest,
taking the state from the first of:

1. `place`: a place the places stage found in the group's own clause, else in its sentence
   ("Gunmen killed three officers in northern Mali");
2. `dateline`: the place a story was filed from ("KAMPALA, Uganda (Reuters) -");
3. `document`: the state whose places the document names most, else the state it mentions
   most, unless that state is only the source the sentence is attributed to.

The role nouns are the group nouns of `data/actors/descriptions.yaml` and the plural agent
words of `data/actors/agents.tsv`. A single person ("a soldier", "the minister") is coded
only as a group noun would be: "the government" is a body, "an official" is somebody.
`Mention.how` records which evidence gave the state.

The same evidence places a transnational armed group, which has no state of its own (the
Islamic State, al-Qaeda: IMG), as its branch in that state (`place_transnational`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Span, Token

from eventwire.actors import resolve
from eventwire.actors.resolve import Found, Resolution
from eventwire.countries import countries
from eventwire.nlp import sentence_of

DATELINE_MARKS = frozenset({"(", "—", "–", "-", "--", ":"})
DATELINE_CHARS = 80  # a dateline place starts within this many characters of the text
TRANSNATIONAL = frozenset({"IMG"})  # country codes of armed groups with no state of their own


def find_unnamed(res: Resolution) -> None:
    """Record a mention for every role-noun group with no state in its phrase."""
    owned = res.owners()
    for noun in res.doc:
        if noun.i in res.consumed or noun.i in owned or noun.dep_ in ("compound", "amod"):
            continue
        sector = group_sector(res, noun)
        if sector is None:
            continue
        phrase = resolve.noun_phrase(noun)
        if any(i in res.consumed for i in range(phrase.start, phrase.end)):
            continue
        cue = resolve.cue_from(res, phrase, noun.lemma_.lower(), sector)
        role = resolve.role_of(res, noun)
        own = len(role[0].split()) if role else 1
        if cue.countries or cue.organisation or cue.owner or named_inside(phrase, noun, own):
            continue
        if owned_by_prepositions(res, noun):
            continue
        home = home_state(res, noun)
        if home is not None and (home[1] != "document" or not qualified_person(res, noun)):
            key = resolve.group_key(res, home[0], cue.sector)
            res.add(Found(phrase.start_char, phrase.end_char, noun.i, key, home[1]))


def place_transnational(res: Resolution) -> None:
    """A transnational armed group ("the Islamic State", coded IMG: no state of its own) is
    coded as its branch in the state where the text places it, by the same evidence as an
    unnamed group: "IS affiliates in Sirte" are LBYIMGMUSISI, country LBY."""
    moved: dict[int, Found] = {}
    for n, found in enumerate(res.found):
        entity = res.entities.get(found.key)
        if entity is None or entity.kind != "group" or entity.country not in TRANSNATIONAL:
            continue
        home = home_state(res, res.doc[found.head])
        if home is None:
            continue
        key = f"{found.key}@{home[0]}"
        if key not in res.entities:
            state = countries().get(home[0])
            res.entities[key] = replace(
                entity,
                key=key,
                name=f"{entity.name} ({state.name if state else home[0]})",
                code=home[0] + entity.code,
                country=home[0],
            )
        res.found[n] = moved[id(found)] = replace(found, key=key)
    res.by_token = {i: moved.get(id(f), f) for i, f in res.by_token.items()}


def named_inside(phrase: Span, noun: Token, own: int = 1) -> bool:
    """Whether a name other than a religion's or a movement's stands in the phrase before the
    `own` words of its role: "Bunyan Marsous forces" are a group of their own, "Islamist
    militants", "Riot police" and "the Foreign Office" are not."""
    return any(
        not noun.i - own < t.i <= noun.i
        and not t.is_sent_start  # "Riot police ...": capitalised by its place in the sentence
        and t.pos_ == "PROPN"
        and t.ent_type_ != "NORP"
        and t.is_alpha
        for t in phrase
    )


OWNER_PREPS = ("of", "at", "from", "for", "with")


def owned_by_prepositions(res: Resolution, noun: Token) -> bool:
    """ "prosecutors at the International Criminal Court", "workers of Chile's largest mine":
    an actor or a state after the noun says whose they are; the event coder reads it."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in OWNER_PREPS:
            continue
        for obj in prep.subtree:
            if obj.i in res.by_token or resolve.country_word(res, obj) is not None:
                return True
    return False


def group_sector(res: Resolution, noun: Token) -> str | None:
    """The sector of a noun that names a group: a group noun ("the government", "police"),
    or a plural agent word ("gunmen", "residents", "protesters")."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in ("GPE", "LOC", "NORP", "DATE"):
        return None
    role = resolve.role_of(res, noun)
    one_of_many = indefinite(res, noun)
    if role is not None and (role[1] == "groups" or (one_of_many and role[1] == "people")):
        if resolve.noun_modified(res, noun, role[0]):
            return None  # "the sanctions regime", "a task force"
        return resolve.sector_of(res, *role)
    if not (resolve.is_plural(noun) or one_of_many) and noun.lower_ not in res.words.groups:
        return None
    sector = compound_sector(res, noun) or res.kb.sector(noun.lemma_) or res.kb.sector(noun.lower_)
    return None if sector == "PPL" else sector or None


def compound_sector(res: Resolution, noun: Token) -> str | None:
    """The sector of an agent word of two words, the first a modifier of the noun: "asylum
    seekers", "asylum-seekers", "displaced people"."""
    before = [
        c
        for c in noun.children
        if c.dep_ in ("compound", "amod") and c.i < noun.i and c.is_alpha and c.is_lower
    ]
    if not before:
        return None
    return res.kb.sector(f"{before[-1].lower_} {noun.lemma_.lower()}") or None


def indefinite(res: Resolution, noun: Token) -> bool:
    """ "a soldier", "one policeman": a single member of a group the text does not name."""
    return not resolve.is_plural(noun) and any(
        c.dep_ in ("det", "nummod") and c.lower_ in res.words.indefinite for c in noun.children
    )


def qualified_person(res: Resolution, noun: Token) -> bool:
    """ "A president from Africa": a single person whom a phrase of their own sets apart from
    the document's state."""
    return indefinite(res, noun) and any(c.dep_ == "prep" for c in noun.children)


def home_state(res: Resolution, noun: Token) -> tuple[str, str] | None:
    """The state an unnamed group belongs to, and the evidence: place, dateline, document."""
    found = clause_state(res, noun)
    if found is not None:
        return found, "place"
    found = dateline_state(res)
    if found is not None:
        return found, "dateline"
    found = document_state(res, noun)
    return (found, "document") if found is not None else None


def located(res: Resolution, span: Span) -> list[str]:
    """The states of the places that start at a token of this span, in text order; a place
    inside an actor's name or description ("US officials", "the Kenyan government") locates
    nothing."""
    found: list[str] = []
    for start, _, country in res.places:
        if not span.start_char <= start < span.end_char or country not in countries():
            continue
        i = res.token_starting_at(start)
        if i is not None and i not in res.by_token and not resolve.stance_of(res.doc[i]):
            found.append(country)  # not "an anti-Syria journalist"
    return found


def clause_state(res: Resolution, noun: Token) -> str | None:
    """The state of a place in the noun's clause, else of the first place in its sentence."""
    clause = governing_clause(noun)
    found = located(res, res.doc[clause.left_edge.i : clause.right_edge.i + 1])
    found = found or located(res, sentence_of(noun))
    return found[0] if found else None


def governing_clause(token: Token) -> Token:
    """The verb whose clause a token belongs to (the token itself when none)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def dateline_state(res: Resolution) -> str | None:
    """The state of a dateline place: a place at the start of the text followed by a comma,
    a dash or a bracket ("TRIPOLI (Reuters) -", "Kampala, Uganda -"). Looked for once."""
    if res.dateline is None:
        res.dateline = (find_dateline_state(res),)
    return res.dateline[0]


def find_dateline_state(res: Resolution) -> str | None:
    first = next(iter(res.doc.sents), None)
    if first is None:
        return None
    for start, end, country in res.places:
        if start > DATELINE_CHARS or start >= first.end_char:
            break
        if country in countries() and starts_dateline(res.doc, first, start, end):
            return country
    return None


def starts_dateline(doc, sentence: Span, start: int, end: int) -> bool:
    """Whether a place opens the text and a dateline mark follows it closely."""
    text = doc.text
    before = text[sentence.start_char : start].strip()
    if before and not before.isupper():
        return False
    after = text[end : end + 40]
    words = after.split()[:4]
    return any(mark in words or after.lstrip().startswith(mark) for mark in DATELINE_MARKS)


def document_state(res: Resolution, noun: Token) -> str | None:
    """The state whose places the document names most (places inside actors' names aside),
    else the state it mentions most, unless that state is only the source of the noun's
    sentence ("... killed two militants, according to US officials")."""
    counts = Counter(located(res, res.doc[:]))
    if counts:
        return counts.most_common(1)[0][0]
    if res.focus is None or speaks_for(res, sentence_of(noun), res.focus):
        return None
    return res.focus


SPEECH_LEMMAS = frozenset({"say", "tell", "report", "announce", "state", "claim", "add"})


def speaks_for(res: Resolution, sentence: Span, country: str) -> bool:
    """Whether an actor of that state is who the sentence is attributed to: the subject of a
    speech verb, or the object of "according to"."""
    for found in res.found:
        if not sentence.start_char <= found.start < sentence.end_char:
            continue
        entity = res.entity(found.key)
        head = res.doc[found.head]
        if entity is None or entity.country != country:
            continue
        speaker = head.dep_ == "nsubj" and head.head.lemma_ in SPEECH_LEMMAS
        according = head.dep_ == "pobj" and head.head.head.lower_ == "according"
        if speaker or according:
            return True
    return False
