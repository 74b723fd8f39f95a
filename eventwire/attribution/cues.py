"""Cues found in the parse, each with its source and content: the raw attributions.

The shapes recognised:
- a cue verb with its subject and complement ("X said that ...", "“...,” X said",
  "X told reporters: “...”", "X urged Y to ...", "the risk, he said, is ...");
- any verb with a person or body as subject and a clause after it ("X insisted ...");
- a clause opened by the cue's own preposition ("X called for all sides to ...");
- a passive reporting verb ("X is said to have ...", "X is expected to ...");
- the phrase "according to X";
- a cue noun with a that-clause, an infinitive or a preposition ("his claim that ...",
  "X rebounded with a call for ...": the speaker of the verb it is the object of);
- a stance adjective after a copula with a speaker as subject ("X is confident that ...",
  "X was critical of ...");
- a headline or list line "Name: what they said".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from eventwire.attribution.contents import (
    CharSpan,
    char_spans,
    paragraph_of,
    quote_after,
    quote_before,
    quote_continuing,
    within_paragraph,
)
from eventwire.attribution.lexicon import CueEntry, lexicon
from eventwire.attribution.quotes import Quote, inside_quote, opens_at
from eventwire.attribution.sources import (
    PERSONAL,
    SPEAKER_TYPES,
    noun_phrase,
    source_span,
    subject_of,
    verbless,
)
from eventwire.nlp import sentence_of

CLAUSES = ("ccomp", "xcomp")
OBJECTS = ("dobj", "obj", "oprd", "attr", "intj")
PARENTHETICAL = ("parataxis",)
VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")


@dataclass
class Found:
    """One attribution as read off the parse, before quotes are shared out."""

    cue: list[Token]
    entry: CueEntry
    source: Span | None
    content: list[CharSpan]
    owned: list[Quote] = field(default_factory=list)  # quotes this cue introduces
    relay: Span | None = None  # who passed it on: "revealed to the Miami Herald"

    @property
    def cue_span(self) -> CharSpan:
        first, last = self.cue[0], self.cue[-1]
        return first.idx, last.idx + len(last)

    @property
    def verb(self) -> Token:
        return self.cue[0]


def _in_quote(token: Token, quotes: list[Quote]) -> bool:
    return inside_quote(quotes, token.idx)


def _is_cue_verb(token: Token) -> bool:
    return token.tag_ in VERB_TAGS and token.dep_ not in ("amod", "compound", "aux", "auxpass")


def _raising(verb: Token) -> bool:
    """ "X is said to have ...": a passive cue whose subject belongs to the content."""
    deps = {c.dep_ for c in verb.children}
    return "nsubjpass" in deps and "xcomp" in deps


def _subtree_indices(tokens: list[Token]) -> set[int]:
    return {t.i for head in tokens for t in head.subtree}


@dataclass
class Frame:
    """A cue verb's grammatical frame: who speaks and which dependents say what."""

    verb: Token
    subject: Token | None
    source: Span | None
    heads: list[Token]  # dependents whose subtrees are the content
    particles: list[Token]  # words that belong to the cue ("called for", "pointed out")
    after: Quote | None  # a quotation right after the cue
    has_clause: bool


