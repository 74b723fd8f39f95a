"""The ledger stage (first version: to be filled in)."""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.registry import stage


@stage("ledger")
def find_ledger(analysis: Analysis) -> list:
    return []
