"""The actors stage: every mention of an actor in the document, resolved to an entity.

Names, titles, appositions, descriptions and states are read off the parse
(`eventwire.actors.resolve`), coordinated mentions are joined, descriptions and pronouns are
linked to what they point back to (`eventwire.actors.coref`), and last the descriptions owned
by a pronoun ("its troops") are coded through it. The knowledge base is
loaded once per process (`load_kb` is cached), and the places found by the places stage keep
place names ("Cartagena") from being taken for people.

`Mention.how` says how each mention was resolved: name, alias, surname, title, apposition,
possessive, description, demonym, state, capital, pronoun or compound; for groups named only
by their role (`eventwire.actors.unnamed`), the evidence of their state: place, dateline or
document.
"""

from __future__ import annotations

from eventwire.actors import coref, resolve, unnamed
from eventwire.actors.kb import load_kb
from eventwire.analysis import ActorIndex, Analysis
from eventwire.registry import stage


@stage("actors")
def find_actors(analysis: Analysis) -> ActorIndex:
    """Resolve the actor mentions of one document."""
    places = ((p.span[0], p.span[1], p.country) for p in analysis.places)
    res = resolve.Resolution(
        doc=analysis.doc,
        day=analysis.published,
        kb=load_kb(analysis.options.dictionaries),
        words=resolve.vocabulary(),
        places=sorted(places, key=lambda place: place[:2]),
        times=sorted(t.span for t in analysis.timexes),
    )
    resolve.find_names(res)
    resolve.find_descriptions(res)
    resolve.find_compounds(res)
    coref.resolve_pronouns(res)
    resolve.find_owned_descriptions(res)
    unnamed.find_unnamed(res)
    unnamed.place_transnational(res)
    return res.index()