def frame_of(verb: Token, entry: CueEntry, quotes: list[Quote], text: str) -> Frame:
    children = list(verb.children)
    clauses = [
        c
        for c in children
        if c.dep_ in CLAUSES or _indirect_question(c) or _prepositional_clause(c, entry)
    ]
    objects = [c for c in children if c.dep_ in OBJECTS and entry.objects]
    preps = [c for c in children if c.dep_ == "prep" and c.lower_ in entry.preps]
    particles = [c for c in children if c.dep_ == "prt"]
    particles += [
        m
        for c in clauses
        if _prepositional_clause(c, entry)
        for m in c.children
        if m.dep_ == "mark"
    ]  # "called for": the cue
    cue_end = max([verb, *particles], key=lambda t: t.i)
    after = quote_after(text, cue_end.idx + len(cue_end), quotes)
    finite = any(c.dep_ == "ccomp" for c in clauses) or after is not None
    if entry.recipient and (finite or verb.dep_ in PARENTHETICAL):  # "the partner told them"
        objects = [o for o in objects if o.lower_ in ("that", "this", "it")]
    heads = clauses + objects
    if objects and not clauses:  # "criticized them as anti-Latino": the object's complement
        preps += _object_complements(verb, objects, preps)
    if preps and not heads:  # "talked about the record": the cue is "talked about"
        particles += preps
        heads = [o for p in preps for o in p.children if o.dep_ in ("pobj", "pcomp")]
    else:
        heads += preps
    if not heads:  # "his comments were derided by X": what was derided is the content
        heads = [c for c in children if c.dep_ == "nsubjpass"]
    subject = subject_of(verb)
    source = source_span(verb, subject) if subject is not None else None
    if entry.raising:  # "Trump appears (ready) to ...": Trump is content, nobody is named
        heads = _raised_heads(verb, heads, subject)
        source = None
    return Frame(verb, subject, source, heads, particles, after, bool(clauses))


RAISED_COMPLEMENTS = ("acomp", "attr", "oprd")


def _raised_heads(verb: Token, heads: list[Token], subject: Token | None) -> list[Token]:
    """What a raising verb ("seem", "appear") says: its subject with the complement
    ("voters appear fatigued", "she seems ready to ..."); nothing when it has no complement
    ("the piece appeared on Monday")."""
    heads = [*heads, *(c for c in verb.children if c.dep_ in RAISED_COMPLEMENTS)]
    heads = [h for h in heads if h is not subject and h.dep_ not in ("nsubj", "nsubjpass")]
    if not heads:
        return []
    return [subject, *heads] if subject is not None else heads


def _object_complements(verb: Token, objects: list[Token], preps: list[Token]) -> list[Token]:
    """Prepositional phrases after a cue's object that complete it ("thanked him for that",
    "credited Merkel with holding ...")."""
    after = max(o.right_edge.i for o in objects)
    known = lexicon().object_preps
    return [
        c
        for c in verb.children
        if c.dep_ == "prep" and c.i > after and c.lower_ in known and c not in preps
    ]


def _prepositional_clause(child: Token, entry: CueEntry) -> bool:
    """ "called for all candidates to lay out ...": a clause after the cue opened by one of
    the cue's prepositions."""
    return (
        child.dep_ == "advcl"
        and child.i > child.head.i
        and any(
            m.dep_ == "mark" and m.lower_ in entry.preps and m.i > child.head.i
            for m in child.children
        )
    )


def _indirect_question(child: Token) -> bool:
    """ "asked if he was bullied": a clause opened by "if" or "whether" after the cue."""
    return (
        child.dep_ == "advcl"
        and child.i > child.head.i
        and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in child.children)
    )


def verb_found(verb: Token, entry: CueEntry, quotes: list[Quote], text: str) -> Found | None:
    """The attribution a cue verb introduces, if it has any content."""
    if _in_quote(verb, quotes) or _conditional(verb):
        return None
    if _raising(verb):
        return raised_found(verb, entry, quotes, text)
    frame = frame_of(verb, entry, quotes, text)
    indices = _subtree_indices(frame.heads) - {verb.i} - _asides(frame.heads)
    indices -= _coordinated_cues(frame.heads) | {t.i for t in frame.particles}
    if frame.source is not None:
        indices -= set(range(frame.source.start, frame.source.end))
    content = within_paragraph(char_spans(verb.doc, indices), text, verb.idx)
    owned = _owned_quotes(frame, content, quotes, text)
    content = content + [(q.start, q.end) for q in owned] or _fallback_content(verb, text)
    if _negated(verb) and not frame.has_clause and not owned:
        return None  # "did not disclose details": nothing was said
    sourceless_ok = _passive(verb) or entry.raising or owned
    if not content or (frame.source is None and not sourceless_ok):
        return None
    cue = sorted([verb, *frame.particles], key=lambda t: t.i)
    return Found(
        cue=cue,
        entry=entry,
        source=frame.source,
        content=content,
        owned=owned,
        relay=_relay(verb, entry),
    )


