"""The timexes stage: time expressions with TIMEX3 values (see ``eventwire.timex``)."""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.model import Timex
from eventwire.registry import stage
from eventwire.timex import find_timexes


@stage("timexes")
def timexes(analysis: Analysis) -> list[Timex]:
    """Every time expression of the document, sorted by position."""
    return find_timexes(analysis.doc, analysis.published, analysis.text)
