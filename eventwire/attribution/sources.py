"""Who is speaking: the source span of a cue, and what the actors layer knows about it."""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.analysis import ActorIndex, Mention
from eventwire.attribution.lexicon import lexicon
from eventwire.nlp import sentence_of

PERSONAL = frozenset({"i", "we", "he", "she", "they", "you", "who"})
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
INHERITS_SUBJECT = ("advcl", "conj", "xcomp", "ccomp", "acl")
SKIPPED_IN_SOURCE = ("relcl", "punct", "cc")


def noun_phrase(head: Token) -> Span:
    """The phrase a source head stands for, without relative clauses or edge punctuation."""
    tokens = [head]
    for child in head.children:
        if child.dep_ not in SKIPPED_IN_SOURCE:
            tokens.extend(child.subtree)
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    doc = head.doc
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return doc[first : last + 1]


def subject_of(verb: Token) -> Token | None:
    """The speaker of a verb: its subject, the agent of a passive, or the subject it shares."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None  # "it was announced that ...": no source
    participle = verb.tag_ in ("VBG", "VB")  # "asked whether ...": the asked one speaks
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a gunman claiming allegiance to ...", "voters saying ..."
    if verb.dep_ == "pcomp" and participle and verb.head.head is not verb.head:
        return subject_of(verb.head.head)  # "After talking about security, X suggested"
    if verb.dep_ in INHERITS_SUBJECT and verb.head is not verb and participle:
        return subject_of(verb.head)
    if verb.dep_ == "conj" and verb.head is not verb:
        return subject_of(verb.head)
    if verb.dep_ in ("acl", "relcl") and (verb.tag_ in ("VBD", "VBZ", "VBP") or verbless(verb)):
        return _misparsed_subject(verb)
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return _stranded_subject(verb)
    return None


def _stranded_subject(verb: Token) -> Token | None:
    """A finite verb the parser left without a subject although a name stands right before
    it ("Colombia's president, Gustavo Petro, proposed ..."): that name."""
    i = verb.i - 1
    while i >= sentence_of(verb).start and verb.doc[i].is_punct:
        i -= 1
    if i < sentence_of(verb).start:
        return None
    before = verb.doc[i]
    if before.pos_ in ("PROPN", "NOUN", "PRON") and before.head is not verb:
        return before
    return None


def verbless(token: Token) -> bool:
    """A sentence whose root is a noun: the parser took its main verb for a modifier."""
    return sentence_of(token).root.pos_ in ("NOUN", "PROPN", "PRON")


def _misparsed_subject(verb: Token) -> Token | None:
    """A finite cue verb parsed as a modifier of the noun before it ("Sources close to the
    situation revealed ..."): the subject is the noun phrase that opens the sentence."""
    root = sentence_of(verb).root
    if root.pos_ in ("NOUN", "PROPN", "PRON") and root.i < verb.i:
        return root
    return None


def source_span(verb: Token, subject: Token) -> Span:
    """The source words: the subject's phrase, cut before the verb when the parse runs on."""
    phrase = noun_phrase(subject)
    doc = verb.doc
    if phrase.start < verb.i < phrase.end:
        end = verb.i
        while end > phrase.start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return doc[phrase.start : end]
    return phrase


def resolve(actors: ActorIndex, span: Span, head: Token) -> Mention | None:
    """The actor mention covering the source head (or, failing that, any source token)."""
    mention = actors.at(head)
    if mention is not None:
        return mention
    if head.dep_ == "nsubj" and head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
        mention = actors.at(head.head.head)  # "Maduro, who said": the antecedent
        if mention is not None:
            return mention
    for token in span:
        mention = actors.at(token)
        if mention is not None:
            return mention
    return None


def is_unnamed(span: Span | None) -> bool:
    """Sources like "sources close to", "officials", "people familiar with the talks"."""
    if span is None:
        return False
    lex = lexicon()
    root = span.root
    if root.lower_ not in lex.unnamed and root.lemma_.lower() not in lex.unnamed:
        return False
    return not any(t.ent_type_ == "PERSON" for t in span)  # "officials such as Smith"


def is_media(span: Span, actors: ActorIndex) -> bool:
    """A news outlet: by the actors layer's sector or by the words of its name."""
    lex = lexicon()
    for token in span:
        mention = actors.at(token)
        if mention is not None and mention.entity.sector == "MED":
            return True
    names = {t.text for t in span if t.pos_ == "PROPN" or t.text[:1].isupper()}
    if names & lex.media_words:
        return True
    return span.root.lemma_.lower() in lex.media_nouns
