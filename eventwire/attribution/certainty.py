"""How certain a reported fact is: asserted, confirmed, reported, alleged, denied,
hypothetical or planned.

Two places decide it. The clause of the fact itself ("reportedly received", "is said to have
requested", "could suffer", "if he resigns", "will meet", "intends to meet"), and the cue
that reports it ("X confirmed", "X denied", "X claims", sources without a name).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.attribution.lexicon import CueEntry, lexicon

# when several signals meet, the one that weakens the fact most tells
STRENGTH = ("denied", "alleged", "reported", "hypothetical", "planned", "confirmed", "asserted")


def weakest(values: list[str]) -> str | None:
    present = [v for v in values if v in STRENGTH]
    return min(present, key=STRENGTH.index) if present else None


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def cue_certainty(cue: Token, entry: CueEntry, source: Span | None, unnamed: bool) -> str:
    """What the cue itself says: its hedges, its meaning, and who the source is."""
    lex = lexicon()
    signals = [
        lex.adverbs[c.lower_]
        for c in cue.children
        if c.dep_ == "advmod" and c.lower_ in lex.adverbs
    ]
    meaning = entry.certainty
    if _negated(cue) and meaning in ("denied", "confirmed"):
        meaning = "asserted" if meaning == "denied" else "reported"
    if meaning not in ("asserted", "planned"):
        signals.append(meaning)
    if unnamed or (source is not None and source.root.lemma_.lower() in lex.report_nouns):
        signals.append("reported")
    if source is None and cue.dep_ != "prep" and entry.lemma in lex.passive_reporting:
        signals.append(lex.passive_reporting[entry.lemma])
    return weakest(signals) or "asserted"


def clause_certainty(token: Token) -> str | None:
    """Hedges on the clause of a word, up the chain of verbs it belongs to."""
    lex = lexicon()
    signals: list[str] = []
    verb = verb_of(token)
    seen = 0
    while verb is not None and seen < 6:
        signals.extend(_own_signals(verb))
        if verb.dep_ not in ("xcomp", "conj") or verb.head is verb:
            break
        head = verb.head
        lemma = head.lemma_.lower()
        if verb.dep_ == "xcomp":
            if _passive(head) and lemma in lex.passive_reporting:
                signals.append(lex.passive_reporting[lemma])
            elif lemma in lex.planning_verbs:
                signals.append("planned")
        verb, seen = head, seen + 1
    return weakest(signals)


def verb_of(token: Token) -> Token | None:
    """The verb whose clause a word belongs to: itself, or the verb governing a noun."""
    current, steps = token, 0
    while current.pos_ not in ("VERB", "AUX") and current.head is not current and steps < 4:
        if current.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "prep", "attr", "compound"):
            current, steps = current.head, steps + 1
        else:
            break
    return current if current.pos_ in ("VERB", "AUX") else None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _own_signals(verb: Token) -> list[str]:
    lex = lexicon()
    signals = []
    for child in verb.children:
        word = child.lower_
        if child.dep_ == "advmod" and word in lex.adverbs:
            signals.append(lex.adverbs[word])
        elif child.dep_ == "aux" and word in lex.modals:
            signals.append(lex.modals[word])
        elif child.dep_ in ("aux", "mark") and word == "going":
            signals.append("planned")
        elif child.dep_ == "mark" and word in lex.conditionals:
            signals.append("hypothetical")
    return signals


def object_certainty(token: Token) -> str | None:
    """A noun that a cue confirms or denies: "Trump confirmed the call"."""
    lex = lexicon()
    if token.dep_ in ("dobj", "obj") and token.head.lemma_.lower() in lex.object_verbs:
        return lex.object_verbs[token.head.lemma_.lower()]
    return None


def content_certainty(heads: list[Token]) -> str | None:
    """Modality of the attributed content itself: "warned that X could ...", "said he will"."""
    signals = [s for head in heads if (s := clause_certainty(head))]
    return weakest(signals)
