"""The attributions stage (first version: to be filled in)."""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.registry import stage


@stage("attributions")
def find_attributions(analysis: Analysis) -> list:
    return []
