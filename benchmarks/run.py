"""eventwire benchmarks: one command measures everything and writes benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py [--repeat R] [--docs N] [--only SECTION ...]

Sections:
    coding       `eventwire code` against bare spaCy parsing (nlp.pipe with the same model,
                 batch size and process count), 1 and 2 processes, peak memory of a process;
                 on the PolNeAR train articles (all 840, or the first N) and on the sample
                 corpus repeated to as many documents
    stages       where the time of coding goes, stage by stage, in one process (stages.py)
    ingest       documents per second into the store: local and Dask, 1 and 2 workers
    store        writing precomputed results; queries on a store of one million events
    api          50 concurrent clients for 30 seconds against `eventwire serve` (load.py)
    reliability  kill -9 during ingestion, each followed by a re-run; a one-megabyte
                 sentence (reliability.py)

Each timing is the median of R runs, and each ratio is taken within the same run. RESULTS.md
opens with every figure against its target. A run with --only keeps what an earlier run wrote
for the other sections. The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
PYTHON = sys.executable
EVENTWIRE = str(Path(PYTHON).with_name("eventwire"))
sys.path.insert(0, str(HERE))


@dataclass(frozen=True)
class Figure:
    """One measured figure set against its target."""

    measure: str
    value: str
    target: str
    met: bool


@dataclass
class Section:
    """A titled part of the report: Markdown lines, and the figures it sets against targets."""

    title: str
    lines: list[str]
    figures: list[Figure] = field(default_factory=list)


def polnear_train(n: int | None) -> list[dict]:
    """The PolNeAR train articles (real news text), when the shared data is present."""
    train = SHARED / "data" / "polnear" / "train" / "text"
    files = sorted(train.glob("*.txt"))[:n] if train.is_dir() else []
    return [
        {"id": f.stem, "text": f.read_text(encoding="utf-8"), "published": "2016-10-01"}
        for f in files
    ]


def sample_corpus(n: int) -> list[dict]:
    """The sample corpus in examples/, repeated to n documents."""
    sample = [json.loads(line) for line in (ROOT / "examples" / "corpus.jsonl").open()]
    return [dict(sample[i % len(sample)], id=f"s{i}") for i in range(n)]


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
    """Wall seconds of a command, and the peak RSS (KiB) of its largest process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)  # the usage covers the workers it waited for
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, args)
    return elapsed, usage.ru_maxrss


BARE_PARSE = """
import json, sys
from eventwire.nlp import load_model
nlp = load_model()
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for _ in nlp.pipe(texts, batch_size=int(sys.argv[2]), n_process=int(sys.argv[3])):
    pass
"""
BATCH = 16


def bench_coding(name: str, docs: list[dict], repeat: int, tmp: Path) -> Section:
    """Bare parsing and `eventwire code` in turn, with 1 and then 2 processes."""
    src = write_jsonl(docs, tmp / "coding.jsonl")
    rows = [
        f"{len(docs)} documents, batch size {BATCH}.",
        "",
        "| processes | bare spaCy (docs/s) | eventwire code (docs/s) | ratio | target "
        "| peak RSS of a process (MiB) |",
        "|---|---|---|---|---|---|",
    ]
    figures, rates = [], {}
    for procs in (1, 2):
        bare, code, peak = [], [], 0
        for _ in range(repeat):
            bare.append(
                timed_process([PYTHON, "-c", BARE_PARSE, str(src), str(BATCH), str(procs)])[0]
            )
            seconds, rss = timed_process(
                [
                    EVENTWIRE,
                    "code",
                    str(src),
                    "-o",
                    str(tmp / "out.jsonl"),
                    "--force",
                    "--no-progress",
                    "-n",
                    str(procs),
                    "--batch-size",
                    str(BATCH),
                ]
            )
            code.append(seconds)
            peak = max(peak, rss)
        b, c = len(docs) / statistics.median(bare), len(docs) / statistics.median(code)
        rates[procs] = c
        mib = peak / 1024
        rows.append(f"| {procs} | {b:.1f} | {c:.1f} | {c / b:.2f} | >= 0.70 | {mib:.0f} |")
        figures += [
            Figure(
                f"code vs bare parse, {name}, {plural(procs)}",
                f"{c / b:.2f}",
                ">= 0.70",
                c / b >= 0.70,
            ),
            Figure(
                f"peak memory of a process, {name}, {plural(procs)}",
                f"{mib:.0f} MiB",
                "<= 1,024 MiB",
                mib <= 1024,
            ),
        ]
    scaling = rates[2] / rates[1]
    rows.append(f"\nTwo processes against one (eventwire code): {scaling:.2f}x.")
    figures.append(
        Figure(f"2 processes vs 1, {name}", f"{scaling:.2f}x", ">= 1.8x", scaling >= 1.8)
    )
    return Section(f"Coding throughput: {name}", rows, figures)


def plural(procs: int) -> str:
    return "1 process" if procs == 1 else f"{procs} processes"


