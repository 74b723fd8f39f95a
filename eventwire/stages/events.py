"""The events stage: who did what to whom, coded to CAMEO and PLOVER (see `eventwire.events`)."""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.events import code_events
from eventwire.model import Event
from eventwire.registry import stage


@stage("events")
def find_events(analysis: Analysis) -> list[Event]:
    """The document's events in text order."""
    return code_events(analysis)
