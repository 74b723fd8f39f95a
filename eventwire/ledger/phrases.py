"""Phrases of an item read off the dependency parse: what is asked or offered, on what
condition, by whom.

``what`` is the object or complement of the trigger ("safe passage for Maduro, along with his
wife and son"), ``condition`` the clause after a condition marker ("the leader agreed to resign
immediately"). Both stop at a coordinated or adverbial clause, so that the condition and later
acts in the same sentence stay out of the ``what``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from eventwire.ledger.lexicon import LedgerLexicon, ledger_lexicon
from eventwire.nlp import sentence_of

STOP_DEPS = frozenset({"cc", "conj", "advcl", "mark", "parataxis", "relcl"})
VERB_PARTS = frozenset(
    {
        "dobj",
        "dative",
        "prep",
        "attr",
        "oprd",
        "xcomp",
        "ccomp",
        "advmod",
        "npadvmod",
        "prt",
        "acomp",
    }
)
NOUN_PARTS = frozenset({"prep", "acl", "ccomp", "xcomp"})
LEADING_PREPOSITIONS = frozenset({"for", "of", "on", "that", "about", "instead"})
WHEN_PREPOSITIONS = frozenset({"on", "in", "at", "during", "since", "after"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLIMB_DEPS = frozenset({"xcomp", "conj", "relcl"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})

COMMENT_DEPS = frozenset({"appos", "dobj", "npadvmod", "attr"})

TextSpan = tuple[str, tuple[int, int]]


def tokens_at(doc: Doc, span: tuple[int, int]) -> Span | None:
    """The tokens that cover a character span, or None if it lies outside the text."""
    if not 0 <= span[0] < span[1] <= text_length(doc):
        return None
    return doc.char_span(span[0], span[1], alignment_mode="expand")


def text_length(doc: Doc) -> int:
    """Characters in the document, without building its text."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def text_between(doc: Doc, first: int, last: int) -> TextSpan | None:
    """The text of tokens first..last as a whole phrase: cut before a clause of its own or a
    comment on it, trimmed of punctuation, conjunctions and leading prepositions at its ends,
    and of a trailing time adjunct."""
    last = without_when(first, without_comment(first, without_clause(first, last, doc), doc), doc)
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space or doc[last].dep_ == "cc"):
        last -= 1
    while first < last and doc[first].lower_ in LEADING_PREPOSITIONS:
        first += 1
    if first > last:
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return doc[first : last + 1].text, (start, end)


def without_clause(first: int, last: int, doc: Doc) -> int:
    """The last token of a phrase before a coordinated clause with its own auxiliary ("an
    amnesty covering his allies and to have proposed keeping command"): another act."""
    for token in doc[first + 1 : last + 1]:
        own_aux = any(c.dep_ in {"aux", "auxpass"} for c in token.children)
        clause = token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"} and own_aux
        if clause and token.left_edge.i > first:
            return token.left_edge.i - 1
    return last


def without_comment(first: int, last: int, doc: Doc) -> int:
    """The last token of a phrase before a trailing comment on it, set off by a comma ("...,
    a condition Washington is said to have found unacceptable")."""
    for token in doc[first + 1 : last + 1]:
        if token.dep_ not in COMMENT_DEPS or token.right_edge.i != last:
            continue
        clause = any(t.dep_ in {"relcl", "acl"} and t.pos_ == "VERB" for t in token.subtree)
        if clause and doc[token.left_edge.i - 1].text == ",":
            return token.left_edge.i - 1
    return last


def right_parts(head: Token, allowed: frozenset[str]) -> list[Token]:
    """The right dependents of a head that belong to its phrase, up to the first clause break
    or attribution ("according to ...")."""
    parts: list[Token] = []
    attribution = ledger_lexicon().attribution_words
    for child in head.rights:
        if is_content_clause(child):
            parts.append(child)
            continue
        if child.dep_ in STOP_DEPS or child.lower_ in attribution or is_aside(child):
            break
        if not parts and is_agent(head, child):
            continue
        if child.dep_ in allowed and not is_when(child):
            parts.append(child)
    return parts


def is_aside(part: Token) -> bool:
    """Whether a participle clause set off by a comma only comments ("the demand, first
    reported last week, ...")."""
    return part.dep_ == "acl" and part.i > 0 and part.doc[part.left_edge.i - 1].text == ","


def is_content_clause(part: Token) -> bool:
    """Whether a clause after a noun says what it is, though parsed as a relative clause
    ("the demand that Maduro leave Venezuela")."""
    if part.dep_ != "relcl" or part.head.pos_ != "NOUN":
        return False
    marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in part.children)
    return marked and any(c.dep_ in SUBJECT_DEPS for c in part.children)