def _owned_quotes(
    frame: Frame, content: list[CharSpan], quotes: list[Quote], text: str
) -> list[Quote]:
    """The quotations a cue introduces: right after it, right before it, and the one that
    carries on after a cue placed inside a quotation."""
    verb, owned = frame.verb, []
    if frame.after is not None and _takes_quote(content, frame.after, verb):
        owned.append(frame.after)
    clause_start = _clause_start(verb, frame.subject)
    before = quote_before(text, clause_start, quotes)
    if before is not None and not content:
        owned.append(before)
    so_far = content + [(q.start, q.end) for q in owned]
    if so_far and all(b <= clause_start for _, b in so_far):
        following = quote_continuing(text, _clause_end(verb, quotes), quotes)
        if following is not None and following not in owned:
            owned.append(following)
    return owned


def _fallback_content(verb: Token, text: str) -> list[CharSpan]:
    """Content the parse did not attach to the cue: a parenthetical cue, or a cue verb the
    parser took for a modifier."""
    if verb.dep_ in PARENTHETICAL and verb.head is not verb:
        return _host_clause(verb, text)
    if verb.dep_ == "acl" and verbless(verb):
        return _rest_of_sentence(verb, text)
    return []


def _host_clause(verb: Token, text: str) -> list[CharSpan]:
    """ "The risk, he said, is a clash": the clause around a parenthetical cue."""
    own = {t.i for t in verb.subtree}
    indices = {t.i for t in verb.head.subtree} - own
    return within_paragraph(char_spans(verb.doc, indices), text, verb.idx)


def _rest_of_sentence(verb: Token, text: str) -> list[CharSpan]:
    """What follows a cue the parser took for a modifier ("Sources ... revealed to X that")."""
    after = [t for t in verb.subtree if t.i > verb.i]
    start = (after[-1].i if after else verb.i) + 1
    indices = range(start, sentence_of(verb).end)
    return within_paragraph(char_spans(verb.doc, indices), text, verb.idx)


ASIDE_DEPS = ("relcl", "advcl", "appos", "acl", "npadvmod", "prep")
SET_OFF = frozenset(",—–-")


def _set_off(token: Token) -> bool:
    """Whether a phrase starts right after a comma or a dash."""
    first = token.left_edge
    return first.i > 0 and token.doc[first.i - 1].text in SET_OFF


def _asides(heads: list[Token]) -> set[int]:
    """Comments the writer adds to a content: after a comma at its end ("..., sparking a
    firestorm", "..., which would raise taxes", "... — a dream for many"), and relative
    clauses set off by commas anywhere in it ("New York, which has not voted Republican in
    32 years, in play")."""
    lex = lexicon()
    out: set[int] = set()
    for head in heads:
        end = head.right_edge.i
        for token in head.subtree:
            if token.i <= head.i or token.dep_ not in ASIDE_DEPS or not _set_off(token):
                continue
            first = token.left_edge
            if token.dep_ == "relcl" and first.lower_ in lex.relative_words:
                out |= set(range(first.i - 1, token.right_edge.i + 1))
                continue
            if token.right_edge.i != end:
                continue
            if first.lower_ in lex.aside_openers or first.tag_ == "VBG" or token.dep_ == "appos":
                out |= set(range(first.i - 1, end + 1))
                break
    return out


