"""Attribution chains: the sources a piece of content passed through, nearest first.

"Sources close to the situation revealed to the Miami Herald that ..." gives
["Sources close to the situation", "the Miami Herald"]; content attributed inside the content
of another attribution adds that attribution's chain after its own.
"""

from __future__ import annotations

from eventwire.model import Attribution


def contains(attribution: Attribution, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in attribution.content.spans)


def content_size(attribution: Attribution) -> int:
    return sum(b - a for a, b in attribution.content.spans)


def innermost(attributions: list[Attribution], start: int, end: int) -> Attribution | None:
    """The smallest attribution whose content contains the range."""
    holding = [a for a in attributions if contains(a, start, end)]
    return min(holding, key=content_size) if holding else None


def link_chains(attributions: list[Attribution]) -> None:
    """Extend each chain with the chain of the attribution that reports it."""
    for attribution in sorted(attributions, key=content_size, reverse=True):
        anchor = attribution.cue.span if attribution.cue else None
        if anchor is None and attribution.source and attribution.source.span:
            anchor = attribution.source.span
        if anchor is None:
            continue
        outer = innermost([a for a in attributions if a is not attribution], *anchor)
        if outer is None:
            continue
        for name in outer.chain:
            if name not in attribution.chain:
                attribution.chain.append(name)
