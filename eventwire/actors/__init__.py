"""Actors: who is who in a text and how to code them.

- `kb`: the knowledge base of people, organisations, media and states with dated CAMEO roles,
  and the agent words that give a sector (built from `data/actors/` and `data/countries.tsv`).
- `dictionaries`: the YAML dictionary format, user dictionaries applied over the built-in
  data, and the importer for PETRARCH/TABARI dictionaries (`eventwire dict import`).
- `resolve`, `coref`: finding the actors of a document and resolving their mentions.
"""
