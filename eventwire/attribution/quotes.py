"""Quoted passages of a text, robust to the ways news text gets quotation marks wrong.

Every style is recognised: curly and straight, double and single, guillemets, the doubled
apostrophe some wires use. A quote may run over several sentences, and over paragraphs when
the next paragraph opens with a quotation mark again (the news convention for long quotes).
A quote that is never closed ends at the end of its paragraph, so that one missing mark never
swallows the rest of an article. Marks nested inside a quote are part of that quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from eventwire.attribution.lexicon import Lexicon, lexicon

MAX_SINGLE_QUOTE = 400  # characters; longer runs between single marks are apostrophes


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the end of the paragraph)
    closed: bool = True

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


@lru_cache(maxsize=8)
def paragraph_breaks(text: str) -> list[int]:
    """Offsets of the newlines that end paragraphs. Every newline does, unless the text is
    hard-wrapped (most single line ends fall inside a sentence that runs on in small letters)
    and blank lines separate its paragraphs; then only the newlines of blank lines do."""
    newlines = [m.start() for m in re.finditer("\n", text)]
    blank = [i for i in newlines if text[i + 1 : i + 2] == "\n" or text[i - 1 : i] == "\n"]
    in_blank = set(blank)
    single = [i for i in newlines if i not in in_blank]
    open_ends = [i for i in single if _runs_on(text, i)]
    if blank and len(single) >= 3 and len(open_ends) > len(single) / 2:
        return blank
    return newlines


def _runs_on(text: str, i: int) -> bool:
    """A line end inside a sentence: no closing mark before it, a small letter after it."""
    after = text[i + 1 : i + 2]
    return _last_char_before(text, i) not in WRAP_SAFE_ENDS and after.islower()


def _last_char_before(text: str, i: int) -> str:
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return text[i - 1] if i > 0 else ""


WRAP_SAFE_ENDS = frozenset(".!?:\"”’')»")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i in paragraph_breaks(text):
        spans.append((start, i))
        start = i + 1
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


@lru_cache(maxsize=1)
def _marks() -> re.Pattern[str]:
    """Every quotation mark: the multi-character toggles first, as they are tried in order."""
    lex = lexicon()
    singles = set(lex.quote_pairs) | lex.ambiguous_single
    singles |= {c for closers in lex.quote_pairs.values() for c in closers}
    toggles = [re.escape(t) for t in lex.quote_toggles]
    return re.compile("|".join([*toggles, f"[{''.join(map(re.escape, sorted(singles)))}]"]))


def _can_open(text: str, i: int, mark: str, lex: Lexicon) -> bool:
    after = text[i + len(mark) : i + len(mark) + 1]
    if not after or after.isspace():
        return False
    if mark in lex.ambiguous_single:
        before = text[i - 1] if i > 0 else " "
        return (before.isspace() or before in "([{—–-") and after.isalnum()
    return mark in lex.quote_pairs or mark in lex.quote_toggles


def _closes(text: str, i: int, mark: str, opener: str, lex: Lexicon) -> bool:
    if mark == opener and mark in lex.quote_toggles:
        return True
    if mark not in lex.quote_pairs.get(opener, ()):
        return False
    if mark in lex.ambiguous_single:  # "don’t" does not close a single quote
        after = text[i + 1 : i + 2]
        return not after.isalnum()
    return True


def _scan_paragraph(text: str, start: int, end: int, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Quotes in one paragraph: (start, end, opener); end is -1 for one left open."""
    found: list[tuple[int, int, str]] = []
    open_at, opener = -1, ""
    for match in _marks().finditer(text, start, end):
        i, mark = match.start(), match.group()
        if open_at < 0 and _can_open(text, i, mark, lex):
            open_at, opener = i, mark
        elif open_at >= 0 and _closes(text, i, mark, opener, lex):
            too_long = opener in lex.ambiguous_single and i - open_at > MAX_SINGLE_QUOTE
            if not too_long:
                found.append((open_at, i + len(mark), opener))
            open_at = -1
    if open_at >= 0:
        found.append((open_at, -1, opener))
    return found


def find_quotes(text: str) -> list[Quote]:
    """Every top-level quoted passage of the text, in order."""
    lex = lexicon()
    quotes: list[Quote] = []
    carried: int | None = None  # start of a quote continued from the previous paragraph
    for p_start, p_end in _paragraphs(text):
        scanned = _scan_paragraph(text, p_start, p_end, lex)
        if carried is not None:
            if scanned and scanned[0][0] == _first_char(text, p_start):
                first = scanned.pop(0)
                scanned.insert(0, (carried, first[1], first[2]))
            else:
                quotes.append(Quote(carried, _trim_end(text, p_start), closed=False))
        carried = None
        for q_start, q_end, opener in scanned:
            if q_end >= 0:
                quotes.append(Quote(q_start, q_end))
            elif opener not in lex.ambiguous_single:
                carried = q_start
    if carried is not None:
        quotes.append(Quote(carried, _trim_end(text, len(text)), closed=False))
    return quotes


def _first_char(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _start(quote: Quote) -> int:
    return quote.start


def overlapping(quotes: list[Quote], start: int, end: int) -> Iterator[Quote]:
    """The quotes that overlap the character range, in order. ``quotes`` is the sorted,
    non-overlapping list :func:`find_quotes` returns, so a bisection finds the first one."""
    i = max(bisect_right(quotes, start, key=_start) - 1, 0)
    while i < len(quotes) and quotes[i].start < end:
        if start < quotes[i].end:
            yield quotes[i]
        i += 1


def quote_at(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote that contains or overlaps the character range, if any."""
    return next(overlapping(quotes, start, end), None)


def inside_quote(quotes: list[Quote], offset: int) -> bool:
    """Whether a character offset lies strictly inside a quotation, between its marks."""
    quote = quote_at(quotes, offset, offset + 1)
    return quote is not None and quote.start < offset < quote.end - 1


def first_from(quotes: list[Quote], offset: int) -> Quote | None:
    """The first quote that opens at or after the offset."""
    i = bisect_left(quotes, offset, key=_start)
    return quotes[i] if i < len(quotes) else None


def last_before(quotes: list[Quote], offset: int) -> Quote | None:
    """The last quote that closes at or before the offset."""
    i = bisect_right(quotes, offset, key=_start) - 1
    while i >= 0 and quotes[i].end > offset:
        i -= 1
    return quotes[i] if i >= 0 else None


def opens_at(quotes: list[Quote], offset: int) -> bool:
    quote = first_from(quotes, offset)
    return quote is not None and quote.start == offset


def quoted_share(quotes: list[Quote], spans: list[tuple[int, int]], text: str) -> float:
    """The share of the non-space characters of the spans that lie inside quotes."""
    inside = total = 0
    for a, b in spans:
        total += _solid(text, a, b)
        for quote in overlapping(quotes, a, b):
            inside += _solid(text, max(a, quote.start), min(b, quote.end))
    return inside / total if total else 0.0


def _solid(text: str, start: int, end: int) -> int:
    """The number of characters in the range that are not white space."""
    piece = text[start:end]
    return len(piece) - sum(1 for c in piece if c.isspace())
