"""Attributions: who said what, according to whom, and how certain it is.

Layout:
    quotes.py     quoted passages, whatever their marks, balanced or not; lookups by bisection
    cues.py       cue verbs, nouns and phrases in the parse, with source and content
    sources.py    source spans, speakers resolved through the actors layer, unnamed sources
    contents.py   content spans, widened to whole quotations and shared out between cues;
                  SpanIndex, the sorted index that keeps every lookup O(log n)
    certainty.py  certainty of attributed content and of single facts
    chains.py     attribution chains ("sources ... revealed to the Miami Herald")
    extract.py    from cues to finished attributions, in text order
    lexicon.py    the lexicons under eventwire/data/attribution/
    learn.py      learns extra cue verbs from an annotated corpus (learned_cues.tsv):
                  python -m eventwire.attribution.learn PATH/TO/polnear/train

For other stages: :func:`attribution_at`, :func:`certainty_at` and :func:`attributed_to`.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.analysis import Analysis
from eventwire.attribution.certainty import clause_certainty, object_certainty, weakest
from eventwire.attribution.chains import innermost, link_chains
from eventwire.attribution.extract import (
    extract,
    governing_certainty,
    governing_cues,
    reporting_certainty,
)
from eventwire.model import Attribution

__all__ = ["attributed_to", "attribution_at", "certainty_at", "extract", "link_chains"]


def attribution_at(analysis: Analysis, start: int, end: int) -> Attribution | None:
    """The innermost attribution whose content contains the character range."""
    return innermost(analysis.attributions, start, end)


def attributed_to(analysis: Analysis, start: int, end: int) -> list[str]:
    """The sources of the content that contains the range, nearest first: the speakers of
    cues nested inside an attribution's content ("... said that officials claimed ..."),
    then the attribution's own chain."""
    attribution = attribution_at(analysis, start, end)
    chain: list[str] = []
    words = analysis.doc.char_span(start, end, alignment_mode="expand")
    if words is not None and len(words):
        reached = attribution.cue.span if attribution and attribution.cue else (-1, -1)
        for cue, source in governing_cues(words.root):
            if reached[0] <= cue.idx < reached[1] or source is None:
                break
            chain.append(source.text)
    if attribution is not None:
        chain += [name for name in attribution.chain if name not in chain]
    return chain


def certainty_at(analysis: Analysis, token: Token) -> str:
    """The certainty of a fact whose trigger is this token.

    Every signal counts and the weakest wins: the trigger's own clause ("reportedly
    received", "could suffer"), a cue that takes it as object ("confirmed the call"), the cue
    verbs that govern its clause, however deeply nested ("officials said the rebels claimed
    that ..."), and the attribution around it.
    """
    signals = [clause_certainty(token), object_certainty(token), governing_certainty(token)]
    attribution = attribution_at(analysis, token.idx, token.idx + len(token))
    if attribution is not None:
        signals.append(reporting_certainty(analysis, attribution))
    return weakest([s for s in signals if s]) or "asserted"