def _coordinated_cues(heads: list[Token]) -> set[int]:
    """A cue verb coordinated inside a content ("said that X and insisted that Y") starts an
    attribution of its own."""
    lex = lexicon()
    out: set[int] = set()
    for head in heads:
        for token in head.subtree:
            cue = token.dep_ == "conj" and token.tag_ in VERB_TAGS and _shares_subject(token)
            if cue and token.lemma_.lower() in lex.verbs and token.i not in out:
                first = token.i - 1 if token.doc[token.i - 1].dep_ == "cc" else token.i
                out |= set(range(first, token.right_edge.i + 1))
    return out


def _shares_subject(verb: Token) -> bool:
    """A coordinated verb without a subject of its own speaks for the first one's subject
    ("said that X and insisted that Y"); "... and that he wants to lead" is still content."""
    return not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)


def _conditional(verb: Token) -> bool:
    """ "only if the leader agreed to resign": a condition, not something anyone said."""
    conditionals = lexicon().conditionals
    return any(c.dep_ == "mark" and c.lower_ in conditionals for c in verb.children)


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _passive(verb: Token) -> bool:
    """ "It was announced that ...", "Asked whether ...": a cue whose speaker goes unnamed."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("advcl", "acl")
        and not any(c.dep_ == "aux" for c in verb.children)
    )


def raised_found(verb: Token, entry: CueEntry, quotes: list[Quote], text: str) -> Found | None:
    """ "X is said to have ...", "X is expected to ...": X and what follows are the content;
    nobody is named as the source."""
    if verb.lemma_.lower() not in lexicon().passive_reporting:
        return None
    heads = [c for c in verb.children if c.dep_ in ("nsubjpass", "xcomp")]
    content = within_paragraph(char_spans(verb.doc, _subtree_indices(heads)), text, verb.idx)
    if not content:
        return None
    auxiliaries = [c for c in verb.children if c.dep_ == "auxpass"]
    cue = sorted([verb, *auxiliaries], key=lambda t: t.i)
    return Found(cue=cue, entry=entry, source=None, content=content)


def _takes_quote(content: list[CharSpan], quote: Quote, verb: Token) -> bool:
    """A quotation after the cue is its content when the parse found none, when the parse
    found part of it, or when the content so far came before the cue (a split quote)."""
    if not content:
        return True
    if any(a < quote.end and quote.start < b for a, b in content):
        return True
    return all(b <= verb.idx for _, b in content)


def _clause_start(verb: Token, subject: Token | None) -> int:
    starts = [verb.idx]
    if subject is not None:
        starts.append(subject.left_edge.idx)
    return min(starts)


def _clause_end(verb: Token, quotes: list[Quote]) -> int:
    """Where a post-posed cue clause ends: "“...,” said Smith, a pollster, on Tuesday."""
    right = [t for t in verb.subtree if t.i >= verb.i and not _in_quote(t, quotes)]
    last = verb
    for token in right:
        if token.i == last.i + 1 and not opens_at(quotes, token.idx):
            last = token
    return last.idx + len(last)


def _relay(verb: Token, entry: CueEntry) -> Span | None:
    """The addressee that passes the content on ("revealed to the Miami Herald")."""
    if not entry.media:
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return noun_phrase(objects[0])
        if child.dep_ in ("dative", "dobj") and child.pos_ in ("PROPN", "NOUN"):
            return noun_phrase(child)
    return None


def phrase_found(first: Token, length: int, quotes: list[Quote], text: str) -> Found | None:
    """ "according to X, ...": the rest of the sentence is the content."""
    doc = first.doc
    last = doc[first.i + length - 1]
    if _in_quote(first, quotes):
        return None
    objects = [c for c in last.children if c.dep_ == "pobj"]
    source = noun_phrase(objects[0]) if objects else None
    phrase = {t.i for t in first.subtree} | {t.i for t in last.subtree}
    phrase |= set(range(first.i, last.i + 1))
    if source is not None:
        phrase |= set(range(source.start, source.end))
    indices = {t.i for t in sentence_of(first)} - phrase
    content = within_paragraph(char_spans(doc, indices), text, first.idx)
    if not content:
        return None
    entry = CueEntry(lemma=" ".join(t.lower_ for t in doc[first.i : last.i + 1]))
    return Found(cue=list(doc[first.i : last.i + 1]), entry=entry, source=source, content=content)


