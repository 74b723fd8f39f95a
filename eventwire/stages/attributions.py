"""The attributions stage: who said what, according to whom, and how certain it is."""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.attribution import extract
from eventwire.model import Attribution
from eventwire.registry import stage


@stage("attributions")
def find_attributions(analysis: Analysis) -> list[Attribution]:
    """Every attribution of the document, in text order (see :mod:`eventwire.attribution`)."""
    return extract(analysis)
