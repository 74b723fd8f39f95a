"""Answers: what became of each item, from the later acts and statements of the document.

An answer comes from a coded event (12x rejects, 08x accepts), from a verb whose subject is
the addressee ("declined to", "agreed to"), from a phrase ("received no response", "went
unanswered") or from a counter-demand of the addressee. It applies to the earlier items it
names ("this request"), else to those whose ``what`` or condition it repeats, else (for a
refusal) to every earlier item addressed to the answering party by the party it answers:
refusing to step down refuses the whole package, while agreeing to do something accepts only
what asked for it. A later answer
replaces a status only when its rank is not lower (an explicit refusal outranks a counter).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from eventwire.analysis import Analysis
from eventwire.ledger.items import Draft, Party, name_words, party_of
from eventwire.ledger.lexicon import LedgerLexicon
from eventwire.ledger.lists import coordinated
from eventwire.ledger.meanings import meanings
from eventwire.ledger.openings import party_at
from eventwire.ledger.phrases import (
    content_lemmas,
    is_conditional,
    is_idle,
    is_negated,
    subject_of,
    tokens_at,
)
from eventwire.model import Event
from eventwire.nlp import sentence_of

PHRASE_REACH = 3  # tokens between a coded answer's trigger and a phrase that overrides it
CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "parataxis"})


@dataclass(frozen=True)
class Answer:
    """One answer: its status, where it is, who answers whom, and what it names."""

    status: str
    at: int
    sentence: str
    responder: Party | None = None
    addressee: Party | None = None
    names_kind: str | None = None  # the kind of item it names ("this request")
    lemmas: frozenset[str] = frozenset()  # content words of what it answers about
    open_object: bool = True  # no object of its own ("declined to step down", "refused")
    between: tuple[Party, Party] | None = None  # "no communication between A and B"
    reach: int = 0  # where the previous sentence starts: how far back an unnamed answer looks
    covers: str | None = None  # "all" the answered party's items ("those terms"), "latest" ("it")
    subordinate: tuple[int, int] | None = None  # "declined when Trump demanded X": X answered


def phrase_at(sent: Span, lexicon: LedgerLexicon) -> list[tuple[str, Token]]:
    """The answer phrases of a sentence, with their statuses and first tokens."""
    words = [t.lower_ for t in sent]
    by_word = lexicon.answer_phrases_by_word
    found, n = [], 0
    while n < len(words):
        phrases = by_word.get(words[n], ())
        match = next((p for p in phrases if tuple(words[n : n + len(p)]) == p), None)
        if match is None:
            n += 1
            continue
        found.append((lexicon.answer_phrases[match], sent[n]))
        n += len(match)
    return found


def clause_verb(token: Token) -> Token:
    """The verb of the clause a phrase is in."""
    node = token
    while node.pos_ not in {"VERB", "AUX"} and node.head != node:
        node = node.head
    return node


def named_kind(verb: Token, lexicon: LedgerLexicon) -> str | None:
    """The kind of item the subject or object of an answer names ("this request",
    "complied with the demand")."""
    preps = [c for c in verb.children if c.dep_ == "prep"]
    nouns = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    nouns += [c for p in preps for c in p.children if c.dep_ == "pobj"]
    lemma = next((n.lemma_.lower() for n in nouns if n.lemma_.lower() in lexicon.noun_words), None)
    return lexicon.words[lemma] if lemma else None


def object_of(verb: Token) -> tuple[tuple[int, int] | None, bool]:
    """The span of what a verb answers about, and whether it has no object of its own."""
    for child in verb.children:
        if child.dep_ in {"xcomp", "ccomp"}:
            return (child.left_edge.idx, child.right_edge.idx + len(child.right_edge)), True
        if child.dep_ == "dobj":
            return (child.left_edge.idx, child.right_edge.idx + len(child.right_edge)), False
    return None, True


def coverage(verb: Token, lexicon: LedgerLexicon) -> str | None:
    """What an answer's object refers back to: all the items put to the responder ("did not
    accept those terms"), or the latest one ("did not accept it")."""
    for child in (c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}):
        if child.lemma_.lower() in lexicon.terms_nouns and child.tag_ in {"NNS", "NNPS"}:
            return "all"
        if child.pos_ == "PRON" and child.lower_ in {"it", "this", "that"}:
            return "latest"
    return None


def subordinate_span(verb: Token) -> tuple[int, int] | None:
    """A "when" clause under the answer, whose act the answer answers though it comes after
    ("declined to step down when Trump demanded his departure")."""
    for token in verb.subtree:
        if token.dep_ == "advcl" and token.i > verb.i and token.left_edge.lower_ == "when":
            end = token.right_edge
            return token.left_edge.idx, end.idx + len(end)
    return None


