"""Filling in a missing party: answers and counter-demands go to whoever last dealt with the
actor ("Maduro declined and presented counter-demands" answers the party that made him an
offer), else to the other actor named in the sentence.
"""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.ledger.items import Draft, Party, name_words, party_of
from eventwire.ledger.phrases import tokens_at


def counterpart_in_drafts(party: Party, at: int, drafts: list[Draft]) -> Party | None:
    """The other side of the latest earlier item that involves the party."""
    for draft in sorted((d for d in drafts if d.at < at), key=lambda d: d.at, reverse=True):
        if draft.target is not None and party.same(draft.target) and draft.source is not None:
            return draft.source
        if draft.source is not None and party.same(draft.source) and draft.target is not None:
            return draft.target
    return None


def counterpart_in_events(party: Party, at: int, analysis: Analysis) -> Party | None:
    """The other side of the latest earlier event that involves the party."""
    for event in sorted(analysis.events, key=lambda e: e.trigger[0], reverse=True):
        if event.trigger[0] >= at:
            continue
        source, target = party_of(event.source), party_of(event.target)
        if source is not None and target is not None and not source.same(target):
            if party.same(target):
                return source
            if party.same(source):
                return target
    return None


def counterpart_in_sentence(party: Party, at: int, analysis: Analysis) -> Party | None:
    """Another actor named in the sentence of the act, the nearest one first."""
    tokens = tokens_at(analysis.doc, (at, at + 1))
    if tokens is None:
        return None
    sent = tokens[0].sent
    others = [
        Party(m.entity.code, name_words(m.entity.name))
        for m in sorted(analysis.actors.in_span(sent), key=lambda m: abs(m.start - at))
    ]
    return next((o for o in others if not party.same(o)), None)


def counterpart(party: Party, at: int, drafts: list[Draft], analysis: Analysis) -> Party | None:
    return (
        counterpart_in_drafts(party, at, drafts)
        or counterpart_in_events(party, at, analysis)
        or counterpart_in_sentence(party, at, analysis)
    )


def fill_parties(drafts: list[Draft], analysis: Analysis) -> None:
    """Give each draft with one known side its other side, in text order."""
    for draft in sorted(drafts, key=lambda d: d.at):
        if draft.target is None and draft.source is not None:
            draft.target = counterpart(draft.source, draft.at, drafts, analysis)
        elif draft.source is None and draft.target is not None:
            draft.source = counterpart(draft.target, draft.at, drafts, analysis)
