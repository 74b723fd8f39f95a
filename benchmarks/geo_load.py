"""How long a process takes to read the packed gazetteer, and how much memory a worker holds.

    .venv/bin/python benchmarks/geo_load.py [--runs 5] [--corpus examples/corpus.jsonl]

Each run is a fresh interpreter, so that nothing is cached: it imports the gazetteer module,
then times ``load_gazetteer()`` alone and a first batch of lookups. The worker figure is the
peak resident memory of one ``eventwire code`` process (one worker) coding the corpus. The
targets are a load under 0.3 s and a worker under 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOAD = """
import json, resource, time
import eventwire.geo.gazetteer as g
start = time.perf_counter()
gaz = g.load_gazetteer()
loaded = time.perf_counter()
for name in ["Alberta", "Pandi", "Idlib", "Kiev", "Long Beach", "Arua", "Oxford", "Bulacan"]:
    gaz.lookup(name)
looked = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load_s": loaded - start, "lookups_s": looked - loaded, "rss_mib": rss}))
"""


def load_runs(runs: int) -> list[dict[str, float]]:
    """One measurement per fresh interpreter."""
    out = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", LOAD], check=True, capture_output=True, text=True, cwd=ROOT
        )
        out.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return out


def worker_peak_mib(corpus: Path) -> float:
    """Peak resident memory of one coding process over the corpus, in MiB."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "eventwire.cli", "code", str(corpus)]
        command += ["-o", str(Path(tmp) / "out.jsonl"), "--force", "--no-progress", "-n", "1"]
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus.jsonl")
    args = parser.parse_args(argv)
    runs = load_runs(args.runs)
    load = statistics.median(r["load_s"] for r in runs)
    lookups = statistics.median(r["lookups_s"] for r in runs)
    rss = max(r["rss_mib"] for r in runs)
    print(f"gazetteer load: median {load:.3f} s over {args.runs} runs (target <= 0.3 s)")
    print(f"first lookups: median {lookups * 1000:.1f} ms for 8 names")
    print(f"process after loading: peak RSS {rss:.0f} MiB")
    peak = worker_peak_mib(args.corpus)
    print(f"one worker coding {args.corpus.name}: peak RSS {peak:.0f} MiB (target <= 1024 MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