def speaker_party(analysis: Analysis, token: Token | None) -> Party | None:
    """The actor of a subject: from the actors stage, else from its name words."""
    if token is None:
        return None
    party = party_at(analysis, token)
    if party is not None:
        return party
    words = name_words(" ".join(t.text for t in token.subtree))
    return Party(None, words) if words else None


def is_hypothetical(verb: Token, lexicon: LedgerLexicon) -> bool:
    """Whether a modal makes the answer a possibility only ("could reject")."""
    modals = lexicon.hypothetical_modals
    return any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)


def answer_at(
    analysis: Analysis, verb: Token, status: str, lexicon: LedgerLexicon, addressee: Party | None
) -> Answer | None:
    """An answer whose clause is headed by a verb, unless it only names a hypothetical."""
    if is_conditional(verb, lexicon) or is_hypothetical(verb, lexicon):
        return None
    span, open_object = object_of(verb)
    kind = named_kind(verb, lexicon)
    subject, _ = subject_of(verb)
    names_item = subject is not None and subject.lemma_.lower() in lexicon.noun_words
    return Answer(
        status=status,
        at=verb.idx,
        sentence=sentence_of(verb).text.strip(),
        responder=None if names_item else speaker_party(analysis, subject),
        addressee=addressee,
        names_kind=kind,
        lemmas=content_lemmas(analysis.doc, span),
        open_object=open_object or kind is not None,
        reach=previous_sentence_start(verb),
        covers=None if kind else coverage(verb, lexicon),
        subordinate=subordinate_span(verb),
    )


def previous_sentence_start(token: Token) -> int:
    start = sentence_of(token).start
    return sentence_of(token.doc[start - 1]).start_char if start > 0 else 0


def effective_status(status: str, negated: bool) -> str | None:
    """A negated acceptance is a refusal; other negated answers say nothing."""
    if not negated:
        return status
    return "rejected" if status == "accepted" else None


def phrase_status(trigger: Token, lexicon: LedgerLexicon) -> str | None:
    """The status of an answer phrase right at a coded answer ("received no response")."""
    for status, first in phrase_at(sentence_of(trigger), lexicon):
        if abs(first.i - trigger.i) <= PHRASE_REACH or clause_verb(first) == trigger:
            return status
    return None


def answer_from_event(event: Event, analysis: Analysis, lexicon: LedgerLexicon) -> Answer | None:
    coded = lexicon.answer_status(event.cameo)
    tokens = tokens_at(analysis.doc, event.trigger)
    if coded is None or tokens is None or event.certainty == "hypothetical":
        return None
    trigger = tokens.root
    status = phrase_status(trigger, lexicon) or effective_status(coded, event.negated)
    if status is None or is_idle(trigger, lexicon):
        return None
    answer = answer_at(analysis, trigger, status, lexicon, party_of(event.target))
    if answer is None:
        return None
    return replace(answer, responder=party_of(event.source) or answer.responder)


def answers_from_events(analysis: Analysis, lexicon: LedgerLexicon) -> list[Answer]:
    answers = (answer_from_event(e, analysis, lexicon) for e in analysis.events)
    return [a for a in answers if a is not None]


def answers_from_parse(analysis: Analysis, lexicon: LedgerLexicon, taken: set[int]) -> list[Answer]:
    """Answers in words no coded answer covers: phrases first, then answering verbs."""
    found: list[Answer] = []
    for sent in analysis.doc.sents:
        for status, first in phrase_at(sent, lexicon):
            verb = clause_verb(first)
            if verb.i not in taken and (answer := answer_at(analysis, verb, status, lexicon, None)):
                found.append(answer)
            taken.add(verb.i)
    for token in analysis.doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in lexicon.answer_lemmas or token.i in taken:
            continue
        if token.dep_ not in CLAUSE_DEPS:
            continue
        status = effective_status(lexicon.answer_lemmas[lemma], is_negated(token))
        if status is None or is_idle(token, lexicon):
            continue
        answer = answer_at(analysis, token, status, lexicon, None)
        if answer is None or (answer.responder is None and not answer.names_kind):
            continue
        if answer.names_kind or lemma not in lexicon.named_only:
            found.append(answer)
    return found


def parties_around(analysis: Analysis, noun: Token) -> list[Party]:
    """The actors of "between A and B" or "with B" under a noun, and its clause's subject."""
    found: list[Party] = []
    for prep in (c for c in noun.children if c.lower_ in {"between", "with"}):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found += [p for t in coordinated(pobj) if (p := party_at(analysis, t))]
    subject, _ = subject_of(clause_verb(noun))
    if (party := party_at(analysis, subject)) is not None:
        found.insert(0, party)
    return found


