"""Word lists that tell how a place name is used (``eventwire/data/geo/cues.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventwire.yamlfiles import load_yaml


@dataclass(frozen=True)
class Cues:
    locative_prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    venue_nouns: frozenset[str]
    settlement_nouns: frozenset[str]
    directions: frozenset[str]
    part_nouns: dict[str, str]  # noun -> place kind
    state_words: frozenset[str]
    state_titles: frozenset[str]  # "New York Governor": offices of a state, not of a town
    common_words: frozenset[str]
    never_places: frozenset[str]
    kind_words_after: frozenset[str]
    within_nouns: frozenset[str]  # "El Manar area of Tunis"
    institution_words: frozenset[str]  # "Queensland Premier", "the NSW government"
    facility_words: frozenset[str]  # "Kabul airport"
    title_words: frozenset[str]  # "The Arizona Republic"
    motion_words: frozenset[str]  # lemmas: "the highway to Maxixe"
    route_nouns: frozenset[str]  # "the Mandera-Nairobi route", "the Dikwa-Marte axis"
    reference_prepositions: frozenset[str]  # "Ilitha township near Berlin"
    site_nouns: frozenset[str]  # "Bwaise junction of Kampala"


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The cue lists, read once per process."""
    path = resources.files("eventwire.data").joinpath("geo/cues.yaml")
    raw = load_yaml(path.read_text(encoding="utf-8"))
    for name, values in raw.items():
        words = list(values) + (list(values.values()) if isinstance(values, dict) else [])
        if not all(isinstance(word, str) for word in words):
            raise ValueError(f"geo/cues.yaml: {name} has a value that is not a string; quote it")
    return Cues(
        locative_prepositions=frozenset(raw["locative_prepositions"]),
        place_prepositions=frozenset(raw["place_prepositions"]),
        venue_nouns=frozenset(raw["venue_nouns"]),
        settlement_nouns=frozenset(raw["settlement_nouns"]),
        directions=frozenset(raw["directions"]),
        part_nouns=dict(raw["part_nouns"]),
        state_words=frozenset(raw["state_words"]),
        state_titles=frozenset(raw["state_titles"]),
        route_nouns=frozenset(raw["route_nouns"]),
        common_words=frozenset(raw["common_words"]),
        never_places=frozenset(raw["never_places"]),
        kind_words_after=frozenset(raw["kind_words_after"]),
        within_nouns=frozenset(raw["within_nouns"]),
        institution_words=frozenset(raw["institution_words"]),
        facility_words=frozenset(raw["facility_words"]),
        title_words=frozenset(raw["title_words"]),
        motion_words=frozenset(raw["motion_words"]),
        reference_prepositions=frozenset(raw["reference_prepositions"]),
        site_nouns=frozenset(raw["site_nouns"]),
    )
