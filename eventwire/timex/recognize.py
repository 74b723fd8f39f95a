"""Finding time expressions in a parsed document and normalising them.

Every pattern of ``patterns.yaml`` is run over the text once. Overlapping candidates compete:
the longest wins, then the earlier pattern. A candidate is kept only if its normaliser gives it
a value and the parse does not speak against it (a year that counts things, "May" the verb).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from eventwire.model import Timex
from eventwire.timex.normalize import NORMALISERS, Context, Value
from eventwire.timex.rules import Pattern, Rules, load_rules

# words before "a year", "an hour" that make it a rate ("$5 a year", "twice a day")
_RATE_TAGS = frozenset({"NUM", "NOUN", "PROPN", "SYM"})


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    pattern: Pattern
    groups: dict[str, str | None]


# how many sentences back a mention of quarters still makes "a year ago" a quarter
QUARTER_WINDOW = 3
QUARTER_WORD = "quarter"
# a fiscal quarter, not a fraction ("a quarter of the vote") or a neighbourhood's name
_QUARTER_MENTION = re.compile(
    r"\b(?:[a-z]+-)?quarters?\b(?!\s+of\s+(?!\d{4}|the\s+year|this|last|next|fiscal))"
    r"|\bquarterly\b"
)

_ABSOLUTE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass
class _Document:
    """Per-document facts the checks need, computed once."""

    doc: Doc
    rules: Rules
    sentence_of: list[int]  # token index -> sentence number
    quarterly: list[bool]  # sentence number -> mentions quarters within the window

    @classmethod
    def of(cls, doc: Doc, rules: Rules, text: str) -> _Document:
        sentence_of = [0] * len(doc)
        mentions: list[bool] = []
        parsed = doc.has_annotation("DEP") or doc.has_annotation("SENT_START")
        for number, sent in enumerate(doc.sents if parsed else [doc[:]]):
            sentence_of[sent.start : sent.end] = [number] * len(sent)
            sentence = text[sent.start_char : sent.end_char]  # what ``sent.text`` builds
            mentions.append(_QUARTER_MENTION.search(sentence) is not None)
        quarterly = [
            any(mentions[max(0, n - QUARTER_WINDOW) : n + 1]) for n in range(len(mentions))
        ]
        return cls(doc, rules, sentence_of, quarterly)


def find_timexes(doc: Doc, published: date | None, text: str | None = None) -> list[Timex]:
    """All time expressions of a parsed document, in text order, with TIMEX3 values
    (``text``: the document's text, when the caller has it at hand)."""
    rules = load_rules()
    text = doc.text if text is None else text
    info = _Document.of(doc, rules, text)
    candidates = _candidates(text, rules.patterns)
    candidates.sort(key=lambda c: (-(c.end - c.start), c.pattern.priority, c.start))
    taken = bytearray(len(text))
    chosen: list[tuple[Candidate, Value]] = []
    for cand in candidates:
        if any(taken[cand.start : cand.end]):
            continue
        value = _normalise(cand, info, published)
        if value is None:
            continue
        taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        chosen.append((cand, value))
    chosen.sort(key=lambda pair: pair[0].start)
    return _with_references(chosen, info, text)


def _with_references(
    chosen: list[tuple[Candidate, Value]], info: _Document, text: str
) -> list[Timex]:
    """Resolve "the following year", "the previous Friday", "that day" against the last date
    the story mentioned, where that date is precise enough."""
    found: list[Timex] = []
    reference: tuple[date, int] | None = None
    for cand, value in chosen:
        needed = _anaphoric_precision(cand, info.rules)
        if needed and reference is not None and reference[1] >= needed:
            value = _normalise(cand, info, reference[0]) or value
        found.append(
            Timex(
                span=(cand.start, cand.end),
                text=text[cand.start : cand.end],
                type=value.type,  # type: ignore[arg-type]
                value=value.value,
                anchored=value.anchored,
            )
        )
        reference = _as_date(value.value) or reference
    return found


# how precise a reference date must be (1 year, 2 month, 3 day) for each unit counted from it
_PRECISION_NEEDED = {"year": 1, "quarter": 2, "month": 2, "week": 3, "day": 3}


def _anaphoric_precision(cand: Candidate, rules: Rules) -> int:
    """0 when the candidate counts from the publication date; else the precision it needs."""
    word = (cand.groups.get("dir") or "").lower()
    if not cand.pattern.anaphoric and word not in rules.anaphoric_directions:
        return 0
    if cand.groups.get("weekday"):
        return 3
    return _PRECISION_NEEDED.get((cand.groups.get("unit") or "").lower(), 1)


def _as_date(value: str) -> tuple[date, int] | None:
    """A resolved DATE value as a date and its precision (1 year, 2 month, 3 day)."""
    match = _ABSOLUTE.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    precision = 1 + (month is not None) + (day is not None)
    try:
        return date(int(year), int(month or 1), int(day or 1)), precision
    except ValueError:
        return None


def _candidates(text: str, patterns: list[Pattern]) -> list[Candidate]:
    out: list[Candidate] = []
    lowered = text.lower()
    for pattern in patterns:
        if not pattern.may_match(lowered):
            continue
        for match in pattern.regex.finditer(text):
            groups = match.groupdict()
            start, end = match.span("span") if groups.get("span") else match.span()
            if end > start:
                out.append(Candidate(start, end, pattern, groups))
    return out


def _normalise(cand: Candidate, info: _Document, anchor: date | None) -> Value | None:
    tokens = _tokens(info.doc, cand.start, cand.end)
    if not tokens or not _plausible(cand, tokens, info.doc, info.rules):
        return None
    first = tokens[0]
    before = info.doc[first.i - 1] if first.i > 0 else None
    context = Context(
        rules=info.rules,
        published=anchor,
        tense=_tense(first, info.rules),
        quarter_context=info.quarterly[info.sentence_of[first.i]],
        after_comparison=before is not None and before.lower_ in info.rules.comparison_words,
        rate_context=_reads_as_rate(first, info.doc),
    )
    try:
        return NORMALISERS[cand.pattern.rule](cand.groups, context)
    except (ValueError, OverflowError):  # a date out of the calendar's range
        return None


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


# ------------------------------------------------------------------ checks against the parse


def _plausible(cand: Candidate, tokens: list[Token], doc: Doc, rules: Rules) -> bool:
    name = cand.pattern.name
    first = tokens[0]
    if name == "year" and len(tokens) == 1:
        return _year_not_a_count(first, doc)
    if name == "month" and len(tokens) == 1:
        return _month_not_a_name(first, doc)
    if name in {"duration", "duration_adjective", "counted_offset", "every_unit"}:
        return _unit_is_a_noun(tokens, rules) and _not_a_fraction_or_age(tokens, doc)
    if name in {"vague_reference", "set_adverb"}:
        return _vague_word_fits(tokens, rules)
    return True


_MONTH_SUBJECT_VERBS = frozenset({"be", "see", "mark", "bring", "become", "begin", "end"})


def _month_not_a_name(token: Token, doc: Doc) -> bool:
    """ "in March" is a month; "May Day", "the March for Our Lives rally", "Theresa May" and
    "may" are not."""
    if token.tag_ != "NNP" and token.pos_ != "PROPN":
        return False
    if token.ent_type_ == "PERSON":
        return False
    preceding = doc[token.i - 1] if token.i > 0 else None
    if preceding is not None and preceding.pos_ == "PROPN" and preceding.is_title:
        return False  # a given name or a title before it: "Theresa May", "Minister May"
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ not in _MONTH_SUBJECT_VERBS:
        return False  # "May said": a person; "May was the wettest month" is a month
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is not None and following.is_title and not following.like_num:
        return False
    return not (token.dep_ == "compound" and token.head.pos_ == "PROPN")


def _year_not_a_count(token: Token, doc: Doc) -> bool:
    """ "in 2013" is a year; "2,000 troops", "1990 votes" and "$1990" are not."""
    if token.i > 0 and doc[token.i - 1].text in _BEFORE_NON_YEARS:
        return False
    head = token.head
    if token.dep_ == "nummod" and head.tag_ == "NNS":
        return False
    if token.dep_ == "nummod" and head.pos_ == "PROPN" and head.i < token.i:
        return False  # a name with a number: "Orion 1980", "Agenda 2030"
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return not (following is not None and following.lower_ in _AFTER_NON_YEARS)


# unit words that are also adjectives: "a second round", "minute details"
_ADJECTIVE_UNITS = frozenset({"second", "seconds", "minute", "minutes"})
# what may stand before a number that is no year: "$1990", "No. 2013"
_BEFORE_NON_YEARS = frozenset({"$", "#", "No.", "no.", "€", "£"})
_AFTER_NON_YEARS = frozenset({"percent", "per", "%"})


def _unit_is_a_noun(tokens: list[Token], rules: Rules) -> bool:
    """The unit word is used as a noun, not as in "a second round" or "to date"."""
    for token in tokens:
        if token.lower_ not in rules.units:
            continue
        if token.pos_ == "VERB" or (token.pos_ == "ADJ" and token.lower_ in _ADJECTIVE_UNITS):
            return False
        if token.is_title and not token.is_sent_start:  # a name: "60 Minutes"
            return False
    return True


def _not_a_fraction_or_age(tokens: list[Token], doc: Doc) -> bool:
    """ "three-quarters of the vote" is a fraction and "52 years old" an age, not a time."""
    last = tokens[-1]
    following = doc[last.i + 1].lower_ if last.i + 1 < len(doc) else ""
    if following == "old":
        return False
    return not (following == "of" and QUARTER_WORD in last.lower_)


def _vague_word_fits(tokens: list[Token], rules: Rules) -> bool:
    """ "current", "future" only as time words: "the current crisis", not "the current" (of
    a river) or "present" the verb; set adverbs only as adverbs ("paid daily", not "a daily
    newspaper")."""
    if len(tokens) != 1:
        return True
    token = tokens[0]
    if token.lower_ in rules.set_adverbs:
        return token.dep_ != "amod" and token.pos_ != "ADJ"
    if token.lower_ in rules.immediacy_words:
        return not _in_demand(token, rules)
    if token.lower_ not in rules.vague_needs_check:
        return True
    following = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
    if token.pos_ in {"VERB", "NOUN"} or rules.fixed_after_vague & {token.head.lower_, following}:
        return False
    return token.dep_ == "amod" or token.pos_ == "ADV"


def _in_demand(token: Token, rules: Rules) -> bool:
    """ "you must leave the country now", "leave now": after the verb of a demand."""
    verb = token.head
    if verb.i > token.i or verb.pos_ not in {"VERB", "AUX"}:
        return False
    if any(c.lower_ in rules.demand_modals for c in verb.children if c.dep_ == "aux"):
        return True
    imperative = verb.tag_ == "VB" and verb.dep_ == "ROOT"
    return imperative and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _reads_as_rate(first: Token, doc: Doc) -> bool:
    """ "$5 a year", "50,000 CDs a year": "a <unit>" after an amount is a frequency."""
    if first.lower_ not in {"a", "an"} or first.i == 0:
        return False
    before = doc[first.i - 1]
    return before.pos_ in _RATE_TAGS or before.text == "%" or before.like_num


# ------------------------------------------------------------------ tense of the clause

_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NON_FINITE_TAGS = frozenset({"VB", "VBG", "VBN"})
PAST = -1
DEFINITE_PAST = -2  # "since March": certainly before publication


def _tense(token: Token, rules: Rules) -> int:
    """+1 when the clause of the token refers forward ("will meet", "is to resume", "plans to
    leave", "until Tuesday"), -1 when it is in the past tense, -2 after "since", else 0."""
    preposition = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    if preposition in rules.past_prepositions:
        return DEFINITE_PAST
    if preposition in rules.future_prepositions:
        return 1
    verbs = _verb_chain(token)
    if not verbs:
        return 0
    auxiliaries = [c for v in verbs for c in v.children if c.dep_ in {"aux", "auxpass"}]
    perfect = any(a.lemma_.lower() == "have" for a in auxiliaries)  # "had been due to"
    if not perfect and any(a.lower_ in rules.future_auxiliaries for a in auxiliaries):
        return 1
    if any(w.lemma_.lower() in rules.future_lemmas for w in _path_to(token, verbs[0])):
        return 1  # "payable Dec. 7", "effective Feb. 1"
    if not perfect and any(v.lemma_.lower() in rules.future_lemmas for v in verbs):
        return 1  # "planned a rally on Saturday", "is scheduled for March"
    finite = [v for v in verbs if v.tag_ in _FINITE_TAGS] + [
        a for a in auxiliaries if a.tag_ in _FINITE_TAGS
    ]
    if any(v.tag_ == "VBD" for v in finite[:1]) or (
        not finite and any(v.tag_ == "VBD" for v in verbs)
    ):
        return PAST
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for v in verbs for c in v.children)
    if infinitive and finite:  # "is to resume trading Tuesday"
        return 1
    return 0


def _verb_chain(token: Token) -> list[Token]:
    """The verb governing the token, then the verbs above it while they are not finite
    ("withdrawing" -> "begin" in "will begin withdrawing troops on Friday")."""
    node = token
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"} or node.head is node:
            break
        node = node.head
    if node.pos_ not in {"VERB", "AUX"}:
        return []
    verbs = [node]
    while node.tag_ in _NON_FINITE_TAGS and node.dep_ == "xcomp" and len(verbs) < 4:
        if any(c.dep_ in {"aux", "auxpass"} and c.tag_ in _FINITE_TAGS for c in node.children):
            break
        node = node.head
        if node.pos_ not in {"VERB", "AUX", "ADJ"}:
            break
        verbs.append(node)
    return verbs


def _path_to(token: Token, verb: Token) -> list[Token]:
    """The words from the token up to (not including) its governing verb."""
    words: list[Token] = []
    node = token
    while node != verb and node.head is not node and len(words) < 8:
        words.append(node)
        node = node.head
    return words
