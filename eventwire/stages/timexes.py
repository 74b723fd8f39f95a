"""The timexes stage (first version: to be filled in)."""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.registry import stage


@stage("timexes")
def find_timexes(analysis: Analysis) -> list:
    return []
