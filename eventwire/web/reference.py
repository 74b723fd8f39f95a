"""The dashboard's own small tables, in ``eventwire/data/web/``: the names and colours of the
quad classes, a colour for each CAMEO root, and the ISO3 codes of the world outlines' names
that the country table does not know.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from eventwire.countries import countries


def data_table(name: str) -> list[dict[str, str]]:
    """The rows of ``data/web/NAME``, a tab-separated file whose ``#`` lines are comments."""
    text = resources.files("eventwire.data").joinpath(f"web/{name}").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line and not line.startswith("#"))
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def quad_classes() -> dict[int, dict[str, str]]:
    """Quad class 1-4: its name and colour."""
    return {int(r["quad"]): {"name": r["name"], "colour": r["colour"]}
            for r in data_table("quad-classes.tsv")}  # fmt: skip


@lru_cache(maxsize=1)
def root_colours() -> dict[str, str]:
    return {r["root"]: r["colour"] for r in data_table("root-colours.tsv")}


@lru_cache(maxsize=1)
def atlas_codes() -> dict[str, str]:
    """A world outline's name (as world-atlas writes it) to its ISO3 code."""
    found = {}
    for country in countries().values():
        for name in (country.name, *country.names):
            found[name.casefold()] = country.iso3
    found.update({r["name"].casefold(): r["iso3"] for r in data_table("atlas-names.tsv")})
    return found