def noun_found(noun: Token, entry: CueEntry, quotes: list[Quote]) -> Found | None:
    """ "his claim that ...", "her criticism of the deal": a cue noun with its content."""
    if _in_quote(noun, quotes):
        return None
    heads = [
        c
        for c in noun.children
        if c.dep_ in ("acl", "ccomp", "appos")
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]
    if "to" in entry.preps:  # "his plan to withdraw"
        heads += [c for c in noun.children if c.dep_ == "acl" and c.left_edge.lower_ == "to"]
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in entry.preps]
    if not heads:  # "her criticism of the deal": the cue is "criticism of"
        heads = [o for p in preps for o in p.children if o.dep_ in ("pobj", "pcomp")]
    else:
        preps = []
    source = _noun_source(noun)
    if not heads or source is None:
        return None
    content = char_spans(noun.doc, _subtree_indices(heads))
    if not content:
        return None
    cue = sorted([noun, *preps], key=lambda t: t.i)
    return Found(cue=cue, entry=entry, source=source, content=content)


IMPERSONAL = frozenset({"it", "this", "that", "there", "which", "what"})


def adjective_found(
    adjective: Token, entry: CueEntry, quotes: list[Quote], text: str
) -> Found | None:
    """ "She is confident that ...", "he was critical of the deal", "they are eager to ...":
    a stance adjective after a copula, with a speaker as the copula's subject."""
    if adjective.dep_ != "acomp" or _in_quote(adjective, quotes):
        return None
    copula = adjective.head
    subject = subject_of(copula)
    if subject is None or subject.lower_ in IMPERSONAL or subject.pos_ not in NOMINAL:
        return None
    heads = [c for c in adjective.children if c.dep_ in CLAUSES]
    heads += [c for c in copula.children if c.dep_ == "ccomp" and c.i > adjective.i]
    preps = [c for c in adjective.children if c.dep_ == "prep" and c.lower_ in entry.preps]
    if not heads:  # "critical of the deal": the cue is "critical of"
        heads = [o for p in preps for o in p.children if o.dep_ in ("pobj", "pcomp")]
    else:
        preps = []
    content = within_paragraph(
        char_spans(adjective.doc, _subtree_indices(heads)), text, adjective.idx
    )
    if not content:
        return None
    return Found(
        cue=sorted([adjective, *preps], key=lambda t: t.i),
        entry=entry,
        source=source_span(copula, subject),
        content=content,
    )


NOMINAL = ("PROPN", "NOUN", "PRON")


def _noun_source(noun: Token) -> Span | None:
    """Whose claim it is: "his claim", "the claim by X", "Trump's criticism"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return noun_phrase(child)
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return noun_phrase(objects[0])
    return _governing_speaker(noun)


def _governing_speaker(noun: Token) -> Span | None:
    """The subject of the verb a cue noun is the object of ("Sanders voiced support for",
    "Christie rebounded with a call to arms against")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in ("dobj", "obj"):
        return None
    if head.tag_ not in VERB_TAGS:
        return None
    subject = subject_of(head)
    return source_span(head, subject) if subject is not None else None


HEADLINE_WORDS = 6  # "Trump: ..." names before a colon are short
NAME_POS = ("PROPN", "NOUN", "DET", "ADJ", "PART", "CCONJ", "PUNCT")


