"""The actors stage (first version: to be filled in)."""

from __future__ import annotations

from eventwire.analysis import ActorIndex, Analysis
from eventwire.registry import stage


@stage("actors")
def find_actors(analysis: Analysis) -> ActorIndex:
    return ActorIndex()
