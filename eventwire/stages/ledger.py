"""The ledger stage: demands, offers, requests, proposals, threats and promises of the
document, and what became of them (see ``eventwire.ledger``)."""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.ledger import build_ledger
from eventwire.model import LedgerItem
from eventwire.registry import stage


@stage("ledger")
def find_ledger(analysis: Analysis) -> list[LedgerItem]:
    return build_ledger(analysis)
