"""The regression gate: the seed article through `eventwire code`, scored by the shared scorer.

Thresholds live in tests/thresholds.json and only ever rise.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
THRESHOLDS = json.loads((HERE / "thresholds.json").read_text(encoding="utf-8"))
SUMMARY = {
    "events_f1": r"seed events F1=([\d.]+)",
    "code_acc": r"code_acc=([\d.]+)",
    "date_acc": r"date_acc=([\d.]+)",
    "certainty_acc": r"certainty_acc=([\d.]+)",
    "attributions_f1": r"attributions F1=([\d.]+)",
    "timex_value_f1": r"timex value F1=([\d.]+)",
    "ledger_f1": r"ledger F1=([\d.]+)",
    "status_acc": r"status_acc=([\d.]+)",
}


def run(*args: str | Path, stdout=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], check=True, text=True, stdout=stdout or subprocess.PIPE
    )


@pytest.fixture(scope="module")
def seed_scores(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    tmp = tmp_path_factory.mktemp("seed")
    score = shared_dir / "eval" / "score.py"
    docs, out = tmp / "seed.jsonl", tmp / "seed.out.jsonl"
    with docs.open("w", encoding="utf-8") as fh:
        run(sys.executable, score, "prepare-gold", shared_dir / "seed" / "gold.json", stdout=fh)
    eventwire = Path(sys.executable).with_name("eventwire")
    run(eventwire, "code", docs, "-o", out, "--no-progress")
    summary = run(sys.executable, score, "seed", out).stdout.strip().splitlines()[-1]
    return {key: float(re.search(pattern, summary).group(1)) for key, pattern in SUMMARY.items()}


@pytest.mark.parametrize("metric", sorted(SUMMARY))
def test_seed_score_holds(seed_scores: dict[str, float], metric: str) -> None:
    floor = THRESHOLDS["seed"][metric]
    assert seed_scores[metric] >= floor, (
        f"seed {metric} {seed_scores[metric]:.3f} fell below {floor}"
    )


def test_thresholds_are_sane() -> None:
    assert set(THRESHOLDS["seed"]) == set(SUMMARY)
    assert all(0.0 <= v <= 1.0 for v in THRESHOLDS["seed"].values())
