"""From argument phrases to actors: the mentions the actors stage found, as `ActorRef`s.

An argument head resolves to the mention that covers it; failing that, to a mention among
its modifiers ("Venezuelan airspace", "Israel's cabinet", "leaders of the opposition"). Each
conjunct of a coordination is an actor of its own ("Israel and Lebanon renewed talks"), and a
compound mention with members ("Brazil and the United States") gives one actor per member.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.actors.resolve import misspelt_country, proper_compound, stance_of
from eventwire.analysis import Analysis, Entity, Mention
from eventwire.countries import (
    countries,
    country_by_adjective,
    country_by_capital,
    country_by_name,
)
from eventwire.events.lexicon import load_lexicon
from eventwire.model import ActorRef
from eventwire.nlp import sentence_of

MODIFIER_DEPS = ("compound", "amod", "nmod", "poss")
OWNER_PREPS = ("of", "in", "from", "throughout", "at")
TARGET_OWNER_PREPS = ("of", "in")


@dataclass(frozen=True)
class Participant:
    """One actor taking part in an event, with the words that named it."""

    entity: Entity
    ref: ActorRef
    token: int  # index of the argument head it came from
    group: str | None = None  # "parties in Nepal", "Iraqi Kurds": a group of a state's people

    @property
    def key(self) -> str:
        return f"{self.entity.key}:{self.group}" if self.group else self.entity.key

    @property
    def identity(self) -> str:
        """Who this is, however the mention was keyed: name, code and group."""
        return f"{self.entity.name}|{self.entity.code}|{self.group or ''}"


def ref_of(analysis: Analysis, mention: Mention, entity: Entity) -> ActorRef:
    """The words that name an actor: a pronoun's antecedent when it stands earlier in the same
    sentence ("Nigeria's air force says it killed ..." names the air force)."""
    mention = antecedent_in_sentence(analysis, mention) or mention
    return ActorRef(
        text=analysis.text[mention.start : mention.end],
        name=entity.name,
        code=entity.code,
        country=entity.country,
        sector=entity.sector,
        span=(mention.start, mention.end),
    )


def antecedent_in_sentence(analysis: Analysis, mention: Mention) -> Mention | None:
    """The nearest earlier mention, by name or description, of a pronoun's actor in its own
    sentence."""
    if mention.how != "pronoun":
        return None
    sentence = sentence_of(analysis.doc[mention.head])
    earlier = [
        m
        for m in analysis.actors.in_span(sentence)
        if m.end <= mention.start and m.how != "pronoun" and m.entity.key == mention.entity.key
    ]
    return earlier[-1] if earlier else None


def participants_of(
    mention: Mention, analysis: Analysis, carrier: Token, head: Token
) -> list[Participant]:
    """The actors of a mention; a state named inside a larger phrase ("opposition parties in
    Nepal") stands for a group of that state, not for the state itself."""
    entities = mention.members or (mention.entity,)
    inside = carrier.i != head.i and carrier.dep_ != "poss"  # "its war" is the state's own
    group = head.lemma_.lower() if inside and head.pos_ == "NOUN" else None
    return [
        Participant(
            e, ref_of(analysis, mention, e), carrier.i, group if e.kind == "state" else None
        )
        for e in entities
    ]


def mentions_near(
    analysis: Analysis,
    head: Token,
    modifiers: bool = True,
    depth: int = 0,
    owners: tuple[str, ...] = OWNER_PREPS,
) -> list[Token]:
    """Tokens carrying the actor of a phrase: its head, else a modifier (with the modifier's
    conjuncts: "Hungarian and Romanian officials"), else the object of its 'of', 'in' or
    'from' ("leaders of the opposition", "security forces in Guinea")."""
    if analysis.actors.at(head) is not None:
        return [head]
    if not modifiers or depth > 2:
        return []
    modifiers_first = sorted(head.children, key=lambda c: c.pos_ == "PRON")  # "her" last
    for child in modifiers_first:
        if child.dep_ in MODIFIER_DEPS or child.dep_ in ("appos", "npadvmod"):
            if analysis.actors.at(child) is not None:
                return [child, *conjoined(child)]
            inner = mentions_near(analysis, child, True, depth + 1, owners)
            if inner:
                return inner
    if any(state_named(c) for c in head.children if c.dep_ in MODIFIER_DEPS):
        return []  # "the Cambodian refugee camp in Thailand": the adjective says whose
    for obj in phrase_objects(head, owners):
        inner = mentions_near(analysis, obj, True, depth + 1, owners)
        if inner:
            return inner
    return []


def phrase_objects(head: Token, owners: tuple[str, ...] = OWNER_PREPS) -> list[Token]:
    """Objects of the prepositions that say whose a group is: of, in, from, throughout."""
    return [
        obj
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in owners
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def resolve(
    analysis: Analysis,
    heads: list[Token],
    modifiers: bool = True,
    states: bool = True,
    owners: tuple[str, ...] = OWNER_PREPS,
    exclude: frozenset[str] = frozenset(),
) -> list[Participant]:
    """The actors named by argument heads, conjuncts included; first head with actors wins.
    With `states`, a head with no actor mention may still name a state ("Venezuelan
    airspace")."""
    for head in heads:
        found: list[Participant] = []
        for token in [head, *conjoined(head)]:
            for carrier in mentions_near(analysis, token, modifiers, 0, owners):
                mention = analysis.actors.at(carrier)
                if mention is not None:
                    found += participants_of(mention, analysis, carrier, token)
                    if carrier.i == token.i and modifiers:
                        found += other_states(mention, token)
        found = [p for p in found if p.key not in exclude and p.identity not in exclude]
        if not found and modifiers and (states or state_modified(head)):
            found = [
                p
                for token in [head, *conjoined(head)]
                for p in states_near(analysis, token, 0, owners)
            ]
        unique = [
            p
            for p in {p.key: p for p in found}.values()
            if p.key not in exclude and p.identity not in exclude
        ]
        if unique:
            return unique
    return []


def state_modified(head: Token) -> bool:
    """'an Indian proposal', 'Albanian rebels in Macedonia': an adjective that names a state
    says whose the phrase is, before any actor further down the clause."""
    if head.lemma_.lower() in load_lexicon().cue_words("place_nouns"):
        return False  # "the Colombian city of Cartagena" is a place, not a party
    return any(c.dep_ in ("amod", "compound") and state_named(c) is not None for c in head.children)


def other_states(mention: Mention, head: Token) -> list[Participant]:
    """'Sierra Leonean and Liberian refugees' found as 'Liberian refugees': the other
    conjoined adjectives name groups of their own."""
    found: list[Participant] = []
    for child in head.children:
        if child.dep_ not in ("amod", "compound"):
            continue
        for word in [child, *conjoined(child)]:
            if mention.start <= word.idx < mention.end:
                continue
            state = state_named(word, head.lemma_.lower())
            if state is not None and state.entity.country != mention.entity.country:
                found.append(state)
    return found


def states_near(
    analysis: Analysis,
    head: Token,
    depth: int = 0,
    owners: tuple[str, ...] = OWNER_PREPS,
    group: str | None = None,
) -> list[Participant]:
    """States named by a phrase head or its modifiers when no actor mention covers them:
    "Venezuelan airspace", "Syria's capital", "French and Egyptian warships", "Tehran"."""
    found: list[Participant] = []
    for token in [head, *(c for c in head.children if c.dep_ in MODIFIER_DEPS)]:
        for word in [token, *conjoined(token)] if token is not head else [token]:
            state = state_named(word, group if word is head else head.lemma_.lower())
            if state is not None:
                found.append(state)
        if found:
            return found
    if depth < 2:
        for obj in phrase_objects(head, owners):
            found = states_near(analysis, obj, depth + 1, owners, group or head.lemma_.lower())
            if found:
                return found
    return []


def state_named(token: Token, group: str | None = None) -> Participant | None:
    """The state a single word names: a country name, adjective, demonym or capital; not the
    word of a stance ("pro-Russian separatists" are not Russia's)."""
    if stance_of(token) or len(proper_compound(token)) > 1:  # nor "Jersey" of "New Jersey"
        return None
    iso3 = None
    if token.pos_ == "PROPN":
        iso3 = country_by_name(token.text) or country_by_capital(token.text)
    iso3 = iso3 or country_by_adjective(token.text)
    if iso3 is None and token.pos_ == "PROPN":
        iso3 = misspelt_country(token.text)  # "Ethopia has agreed ..."
    if iso3 is None or iso3 not in countries():
        return None
    entity = Entity(key=iso3, name=countries()[iso3].name, code=iso3, country=iso3, kind="state")
    span = (token.idx, token.idx + len(token))
    ref = ActorRef(text=token.text, name=entity.name, code=iso3, country=iso3, span=span)
    return Participant(entity, ref, token.i, group)


def conjoined(token: Token) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ == "conj":
            out += [child, *conjoined(child)]
    return out


def unresolved_participant(analysis: Analysis, head: Token) -> Participant:
    """A named or described actor that no dictionary knows ("the California Farm Bureau
    Federation", "the governor's office"): its words, with no country. A name whose head word
    marks a kind of organisation ("the Third World Water Forum") gets that kind's code."""
    start, end = head.left_edge.i, head.i + 1
    words = head.doc[start:end]
    code = ""
    if head.pos_ == "PROPN":
        code = load_lexicon().cue_map("unresolved_organisation_codes").get(head.lower_, "")
    entity = Entity(
        key=f"~{head.i}",
        name=words.text,
        code=code,
        country=code[:3] or None,
        kind="organisation" if code else "unresolved",
    )
    span = (words.start_char, words.end_char)
    ref = ActorRef(text=words.text, code=code or None, country=entity.country, span=span)
    return Participant(entity, ref, head.i)
