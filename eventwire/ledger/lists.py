"""Items listed after an act that names several: "presented a series of counter-demands.
These included a request for X, as well as a proposal to Y" gives a request and a proposal,
each from and to the parties of the act they belong to.

A list sentence has a subject that refers back ("These", "They") and a verb that introduces
members ("included", "comprised"), or opens with "Among them". Each member noun that names
an act ("request", "proposal", "demand", "offer") becomes an item of that kind. The act
that named them all is dropped when it only named them collectively, and so is a member's own
reading as an act named by a noun, whose parties would be guessed.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from eventwire.analysis import Analysis
from eventwire.ledger.items import Draft
from eventwire.ledger.lexicon import LedgerLexicon
from eventwire.ledger.phrases import content_lemmas, noun_what
from eventwire.nlp import sentence_of

MEMBER_DEPS = frozenset({"dobj", "attr", "nsubj", "nsubjpass", "pobj"})


def coordinated(token: Token) -> Iterator[Token]:
    """A token and the tokens coordinated with it ("X, Y as well as Z")."""
    yield token
    for child in token.children:
        if child.dep_ in {"conj", "appos"}:
            yield from coordinated(child)


def starts_with_lead(sent: Span, lexicon: LedgerLexicon) -> bool:
    words = tuple(t.lower_ for t in sent[:4])
    return any(words[: len(lead)] == lead for lead in lexicon.list_leads)


def list_verb(sent: Span, lexicon: LedgerLexicon) -> Token | None:
    """The verb that introduces the members, when the sentence is a list of earlier acts."""
    for token in sent:
        if token.lemma_.lower() not in lexicon.list_verbs:
            continue
        subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            continue
        if subject.lower_ in lexicon.list_subjects:
            return token
        if any(c.lower_ in lexicon.list_subjects for c in subject.children if c.dep_ == "det"):
            return token
    return None


def members_of(sent: Span, lexicon: LedgerLexicon) -> list[Token]:
    """The nouns of a list sentence that name acts, in text order."""
    verb = list_verb(sent, lexicon)
    if verb is not None:
        heads = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
    elif starts_with_lead(sent, lexicon):
        clause = sent[0].head  # "Among them was a request ...", whatever clause holds it
        heads = [c for c in clause.children if c.dep_ in MEMBER_DEPS - {"pobj"}]
    else:
        return []
    members = [t for head in heads for t in coordinated(head)]
    return sorted((t for t in members if t.lemma_.lower() in lexicon.noun_words), key=lambda t: t.i)


def antecedent(sent: Span, drafts: list[Draft]) -> Draft | None:
    """The act the list belongs to: the latest item of this or the previous sentence."""
    previous_start = sentence_of(sent.doc[sent.start - 1]).start_char if sent.start > 0 else 0
    before = [d for d in drafts if previous_start <= d.at < sent.start_char]
    containers = [d for d in before if d.container]
    chosen = containers or before
    return max(chosen, key=lambda d: d.at) if chosen else None


def member_draft(noun: Token, parent: Draft, analysis: Analysis, lexicon: LedgerLexicon) -> Draft:
    found = noun_what(noun)
    what, what_span = found if found else (noun.text, (noun.idx, noun.idx + len(noun)))
    sentence = sentence_of(noun).text.strip()
    return Draft(
        kind=lexicon.words[noun.lemma_.lower()],
        source=parent.source,
        target=parent.target,
        what=what,
        at=noun.idx,
        span=(min(noun.idx, what_span[0]), what_span[1]),
        sentence=sentence,
        anchors=frozenset({noun.i}),
        what_span=what_span,
        lemmas=content_lemmas(analysis.doc, what_span),
        date=parent.date,
        kind_from_word=True,
        counter=parent.counter,
        evidence=[parent.sentence, sentence],
    )


def expand_lists(drafts: list[Draft], analysis: Analysis, lexicon: LedgerLexicon) -> list[Draft]:
    """The drafts with listed members added and purely collective acts replaced by them."""
    added: list[Draft] = []
    replaced: set[int] = set()
    for sent in analysis.doc.sents:
        members = members_of(sent, lexicon)
        parent = antecedent(sent, drafts) if members else None
        if parent is None:
            continue
        added.extend(member_draft(noun, parent, analysis, lexicon) for noun in members)
        if parent.container:
            replaced.add(id(parent))
    members = frozenset(i for d in added for i in d.anchors)
    kept = [d for d in drafts if id(d) not in replaced and not (d.inherits and d.anchors & members)]
    return sorted(kept + added, key=lambda d: d.at)
