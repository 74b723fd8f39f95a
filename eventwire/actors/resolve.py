"""Actor mentions read off the parse: names, titles, appositions, possessives, descriptions.

The work happens in two passes over one spaCy parse, both recording into a `Resolution`:

1. `find_names` looks every named span (spaCy entities, runs of proper nouns) up in the
   knowledge base: full names and aliases, states ("the U.S."), capitals used for their
   governments ("Washington"), surnames of people named earlier in the text or known to the
   knowledge base. A title before a name ("Foreign Minister Yván Gil") or an apposition
   beside it ("Colombia's president, Gustavo Petro") becomes part of the mention and tells
   the person's role when the knowledge base has none for the day.
2. `find_descriptions` reads noun phrases whose head is a role noun of
   `data/actors/descriptions.yaml`: "the Venezuelan opposition", "U.S. officials", "Maduro's
   regime", "the Trump administration", "the Venezuelan leader", "The editorial board".
   The country comes from a demonym, a state, a possessive or an "of" phrase; the sector from
   the noun. Descriptions of one person or of a named organisation are handed to
   `coref.py` to find whom they point back to.

`find_compounds` joins coordinated mentions ("Brazil and the United States") into one mention
whose `members` are the entities joined. People are coded when the index is built
(`Resolution.index`): the role the knowledge base gives for the publication date, else the
role the text gives, else (for someone unknown with a role in the text) the country the
document is mostly about.

Capitals used as actors ("Washington warned Caracas") are coded as the government of their
state (USAGOV), the same entity as "the U.S. government"; states named as such ("the U.S.",
"Venezuela") are coded with the country alone.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from eventwire.actors.kb import KBEntry, KnowledgeBase
from eventwire.analysis import ActorIndex, Entity, Mention
from eventwire.countries import (
    countries,
    country_by_adjective,
    country_by_capital,
    country_by_misspelling,
    country_by_name,
    normalise,
)
from eventwire.geo import load_gazetteer
from eventwire.yamlfiles import load_yaml

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
# A capital after one of these prepositions is a place, not a government ("talks in Caracas").
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "to",
        "from",
        "into",
        "across",
        "outside",
        "inside",
        "around",
        "toward",
        "towards",
        "through",
        "within",
        "over",
        "via",
    }
)
ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "dative", "agent", "appos", "attr", "ROOT"}
)
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "case", "nummod"})
PHRASE_DEPS = MODIFIER_DEPS | {"det", "predet", "quantmod", "punct"}
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
NAME_HOWS = ("name", "alias", "surname", "title", "apposition", "capital", "state")


@dataclass(frozen=True)
class Vocabulary:
    """The role words of `data/actors/descriptions.yaml`."""

    people: dict[str, str]
    groups: dict[str, str]
    organisations: dict[str, str]
    past: frozenset[str]  # modifiers of a role not held now: former, next
    sector_modifiers: dict[str, str]
    honorifics: dict[str, str | None]
    sector_names: dict[str, str]
    organisation_words: frozenset[str]
    generic_people: frozenset[str]
    stateless_titles: frozenset[str]
    word_surnames: frozenset[str]  # surnames that are also ordinary words: May, Price, Young
    place_parts: frozenset[str]  # "area of Beirut": the capital is the city
    stance_prefixes: frozenset[str]  # "anti-Syria", "pro-Russian": no state of their own
    indefinite: frozenset[str]  # "a soldier", "an official": one of a group of no name


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The description vocabulary, read once."""
    text = resources.files("eventwire.data").joinpath("actors", "descriptions.yaml")
    data = load_yaml(text.read_text(encoding="utf-8"))
    return Vocabulary(
        people=dict(data["people"]),
        groups=dict(data["groups"]),
        organisations=dict(data["organisations"]),
        past=frozenset(data["not_holding"]),
        sector_modifiers=dict(data["sector_modifiers"]),
        honorifics=dict(data["honorifics"]),
        sector_names=dict(data["sector_names"]),
        organisation_words=frozenset(data["organisation_name_words"]),
        generic_people=frozenset(data["generic_people"]),
        stateless_titles=frozenset(data["stateless_titles"]),
        word_surnames=frozenset(data["word_surnames"]),
        place_parts=frozenset(data["place_parts"]),
        stance_prefixes=frozenset(data["stance_prefixes"]),
        indefinite=frozenset(data["indefinite_determiners"]),
    )


@dataclass(frozen=True)
class Cue:
    """What a title, apposition or description says about an actor's role."""

    noun: str  # the role phrase that matched: "foreign minister", "regime"
    sector: str | None
    countries: tuple[str, ...] = ()
    past: bool = False  # "former diplomat": the role is no longer held
    owner: str | None = None  # key of the actor that owns it: "Maduro's regime"
    how: str = "description"  # demonym, possessive or description
    organisation: str | None = None  # "U.N. spokesman": key of the organisation it serves
    unknown_names: bool = False  # proper nouns in it that name no known actor or state


@dataclass
class Person:
    """A person of the document and what is known of them."""

    name: str
    entry: KBEntry | None = None
    cues: list[Cue] = field(default_factory=list)
    gender: str | None = None


@dataclass
class Found:
    """A mention while the document is being resolved: an entity key, not yet an Entity."""

    start: int
    end: int
    head: int
    key: str
    how: str
    members: tuple[str, ...] = ()


