"""The places stage (first version: to be filled in)."""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.registry import stage


@stage("places")
def find_places(analysis: Analysis) -> list:
    return []
