"""One item per act: merging the drafts that are mentions of the same demand, offer or request.

Two drafts are the same item when they were built from the same words (a coded event and a
listed member), or when they have the same parties and kind family and either their ``what``
has the same meaning (``ledger.meanings``) or, without a known meaning, shares content words,
the later one refers back ("the offer"), or one of them is an ultimatum (an actor rarely puts
two ultimatums to the same party on the same day).
"""

from __future__ import annotations

from eventwire.ledger.items import Draft
from eventwire.ledger.meanings import same_meaning
from eventwire.model import Span


def overlaps(first: Span | None, second: Span | None) -> bool:
    if first is None or second is None:
        return False
    return first[0] < second[1] and second[0] < first[1]


def kinds_agree(first: Draft, second: Draft) -> bool:
    """Same family, or one kind came only from a CAMEO code and may be corrected by a word."""
    if first.family == second.family:
        return True
    return not (first.kind_from_word and second.kind_from_word)


def parties_agree(first: Draft, second: Draft) -> bool:
    if first.source is None or not first.source.same(second.source):
        return False
    return first.target is None or second.target is None or first.target.same(second.target)


def shares_content(first: Draft, second: Draft) -> bool:
    """Whether two ``what`` phrases share enough content words to name the same thing."""
    smaller = min(len(first.lemmas), len(second.lemmas))
    return smaller > 0 and len(first.lemmas & second.lemmas) >= min(2, smaller)


def dates_agree(first: Draft, second: Draft) -> bool:
    """Whether two dates allow one act; a publication-date fallback says nothing."""
    if not (first.dated_by_text and second.dated_by_text):
        return True
    return first.date is None or second.date is None or first.date == second.date


def same_act(first: Draft, second: Draft) -> bool:
    """Whether the later draft is another mention of the earlier one's act."""
    if first.anchors & second.anchors:
        return True
    if overlaps(first.what_span, second.what_span) and kinds_agree(first, second):
        return True
    if not parties_agree(first, second) or first.family != second.family:
        return False
    if second.refers_back:
        return True
    verdict = same_meaning(first.what, second.what)
    if verdict or (verdict is None and shares_content(first, second)):
        return True
    return "ultimatum" in {first.kind, second.kind} and dates_agree(first, second)


def absorb(kept: Draft, other: Draft) -> None:
    """Fold a second mention into the item: fill gaps, keep the most telling kind."""
    if other.kind_from_word and not kept.kind_from_word:
        kept.kind, kept.kind_from_word = other.kind, True
    if "ultimatum" in {kept.kind, other.kind} and kept.family == "demand":
        kept.kind = "ultimatum"
    kept.target = kept.target or other.target
    kept.source = kept.source or other.source
    if kept.condition is None:
        kept.condition, kept.condition_span = other.condition, other.condition_span
    if other.date and (kept.date is None or (other.dated_by_text and not kept.dated_by_text)):
        kept.date, kept.dated_by_text = other.date, other.dated_by_text
    kept.anchors |= other.anchors
    kept.lemmas |= other.lemmas
    kept.counter = kept.counter or other.counter
    kept.container = kept.container and other.container
    kept.refers_back = kept.refers_back and other.refers_back
    kept.has_object = kept.has_object or other.has_object
    for sentence in other.evidence:
        kept.note(sentence)


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """The drafts with repeated mentions of one act folded into its first mention."""
    kept: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: d.at):
        same = next((k for k in kept if same_act(k, draft)), None)
        if same is None:
            kept.append(draft)
        else:
            absorb(same, draft)
    return kept
