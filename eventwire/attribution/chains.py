"""Attribution chains: the sources a piece of content passed through, nearest first.

"Sources close to the situation revealed to the Miami Herald that ..." gives
["Sources close to the situation", "the Miami Herald"]; content attributed inside the content
of another attribution adds that attribution's chain after its own.
"""

from __future__ import annotations

from eventwire.attribution.contents import SpanIndex
from eventwire.model import Attribution


def contains(attribution: Attribution, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in attribution.content.spans)


def content_size(attribution: Attribution) -> int:
    return sum(b - a for a, b in attribution.content.spans)


class ContentIndex:
    """The attributions of a document by the spans of their content, for lookups by position
    that do not scan every attribution."""

    def __init__(self, attributions: list[Attribution]) -> None:
        self.attributions = attributions
        self.size = len(attributions)
        self._spans = SpanIndex(
            (a, b, n)
            for n, attribution in enumerate(attributions)
            for a, b in attribution.content.spans
        )

    def holding(self, start: int, end: int) -> list[Attribution]:
        """The attributions whose content contains the range, in document order."""
        found = {n for n in self._spans.at(start) if contains(self.attributions[n], start, end)}
        return [self.attributions[n] for n in sorted(found)]

    def innermost(
        self, start: int, end: int, skip: Attribution | None = None
    ) -> Attribution | None:
        """The smallest attribution (other than ``skip``) whose content contains the range."""
        holding = [a for a in self.holding(start, end) if a is not skip]
        return min(holding, key=content_size) if holding else None


_last: list[ContentIndex] = []  # the index of the list asked about last, reused while it lasts


def index_of(attributions: list[Attribution]) -> ContentIndex:
    """The content index of a list of attributions, kept while the same unchanged list is
    asked about again (the events of one document ask once per trigger)."""
    if _last and _last[0].attributions is attributions and _last[0].size == len(attributions):
        return _last[0]
    _last[:] = [ContentIndex(attributions)]
    return _last[0]


def innermost(attributions: list[Attribution], start: int, end: int) -> Attribution | None:
    """The smallest attribution whose content contains the range."""
    return index_of(attributions).innermost(start, end)


def link_chains(attributions: list[Attribution]) -> None:
    """Extend each chain with the chain of the attribution that reports it."""
    index = ContentIndex(attributions)
    for attribution in sorted(attributions, key=content_size, reverse=True):
        anchor = attribution.cue.span if attribution.cue else None
        if anchor is None and attribution.source and attribution.source.span:
            anchor = attribution.source.span
        if anchor is None:
            continue
        outer = index.innermost(*anchor, skip=attribution)
        if outer is None:
            continue
        for name in outer.chain:
            if name not in attribution.chain:
                attribution.chain.append(name)
