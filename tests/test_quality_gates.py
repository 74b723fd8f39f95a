"""Quality gates on the shared evaluation data: PolNeAR dev, TimeBank, the CAMEO dev sentences,
the ConfliBERT dev sentences, the ACLED dev notes (events, dates and places) and the GeoVirus
toponyms.

Each corpus is coded through `eventwire code` and scored by the shared scorer; the floors live
in tests/thresholds.json and only rise. Skipped when ../shared is not beside the checkout.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.cli import main

HERE = Path(__file__).resolve().parent
FLOORS = json.loads((HERE / "thresholds.json").read_text(encoding="utf-8"))["corpora"]

# name: (prepare command, its argument, score command, summary patterns)
CORPORA = {
    "polnear_dev": ("prepare-brat", "data/polnear/dev", "attributions-brat", {
        "full_f1": r"attributions full P=[\d.]+ R=[\d.]+ F1=([\d.]+)",
        "content_f1": r"content F1=([\d.]+)",
    }),
    "timebank": ("prepare-timeml", "data/timebank/TimeBank", "timex-timeml", {
        "value_f1": r"timex value F1=([\d.]+)",
    }),
    "geovirus_places": ("prepare-gold", "data/events_more/places_geovirus.json", "places", {
        "f1_161km": r"places F1@161km=([\d.]+)",
        "detection_f1": r"detection F1=([\d.]+)",
        "acc_161km": r"acc@161km=([\d.]+)",
    }),
    "cameo_dev": ("prepare-gold", "data/cameo/events_dev.json", "events", {
        "events_f1": r"events P=[\d.]+ R=[\d.]+ F1=([\d.]+)",
        "code_acc": r"code_acc=([\d.]+)",
    }),
    "conflibert_dev": ("prepare-gold", "data/events_more/conflibert_dev.json", "quad-spans", {
        "class_recall": r"class_recall=([\d.]+)",
        "class_precision": r"class_precision=([\d.]+)",
        "class_actors_recall": r"class\+actors_recall=([\d.]+)",
    }),
    "acled_dev": ("prepare-gold", "data/events_more/acled_dev.json", "events", {
        "events_f1": r"events P=[\d.]+ R=[\d.]+ F1=([\d.]+)",
        "date_acc": r"date_acc=([\d.]+)",
    }),
    "acled_dev_places": ("prepare-gold", "data/events_more/acled_dev.json", "event-places", {
        "event_acc": r"event_acc@161km=([\d.]+)",
        "doc_acc": r"doc_acc@161km=([\d.]+)",
    }),
    "acled_dev_casualties": ("prepare-gold", "data/events_more/acled_dev.json", "casualties", {
        "exact": r"exact=([\d.]+)",
        "none_invented": r"none_invented=([\d.]+)",
    }),
}  # fmt: skip


def scores(shared: Path, tmp: Path, name: str) -> dict[str, float]:
    prepare, data, command, patterns = CORPORA[name]
    score = [sys.executable, str(shared / "eval" / "score.py")]
    docs, out = tmp / f"{name}.jsonl", tmp / f"{name}.out.jsonl"
    with docs.open("w", encoding="utf-8") as fh:
        subprocess.run([*score, prepare, str(shared / data)], check=True, stdout=fh)
    assert main(["code", str(docs), "-o", str(out), "--no-progress", "--force"]) == 0
    summary = (
        subprocess.run(
            [*score, command, str(shared / data), str(out)],
            check=True,
            text=True,
            stdout=subprocess.PIPE,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    return {key: float(re.search(p, summary).group(1)) for key, p in patterns.items()}


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_corpus_scores_hold(name: str, shared_dir: Path, tmp_path: Path) -> None:
    found = scores(shared_dir, tmp_path, name)
    low = {k: (v, FLOORS[name][k]) for k, v in found.items() if v < FLOORS[name][k]}
    assert not low, f"{name}: scores fell below their floors (score, floor): {low}"


def test_every_corpus_has_floors() -> None:
    for name, (_, _, _, patterns) in CORPORA.items():
        assert set(FLOORS[name]) == set(patterns)
