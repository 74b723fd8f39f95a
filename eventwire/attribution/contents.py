"""What is said: content spans built from the parse and widened to whole quotations."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import Generic, TypeVar

from spacy.tokens import Doc, Token

from eventwire.attribution.quotes import (
    Quote,
    first_from,
    last_before,
    overlapping,
    paragraph_breaks,
)

CharSpan = tuple[int, int]
T = TypeVar("T")
EDGE_PUNCT = frozenset(",;:—–-()")


def token_runs(doc: Doc, indices: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive runs of token indices as [first, last] pairs."""
    runs: list[list[int]] = []
    for i in sorted(set(indices)):
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return [(a, b) for a, b in runs]


def _trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    while first <= last and _edge(doc[first]):
        first += 1
    while last >= first and _edge(doc[last]):
        last -= 1
    return (first, last) if first <= last else None


def _edge(token: Token) -> bool:
    return token.is_space or token.text in EDGE_PUNCT or token.text == "."


def char_spans(doc: Doc, indices: Iterable[int]) -> list[CharSpan]:
    """Character spans of the token runs, with edge punctuation left out."""
    spans = []
    for first, last in token_runs(doc, indices):
        trimmed = _trim(doc, first, last)
        if trimmed:
            a, b = trimmed
            spans.append((doc[a].idx, doc[b].idx + len(doc[b])))
    return spans


def paragraph_of(text: str, offset: int) -> CharSpan:
    """The paragraph around a character offset."""
    breaks = paragraph_breaks(text)
    i = bisect_left(breaks, offset)
    start = breaks[i - 1] + 1 if i else 0
    return start, breaks[i] if i < len(breaks) else len(text)


def within_paragraph(spans: list[CharSpan], text: str, offset: int) -> list[CharSpan]:
    """The parts of the spans that lie in the paragraph of ``offset``."""
    p_start, p_end = paragraph_of(text, offset)
    clipped = [(max(a, p_start), min(b, p_end)) for a, b in spans]
    return [tidy(a, b, text) for a, b in clipped if a < b and re.search(r"\w", text[a:b])]


def widen_to_quotes(
    spans: list[CharSpan], quotes: list[Quote], keep_out: CharSpan
) -> list[CharSpan]:
    """Widen each span to the quotations it touches, unless the quote holds the cue."""
    out = []
    for a, b in spans:
        for quote in list(overlapping(quotes, a, b)):
            if not quote.contains(*keep_out):
                a, b = min(a, quote.start), max(b, quote.end)
        out.append((a, b))
    return merge(out)


def merge(spans: list[CharSpan], text: str | None = None) -> list[CharSpan]:
    """Sorted spans, with overlapping ones (or ones only white space apart) joined."""
    out: list[CharSpan] = []
    for a, b in sorted(spans):
        joinable = out and (
            a <= out[-1][1] or (text is not None and not text[out[-1][1] : a].strip())
        )
        if joinable:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def subtract(spans: list[CharSpan], holes: list[CharSpan], text: str) -> list[CharSpan]:
    """The spans with the holes cut out; remnants without a word are dropped."""
    out = spans
    for h_start, h_end in holes:
        cut: list[CharSpan] = []
        for a, b in out:
            if h_end <= a or b <= h_start:
                cut.append((a, b))
                continue
            if a < h_start:
                cut.append((a, h_start))
            if h_end < b:
                cut.append((h_end, b))
        out = cut
    return [tidy(a, b, text) for a, b in out if re.search(r"\w", text[a:b])]


DANGLING = re.compile(
    r"\s+(?:and|or|but|after|before|while|when|because|with|of|to|for)$", re.IGNORECASE
)


def tidy(a: int, b: int, text: str) -> CharSpan:
    """Strip white space, dangling separators and a dangling link word ("... a call after")
    from the ends of a span."""
    while a < b and (text[a].isspace() or text[a] in EDGE_PUNCT):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in EDGE_PUNCT):
        b -= 1
    dangling = DANGLING.search(text, a, b)
    if dangling and dangling.start() > a:
        b = dangling.start()
    return a, b


INTRO_GAP = re.compile(r"[^.!?\n\"“”«»]{0,60}?[,:]?[ \t]*|[^.!?\n\"“”«»]{0,60}?:\s*")


def quote_after(text: str, end: int, quotes: list[Quote], limit: int = 60) -> Quote | None:
    """A quotation that opens right after ``end`` ("said: “...”", "told reporters, “...”"),
    or in the next paragraph after a colon."""
    quote = first_from(quotes, end)
    if quote is None:
        return None
    fits = quote.start - end <= limit and INTRO_GAP.fullmatch(text, end, quote.start)
    return quote if fits else None


CONTINUATION_GAP = re.compile(r"[\s,.;:]*")


def quote_continuing(text: str, end: int, quotes: list[Quote]) -> Quote | None:
    """A quotation that carries on after a post-posed cue ("“...,” she said. “...”")."""
    quote = first_from(quotes, end)
    if quote is None:
        return None
    return quote if CONTINUATION_GAP.fullmatch(text, end, quote.start) else None


def quote_before(text: str, start: int, quotes: list[Quote]) -> Quote | None:
    """A quotation that closes right before ``start`` ("“...,” she said")."""
    quote = last_before(quotes, start)
    if quote is None:
        return None
    near = start - quote.end <= 3 and not text[quote.end : start].strip(" ,\t")
    return quote if near else None


class SpanIndex(Generic[T]):
    """Character spans with a value each, sorted once, so that the spans overlapping a range
    are found by bisection rather than by a scan of them all."""

    def __init__(self, rows: Iterable[tuple[int, int, T]]) -> None:
        self._rows = sorted(rows, key=lambda row: (row[0], row[1]))
        self._starts = [row[0] for row in self._rows]
        self._reach = list(accumulate((row[1] for row in self._rows), max))

    def overlapping(self, start: int, end: int) -> Iterator[T]:
        """The values of the spans that overlap [start, end), latest start first."""
        i = bisect_left(self._starts, end) - 1
        while i >= 0 and self._reach[i] > start:
            if self._rows[i][1] > start:
                yield self._rows[i][2]
            i -= 1

    def at(self, offset: int) -> Iterator[T]:
        """The values of the spans that contain the offset."""
        return self.overlapping(offset, offset + 1)
