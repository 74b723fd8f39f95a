"""The packed gazetteer: the shipped table is up to date and gives the gazetteer that building
from the sources gives, record for record and in the same order."""

from __future__ import annotations

from dataclasses import astuple
from importlib import resources

import pytest

from eventwire.geo.build import build_gazetteer
from eventwire.geo.gazetteer import Gazetteer, load_gazetteer
from eventwire.geo.packed import TABLE, fingerprint, is_fresh, pack, unpack, unpack_all

REBUILD = "run `.venv/bin/python scripts/build_gazetteer.py` to refresh the packed gazetteer"


def contents(gaz: Gazetteer) -> dict[str, object]:
    """Everything a gazetteer holds, as plain values (records by their fields)."""
    return {
        "names": {
            key: [(astuple(m.record), m.main_name) for m in matches]
            for key, matches in gaz.by_key.items()
            if matches
        },
        "countries": {k: astuple(r) for k, r in gaz.countries.items()},
        "us_state_records": {k: astuple(r) for k, r in gaz.us_state_records.items()},
        "country_keys": gaz.country_keys,
        "us_states": gaz.us_states,
        "extents": {k: astuple(e) for k, e in gaz.extents.items()},
        "demonyms": gaz.demonyms,
    }


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    return build_gazetteer()


def test_the_shipped_table_is_fresh() -> None:
    stamp, versions, _ = unpack_all(resources.files("eventwire.data").joinpath(TABLE).read_bytes())
    assert is_fresh(stamp, versions), REBUILD


def test_a_stale_table_is_told_apart() -> None:
    _stamp, versions, _ = unpack_all(resources.files("eventwire.data").joinpath(TABLE).read_bytes())
    assert not is_fresh("0" * 64, versions)
    assert fingerprint({**versions, "reverse_geocode": "0.0"}) != fingerprint(versions)


def test_places_are_read_in_blocks_on_demand(built: Gazetteer) -> None:
    _, gaz = unpack(pack(built, "test"))
    records = gaz.by_key._records  # type: ignore[attr-defined]
    before = len(records._blocks)
    gaz.lookup("Pandi")
    assert 0 < len(records._blocks) - before <= len(gaz.lookup("Pandi"))


def test_the_shipped_table_gives_the_built_gazetteer(built: Gazetteer) -> None:
    data = resources.files("eventwire.data").joinpath(TABLE).read_bytes()
    stamp, shipped = unpack(data)
    assert stamp == fingerprint(), REBUILD
    assert contents(shipped) == contents(built), REBUILD
    assert data == pack(built, stamp), REBUILD


def test_a_place_is_one_object_however_it_is_reached(built: Gazetteer) -> None:
    _, gaz = unpack(pack(built, "test"))
    (colombia,) = [m.record for m in gaz.lookup("Colombia") if m.record.source == "country"]
    assert colombia is gaz.countries["COL"]
    assert gaz.lookup("Colombia")[0] is gaz.lookup("colombia")[0]
    assert gaz.lookup("no such place at all") == []
    assert "colombia" in gaz.by_key and "no such place at all" not in gaz.by_key


def test_the_process_reads_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    load_gazetteer.cache_clear()
    try:
        calls: list[str] = []
        import eventwire.geo.build as build

        monkeypatch.setattr(build, "build_gazetteer", lambda: calls.append("built"))
        assert load_gazetteer().country_of_name("the U.S.") == "USA"
        assert calls == []
    finally:
        load_gazetteer.cache_clear()
