"""The events stage (first version: to be filled in)."""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.registry import stage


@stage("events")
def find_events(analysis: Analysis) -> list:
    return []