@dataclass
class Resolution:
    """Everything found so far in one document."""

    doc: Doc
    day: date | None
    kb: KnowledgeBase
    words: Vocabulary
    places: list[tuple[int, int, str | None]] = field(default_factory=list)  # span, country
    times: list[tuple[int, int]] = field(default_factory=list)  # spans of time expressions
    entities: dict[str, Entity] = field(default_factory=dict)  # all but people
    people: dict[str, Person] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)  # normalised surname -> person key
    found: list[Found] = field(default_factory=list)
    by_token: dict[int, Found] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)  # tokens already part of a mention
    focus: str | None = None  # the state the document is mostly about, once names are read
    _owners: dict[int, Token] | None = None
    _token_starts: dict[int, int] | None = None
    dateline: tuple[str | None] | None = None  # the dateline state, once looked for

    def add(self, found: Found) -> None:
        bisect.insort(self.found, found, key=start_of)
        span = self.doc.char_span(found.start, found.end, alignment_mode="expand")
        tokens = range(span.start, span.end) if span is not None else (found.head,)
        for i in tokens:
            self.by_token.setdefault(i, found)
            self.consumed.add(i)

    def owners(self) -> dict[int, Token]:
        """`pronoun_owners` of the document, worked out once."""
        if self._owners is None:
            self._owners = pronoun_owners(self.doc)
        return self._owners

    def token_starting_at(self, char: int) -> int | None:
        """The index of the token that starts at this character offset, if one does."""
        if self._token_starts is None:
            self._token_starts = {t.idx: t.i for t in self.doc}
        return self._token_starts.get(char)

    def place_at(self, start: int, end: int) -> tuple[int, int, str | None] | None:
        """The place (start, end, country) of the places stage that contains these offsets."""
        i = bisect.bisect_right(self.places, (start, 1 << 62, None)) - 1
        if i >= 0 and self.places[i][0] <= start and end <= self.places[i][1]:
            return self.places[i]
        return None

    def in_time(self, start: int, end: int) -> bool:
        """Whether these offsets overlap a time expression."""
        i = bisect.bisect_right(self.times, (end, end)) - 1
        return i >= 0 and self.times[i][0] < end and start < self.times[i][1]

    def place_country(self, start: int, end: int) -> str | None:
        """The country of a place found by the places stage at exactly these offsets."""
        place = self.place_at(start, end)
        return place[2] if place is not None and place[:2] == (start, end) else None

    def before(self, char: int) -> Iterator[Found]:
        """The mentions that start before a character offset, nearest first."""
        i = bisect.bisect_left(self.found, char, key=start_of)
        return (self.found[j] for j in range(i - 1, -1, -1))

    def drop_states(self, tokens: Iterable[int]) -> None:
        """Forget the state mentions headed by these tokens (they became part of a phrase)."""
        heads = {i for i in tokens if i in self.by_token and self.by_token[i].how == "state"}
        if not heads:
            return
        self.found = [f for f in self.found if not (f.how == "state" and f.head in heads)]
        for i in heads:
            del self.by_token[i]

    def entity(self, key: str) -> Entity | None:
        if key in self.people:
            return self.person_entity(key)
        return self.entities.get(key)

    def person_entity(self, key: str) -> Entity | None:
        """A person coded by the knowledge base for the day, else by the role in the text
        (see `fallback_entity` for people of the fallback table)."""
        person = self.people[key]
        cue = next((c for c in person.cues if c.countries or c.organisation), None)
        entry = person.entry
        if entry is not None and self.kb.is_fallback(entry):
            entity = self.fallback_entity(person, cue)
            if entity is not None:
                return entity
        elif entry is not None and self.kb.role_on(entry, self.day) is not None:
            return self.kb.entity(entry, self.day)
        if cue is not None and cue.organisation and not cue.past:
            serves = self.entities[cue.organisation]  # "U.N. spokesman": coded as the U.N.
            return Entity(
                key=key,
                name=person.name,
                code=serves.code,
                country=serves.country,
                sector=serves.sector,
                kind="person",
            )
        if cue is not None and cue.countries:
            return coded(key, person.name, cue.countries[0], None if cue.past else cue.sector)
        if person.entry is not None:
            entity = self.kb.entity(person.entry, self.day)
            return entity if entity.code else None
        cue = next((c for c in person.cues if not (c.unknown_names or c.organisation)), None)
        if cue is not None and cue.noun not in self.words.stateless_titles:
            home = self.focus or self.placed_focus()
            return coded(key, person.name, home, None if cue.past else cue.sector)
        return None

    def placed_focus(self) -> str | None:
        """The state whose places the document names most, for a titled person of no state
        where the text names no state's actors: "Interior Minister X ... in Nairobi"."""
        counts = Counter(c for _, _, c in self.places if c in countries())
        return counts.most_common(1)[0][0] if counts else None

    def fallback_entity(self, person: Person, cue: Cue | None) -> Entity | None:
        """A person of the fallback table (facts up to 2019, with gaps), weighed against the
        text: a state or organisation the text names outranks it when they disagree ("U.N.
        mediator Diego Cordovez", later a minister of Ecuador: None, the text decides), and
        a title held now gives the sector where the table has none or an elite's ("Second
        Prime Minister Hun Sen" in 1998, a term the table lacks)."""
        assert person.entry is not None
        entity = self.kb.entity(person.entry, self.day)
        if not entity.code or (cue is not None and self.cue_country(cue) != entity.country):
            return None
        title = next((c for c in person.cues if c.sector and not c.past), None)
        if title is not None and entity.sector in (None, "ELI") and entity.country in countries():
            return coded(entity.key, person.name, entity.country, title.sector)
        return entity

    def cue_country(self, cue: Cue) -> str | None:
        """The state, or IGO / NGO, a title or apposition says someone serves."""
        if cue.organisation:
            return self.entities[cue.organisation].country
        return cue.countries[0] if cue.countries else None

    def main_country(self) -> str | None:
        """The state the document mentions most (directly, by demonym or through its people)."""
        counts: Counter[str] = Counter()
        for found in self.found:
            entity = self.entities.get(found.key)
            if entity is None and found.key in self.people:
                person = self.people[found.key]
                if person.entry is not None:
                    entity = self.kb.entity(person.entry, self.day)
            if entity is not None and entity.country in countries():
                counts[entity.country] += 1
        for ent in self.doc.ents:
            if ent.label_ == "NORP" and (country := country_lookup(ent.text)) is not None:
                counts[country] += 1  # "Ugandan opposition": demonyms inside phrases count
        return counts.most_common(1)[0][0] if counts else None

    def index(self) -> ActorIndex:
        """The finished ActorIndex. Mentions whose actor cannot be coded (someone unknown
        with no role in the text) are left out. Compounds are added first, so that the
        tokens of "Brazil and the United States" find the compound."""
        index = ActorIndex()
        order = {how: rank for rank, how in enumerate(("compound", *NAME_HOWS))}
        for found in sorted(self.found, key=lambda f: (order.get(f.how, 99), f.start)):
            entity = self.entity(found.key)
            members = tuple(e for e in map(self.entity, found.members) if e is not None)
            if entity is None or not entity.code or (found.members and len(members) < 2):
                continue
            index.add(
                Mention(found.start, found.end, found.head, entity, found.how, members), self.doc
            )
        index.mentions.sort(key=lambda m: (m.start, -m.end))
        return index


