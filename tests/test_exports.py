"""Exports in every format, their filters, and dyad series, over a store of known results."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventwire.cli import main
from eventwire.corpus.exports import Filters, rows, write_csv
from eventwire.corpus.gdelt import COLUMNS
from eventwire.corpus.series import Point, dyad_series, escalation
from eventwire.lexicon import cameo
from eventwire.model import ActorRef, Casualties, DocumentResult, Event, LedgerItem, Location
from eventwire.store import open_store
from eventwire.store.derive import rebuild
from eventwire.store.writer import Stored, write_batch

USA = ActorRef(text="Washington", name="United States", code="USAGOV", country="USA", sector="GOV")
VEN = ActorRef(text="Caracas", name="Venezuela", code="VENGOV", country="VEN", sector="GOV")
COL = ActorRef(text="Bogotá", name="Colombia", code="COLGOV", country="COL", sector="GOV")


def event(
    source: ActorRef,
    target: ActorRef,
    code: str,
    day: str,
    certainty: str = "asserted",
    place: Location | None = None,
) -> Event:
    entry = cameo(code)
    return Event(
        source=source,
        target=target,
        cameo=code,
        plover=entry.plover,
        goldstein=entry.goldstein,
        quad_class=entry.quad_class,
        date=day,
        certainty=certainty,
        location=place,
        span=(0, 10),
        trigger=(0, 4),
        text=f"{source.text} {entry.name.lower()} {target.text}",
    )


def doc(
    n: int, outlet: str, published: str, events: list[Event], ledger: list[LedgerItem] = ()
) -> Stored:
    result = DocumentResult(
        id=f"d{n}",
        outlet=outlet,
        published=published,
        events=events,
        ledger=list(ledger),
        url=f"https://example.org/{n}",
    )
    return Stored(hash=f"h{n}", source="test", text=f"text {n}", result=result)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "s.sqlite"
    cartagena = Location(name="Cartagena", country="COL", kind="city", lat=10.39, lon=-75.51)
    conn = open_store(path)
    write_batch(
        conn,
        [
            doc(
                1,
                "Harbor Times",
                "2025-11-22",
                [
                    event(USA, VEN, "041", "2025-11-21"),
                    event(USA, VEN, "139", "2025-11-21", "reported"),
                ],
                [
                    LedgerItem(
                        kind="demand", from_="USAGOV", to="VENGOV", what="Maduro must leave office"
                    )
                ],
            ),
            doc(2, "Andes Wire", "2025-11-23", [event(USA, VEN, "041", "2025-11-21")]),
            doc(
                3,
                "Caribbean Ledger",
                "2025-11-30",
                [event(USA, VEN, "191", "2025-11-29"), event(VEN, USA, "1231", "2025-11-21")],
                [
                    LedgerItem(
                        kind="demand",
                        from_="USAGOV",
                        to="VENGOV",
                        what="Maduro should leave office",
                        status="rejected",
                    )
                ],
            ),
            doc(
                4,
                "Andes Wire",
                "2025-12-02",
                [event(COL, VEN, "039", "2025-12-01", place=cartagena)],
            ),
        ],
    )
    rebuild(conn)
    conn.close()
    return path


def export(db: Path, tmp_path: Path, *args: str) -> str:
    out = tmp_path / "out"
    assert main(["export", *args, "--db", str(db), "-o", str(out), "--force"]) == 0
    return out.read_text(encoding="utf-8")


def test_incidents_merge_reports_across_outlets(db: Path) -> None:
    conn = open_store(db, readonly=True)
    calls = [r for r in rows(conn, "incidents", Filters()) if r["cameo"] == "041"]
    assert len(calls) == 1
    assert (calls[0]["mentions"], calls[0]["outlets"], calls[0]["articles"]) == (2, 2, 2)
    assert calls[0]["confidence"] > 0.8


def test_ledger_history_across_articles(db: Path, tmp_path: Path) -> None:
    (item,) = [json.loads(line) for line in export(db, tmp_path, "ledger").splitlines()]
    assert item["status"] == "rejected"
    assert [h["status"] for h in item["history"]] == ["open", "rejected"]


def test_jsonl_and_csv_agree(db: Path, tmp_path: Path) -> None:
    as_jsonl = [json.loads(line) for line in export(db, tmp_path, "events").splitlines()]
    as_csv = list(csv.DictReader(io.StringIO(export(db, tmp_path, "events", "--format", "csv"))))
    assert len(as_jsonl) == len(as_csv) == 6
    assert [r["cameo"] for r in as_jsonl] == [r["cameo"] for r in as_csv]


def test_parquet(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert (
        main(["export", "incidents", "--db", str(db), "-o", str(out), "--format", "parquet"]) == 0
    )
    table = pq.read_table(out)
    assert table.num_rows == 5 and "confidence" in table.column_names


def test_gdelt_columns(db: Path, tmp_path: Path) -> None:
    lines = export(db, tmp_path, "incidents", "--format", "gdelt").splitlines()
    cells = [line.split("\t") for line in lines]
    assert all(len(c) == len(COLUMNS) == 61 for c in cells)
    venue = next(c for c in cells if c[COLUMNS.index("EventCode")] == "039")
    assert venue[COLUMNS.index("Actor1Code")] == "COLGOV"
    assert venue[COLUMNS.index("SQLDATE")] == "20251201"
    assert venue[COLUMNS.index("ActionGeo_FullName")] == "Cartagena"
    assert venue[COLUMNS.index("ActionGeo_Type")] == "4"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--since", "2025-11-25"), {"191", "039"}),
        (("--until", "2025-11-21"), {"041", "139", "1231"}),
        (("--actor", "COL"), {"039"}),
        (("--country", "USA"), {"041", "139", "191", "1231"}),
        (("--dyad", "VEN:USA"), {"1231"}),
        (("--root", "13"), {"139"}),
        (("--certainty", "reported"), {"139"}),
        (("--min-sources", "2"), {"041"}),
    ],
)
def test_filters(db: Path, tmp_path: Path, args: tuple[str, ...], expected: set[str]) -> None:
    found = {
        json.loads(line)["cameo"] for line in export(db, tmp_path, "incidents", *args).splitlines()
    }
    assert found == expected


def test_bad_requests_are_refused(db: Path, tmp_path: Path) -> None:
    assert main(["export", "ledger", "--db", str(db), "--format", "gdelt"]) == 2
    assert main(["export", "events", "--db", str(db), "--dyad", "USA"]) == 2
    assert main(["export", "events", "--db", str(tmp_path / "none.sqlite")]) == 2


def test_dyad_series_and_escalation(db: Path) -> None:
    conn = open_store(db, readonly=True)
    points = dyad_series(conn, "USA", "VEN")
    assert [(p.period, p.events) for p in points if p.events] == [
        ("2025-11-21", 3),
        ("2025-11-29", 1),
    ]
    assert len(points) == 9 and {p.goldstein_mean for p in points[1:-1]} == {None}  # zeros
    assert points[0].quad == (2, 0, 1, 0)  # two calls (041), one ultimatum (139)
    weekly = dyad_series(conn, "USAGOV", "VENGOV", period="week")
    assert sum(p.events for p in weekly) == 4
    assert [p.period for p in weekly] == ["2025-W47", "2025-W48"]  # ISO weeks (%W gave W46)
    signal = escalation(points)
    assert not signal["enough_data"] and not signal["escalating"] and signal["z"] is None
    assert (signal["events"], signal["days"]) == (4, 2) and "not enough data" in signal["reason"]


def test_escalation_needs_enough_data() -> None:
    calm = [Point(f"2025-10-{d:02d}", 3, 6.0, 2.0, (3, 0, 0, 0)) for d in range(1, 25)]
    war = [Point(f"2025-10-{d:02d}", 3, -27.0, -9.0, (0, 0, 0, 3)) for d in range(25, 32)]
    signal = escalation(calm + war)
    assert signal["enough_data"] and signal["escalating"] and signal["z"] < -2
    assert (signal["events"], signal["days"]) == (93, 31)
    assert not escalation(calm[-4:] + war[:4])["enough_data"]  # 24 events on 8 days


def test_csv_export_makes_formula_cells_inert_and_keeps_numbers() -> None:
    formulas = ["=HYPERLINK(1)", "+SUM(1)", "-2+3", "@SUM(1)", "\tcmd", "\rcmd"]
    out = io.StringIO(newline="")
    write_csv(iter([{"text": f, "goldstein": -5.0, "ok": "plain"} for f in formulas]), out)
    found = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert [r["text"] for r in found] == ["'" + f for f in formulas]
    assert {(r["goldstein"], r["ok"]) for r in found} == {("-5.0", "plain")}
    assert '-5.0,"plain"' in out.getvalue()  # numbers bare, text quoted


def test_csv_keeps_codes_as_text_and_dates_of_one_precision(db: Path, tmp_path: Path) -> None:
    from datetime import date

    text = export(db, tmp_path, "events", "--format", "csv")
    found = list(csv.DictReader(io.StringIO(text, newline=""), quoting=csv.QUOTE_NONNUMERIC))
    assert {"041", "139"} <= {r["cameo"] for r in found} and "04" in {r["root"] for r in found}
    assert isinstance(found[0]["id"], float)  # a number stays a number
    assert all(date.fromisoformat(r["date"]) for r in found if r["date"])
    assert {r["date_precision"] for r in found} <= {"day", "month", "year", ""}
    assert {"incident_id", "document_id", "date_source", "in_series"} <= set(found[0])


def test_events_keep_their_casualties(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    counted = event(VEN, COL, "190", "2025-11-29").model_copy(
        update={"casualties": Casualties(killed=3, wounded=None)}
    )
    conn = open_store(path)
    write_batch(conn, [doc(9, "Andes Wire", "2025-11-30", [counted, event(VEN, COL, "042", "x")])])
    rebuild(conn)
    conn.close()
    lines = [json.loads(line) for line in export(path, tmp_path, "events").splitlines()]
    assert sorted((r["cameo"], r["killed"], r["wounded"]) for r in lines) == [
        ("042", None, None),
        ("190", 3, None),
    ]


def full_device(folder: Path) -> Path:
    """A character device like /dev/full, whose writes fail with 'No space left on device'."""
    import os
    import stat

    device = folder / "full"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    return device


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "gdelt"])
def test_an_export_to_a_full_device_is_e003_and_the_device_stays(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    import stat

    device = full_device(tmp_path)
    assert main(["export", "events", "--db", str(db), "--format", fmt, "-o", str(device)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith(f"E003 cannot write {device}: No space left on device")
    assert stat.S_ISCHR(device.stat().st_mode)  # pyarrow removes what it fails to write


@pytest.mark.parametrize("where", ["missing/out.csv", "folder"])
def test_unusable_export_outputs_are_refused_before_the_store_is_read(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    (tmp_path / "folder").mkdir()
    out = tmp_path / where
    assert main(["export", "events", "--db", str(db), "--format", "csv", "-o", str(out)]) == 2
    assert f"E003 cannot write {out}: " in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


def test_a_failed_export_leaves_the_previous_file(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.cli import export as export_command

    out = tmp_path / "events.csv"
    assert main(["export", "events", "--db", str(db), "--format", "csv", "-o", str(out)]) == 0
    before = out.read_bytes()

    def broken(records: object, stream: object) -> int:
        raise OSError(5, "Input/output error")

    monkeypatch.setitem(export_command.TEXT_WRITERS, "csv", broken)
    assert main(["export", "events", "--db", str(db), "--format", "csv", "-o", str(out)]) == 2
    assert out.read_bytes() == before and sorted(tmp_path.iterdir()) == [out]


def test_export_csv_writes_formula_cells_inert(tmp_path: Path) -> None:
    formulas = ["=HYPERLINK(1)", "+SUM(1)", "-2+3", "@SUM(1)", "\tcmd", "\rcmd"]
    path = tmp_path / "f.sqlite"
    conn = open_store(path)
    write_batch(conn, [doc(n, f, "2025-11-21", [event(USA, VEN, "112", "2025-11-21")])
                       for n, f in enumerate(formulas)])  # fmt: skip
    rebuild(conn)
    conn.close()
    out = tmp_path / "events.csv"
    assert main(["export", "events", "--db", str(path), "--format", "csv", "-o", str(out)]) == 0
    found = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))
    assert sorted(r["outlet"] for r in found) == sorted("'" + f for f in formulas)
    assert {r["goldstein"] for r in found} == {str(cameo("112").goldstein)}


def test_exports_join_by_stable_ids(db: Path) -> None:
    conn = open_store(db, readonly=True)
    events = list(rows(conn, "events", Filters()))
    incidents = {r["id"]: r for r in rows(conn, "incidents", Filters())}
    ledger = list(rows(conn, "ledger", Filters()))
    documents = {r[0] for r in conn.execute("SELECT id FROM documents")}
    assert events and all(e["incident_id"] in incidents for e in events)
    assert {e["document_id"] for e in events} <= documents
    for e in events:
        assert e["document_id"] in json.loads(incidents[e["incident_id"]]["document_ids"])
    call = next(i for i in incidents.values() if i["cameo"] == "041")
    assert (call["source_name"], call["target_name"]) == ("United States", "Venezuela")
    assert call["first_report"] <= call["last_report"] and call["status"] == "happened"
    assert all(set(json.loads(item["document_ids"])) <= documents for item in ledger)
    assert all(json.loads(item["document_ids"]) for item in ledger)


def test_incremental_derivation_equals_a_full_rebuild(tmp_path: Path) -> None:
    from eventwire.store.derive import update

    demand = LedgerItem(kind="demand", from_="USAGOV", to="VENGOV", what="Maduro must leave")
    batches = [
        [doc(1, "A", "2025-11-22", [event(USA, VEN, "041", "2025-11-21")], [demand])],
        [doc(2, "B", "2025-11-23", [event(USA, VEN, "041", "2025-11-21")])],
        [
            doc(3, "C", "2025-11-30", [event(VEN, USA, "1231", "2025-11-21")], [demand]),
            doc(4, "D", "2025-12-02", [event(COL, VEN, "039", "2025-12-01")]),
        ],
    ]
    conn = open_store(tmp_path / "i.sqlite")
    for batch in batches:
        write_batch(conn, batch)
        update(conn)
    tables = ("incidents", "incident_events", "ledger_items", "ledger_history", "actor_stats",
              "totals", "overview_dyads")  # fmt: skip

    def snapshot() -> dict[str, list]:
        return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in tables}

    kept = snapshot()
    rebuild(conn)
    assert snapshot() == kept and kept["incidents"] and kept["ledger_items"]


def test_incremental_derivation_equals_a_rebuild_across_buckets(tmp_path: Path) -> None:
    """A report naming no target joins, in a later batch, the incident its source's earlier
    report names; a symmetric event stored from the other side finds its bucket."""
    from eventwire.store.derive import update

    navy = "the US naval deployment in the Caribbean"
    named = event(USA, VEN, "154", "2025-11-28").model_copy(update={"text": f"{navy} grew"})
    alone = named.model_copy(update={"target": None, "date": None, "text": f"{navy} went on"})
    batches = [
        [doc(1, "A", "2025-11-28", [named])],
        [doc(2, "B", "2025-12-02", [alone]),
         doc(3, "C", "2025-12-02", [event(VEN, USA, "040", "2025-12-01")])],
        [doc(4, "D", "2025-12-03", [event(USA, VEN, "040", "2025-12-01")])],
    ]  # fmt: skip
    conn = open_store(tmp_path / "b.sqlite")
    for batch in batches:
        write_batch(conn, batch)
        update(conn)

    def snapshot() -> list[tuple]:
        return sorted(map(tuple, conn.execute("SELECT * FROM incident_events")))

    kept = snapshot()
    rebuild(conn)
    assert snapshot() == kept
    sizes = sorted(n for (n,) in conn.execute(
        "SELECT count(*) FROM incident_events GROUP BY incident_key"))  # fmt: skip
    assert sizes == [2, 2]
