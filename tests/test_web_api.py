"""The HTTP API and the pages of `eventwire serve`, over a small store of known documents.

The store is written from hand-made document results (exact spans, no model), so every
count below is known; one test codes a posted document through the real pipeline.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import hashlib
import io
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import httpx
import pytest

with warnings.catch_warnings():  # this Starlette prefers httpx2 but works with httpx
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from eventwire.cli import main
from eventwire.errors import EventwireError
from eventwire.lexicon import cameo
from eventwire.model import (
    ActorRef,
    Attribution,
    AttributionSource,
    Content,
    Cue,
    DocumentResult,
    Event,
    LedgerItem,
    Location,
    Place,
)
from eventwire.store import open_store
from eventwire.store.derive import rebuild
from eventwire.store.writer import Stored, write_batch
from eventwire.web import budget, cache, create_app, queries
from eventwire.web.api import ENDPOINTS
from eventwire.web.highlight import segments
from eventwire.web.hosts import name_of, served_hosts
from eventwire.web.names import code_name
from eventwire.web.search import MAX_QUERY, MAX_TERMS, SYNTAXES, fts_query

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
TOKEN = "s3cret-token"
CARACAS = Location(name="Caracas", country="VEN", kind="city", lat=10.49, lon=-66.88)
CARTAGENA = Location(name="Cartagena", country="COL", kind="city", lat=10.39, lon=-75.51)


def at(text: str, words: str, after: int = 0) -> tuple[int, int]:
    """The span of ``words`` in ``text`` (first occurrence from ``after``)."""
    start = text.index(words, after)
    return start, start + len(words)


def actor(text: str, words: str, code: str, name: str) -> ActorRef:
    return ActorRef(text=words, name=name, code=code, country=code[:3], sector=code[3:] or None,
                    span=at(text, words))  # fmt: skip


def event(text: str, sentence: str, trigger: str, code: str, source: ActorRef,
          target: ActorRef, day: str, **extra: object) -> Event:  # fmt: skip
    entry = cameo(code)
    span = at(text, sentence)
    return Event(source=source, target=target, cameo=code, plover=entry.plover,
                 goldstein=entry.goldstein, quad_class=entry.quad_class, date=day, span=span,
                 trigger=at(text, trigger, span[0]), text=sentence, **extra)  # fmt: skip


def said(text: str, speaker: str, cue: str, content: str) -> Attribution:
    return Attribution(
        source=AttributionSource(text=speaker, span=at(text, speaker)),
        cue=Cue(text=cue, span=at(text, cue)),
        content=Content(text=content, spans=[at(text, content)]),
        kind="indirect",
        certainty="reported",
    )


def harbor() -> tuple[str, DocumentResult]:
    text = (
        "Officials said the United States accused Venezuela of smuggling on November 21. "
        "Washington also threatened new sanctions against Caracas."
    )
    first, second = text.split(". ")
    first += "."
    usa, ven = (
        actor(text, "the United States", "USAGOV", "United States"),
        actor(text, "Venezuela", "VENGOV", "Venezuela"),
    )
    return text, DocumentResult(
        id="harbor-1", published="2025-11-22", title="Washington accuses Caracas",
        outlet="Harbor Times", url="https://example.org/harbor-1",
        events=[
            event(text, first, "accused", "112", usa, ven, "2025-11-21", certainty="reported",
                  attributed_to=["Officials"]),
            event(text, second, "threatened", "130", actor(text, "Washington", "USAGOV",
                  "United States"), actor(text, "Caracas", "VENGOV", "Venezuela"), "2025-11-21",
                  location=CARACAS),
        ],
        attributions=[said(text, "Officials", "said", first[len("Officials said "):])],
        places=[Place(span=at(text, "Caracas"), text="Caracas", name="Caracas", country="VEN",
                      lat=10.49, lon=-66.88)],
        ledger=[LedgerItem(kind="threat", from_="USAGOV", to="VENGOV", what="new sanctions")],
    )  # fmt: skip


def andes() -> tuple[str, DocumentResult]:
    text = "The United States accused Venezuela of smuggling, Venezuelan officials confirmed."
    return text, DocumentResult(
        id="andes-1", published="2025-11-23", title="Smuggling charge confirmed",
        outlet="Andes Wire",
        events=[event(text, text, "accused", "112", actor(text, "The United States", "USAGOV",
                "United States"), actor(text, "Venezuela", "VENGOV", "Venezuela"),
                "2025-11-21")],
        ledger=[LedgerItem(kind="threat", from_="USAGOV", to="VENGOV", what="new sanctions",
                           status="withdrawn")],
    )  # fmt: skip


def hostile() -> tuple[str, DocumentResult]:
    """An article whose text, title and outlet carry markup that must never run."""
    text = (
        f"Colombia {SCRIPT} praised Venezuela in Cartagena. "
        f"A reader said {IMG} was sent to the editor."
    )
    first = text[: text.index(".") + 1]
    return text, DocumentResult(
        id="hostile-1", published="2025-12-02", title=f"{SCRIPT} Headline",
        outlet="<b>Bold</b> Wire", url="javascript:alert(1)",
        events=[event(text, first, "praised", "051", actor(text, "Colombia", "COLGOV",
                "Colombia"), actor(text, "Venezuela", "VENGOV", "Venezuela"), "2025-12-01",
                location=CARTAGENA)],
        attributions=[said(text, "A reader", "said", f"{IMG} was sent to the editor")],
    )  # fmt: skip


def build_store(path: Path) -> Path:
    """A store of the three documents above, with incidents and the ledger derived."""
    conn = open_store(path)
    batch = []
    for text, result in (harbor(), andes(), hostile()):
        digest = hashlib.sha256(text.encode()).hexdigest()
        batch.append(Stored(hash=digest, source="test", text=text, result=result))
    write_batch(conn, batch)
    rebuild(conn)
    conn.close()
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "web.sqlite")


@pytest.fixture(scope="module")
def client(store: Path) -> TestClient:
    return TestClient(create_app(store))


def get(client: TestClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_segments_cut_overlapping_spans_and_clip_to_the_window() -> None:
    text = "Officials said the army fired."
    marks = [(0, 9, "speaker"), (10, 14, "cue"), (15, 30, "content"), (24, 29, "trigger")]
    pieces = segments(text, marks, 10, 30)
    assert [(p["text"], p["marks"]) for p in pieces] == [
        ("said", ["cue"]),
        (" ", []),
        ("the army ", ["content"]),
        ("fired", ["content", "trigger"]),
        (".", ["content"]),
    ]
    assert segments(text, [(5, 99, "x")], 0, 10)[-1] == {"text": "ials ", "marks": ["x"]}


def test_user_words_become_quoted_fts_terms() -> None:
    assert fts_query('ambassador OR "recall* NEAR(') == '"ambassador" "OR" "recall"* "NEAR"'
    assert fts_query("a OR b", "fts") == "a OR b"


def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    spec = get(client, "/api/openapi.json")
    assert spec["openapi"].startswith("3.")
    for e in ENDPOINTS:
        assert e.method.lower() in spec["paths"][e.path]
    params = {p["name"] for p in spec["paths"]["/api/incidents"]["get"]["parameters"]}
    assert {"since", "until", "dyad", "min_sources", "limit", "offset", "format"} <= params


def test_overview(client: TestClient) -> None:
    data = get(client, "/api/overview")
    assert data["summary"]["documents"] == 3
    assert data["incidents"] == 3
    top = data["dyads"][0]
    assert (top["source"], top["target"], top["events"]) == ("USA", "VEN", 3)
    assert set(top["escalation"]) >= {"z", "escalating"}
    assert data["ledger_status"] == {"withdrawn": 1}


@pytest.mark.parametrize(
    ("query", "total"),
    [
        ("", 3),
        ("?dyad=USA:VEN", 2),
        ("?dyad=usa:ven&root=13", 1),
        ("?min_sources=2", 1),
        ("?country=COL", 1),
        ("?actor=COLGOV", 1),
        ("?since=2025-12-01", 1),
        ("?until=2025-11-30", 2),
        ("?certainty=asserted", 3),  # an incident takes the firmest of its reports
    ],
)
def test_incident_filters(client: TestClient, query: str, total: int) -> None:
    assert get(client, "/api/incidents" + query)["total"] == total


@pytest.mark.parametrize(
    "query",
    ["?limit=0", "?limit=501", "?offset=-1", "?since=yesterday", "?dyad=USA", "?certainty=sure",
     "?min_sources=x", "?sort=random", "?root=abc", "?format=xml"],
)  # fmt: skip
def test_unreadable_parameters_are_400(client: TestClient, query: str) -> None:
    assert "error" in get(client, "/api/incidents" + query, 400)


def test_pagination_keeps_the_total(client: TestClient) -> None:
    first = get(client, "/api/incidents?limit=2")
    second = get(client, "/api/incidents?limit=2&offset=2")
    assert (first["total"], len(first["rows"]), len(second["rows"])) == (3, 2, 1)
    ids = {r["id"] for r in first["rows"]} | {r["id"] for r in second["rows"]}
    assert len(ids) == 3


def test_incident_reports_carry_highlighted_evidence(client: TestClient) -> None:
    (merged,) = get(client, "/api/incidents?min_sources=2")["rows"]
    data = get(client, f"/api/incidents/{merged['id']}")
    assert (data["cameo"], data["outlets"], len(data["reports"])) == ("112", 2, 2)
    report = data["reports"][0]
    assert report["outlet"] == "Harbor Times"
    pieces = report["evidence"]
    assert "".join(p["text"] for p in pieces) == report["text"]
    marked = {p["text"]: p["marks"] for p in pieces if p["marks"]}
    assert marked["accused"] == ["content", "trigger"]
    assert marked["Officials"] == ["speaker"]
    assert marked["said"] == ["cue"]
    assert "source" in marked["the United States"]
    assert get(client, "/api/incidents/999", 404)["error"]


def test_events_filters_and_evidence_search(client: TestClient) -> None:
    assert get(client, "/api/events")["total"] == 4
    assert get(client, "/api/events?dyad=USA:VEN&root=11")["total"] == 2
    assert get(client, "/api/events?certainty=reported")["total"] == 1
    found = get(client, "/api/events?q=threatened")
    assert [r["cameo"] for r in found["rows"]] == ["130"]
    assert found["rows"][0]["attributed_to"] == []
    assert {"killed", "wounded"} <= set(found["rows"][0])


def test_csv_by_parameter_and_by_suffix(client: TestClient) -> None:
    by_suffix = client.get("/api/incidents.csv?dyad=USA:VEN")
    by_param = client.get("/api/incidents?dyad=USA:VEN&format=csv")
    assert by_suffix.headers["content-type"].startswith("text/csv")
    assert by_suffix.text == by_param.text
    rows = list(csv.DictReader(io.StringIO(by_suffix.text)))
    assert len(rows) == 2 and {"id", "cameo", "confidence"} <= set(rows[0])
    ledger = list(csv.DictReader(io.StringIO(client.get("/api/ledger.csv").text)))
    assert '"status": "withdrawn"' in ledger[0]["history"]


def test_actors_and_counterparts(client: TestClient) -> None:
    actors = get(client, "/api/actors")
    assert actors["rows"][0]["code"] == "VENGOV"
    assert get(client, "/api/actors?q=col")["total"] == 1
    ven = get(client, "/api/actors/VENGOV")
    counterparts = {c["other"]: c for c in ven["counterparts"]}
    assert counterparts["USAGOV"]["as_target"] == 3
    assert counterparts["COLGOV"]["as_target"] == 1
    assert len(ven["incidents"]) == 3 and ven["ledger"][0]["status"] == "withdrawn"
    get(client, "/api/actors/NOBODY", 404)


def test_dyad_series_and_escalation(client: TestClient) -> None:
    data = get(client, "/api/series?dyad=USA:VEN")
    assert [(p["period"], p["events"]) for p in data["points"]] == [("2025-11-21", 3)]
    assert data["escalation"]["escalating"] is False
    week = get(client, "/api/series?dyad=USA:VEN&period=week")
    assert week["points"][0]["period"].startswith("2025-W")
    get(client, "/api/series", 400)
    assert get(client, "/api/dyads")["rows"][0]["source"] == "USA"


def test_ledger_with_history(client: TestClient) -> None:
    (item,) = get(client, "/api/ledger")["rows"]
    assert (item["kind"], item["status"]) == ("threat", "withdrawn")
    assert [h["status"] for h in item["history"]] == ["open", "withdrawn"]
    assert get(client, "/api/ledger?kind=offer")["total"] == 0
    assert get(client, "/api/ledger?status=withdrawn&actor=USA")["total"] == 1
    get(client, "/api/ledger?status=maybe", 400)


def test_documents_with_their_annotations(client: TestClient) -> None:
    listing = get(client, "/api/documents")
    assert listing["total"] == 3 and listing["rows"][0]["id"] == "hostile-1"
    key = next(r["key"] for r in listing["rows"] if r["id"] == "harbor-1")
    doc = get(client, f"/api/documents/{key}")
    assert doc["text"].startswith("Officials said")
    assert doc["result"]["events"][0]["trigger"] == list(at(doc["text"], "accused"))
    assert "".join(s["text"] for s in doc["segments"]) == doc["text"]
    assert get(client, "/api/documents?since=2025-11-23&until=2025-11-30")["total"] == 1
    get(client, "/api/documents/12345", 404)
    get(client, "/api/documents/abc", 400)


def test_full_text_search(client: TestClient) -> None:
    found = get(client, "/api/search?q=smuggling")
    assert found["total"] == 2 and found["in"] == "documents"
    assert any(p["marks"] == ["match"] for p in found["rows"][0]["snippet"])
    evidence = get(client, "/api/search?q=sanction*&in=evidence")
    assert evidence["total"] == 1 and evidence["rows"][0]["cameo"] == "130"
    # user input is quoted word by word: FTS5 syntax in it is searched, not obeyed
    assert get(client, '/api/search?q=Venezuela: ("smuggling*')["total"] == 2
    assert get(client, "/api/search?q=smuggling OR nothing&syntax=fts")["total"] == 2


@pytest.mark.parametrize("query", ['"unbalanced', "AND AND", "nosuchcolumn:word", "NEAR("])
def test_malformed_fts_query_is_400(client: TestClient, query: str) -> None:
    data = get(client, f"/api/search?syntax=fts&q={query}", 400)
    assert data["error"].startswith("the search query cannot be read")


def test_search_needs_words(client: TestClient) -> None:
    get(client, "/api/search", 400)
    get(client, "/api/search?q=%22%22", 400)
    get(client, "/api/search?q=x&in=everything", 400)


def test_places(client: TestClient) -> None:
    rows = get(client, "/api/places")["rows"]
    assert {(r["name"], r["events"]) for r in rows} == {("Caracas", 1), ("Cartagena", 1)}
    assert [r["name"] for r in get(client, "/api/places?country=COL")["rows"]] == ["Cartagena"]


def test_hostile_article_is_returned_as_data(client: TestClient) -> None:
    (row,) = get(client, "/api/search?q=editor")["rows"]
    doc = get(client, f"/api/documents/{row['key']}")
    assert SCRIPT in doc["text"] and IMG in doc["text"]
    assert doc["title"] == f"{SCRIPT} Headline"
    assert any(SCRIPT in s["text"] for s in doc["segments"])


@pytest.mark.parametrize(
    "path", ["/documents/{key}", "/timeline", "/incidents", "/search?q=editor"]
)
def test_hostile_article_renders_escaped(client: TestClient, store: Path, path: str) -> None:
    key = get(client, "/api/search?q=editor")["rows"][0]["key"]
    html = client.get(path.format(key=key)).text
    assert "<script>alert" not in html and "<img src=x" not in html
    if path.startswith("/documents"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert "javascript:alert" not in html  # an unsafe URL is not made a link


def test_security_headers_and_no_cors(client: TestClient) -> None:
    for path in ("/", "/api/incidents", "/static/app.css"):
        response = client.get(path, headers={"Origin": "https://elsewhere.example"})
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    "path",
    ["/", "/incidents", "/incidents?dyad=USA:VEN&sort=confidence", "/timeline?dyad=USA:VEN",
     "/timeline?actor=COLGOV", "/timeline?q=smuggling", "/actors", "/actors/VENGOV", "/ledger",
     "/ledger?kind=threat", "/documents", "/search?q=sanctions&in=evidence", "/map"],
)  # fmt: skip
def test_every_page_renders(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "This page as JSON" in response.text


def test_page_errors_are_pages(client: TestClient) -> None:
    missing = client.get("/incidents/999")
    assert missing.status_code == 404 and "<h1>404</h1>" in missing.text
    bad = client.get("/incidents?since=tomorrow")
    assert bad.status_code == 400 and "since must be" in bad.text


def test_reading_never_writes(store: Path, client: TestClient) -> None:
    before = store.read_bytes()
    for path in ("/", "/api/incidents", "/api/search?q=smuggling", "/ledger"):
        client.get(path)
    assert store.read_bytes() == before


def test_writes_are_refused_without_permission(client: TestClient, store: Path) -> None:
    body = {"id": "new", "text": "Peru recalled its ambassador."}
    assert client.post("/api/documents", json=body).status_code == 403
    writable = TestClient(create_app(store, allow_writes=True, token=TOKEN, max_body=200))
    assert writable.post("/api/documents", json=body).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert writable.post("/api/documents", json=body, headers=wrong).status_code == 403
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"id": "big", "text": "word " * 100}
    assert writable.post("/api/documents", json=big, headers=auth).status_code == 413
    assert writable.post("/api/documents", content=b"{not json", headers=auth).status_code == 400
    assert writable.post("/api/documents", json={"id": "x"}, headers=auth).status_code == 400


def test_write_with_token_codes_and_stores(store: Path, tmp_path: Path) -> None:
    copy = shutil.copy(store, tmp_path / "copy.sqlite")
    writable = TestClient(create_app(copy, allow_writes=True, token=TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = "Peru recalled its ambassador to Venezuela on Tuesday, the ministry said."
    body = {"id": "peru-1", "published": "2025-12-03", "outlet": "Lima Daily", "text": text}
    stored = writable.post("/api/documents", json=body, headers=auth)
    assert stored.status_code == 201, stored.text
    assert stored.json()["result"]["id"] == "peru-1"
    doc = writable.get(f"/api/documents/{stored.json()['key']}").json()
    assert doc["text"] == body["text"] and doc["outlet"] == "Lima Daily"
    assert writable.get("/api/search?q=ambassador").json()["total"] == 1
    again = writable.post("/api/documents", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["stored"] is False
    empty = writable.post("/api/documents", json={"id": "e", "text": " "}, headers=auth)
    assert empty.status_code == 422 and empty.json()["error"].startswith("E101")


def test_unusable_stores_are_refused(tmp_path: Path) -> None:
    with pytest.raises(EventwireError, match="no store"):
        create_app(tmp_path / "missing.sqlite")
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"this is not a database" * 100)
    with pytest.raises(EventwireError, match="not a usable eventwire store"):
        create_app(corrupt)


def test_serve_command_refuses_bad_starts(tmp_path: Path, store: Path, capsys) -> None:
    assert main(["serve", "--db", str(tmp_path / "missing.sqlite")]) == 2
    assert "E300 no store" in capsys.readouterr().err
    assert main(["serve", "--db", str(store), "--allow-writes"]) == 2
    assert "needs a token" in capsys.readouterr().err
    assert main(["serve", "--db", str(store), "--workers", "0"]) == 2
    assert "--workers must be 1 or more" in capsys.readouterr().err
    assert main(["serve", "--db", str(store), "--workers", "2", "--allow-writes",
                 "--token", TOKEN]) == 2  # fmt: skip
    assert "needs one process" in capsys.readouterr().err


def test_serve_with_a_full_stdout_still_serves(
    store: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from types import SimpleNamespace

    from eventwire.cli import serve

    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    served: list[bool] = []
    monkeypatch.setattr(serve, "server", lambda app, args: SimpleNamespace(
        run=lambda: served.append(True)))  # fmt: skip
    monkeypatch.setattr(sys, "stdout", Full())
    assert main(["serve", "--db", str(store)]) == 0 and served == [True]
    assert "Traceback" not in capsys.readouterr().err


def test_cached_answers_follow_the_store(tmp_path: Path) -> None:
    db = tmp_path / "cache.sqlite"
    conn = open_store(db)
    text, result = harbor()
    write_batch(conn, [Stored(hash="first", source="test", text=text, result=result)])
    rebuild(conn)
    app_client = TestClient(create_app(db))
    first = app_client.get("/api/documents").json()
    assert app_client.get("/api/documents").json() == first  # the second comes from the cache
    text, result = andes()
    write_batch(conn, [Stored(hash="second", source="test", text=text, result=result)])
    rebuild(conn)
    conn.close()
    assert app_client.get("/api/documents").json()["total"] == first["total"] + 1


def test_a_word_repeated_3000_times_is_answered_at_once(client: TestClient) -> None:
    start = time.monotonic()
    data = get(client, "/api/search?q=" + "smuggling%20" * 3000, 400)
    assert time.monotonic() - start < 2 and "at most" in data["error"]
    repeated = get(client, "/api/search?q=" + "Smuggling%20smuggling%20" * 20)
    assert repeated["total"] == get(client, "/api/search?q=smuggling")["total"]
    assert fts_query("smuggling Smuggling talks smuggling") == '"smuggling" "talks"'


@pytest.mark.parametrize(
    "query", [" ".join(f"w{n}" for n in range(MAX_TERMS + 1)), "x" * (MAX_QUERY + 1)]
)
@pytest.mark.parametrize("syntax", SYNTAXES)
def test_searches_past_the_bounds_are_400(client: TestClient, query: str, syntax: str) -> None:
    data = get(client, f"/api/search?syntax={syntax}&q={query}", 400)
    assert "at most" in data["error"]


def test_a_word_repeated_past_the_bound_is_searched_once_or_refused_as_written(
    client: TestClient,
) -> None:
    repeated = "%20".join(["talks*"] * (MAX_TERMS + 1))
    assert get(client, f"/api/search?q={repeated}")["query"]  # searched once
    data = get(client, f"/api/search?syntax=fts&q={repeated}", 400)
    assert data["error"] == f"the search has {MAX_TERMS + 1} words; at most {MAX_TERMS}"


def test_queries_stop_when_the_time_budget_is_spent(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "CHECK_EVERY", 1)
    spent = TestClient(create_app(store, budget=0))
    assert "took longer" in get(spent, "/api/search?q=smuggling", 400)["error"]
    assert "took longer" in get(spent, "/api/overview", 503)["error"]


COUNT_FOREVER = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n"
)


@pytest.mark.parametrize("why", ["gone", "stopping"])
def test_queries_stop_when_the_client_leaves_or_the_server_stops(store: Path, why: str) -> None:
    gone = threading.Event()
    conn = open_store(store, readonly=True)
    budget.limit(conn, 60, gone)
    timer = threading.Timer(0.2, (gone if why == "gone" else budget.STOPPING).set)
    timer.start()
    start = time.monotonic()
    try:
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            conn.execute(COUNT_FOREVER).fetchone()
    finally:
        timer.join()
        budget.STOPPING.clear()
        conn.close()
    assert time.monotonic() - start < 2


def test_a_client_that_leaves_is_noticed() -> None:
    seen: list[bool] = []

    async def app(scope, receive, send) -> None:  # waits, as a long query would
        await receive()
        for _ in range(100):
            if scope[budget.GONE].is_set():
                break
            await asyncio.sleep(0.01)
        seen.append(scope[budget.GONE].is_set())

    messages = [{"type": "http.request", "body": b""}, {"type": "http.disconnect"}]

    async def receive() -> dict:
        return messages.pop(0) if messages else await asyncio.sleep(60)

    scope = {"type": "http", "method": "GET"}
    asyncio.run(budget.Presence(app)(scope, receive, None))
    assert seen == [True]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: Path, port: int, *options: str) -> tuple[subprocess.Popen[bytes], bytes]:
    """`eventwire serve` on the port, with its first line of output, once its API answers."""
    command = [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(store), "--port",
               str(port), *options]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    first = server.stdout.readline() if server.stdout else b""
    for _ in range(50):
        with contextlib.suppress(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{port}/api/openapi.json", timeout=1)
            break
        time.sleep(0.1)
    return server, first


def test_serve_checks_the_host_and_stops_within_a_second_of_sigterm(store: Path) -> None:
    port = free_port()
    server, first = start_server(store, port, "--allowed-host", "dash.example")
    try:
        assert b"serving" in first
        base = f"http://127.0.0.1:{port}"
        statuses = {
            host: httpx.get(base + "/api/overview", headers={"Host": host}).status_code
            for host in ("rebind.example", f"127.0.0.1:{port}", "localhost", "dash.example")
        }
        assert statuses == {"rebind.example": 400, f"127.0.0.1:{port}": 200, "localhost": 200,
                            "dash.example": 200}  # fmt: skip
        busy = socket.create_connection(("127.0.0.1", port))
        busy.sendall(f"GET /api/search?q={'smuggling%20' * 3000} HTTP/1.1\r\n".encode())
        busy.sendall(f"Host: 127.0.0.1:{port}\r\n\r\n".encode())
        time.sleep(0.3)
        start = time.monotonic()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=5)
        assert time.monotonic() - start < 1
        busy.close()
    finally:
        server.kill()
        server.wait()


def test_serve_with_worker_processes_answers_from_each_and_stops_on_sigterm(store: Path) -> None:
    import psutil

    port = free_port()
    server, first = start_server(store, port, "--workers", "2")
    try:
        assert b"2 processes" in first
        workers = {p.pid for p in psutil.Process(server.pid).children()}
        answered: set[int] = set()
        for _ in range(40):  # a new connection each time: the kernel spreads them
            with socket.create_connection(("127.0.0.1", port)) as conn:
                conn.sendall(f"GET /api/overview HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
                             .encode())  # fmt: skip
                assert conn.recv(64).startswith(b"HTTP/1.1 200")  # the worker holds it open
                answered.add(next(c.pid for c in psutil.net_connections("tcp")
                                  if c.laddr == conn.getpeername() and c.raddr
                                  and c.raddr == conn.getsockname()))  # fmt: skip
        assert len(workers) == 2 and answered == workers
        start = time.monotonic()
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=5) == 0 and time.monotonic() - start < 2
        assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != "zombie"
                       for pid in workers)  # fmt: skip
    finally:
        server.kill()
        server.wait()


def test_host_rules(store: Path) -> None:
    loopback = served_hosts("127.0.0.1", ["Dash.Example."])
    assert all(loopback.allows(name_of(h)) for h in ("localhost:8000", "[::1]:80", "dash.example"))
    assert not loopback.allows(name_of("127.0.0.1.attacker.example"))
    anywhere = served_hosts("0.0.0.0")
    assert anywhere.allows(name_of("192.0.2.7:8000")) and not anywhere.allows("rebind.example")
    host_only = TestClient(create_app(store, hosts=served_hosts("127.0.0.1")))
    refused = host_only.get("/api/overview", headers={"Host": "rebind.example"})
    assert refused.status_code == 400 and "--allowed-host" in refused.json()["error"]
    assert refused.headers["x-frame-options"] == "DENY"


FORMULAS = ["=HYPERLINK(1)", "+SUM(1)", "-2+3", "@SUM(1)", "\tcmd", "\rcmd"]


def test_csv_cells_that_spreadsheets_would_run_are_made_inert(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "f.sqlite")
    text, result = harbor()
    batch = [
        Stored(f"h{n}", "test", text, result.model_copy(update={"id": f"d{n}", "title": f}))
        for n, f in enumerate(FORMULAS)
    ]
    write_batch(conn, batch)
    rebuild(conn)
    conn.close()
    app_client = TestClient(create_app(tmp_path / "f.sqlite"))
    titles = [
        r["title"]
        for r in csv.DictReader(io.StringIO(app_client.get("/api/documents.csv").text, newline=""))
    ]
    assert sorted(titles) == sorted("'" + f for f in FORMULAS)
    events = list(csv.DictReader(io.StringIO(app_client.get("/api/events.csv").text)))
    assert {r["goldstein"] for r in events} == {"-2.0", "-4.4"}  # numbers stay numbers


@pytest.mark.parametrize(
    "url",
    ["/api/incidents?limit=%C2%B2", "/api/incidents?offset=9223372036854775808",
     "/api/incidents?min_sources=9223372036854775808", "/api/documents/9223372036854775808",
     "/api/documents/%C2%B2", "/api/incidents/%D9%A3", "/incidents/%C2%B2", "/documents/%EF%BC%91",
     "/api/incidents?limit=%EF%BC%91%EF%BC%90", "/api/incidents?limit=%D9%A3",
     "/api/incidents?since=%EF%BC%92025", "/api/incidents?root=%D9%A1%D9%A3",
     "/api/dyads?limit=%C2%B9"],
)  # fmt: skip
def test_numbers_are_ascii_digits_within_bounds(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400, response.text


@pytest.mark.parametrize("path", ["/api/overview", "/"])
def test_a_500_is_a_problem_answer_with_the_security_headers(
    store: Path, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    monkeypatch.setattr(queries, "overview", lambda conn: 1 / 0)
    response = TestClient(create_app(store), raise_server_exceptions=False).get(path)
    assert response.status_code == 500
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    if path == "/":
        assert "<h1>500</h1>" in response.text
    else:
        assert response.json()["status"] == 500


def test_a_store_damaged_while_served_is_a_503_with_e300(store: Path, tmp_path: Path) -> None:
    copy = Path(shutil.copy(store, tmp_path / "copy.sqlite"))
    served = TestClient(create_app(copy), raise_server_exceptions=False)
    data = bytearray(copy.read_bytes())
    data[4096:] = bytes(len(data) - 4096)
    copy.write_bytes(bytes(data))
    response = served.get("/api/incidents?limit=7")
    assert response.status_code == 503 and response.json()["error"].startswith("E300")
    assert response.headers["x-content-type-options"] == "nosniff"


def test_the_cache_is_bounded_by_bytes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(cache, "MAX_BYTES", 25_000)

    async def app(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"x" * 10_000})

    async def ignore(message) -> None:
        pass

    kept = cache.ResponseCache(app, tmp_path / "none.sqlite")
    for n in range(5):
        scope = {"type": "http", "method": "GET", "path": f"/api/{n}", "query_string": b""}
        asyncio.run(kept(scope, None, ignore))
    assert kept.size <= 25_000 and list(kept.entries) == [b"/api/3?", b"/api/4?"]


def test_pages_lead_with_names_and_show_codes_beside_them(client: TestClient) -> None:
    assert code_name("VENGOV") == "Venezuelan government"
    assert code_name("VENMIL") != code_name("VENCVL")  # not both "Venezuela"
    assert code_name("VEN") == "Venezuela" and code_name("XYZABC") is None
    page = client.get("/actors/VENGOV").text
    assert '<h1>Venezuelan government <span class="code">VENGOV</span></h1>' in page
    overview = client.get("/").text
    assert '>Venezuelan government</a> <span class="code">VENGOV</span>' in overview
    assert ">United States → Venezuela</a>" in overview


def test_the_overview_leads_with_the_best_corroborated_incidents(client: TestClient) -> None:
    best = get(client, "/api/overview")["best_incidents"]
    assert [r["outlets"] for r in best] == sorted((r["outlets"] for r in best), reverse=True)
    assert best[0]["outlets"] == 2 and best[0]["cameo"] == "112"
    assert get(client, "/api/overview")["best_since"] == "2025-11-02"  # 30 days to 1 December
    page = client.get("/").text
    assert "Best-corroborated recent incidents" in page
    assert page.index('id="best-incidents"') < page.index('id="dyads"')  # it leads the page


def test_search_finds_event_types_by_name(client: TestClient) -> None:
    found = get(client, "/api/timeline?q=endorse")  # "Praise or endorse"; the text says praised
    assert [r["cameo"] for r in found["rows"]] == ["051"] and found["total"] == 1
    assert "Praise or endorse" in client.get("/timeline?q=endorse").text


def test_the_event_type_filter_is_a_picker_of_cameo_roots(client: TestClient) -> None:
    page = client.get("/timeline?root=13").text
    assert '<select name="root">' in page
    assert '<option value="13" selected>13 Threaten</option>' in page