def is_agent(head: Token, part: Token) -> bool:
    """Whether a noun's first dependent names its maker ("an ultimatum from Trump")."""
    if head.pos_ not in {"NOUN", "PROPN"} or part.dep_ != "prep":
        return False
    if part.lower_ not in ledger_lexicon().agent_prepositions:
        return False
    return any(c.dep_ == "pobj" and (c.pos_ == "PROPN" or c.ent_type_) for c in part.children)


def is_adjunct(part: Token) -> bool:
    """Whether a dependent says how or why ("in a phone call", "in an effort to ...")."""
    lexicon = ledger_lexicon()
    if part.dep_ != "prep" or part.lower_ not in lexicon.adjunct_prepositions:
        return False
    objects = [c for c in part.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.lemma_.lower() in lexicon.adjunct_nouns for o in objects)


def is_when(part: Token) -> bool:
    """Whether a dependent only says when ("on Monday", "last week") or how ("in a phone
    call"): not part of the what. A deadline ("by Friday") is part of it."""
    if is_adjunct(part):
        return True
    if part.dep_ == "prep" and part.lower_ in WHEN_PREPOSITIONS:
        objects = [c for c in part.children if c.dep_ == "pobj"]
    elif part.dep_ == "npadvmod":
        objects = [part]
    else:
        return False
    return bool(objects) and all(o.ent_type_ in {"DATE", "TIME"} for o in objects)


def without_when(first: int, last: int, doc: Doc) -> int:
    """The last token of a phrase once a trailing time adjunct is cut off."""
    for token in doc[first : last + 1]:
        if token.i > first and token.right_edge.i == last and is_when(token):
            return token.i - 1
    return last


def phrase_after(head: Token, allowed: frozenset[str], with_head: bool) -> TextSpan | None:
    """The phrase a head governs to its right (optionally starting at the head itself)."""
    parts = right_parts(head, allowed)
    if not parts:
        return text_between(head.doc, head.i, head.i) if with_head else None
    first = head.i if with_head else parts[0].left_edge.i
    if with_head:
        first = min([head.i] + [c.i for c in head.lefts if c.dep_ == "aux" and c.lower_ == "to"])
    return text_between(head.doc, first, parts[-1].right_edge.i)


def noun_what(noun: Token) -> TextSpan | None:
    """What a naming noun asks or offers: its complement, or the noun phrase itself."""
    found = phrase_after(noun, NOUN_PARTS, with_head=False)
    return found or text_between(noun.doc, noun.left_edge.i, noun.i)


def after_colon(noun: Token) -> TextSpan | None:
    """What a colon right after a naming noun introduces ("delivered an ultimatum: Maduro was
    to relinquish power")."""
    doc, end = noun.doc, noun.right_edge.i + 1
    if end >= len(doc) or doc[end].text != ":" or sentence_of(doc[end]) != sentence_of(noun):
        return None
    return text_between(doc, end + 1, sentence_of(noun).end - 1)


def included(noun: Token) -> TextSpan | None:
    """What a noun naming several acts says they include ("counter-demands of his own,
    including amnesty for himself and his allies"), the marker under the noun or, as parsers
    often put it, under the verb that governs it."""
    markers = ledger_lexicon().member_markers
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    after = [*noun.rights, *(c for c in verb.rights if c.i > noun.i)]
    marker = next((c for c in after if c.lower_ in markers), None)
    if marker is None or marker.right_edge.i <= marker.i:
        return None
    return text_between(noun.doc, marker.i + 1, marker.right_edge.i)


def apposed(noun: Token) -> TextSpan | None:
    """What an apposition after a naming noun says it is ("the offer, safe passage for him")."""
    appos = next((c for c in noun.rights if c.dep_ == "appos"), None)
    if appos is None:
        return None
    return text_between(noun.doc, appos.left_edge.i, appos.right_edge.i)


def coordinated_parts(doc: Doc, span: tuple[int, int]) -> list[TextSpan]:
    """The members of a content of coordinated prepositions ("for an amnesty and for control
    over the army"): one act each. A member whose preposition heads no object takes the clause
    that follows it ("for restraint and for disputes to be settled peacefully")."""
    tokens = tokens_at(doc, span)
    if tokens is None:
        return []
    splits = [t for t in tokens if t.dep_ == "conj" and t.pos_ == "ADP" and t.head.pos_ == "ADP"]
    if not splits:
        return []
    pieces, start = [], tokens.start
    for split in splits:
        pieces.append(text_between(doc, start, split.i - 1))
        start = split.i
    last = tokens.end - 1
    if not any(c.dep_ == "pobj" for c in splits[-1].children):
        clause = [
            t for t in sentence_of(splits[-1]) if t.pos_ == "VERB" and t.left_edge.i == start + 1
        ]
        if clause:
            start, last = start + 1, max(t.right_edge.i for t in clause)
    pieces.append(text_between(doc, start, last))
    return [p for p in pieces if p is not None]


