"""Which drafts become ledger items: those with two parties that differ, something asked or
offered, and content of their own (a bare "the pledge" that merged with no earlier item says
too little to stand alone).
"""

from __future__ import annotations

from eventwire.ledger.items import Draft


def is_item(draft: Draft) -> bool:
    """Whether a merged draft is worth a ledger item."""
    if draft.source is None or not draft.has_object or draft.refers_back:
        return False
    source, target = draft.source.code, draft.target.code if draft.target else None
    return not (source and target and source == target)
