"""The event coder: news sentences to CAMEO / PLOVER events with their evidence.

Layout:
    lexicon.py     the event lexicon under eventwire/data/events/ (verbs, nouns,
                   constructions, cues) and how a sense is chosen
    frames.py      predicate frames from the dependency parse (active, passive, nominal,
                   light verb, control, relative clause, conjoined actors)
    arguments.py   argument phrases to the actors the actors stage found
    modality.py    negation, conditions, quotations and certainty
    discourse.py   implicit participants, episodes and their dates
    coder.py       frames to `Event`s: codes, dates, places, certainty, deduplication

For the pipeline: :func:`code_events`.
"""

from eventwire.events.coder import code_events

__all__ = ["code_events"]
