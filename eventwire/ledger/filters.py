"""Which drafts become ledger items: those with two parties that differ, something asked or
offered, and content of their own: not a bare "the pledge" that merged with no earlier item,
nor a content that only names the act ("demands", "a series of counter-demands").
"""

from __future__ import annotations

from eventwire.ledger.items import Draft
from eventwire.ledger.lexicon import LedgerLexicon
from eventwire.ledger.meanings import stem, stems_of


def names_only_the_act(draft: Draft, lexicon: LedgerLexicon) -> bool:
    """Whether the content has no word beyond words that name acts or collections of them."""
    naming = {stem(w) for w in lexicon.noun_words | lexicon.collective | {"counter"}}
    return not stems_of(draft.what.replace("-", " ")) - naming


def is_item(draft: Draft, lexicon: LedgerLexicon) -> bool:
    """Whether a merged draft is worth a ledger item."""
    if draft.source is None or not draft.has_object or draft.refers_back:
        return False
    if names_only_the_act(draft, lexicon):
        return False
    source, target = draft.source.code, draft.target.code if draft.target else None
    return not (source and target and source == target)