def modal_clause(trigger: Token, lexicon: LedgerLexicon) -> Token | None:
    """The verb after the trigger that a demand modal marks ("you must leave")."""
    for token in sentence_of(trigger):
        if token.i <= trigger.i or token.lemma_.lower() not in lexicon.modal_cues:
            continue
        if token.head.i > trigger.i and token.head.pos_ in {"VERB", "AUX"}:
            return token.head
    return None


def verb_what(verb: Token, lexicon: LedgerLexicon) -> TextSpan | None:
    """What a trigger verb asks or offers: the demanded clause, its complement or object."""
    demanded = modal_clause(verb, lexicon)
    if demanded is not None:
        return phrase_after(demanded, VERB_PARTS, with_head=True)
    complement = next((c for c in verb.rights if c.dep_ in {"xcomp", "ccomp"}), None)
    if complement is not None and complement.dep_ == "ccomp":
        return text_between(verb.doc, complement.left_edge.i, complement.right_edge.i)
    if complement is not None:
        return phrase_after(complement, VERB_PARTS, with_head=True)
    parts = [c for c in right_parts(verb, VERB_PARTS) if c.dep_ != "dative"]
    if not parts:
        return None
    return text_between(verb.doc, parts[0].left_edge.i, parts[-1].right_edge.i)


def condition_of(trigger: Token, lexicon: LedgerLexicon) -> TextSpan | None:
    """The condition attached to a trigger ("only if X", "provided that X"), if any."""
    sent = list(sentence_of(trigger))
    words = [t.lower_ for t in sent]
    for n in range(len(sent)):
        for marker in lexicon.condition_markers:
            if tuple(words[n : n + len(marker)]) != marker:
                continue
            last = sent[n + len(marker) - 1]
            head = last.head if last.dep_ == "mark" else last
            if head == trigger or trigger in head.ancestors:
                found = text_between(trigger.doc, last.i + 1, head.right_edge.i)
                if found and marker[0] == "unless":
                    return f"unless {found[0]}", found[1]
                return found
            break
    return None


def is_conditional(token: Token, lexicon: LedgerLexicon) -> bool:
    """Whether a token lies inside an "if" or "unless" clause (a hypothetical act)."""
    marks = lexicon.single_condition_marks
    for node in [token, *token.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in marks for c in node.children):
            return True
    return False


def is_idle(verb: Token, lexicon: LedgerLexicon) -> bool:
    """Whether an act or answer is about nothing on the ledger: its complement is an idle verb
    ("declined to comment", "asked not to be named") or is negated."""
    return any(
        c.dep_ in {"xcomp", "dobj"}
        and (c.lemma_.lower() in lexicon.idle_complements or (c.dep_ == "xcomp" and is_negated(c)))
        for c in verb.children
    )


def is_beneficiary(token: Token) -> bool:
    """Whether an actor named in an item's content is whom it is put to: whom it is for
    ("safe passage for X"), who is to act ("that Maduro resign"), or who is to meet ("talks
    between the government and the opposition")."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ in SUBJECT_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in {"for", "to", "between"}


def is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def subject_of(token: Token) -> tuple[Token | None, bool]:
    """The subject of a verb, climbing through raising and coordination; and whether it is
    the passive subject of the verb itself (then it is the receiver of the act)."""
    node = token
    for _ in range(4):
        subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
            return node.head, False
        if subject is not None:
            return subject, subject.dep_ == "nsubjpass" and node == token
        if node.dep_ not in CLIMB_DEPS and not (node.dep_ == "advcl" and node.tag_ == "VBG"):
            break
        node = node.head
    if token.dep_ == "conj":  # coordinated under a word of the other clause: its verb's subject
        verb = next((a for a in token.ancestors if a.pos_ == "VERB" and a.dep_ != "acl"), None)
        if verb is not None:
            return subject_of(verb)[0], False
    return None, False


def object_noun(verb: Token, nouns: frozenset[str]) -> Token | None:
    """The naming noun a verb presents ("presented a series of counter-demands" -> demands)."""
    for child in verb.children:
        if child.dep_ in {"dobj", "attr"}:
            return next((t for t in child.subtree if t.lemma_.lower() in nouns), None)
    return None


def content_lemmas(doc: Doc, span: tuple[int, int] | None) -> frozenset[str]:
    """The content words of a stretch of text, as lower-case lemmas."""
    tokens = tokens_at(doc, span) if span else None
    if tokens is None:
        return frozenset()
    return frozenset(t.lemma_.lower() for t in tokens if t.pos_ in CONTENT_POS and not t.is_stop)
