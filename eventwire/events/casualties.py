"""Casualties: how many people a violent event killed and wounded, as the text counts them.

A casualty mention is a predicate of death or injury with the noun phrase of its victims
("killing 26", "Two people were killed and 18 were wounded", "left five people dead", "the
death toll rose to 31"). Its victims are counted from their number ("26", "twenty-two", "a
dozen"), a vague quantity coded as conflict data sets code it ("dozens" is 12), a singular
noun or name (one), and their conjuncts ("a widow and a man" are two). A plural with no
number is unknown: no count is invented. The words are in `data/events/casualties.yaml`.

Each mention goes to one material-conflict event of its sentence: the event it names, else
the event that governs it ("attacked the village, killing 26"), else one it governs ("were
killed in an airstrike"), else the nearest; a sentence without one reports on the last such
event of the sentences just before ("He died the next day"). Every event of that trigger
carries the sum of its mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from spacy.tokens import Doc, Span, Token

from eventwire.events.lexicon import load_lexicon, read_yaml
from eventwire.model import Casualties, Event
from eventwire.nlp import sentence_of
from eventwire.timex.rules import load_rules

KINDS = ("killed", "wounded")
CONFLICT_QUAD = 4
LOOKBACK = 2  # sentences before a mention in which its event may be
COMPLEMENTS = frozenset({"oprd", "acomp", "xcomp", "advmod", "ccomp", "conj"})
PRONOUNS_OF_ONE = frozenset({"he", "she", "him", "her"})
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}


@dataclass(frozen=True)
class Words:
    """The word lists of `casualties.yaml`, by kind where they have one."""

    verbs: dict[str, frozenset[str]]
    intransitive: dict[str, frozenset[str]]
    states: dict[str, frozenset[str]]
    means_of_death: frozenset[str]
    toll: frozenset[str]
    counted: frozenset[str]
    nobody: frozenset[str]
    vague: dict[str, int]
    subsets: frozenset[str]
    partitives: frozenset[str]
    cardinals: dict[str, int]
    event_nouns: frozenset[str]  # what happened, not who: "the attack" is no victim
    reported: frozenset[str]
    unknown_number: dict[str, frozenset[str]]
    unknown_count: int
    plural_count: int


@dataclass(frozen=True)
class Mention:
    """One report of people killed or wounded: its kind, count and predicate."""

    kind: str
    count: int | None
    anchor: Token


def _by_kind(table: dict[str, Any] | None) -> dict[str, frozenset[str]]:
    return {kind: frozenset(str(w) for w in (table or {}).get(kind, ())) for kind in KINDS}


@lru_cache(maxsize=1)
def load_words() -> Words:
    """The casualty words (once per process)."""
    data = read_yaml("casualties.yaml")
    tolls = data["toll_nouns"]["killed"]
    return Words(
        verbs=_by_kind(data["verbs"]),
        intransitive=_by_kind(data["intransitive"]),
        states=_by_kind(data["states"]),
        means_of_death=frozenset(data["means_of_death"]),
        toll=frozenset(tolls["toll"]),
        counted=frozenset(tolls["counted"]),
        nobody=frozenset(data["nobody"]),
        vague={str(k): int(v) for k, v in data["vague"].items()},
        subsets=frozenset(data["subsets"]),
        partitives=frozenset(data["partitives"]),
        cardinals=dict(load_rules().cardinals),
        event_nouns=frozenset(load_lexicon().nouns),
        reported=frozenset(tolls["reported"]),
        unknown_number={k: frozenset(v) for k, v in data["unknown_number"].items()},
        unknown_count=int(data["unknown_count"]),
        plural_count=int(data["plural_count"]),
    )


# ------------------------------------------------------------------ counting victims


def number_value(words: list[str], cardinals: dict[str, int]) -> int | None:
    """The value of number words or digits: "26", "2,000", "twenty two", "two hundred",
    "a dozen"; None when a word is not a number."""
    phrase = " ".join(words).lower()
    if phrase in cardinals:
        return cardinals[phrase]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", phrase):
        return int(phrase.replace(",", ""))
    total = current = 0
    for word in phrase.split():
        if word in MULTIPLIERS:
            current = max(current, 1) * MULTIPLIERS[word]
            if MULTIPLIERS[word] > 100:
                total, current = total + current, 0
        elif word in cardinals and word not in {"a", "an"}:
            current += cardinals[word]
        elif re.fullmatch(r"\d+", word):
            current += int(word)
        else:
            return None
    return total + current or None


def number_of(token: Token, words: Words) -> int | None:
    """The value of a number token with the number words that compound it ("Twenty-two");
    a range of digits ("6-8") counts its lowest."""
    parts = [token] + [c for c in token.children if c.dep_ in {"compound", "quantmod"}]
    parts = [t for t in sorted(parts, key=lambda t: t.i) if t.like_num or t.lower_ in {"a", "an"}]
    if len(parts) > 1 and all(t.is_digit for t in parts):  # "6-8": a range, its lowest
        return min(int(t.text) for t in parts)
    return number_value([t.lower_ for t in parts], words.cardinals)


def unit_count(token: Token, words: Words) -> int | None:
    """How many people one conjunct names: a number, a vague quantity, one, or unknown."""
    lower = token.lower_
    if lower in words.partitives:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = _child(of, ("pobj",)) if of is not None else None
        return victims_count(inner, words) if inner is not None else None
    if lower in words.nobody or any(c.lower_ == "no" for c in token.children):
        return 0
    if token.like_num:
        return number_of(token, words)
    for child in token.children:
        if child.dep_ == "nummod" and (child.like_num or child.lower_ in words.cardinals):
            return number_of(child, words)
        if child.dep_ in {"amod", "det", "nummod"} and child.lower_ in words.vague:
            return words.vague[child.lower_]
    if lower in words.vague and (lower != "number" or _has_child(token, "prep", "of")):
        return words.vague[lower]
    if lower in words.cardinals and token.pos_ == "NOUN":  # "a dozen"
        return words.cardinals.get(f"a {lower}", words.cardinals[lower])
    if token.pos_ == "PRON":
        return 1 if lower in PRONOUNS_OF_ONE else None
    if token.lemma_.lower() in words.event_nouns:
        return None
    if token.tag_ in {"NNS", "NNPS"} and not _has_child(token, "det", "a"):
        before = _number_before(token)
        return number_of(before, words) if before is not None else None
    return 1 if token.tag_ in {"NN", "NNP"} or _has_child(token, "det", "a") else None


def _number_before(noun: Token) -> Token | None:
    """A number the parse left out of a plural's phrase before a name or acronym that it
    misread ("At least 10 IS militants")."""
    start = noun.left_edge.i
    for back in (1, 2):
        if start - back < sentence_of(noun).start:
            return None
        token = noun.doc[start - back]
        if token.like_num:
            return token if back > 1 else None
        if not (token.is_upper or token.is_title):
            return None
    return None


def victims_count(head: Token, words: Words, conjuncts: bool = True) -> int | None:
    """The people a noun phrase names, its conjuncts added ("four soldiers and a civilian");
    of alternatives ("either six soldiers or a major"), the smallest, as conflict data sets
    keep the lowest of conflicting reports. Plurals with no number ("militants and
    civilians") are an unknown number, counted as those data sets count one."""
    units = _conjuncts(head) if conjuncts else [head]
    known = [c for c in (unit_count(t, words) for t in units) if c is not None]
    if not known:
        return words.plural_count if any(t.tag_ in {"NNS", "NNPS"} for t in units) else None
    return min(known) if _has_child(head, "cc", "or") else sum(known)


def _conjuncts(head: Token) -> list[Token]:
    """A noun and its conjuncts; an appositive list is one more conjunct ("Two officers, one
    civil servant and one resident")."""
    found = [head]
    for child in head.children:
        listed = child.dep_ == "appos" and _has_child(child, "conj")
        if (child.dep_ == "conj" or listed) and child.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
            found += _conjuncts(child)
    return found


def _has_child(token: Token, dep: str, lower: str | None = None) -> bool:
    return any(c.dep_ == dep and (lower is None or c.lower_ == lower) for c in token.children)


def _child(token: Token, deps: Iterable[str]) -> Token | None:
    """The child of the first of `deps` that it has, the nearest to it where several are."""
    for dep in deps:
        found = [c for c in token.children if c.dep_ == dep]
        if found:
            return min(found, key=lambda c: abs(c.i - token.i))
    return None


# ------------------------------------------------------------------ finding mentions


def passive(verb: Token) -> bool:
    """A passive or participle predicate, whose subject or head noun is the victim."""
    return (
        _has_child(verb, "nsubjpass")
        or (_has_child(verb, "auxpass") and not _has_child(verb, "dobj"))
        or (verb.dep_ in {"acl", "amod"} and verb.tag_ == "VBN")
    )


def verb_victims(verb: Token) -> Token | None:
    """The victims of a verb of killing or wounding: the passive subject or the noun of a
    participle, else the object, else the subject of a report-style passive ("Farmer
    killed"), else the passive subject of the verb it completes ("were reported killed",
    "was shot and killed"), else a number just before it ("resulting in 3 killed")."""
    if passive(verb):
        subject = _child(verb, ("nsubjpass",))
        if subject is not None:
            return subject
        return _first_conjunct(verb.head) if verb.dep_ in {"acl", "amod"} else None
    obj = _child(verb, ("dobj",))
    if obj is not None:
        return obj
    subject = _child(verb, ("nsubj", "npadvmod"))  # "1 injured", "One civilian injured"
    if subject is not None and not _has_child(verb, "aux") and not _has_child(verb, "ccomp"):
        return subject
    raised = _raised_subject(verb)
    if raised is not None:
        return raised
    before = verb.nbor(-1) if verb.i > sentence_of(verb).start else None
    if verb.tag_ == "VBN" and before is not None and before.like_num:
        return before
    return None


def _first_conjunct(noun: Token) -> Token:
    """The first of the conjuncts a participle follows ("a soldier and a militiaman killed"),
    up to one said to be in another state ("One dead and three injured")."""
    while noun.dep_ == "conj" and noun.head is not noun and not _has_predicate(noun.head):
        noun = noun.head
    return noun


def _has_predicate(noun: Token) -> bool:
    return any(c.dep_ in {"amod", "acl"} and c.pos_ in {"VERB", "ADJ"} for c in noun.children)


def _raised_subject(verb: Token) -> Token | None:
    """The victims of a verb that completes or is conjoined to others: the passive subject of
    the nearest that has one ("were reported killed"), else, in a passive chain, the subject
    the parse gave its first verb ("was shot and killed")."""
    chain, head = [verb], verb
    while head.dep_ in COMPLEMENTS and head.head.pos_ in {"VERB", "AUX"} and len(chain) < 4:
        head = head.head
        chain.append(head)
        subject = _child(head, ("nsubjpass",))
        if subject is not None:
            return subject
    if len(chain) > 1 and any(_has_child(v, "auxpass") for v in chain):
        return _child(head, ("nsubj",))
    return None


def _counted_noun(token: Token) -> bool:
    return token.like_num or any(c.dep_ == "nummod" for c in token.children)


def state_victims(state: Token) -> Token | None:
    """Who is "dead": its own subject or number ("Two al Shabaab dead", "at least four
    dead"), the object or subject of the verb it completes ("left five people dead", "are
    feared dead"), or the noun it modifies."""
    subject = _child(state, ("nsubj",))
    if subject is not None:
        return subject
    if _child(state, ("nummod",)) is not None:
        return state
    if state.dep_ in COMPLEMENTS and state.head.pos_ in {"VERB", "AUX"}:
        return _child(state.head, ("dobj", "nsubjpass", "nsubj"))
    if state.dep_ == "amod" and state.head.pos_ in {"NOUN", "PROPN", "NUM"}:
        return state.head
    return None


def toll_count(noun: Token, words: Words) -> int | None:
    """The number a death toll reaches: "rose to 31", "stands at 12", "a toll of 20"."""
    for place in (noun, noun.head):
        for child in place.children:
            if child.dep_ in {"prep", "attr", "dobj", "appos"}:
                target = _child(child, ("pobj",)) if child.dep_ == "prep" else child
                if child.dep_ == "prep" and child.lower_ in words.subsets:
                    continue
                if target is not None and target.like_num:
                    return number_of(target, words)
    return None


def sentence_mentions(sentence: Span, words: Words) -> list[Mention]:
    """Every casualty mention of a sentence, in text order."""
    found: list[Mention] = []
    for token in sentence:
        if _has_child(token, "neg"):
            continue
        for kind, mention in _token_mentions(token, words):
            found.append(Mention(kind, mention, token))
    return found


def _token_mentions(token: Token, words: Words) -> list[tuple[str, int | None]]:
    lemma, lower = token.lemma_.lower(), token.lower_
    for kind in KINDS:
        if token.pos_ == "VERB" and lemma in words.verbs[kind]:
            if lemma == "gun" and not _has_child(token, "prt", "down"):
                continue
            return _counted(kind, verb_victims(token), words)
        if token.pos_ == "VERB" and lemma in words.intransitive[kind]:
            return _counted(kind, _child(token, ("nsubj",)), words)
        if lower in words.states[kind] and token.pos_ in {"ADJ", "NOUN"}:
            # "One dead and three injured": the state is said of its head alone
            return _counted(kind, state_victims(token), words, token.dep_ != "amod")
    if token.pos_ == "VERB" and _means_of_death(token, words):
        return _counted("killed", verb_victims(token), words)
    if lemma == "toll" and any(c.lemma_.lower() in words.toll for c in token.children):
        return [("killed", toll_count(token, words))]
    if lemma in words.counted and _child(token, ("nummod",)) is not None:
        return [("killed", unit_count(token, words))]
    if lemma in words.reported and token.pos_ == "NOUN":
        count = reported_count(token, words)
        return [] if count is None else [("killed", count)]
    return []


def reported_count(noun: Token, words: Words) -> int | None:
    """The dead that a noun of casualties reports with no number of them: none ("no
    casualties", "without casualties"), a vague quantity ("many casualties"), or an unknown
    number told in its sentence ("casualties of unknown number", "casualties reported,
    numbers not known")."""
    if _has_child(noun, "det", "no") or noun.head.lower_ in words.unknown_number["without"]:
        return 0
    vague = [c for c in noun.children if c.dep_ == "amod" and c.lower_ in words.vague]
    if vague:
        return words.vague[vague[0].lower_]
    if any(_unknown_number(t, words) for t in sentence_of(noun)):
        return words.unknown_count
    return None


def _unknown_number(token: Token, words: Words) -> bool:
    """ "unknown number", "numbers not known"."""
    table = words.unknown_number
    if token.lemma_.lower() not in table["nouns"]:
        return False
    if any(c.dep_ == "amod" and c.lower_ in table["unknown"] for c in token.children):
        return True
    head = token.head
    return head.lemma_.lower() in table["known"] and _has_child(head, "neg")


def _means_of_death(verb: Token, words: Words) -> bool:
    """ "stabbed to death", "beaten to death"."""
    return any(
        any(g.lemma_ in words.means_of_death for g in c.children)
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "to"
    )


def _counted(
    kind: str, victims: Token | None, words: Words, conjuncts: bool = True
) -> list[tuple[str, int | None]]:
    if victims is None:
        return [(kind, None)]
    counts = [victims_count(v, words, conjuncts) for v in _parallel(victims)]
    known = [c for c in counts if c is not None]
    return [(kind, sum(known) if known else None)]


def _parallel(victims: Token) -> list[Token]:
    """The victims and the subjects or objects the parse made their siblings ("Two guards,
    one driver and one cook were killed" as two subjects)."""
    if victims.dep_ not in {"nsubjpass", "dobj"}:
        return [victims]
    found = [c for c in victims.head.children if c.dep_ == victims.dep_]
    listed = all(_comma_between(a, b) for a, b in pairwise(found))
    return found if listed else [victims]


def _comma_between(first: Token, second: Token) -> bool:
    """Two phrases that a comma alone separates."""
    comma = second.left_edge.i - 1
    return (
        first.right_edge.i <= comma
        and first.doc[comma].text == ","
        and (first.right_edge.i >= comma - 1)
    )


# ------------------------------------------------------------------ events


def with_casualties(doc: Doc, events: list[Event]) -> list[Event]:
    """The events, those that the text gives casualties for carrying them. The mentions of
    one sentence add up ("two soldiers were killed and three civilians died"); a later
    sentence restates them ("the death toll rose to 7"), so across sentences the largest
    count holds."""
    if not any(e.quad_class == CONFLICT_QUAD and not e.negated for e in events):
        return events  # no event to carry a count
    words = load_words()
    sentences = list(doc.sents)
    conflict = [e for e in events if e.quad_class == CONFLICT_QUAD and not e.negated]
    triggers = {e.trigger[0]: span[0] for e in conflict if (span := doc.char_span(*e.trigger))}
    counts: dict[tuple[int, str], dict[int, list[int | None]]] = {}
    for index, sentence in enumerate(sentences):
        candidates = _conflict_triggers(conflict, sentences, index, triggers)
        for mention in sentence_mentions(sentence, words) if candidates else []:
            chosen = _event_of(mention.anchor, candidates, words)
            if chosen is not None:
                by_sentence = counts.setdefault((chosen.idx, mention.kind), {})
                by_sentence.setdefault(index, []).append(mention.count)
    return [_carrying(e, counts) for e in events]


def _conflict_triggers(
    events: list[Event], sentences: list[Span], index: int, triggers: dict[int, Token]
) -> list[Token]:
    """Trigger tokens of the (material-conflict) events of the sentence, else of the nearest
    sentence just before that has some."""
    for back in range(LOOKBACK + 1):
        if index - back < 0:
            break
        sentence = sentences[index - back]
        found = [
            triggers[e.trigger[0]]
            for e in events
            if sentence.start_char <= e.trigger[0] < sentence.end_char and e.trigger[0] in triggers
        ]
        if found:
            return found if back == 0 else found[-1:]
    return []


def _event_of(anchor: Token, triggers: list[Token], words: Words) -> Token | None:
    """The trigger a mention reports on: itself, one that governs it, one it governs, else the
    nearest in the sentence. A mention inside a clause of an uncoded event noun ("protested
    against attacks that had killed nine") reports on that noun's event, not on this one; a
    state said of the noun ("repel an attack, at least four dead") on the event it is in."""
    if not triggers:
        return None
    if anchor in triggers:
        return anchor
    in_clause = anchor.pos_ in {"VERB", "AUX"}
    for ancestor in anchor.ancestors:
        if ancestor in triggers:
            return ancestor
        event_noun = ancestor.pos_ == "NOUN" and ancestor.lemma_.lower() in words.event_nouns
        if event_noun and in_clause:
            return None
        in_clause = in_clause or ancestor.pos_ in {"VERB", "AUX"}
    governed = [t for t in triggers if anchor in t.ancestors]
    if governed:
        return governed[0]
    return min(triggers, key=lambda t: abs(t.i - anchor.i))


def _carrying(event: Event, counts: dict[tuple[int, str], dict[int, list[int | None]]]) -> Event:
    values = {kind: _largest(counts.get((event.trigger[0], kind), {})) for kind in KINDS}
    if all(v is None for v in values.values()) and not any(
        (event.trigger[0], kind) in counts for kind in KINDS
    ):
        return event
    return event.model_copy(update={"casualties": Casualties(**values)})


def _largest(by_sentence: dict[int, list[int | None]]) -> int | None:
    """The largest of the sentences' sums of known counts."""
    sums = [
        sum(c for c in found if c is not None)
        for found in by_sentence.values()
        if any(c is not None for c in found)
    ]
    return max(sums) if sums else None
