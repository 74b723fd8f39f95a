"""eventwire benchmarks: one command measures everything and writes benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py [--docs N] [--repeat R] [--only SECTION ...]

Sections: coding (eventwire code against bare spaCy parsing, 1 and 2 processes, peak memory;
with --profile-stages also the time of each stage, from benchmarks/stages.py),
ingest (documents per second into the store: local, Dask with 1 and 2 workers), store
(writing precomputed results; queries on a store of one million synthetic events), api (50
concurrent clients for 30 seconds against `eventwire serve` on loopback, benchmarks/load.py).
Each figure is the median of R runs; ratios are taken within the same run. Sections that a
run leaves out keep what an earlier run wrote in RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
PYTHON = sys.executable


def corpus(n: int) -> list[dict]:
    """Real news text: PolNeAR train articles when present, else the sample corpus repeated."""
    train = SHARED / "data" / "polnear" / "train" / "text"
    if train.is_dir():
        files = sorted(train.glob("*.txt"))[:n]
        return [
            {"id": f.stem, "text": f.read_text(encoding="utf-8"), "published": "2016-10-01"}
            for f in files
        ]
    sample = [json.loads(line) for line in (ROOT / "examples" / "corpus.jsonl").open()]
    return [
        dict(sample[i % len(sample)], id=f"s{i}", text=sample[i % len(sample)]["text"] + f" ({i})")
        for i in range(n)
    ]


def write_jsonl(docs: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return path


def median_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed_process(args: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (KiB, largest child) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


BARE_PARSE = """
import json, sys
from eventwire.nlp import load_model
nlp = load_model()
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for _ in nlp.pipe(texts, batch_size=int(sys.argv[2]), n_process=int(sys.argv[3])):
    pass