def start_of(found: Found) -> int:
    return found.start


def coded(
    key: str, name: str, country: str | None, sector: str | None, kind: str = "person"
) -> Entity | None:
    """An entity coded from a country and a sector; None without a country."""
    if country is None:
        return None
    return Entity(
        key=key, name=name, code=country + (sector or ""), country=country, sector=sector, kind=kind
    )


# ---------------------------------------------------------------- names


def name_spans(doc: Doc) -> list[Span]:
    """Named spans: entities of the actor-like labels, and runs of proper nouns outside them."""
    spans = [trimmed(e) for e in doc.ents if e.label_ in NAME_LABELS]
    covered = {i for s in spans for i in range(s.start, s.end)}
    start: int | None = None
    for token in doc:
        proper = token.i not in covered and token.is_alpha and is_proper(token)
        if proper and start is None:
            start = token.i
        elif not proper and start is not None:
            spans.append(doc[start : token.i])
            start = None
    if start is not None:
        spans.append(doc[start : len(doc)])
    spans = [with_article(s) for s in sorted((s for s in spans if len(s)), key=lambda s: s.start)]
    return joined_names(spans)


def joined_names(spans: list[Span]) -> list[Span]:
    """A movement's adjective tagged apart from the name it opens ("Islamic" + "State": a
    compound of the next span, and no state's adjective) joined to it."""
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if (
            last is not None
            and last.end == span.start
            and last.label_ == "NORP"
            and country_lookup(last.text) is None
            and last[-1].dep_ == "compound"
            and span.start <= last[-1].head.i < span.end
        ):
            out[-1] = Span(span.doc, last.start, span.end, label=span.label or last.label)
        else:
            out.append(span)
    return out


ARTICLES = frozenset({"al", "el"})  # "al-Shabaab", "al Qaeda": the article opens the name


def with_article(span: Span) -> Span:
    """A name with the Arabic article written before it in lower case."""
    doc, start = span.doc, span.start
    if start >= 2 and doc[start - 1].text in ("-", "‑") and doc[start - 2].lower_ in ARTICLES:
        start -= 2
    elif start >= 1 and doc[start - 1].text in ARTICLES:
        start -= 1
    return Span(doc, start, span.end, label=span.label) if start != span.start else span


def is_proper(token: Token) -> bool:
    """A proper noun, or a capitalised noun inside a sentence ("Mills" tagged as a plural)."""
    if token.tag_ in ("NNP", "NNPS"):
        return True
    return token.pos_ == "NOUN" and token.is_title and not token.is_sent_start


def trimmed(span: Span) -> Span:
    """The span without a trailing possessive or punctuation, keeping its label."""
    end = span.end
    while end > span.start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    return Span(span.doc, span.start, end, label=span.label)


def find_names(res: Resolution) -> None:
    """Record a mention for every named span that names an actor. A word of a time
    expression ("4 May 2020", "Good Friday") or of a stance ("anti-Syria") names no one."""
    for span in name_spans(res.doc):
        if any(i in res.consumed for i in range(span.start, span.end)):
            continue
        if not res.in_time(span.start_char, span.end_char) and not stance_of(span[0]):
            resolve_name(res, span)
    res.focus = res.main_country()


def resolve_name(res: Resolution, span: Span) -> None:
    entry = res.kb.lookup(span.text)
    if entry is None:
        span = without_titles(res, span)
        entry = res.kb.lookup(span.text)
    if entry is None and (inner := known_group_inside(res, span)) is not None:
        span, entry = inner
    if (
        entry is not None
        and res.kb.is_fallback(entry)
        and (is_place(res, span) or normalise(span.text) in res.surnames)
    ):
        entry = None  # the fallback table outranks neither the gazetteer nor the text
    text = span.text
    if entry is not None and entry.kind == "state":
        state_mention(res, span, entry.key)
    elif span.label_ == "GPE" and (misspelt := misspelt_state(res, span)) is not None:
        state_mention(res, span, misspelt)
    elif entry is not None:
        how = "name" if normalise(text) == normalise(entry.name) else "alias"
        known_mention(res, span, entry, how)
    elif (capital := country_by_capital(text)) is not None:
        if is_argument(span.root, res.words.place_parts) and not is_dateline(span):
            capital_mention(res, span, capital)
    elif (key := named_before(res, span)) is not None:
        person_mention(res, span, key, "surname")
    elif is_place(res, span):
        return
    elif (by_surname := known_by_surname(res, span)) is not None:
        known_mention(res, span, by_surname, "surname")
    elif looks_like_person(res, span):
        unknown_person(res, span)


