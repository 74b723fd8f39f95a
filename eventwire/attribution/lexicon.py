"""The attribution lexicons: cue words, hedges, source nouns and quotation marks.

They live as YAML under ``eventwire/data/attribution/`` and are read once per process.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from eventwire.yamlfiles import load_yaml


@dataclass(frozen=True)
class CueEntry:
    """What a cue word says about the content it introduces."""

    lemma: str
    certainty: str = "asserted"
    kind: str = "speech"  # speech, belief, intention, evidence
    recipient: bool = False  # a direct object names the addressee, not the content
    objects: bool = True  # a bare noun object can be the content
    preps: tuple[str, ...] = ()  # prepositions whose object is the content
    media: bool = False  # an addressee after "to" passes the content on
    raising: bool = False  # "X appears to ...": X is part of the content, no source named
    learned: bool = False  # from learned_cues.tsv rather than the hand-written list


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, CueEntry]
    nouns: dict[str, CueEntry]
    adjectives: dict[str, CueEntry]
    phrases: tuple[tuple[str, ...], ...]
    adverbs: dict[str, str]
    passive_reporting: dict[str, str]
    modals: dict[str, str]
    conditionals: frozenset[str]
    planning_verbs: frozenset[str]
    object_verbs: dict[str, str]
    report_nouns: frozenset[str]
    unnamed: frozenset[str]
    media_words: frozenset[str]
    media_nouns: frozenset[str]
    headline_labels: frozenset[str]
    aside_openers: frozenset[str] = frozenset()
    relative_words: frozenset[str] = frozenset()
    object_preps: frozenset[str] = frozenset()
    quote_pairs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    quote_toggles: tuple[str, ...] = ()
    ambiguous_single: frozenset[str] = frozenset()


def _read(name: str) -> dict[str, Any]:
    path = resources.files("eventwire.data").joinpath(f"attribution/{name}")
    return load_yaml(path.read_text(encoding="utf-8")) or {}


def _learned(pos: str, excluded: set[str]) -> dict[str, CueEntry]:
    """Cue words learned from an annotated corpus (see :mod:`eventwire.attribution.learn`)."""
    path = resources.files("eventwire.data").joinpath("attribution/learned_cues.tsv")
    if not path.is_file():
        return {}
    rows = csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t")
    return {
        row["lemma"]: CueEntry(
            lemma=row["lemma"], learned=True, preps=tuple((row.get("preps") or "").split())
        )
        for row in rows
        if row.get("pos", "VERB") == pos and row["lemma"] not in excluded
    }


def _entries(table: dict[str, dict[str, Any] | None]) -> dict[str, CueEntry]:
    out: dict[str, CueEntry] = {}
    for lemma, props in table.items():
        props = dict(props or {})
        props["preps"] = tuple(props.get("preps", ()))
        out[lemma] = CueEntry(lemma=lemma, **props)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The attribution lexicon, loaded once."""
    cues, hedges = _read("cues.yaml"), _read("hedges.yaml")
    sources, quotes = _read("sources.yaml"), _read("quotes.yaml")
    contents = _read("contents.yaml")
    excluded = set(cues.get("not_cues", []))
    verbs = _learned("VERB", excluded)
    verbs.update(_entries(cues.get("verbs", {})))
    nouns = _learned("NOUN", excluded)
    nouns.update(_entries(cues.get("nouns", {})))
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        adjectives=_entries(cues.get("adjectives", {})),
        phrases=tuple(tuple(p["words"]) for p in cues.get("phrases", [])),
        adverbs=dict(hedges.get("adverbs", {})),
        passive_reporting=dict(hedges.get("passive_reporting", {})),
        modals=dict(hedges.get("modals", {})),
        conditionals=frozenset(hedges.get("conditionals", [])),
        planning_verbs=frozenset(hedges.get("planning_verbs", [])),
        object_verbs=dict(hedges.get("object_verbs", {})),
        report_nouns=frozenset(hedges.get("report_nouns", [])),
        unnamed=frozenset(sources.get("unnamed", [])),
        media_words=frozenset(sources.get("media_words", [])),
        media_nouns=frozenset(sources.get("media_nouns", [])),
        headline_labels=frozenset(sources.get("headline_labels", [])),
        aside_openers=frozenset(contents.get("aside_openers", [])),
        relative_words=frozenset(contents.get("relative_words", [])),
        object_preps=frozenset(contents.get("object_preps", [])),
        quote_pairs={k: tuple(v) for k, v in quotes.get("pairs", {}).items()},
        quote_toggles=tuple(quotes.get("toggles", [])),
        ambiguous_single=frozenset(quotes.get("ambiguous_single", [])),
    )
