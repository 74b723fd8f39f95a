"""The store: ingestion is idempotent, survives kill -9, and refuses stores it cannot use."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

with warnings.catch_warnings():  # this Starlette prefers httpx2 but works with httpx
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from eventwire.errors import EventwireError
from eventwire.store import SCHEMA_VERSION, open_store
from eventwire.store.ingest import ingest
from eventwire.store.status import summarise

TEXT = (
    "Officials in {city} said on Monday that the government of {country} had recalled its "
    "ambassador after the talks collapsed, and the opposition called for new elections."
)
PLACES = [
    ("Lima", "Peru"),
    ("Quito", "Ecuador"),
    ("La Paz", "Bolivia"),
    ("Santiago", "Chile"),
    ("Asunción", "Paraguay"),
    ("Montevideo", "Uruguay"),
    ("Brasília", "Brazil"),
]


def corpus(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            city, country = PLACES[i % len(PLACES)]
            text = TEXT.format(city=city, country=country) + f" Report number {i}."
            fh.write(json.dumps({"id": f"doc-{i}", "text": text, "published": "2025-11-20"}) + "\n")
    return path


def snapshot(db: Path) -> dict:
    conn = sqlite3.connect(db)
    docs = sorted(conn.execute("SELECT hash, id, result FROM documents"))
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    return {"documents": docs, "events": events}


def test_reingest_adds_nothing(tmp_path: Path) -> None:
    src, db = corpus(tmp_path / "c.jsonl", 6), tmp_path / "s.sqlite"
    first = ingest([str(src)], db, batch_size=4)
    before = snapshot(db)
    second = ingest([str(src)], db, batch_size=4)
    assert (first.stored, second.stored, second.skipped) == (6, 0, 6)
    assert snapshot(db) == before


def test_failed_documents_are_kept_with_their_reason(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text('{"id": "empty", "text": ""}\n{"id": "no-text"}\n', encoding="utf-8")
    db = tmp_path / "s.sqlite"
    stats = ingest([str(src)], db)
    conn = open_store(db)
    errors = {r["id"]: r["error"] for r in conn.execute("SELECT id, error FROM errors")}
    assert stats.failed == 2
    assert errors["empty"].startswith("E101") and errors["no-text"].startswith("E104")
    assert summarise(conn)["errors"] == 2


def test_kill_9_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    src = corpus(tmp_path / "c.jsonl", 60)
    reference = tmp_path / "ref.sqlite"
    ingest([str(src)], reference, batch_size=2)
    db = tmp_path / "killed.sqlite"
    command = [
        sys.executable,
        "-m",
        "eventwire.cli",
        "ingest",
        str(src),
        "--db",
        str(db),
        "--batch-size",
        "2",
    ]
    proc = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and stored(db) < 4:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert stored(db) < 60, "the run finished before it could be killed"
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    assert snapshot(db) == snapshot(reference)


def stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        conn.close()
        return n
    except sqlite3.Error:
        return 0


def test_full_text_search(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    ingest([str(corpus(tmp_path / "c.jsonl", 3))], db)
    conn = open_store(db)
    hits = conn.execute(
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'Quito'"
    ).fetchall()
    assert len(hits) == 1


def test_corrupt_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "bad.sqlite"
    db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(EventwireError, match="not a usable eventwire store"):
        open_store(db)


def test_a_store_whose_name_is_not_utf8_is_written_and_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from eventwire.cli import main

    db = tmp_path / os.fsdecode(b"s\xff.sqlite")
    try:
        db.touch()
        db.unlink()
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # takes the name as the real one would
    assert main(["ingest", str(corpus(tmp_path / "c.jsonl", 2)), "--db", str(db)]) == 0
    assert main(["status", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 2
    assert os.listdir(os.fsencode(tmp_path)).count(b"s\xff.sqlite") == 1


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
@pytest.mark.parametrize("readonly", [True, False])
def test_a_store_path_that_is_no_regular_file_is_refused_at_once(
    tmp_path: Path, kind: str, readonly: bool
) -> None:
    import stat

    path = tmp_path / "store"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)  # opening it would wait for a writer for ever
    else:
        try:
            os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # as /dev/null
        except PermissionError:
            pytest.skip("making a device node needs root")
    with pytest.raises(EventwireError, match=r"E300 .* is not a store: not a regular file"):
        open_store(path, readonly=readonly)
    assert os.listdir(tmp_path) == ["store"]  # no -journal or -wal beside it


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(EventwireError, match="newer than this eventwire"):
        open_store(db)


def test_migrations_bring_an_empty_store_to_the_current_version(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "s.sqlite")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "errors", "events", "attributions", "ledger", "actors"} <= tables
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_missing_store_for_reading_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EventwireError, match="no store"):
        open_store(tmp_path / "none.sqlite", readonly=True)


def test_a_locked_store_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    open_store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(EventwireError, match="locked by another writer"):
            ingest([str(corpus(tmp_path / "c.jsonl", 2))], db, lock_timeout=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_version_1_store_is_migrated_with_its_data(tmp_path: Path) -> None:
    from eventwire.store.db import migrations, split_sql

    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db)
    version, sql = migrations()[0]
    for statement in split_sql(sql):
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO documents (hash, id, text, result) VALUES ('h', 'old-doc', 'text', '{}')"
    )
    conn.commit()
    conn.close()
    migrated = open_store(db)
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert migrated.execute("SELECT id FROM documents").fetchone()[0] == "old-doc"
    assert migrated.execute("SELECT count(*) FROM incidents").fetchone()[0] == 0


def test_event_rows_match_the_insert_columns() -> None:
    from eventwire.model import Event
    from eventwire.store.writer import EVENT_COLUMNS, event_row

    event = Event(source=None, target=None, cameo="010", span=(0, 1), trigger=(0, 1), text="x")
    assert tuple(event_row(1, 0, event)) == EVENT_COLUMNS


def damage(db: Path) -> None:
    """Overwrite every page but the first (the header stays intact) with noise."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.executemany(
        "INSERT INTO documents (hash, id, text, result) VALUES (?, ?, ?, '{}')",
        [(f"h{i}", f"d{i}", "x" * 3000) for i in range(40)],
    )
    conn.commit()
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    for start in range(page, len(data), page):
        data[start + 100 : start + 400] = bytes(range(256)) + bytes(44)
    db.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "command", [["status"], ["report"], ["export", "events"], ["series", "USA", "VEN"]]
)
def test_a_damaged_store_with_an_intact_header_is_refused(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from eventwire.cli import main

    db = tmp_path / "damaged.sqlite"
    open_store(db).close()
    damage(db)
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert main([*command, "--db", str(db)]) == 2
    assert "E300" in capsys.readouterr().err


def test_serve_refuses_a_damaged_store(tmp_path: Path) -> None:
    from eventwire.web import create_app

    db = tmp_path / "damaged.sqlite"
    open_store(db).close()
    damage(db)
    with pytest.raises(EventwireError, match="E300"):
        create_app(db)


@contextmanager
def unprivileged() -> Iterator[None]:
    """Run the block as an ordinary user, so that file permissions apply even to root."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder an ordinary user may enter (pytest's own are private to their owner)."""
    folder = Path(tempfile.mkdtemp())
    folder.chmod(0o777)
    yield folder
    for path in (folder, *folder.rglob("*")):
        path.chmod(0o777)
    shutil.rmtree(folder)


def test_ingest_refuses_a_read_only_store_and_leaves_no_files(open_folder: Path) -> None:
    db = open_folder / "s.sqlite"
    open_store(db).close()
    db.chmod(0o444)
    src = corpus(open_folder / "c.jsonl", 1)
    with unprivileged(), pytest.raises(EventwireError, match=r"E300 .* is read-only"):
        ingest([str(src)], db)
    assert sorted(p.name for p in open_folder.iterdir()) == ["c.jsonl", "s.sqlite"]


@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_readers_open_a_store_they_may_not_write(
    open_folder: Path, read_only: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from eventwire.cli import main
    from eventwire.web import create_app

    db = open_folder / "s.sqlite"
    ingest([str(corpus(open_folder / "c.jsonl", 2))], db)
    (db if read_only == "file" else open_folder).chmod(0o555)
    commands = [["status"], ["report"], ["export", "events"], ["series", "PER", "PER"]]
    with unprivileged():
        codes = [main([*c, "--db", str(db)]) for c in commands]
        client = TestClient(create_app(db))
        overview = client.get("/api/overview")
    assert codes == [0, 0, 0, 0], capsys.readouterr().err
    assert overview.status_code == 200 and overview.json()["summary"]["documents"] == 2
    assert sorted(p.name for p in open_folder.iterdir()) == ["c.jsonl", "s.sqlite"]


def test_a_full_disk_is_reported_and_the_store_stays_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eventwire.store.ingest as ingesting

    db = tmp_path / "s.sqlite"
    ingest([str(corpus(tmp_path / "a.jsonl", 2))], db)
    before = snapshot(db)

    def nearly_full(path: Path, **kwargs: object) -> sqlite3.Connection:
        conn = open_store(path, **kwargs)  # type: ignore[arg-type]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        return conn

    monkeypatch.setattr(ingesting, "open_store", nearly_full)
    big = tmp_path / "b.jsonl"
    big.write_text(
        "".join(
            json.dumps({"id": f"b{i}", "text": TEXT.format(city="Lima", country="Peru") * 20})
            + "\n"
            for i in range(8)
        ),
        encoding="utf-8",
    )
    with pytest.raises(EventwireError, match=r"E300 cannot write .*database or disk is full"):
        ingest([str(big)], db, batch_size=8)
    assert snapshot(db) == before
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


DYAD_TEXT = "Peru recalled its ambassador to Chile on Monday after Chile accused Peru of spying."


PLANNED_TEXT = "Chile will expel the Peruvian ambassador next week, officials said."


def dyad_days(conn: sqlite3.Connection) -> list[tuple]:
    rows = conn.execute(
        "SELECT source_country, target_country, day, events, goldstein_n FROM dyad_days "
        "ORDER BY 1, 2, 3"
    )
    return [tuple(r) for r in rows]


def happened_by_day(conn: sqlite3.Connection) -> list[tuple]:
    """Events per dyad and day counted straight from the events: those that took place only."""
    from eventwire.corpus.incidents import happened_sql

    rows = conn.execute(
        "SELECT source_country, target_country, date, count(*), count(goldstein) FROM events "
        f"WHERE NOT negated AND {happened_sql()} AND source_country IS NOT NULL "
        "AND target_country IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
    )
    return [tuple(r) for r in rows]


def test_aggregates_match_the_events_after_each_ingestion(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    ingest([str(corpus(tmp_path / "a.jsonl", 4))], db)
    dyads = tmp_path / "b.jsonl"
    dyads.write_text(
        "".join(
            json.dumps({"id": f"d{n}", "published": f"2025-11-2{n}", "text": f"{DYAD_TEXT} {n}."})
            + "\n"
            for n in range(3)
        )
        + json.dumps({"id": "plan", "published": "2025-11-24", "text": PLANNED_TEXT})
        + "\n",
        encoding="utf-8",
    )
    ingest([str(dyads)], db)
    conn = open_store(db, readonly=True)
    assert conn.execute("SELECT count(*) FROM events WHERE certainty = 'planned'").fetchone()[0]
    assert dyad_days(conn) == happened_by_day(conn) and dyad_days(conn)
    codes = {r[0] for r in conn.execute("SELECT code FROM actors")}
    for code in codes:
        events = conn.execute(
            "SELECT count(*) FROM events WHERE NOT negated AND ? IN (source_code, target_code)",
            (code,),
        ).fetchone()[0]
        documents = conn.execute(
            "SELECT count(DISTINCT doc_key) FROM (SELECT doc_key FROM actors WHERE code = :c "
            "UNION SELECT doc_key FROM events WHERE NOT negated "
            "AND :c IN (source_code, target_code))",
            {"c": code},
        ).fetchone()[0]
        row = conn.execute("SELECT events, documents FROM actor_stats WHERE code = ?", (code,))
        assert tuple(row.fetchone()) == (events, documents), code
