"""From cues to finished attributions: quotes shared out, kinds, certainty, speakers, chains."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from eventwire.analysis import ActorIndex, Analysis
from eventwire.attribution.certainty import (
    content_certainty,
    cue_certainty,
    verb_of,
    weakest,
)
from eventwire.attribution.chains import link_chains
from eventwire.attribution.contents import (
    CharSpan,
    SpanIndex,
    merge,
    paragraph_of,
    subtract,
    widen_to_quotes,
)
from eventwire.attribution.cues import Found, find_all
from eventwire.attribution.lexicon import CueEntry, lexicon
from eventwire.attribution.quotes import Quote, find_quotes, overlapping, quoted_share
from eventwire.attribution.sources import (
    is_media,
    is_unnamed,
    resolve,
    source_span,
    subject_of,
)
from eventwire.model import Attribution, AttributionSource, Content, Cue

DIRECT_SHARE = 0.95  # a content this much inside quotation marks is a direct quote


def extract(analysis: Analysis) -> list[Attribution]:
    """Every attribution of the document, in text order."""
    doc, text = analysis.doc, analysis.text
    quotes = find_quotes(text)
    found = _outermost(find_all(doc, quotes, text))
    owners = _quote_owners(found, quotes, text)
    cues = SpanIndex((a, a + 1, item) for item in found for a in [item.cue_span[0]])
    results: list[Attribution] = []
    seen: set[tuple[CharSpan, ...]] = set()
    for item in found:
        inner = _reports_inside(item, cues)
        spans = _content_spans(item, quotes, owners, text, inner)
        if not spans or tuple(spans) in seen:
            continue
        seen.add(tuple(spans))
        results.append(_attribution(item, spans, quotes, analysis, text))
    results.sort(key=lambda a: a.content.spans[0])
    _attach_orphan_quotes(results, quotes, text)
    link_chains(results)
    return results


def _content_index(found: list[Found]) -> SpanIndex[int]:
    """The content spans of the cues that have a source, by their position in ``found``."""
    return SpanIndex(
        (a, b, n)
        for n, item in enumerate(found)
        if item.source is not None
        for a, b in item.content
    )


def _holds(item: Found, offset: int) -> bool:
    return any(a <= offset < b for a, b in item.content)


def _outermost(found: list[Found]) -> list[Found]:
    """Cues reported inside the content of another cue ("he said she wanted ...") are part
    of that content, not attributions of their own. Only the contents around a cue are looked
    at, so this stays O(n log n) in the number of cues."""
    index = _content_index(found)

    def nested(n: int, item: Found) -> bool:
        return any(
            o != n and not _holds(item, found[o].cue_span[0]) for o in index.at(item.cue_span[0])
        )

    return [item for n, item in enumerate(found) if not nested(n, item)]


def _attach_orphan_quotes(results: list[Attribution], quotes: list[Quote], text: str) -> None:
    """A quotation that fills a paragraph of its own, with no cue, goes on the words of the
    speaker quoted just before it (news style for a long statement)."""
    touched = SpanIndex((a, b, 0) for r in results for a, b in _touch_spans(r))
    firsts = [r.content.spans[0][0] for r in results]
    for quote in quotes:
        p_start, p_end = paragraph_of(text, quote.start)
        alone = not _has_word(text, p_start, quote.start) and not _has_word(text, quote.end, p_end)
        if not alone or next(touched.overlapping(p_start, p_end), None) is not None:
            continue
        last = _last_ending_before(results, firsts, p_start)
        if last is None or last.kind == "indirect":
            continue
        if _paragraphs_between(text, last.content.spans[-1][1], p_start) > 1:
            continue
        last.content.spans.append((quote.start, quote.end))
        last.content.text += " … " + text[quote.start : quote.end]


SOLID = re.compile(r"\S")


def _has_word(text: str, start: int, end: int) -> bool:
    """Whether anything but white space lies in the range (found without copying it)."""
    return SOLID.search(text, start, max(start, end)) is not None


def _last_ending_before(
    results: list[Attribution], firsts: list[int], offset: int
) -> Attribution | None:
    """The last attribution, in text order, whose content ends at or before the offset."""
    i = bisect_left(firsts, offset) - 1
    while i >= 0 and results[i].content.spans[-1][1] > offset:
        i -= 1
    return results[i] if i >= 0 else None


def _touch_spans(attribution: Attribution) -> list[CharSpan]:
    spans = [*attribution.content.spans]
    if attribution.cue is not None:
        spans.append(attribution.cue.span)
    return spans


def _paragraphs_between(text: str, start: int, end: int) -> int:
    return sum(1 for line in text[start:end].split("\n")[1:-1] if line.strip()) + 1


def _quote_owners(found: list[Found], quotes: list[Quote], text: str) -> dict[Quote, Found]:
    """Each quotation goes to the nearest cue that introduces it or whose parsed content
    reaches into it; a cue in another paragraph is a weak claim."""
    owners: dict[Quote, Found] = {}
    for item in found:
        claimed = {q for a, b in item.content for q in overlapping(quotes, a, b)}
        for quote in sorted({*item.owned, *claimed}, key=lambda q: q.start):
            held = owners.get(quote)
            if held is None or _distance(item, quote, text) < _distance(held, quote, text):
                owners[quote] = item
    return owners


PARAGRAPH_PENALTY = 1000  # characters: a cue beyond a paragraph break is far away


def _distance(item: Found, quote: Quote, text: str) -> int:
    start, end = item.cue_span
    gap = (end, quote.start) if end <= quote.start else (quote.end, start)
    penalty = PARAGRAPH_PENALTY if text.find("\n", gap[0], gap[1]) >= 0 else 0
    return gap[1] - gap[0] + penalty


def _reports_inside(outer: Found, cues: SpanIndex[Found]) -> list[Found]:
    """The cues that lie inside the content of another one."""
    inner = {id(o): o for a, b in outer.content for o in cues.overlapping(a, b) if o is not outer}
    return list(inner.values())


def _extent(item: Found) -> CharSpan:
    """From the first to the last character of a cue's source, cue and content."""
    spans = [item.cue_span, *item.content]
    if item.source is not None:
        spans.append((item.source.start_char, item.source.end_char))
    return min(a for a, _ in spans), max(b for _, b in spans)


