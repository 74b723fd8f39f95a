"""One document through the stages: parse once, then each stage in turn."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from eventwire.analysis import ActorIndex, Analysis
from eventwire.model import Actor, ActorMention, DocumentResult
from eventwire.options import Options
from eventwire.registry import get_stage


def run_stages(
    doc: Doc, published: date | None, options: Options, text: str | None = None
) -> Analysis:
    """Run the configured stages over a parsed document (``text``: the text it was parsed
    from, which spares rebuilding it from the tokens)."""
    analysis = Analysis(doc=doc, published=published, options=options, source_text=text)
    for name in options.stages:
        fills, function = get_stage(name)
        setattr(analysis, fills, function(analysis))
    return analysis


def actors_of(index: ActorIndex) -> list[Actor]:
    """The ``actors[]`` of the result: one entry per entity, its mentions in text order.
    Compound mentions ("Brazil and the United States") are left out: each member has its own."""
    grouped: dict[str, Actor] = {}
    for m in sorted(index.mentions, key=lambda m: m.start):
        if m.members:
            continue
        e = m.entity
        actor = grouped.setdefault(
            e.key, Actor(name=e.name, code=e.code, country=e.country, sector=e.sector, mentions=[])
        )
        actor.mentions.append((m.start, m.end))
        actor.resolution.append(ActorMention(span=(m.start, m.end), text="", how=m.how))
    return list(grouped.values())


def result_of(analysis: Analysis, doc_id: str, **meta: str | None) -> DocumentResult:
    """Assemble the document result from what the stages found."""
    actors = actors_of(analysis.actors)
    text = analysis.text
    for actor in actors:
        for mention in actor.resolution:
            mention.text = text[mention.span[0] : mention.span[1]]
    return DocumentResult(
        id=doc_id,
        published=analysis.published.isoformat() if analysis.published else None,
        events=analysis.events,
        attributions=analysis.attributions,
        timexes=analysis.timexes,
        places=analysis.places,
        actors=actors,
        ledger=analysis.ledger,
        warnings=analysis.warnings,
        **meta,
    )
