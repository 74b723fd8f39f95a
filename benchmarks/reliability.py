"""Slow reliability checks, outside the test suite (`benchmarks/run.py --only reliability`).

1. kill -9 at random moments while ingesting a few hundred documents: after each kill the
   ingestion is run again to the end, and the store must equal that of an uninterrupted run.
2. A one-megabyte sentence (no full stop) through `eventwire code`: it must finish with one
   result line, within the time limit.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))


def make_corpus(path: Path, n: int) -> Path:
    """The sample corpus repeated to n distinct documents."""
    sample = [json.loads(line) for line in (ROOT / "examples" / "corpus.jsonl").open()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            doc = dict(sample[i % len(sample)])
            doc["id"] = f"r{i}"
            doc["text"] = doc["text"] + f" (Report {i}.)"
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def snapshot(db: Path) -> tuple:
    """What a finished ingestion leaves: every document's result, and the incidents."""
    conn = sqlite3.connect(db)
    docs = sorted(conn.execute("SELECT hash, result FROM documents"))
    derived = conn.execute("SELECT count(*) FROM incidents").fetchone()[0]
    conn.close()
    return tuple(docs), derived


def ingest(src: Path, db: Path) -> list[str]:
    return [EVENTWIRE, "ingest", str(src), "--db", str(db), "--batch-size", "8"]


@dataclass(frozen=True)
class Kill:
    at: float  # seconds after the start of the ingestion
    interrupted: bool  # the ingestion was still running when killed
    equal: bool  # the store after the re-run equals the uninterrupted run's

    @property
    def outcome(self) -> str:
        if not self.interrupted:
            return "ingestion had ended (no kill)"
        return "equal" if self.equal else "DIFFERENT"


def kill_and_resume(docs: int, kills: int, tmp: Path, rng: random.Random) -> list[Kill]:
    """Kill the ingestion at a random moment within the time an uninterrupted run takes,
    run it again to the end, and compare the store with the uninterrupted run's."""
    src = make_corpus(tmp / "reliability.jsonl", docs)
    start = time.perf_counter()
    subprocess.run(ingest(src, tmp / "reference.sqlite"), check=True, stderr=subprocess.DEVNULL)
    duration = time.perf_counter() - start
    reference = snapshot(tmp / "reference.sqlite")
    done = []
    for k in range(kills):
        db = tmp / f"killed-{k}.sqlite"
        at = rng.uniform(0.5, 0.95 * duration)
        proc = subprocess.Popen(ingest(src, db), stderr=subprocess.DEVNULL)
        time.sleep(at)
        interrupted = proc.poll() is None
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        subprocess.run(ingest(src, db), check=True, stderr=subprocess.DEVNULL)
        done.append(Kill(at, interrupted, snapshot(db) == reference))
    return done


def long_sentence(tmp: Path, limit: float) -> tuple[int, float]:
    """Result lines and seconds for a one-megabyte document that never ends a sentence."""
    clause = "the minister said that the talks with the envoy would go on and "
    text = (clause * (1_000_000 // len(clause) + 1))[:1_000_000]
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
    return len(lines), time.perf_counter() - start