GROUP_KINDS = frozenset({"organisation", "group", "media"})


def misspelt_state(res: Resolution, span: Span) -> str | None:
    """The state a place name no gazetteer knows names by a slip of the pen ("Ethopia")."""
    return None if is_place(res, span) else misspelt_country(span.text)


def misspelt_country(text: str) -> str | None:
    """The state a name names by a slip of the pen, when it names no place of its own
    ("Phillippines", not "Columbia")."""
    iso3 = country_by_misspelling(text)
    return iso3 if iso3 is not None and not load_gazetteer().lookup(text) else None


def known_group_inside(res: Resolution, span: Span) -> tuple[Span, KBEntry] | None:
    """The longest part of a name span that names a known organisation or group: the tagger
    joins words to names ("Suspected al Shabaab", "al-Shabaab IED")."""
    for size in range(len(span) - 1, 0, -1):
        for start in range(span.start, span.end - size + 1):
            part = span.doc[start : start + size]
            if not part[0].is_alpha or not part[-1].is_alpha:
                continue
            entry = res.kb.lookup(part.text)
            if entry is not None and entry.kind in GROUP_KINDS and not res.kb.is_fallback(entry):
                return part, entry
    return None


def without_titles(res: Resolution, span: Span) -> Span:
    """A named span without the titles it starts with ("President Joe Biden" -> "Joe Biden")."""
    start = span.start
    while start < span.end - 1 and title_word(res, span.doc[start]):
        start += 1
    return Span(span.doc, start, span.end, label=span.label)


