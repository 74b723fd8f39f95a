"""Opening items: from the coded events, and from the words of the parse the coder left uncoded.

An event opens an item when its CAMEO code or its trigger word names a demand, ultimatum,
request, offer, proposal, threat or promise (``data/ledger/openings.yaml``). The word wins over
the code: "pledged" coded 030 is a promise, "requested" coded 040 a request. Outside the
events, a verb such as "offered" with a resolved subject, or a noun such as "ultimatum" that a
verb presents ("issued an ultimatum"), opens an item too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from eventwire.analysis import Analysis
from eventwire.ledger.items import Draft, Party, name_words, party_of
from eventwire.ledger.lexicon import LedgerLexicon
from eventwire.ledger.phrases import (
    NOUN_PARTS,
    TextSpan,
    after_colon,
    apposed,
    condition_of,
    content_lemmas,
    coordinated_parts,
    included,
    is_beneficiary,
    is_conditional,
    is_idle,
    noun_what,
    object_noun,
    phrase_after,
    subject_of,
    text_between,
    tokens_at,
    verb_what,
)
from eventwire.model import ActorRef, Event
from eventwire.nlp import sentence_of

NOUN_POS = frozenset({"NOUN", "PROPN"})


def party_at(analysis: Analysis, token: Token | None) -> Party | None:
    """The actor a token belongs to, from the actors stage, or None.

    In a compound mention ("Trump and Maduro") the token picks the member it names.
    """
    mention = analysis.actors.at(token) if token is not None else None
    if mention is None or token is None:
        return None
    word = token.text.lower()
    member = next((m for m in mention.members if word in name_words(m.name)), None)
    entity = member or mention.entity
    if member is None and mention.members:
        return None
    words = token.text if member else analysis.text[mention.start : mention.end]
    return Party(entity.code, name_words(entity.name, words))


def kind_at(trigger: Token, lexicon: LedgerLexicon) -> tuple[str | None, Token | None]:
    """The kind a trigger word names, and the noun that names it, if the word says so."""
    lemma = trigger.lemma_.lower()
    if trigger.pos_ in NOUN_POS and lemma in lexicon.noun_words:
        return lexicon.words[lemma], trigger
    if lemma in lexicon.nominal_verbs:
        noun = object_noun(trigger, lexicon.noun_words)
        if noun is not None:
            return lexicon.words[noun.lemma_.lower()], noun
    if trigger.pos_ == "VERB" and lemma in lexicon.verb_words:
        return lexicon.words[lemma], None
    return None, None


def what_of(trigger: Token, noun: Token | None, lexicon: LedgerLexicon) -> TextSpan | None:
    """The object of the act: the complement of its noun, else of its verb."""
    if noun is not None:
        found = included(noun) or phrase_after(noun, NOUN_PARTS, with_head=False)
        found = found or after_colon(noun) or apposed(noun)
        if found is not None:
            return found
        return verb_what(trigger, lexicon) if trigger != noun else noun_what(noun)
    return verb_what(trigger, lexicon)


def has_cue(text: str, cues: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(cue)}\b", lowered) for cue in cues)


def has_deadline(
    analysis: Analysis, what: str, span: tuple[int, int], lexicon: LedgerLexicon
) -> bool:
    """Whether a demand sets a deadline: a cue word ("now", "within"), or a date it must be
    met by ("by the end of the month")."""
    if has_cue(what, lexicon.deadline_cues):
        return True
    for timex in analysis.timexes:
        if span[0] <= timex.span[0] < span[1]:
            before = analysis.text[span[0] : timex.span[0]].split()
            if before and before[-1].lower() in lexicon.deadline_prepositions:
                return True
    return False


def is_container(noun: Token | None, what: str, lexicon: LedgerLexicon) -> bool:
    """Whether the act names several acts at once ("a series of counter-demands")."""
    if noun is None:
        return False
    return noun.tag_ in {"NNS", "NNPS"} or bool(set(what.lower().split()) & lexicon.collective)


def without_addressee(analysis: Analysis, trigger: Token, found: TextSpan) -> TextSpan:
    """The ``what`` without an actor named right after the trigger ("offered Maduro exile"),
    which the parser sometimes folds into the object."""
    tokens = tokens_at(analysis.doc, found[1])
    if tokens is None or tokens.start != trigger.i + 1:
        return found
    mention = analysis.actors.at(tokens[0])
    if mention is None or mention.end >= found[1][1]:
        return found
    if analysis.doc[mention.head].dep_ in {"nsubj", "nsubjpass"}:
        return found  # the subject of a reported clause belongs to it
    rest = tokens_at(analysis.doc, (mention.end, found[1][1]))
    if rest is None:
        return found
    return text_between(analysis.doc, rest.start, rest.end - 1) or found


def names_only_actors(analysis: Analysis, span: tuple[int, int]) -> bool:
    """Whether a ``what`` is nothing but a pronoun or actor names ("me", "Obama")."""
    tokens = tokens_at(analysis.doc, span)
    if tokens is None:
        return True
    return all(t.pos_ == "PRON" or analysis.actors.at(t) is not None for t in tokens)


def refers_back(noun: Token | None, lexicon: LedgerLexicon) -> bool:
    """Whether a naming noun points back to an earlier act ("the offer", "this request")."""
    if noun is None or phrase_after(noun, NOUN_PARTS, with_head=False) is not None:
        return False
    if apposed(noun) is not None or after_colon(noun) is not None:
        return False
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in lexicon.refer_back)
        for c in noun.children
    )


def make_draft(
    analysis: Analysis,
    kind: str,
    trigger: Token,
    noun: Token | None,
    parties: tuple[Party | None, Party | None],
    date: str | None,
    lexicon: LedgerLexicon,
) -> Draft:
    """A draft item for an act at a trigger, its phrases read off the parse."""
    found = what_of(trigger, noun, lexicon)
    found = without_addressee(analysis, trigger, found) if found else None
    what, what_span = found if found else (trigger.text, (trigger.idx, trigger.idx + len(trigger)))
    condition = condition_of(trigger, lexicon)
    if condition is not None and what_span[0] < condition[1][0] < what_span[1]:
        what, what_span = before_condition(analysis, what_span, condition[1][0], lexicon) or (
            what,
            what_span,
        )
    if kind == "demand" and has_deadline(analysis, what, what_span, lexicon):
        kind = "ultimatum"
    ends = [trigger.idx + len(trigger), what_span[1]] + ([condition[1][1]] if condition else [])
    start = min(trigger.idx, what_span[0])
    return Draft(
        kind=kind,
        source=parties[0],
        target=parties[1],
        what=what,
        at=trigger.idx,
        span=(start, max(ends)),
        sentence=sentence_of(trigger).text.strip(),
        anchors=frozenset({trigger.i} | ({noun.i} if noun is not None else set())),
        what_span=what_span,
        lemmas=content_lemmas(analysis.doc, what_span)
        | content_lemmas(analysis.doc, condition[1] if condition else None),
        condition=condition[0] if condition else None,
        condition_span=condition[1] if condition else None,
        date=date,
        kind_from_word=noun is not None or trigger.lemma_.lower() in lexicon.words,
        counter=has_cue(f"{trigger.text} {what}", lexicon.counter_words),
        container=is_container(noun, what, lexicon),
        refers_back=refers_back(noun, lexicon),
        has_object=found is not None and not names_only_actors(analysis, what_span),
    )


def before_condition(
    analysis: Analysis, what_span: tuple[int, int], condition_start: int, lexicon: LedgerLexicon
) -> TextSpan | None:
    """The ``what`` cut before the marker of its condition ("safe passage for Maduro, on
    condition that he resign" -> "safe passage for Maduro")."""
    tokens = tokens_at(analysis.doc, (what_span[0], condition_start))
    if tokens is None:
        return None
    marker_words = {w for marker in lexicon.condition_markers for w in marker}
    last = tokens.end - 1
    while last > tokens.start and analysis.doc[last].lower_ in marker_words:
        last -= 1
    return text_between(analysis.doc, tokens.start, last)


def answers_named_item(trigger: Token, lexicon: LedgerLexicon) -> bool:
    """Whether the trigger answers an item it names ("accepted the offer"): no new item."""
    if trigger.lemma_.lower() not in lexicon.answer_lemmas:
        return False
    return object_noun(trigger, lexicon.noun_words) is not None


def draft_from_event(event: Event, analysis: Analysis, lexicon: LedgerLexicon) -> Draft | None:
    """The item an event opens, or None when it opens none."""
    if event.negated or lexicon.answer_status(event.cameo):
        return None
    tokens = tokens_at(analysis.doc, event.trigger)
    if tokens is None:
        return None
    trigger = tokens.root
    if is_conditional(trigger, lexicon) or answers_named_item(trigger, lexicon):
        return None
    if is_idle(trigger, lexicon):
        return None
    kind, noun = kind_at(trigger, lexicon)
    if kind is None:
        kind = lexicon.opening_kind(event.cameo)
        if kind is None or event.cameo in lexicon.cue_codes:
            return None
    subject, _ = subject_of(trigger)
    source = party_of(event.source) or party_at(analysis, subject)
    parties = (source, party_of(event.target))
    draft = make_draft(analysis, kind, trigger, noun, parties, event.date, lexicon)
    draft.dated_by_text = event.date_source != "published"
    if named_in_content(analysis, event.target, draft):
        draft.target = None  # what the act is about, not whom it is put to
    return draft


def named_in_content(analysis: Analysis, ref: ActorRef | None, draft: Draft) -> bool:
    """Whether an event's target is named inside what the item asks or offers ("keep control
    over the armed forces"), other than as whom it is for."""
    if ref is None or ref.span is None or draft.what_span is None:
        return False
    start, end = draft.what_span
    if not start <= ref.span[0] < end:
        return False
    tokens = tokens_at(analysis.doc, ref.span)
    return tokens is not None and not is_beneficiary(tokens.root)


def split_coordinated(drafts: list[Draft], analysis: Analysis) -> list[Draft]:
    """Each act of a content that coordinates several ("asked for an amnesty and for control
    over the army") as a draft of its own; the first keeps the trigger."""
    found: list[Draft] = []
    for draft in drafts:
        parts = coordinated_parts(analysis.doc, draft.what_span) if draft.what_span else []
        if len(parts) < 2:
            found.append(draft)
            continue
        for n, (what, span) in enumerate(parts):
            tokens = tokens_at(analysis.doc, span)
            anchors = draft.anchors if n == 0 or tokens is None else frozenset({tokens.start})
            found.append(
                replace(
                    draft,
                    what=what,
                    what_span=span,
                    at=draft.at if n == 0 else span[0],
                    anchors=anchors,
                    lemmas=content_lemmas(analysis.doc, span),
                    evidence=list(draft.evidence),
                )
            )
    return found
