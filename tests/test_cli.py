"""`eventwire code` end to end: inputs of every kind, bad input, exit codes, ordering."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.model import ActorRef, DocumentResult, Event

ENGLISH = (
    "The foreign minister said on Monday that the government would send a delegation to the "
    "talks in Geneva, and the opposition welcomed the decision."
)


def code(
    tmp_path: Path, *inputs: str | Path, extra: tuple[str, ...] = ()
) -> tuple[int, list[dict]]:
    out = tmp_path / "out.jsonl"
    status = main(["code", *map(str, inputs), "-o", str(out), "--force", "--no-progress", *extra])
    lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    return status, [json.loads(line) for line in lines]


def write_jsonl(path: Path, records: list[dict | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_in_input_order(tmp_path: Path) -> None:
    docs = [{"id": f"d{i}", "text": ENGLISH, "published": "2025-12-01"} for i in range(5)]
    status, results = code(tmp_path, write_jsonl(tmp_path / "in.jsonl", docs))
    assert status == 0
    assert [r["id"] for r in results] == [f"d{i}" for i in range(5)]
    assert all("error" not in r and r["published"] == "2025-12-01" for r in results)


def test_text_html_and_directory_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ENGLISH, encoding="utf-8")
    html = f"<html><head><title>T</title></head><body><article><p>{ENGLISH}</p></article></body>"
    (folder / "sub" / "b.html").write_text(html, encoding="utf-8")
    (folder / "ignored.bin").write_bytes(b"\x00\x01")
    status, results = code(tmp_path, folder, extra=("--published", "2025-11-30"))
    assert status == 0
    assert [r["id"] for r in results] == ["a.txt", "sub/b.html"]
    assert results[0]["published"] == "2025-11-30"
    assert "Geneva" in results[1]["text"]  # HTML results carry the text their offsets index


def test_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    line = json.dumps({"id": "s1", "text": ENGLISH}).encode() + b"\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line)))
    status, results = code(tmp_path, "-")
    assert status == 0 and results[0]["id"] == "s1"
    assert any(w.startswith("W203") for w in results[0]["warnings"])  # no publication date


def test_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": ENGLISH}])
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n")
    assert main(["code", str(src), "-o", str(out), "--no-progress"]) == 2
    assert out.read_text() == "keep me\n"
    assert "--force" in capsys.readouterr().err


def test_missing_input_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["code", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_bad_documents_get_error_lines_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "01-empty.txt").write_bytes(b"")
    (folder / "02-binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "03-latin1.txt").write_bytes(("Caf\xe9 " * 200).encode("latin-1"))
    (folder / "04-good.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "05-broken.html").write_text(
        "<html><body><p>" + ENGLISH + "<div><b></p></html", encoding="utf-8"
    )
    (folder / "06-french.txt").write_text(
        "Le gouvernement a annoncé lundi que les négociations reprendraient la semaine prochaine "
        "à Genève, selon un communiqué publié par le ministère des affaires étrangères.",
        encoding="utf-8",
    )
    (folder / "07-script.html").write_text(
        "<html><script>var x = 1;</script></html>", encoding="utf-8"
    )
    status, results = code(tmp_path, folder)
    by_id = {r["id"]: r for r in results}
    assert status == 0
    assert len(results) == 7
    assert by_id["01-empty.txt"]["error"].startswith("E101")
    assert by_id["02-binary.txt"]["error"].startswith("E102")
    assert by_id["03-latin1.txt"]["error"].startswith("E103")
    assert "error" not in by_id["04-good.txt"]
    assert "error" not in by_id["05-broken.html"] and "Geneva" in by_id["05-broken.html"]["text"]
    assert by_id["06-french.txt"]["error"].startswith("E107")
    assert by_id["07-script.html"]["error"].startswith("E108")
    assert all(len(r["error"].splitlines()) == 1 for r in results if "error" in r)


def test_bad_json_lines(tmp_path: Path) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "no-text", "title": "missing"},
            "{not json",
            "[1, 2]",
            {"id": "ok", "text": ENGLISH},
            {"id": "number-text", "text": 42},
        ],
    )
    with src.open("ab") as fh:
        fh.write(b'{"id": "bad-utf8", "text": "\xff\xfe caf\xe9"}\n')
    status, results = code(tmp_path, src)
    assert status == 0
    assert [r.get("error", "ok")[:4] for r in results] == [
        "E104",
        "E105",
        "E105",
        "ok",
        "E104",
        "E103",
    ]
    assert results[1]["id"] == "in.jsonl:2"  # a line with no usable id is named by its place


def test_huge_document_is_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as fh:
        for _ in range(50 * 1024 * 1024 // len(ENGLISH) + 1):
            fh.write(ENGLISH)
    small = tmp_path / "small.txt"
    small.write_text(ENGLISH, encoding="utf-8")
    status, results = code(tmp_path, big, small)
    assert status == 0
    assert results[0]["error"].startswith("E106") and "--max-chars" in results[0]["error"]
    assert "error" not in results[1]


def test_every_document_failed_exits_non_zero(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a"}, {"id": "b", "text": "   "}])
    status, results = code(tmp_path, src)
    assert status == 1
    assert [r["error"][:4] for r in results] == ["E104", "E101"]


def test_two_processes_give_the_same_results(tmp_path: Path) -> None:
    docs = [
        {"id": f"d{i}", "text": ENGLISH.replace("Monday", day), "published": "2025-12-01"}
        for i, day in enumerate(["Monday", "Tuesday", "Friday", "Sunday"])
    ]
    src = write_jsonl(tmp_path / "in.jsonl", docs)
    _, one = code(tmp_path, src)
    _, two = code(tmp_path, src, extra=("-n", "2", "--batch-size", "1"))
    assert one == two


@pytest.mark.parametrize("processes", ["1", "2"])
def test_lone_surrogates_cost_a_warning_not_the_run(tmp_path: Path, processes: str) -> None:
    fields = ["text", "title", "id", "outlet", "url", "published"]
    docs = [{"id": "good", "text": ENGLISH}]
    for n, field in enumerate(fields):
        doc = {"id": field, "text": ENGLISH.replace("Monday", f"day {n}")}
        doc[field] = "\ud800 " + doc.get(field, "")
        docs.append(doc)
    src = tmp_path / "in.jsonl"  # json.dumps escapes a surrogate as \ud800: valid JSON
    src.write_text("\n".join(json.dumps(d) for d in docs), encoding="utf-8")
    status, results = code(tmp_path, src, extra=("-n", processes, "--batch-size", "2"))
    assert status == 0
    assert [r.get("error") for r in results] == [None] * len(docs)
    for field, result in zip(fields, results[1:], strict=True):
        assert any(w.startswith("W206") and field in w for w in result["warnings"]), field


def poison_events(monkeypatch: pytest.MonkeyPatch) -> None:
    """The events stage raises on any text that contains POISON (also in forked workers)."""
    from eventwire.registry import STAGES, get_stage

    fills, function = get_stage("events")

    def poisoned(analysis: object) -> object:
        if "POISON" in analysis.text:  # type: ignore[attr-defined]
            raise RuntimeError("stage bug")
        return function(analysis)

    monkeypatch.setitem(STAGES, "events", (fills, poisoned))


@pytest.mark.parametrize("processes", ["1", "2"])
def test_a_document_that_fails_inside_gets_an_e199_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture, processes: str
) -> None:
    poison_events(monkeypatch)
    docs = [{"id": "a", "text": ENGLISH}, {"id": "p", "text": "POISON " + ENGLISH}]
    status, results = code(
        tmp_path, write_jsonl(tmp_path / "in.jsonl", docs), extra=("-n", processes)
    )
    assert status == 0 and "error" not in results[0]
    assert results[1]["error"].startswith("E199 internal error: coding failed")
    assert "E199 internal error in document 'p'" in capfd.readouterr().err


def test_ingest_stores_the_others_and_records_the_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from eventwire.store import writer

    poison_events(monkeypatch)
    real = writer.write_events

    def fussy(conn: sqlite3.Connection, key: int, events: list) -> None:
        if conn.execute("SELECT id FROM documents WHERE doc_key = ?", (key,)).fetchone()[0] == "w":
            raise ValueError("the store cannot take this one")
        real(conn, key, events)

    monkeypatch.setattr(writer, "write_events", fussy)
    docs = [
        {"id": "a", "text": ENGLISH},
        {"id": "p", "text": "POISON " + ENGLISH},
        {"id": "w", "text": ENGLISH.replace("Monday", "Friday")},
        {"id": "s", "text": "\ud800 " + ENGLISH.replace("Monday", "Sunday")},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(d) for d in docs), encoding="utf-8")
    db = tmp_path / "s.sqlite"
    for _ in range(2):  # a failing document blocks no later run
        assert main(["ingest", str(src), "--db", str(db)]) == 0
    conn = sqlite3.connect(db)
    assert sorted(r[0] for r in conn.execute("SELECT id FROM documents")) == ["a", "s"]
    errors = dict(conn.execute("SELECT id, error FROM errors"))
    assert errors["p"].startswith("E199 internal error: coding failed")
    assert errors["w"].startswith("E199 internal error: storing failed")
    assert conn.execute("SELECT count(*) FROM events WHERE doc_key NOT IN "
                        "(SELECT doc_key FROM documents)").fetchone()[0] == 0  # fmt: skip


@pytest.mark.parametrize("name", ["r.jsonl", "r.rss", "r.xml", "r.txt"])
def test_unreadable_files_get_an_e100_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "ok.jsonl", [{"id": "ok", "text": ENGLISH}])
    unreadable = folder / name
    unreadable.write_text("whatever", encoding="utf-8")
    real_open, real_read = Path.open, Path.read_bytes

    def open_denied(self: Path, *args: object, **kwargs: object) -> object:
        if self == unreadable:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def read_denied(self: Path) -> bytes:
        if self == unreadable:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "open", open_denied)
    monkeypatch.setattr(Path, "read_bytes", read_denied)
    status, results = code(tmp_path, unreadable)
    assert status == 1  # every document failed
    assert [r["id"] for r in results] == [name]
    assert results[0]["error"].startswith("E100") and "Permission denied" in results[0]["error"]
    status, results = code(tmp_path, folder)
    assert status == 0
    assert sorted(r.get("error", "ok")[:4] for r in results) == ["E100", "ok"]


def test_an_unreadable_subdirectory_is_named_in_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    import os

    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "locked" / "b.txt").write_text(ENGLISH, encoding="utf-8")
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fspath(path)).name == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    status, results = code(tmp_path, folder)
    assert status == 0 and [r["id"] for r in results] == ["a.txt"]
    assert "W207 cannot read directory 'locked': Permission denied" in capsys.readouterr().err


class FullStream(io.StringIO):
    """Standard output on a full disk."""

    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")


@pytest.mark.parametrize(
    ("stream", "stdout", "message"),
    [
        ("stdin", None, "E100 cannot read standard input: it is closed"),
        ("stdout", None, "E003 cannot write standard output: it is closed"),
        ("stdout", FullStream(), "E003 cannot write standard output: No space left on device"),
    ],
)
def test_closed_and_full_streams_give_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
    stream: str,
    stdout: io.StringIO | None,
    message: str,
) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ENGLISH}])
    capsys.readouterr()
    monkeypatch.setattr(sys, stream, stdout)
    args = ["-", "-o", str(tmp_path / "o.jsonl")] if stream == "stdin" else [str(src), "-o", "-"]
    assert main(["code", *args, "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"eventwire: {message}"]


def no_coding(*args: object, **kwargs: object) -> None:
    raise AssertionError("coding started before the output was checked")


@pytest.mark.parametrize("where", ["missing/out.jsonl", "folder"])
def test_unusable_outputs_are_refused_before_coding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, where: str
) -> None:
    from eventwire.cli import code as code_command

    (tmp_path / "folder").mkdir()
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ENGLISH}])
    monkeypatch.setattr(code_command, "code_documents", no_coding)
    out = tmp_path / where
    assert main(["code", str(src), "-o", str(out), "--force", "--no-progress"]) == 2
    assert "E003 cannot write" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "in.jsonl"]


def test_force_writes_into_a_fifo_without_replacing_it(tmp_path: Path) -> None:
    import os
    import stat
    import threading

    from eventwire.cli.output import file_kind

    assert file_kind(Path(os.devnull)) == "special"  # character devices are written in place
    fifo = tmp_path / "results.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.extend(fifo.open().read().splitlines()))
    reader.daemon = True
    reader.start()
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ENGLISH}])
    status = main(["code", str(src), "-o", str(fifo), "--force", "--no-progress"])
    reader.join(timeout=5)
    assert status == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a FIFO, not a regular file
    assert [json.loads(line)["id"] for line in received] == ["a"]
    assert not (tmp_path / "results.fifo.part").exists()


def test_byte_order_marks_and_utf16(tmp_path: Path) -> None:
    lines = "\n".join(json.dumps({"id": i, "text": ENGLISH}) for i in ("a", "b")) + "\n"
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + lines.encode("utf-8"))
    (tmp_path / "u16.jsonl").write_text(lines, encoding="utf-16")
    (tmp_path / "u16be.txt").write_bytes(b"\xfe\xff" + ENGLISH.encode("utf-16-be"))
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le"):  # no byte order mark
        (tmp_path / f"{encoding}.jsonl").write_bytes(lines.encode(encoding))
    for name, ids in [
        ("bom.jsonl", ["a", "b"]),
        ("u16.jsonl", ["a", "b"]),
        ("u16be.txt", ["u16be.txt"]),
        ("utf-16-le.jsonl", ["a", "b"]),
        ("utf-16-be.jsonl", ["a", "b"]),
        ("utf-32-le.jsonl", ["a", "b"]),
    ]:
        status, results = code(tmp_path, tmp_path / name)
        assert status == 0, name
        assert [(r["id"], r.get("error")) for r in results] == [(i, None) for i in ids], name


def test_ingest_exits_non_zero_when_every_document_failed(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a"}, {"id": "b", "text": "   "}])
    assert main(["ingest", str(src), "--db", str(tmp_path / "s.sqlite")]) == 1


def test_ingest_counts_only_what_it_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from eventwire.store import ingest

    docs = [{"id": f"d{i}", "text": ENGLISH.replace("Monday", day)} for i, day in
            enumerate(["Monday", "Friday"])]  # fmt: skip
    src, db = write_jsonl(tmp_path / "in.jsonl", docs), str(tmp_path / "s.sqlite")
    assert main(["ingest", src.as_posix(), "--db", db]) == 0
    capsys.readouterr()
    # a second run that read the store before the first wrote to it (two concurrent ingests)
    monkeypatch.setattr(ingest, "known_hashes", lambda conn: set())
    assert main(["ingest", src.as_posix(), "--db", db]) == 0
    assert "stored 0, failed 0, already stored 2" in capsys.readouterr().err


def test_a_missing_input_leaves_no_part_file(tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ENGLISH}])
    out = tmp_path / "out.jsonl"
    assert main(["code", str(good), str(tmp_path / "nope.jsonl"), "-o", str(out)]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_ingest_reads_folders_and_files_whose_names_are_not_utf8(tmp_path: Path) -> None:
    import os
    import sqlite3

    folder = tmp_path / os.fsdecode(b"in\xff")  # a lone surrogate in the path as Python reads it
    try:
        folder.mkdir()
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    (folder / "good.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / os.fsdecode(b"\xfe.txt")).write_bytes(bytes(range(256)))
    db = tmp_path / "s.sqlite"
    for _ in range(2):
        assert main(["ingest", str(folder), "--db", str(db)]) == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT id, source FROM documents").fetchall() == [
        ("good.txt", str(tmp_path / "in\ufffd"))
    ]
    assert [r[:2] for r in conn.execute("SELECT id, error FROM errors")] == [
        ("\ufffd.txt", "E102 binary data, not text")
    ]


def test_force_never_replaces_a_character_device(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    import os
    import stat

    device = tmp_path / "full"  # as /dev/full: every write fails with ENOSPC
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ENGLISH}])
    assert main(["code", str(src), "-o", str(device), "--force", "--no-progress"]) == 2
    assert f"E003 cannot write {device}: No space left on device" in capsys.readouterr().err
    assert stat.S_ISCHR(device.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "in.jsonl"]


def one_event() -> DocumentResult:
    """A result with one coded event."""
    peru = ActorRef(text="Peru", name="Peru", code="PER", country="PER", span=(0, 4))
    event = Event(source=peru, target=None, cameo="140", span=(0, 14), trigger=(5, 14),
                  text="Peru protested", date="2025-12-01")  # fmt: skip
    return DocumentResult(id="r", events=[event])


@pytest.mark.parametrize(
    "command",
    [["status"], ["report"], ["export", "events"], ["export", "events", "--format", "csv"],
     ["series", "PER", "CHL"], ["timeline"], ["schema"]],
    ids=" ".join,
)  # fmt: skip
@pytest.mark.parametrize("stdout", ["closed", "full"])
def test_every_command_reports_a_closed_or_full_stdout_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
    command: list[str],
    stdout: str,
) -> None:
    from eventwire.store import open_store
    from eventwire.store.derive import rebuild
    from eventwire.store.writer import Stored, write_batch

    db = tmp_path / "s.sqlite"
    conn = open_store(db)
    write_batch(conn, [Stored("h", "test", "Peru protested", one_event())])
    rebuild(conn)
    conn.close()
    if command[0] == "timeline":
        results = tmp_path / "r.jsonl"
        results.write_text(one_event().model_dump_json() + "\n", encoding="utf-8")
        args = [*command, str(results)]
    else:
        args = [*command, "--db", str(db)] if command[0] != "schema" else command
    monkeypatch.setattr(sys, "stdout", None if stdout == "closed" else FullStream())
    assert main(args) == 2
    reason = "it is closed" if stdout == "closed" else "No space left on device"
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[-1] == f"eventwire: E003 cannot write standard output: {reason}"
    assert not any("Traceback" in line for line in lines)


@pytest.mark.parametrize(
    ("line", "reason"),
    [(b"{bad", "not JSON"), (b"[1, 2]", "the line: Input should be a valid dictionary"),
     (b'{"id": "x", "events": "no"}', "events: Input should be a valid list"),
     (b'{"id": "x", "events": [{"cameo": 5, "text": 7}]}', "events.0.source: Field required"),
     (b"[" * 100_000, "nested too deeply"), (b"\xff\xfe", "E103 ")],
)  # fmt: skip
def test_timeline_refuses_a_line_that_is_no_result_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture, line: bytes, reason: str
) -> None:
    results = tmp_path / "r.jsonl"
    good = one_event().model_dump_json().encode()
    results.write_bytes(good + b'\n{"id": "e", "error": "E101 empty"}\n' + line + b"\n")
    assert main(["timeline", str(results)]) == 2
    (message,) = capsys.readouterr().err.strip().splitlines()
    assert reason in message and (reason == "E103 " or f"E105 {results}:3 " in message)
    results.write_bytes(good + b'\n{"id": "e", "error": "E101 empty"}\n')
    assert main(["timeline", str(results)]) == 0
    assert "Peru (PER) -> ?" in capsys.readouterr().out


def test_a_closed_stderr_keeps_its_messages_out_of_the_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ENGLISH}, {"id": "b"}])
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["code", str(src), "-o", "-", "--no-progress"]) == 0
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["a", "b"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b'people:\n  - name: "Zorg\\ud800"\n', "not valid YAML: while parsing a quoted scalar"),
     (b"people: 5\n", "`people` must be a list"), (b"\xff\xfe", "invalid UTF-8 at byte 0")],
)  # fmt: skip
@pytest.mark.parametrize("command", ["code", "ingest"])
def test_an_unusable_dictionary_stops_the_run_before_coding(
    tmp_path: Path, capsys: pytest.CaptureFixture, content: bytes, reason: str, command: str
) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_bytes(content)
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ENGLISH}])
    out = tmp_path / "out"
    where = ["-o", str(out)] if command == "code" else ["--db", str(out)]
    assert main([command, str(src), *where, "--dictionary", str(bad)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"eventwire: E120 {bad}") and reason in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "mine.yaml"]


@pytest.mark.parametrize("option", [("-n", "0"), ("--batch-size", "0")])
def test_bad_coding_options_are_e005_not_an_output_error(
    tmp_path: Path, capsys: pytest.CaptureFixture, option: tuple[str, str]
) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ENGLISH}])
    assert main(["code", str(src), "-o", str(tmp_path / "o.jsonl"), *option]) == 2
    assert "E005 --processes and --batch-size must be at least 1" in capsys.readouterr().err
