"""Polarity and modality of a frame: negated, conditional, quoted, and how certain it is.

Rules (the words are in `data/events/cues.yaml`):

- negated: a negation on the predicate or on the frame's own noun ("did not meet",
  "no further communication", "received no response"), or a negative-implicative verb
  above it ("failed to agree");
- conditional: the predicate sits in an "if"/"unless" clause. Such events did not happen and
  are not emitted;
- quoted: the trigger lies inside a direct quotation. Quoted words are speech, coded through
  the speech verb that carries them ("told Maduro, '... you must leave'"), not on their own;
- certainty: hedges on the predicate's own clause first ("reportedly", "allegedly", "is said
  to", modal "will"/"would"/"could"), then the attribution layer's judgement for the trigger.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

from eventwire.analysis import Analysis
from eventwire.events.frames import Frame
from eventwire.events.lexicon import EventLexicon
from eventwire.nlp import sentence_of

QUOTE_OPENERS = '“«"'
QUOTE_CLOSERS = '”»"'
CERTAINTY_ORDER = (
    "denied",
    "hypothetical",
    "alleged",
    "reported",
    "planned",
    "confirmed",
    "asserted",
)


def negated(frame: Frame, lexicon: EventLexicon) -> bool:
    neg_words = lexicon.cue_words("negation")
    heads = [frame.predicate, frame.trigger]
    for head in heads:
        for child in head.children:
            cue = child.dep_ in ("det", "advmod") and child.lower_ in neg_words
            if child.dep_ == "neg" or cue:
                return True
    negative_verbs = lexicon.cue_words("negative_verbs")
    if any(a.lemma_.lower() in negative_verbs for a in clause_chain(frame.predicate)):
        return True
    return called_off(frame, lexicon)


def called_off(frame: Frame, lexicon: EventLexicon) -> bool:
    """An event noun that its verb cancels: "cancelled a planned visit", "called off the
    strike", "the talks were postponed"."""
    noun = frame.noun
    if noun is None or frame.role is not None or noun.head is noun:
        return False
    verb = noun.head
    words = {
        verb.lemma_.lower(),
        *(f"{verb.lemma_.lower()} {c.lower_}" for c in verb.children if c.dep_ == "prt"),
    }
    return noun.dep_ in ("dobj", "nsubjpass") and bool(
        words & lexicon.cue_words("cancelling_verbs")
    )


def clause_chain(token: Token) -> list[Token]:
    """The verbs that embed a predicate as their complement, nearest first."""
    chain: list[Token] = []
    current = token
    while current.dep_ in ("xcomp", "ccomp") and current.head is not current:
        current = current.head
        chain.append(current)
    return chain


def conditional(frame: Frame, lexicon: EventLexicon) -> bool:
    marks = lexicon.cue_words("condition_marks")
    current = frame.predicate
    for _ in range(12):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in current.children):
            return True
        if current.head is current:
            return False
        current = current.head
    return False


def quoted(token: Token) -> bool:
    """Whether the token lies inside a quotation that holds a clause (direct speech), as
    opposed to a few quoted words ("a 'blunt message'")."""
    opened: int | None = None
    for t in sentence_of(token):
        if t.text in QUOTE_OPENERS and (t.text != '"' or opened is None):
            opened = t.i
        elif t.text in QUOTE_CLOSERS and opened is not None:
            if opened < token.i < t.i:
                return any(w.pos_ in ("VERB", "AUX") for w in token.doc[opened + 1 : t.i])
            opened = None
    if opened is not None and opened < token.i:
        return any(
            w.pos_ in ("VERB", "AUX") for w in token.doc[opened + 1 : sentence_of(token).end]
        )
    return False


def own_certainty(frame: Frame, lexicon: EventLexicon) -> str | None:
    """Hedges and modals of the predicate's own clause and of the verbs embedding it."""
    hedges = lexicon.cue_map("hedges")
    modals = lexicon.cue_map("modals")
    raising = lexicon.cue_map("raising_verbs")
    found: list[str] = []
    below = frame.predicate
    for verb in [frame.predicate, *clause_chain(frame.predicate)]:
        for child in verb.children:
            word = child.lower_
            if child.dep_ == "advmod" and word in hedges:
                found.append(hedges[word])
            elif child.dep_ == "aux" and word in modals:
                found.append(reported_modal(verb, word, modals))
        raised = below.dep_ == "xcomp" and below.head is verb
        if raised and verb.lemma_.lower() in raising:  # "is said to have", "plans to"
            found.append(raising[verb.lemma_.lower()])
        below = verb
    return weakest(found)


def reported_modal(verb: Token, word: str, modals: Mapping[str, str]) -> str:
    """'would' in a reported clause is the future of the past ("said they would meet")."""
    if (
        word == "would"
        and verb.dep_ == "ccomp"
        and not any(c.dep_ == "mark" for c in verb.children)
    ):
        return "planned"
    return modals[word]


def weakest(values: list[str]) -> str | None:
    ranked = [v for v in CERTAINTY_ORDER if v in values]
    return ranked[0] if ranked else None


def certainty(analysis: Analysis, frame: Frame, lexicon: EventLexicon) -> str:
    own = own_certainty(frame, lexicon)
    if own is not None:
        return own
    return layer_certainty(analysis, frame.predicate)


def layer_certainty(analysis: Analysis, token: Token) -> str:
    """The attribution layer's certainty for a trigger ("asserted" when it has none)."""
    try:
        from eventwire.attribution import certainty_at
    except ImportError:  # the attribution layer is optional for coding events
        return "asserted"
    return certainty_at(analysis, token)


def attribution_chain(analysis: Analysis, start: int, end: int) -> list[str]:
    try:
        from eventwire.attribution import attributed_to
    except ImportError:
        return []
    return attributed_to(analysis, start, end)