def bench_stages(docs: list[dict], tmp: Path) -> Section:
    """The per-stage table of stages.py, in a process of its own."""
    src = write_jsonl(docs, tmp / "stages.jsonl")
    done = subprocess.run(
        [PYTHON, str(HERE / "stages.py"), str(src), "--batch-size", str(BATCH)],
        check=True,
        capture_output=True,
        text=True,
    )
    lines = [
        f"{len(docs)} documents in one process: loading in wall seconds (first use), then CPU "
        "seconds of each step over all documents.",
        "",
        *done.stdout.strip().splitlines(),
    ]
    return Section("Time per stage", lines)


def bench_ingest(docs: list[dict], repeat: int, tmp: Path) -> Section:
    src = write_jsonl(docs, tmp / "ingest.jsonl")
    rows = [
        f"{len(docs)} documents, empty store each run.",
        "",
        "| engine | workers | documents/s |",
        "|---|---|---|",
    ]
    for engine, workers in (("local", 1), ("local", 2), ("dask", 1), ("dask", 2)):
        db = tmp / f"ingest-{engine}-{workers}.sqlite"

        def run(engine: str = engine, workers: int = workers, db: Path = db) -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            subprocess.run(
                [
                    EVENTWIRE,
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
    return Section("Ingestion into the store", rows)


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


def bench_store(repeat: int, tmp: Path, million: bool) -> Section:
    from eventwire.corpus.series import dyad_series
    from eventwire.model import DocumentResult
    from eventwire.store import open_store
    from eventwire.store.writer import Stored, write_batch

    rng = random.Random(7)
    results = [DocumentResult.model_validate(synthetic_result(i, rng, 5)) for i in range(4000)]

    def write() -> None:
        db = tmp / "write.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        conn = open_store(db)
        for start in range(0, len(results), 500):
            chunk = enumerate(results[start : start + 500], start)
            write_batch(conn, [Stored(f"h{i}", "bench", "text", r) for i, r in chunk])
        conn.close()

    rate = len(results) / median_time(write, repeat)
    figures = [
        Figure(
            "store writes, precomputed results (5 events each)",
            f"{rate:,.0f} docs/s",
            ">= 2,000 docs/s",
            rate >= 2000,
        )
    ]
    if million:
        db = tmp / "million.sqlite"
        conn = open_store(db)
        for start in range(0, 100_000, 2000):
            write_batch(
                conn,
                [
                    Stored(
                        f"m{i}",
                        "bench",
                        "text",
                        DocumentResult.model_validate(synthetic_result(i, rng, 10)),
                    )
                    for i in range(start, start + 2000)
                ],
            )
        total = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        conn.close()
        ro = open_store(db, readonly=True)
        series = median_time(lambda: dyad_series(ro, "USA", "VEN"), max(repeat, 5))
        page = median_time(
            lambda: ro.execute(
                "SELECT * FROM events WHERE source_country = 'USA' AND target_country = 'VEN' "
                "ORDER BY date DESC, event_key DESC LIMIT 50 OFFSET 500"
            ).fetchall(),
            max(repeat, 5),
        )
        figures += [
            Figure(
                f"dyad series (day) on {total:,} events",
                f"{series * 1000:.0f} ms",
                "< 300 ms",
                series < 0.3,
            ),
            Figure(
                f"event list page (50 rows, offset 500) on {total:,} events",
                f"{page * 1000:.1f} ms",
                "< 100 ms",
                page < 0.1,
            ),
        ]
    return Section("Store", figure_table(figures), figures)


def bench_api(tmp: Path) -> Section:
    from load import measure

    db = tmp / "api.sqlite"
    subprocess.run(
        [EVENTWIRE, "ingest", str(ROOT / "examples"), "--db", str(db)],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    m = measure(db, clients=50, seconds=30)
    lines = [
        "The sample corpus store, loopback.",
        "",
        "| clients | seconds | requests | errors | requests/s | p50 | p99 |",
        "|---|---|---|---|---|---|---|",
        f"| 50 | 30 | {m['requests']} | {m['errors']} | {m['rps']:.0f} | "
        f"{m['p50_ms']:.0f} ms | {m['p99_ms']:.0f} ms |",
    ]
    figures = [
        Figure(
            "API p99 latency, 50 clients for 30 s",
            f"{m['p99_ms']:.0f} ms",
            "< 200 ms",
            m["p99_ms"] < 200,
        ),
        Figure("API errors, 50 clients for 30 s", str(m["errors"]), "0", m["errors"] == 0),
    ]
    return Section("HTTP API under load", lines, figures)


def bench_reliability(docs: int, kills: int, tmp: Path) -> Section:
    from reliability import kill_and_resume, long_sentence

    done = kill_and_resume(docs, kills, tmp, random.Random(1))
    lines_out, seconds = long_sentence(tmp, limit=600)
    rows = [
        f"kill -9 at a random moment during the ingestion of {docs} documents (within the time "
        "an uninterrupted run takes), then a re-run to the end; the store is compared with the "
        "uninterrupted run's.",
        "",
        "| kill | seconds after the start | store after re-run |",
        "|---|---|---|",
        *(f"| {n} | {k.at:.1f} | {k.outcome} |" for n, k in enumerate(done, 1)),
        "",
        f"A one-megabyte sentence with no full stop: {lines_out} result line(s) "
        f"in {seconds:.1f} s.",
        "",
        "Fuzzing (bounded hypothesis runs of the readers, every stage and `eventwire code`) and "
        "the refusal of corrupt, locked and newer stores are tests in the suite "
        "(`tests/test_fuzz.py`, `tests/test_store.py`).",
    ]
    good = sum(k.interrupted and k.equal for k in done)
    figures = [
        Figure(
            f"stores equal after kill -9 during ingestion and re-run ({docs} documents)",
            f"{good}/{len(done)}",
            "all",
            good == len(done),
        ),
        Figure(
            "a one-megabyte sentence",
            f"{lines_out} line in {seconds:.0f} s",
            "1 line, no hang",
            lines_out == 1,
        ),
    ]
    return Section("Reliability", rows, figures)


def figure_table(figures: list[Figure]) -> list[str]:
    return [
        "| measure | figure | target | met |",
        "|---|---|---|---|",
        *(
            f"| {f.measure} | {f.value} | {f.target} | {'yes' if f.met else 'NO'} |"
            for f in figures
        ),
    ]


SUMMARY = "## Every figure against its target"
EARLIER = "(From an earlier run.)"


def parse_sections(text: str) -> dict[str, list[str]]:
    """The `## ` sections of a report, by heading, without the run's marks."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = sections.setdefault(line, [])
        elif current is not None and line != EARLIER:
            current.append(line)
    return {title: strip_blank(lines) for title, lines in sections.items()}


def strip_blank(lines: list[str]) -> list[str]:
    while lines and not lines[0]:
        lines = lines[1:]
    while lines and not lines[-1]:
        lines = lines[:-1]
    return lines


def report(header: list[str], sections: list[Section], old_text: str) -> list[str]:
    """The new sections, then those of the old report this run did not make; the summary first."""
    made = {f"## {s.title}" for s in sections}
    old = parse_sections(old_text)
    rows = [row for s in sections for row in figure_table(s.figures)[2:]]
    measured = {row.split(" | ")[0] for row in rows}
    rows += [row for row in old.get(SUMMARY, [])[2:] if row.split(" | ")[0] not in measured]
    lines = [*header, SUMMARY, "", *figure_table([])[:2], *rows, ""]
    for s in sections:
        lines += [f"## {s.title}", "", *s.lines, ""]
    for title, body in old.items():
        if title != SUMMARY and title not in made:
            lines += [title, "", EARLIER, "", *body, ""]
    return lines


SECTIONS = ("coding", "stages", "ingest", "store", "api", "reliability")


def run_sections(args: argparse.Namespace, tmp: Path) -> list[Section]:
    real = polnear_train(args.docs)
    docs = real or sample_corpus(args.docs or 200)
    sections = []
    if "coding" in args.only:
        if real:
            sections.append(bench_coding("PolNeAR train articles", real, args.repeat, tmp))
        sample = sample_corpus(len(docs))
        sections.append(bench_coding("sample corpus, repeated", sample, args.repeat, tmp))
    if "stages" in args.only:
        sections.append(bench_stages(docs, tmp))
    if "ingest" in args.only:
        sections.append(bench_ingest(docs[:100], args.repeat, tmp))
    if "store" in args.only:
        sections.append(bench_store(args.repeat, tmp, not args.no_million))
    if "api" in args.only:
        sections.append(bench_api(tmp))
    if "reliability" in args.only:
        sections.append(bench_reliability(args.kill_docs, args.kills, tmp))
    return sections


def compile_bytecode() -> None:
    """Compile eventwire's modules as installing a package does, so that no timed run pays
    for compiling them (a shell with PYTHONDONTWRITEBYTECODE set never caches them)."""
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "eventwire")], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, help="PolNeAR articles to code (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--only", nargs="*", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--no-million", action="store_true", help="skip the 1M-event store")
    parser.add_argument("--kills", type=int, default=10, help="kill -9 during ingestion")
    parser.add_argument("--kill-docs", type=int, default=300, help="documents ingested per kill")
    args = parser.parse_args()
    command = " ".join(["benchmarks/run.py", *sys.argv[1:]])
    started = time.perf_counter()
    compile_bytecode()
    with tempfile.TemporaryDirectory() as name:
        sections = run_sections(args, Path(name))
    header = [
        "# eventwire benchmarks",
        "",
        f"Written by `.venv/bin/python {command}` on {platform.machine()}, {os.cpu_count()} "
        f"cores, Python {platform.python_version()}, {date.today().isoformat()}, in "
        f"{(time.perf_counter() - started) / 60:.0f} minutes. Each timing is the median of "
        f"{args.repeat} runs; ratios are taken within the run.",
        "",
    ]
    results = HERE / "RESULTS.md"
    old_text = results.read_text(encoding="utf-8") if results.exists() else ""
    text = "\n".join(report(header, sections, old_text))
    results.write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(f.met for s in sections for f in s.figures) else 1


if __name__ == "__main__":
    sys.exit(main())