"""


def bench_coding(docs: list[dict], repeat: int, tmp: Path) -> list[str]:
    src = write_jsonl(docs, tmp / "docs.jsonl")
    out = tmp / "out.jsonl"
    rows = [
        "| processes | bare spaCy (docs/s) | eventwire code (docs/s) | ratio | target "
        "| peak RSS (MiB) |",
        "|---|---|---|---|---|---|",
    ]
    figures = {}
    for procs in (1, 2):
        bare, code, peak = [], [], 0
        for _ in range(repeat):
            t, _ = timed_process([PYTHON, "-c", BARE_PARSE, str(src), "16", str(procs)])
            bare.append(t)
            t, rss = timed_process(
                [
                    str(Path(PYTHON).with_name("eventwire")),
                    "code",
                    str(src),
                    "-o",
                    str(out),
                    "--force",
                    "--no-progress",
                    "-n",
                    str(procs),
                    "--batch-size",
                    "16",
                ]
            )
            code.append(t)
            peak = max(peak, rss)
        b, c = len(docs) / statistics.median(bare), len(docs) / statistics.median(code)
        figures[procs] = c
        rows.append(f"| {procs} | {b:.1f} | {c:.1f} | {c / b:.2f} | >= 0.70 | {peak / 1024:.0f} |")
    rows.append(
        f"\nTwo processes against one (eventwire code): {figures[2] / figures[1]:.2f}x "
        "(target >= 1.8x on a machine with at least two free cores)."
    )
    return rows


def profile_stages(docs: list[dict], tmp: Path) -> list[str]:
    """The per-stage table of benchmarks/stages.py, in a process of its own."""
    src = write_jsonl(docs, tmp / "stages.jsonl")
    done = subprocess.run(
        [PYTHON, str(HERE / "stages.py"), str(src), "--batch-size", "16"],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()


EARLIER = "(From an earlier run.)"


def merged(lines: list[str], old_text: str) -> list[str]:
    """The new report, followed by the sections of the old one that this run did not make."""
    made = {line for line in lines if line.startswith("## ")}
    kept: list[str] = []
    keep = False
    for line in old_text.splitlines():
        if line == EARLIER or (not line and kept and kept[-1] in (EARLIER, "")):
            continue
        if line.startswith("## "):
            keep = line not in made
            if keep:
                kept += [line, "", EARLIER, ""]
                continue
        if keep:
            kept.append(line)
    return lines + kept


def bench_ingest(docs: list[dict], repeat: int, tmp: Path) -> list[str]:
    src = write_jsonl(docs, tmp / "ingest.jsonl")
    eventwire = str(Path(PYTHON).with_name("eventwire"))
    rows = ["| engine | workers | documents/s |", "|---|---|---|"]
    for engine, workers in (("local", 1), ("local", 2), ("dask", 1), ("dask", 2)):

        def run(engine: str = engine, workers: int = workers) -> None:
            db = tmp / f"ingest-{engine}-{workers}.sqlite"
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            subprocess.run(
                [
                    eventwire,
                    "ingest",
                    str(src),
                    "--db",
                    str(db),
                    "--engine",
                    engine,
                    "-n",
                    str(workers),
                ],
                check=True,
                stderr=subprocess.DEVNULL,
            )

        rows.append(f"| {engine} | {workers} | {len(docs) / median_time(run, repeat):.1f} |")
    return rows


def synthetic_result(i: int, rng: random.Random, events: int) -> dict:
    codes = [
        "010",
        "020",
        "036",
        "041",
        "042",
        "051",
        "057",
        "111",
        "112",
        "120",
        "130",
        "138",
        "154",
        "173",
        "190",
        "191",
        "193",
    ]
    actors = [
        ("USAGOV", "USA"),
        ("VENGOV", "VEN"),
        ("COLGOV", "COL"),
        ("BRAGOV", "BRA"),
        ("VENOPP", "VEN"),
        ("USAMIL", "USA"),
        ("CUBGOV", "CUB"),
        ("IGO", "IGO"),
    ]
    day = date(2025, 1, 1) + timedelta(days=i % 365)
    evs = []
    for n in range(events):
        (sc, sk), (tc, tk) = rng.sample(actors, 2)
        code = rng.choice(codes)
        evs.append(
            {
                "source": {"text": sc, "code": sc, "country": sk},
                "target": {"text": tc, "code": tc, "country": tk},
                "cameo": code,
                "goldstein": rng.uniform(-10, 7),
                "quad_class": rng.randint(1, 4),
                "date": day.isoformat(),
                "span": [0, 40],
                "trigger": [0, 5],
                "text": f"Synthetic evidence sentence number {n} of document {i}.",
            }
        )
    return {"id": f"syn-{i}", "published": day.isoformat(), "events": evs}


def bench_store(repeat: int, tmp: Path, million: bool) -> list[str]:
    from eventwire.model import DocumentResult
    from eventwire.store import open_store
    from eventwire.store.writer import Stored, write_batch

    rng = random.Random(7)
    rows = ["| measure | figure | target |", "|---|---|---|"]
    results = [DocumentResult.model_validate(synthetic_result(i, rng, 5)) for i in range(4000)]

    def write() -> None:
        db = tmp / "write.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        conn = open_store(db)
        for start in range(0, len(results), 500):
            write_batch(
                conn,
                [
                    Stored(f"h{i}", "bench", "text", r)
                    for i, r in enumerate(results[start : start + 500], start)
                ],
            )
        conn.close()

    rate = len(results) / median_time(write, repeat)
    rows.append(
        f"| writing precomputed results (5 events each) | {rate:,.0f} documents/s | >= 2,000 |"
    )
    if not million:
        return rows
    db = tmp / "million.sqlite"
    conn = open_store(db)
    per_doc, n_docs = 10, 100_000
    for start in range(0, n_docs, 2000):
        write_batch(
            conn,
            [
                Stored(
                    f"m{i}",
                    "bench",
                    "text",
                    DocumentResult.model_validate(synthetic_result(i, rng, per_doc)),
                )
                for i in range(start, start + 2000)
            ],
        )
    total = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    from eventwire.corpus.series import dyad_series

    ro = open_store(db, readonly=True)
    series = median_time(lambda: dyad_series(ro, "USA", "VEN"), max(repeat, 5))
    page = median_time(
        lambda: ro.execute(
            "SELECT * FROM events WHERE source_country = 'USA' AND target_country = 'VEN' "
            "ORDER BY date DESC, event_key DESC LIMIT 50 OFFSET 500"
        ).fetchall(),
        max(repeat, 5),
    )
    rows.append(f"| dyad series (day) on {total:,} events | {series * 1000:.0f} ms | < 300 ms |")
    rows.append(
        f"| event list page (50 rows, offset 500) on {total:,} events "
        f"| {page * 1000:.1f} ms | < 100 ms |"
    )
    return rows


def bench_api(tmp: Path) -> list[str]:
    sys.path.insert(0, str(HERE))
    from load import measure

    db = tmp / "api.sqlite"
    subprocess.run(
        [
            str(Path(PYTHON).with_name("eventwire")),
            "ingest",
            str(ROOT / "examples"),
            "--db",
            str(db),
        ],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    m = measure(db, clients=50, seconds=30)
    return [
        "| clients | seconds | requests | errors | requests/s | p50 | p99 | target |",
        "|---|---|---|---|---|---|---|---|",
        f"| 50 | 30 | {m['requests']} | {m['errors']} | {m['rps']:.0f} | "
        f"{m['p50_ms']:.0f} ms | {m['p99_ms']:.0f} ms | p99 < 200 ms, no errors |",
    ]


SECTIONS = ("coding", "ingest", "store", "api")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="documents for the coding runs")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--only",
        nargs="*",
        choices=SECTIONS,
        default=list(SECTIONS),
    )
    parser.add_argument(
        "--no-million", action="store_true", help="skip the one-million-event store"
    )
    parser.add_argument(
        "--profile-stages",
        action="store_true",
        help="with coding: also time each stage in-process (benchmarks/stages.py)",
    )
    args = parser.parse_args()
    docs = corpus(args.docs)
    lines = [
        "# eventwire benchmarks",
        "",
        "Produced by `.venv/bin/python benchmarks/run.py "
        f"--only {' '.join(args.only)} --docs {args.docs} --repeat {args.repeat}"
        f"{' --profile-stages' if args.profile_stages else ''}` "
        f"on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}. Medians of {args.repeat} runs.",
        "",
    ]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if "coding" in args.only:
            lines += [
                "## Coding throughput",
                "",
                f"{len(docs)} real news articles (PolNeAR train when available).",
                "",
            ]
            lines += [*bench_coding(docs, args.repeat, tmp), ""]
            if args.profile_stages:
                lines += [
                    "## Time per stage",
                    "",
                    f"The same {len(docs)} articles in one process: loading in wall seconds, "
                    "then CPU seconds of each step over all documents (one run).",
                    "",
                    *profile_stages(docs, tmp),
                    "",
                ]
        if "ingest" in args.only:
            small = docs[: min(len(docs), 100)]
            lines += [
                "## Ingestion into the store",
                "",
                f"{len(small)} documents, empty store each run.",
                "",
            ]
            lines += [*bench_ingest(small, args.repeat, tmp), ""]
        if "store" in args.only:
            lines += ["## Store", "", *bench_store(args.repeat, tmp, not args.no_million), ""]
        if "api" in args.only:
            lines += [
                "## HTTP API under load",
                "",
                "The sample corpus store, loopback.",
                "",
                *bench_api(tmp),
                "",
            ]
    results = HERE / "RESULTS.md"
    old_text = results.read_text(encoding="utf-8") if results.exists() else ""
    results.write_text("\n".join(merged(lines, old_text)), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