def silence_answers(analysis: Analysis, lexicon: LedgerLexicon) -> list[Answer]:
    """Statements that two parties had no further contact: their open items went unanswered."""
    found = []
    for token in analysis.doc:
        if token.lemma_.lower() not in lexicon.silence_nouns:
            continue
        if not any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
            continue
        parties = parties_around(analysis, token)
        if len(parties) >= 2 and not parties[0].same(parties[1]):
            pair = (parties[0], parties[1])
            found.append(
                Answer("unanswered", token.idx, sentence_of(token).text.strip(), between=pair)
            )
    return found


def within_items(answer: Answer, drafts: list[Draft]) -> bool:
    """Whether an answering word is part of what an item asks or offers, or of its condition
    ("offered to withdraw", "only if he agreed"): then it answers nothing."""
    spans = [s for d in drafts for s in (d.what_span, d.condition_span) if s is not None]
    return any(start <= answer.at < end for start, end in spans)


def counter_answers(drafts: list[Draft]) -> list[Answer]:
    """Counter-demands and counter-offers answer the other party's earlier items."""
    return [
        Answer("countered", d.at, d.sentence, responder=d.source, addressee=d.target)
        for d in drafts
        if d.counter and d.source is not None
    ]


def named_targets(answer: Answer, earlier: list[Draft]) -> list[Draft]:
    """The latest earlier item of the kind the answer names, preferring the responder's."""
    family = meanings().family(answer.names_kind or "")
    named = [d for d in earlier if d.family == family]
    addressed = [d for d in named if answer.responder and answer.responder.same(d.target)]
    return (addressed or named)[-1:]


def addressed_targets(answer: Answer, earlier: list[Draft]) -> list[Draft]:
    """The earlier items addressed to the responder by the party answered."""
    responder, addressee = answer.responder, answer.addressee
    if responder is None:
        return [d for d in earlier if d.at >= answer.reach][-1:]
    addressed = [
        d
        for d in earlier
        if responder.same(d.target)
        and not responder.same(d.source)
        and (addressee is None or addressee.same(d.source))
    ]
    if addressed and answer.covers == "latest":
        return addressed[-1:]
    if addressed and answer.covers == "all":
        return from_latest_source(addressed)
    repeated = [d for d in addressed if d.lemmas & answer.lemmas]
    if repeated or not answer.open_object or not addressed:
        return repeated
    if answer.status != "rejected":
        return [] if answer.lemmas else addressed[-1:]
    return from_latest_source(addressed)


def from_latest_source(addressed: list[Draft]) -> list[Draft]:
    """The items put to the responder by whoever put the latest one."""
    latest = addressed[-1].source
    return [d for d in addressed if latest is not None and latest.same(d.source)]


def between_targets(pair: tuple[Party, Party], earlier: list[Draft]) -> list[Draft]:
    """The earlier items between two parties, in either direction."""
    first, second = pair
    return [
        d
        for d in earlier
        if (first.same(d.source) and second.same(d.target))
        or (second.same(d.source) and first.same(d.target))
    ]


def answerable(draft: Draft, answer: Answer) -> bool:
    """Whether an item comes before the answer, or in the clause the answer subordinates."""
    inside = answer.subordinate is not None and answer.subordinate[0] <= draft.at
    below = inside and answer.subordinate is not None and draft.at < answer.subordinate[1]
    return draft.source is not None and (draft.at <= answer.at or below)


def targets_of(answer: Answer, drafts: list[Draft]) -> list[Draft]:
    earlier = [d for d in drafts if answerable(d, answer)]
    if answer.between is not None:
        return between_targets(answer.between, earlier)
    if answer.names_kind:
        return named_targets(answer, earlier)
    return addressed_targets(answer, earlier)


def learn_addressee(draft: Draft, answer: Answer) -> None:
    """An item with no known addressee is addressed to whoever answers it by name
    ("Israel has not responded to the proposal")."""
    responder = answer.responder
    if draft.target is not None or not answer.names_kind or responder is None:
        return
    if responder.code and not responder.same(draft.source):
        draft.target = responder


def apply_answers(drafts: list[Draft], answers: list[Answer], lexicon: LedgerLexicon) -> None:
    """Set each item's status from the answers in text order, noting each change."""
    for answer in sorted(answers, key=lambda a: a.at):
        for draft in targets_of(answer, drafts):
            learn_addressee(draft, answer)
            if lexicon.rank[answer.status] >= lexicon.rank[draft.status]:
                draft.status = answer.status
                draft.note(answer.sentence)
