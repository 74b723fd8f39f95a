"""Filling in a missing party: answers and counter-demands go to whoever last dealt with the
actor ("Maduro declined and presented counter-demands" answers the party that made him an
offer), else to the other actor named in the sentence.
"""

from __future__ import annotations

from eventwire.analysis import Analysis, Mention
from eventwire.ledger.items import Draft, Party, name_words, party_of
from eventwire.ledger.phrases import is_beneficiary, tokens_at
from eventwire.model import Span
from eventwire.nlp import sentence_of


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


def actor_party(mention: Mention) -> Party:
    return Party(mention.entity.code, name_words(mention.entity.name))


def counterpart_in_sentence(
    party: Party, at: int, analysis: Analysis, content: Span | None
) -> Party | None:
    """Another actor named in the sentence of the act, the nearest one first; one named in what
    is asked or offered (``content``, given when the addressee is sought) only when it is whom
    the act is for ("safe passage for Maduro"), not what it is about ("keeping command of the
    military")."""
    tokens = tokens_at(analysis.doc, (at, at + 1))
    if tokens is None:
        return None
    sent = sentence_of(tokens[0])
    inside = content or (0, 0)
    mentions = [
        m
        for m in analysis.actors.in_span(sent)
        if not inside[0] <= m.start < inside[1] or is_beneficiary(analysis.doc[m.head])
    ]
    looking_for_source = content is None
    alone = not any(not party.same(actor_party(m)) for m in mentions)
    if looking_for_source and alone and sent.start > 0:
        mentions = analysis.actors.in_span(sentence_of(analysis.doc[sent.start - 1]))
    others = [actor_party(m) for m in sorted(mentions, key=lambda m: abs(m.start - at))]
    return next((o for o in others if not party.same(o)), None)


def counterpart(
    draft: Draft, party: Party, drafts: list[Draft], analysis: Analysis
) -> Party | None:
    """The other side of a draft: from the earlier acts, the events, else the actors named in
    its sentence; the previous sentence's too when the sender is sought ("Maduro was told to
    leave": by whom the text said just before)."""
    content = draft.what_span if party is draft.source else None
    return (
        counterpart_in_drafts(party, draft.at, drafts)
        or counterpart_in_events(party, draft.at, analysis)
        or counterpart_in_sentence(party, draft.at, analysis, content)
    )


def known(party: Party | None) -> bool:
    """Whether a party is resolved to an actor code (the coder may name a target it did not
    resolve: "that he keep control over the armed forces")."""
    return party is not None and party.code is not None


def fill_parties(drafts: list[Draft], analysis: Analysis) -> None:
    """Give each draft with one known side its other side, in text order. A draft named by a
    noun that no verb presents takes only the parties of the act it goes with, or none."""
    for draft in sorted(drafts, key=lambda d: d.at):
        if draft.inherits:
            continue
        if not known(draft.target) and known(draft.source):
            draft.target = counterpart(draft, draft.source, drafts, analysis) or draft.target
        elif not known(draft.source) and known(draft.target):
            draft.source = counterpart(draft, draft.target, drafts, analysis) or draft.source


def accompanied(draft: Draft, drafts: list[Draft], reach: int) -> Draft | None:
    """The earlier act a draft goes with: the one it comes "with", else the latest one of its
    family, else the latest one from ``reach`` (the start of the previous sentence) on."""
    earlier = [
        d
        for d in drafts
        if d.at < draft.at
        and d.source is not None
        and d.counter == draft.counter  # a counter is the other side's act
        and not d.source.same(draft.target)
    ]
    named = [d for d in earlier if draft.companion in d.anchors]
    same = [d for d in earlier if d.family == draft.family]
    near = [d for d in earlier if d.at >= reach]
    chosen = named or same or near
    return max(chosen, key=lambda d: d.at) if chosen else None


def inherit_parties(drafts: list[Draft], analysis: Analysis) -> None:
    """Give a draft that names an act without all its parties ("The offer that came with it")
    the parties of the earlier act it goes with."""
    for draft in sorted(drafts, key=lambda d: d.at):
        if not draft.inherits or (draft.source and draft.target):
            continue
        other = accompanied(draft, drafts, previous_sentence_start(analysis, draft.at))
        if other is not None and (draft.source is None or draft.source.same(other.source)):
            draft.source = draft.source or other.source
            draft.target = draft.target or other.target


def previous_sentence_start(analysis: Analysis, at: int) -> int:
    tokens = tokens_at(analysis.doc, (at, at + 1))
    if tokens is None or sentence_of(tokens[0]).start == 0:
        return 0
    return sentence_of(analysis.doc[sentence_of(tokens[0]).start - 1]).start_char


def orient_counters(drafts: list[Draft]) -> None:
    """A counter-demand or counter-offer goes against the act it answers: when the latest
    earlier act between its parties runs in the same direction, it was read the wrong way
    round and is turned."""
    for draft in (d for d in drafts if d.counter and d.source and d.target):
        between = [d for d in drafts if d.at < draft.at and not d.counter and joins(d, draft)]
        latest = max(between, key=lambda d: d.at) if between else None
        if latest is not None and draft.source.same(latest.source):
            draft.source, draft.target = draft.target, draft.source


def joins(draft: Draft, other: Draft) -> bool:
    """Whether a draft is between the same two parties as another, in either direction."""
    source, target = other.source, other.target
    if source is None or target is None:
        return False
    return (source.same(draft.source) and target.same(draft.target)) or (
        source.same(draft.target) and target.same(draft.source)
    )
