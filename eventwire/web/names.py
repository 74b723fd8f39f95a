"""Names for actor and country codes, so that pages lead with names and show codes beside
them: VEN is "Venezuela", VENGOV "Venezuelan government", VENMIL "Venezuelan military".

The country names and adjectives come from the country table, the sectors' nouns from the
actor descriptions (``sector_names``), as the results name groups of a state and a sector.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from eventwire.countries import countries
from eventwire.yamlfiles import load_yaml


@lru_cache(maxsize=1)
def sector_names() -> dict[str, str]:
    text = (
        resources.files("eventwire.data")
        .joinpath("actors/descriptions.yaml")
        .read_text(encoding="utf-8")
    )
    return dict(load_yaml(text)["sector_names"])


@lru_cache(maxsize=4096)
def code_name(code: str | None) -> str | None:
    """The name of a country code or of a country's sector code; None for other codes."""
    if not code:
        return None
    country = countries().get(code[:3].upper())
    if country is None:
        return sector_names().get(code[:3].upper()) if len(code) == 3 else None
    if len(code) == 3:
        return country.name
    sector = sector_names().get(code[3:6].upper())
    if sector is None:
        return None
    adjective = country.adjectives[0] if country.adjectives else country.name
    return f"{adjective} {sector}"


def actor_name(code: str | None, found: str | None = None) -> str:
    """What a page calls an actor: its code's name, else the name found in the text, else the
    code."""
    return code_name(code) or found or code or "?"


def dyad_name(value: str | None) -> str:
    """A dyad as the form gives it (``usa:ven``) in names: "United States → Venezuela"."""
    source, _, target = (value or "").upper().partition(":")
    return f"{actor_name(source)} → {actor_name(target)}"