def colon_found(colon: Token, text: str) -> Found | None:
    """A headline or list line "Name: what they said" (``Graham: Trump’s rhetoric ...``)."""
    doc = colon.doc
    p_start, p_end = paragraph_of(text, colon.idx)
    before = _line_before(doc, colon.i, p_start)
    if not before or not before[0].text[:1].isupper():
        return None
    if any(t.pos_ not in NAME_POS for t in before) or not all(map(_name_word, before)):
        return None
    labels = lexicon().headline_labels
    if any(t.lower_ in labels for t in before) or all(t.is_upper for t in before if t.is_alpha):
        return None
    content = within_paragraph([(colon.idx + 1, p_end)], text, colon.idx + 1)
    if not content or not _says_something(doc, content[0]) or text[content[-1][1] - 1] == "?":
        return None
    source = doc[before[0].i : before[-1].i + 1]
    entry = CueEntry(lemma=":")
    return Found(cue=[colon], entry=entry, source=source, content=content)


def _line_before(doc: Doc, end: int, p_start: int) -> list[Token]:
    """The words of the paragraph before token ``end``; none when they are too many for a
    name (the walk back stops there, so a long paragraph costs nothing)."""
    words: list[Token] = []
    i = end - 1
    while i >= 0 and doc[i].idx >= p_start:
        if not doc[i].is_space:
            if len(words) == HEADLINE_WORDS:
                return []
            words.append(doc[i])
        i -= 1
    return words[::-1]


def _name_word(token: Token) -> bool:
    return not token.is_alpha or token.text[:1].isupper() or token.is_stop


def _says_something(doc: Doc, span: CharSpan) -> bool:
    """A quotation, or words with a verb (not a label or a number)."""
    words = doc.char_span(*span, alignment_mode="expand")
    if words is None:
        return False
    return any(t.text in "“\"‘'«" or t.pos_ in ("VERB", "AUX") for t in words)


def find_all(doc: Doc, quotes: list[Quote], text: str | None = None) -> list[Found]:
    """Every cue of the document with what it introduces, in text order. ``text`` is the
    document text when the caller has it (``Doc.text`` rebuilds it on each access)."""
    lex = lexicon()
    text = doc.text if text is None else text
    found: list[Found] = []
    lowers = [token.lower_ for token in doc]
    starts = _phrases_by_first_word(lex.phrases)
    for token in doc:
        lemma = token.lemma_.lower()
        item: Found | None = None
        phrase = _phrase_at(lowers, token.i, starts.get(lowers[token.i], ()))
        if phrase:
            item = phrase_found(token, phrase, quotes, text)
        elif lemma in lex.verbs and _is_cue_verb(token):
            item = verb_found(token, lex.verbs[lemma], quotes, text)
        elif _is_cue_verb(token) and _speaker_with_clause(token):
            item = verb_found(token, CueEntry(lemma=lemma, objects=False), quotes, text)
        elif token.text == ":":
            item = colon_found(token, text)
        elif lemma in lex.nouns and token.pos_ == "NOUN":
            item = noun_found(token, lex.nouns[lemma], quotes)
        elif token.lower_ in lex.adjectives and token.pos_ in ("ADJ", "VERB"):
            item = adjective_found(token, lex.adjectives[token.lower_], quotes, text)
        if item is not None:
            found.append(item)
    return found


def _speaker_with_clause(verb: Token) -> bool:
    """Any verb whose subject is a person or a body and that takes a clause after it
    reports a statement or a thought ("the mayor insisted the vote was fair")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects:
        return False
    subject = subjects[0]
    speaker = subject.lower_ in PERSONAL or subject.ent_type_ in SPEAKER_TYPES
    return speaker and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)


@lru_cache(maxsize=4)
def _phrases_by_first_word(
    phrases: tuple[tuple[str, ...], ...],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The cue phrases grouped by their first word, each group in the order of the list."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for words in phrases:
        groups.setdefault(words[0], []).append(words)
    return {first: tuple(group) for first, group in groups.items()}


def _phrase_at(lowers: list[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """The length of the first of ``phrases`` that the words from ``i`` on spell, or 0."""
    for words in phrases:
        if tuple(lowers[i : i + len(words)]) == words:
            return len(words)
    return 0
