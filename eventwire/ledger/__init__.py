"""The negotiation ledger of one document: who demanded, offered, requested, proposed,
threatened or promised what of whom, on what condition, and what became of it.

Items open from the coded events and from the words the coder left uncoded, lists of acts
are split into their members, repeated mentions are merged, missing parties are filled in
from the other acts, and statuses follow from the later answers in the text.
"""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.ledger.answers import (
    answers_from_events,
    answers_from_parse,
    apply_answers,
    counter_answers,
    silence_answers,
    within_items,
)
from eventwire.ledger.filters import is_item
from eventwire.ledger.items import Draft
from eventwire.ledger.lexicon import LedgerLexicon, ledger_lexicon
from eventwire.ledger.lists import expand_lists
from eventwire.ledger.merge import merge_drafts
from eventwire.ledger.openings import draft_from_event, split_coordinated
from eventwire.ledger.parties import fill_parties, inherit_parties, orient_counters
from eventwire.ledger.phrases import tokens_at
from eventwire.ledger.uncoded import drafts_from_parse
from eventwire.model import LedgerItem

__all__ = ["build_ledger"]


def opened_drafts(analysis: Analysis, lexicon: LedgerLexicon) -> list[Draft]:
    """Every opening in the document: coded events first, then uncoded words."""
    drafts = [d for e in analysis.events if (d := draft_from_event(e, analysis, lexicon))]
    taken = frozenset(i for d in drafts for i in d.anchors)
    drafts += drafts_from_parse(analysis, lexicon, taken)
    return sorted(drafts, key=lambda d: d.at)


def answer_tokens(analysis: Analysis, lexicon: LedgerLexicon) -> set[int]:
    """The triggers of coded answers, which the parse must not answer a second time."""
    coded = [e for e in analysis.events if lexicon.answer_status(e.cameo)]
    spans = (tokens_at(analysis.doc, e.trigger) for e in coded)
    return {s.root.i for s in spans if s is not None}


def build_ledger(analysis: Analysis) -> list[LedgerItem]:
    """The ledger items of a document, in the order they were opened."""
    lexicon = ledger_lexicon()
    drafts = split_coordinated(opened_drafts(analysis, lexicon), analysis)
    fill_parties(drafts, analysis)
    orient_counters(drafts)
    drafts = expand_lists(drafts, analysis, lexicon)
    inherit_parties(drafts, analysis)
    drafts = merge_drafts(drafts)
    fill_parties(drafts, analysis)
    drafts = [d for d in drafts if is_item(d, lexicon)]
    if not drafts:
        return []  # nothing for an answer to answer
    answers = answers_from_events(analysis, lexicon)
    answers += answers_from_parse(analysis, lexicon, answer_tokens(analysis, lexicon))
    answers = [a for a in answers if not within_items(a, drafts)]
    answers += silence_answers(analysis, lexicon) + counter_answers(drafts)
    apply_answers(drafts, answers, lexicon)
    return [d.to_item() for d in drafts]
