"""Where the time of `eventwire code` goes: each stage timed in-process over the same documents.

    .venv/bin/python benchmarks/stages.py DOCS.jsonl [--batch-size 16] [--repeat 1]

Loading the model and the tables is timed apart (wall seconds, first use in the process).
Then the documents are parsed once with ``nlp.pipe`` and every stage runs over every parse in
pipeline order, as ``eventwire code`` runs them; assembling and serialising the result lines
is the last row. Those figures are CPU seconds of this process (``time.process_time``), so
that other load on the machine does not blur them. Prints a Markdown table;
the ``stages`` section of ``benchmarks/run.py`` adds it to RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from spacy.tokens import Doc

from eventwire.analysis import Analysis
from eventwire.documents import PreparedDocument, prepare
from eventwire.nlp import load_model
from eventwire.options import Options
from eventwire.pipeline import result_of
from eventwire.readers import InputDocument
from eventwire.registry import get_stage
from eventwire.runner import code_batch

FIRST_TEXT = "Colombia's president, Gustavo Petro, proposed talks in Cartagena on Friday."


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def load_times(options: Options) -> list[tuple[str, float]]:
    """Wall seconds to load the model and each cached table, first use in this process."""
    from eventwire.actors.kb import load_kb
    from eventwire.geo.gazetteer import load_gazetteer
    from eventwire.timex.rules import load_rules

    rows = [("model", timed(lambda: load_model(options.model)))]
    rows.append(("gazetteer", timed(load_gazetteer)))
    rows.append(("timex rules", timed(load_rules)))
    rows.append(("actor knowledge base", timed(lambda: load_kb(options.dictionaries))))
    first = InputDocument(id="first", text=FIRST_TEXT, published="2025-12-01")
    rows.append(
        (
            "other word lists, with a first short document",
            timed(lambda: code_batch([first], options)),
        )
    )
    return rows


def read_docs(path: Path) -> list[InputDocument]:
    docs = []
    for line in path.open(encoding="utf-8"):
        raw = json.loads(line)
        docs.append(InputDocument(id=raw["id"], text=raw["text"], published=raw.get("published")))
    return docs


def stage_times(texts: list[InputDocument], options: Options, batch: int) -> dict[str, float]:
    """Seconds per stage over all documents (parse and serialisation included)."""
    prepared = [p for d in texts if isinstance(p := prepare(d, options), PreparedDocument)]
    nlp = load_model(options.model)
    totals: dict[str, float] = {"parse (nlp.pipe)": 0.0}
    start = time.process_time()
    docs: list[Doc] = list(nlp.pipe((p.text for p in prepared), batch_size=batch))
    totals["parse (nlp.pipe)"] = time.process_time() - start
    stages = [(name, *get_stage(name)) for name in options.stages]
    for name, *_ in stages:
        totals[name] = 0.0
    totals["result and JSON line"] = 0.0
    for p, doc in zip(prepared, docs, strict=True):
        analysis = Analysis(doc=doc, published=p.published, options=options, source_text=p.text)
        for name, fills, function in stages:
            start = time.process_time()
            setattr(analysis, fills, function(analysis))
            totals[name] += time.process_time() - start
        start = time.process_time()
        result = result_of(analysis, p.id, **p.meta)
        json.dumps(result.model_dump(mode="json", by_alias=True), ensure_ascii=False)
        totals["result and JSON line"] += time.process_time() - start
    return totals


def table(loads: list[tuple[str, float]], runs: list[dict[str, float]], n: int) -> list[str]:
    rows = ["| step | seconds | ms per document | share of coding |", "|---|---|---|---|"]
    for name, seconds in loads:
        rows.append(f"| load: {name} (wall) | {seconds:.2f} | | |")
    medians = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    total = sum(medians.values())
    for name, seconds in medians.items():
        rows.append(
            f"| {name} | {seconds:.2f} | {1000 * seconds / n:.1f} | {seconds / total:.0%} |"
        )
    rows.append(f"| total (CPU) | {total:.2f} | {1000 * total / n:.1f} | 100% |")
    return rows


def profile_stages(path: Path, batch: int = 16, repeat: int = 1) -> list[str]:
    options = Options()
    loads = load_times(options)
    docs = read_docs(path)
    runs = [stage_times(docs, options, batch) for _ in range(repeat)]
    return table(loads, runs, len(docs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", type=Path, help="a .jsonl file of documents")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure (median)")
    args = parser.parse_args()
    print("\n".join(profile_stages(args.docs, args.batch_size, args.repeat)))


if __name__ == "__main__":
    main()
