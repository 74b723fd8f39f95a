"""Accuracy on every dev set, scored by the shared scorer; writes benchmarks/ACCURACY.md.

    .venv/bin/python benchmarks/accuracy.py [--processes N] [--only NAME ...]

    (or `make eval`)

Each set is prepared with `score.py`, coded with `eventwire code` and scored; the summary line
of each scoring command is kept, and each figure is set against the target of the event
coder's issue where it has one. The shared data is read from ../shared beside the checkout.
The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "eval" / "score.py"
EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))


@dataclass(frozen=True)
class Target:
    """A figure of a summary line and the least it should be."""

    label: str
    pattern: str
    least: float | None = None


@dataclass(frozen=True)
class DevSet:
    """One dev set: how to prepare it, and the scoring commands with their targets."""

    name: str
    prepare: str
    data: str
    scores: tuple[tuple[str, tuple[Target, ...]], ...]


SETS = (
    DevSet("seed", "prepare-gold", "seed/gold.json", (
        ("seed", (
            Target("events F1", r"seed events F1=([\d.]+)", 1.0),
            Target("date accuracy", r"date_acc=([\d.]+)", 1.0),
            Target("certainty accuracy", r"certainty_acc=([\d.]+)", 1.0),
            Target("attributions F1", r"attributions F1=([\d.]+)", 0.8),
            Target("timex value F1", r"timex value F1=([\d.]+)", 1.0),
            Target("ledger F1", r"ledger F1=([\d.]+)", 1.0),
        )),
    )),
    DevSet("cameo_dev", "prepare-gold", "data/cameo/events_dev.json", (
        ("events", (
            Target("events F1", r"F1=([\d.]+)", 0.80),
            Target("exact code among matched", r"code_acc=([\d.]+)", 0.85),
        )),
    )),
    DevSet("conflibert_dev", "prepare-gold", "data/events_more/conflibert_dev.json", (
        ("quad-spans", (
            Target("class recall", r"class_recall=([\d.]+)", 0.70),
            Target("class precision", r"class_precision=([\d.]+)", 0.85),
            Target("class and actors recall", r"class\+actors_recall=([\d.]+)", 0.60),
        )),
    )),
    DevSet("acled_dev", "prepare-gold", "data/events_more/acled_dev.json", (
        ("events", (
            Target("events F1", r"F1=([\d.]+)", 0.60),
            Target("date accuracy", r"date_acc=([\d.]+)", 0.85),
        )),
        ("event-places", (
            Target("event place accuracy at 161 km", r"event_acc@161km=([\d.]+)", 0.60),
            Target("some place of the document within 161 km", r"doc_acc@161km=([\d.]+)"),
        )),
        ("casualties", (
            Target("people killed, exact", r"exact=([\d.]+)"),
        )),
    )),
    DevSet("geovirus", "prepare-gold", "data/events_more/places_geovirus.json", (
        ("places", (
            Target("places F1 at 161 km", r"F1@161km=([\d.]+)"),
        )),
    )),
    DevSet("polnear_dev", "prepare-brat", "data/polnear/dev", (
        ("attributions-brat", (
            Target("attributions full F1", r"full P=[\d.]+ R=[\d.]+ F1=([\d.]+)", 0.55),
            Target("content F1", r"content F1=([\d.]+)", 0.70),
        )),
    )),
    DevSet("timebank", "prepare-timeml", "data/timebank/TimeBank", (
        ("timex-timeml", (
            Target("timex value F1", r"timex value F1=([\d.]+)", 0.80),
        )),
    )),
)  # fmt: skip


def score(*args: str) -> str:
    """The last line a scoring command prints."""
    out = subprocess.run(
        [sys.executable, str(SCORE), *args], check=True, text=True, stdout=subprocess.PIPE
    )
    return out.stdout.strip().splitlines()[-1]


def measure(dev: DevSet, work: Path, processes: int) -> tuple[list[str], int, float]:
    """Markdown rows of one dev set, how many targets it missed, and the coding time."""
    docs, out = work / f"{dev.name}.jsonl", work / f"{dev.name}.out.jsonl"
    data = str(SHARED / dev.data)
    with docs.open("w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, str(SCORE), dev.prepare, data], check=True, stdout=fh)
    started = time.perf_counter()
    code = [EVENTWIRE, "code", str(docs), "-o", str(out), "--force", "--no-progress"]
    subprocess.run([*code, "-n", str(processes)], check=True, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    rows, missed = [], 0
    for command, targets in dev.scores:
        summary = score(command, str(out)) if command == "seed" else score(command, data, str(out))
        for target in targets:
            found = re.search(target.pattern, summary)
            value = float(found.group(1)) if found else float("nan")
            met = target.least is None or value >= target.least
            missed += not met
            least = "" if target.least is None else f">= {target.least:.2f}"
            mark = "" if target.least is None else ("met" if met else "**not met**")
            rows.append(f"| {dev.name} | {target.label} | {value:.3f} | {least} | {mark} |")
    return rows, missed, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", "-n", type=int, default=2, help="worker processes (2)")
    parser.add_argument("--only", nargs="*", default=None, help="dev sets to score (all)")
    args = parser.parse_args(argv)
    if not SCORE.is_file():
        print(f"accuracy: the shared data is not beside the checkout ({SHARED})", file=sys.stderr)
        return 2
    chosen = [d for d in SETS if args.only is None or d.name in args.only]
    lines = ["| set | measure | score | target | |", "|---|---|---|---|---|"]
    missed, timings = 0, []
    with tempfile.TemporaryDirectory() as tmp:
        for dev in chosen:
            rows, misses, seconds = measure(dev, Path(tmp), args.processes)
            lines += rows
            missed += misses
            timings.append(f"{dev.name} {seconds:.0f} s")
            print("\n".join(rows), flush=True)
    report = [
        "# Accuracy on the dev sets",
        "",
        "Written by `benchmarks/accuracy.py` (`make eval`): each set coded by `eventwire code`",
        "and scored by `../shared/eval/score.py`. Targets are those of the event coder's issue.",
        "",
        *lines,
        "",
        f"Coding time with {args.processes} processes: " + ", ".join(timings) + ".",
        "",
    ]
    if args.only is None:
        (HERE / "ACCURACY.md").write_text("\n".join(report), encoding="utf-8")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
