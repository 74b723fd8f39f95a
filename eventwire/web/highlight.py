"""Highlighting from character spans: a text cut into pieces, each with the marks over it.

The pieces are plain text; templates escape them (autoescape) and scripts set them with
``textContent``, so a span can never turn article text into markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Any

Mark = tuple[int, int, str]  # start, end, kind


def segments(text: str, marks: Iterable[Mark], start: int = 0, end: int | None = None) -> list:
    """The window ``text[start:end]`` cut at every mark boundary, each piece with its marks."""
    end = len(text) if end is None else min(end, len(text))
    inside = [(max(a, start), min(b, end), kind) for a, b, kind in marks if a < end and b > start]
    cuts = sorted({start, end, *(a for a, _, _ in inside), *(b for _, b, _ in inside)})
    pieces = []
    for a, b in pairwise(cuts):
        kinds = sorted({kind for x, y, kind in inside if x <= a and y >= b})
        pieces.append({"text": text[a:b], "marks": kinds})
    return [p for p in pieces if p["text"]]


def span_of(value: Any) -> tuple[int, int] | None:
    """A ``[start, end]`` pair from the stored JSON, or None."""
    pair = isinstance(value, list | tuple) and len(value) == 2
    if pair and all(isinstance(v, int) for v in value):
        return value[0], value[1]
    return None


def event_marks(event: dict[str, Any]) -> list[Mark]:
    """Trigger and actor mentions of one stored event."""
    marks = []
    if trigger := span_of(event.get("trigger")):
        marks.append((*trigger, "trigger"))
    for side in ("source", "target"):
        if span := span_of((event.get(side) or {}).get("span")):
            marks.append((*span, side))
    return marks


def attribution_marks(attribution: dict[str, Any]) -> list[Mark]:
    """Speaker, cue and content spans of one stored attribution."""
    marks = []
    if span := span_of((attribution.get("source") or {}).get("span")):
        marks.append((*span, "speaker"))
    if span := span_of((attribution.get("cue") or {}).get("span")):
        marks.append((*span, "cue"))
    for content in (attribution.get("content") or {}).get("spans") or []:
        if span := span_of(content):
            marks.append((*span, "content"))
    return marks


def evidence(text: str, result: dict[str, Any], ordinal: int) -> list:
    """An event's evidence sentence with its trigger, actors and the attributions over it."""
    events = result.get("events") or []
    if not 0 <= ordinal < len(events):
        return []
    event = events[ordinal]
    span = span_of(event.get("span")) or (0, len(text))
    marks = event_marks(event)
    for attribution in result.get("attributions") or []:
        marks += [m for m in attribution_marks(attribution) if m[0] < span[1] and m[1] > span[0]]
    return segments(text, marks, *span)


def document_marks(result: dict[str, Any]) -> list[Mark]:
    """Every layer of a document for the reader: events, attributions, times and places."""
    marks = []
    for event in result.get("events") or []:
        marks += event_marks(event)
    for attribution in result.get("attributions") or []:
        marks += attribution_marks(attribution)
    for timex in result.get("timexes") or []:
        if span := span_of(timex.get("span")):
            marks.append((*span, "time"))
    for place in result.get("places") or []:
        if span := span_of(place.get("span")):
            marks.append((*span, "place"))
    return marks