def _content_spans(
    item: Found, quotes: list[Quote], owners: dict[Quote, Found], text: str, inner: list[Found]
) -> list[CharSpan]:
    """The content of one cue: widened to its quotes, without quotes other cues introduce or
    the cues reported inside it."""
    near = sorted(
        {q for a, b in item.content for q in overlapping(quotes, a, b)}, key=lambda q: q.start
    )
    free = [q for q in near if owners.get(q, item) is item]
    spans = widen_to_quotes(item.content, free, item.cue_span)
    holes = [
        (q.start, q.end)
        for a, b in spans
        for q in overlapping(quotes, a, b)
        if owners.get(q, item) is not item
    ]
    holes.append(item.cue_span)
    holes += [_extent(other) for other in inner]
    if item.source is not None:
        holes.append((item.source.start_char, item.source.end_char))
    return merge(subtract(spans, holes, text), text)


def _attribution(
    item: Found, spans: list[CharSpan], quotes: list[Quote], analysis: Analysis, text: str
) -> Attribution:
    share = quoted_share(quotes, spans, text)
    kind = "direct" if share >= DIRECT_SHARE else "mixed" if share > 0 else "indirect"
    source = _source(item.source, analysis.actors)
    chain = [source.text] if source else []
    if item.relay is not None and is_media(item.relay, analysis.actors):
        chain.append(item.relay.text)
    certainty = (
        weakest(
            [
                cue_certainty(item.verb, item.entry, item.source, is_unnamed(item.source)),
                content_certainty(_content_heads(analysis.doc, spans)) or "asserted",
            ]
        )
        or "asserted"
    )
    a, b = item.cue_span
    return Attribution(
        source=source,
        cue=Cue(span=(a, b), text=text[a:b]),
        content=Content(spans=spans, text=" … ".join(text[s:e] for s, e in spans)),
        kind=kind,
        certainty=certainty,
        chain=chain,
    )


def _source(span: Span | None, actors: ActorIndex) -> AttributionSource | None:
    if span is None:
        return None
    mention = resolve(actors, span, span.root)
    return AttributionSource(
        span=(span.start_char, span.end_char),
        text=span.text,
        code=mention.entity.code if mention else None,
        name=mention.entity.name if mention else None,
    )


def _content_heads(doc: Doc, spans: list[CharSpan]) -> list[Token]:
    heads = []
    for a, b in spans:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None and len(span):
            heads.append(span.root)
    return heads


def reporting_certainty(analysis: Analysis, attribution: Attribution) -> str:
    """The certainty the cue and source of an attribution lend to facts in its content."""
    if attribution.cue is None:
        return "asserted"
    doc = analysis.doc
    cue = doc.char_span(*attribution.cue.span, alignment_mode="expand")
    if cue is None or not len(cue):
        return "asserted"
    lex = lexicon()
    token = cue[0]
    lemma = token.lemma_.lower()
    entry = lex.verbs.get(lemma) or lex.nouns.get(lemma) or CueEntry(lemma=lemma)
    source = None
    if attribution.source is not None and attribution.source.span is not None:
        source = doc.char_span(*attribution.source.span, alignment_mode="expand")
    return cue_certainty(token, entry, source, is_unnamed(source))


GOVERNING_LINKS = ("ccomp", "xcomp", "conj", "advcl")


def governing_cues(token: Token, depth: int = 4) -> list[tuple[Token, Span | None]]:
    """The cue verbs above a word's clause with their sources, nearest first ("officials said
    the rebels claimed that the army attacked": claimed/the rebels, said/officials)."""
    lex = lexicon()
    out: list[tuple[Token, Span | None]] = []
    current = verb_of(token) or token
    for _ in range(depth):
        if current.dep_ not in GOVERNING_LINKS or current.head is current:
            break
        head = current.head
        if head.lemma_.lower() in lex.verbs and current.dep_ in ("ccomp", "xcomp"):
            subject = subject_of(head)
            out.append((head, source_span(head, subject) if subject is not None else None))
        current = head
    return out


def governing_certainty(token: Token) -> str | None:
    """What the cue verbs above a word's clause lend it ("the rebels claimed that the army
    attacked": alleged), whether or not they became attributions of their own."""
    lex = lexicon()
    signals = [
        cue_certainty(cue, lex.verbs[cue.lemma_.lower()], source, is_unnamed(source))
        for cue, source in governing_cues(token)
    ]
    return weakest(signals)
