"""Offline geography: the gazetteer, toponyms in a parse, their resolution, event locations.

- :mod:`eventwire.geo.names`: lookup keys for place names.
- :mod:`eventwire.geo.gazetteer`: the gazetteer (GeoNames towns, provinces and districts,
  pycountry and the tables in ``eventwire/data/geo/``), read once per process from the packed
  table (:mod:`eventwire.geo.packed`), which ``scripts/build_gazetteer.py`` makes from the
  sources (:mod:`eventwire.geo.build`, :mod:`eventwire.geo.divisions`).
- :mod:`eventwire.geo.words`: a document's token texts as plain lists, read once.
- :mod:`eventwire.geo.cues`: word lists that tell how a name is used (``cues.yaml``).
- :mod:`eventwire.geo.mentions`: finding toponyms in a spaCy parse.
- :mod:`eventwire.geo.resolve`: which countries a document is about, and choosing one place
  among those that share a name.
- :mod:`eventwire.geo.locate`: where an event happened, from its trigger's clause.

The ``places`` stage (:mod:`eventwire.stages.places`) puts these together.
"""

from eventwire.geo.gazetteer import Gazetteer, GeoRecord, load_gazetteer

__all__ = ["Gazetteer", "GeoRecord", "load_gazetteer"]
