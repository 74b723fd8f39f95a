"""`eventwire code` end to end: inputs of every kind, bad input, exit codes, ordering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli import main

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
