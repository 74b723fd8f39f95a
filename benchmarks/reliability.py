"""Slow reliability checks, outside the test suite.

    .venv/bin/python benchmarks/reliability.py [--docs 300] [--kills 10]

1. Ten kill -9 at random moments while ingesting a few hundred documents: after each kill the
   ingestion is run again to the end, and the store must equal that of an uninterrupted run.
2. A one-megabyte sentence (no full stop) through `eventwire code`: it must finish with one
   result line, within the time limit.
Prints a Markdown summary, writes it into benchmarks/RESULTS.md (keeping the other sections),
and exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))


def merged(lines: list[str], old_text: str) -> list[str]:
    """The old report's heading, these sections, then the old report's other sections."""
    sys.path.insert(0, str(HERE))
    from run import merged as merge_reports

    old = old_text.splitlines()
    first = next((i for i, line in enumerate(old) if line.startswith("## ")), len(old))
    return old[:first] + merge_reports(lines, old_text)


def make_corpus(path: Path, n: int) -> Path:
    sample = [json.loads(line) for line in (ROOT / "examples" / "corpus.jsonl").open()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            doc = dict(sample[i % len(sample)])
            doc["id"] = f"r{i}"
            doc["text"] = doc["text"] + f" (Report {i}.)"
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def snapshot(db: Path) -> tuple:
    conn = sqlite3.connect(db)
    docs = sorted(conn.execute("SELECT hash, result FROM documents"))
    derived = conn.execute("SELECT count(*) FROM incidents").fetchone()[0]
    conn.close()
    return tuple(docs), derived


def ingest(src: Path, db: Path) -> list[str]:
    return [EVENTWIRE, "ingest", str(src), "--db", str(db), "--batch-size", "8"]


def kill_and_resume(
    src: Path, reference: tuple, tmp: Path, kills: int, rng: random.Random
) -> list[str]:
    lines = []
    for k in range(kills):
        db = tmp / f"killed-{k}.sqlite"
        proc = subprocess.Popen(ingest(src, db), stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(2.0, 25.0))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        subprocess.run(ingest(src, db), check=True, stderr=subprocess.DEVNULL)
        same = snapshot(db) == reference
        lines.append(f"| {k + 1} | {'equal' if same else 'DIFFERENT'} |")
    return lines


def long_sentence(tmp: Path, limit: float) -> str:
    words = [
        "the",
        "minister",
        "said",
        "that",
        "the",
        "talks",
        "with",
        "the",
        "envoy",
        "would",
        "go",
        "on",
        "and",
    ]
    text = " ".join(words[i % len(words)] for i in range(180_000))[:1_000_000]
    src = tmp / "long.jsonl"
    src.write_text(json.dumps({"id": "long", "text": text, "published": "2025-12-01"}) + "\n")
    start = time.perf_counter()
    subprocess.run(
        [EVENTWIRE, "code", str(src), "-o", str(tmp / "long.out"), "--force"],
        check=True,
        stderr=subprocess.DEVNULL,
        timeout=limit,
    )
    lines = (tmp / "long.out").read_text().splitlines()
    return f"one result line: {len(lines) == 1}; {time.perf_counter() - start:.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        src = make_corpus(tmp / "docs.jsonl", args.docs)
        subprocess.run(ingest(src, tmp / "reference.sqlite"), check=True, stderr=subprocess.DEVNULL)
        reference = snapshot(tmp / "reference.sqlite")
        rows = kill_and_resume(src, reference, tmp, args.kills, rng)
        sentence = long_sentence(tmp, limit=600)
    lines = [
        f"## kill -9 during ingestion ({args.docs} documents)",
        "",
        f"Produced by `.venv/bin/python benchmarks/reliability.py --docs {args.docs} "
        f"--kills {args.kills}`: after each kill the ingestion is run again to the end and the "
        "store compared with an uninterrupted run's.",
        "",
        "| kill | store after re-run |",
        "|---|---|",
        *rows,
        "",
        "## A one-megabyte sentence",
        "",
        sentence,
        "",
    ]
    print("\n".join(lines))
    results = HERE / "RESULTS.md"
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    results.write_text("\n".join(merged(lines, old)), encoding="utf-8")
    return 0 if all("equal" in r for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
