"""The Dask engine gives exactly what the local engine gives, through `code` and `ingest`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from eventwire.cli import main

pytest.importorskip("dask.distributed")

TEXTS = [
    "The foreign minister of Peru met his Chilean counterpart in Lima on Monday.",
    "Protesters clashed with police in Quito after the government raised fuel prices.",
    "The United Nations urged both sides to return to talks in Geneva next week.",
    "Brazil and Argentina signed a trade agreement in Buenos Aires on Friday.",
    "",
    "Colombia's president proposed Cartagena as a venue for the negotiations.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "docs.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(TEXTS):
            fh.write(json.dumps({"id": f"d{i}", "text": text, "published": "2025-12-01"}) + "\n")
    return path


def test_code_on_a_local_cluster_equals_local(corpus: Path, tmp_path: Path) -> None:
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert main(["code", str(corpus), "-o", str(local), "--no-progress"]) == 0
    args = [
        "code",
        str(corpus),
        "-o",
        str(dask),
        "--no-progress",
        "--engine",
        "dask",
        "-n",
        "2",
        "--batch-size",
        "2",
    ]
    assert main(args) == 0
    assert dask.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")


def test_ingest_on_a_local_cluster_equals_local(corpus: Path, tmp_path: Path) -> None:
    local, dask = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    assert main(["ingest", str(corpus), "--db", str(local)]) == 0
    assert (
        main(
            [
                "ingest",
                str(corpus),
                "--db",
                str(dask),
                "--engine",
                "dask",
                "-n",
                "2",
                "--batch-size",
                "2",
            ]
        )
        == 0
    )
    assert dump(dask) == dump(local)


def dump(db: Path) -> list:
    conn = sqlite3.connect(db)
    rows = sorted(conn.execute("SELECT hash, id, result FROM documents"))
    rows += sorted(conn.execute("SELECT hash, id, error FROM errors"))
    conn.close()
    return rows


def test_unreachable_scheduler_is_a_clear_error(corpus: Path, tmp_path: Path) -> None:
    args = [
        "code",
        str(corpus),
        "-o",
        str(tmp_path / "o.jsonl"),
        "--engine",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:9",
    ]
    assert main(args) == 2