def title_word(res: Resolution, token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return word in res.words.honorifics or word in res.words.people or word in res.words.past


def named_before(res: Resolution, span: Span) -> str | None:
    """The person named earlier in the document whose surname this is, unless a title or an
    honorific before it fits that person less well than someone of the knowledge base
    ("President Clinton" after "Hillary Clinton")."""
    key = res.surnames.get(normalise(span.text))
    if key is None:
        return None
    _, cue, gender = title_before(res, span)
    if fits(res.people[key].entry, res.people[key], cue, gender):
        return key
    return None if known_by_surname(res, span) is not None else key


def known_by_surname(res: Resolution, span: Span) -> KBEntry | None:
    """The person of the knowledge base with this surname: the one a title or honorific
    before it fits, else the one in office on the day, else the only one. A bare surname (no
    title, no honorific, nobody of that name earlier in the text) counts only when one person
    of the knowledge base holds a role on the day, and never when it is also an ordinary word
    ("May", "Price", "Young"); a surname of the fallback table alone never counts."""
    _, cue, gender = title_before(res, span)
    bare = cue is None and gender is None
    if bare and normalise(span.text) in res.words.word_surnames:
        return None
    entries = [
        e
        for e in res.kb.lookup_surname(span.text)
        if not (res.kb.is_fallback(e) and (bare or is_place(res, span)))
    ]
    if cue is not None or gender is not None:
        entries = [e for e in entries if fits(e, None, cue, gender)]
    holding = [e for e in entries if res.kb.role_on(e, res.day) is not None]
    if len(holding) == 1:
        return holding[0]
    return entries[0] if len(entries) == 1 and not bare else None


def fits(entry: KBEntry | None, person: Person | None, cue: Cue | None, gender: str | None) -> bool:
    """Whether a title and an honorific before a surname can belong to this person: the
    gender agrees, and the title is one the person holds by the knowledge base or by the text
    (anyone fits when neither records a title)."""
    known_gender = (person.gender if person else None) or (entry.gender if entry else None)
    if gender and known_gender and gender != known_gender:
        return False
    if cue is None:
        return True
    titles = [r.title.lower() for r in entry.roles if r.title] if entry else []
    titles += [c.noun for c in person.cues if not c.past] if person else []
    return not titles or any(t.endswith(cue.noun) for t in titles)


def is_place(res: Resolution, span: Span) -> bool:
    """Whether the places stage found the whole span as a place (a place found inside a
    longer name, "Duarte" in "Ana Duarte", does not count)."""
    return res.place_at(span.start_char, span.end_char) is not None


def is_dateline(span: Span) -> bool:
    """ "WASHINGTON (AP) -", "CARACAS, Venezuela -": the place a story was filed from."""
    following = span.doc[span.end].text if span.end < len(span.doc) else ""
    return span.text.isupper() or following in ("(", "—", "–", "-", "--")


def is_argument(token: Token, place_parts: frozenset[str]) -> bool:
    """Whether a capital is used as an actor: a subject or object ("Washington warned
    Caracas", "talks with Moscow"), not a place ("in Caracas", "the streets of Nairobi",
    "clashed in Bwaise junction of Kampala") or a modifier ("London's Stock Exchange", "a
    Helsinki court")."""
    token = _phrase_head(token)  # "in Seapoint, Cape Town": the container of a place is a place
    if token.dep_ != "pobj":
        return token.dep_ in ARGUMENT_DEPS
    if token.head.lower_ in LOCATIVE:
        return False
    if token.head.lower_ != "of":
        return True
    owner = token.head.head
    return owner.lemma_.lower() not in place_parts and not _in_locative_phrase(owner)


def _phrase_head(token: Token) -> Token:
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token


def _in_locative_phrase(token: Token, depth: int = 3) -> bool:
    """Whether a noun lies inside a phrase of place, through "of" ("in Bwaise junction of
    Kampala", "at the headquarters of the Ministry of Finance, Abuja")."""
    token = _phrase_head(token)
    if token.dep_ != "pobj" or depth == 0:
        return False
    if token.head.lower_ in LOCATIVE:
        return True
    return token.head.lower_ == "of" and _in_locative_phrase(token.head.head, depth - 1)


def looks_like_person(res: Resolution, span: Span) -> bool:
    """Two or more capitalised proper nouns labelled as a person, or as anything but a place
    or a group when a title or an apposition says it is one (a lone unknown word is too risky
    to call a person)."""
    words = [t for t in span if t.tag_ != "DT"]
    if len(words) < 2 or not all(t.tag_ == "NNP" and t.is_alpha and t.is_title for t in words):
        return False
    if any(title_word(res, t) or t.lower_ in res.words.organisation_words for t in words):
        return False  # "Prime Minister", "Black Caucus", "Dominion Resources" are not people
    if span.label_ == "PERSON":
        return True
    if span.label_ in ("GPE", "NORP", "LOC", "FAC"):
        return False
    return title_before(res, span)[1] is not None or any(
        (role := role_of(res, noun)) is not None and role[1] == "people"
        for noun in appositives(span.root)
    )


def appositives(name: Token) -> list[Token]:
    """The nouns in apposition to a name, on either side."""
    partners = [c for c in name.children if c.dep_ == "appos"]
    if name.dep_ == "appos":
        partners.append(name.head)
    return partners


def state_mention(res: Resolution, span: Span, iso3: str) -> None:
    if iso3 not in res.entities:
        name = countries()[iso3].name if iso3 in countries() else span.text
        res.entities[iso3] = Entity(key=iso3, name=name, code=iso3, country=iso3, kind="state")
    res.add(Found(span.start_char, span.end_char, span.root.i, iso3, "state"))


def capital_mention(res: Resolution, span: Span, iso3: str) -> None:
    key = group_key(res, iso3, "GOV")
    res.add(Found(span.start_char, span.end_char, span.root.i, key, "capital"))


def group_key(res: Resolution, country: str, sector: str | None) -> str:
    """The entity of a state's sector ("VEN:OPP"), named by the state's adjective and the
    sector ("Venezuelan opposition")."""
    key = f"{country}:{sector or 'people'}"
    if key not in res.entities:
        state = countries().get(country)
        adjective = state.adjectives[0] if state and state.adjectives else country
        noun = res.words.sector_names.get(sector or "", "people") if sector else "people"
        res.entities[key] = Entity(
            key=key,
            name=f"{adjective} {noun}",
            code=country + (sector or ""),
            country=country,
            sector=sector,
            kind="group",
        )
    return key


def known_mention(res: Resolution, span: Span, entry: KBEntry, how: str) -> None:
    if entry.kind == "person":
        res.people.setdefault(entry.name, Person(entry.name, entry, gender=entry.gender))
        remember_surname(res, entry.name, entry.name)
        person_mention(res, span, entry.name, how)
        return
    if entry.name not in res.entities:
        res.entities[entry.name] = res.kb.entity(entry, res.day)
    res.add(Found(span.start_char, span.end_char, span.root.i, entry.name, how))


def unknown_person(res: Resolution, span: Span) -> None:
    words = [t for t in span if t.tag_ != "DT"]
    name = " ".join(t.text for t in words)
    res.people.setdefault(name, Person(name))
    remember_surname(res, name, name)
    person_mention(res, span, name, "name")


def remember_surname(res: Resolution, name: str, key: str) -> None:
    words = name.split()
    if len(words) > 1:
        res.surnames.setdefault(normalise(words[-1]), key)


def person_mention(res: Resolution, span: Span, key: str, how: str) -> None:
    """A person's name, with a title before it or an apposition beside it when there is one."""
    person = res.people[key]
    start, cue, gender = title_before(res, span)
    if gender and person.gender is None:
        person.gender = gender
    if cue is not None:
        person.cues.append(cue)
    if start < span.start:
        how = "title"
        res.drop_states(range(start, span.start))
    res.add(Found(span.doc[start].idx, span.end_char, span.root.i, key, how))
    apposition(res, span.root, key)


def title_before(res: Resolution, span: Span) -> tuple[int, Cue | None, str | None]:
    """Where a title before the name starts, what it says, and the gender it implies.
    Without a role word, a state or an organisation before the name still tells whom the
    person serves ("Israeli right-winger Ariel Sharon", "U.N. mediator Diego Cordovez")."""
    doc, start = span.doc, span.start
    while (
        start > 0
        and (doc[start - 1].dep_ in MODIFIER_DEPS or is_hyphen(doc[start - 1]))
        and start <= doc[start - 1].head.i < span.end
    ):
        start -= 1
    words = [t.lower_.rstrip(".") for t in doc[start : span.start]]
    gender = next((res.words.honorifics[w] for w in words if w in res.words.honorifics), None)
    role = None
    for i in range(span.start - 1, start - 1, -1):
        role = title_role(res, doc, i, start)
        if role is not None:
            break
    phrase = doc[start : span.start]
    if role is not None:
        return start, cue_from(res, phrase, role[0], sector_of(res, *role)), gender
    cue = cue_from(res, phrase, "", None) if len(phrase) else None
    if (
        cue is not None
        and (cue.countries or cue.organisation)
        and not cue.unknown_names
        and cue.owner is None
    ):
        return start, cue, gender  # "Israeli right-winger Ariel Sharon", "U.N. mediator"
    honorific = any(w in res.words.honorifics for w in words)
    return (start if honorific else span.start), None, gender


def is_hyphen(token: Token) -> bool:
    """A hyphen inside a word: "Vice-President", "right-winger"."""
    return (
        token.text == "-"
        and not token.whitespace_
        and token.i > 0
        and not token.doc[token.i - 1].whitespace_
    )


def title_role(res: Resolution, doc: Doc, i: int, start: int) -> tuple[str, str] | None:
    """The role a title word names. A word joined by a hyphen counts whole: "Vice-President"
    is a role, "Secretary-General" is not a general, "right-winger" is no role."""
    if i - 2 >= start and is_hyphen(doc[i - 1]):
        joined = f"{doc[i - 2].lower_}-{doc[i].lower_}"
        return (joined, "people") if joined in res.words.people else None
    if i + 2 < len(doc) and is_hyphen(doc[i + 1]):
        return None  # the first half of a hyphenated word
    return role_of(res, doc[i], limit=start)


def apposition(res: Resolution, name: Token, key: str) -> None:
    """ "Colombia's president, Gustavo Petro" and "Gustavo Petro, Colombia's president": the
    role phrase is a mention of the person too, and tells their role."""
    for noun in appositives(name):
        role = appositive_role(res, noun)
        if role is None or role[1] != "people" or noun.i in res.consumed or is_plural(noun):
            continue
        phrase = noun_phrase(noun)
        res.people[key].cues.append(cue_from(res, phrase, role[0], sector_of(res, *role)))
        absorb(res, phrase, noun)
        res.add(Found(phrase.start_char, phrase.end_char, noun.i, key, "apposition"))


def appositive_role(res: Resolution, noun: Token) -> tuple[str, str] | None:
    """The role of an appositive noun; a noun joined to the next word by a hyphen counts
    whole ("the secretary-general" is no secretary)."""
    doc = noun.doc
    if noun.i + 2 < len(doc) and is_hyphen(doc[noun.i + 1]):
        joined = f"{noun.lower_}-{doc[noun.i + 2].lower_}"
        return (joined, "people") if joined in res.words.people else None
    return role_of(res, noun)


# ---------------------------------------------------------------- role nouns


def role_of(res: Resolution, noun: Token, limit: int = 0) -> tuple[str, str] | None:
    """The longest role phrase ending in this noun, and the table it is in."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    words = [noun.lemma_.lower()]
    i = noun.i - 1
    while i >= limit and noun.doc[i].head.i == noun.i and noun.doc[i].dep_ in ("amod", "compound"):
        words.insert(0, noun.doc[i].lower_)
        i -= 1
    for n in range(len(words), 0, -1):
        for phrase in {" ".join(words[-n:]), " ".join([*words[-n:-1], noun.lower_])}:
            for table in ("people", "groups", "organisations"):
                if phrase in getattr(res.words, table):
                    return phrase, table
    return None


def sector_of(res: Resolution, phrase: str, table: str) -> str | None:
    sector = getattr(res.words, table)[phrase]
    return None if sector == "ANY" else sector


def noun_phrase(noun: Token) -> Span:
    """The noun with the determiners and modifiers right before it, and a state after it:
    "the Venezuelan opposition", "the president of Colombia", "security forces in Guinea"."""
    start = noun.i
    for child in reversed(list(noun.lefts)):
        if child.dep_ not in PHRASE_DEPS or child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
    end = noun.i + 1
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "from") and child.i == end:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if (
                objects
                and objects[0].ent_type_ == "GPE"
                and country_lookup(trimmed(entity_span(objects[0])).text)
            ):
                end = objects[0].right_edge.i + 1
    return noun.doc[start:end]


def cue_from(res: Resolution, phrase: Span, role: str, sector: str | None) -> Cue:
    """Country, sector, owner and tense of a role phrase ("Colombia's former president")."""
    found_countries: list[str] = []
    past, owner, how, organisation, unknown = False, None, "description", None, False
    role_words = set(role.replace("-", " ").split())
    own_state = False  # "Kenyan forces in Somalia" are Kenya's: their own adjective first
    for token in phrase:
        if token.i == phrase.root.i:
            own_state = bool(found_countries)
        elif token.i > phrase.root.i and own_state:
            break
        word = token.lower_
        if word in res.words.past or token.lemma_.lower() in res.words.past:
            past = True
        if word in res.words.sector_modifiers and word not in role_words:
            sector = res.words.sector_modifiers[word]
        if stance_of(token):
            continue
        mention = res.by_token.get(token.i)
        if mention is not None and mention.how != "apposition":
            entity = res.entity(mention.key)
            if entity is not None and entity.kind in ("organisation", "media", "group"):
                organisation = mention.key  # "a Hezbollah commander" serves Hezbollah
            elif entity is not None and entity.country in countries():
                owner = None if entity.kind == "state" else mention.key
                add_unique(found_countries, entity.country)
                how = "possessive" if token.dep_ == "poss" else how
            continue
        country = country_word(res, token)
        if country is not None:
            add_unique(found_countries, country)
            how = "possessive" if token.dep_ == "poss" else "demonym"
        elif (
            (token.pos_ == "PROPN" or token.ent_type_ in ("NORP", "GPE", "ORG"))
            and token.is_alpha
            and word not in role_words
            and not title_word(res, token)
        ):
            unknown = True
    return Cue(role, sector, tuple(found_countries), past, owner, how, organisation, unknown)


def stance_of(token: Token) -> bool:
    """Whether a word follows a stance prefix: "anti-Syria", "pro-Russian"."""
    doc, i = token.doc, token.i
    joined = i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_
    return joined and doc[i - 2].lower_ in vocabulary().stance_prefixes


def add_unique(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def country_word(res: Resolution, token: Token) -> str | None:
    """The state a modifier token names or describes: "U.S.", "Venezuelan", "Colombia's", or
    a place the places stage located ("Texas officials")."""
    if token.pos_ not in ("PROPN", "ADJ", "NOUN") or token.is_stop:
        return None
    if token.ent_type_ in ("GPE", "NORP", "LOC"):
        name = trimmed(entity_span(token))
        return country_lookup(name.text) or res.place_country(name.start_char, name.end_char)
    name = proper_compound(token)
    if len(name) > 1:  # "New Jersey" is not Jersey
        return country_lookup(name.text) or res.place_country(name.start_char, name.end_char)
    found = country_lookup(token.text) or res.place_country(token.idx, token.idx + len(token))
    return found or (misspelt_country(token.text) if token.pos_ == "PROPN" else None)


def proper_compound(token: Token) -> Span:
    """A proper noun with the proper nouns compounded before it: "New Jersey", "Sierra Leone"."""
    start = token.i
    while start > 0 and token.doc[start - 1].dep_ == "compound":
        previous = token.doc[start - 1]
        if previous.pos_ != "PROPN" or not start <= previous.head.i <= token.i:
            break
        start -= 1
    return token.doc[start : token.i + 1]


def entity_span(token: Token) -> Span:
    """The named-entity span a token is part of."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def country_lookup(text: str) -> str | None:
    return country_by_name(text) or country_by_adjective(text)


# ---------------------------------------------------------------- descriptions


def find_descriptions(res: Resolution) -> None:
    """Record a mention for every noun phrase that describes an actor by its role. Phrases
    owned by a pronoun ("its troops", "his government") wait for `find_owned_descriptions`."""
    owned = res.owners()
    for noun in res.doc:
        if noun.i in res.consumed or noun.i in owned or modifier_only(noun):
            continue
        if noun.ent_type_ == "NORP" and noun.pos_ in ("PROPN", "NOUN"):
            demonym_people(res, noun)
            continue
        role = role_of(res, noun)
        if role is not None:
            describe(res, noun, *role)
        elif noun.tag_ == "NNS" and (sector := res.kb.sector(noun.lemma_)) is not None:
            agent_description(res, noun, sector)


def modifier_only(noun: Token) -> bool:
    """A modifier of another noun, which describes no actor of its own ("security situation");
    a plural group with its own adjective does ("Kenyan forces base", "Ethiopian troops
    convoy")."""
    if noun.dep_ not in ("compound", "amod"):
        return False
    return noun.tag_ != "NNS" or not any(c.dep_ in ("amod", "compound") for c in noun.lefts)


def find_owned_descriptions(res: Resolution) -> None:
    """Once pronouns are resolved: "Russia moved its troops" (Russian military), "Maduro said
    his government would resist" (Venezuelan government). A group noun only: "his secretary"
    is someone else."""
    for i, owner in res.owners().items():
        if i in res.consumed or owner.i not in res.by_token:
            continue
        noun = res.doc[i]
        role = role_of(res, noun)
        if role is not None and (role[1] == "groups" or is_plural(noun)):
            cue = cue_from(res, noun_phrase(noun), role[0], sector_of(res, *role))
            if len(cue.countries) == 1 and cue.sector is not None and cue.organisation is None:
                phrase = noun_phrase(noun)
                key = group_key(res, cue.countries[0], cue.sector)
                res.add(Found(phrase.start_char, phrase.end_char, noun.i, key, "possessive"))


def pronoun_owners(doc: Doc) -> dict[int, Token]:
    """The nouns owned by a possessive pronoun before them ("its" in "its troops"), by token
    index, in text order; the first such pronoun of a noun is its owner."""
    owners: dict[int, Token] = {}
    for token in doc:
        if token.dep_ == "poss" and token.pos_ == "PRON" and token.i < token.head.i:
            owners.setdefault(token.head.i, token)
    return dict(sorted(owners.items()))


def agent_description(res: Resolution, noun: Token, sector: str) -> None:
    """A noun of the knowledge base's agent table with a state beside it: "Venezuelan
    students", "Colombia's farmers". Without a state the noun is too vague to code."""
    phrase = noun_phrase(noun)
    cue = cue_from(res, phrase, noun.lemma_.lower(), None if sector == "PPL" else sector)
    if noun_modified(res, noun, cue.noun) or cue.organisation:
        return
    if len(cue.countries) == 1 and cue.owner is None:
        key = group_key(res, cue.countries[0], cue.sector)
        add_description(res, phrase, noun, key, cue.how)


def demonym_people(res: Resolution, noun: Token) -> None:
    """ "Venezuelans", "the Americans", "Iraqi Kurds": people of a state."""
    if noun.tag_ != "NNPS":
        return
    phrase = noun_phrase(noun)
    country = country_word(res, noun)
    if country is None:
        cue = cue_from(res, phrase, noun.lower_, None)
        if len(cue.countries) != 1 or cue.owner is not None:
            return
        country = cue.countries[0]
    key = group_key(res, country, None)
    res.add(Found(phrase.start_char, phrase.end_char, noun.i, key, "demonym"))


def describe(res: Resolution, noun: Token, role: str, table: str) -> None:
    """Resolve one role noun phrase: to the person or organisation it points back to, or to
    the group of its state and sector."""
    phrase = noun_phrase(noun)
    cue = cue_from(res, phrase, role, sector_of(res, role, table))
    if cue.organisation or (table != "people" and noun_modified(res, noun, role)):
        return
    of_organisation = role in res.words.organisations and not cue.countries
    if (table == "organisations" or of_organisation) and (
        describes_organisation(res, phrase, noun, cue) or table == "organisations"
    ):
        return
    if (
        table == "people"
        and not is_plural(noun)
        and (describes_person(res, phrase, noun, cue) or not cue.countries)
    ):
        return  # resolved, or "the king" with nobody of that title named before
    describe_group(res, phrase, noun, cue, table)


def describes_organisation(res: Resolution, phrase: Span, noun: Token, cue: Cue) -> bool:
    """ "the Iraqi News Agency" (a new one) or "the newspaper" (one named before)."""
    from eventwire.actors import coref  # coref builds on this module's state

    if named_organisation(res, phrase, noun, cue):
        return True
    if len(cue.countries) == 1 and cue.sector is not None:  # "a Syrian newspaper": its media
        add_description(res, phrase, noun, group_key(res, cue.countries[0], cue.sector), cue.how)
        return True
    if cue.unknown_names:
        return False
    key = coref.organisation_before(res, noun, sector_of(res, cue.noun, "organisations"))
    if key is not None:
        add_description(res, phrase, noun, key, "description")
    return key is not None


def describes_person(res: Resolution, phrase: Span, noun: Token, cue: Cue) -> bool:
    """ "the Venezuelan leader", "the president": a person named before."""
    from eventwire.actors import coref  # coref builds on this module's state

    key = coref.person_before(res, noun, cue)
    if key is not None:
        add_description(res, phrase, noun, key, "description")
    return key is not None


def describe_group(res: Resolution, phrase: Span, noun: Token, cue: Cue, table: str) -> None:
    """ "U.S. officials", "the Venezuelan opposition", "Maduro's regime"; without a state,
    "officials" after "U.S. officials"."""
    from eventwire.actors import coref  # coref builds on this module's state

    if cue.sector is None:
        return
    if len(cue.countries) > 1:
        compound_description(res, phrase, noun, cue)
    elif cue.countries:
        key = group_key(res, cue.countries[0], cue.sector)
        add_description(res, phrase, noun, key, cue.how)
    elif not cue.unknown_names and not (is_plural(noun) and table == "groups"):
        key = coref.group_before(res, noun, cue.sector)  # not "Soviet officials", "regimes"
        if key is not None:
            add_description(res, phrase, noun, key, "description")


def named_organisation(res: Resolution, phrase: Span, noun: Token, cue: Cue) -> bool:
    """ "the official Iraqi News Agency", "Egypt's Al-Ahram newspaper": an organisation the
    knowledge base does not know, coded by its state and the sector of its noun."""
    sector = sector_of(res, cue.noun, "organisations")
    named = noun.is_title or any(
        t.pos_ == "PROPN"
        and t.i != noun.i
        and t.i not in res.by_token
        and country_word(res, t) is None
        for t in phrase
    )
    if len(cue.countries) != 1 or sector is None or not named:
        return False
    name = " ".join(
        t.text for t in phrase if t.dep_ not in ("det", "poss", "case") and t.i not in res.by_token
    )
    if name not in res.entities:
        res.entities[name] = Entity(
            key=name,
            name=name,
            code=cue.countries[0] + sector,
            country=cue.countries[0],
            sector=sector,
            kind="organisation",
        )
    add_description(res, phrase, noun, name, "description")
    return True


def is_plural(noun: Token) -> bool:
    return noun.tag_ in ("NNS", "NNPS")


def noun_modified(res: Resolution, noun: Token, role: str) -> bool:
    """Whether a common noun before a singular head changes what it means: "sanctions
    regime", "task force", "prison population" are not actors ("peacekeeping troops" are)."""
    return not is_plural(noun) and any(
        child.dep_ == "compound"
        and child.pos_ == "NOUN"
        and child.lower_ not in role.split()
        and child.lower_ not in res.words.sector_modifiers
        for child in noun.lefts
    )


def add_description(res: Resolution, phrase: Span, noun: Token, key: str, how: str) -> None:
    """A description mention; the states named inside it become part of it."""
    absorb(res, phrase, noun)
    res.add(Found(phrase.start_char, phrase.end_char, noun.i, key, how))


def absorb(res: Resolution, phrase: Span, noun: Token) -> None:
    """Drop the state mentions inside a role phrase: "U.S." in "U.S. officials"."""
    res.drop_states(i for i in range(phrase.start, phrase.end) if i != noun.i)


def is_definite(noun: Token) -> bool:
    """ "the president", "this newspaper", "Colombia's president"; not "a president", nor
    "his secretary" or "our president" (a possessive pronoun is too vague to point back)."""
    return any((c.dep_ == "poss" and c.pos_ != "PRON") or c.lower_ in DEFINITE for c in noun.lefts)


def compound_description(res: Resolution, phrase: Span, noun: Token, cue: Cue) -> None:
    """ "the U.S. and Venezuelan governments": one group per state, joined."""
    members = []
    for token in phrase:
        country = country_word(res, token) if token.i != noun.i else None
        if country is None or country not in cue.countries:
            continue
        key = group_key(res, country, cue.sector)
        members.append(key)
        res.drop_states((token.i,))
        res.add(Found(token.idx, token.idx + len(token.text), token.i, key, "compound"))
    if len(members) > 1:
        res.add(
            Found(
                phrase.start_char, phrase.end_char, noun.i, members[0], "compound", tuple(members)
            )
        )


# ---------------------------------------------------------------- compounds


def find_compounds(res: Resolution) -> None:
    """Coordinated mentions ("Brazil and the United States") as one compound mention."""
    heads = {f.head: f for f in res.found if f.how != "compound"}
    for first in list(heads.values()):
        parts = [first]
        for token in res.doc[first.head].conjuncts:
            if token.i > first.head and token.i in heads:
                parts.append(heads[token.i])
        if len(parts) < 2 or res.doc[first.head].dep_ == "conj":
            continue
        keys = tuple(dict.fromkeys(p.key for p in parts))
        if len(keys) > 1:
            res.add(
                Found(
                    parts[0].start, max(p.end for p in parts), first.head, keys[0], "compound", keys
                )
            )
