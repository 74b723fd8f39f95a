"""Stages registered by name: built-in stages use the same registry as plug-ins."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eventwire.analysis import Analysis

StageFunction = Callable[[Analysis], Any]

# name -> (the Analysis field the stage fills, the function)
STAGES: dict[str, tuple[str, StageFunction]] = {}


def stage(name: str, fills: str | None = None) -> Callable[[StageFunction], StageFunction]:
    """Register a stage. Its return value is stored in ``Analysis.<fills>`` (default: name)."""

    def register(function: StageFunction) -> StageFunction:
        STAGES[name] = (fills or name, function)
        return function

    return register


def get_stage(name: str) -> tuple[str, StageFunction]:
    import eventwire.stages  # noqa: F401  (registers the built-in stages)

    if name not in STAGES:
        known = ", ".join(sorted(STAGES))
        raise KeyError(f"unknown stage {name!r}; known stages: {known}")
    return STAGES[name]
