"""Unnamed domestic actors: role nouns with no country of their own.

News names many actors only by their role: "the prime minister", "the government", "armed
gangs", "protesters", "the former interior minister". CAMEO codes them as actors of the state
the story is about. Two conventions follow:

- a target phrase headed by a role noun (or with one as its possessor: "the minister's
  finances") that names no actor and no state is a group of the source's own state
  ("Pakistan's opposition demanded the resignation of the prime minister");
- a source phrase headed by a role noun with no actor is a group of the state of the place
  named in its sentence ("Rebels killed twelve villagers in eastern Congo").

The role nouns are the agent words of the actor dictionaries (`data/actors/agents.tsv`) and
the `role_nouns` of `data/events/cues.yaml`.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from eventwire.analysis import Analysis, Entity
from eventwire.countries import countries
from eventwire.events.arguments import Participant, conjoined
from eventwire.events.lexicon import load_lexicon
from eventwire.model import ActorRef
from eventwire.nlp import sentence_of

OWN_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
FOREIGN_WORDS = frozenset({"international", "foreign", "global", "world", "western"})


@lru_cache(maxsize=1)
def agent_words() -> dict[str, str]:
    """Role noun -> agent code: the built-in actor dictionaries, with the role nouns of
    `data/events/cues.yaml` that they lack."""
    from eventwire.actors.dictionaries import builtin_kb

    words = {
        word: code for word, code in builtin_kb().agents.items() if code and not code.endswith("~")
    }
    for word, code in load_lexicon().cue_map("role_nouns").items():
        words.setdefault(word, code.upper())
    return words


def role_sector(token: Token) -> str | None:
    """The CAMEO sector a role noun gives ("minister" -> GOV), or None for other words."""
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("GPE", "LOC", "NORP"):
        return None
    words = agent_words()
    code = words.get(token.lemma_.lower()) or words.get(token.lower_)
    return code[:3] if code else None


def role_words(head: Token) -> list[Token]:
    """The role nouns of a phrase: its head and conjuncts, else a possessor ("the minister's
    finances"). "its troops" are the actor's own people and "the international community"
    is nobody's."""
    heads = [head, *conjoined(head)]
    found = [t for t in heads if domestic_role(t)]
    if found:
        return found
    return [c for t in heads for c in t.children if c.dep_ == "poss" and domestic_role(c)]


def domestic_role(token: Token) -> bool:
    if role_sector(token) is None:
        return False
    words = {c.lower_ for c in token.children if c.dep_ in ("poss", "amod", "compound")}
    return not words & (OWN_PRONOUNS | FOREIGN_WORDS)


def group_of(iso3: str, token: Token, analysis: Analysis) -> Participant:
    """A group of a state's people named by a role noun."""
    name = countries()[iso3].name
    sector = role_sector(token)
    entity = Entity(
        key=iso3, name=name, code=iso3 + (sector or ""), country=iso3, sector=sector, kind="state"
    )
    start = token.idx
    ref = ActorRef(
        text=analysis.text[start : start + len(token)],
        name=name,
        code=entity.code,
        country=iso3,
        sector=sector,
        span=(start, start + len(token)),
    )
    return Participant(entity, ref, token.i, token.lemma_.lower())


def home_state(sources: list[Participant]) -> str | None:
    """The one state the sources belong to, if they name one."""
    states = {p.entity.country for p in sources}
    if len(states) != 1:
        return None
    iso3 = states.pop()
    return iso3 if iso3 and iso3 in countries() else None


def domestic_targets(analysis: Analysis, heads: list[Token], iso3: str | None) -> list[Participant]:
    """Role-noun targets with no actor of their own, as groups of the given state."""
    if iso3 is None or iso3 not in countries():
        return []
    for head in heads:
        words = [t for t in role_words(head) if analysis.actors.at(t) is None]
        if words:
            return [group_of(iso3, words[0], analysis)]
    return []


def place_country(analysis: Analysis, sentence: Span) -> str | None:
    """The state of the first place named in a sentence."""
    for place in analysis.places:
        inside = sentence.start_char <= place.span[0] < sentence.end_char
        if inside and place.country and place.country in countries():
            return place.country
    return None


def local_sources(analysis: Analysis, heads: list[Token]) -> list[Participant]:
    """Role-noun subjects with no actor, as people of the state of a place in the sentence."""
    for head in heads:
        words = [t for t in role_words(head) if analysis.actors.at(t) is None]
        if not words:
            continue
        iso3 = place_country(analysis, sentence_of(head))
        if iso3 is not None:
            return [group_of(iso3, words[0], analysis)]
    return []


def without_own(analysis: Analysis, heads: list[Token], sources: list[Participant]) -> list[Token]:
    """Target heads less the sources' own people: "Russia withdrew its troops from ..."."""
    countries_of = {p.entity.country for p in sources}
    state_side = all(p.entity.sector in STATE_SECTORS for p in sources)
    return [head for head in heads if not own_people(analysis, head, countries_of, state_side)]


FORCE_SECTORS = frozenset({"MIL", "COP", "SPY"})
STATE_SECTORS = frozenset({None, "GOV", "MIL", "COP", "SPY"})  # a state and its forces
UNNAMED_HOWS = frozenset({"place", "dateline", "document"})


def own_people(
    analysis: Analysis, head: Token, countries_of: set[str | None], state_side: bool = True
) -> bool:
    """ "its troops", or forces of the sources' own state named only by their role: "Russia
    massed troops", "the government sent police officers" move their own, they do not act on
    them."""
    mention = analysis.actors.at(head)
    owned = any(c.dep_ == "poss" and c.lower_ in OWN_PRONOUNS for c in head.children)
    if mention is None and (head.like_num or head.lemma_ in ("thousand", "hundred", "dozen")):
        mention = next(  # "thousands of police officers"
            (analysis.actors.at(o) for p in head.children if p.lower_ == "of" for o in p.children),
            None,
        )
    if mention is None or mention.entity.country not in countries_of:
        return False
    unnamed_force = mention.how in UNNAMED_HOWS and mention.entity.sector in FORCE_SECTORS
    return owned or (unnamed_force and state_side)
