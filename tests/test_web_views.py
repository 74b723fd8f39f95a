"""The dashboard's views for analysts: an actor's people, names in headings, the quick search,
the codebook, downloads, event types over time, dyads compared and the server-drawn map.

Over the API tests' store of three hand-made documents, so every count is known.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import warnings
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from test_web_api import build_store, get

with warnings.catch_warnings():  # this Starlette prefers httpx2 but works with httpx
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from eventwire.cli import main
from eventwire.lexicon import cameo_codes
from eventwire.web import create_app, queries
from eventwire.web.people import people
from eventwire.web.worldmap import (
    View,
    clusters,
    marks,
    overlaps,
    project,
    split_at_antimeridian,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("views") / "web.sqlite")


@pytest.fixture(scope="module")
def client(store: Path) -> TestClient:
    return TestClient(create_app(store))


def test_an_actor_page_lists_its_people_and_their_dated_roles(client: TestClient) -> None:
    found = get(client, "/api/actors/VENGOV")["people"]
    maduro = next(p for p in found if p["name"] == "Nicolás Maduro")
    assert {"title": "President", "start": "2013-03-05", "end": None} in maduro["roles"]
    assert maduro["current"] and maduro["kind"] == "person"
    page = client.get("/actors/VENGOV").text
    assert 'id="people-table"' in page and "Nicolás Maduro" in page and "to date" in page
    assert "Hugo Chávez" in page  # a former holder, with his dates
    first = people("VENGOV", ["Hugo Chávez"])[0]
    assert first["name"] == "Hugo Chávez" and first["named"]  # named in the articles: first


def test_headings_give_names_with_the_codes_beside_them(client: TestClient) -> None:
    page = client.get("/timeline?dyad=usa:ven").text
    assert '<h1>Timeline: United States → Venezuela <span class="code">USA:VEN</span></h1>' in page
    assert "United States → Venezuela per day" in page
    page = client.get("/timeline?actor=VENGOV").text
    assert "<h1>Timeline: Venezuelan government" in page
    assert "<h1>Timeline: Accuse" in client.get("/timeline?cameo=112").text


def test_the_quick_search_finds_actors_and_event_types(client: TestClient) -> None:
    found = get(client, "/api/lookup?q=venezuelan government")
    assert [a["code"] for a in found["actors"]] == ["VENGOV"]
    assert get(client, "/api/lookup?q=accuse")["event_types"][0]["code"] == "112"
    assert get(client, "/api/lookup?q=130")["event_types"][0]["name"] == "Threaten"
    page = client.get("/search?q=venezuelan+government").text
    assert 'href="/actors/VENGOV">Venezuelan government' in page
    assert 'href="/timeline?cameo=112">Accuse' in client.get("/search?q=accuse").text
    assert "Search articles, actors, event types" in page
    assert "error" in get(client, "/api/lookup", 400)


def test_the_codebook_reads_the_project_tables_and_counts_the_store(client: TestClient) -> None:
    data = get(client, "/api/codebook")
    assert len(data["cameo"]) == len(cameo_codes())
    accuse = next(c for c in data["cameo"] if c["code"] == "112")
    assert (accuse["name"], accuse["goldstein"], accuse["quad_class"]) == ("Accuse", -2.0, 3)
    assert (accuse["quad_name"], accuse["plover"], accuse["events"]) == (
        "Verbal conflict", "ACCUSE", 2)  # fmt: skip
    assert next(r for r in data["roots"] if r["root"] == "11")["events"] == 2
    assert "112" in next(t for t in data["plover"] if t["plover"] == "ACCUSE")["codes"]
    assert next(c for c in data["countries"] if c["code"] == "VEN")["name"] == "Venezuela"
    assert {"code": "GOV", "name": "government"} in data["sectors"]
    assert data["actors"][0]["label"] == "Venezuelan government"
    page = client.get("/codebook").text
    assert '<a class="cameo-code" href="/timeline?cameo=112">112</a>' in page
    assert 'id="root-13"' in page and 'data-filter-table="cameo-table"' in page


@pytest.mark.parametrize(
    ("query", "total"),
    [("?cameo=112", 2), ("?cameo=13", 1), ("?cameo=11", 2), ("?place=Caracas", 1),
     ("?place=Caracas&cameo=112", 0)],
)  # fmt: skip
def test_the_codebook_and_map_filters(client: TestClient, query: str, total: int) -> None:
    assert get(client, "/api/events" + query)["total"] == total


@pytest.mark.parametrize("query", ["?cameo=abc", "?cameo=1", "?cameo=12345", "?place=" + "x" * 201])
def test_unreadable_codebook_and_map_filters_are_400(client: TestClient, query: str) -> None:
    assert "error" in get(client, "/api/events" + query, 400)


@pytest.mark.parametrize("path", ["/timeline", "/incidents", "/map", "/types"])
def test_the_event_filters_pick_codes_from_the_codebook(client: TestClient, path: str) -> None:
    page = client.get(path).text
    assert 'list="cameo-codes"' in page and '<option value="112">112 Accuse</option>' in page
    assert '<select name="root">' in page and '<option value="13">13 Threaten</option>' in page
    for name in ("actor", "country", "dyad"):
        assert f'name="{name}" value="" placeholder' in page and f'list="{name}-codes"' in page
    assert '<option value="VENGOV">Venezuelan government · 4 events</option>' in page
    assert '<option value="COL">Colombia · 1 event</option>' in page
    assert '<option value="USA:VEN">United States → Venezuela · 3 events</option>' in page


def test_the_ledger_picks_its_party_from_the_store(client: TestClient) -> None:
    page = client.get("/ledger?actor=USAGOV").text
    assert 'name="actor" value="USAGOV"' in page and 'list="actor-codes"' in page
    assert '<option value="USAGOV">' in page


def test_downloads_are_what_eventwire_export_writes(client: TestClient, store: Path,
                                                   tmp_path: Path) -> None:  # fmt: skip
    for fmt in ("jsonl", "csv", "parquet", "gdelt"):
        out = tmp_path / f"events.{fmt}"
        assert main(["export", "events", "--format", fmt, "--db", str(store), "--dyad",
                     "USA:VEN", "-o", str(out)]) == 0  # fmt: skip
        response = client.get(f"/api/export/events.{fmt}?dyad=USA:VEN")
        assert response.status_code == 200
        assert "attachment" in response.headers["content-disposition"]
        if fmt == "parquet":
            assert pq.read_table(io.BytesIO(response.content)).equals(pq.read_table(out))
        else:
            assert response.content == out.read_bytes()
    rows = client.get("/api/export/events.jsonl?dyad=USA:VEN").text.splitlines()
    assert len(rows) == 3 and json.loads(rows[0])["cameo"] == "112"
    gdelt = client.get("/api/export/incidents.gdelt").text.splitlines()
    assert len(gdelt) == 3 and len(gdelt[0].split("\t")) == 61
    searched = client.get("/api/export/events.jsonl?q=threatened").text.splitlines()
    assert [json.loads(r)["cameo"] for r in searched] == ["130"]  # the page's search narrows it
    assert "error" in get(client, "/api/export/ledger.gdelt", 400)
    assert "error" in get(client, "/api/export/documents.csv", 400)


def test_pages_offer_every_format_and_a_pandas_line(client: TestClient) -> None:
    page = client.get("/timeline?dyad=USA:VEN").text
    for fmt in ("jsonl", "csv", "parquet", "gdelt"):
        assert f'href="/api/export/events.{fmt}?dyad=USA%3AVEN"' in page
    assert "pd.read_parquet(&#39;http://testserver/api/export/events.parquet?dyad=USA%3AVEN" in page
    assert 'href="/api/export/incidents.gdelt"' in client.get("/incidents").text
    ledger = client.get("/ledger").text
    assert 'href="/api/export/ledger.csv"' in ledger and "ledger.gdelt" not in ledger


def test_event_types_over_time(client: TestClient) -> None:
    daily = get(client, "/api/types")
    assert (daily["period"], daily["total"], len(daily["points"])) == ("day", 4, 11)
    assert [k["key"] for k in daily["keys"]] == ["05", "11", "13"]
    assert daily["points"][0]["counts"] == {"11": 2, "13": 1}
    weekly = get(client, "/api/types?period=week&by=quad")
    assert [p["period"] for p in weekly["points"]] == ["2025-W47", "2025-W48", "2025-W49"]
    first = weekly["points"][0]
    assert (first["start"], first["end"]) == ("2025-11-17", "2025-11-23")
    assert weekly["points"][0]["counts"] == {"3": 3}  # verbal conflict
    assert get(client, "/api/types?dyad=COL:VEN")["total"] == 1
    csv_rows = client.get("/api/types.csv").text.splitlines()
    assert csv_rows[0] == "period,start,end,root,name,events" and len(csv_rows) == 4
    page = client.get("/types").text
    assert 'href="/timeline?since=2025-11-21&amp;until=2025-11-21&amp;root=11"' in page
    assert "<title>2025-11-21 · Disapprove: 2</title>" in page
    assert "error" in get(client, "/api/types?period=month", 400)


def test_event_types_offer_a_brush_whose_window_the_other_views_take(client: TestClient) -> None:
    page = client.get("/types?actor=VENGOV").text
    assert '<svg class="chart-svg brushable" id="types-chart" data-brush="types-columns"' in page
    block = re.search(r'<script type="application/json" id="types-columns">(.*?)</script>', page)
    columns = json.loads(block.group(1)) if block else []
    assert len(columns) == 11 and columns[0]["start"] == "2025-11-21"
    assert all(a["x1"] == b["x0"] for a, b in itertools.pairwise(columns))  # no gaps
    assert 'data-view="/timeline" href="/timeline?actor=VENGOV"' in page
    windowed = client.get("/types?actor=VENGOV&since=2025-11-21&until=2025-11-23").text
    assert "Window 2025-11-21 to 2025-11-23" in windowed
    for path in ("/timeline", "/incidents", "/map", "/ledger"):
        href = f"{path}?since=2025-11-21&amp;until=2025-11-23&amp;actor=VENGOV"
        assert f'data-view="{path}" href="{href}"' in windowed
    policy = client.get("/types").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert '<script src="/static/app.js" defer></script>' in page  # the brush: the app's own
    assert client.get("/static/app.js").status_code == 200


def test_dyads_compared_on_one_chart(client: TestClient) -> None:
    data = get(client, "/api/compare?dyad=USA:VEN&dyad=COL:VEN")
    assert [(d["label"], d["events"]) for d in data["dyads"]] == [
        ("United States → Venezuela", 3), ("Colombia → Venezuela", 1)]  # fmt: skip
    assert "error" in get(client, "/api/compare?" + "&".join(["dyad=USA:VEN"] * 4), 400)
    assert "error" in get(client, "/api/compare", 400)
    page = client.get("/compare?dyad=USA:VEN&dyad=COL:VEN&period=week").text
    assert "<h1>Compare dyads: United States → Venezuela · Colombia → Venezuela</h1>" in page
    assert page.count('<g class="series series-') == 4  # two dyads on two charts
    assert "Give two or three dyads" in client.get("/compare").text
    assert page.count('list="dyad-codes"') == 3 and '<option value="COL:VEN">' in page
    assert 'href="/compare?dyad=USA:VEN&amp;dyad=COL:VEN"' in client.get("/").text


def test_the_map_is_drawn_on_the_server(client: TestClient) -> None:
    page = client.get("/map").text
    svg = page[page.index('<svg id="map"') : page.index("</svg>", page.index('<svg id="map"'))]
    assert svg.count('class="country') > 150 and svg.count('<circle class="point"') == 2
    assert 'href="/timeline?place=Caracas"' in svg and ">Caracas</text>" in svg
    assert re.search(r'class="country shade-[1-5]" d="[^"]+" data-code="VEN"', svg)
    assert "<script" not in svg  # drawn on the server; app.js only adds drag and wheel
    assert 'data-move="Zoom in"' in page and 'data-zoom="' in svg and 'data-max-zoom="64"' in svg
    venezuela = re.search(r'<a class="country-link" href="([^"]+)"><path class="country shade-'
                          r'[1-5]" d="[^"]+" data-code="VEN">', svg)  # fmt: skip
    assert venezuela and venezuela.group(1) == "/map?lon=-66.88&amp;lat=10.49&amp;zoom=16"
    assert svg.count('class="country-link"') == 2  # the two countries with places, no more
    world = client.get("/map?zoom=1&dyad=COL:VEN").text
    assert 'viewBox="0.000 0.000 960.000 480.000"' in world
    assert 'href="/timeline?dyad=COL%3AVEN&amp;place=Cartagena"' in world  # filters kept
    for bad in ("zoom=0", "zoom=65", "zoom=2&lon=200", "zoom=2&lat=1e3"):
        assert client.get("/map?" + bad).status_code == 400


def test_map_points_cluster_and_labels_do_not_collide() -> None:
    assert project(-180, 90) == (0.0, 0.0) and project(180, -90) == (960.0, 480.0)
    near = [
        {"name": n, "country": "VEN", "lat": 10.5, "lon": lon, "events": e}
        for n, lon, e in (("Caracas", -66.9, 3), ("Petare", -66.8, 1), ("Maracay", -67.6, 1))
    ]
    assert len(clusters(near, 1)) == 1 and len(clusters(near, 64)) == 3
    (one,) = marks(near, 1, {})
    assert one["cluster"] and one["text"] == "Caracas +2" and "zoom=4" in one["href"]
    drawn = marks(near, 64, {})
    labelled = [m for m in drawn if m["label"]]
    assert labelled[0]["text"] == "Caracas"  # the biggest is labelled first
    crowd = [{"name": f"Town {n}", "country": "VEN", "lat": 10.5 + n % 3 * 0.02,
              "lon": -66.9 + n * 0.03, "events": 1 + n % 4} for n in range(30)]  # fmt: skip
    for zoom in (8, 16, 64):
        drawn = marks(crowd, zoom, {})
        boxes = [m["label"]["box"] for m in drawn if m["label"]]
        dots = [(m["x"] - m["r"], m["y"] - m["r"], m["x"] + m["r"], m["y"] + m["r"]) for m in drawn]
        assert boxes and all(not overlaps(a, b) for a, b in itertools.combinations(boxes, 2))
        assert all(not overlaps(b, d) for b in boxes for d in dots), zoom  # nor with a point
    ring = [(170.0, 0.0), (-170.0, 0.0), (-170.0, 10.0), (170.0, 10.0), (170.0, 0.0)]
    assert len(split_at_antimeridian(ring)) == 2
    assert View(0, 0, 1).box() == (0.0, 0.0, 960.0, 480.0)


PLURAL_AFTER_ONE = re.compile(
    r"(?<![\d,.])1 (events|articles|outlets|reports|attributions|incidents|ledger items|"
    r"documents|entries)\b"
)


@pytest.mark.parametrize(
    "path", ["/", "/incidents/1", "/incidents/2", "/incidents/3", "/actors/COLGOV", "/documents",
             "/codebook", "/types?dyad=COL:VEN", "/map?dyad=COL:VEN", "/search?q=smuggling"]
)  # fmt: skip
def test_pages_count_in_the_number_of_their_noun(client: TestClient, path: str) -> None:
    text = re.sub(r"<[^>]+>", " ", client.get(path).text)
    text = re.sub(r"\s+", " ", text)
    assert not PLURAL_AFTER_ONE.search(text), PLURAL_AFTER_ONE.search(text)


def test_the_overview_leaves_out_incidents_older_than_its_window(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "RECENT_DAYS", 5)
    data = get(TestClient(create_app(store)), "/api/overview")
    assert data["best_since"] == "2025-11-27"
    assert [r["date"] for r in data["best_incidents"]] == ["2025-12-01"]  # not 21 November's
