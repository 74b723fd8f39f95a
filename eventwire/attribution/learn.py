"""Learn cue verbs from an attribution corpus in brat standoff (PolNeAR's layout).

For every verb and noun lemma the corpus counts how often a word with that lemma occurs and
how often it is annotated as (part of) an attribution cue, with the prepositions that join
it in the cue ("railed against", "criticism of"). Lemmas that are cues often enough go into
``eventwire/data/attribution/learned_cues.tsv``, which the lexicon adds to the hand-written
cue verbs and nouns. Retrain with:

    python -m eventwire.attribution.learn PATH/TO/polnear/train

(the folder holds ``text/*.txt`` and ``attributions/*.ann``). Only the training split may be
used, so that the development split still measures something.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Token

from eventwire.attribution.cues import VERB_TAGS

MIN_CUES = 3  # a lemma needs this many annotated cue uses
MIN_SHARE = 0.3  # ... and this share of its uses annotated as cues
MIN_PREP = 2  # a preposition joins a lemma's cue ("railed against") this often to count
OUTPUT = "attribution/learned_cues.tsv"


@dataclass(frozen=True)
class CueStat:
    lemma: str
    uses: int
    cues: int
    preps: tuple[str, ...] = ()  # prepositions annotated as part of the cue
    pos: str = "VERB"  # VERB or NOUN

    @property
    def share(self) -> float:
        return self.cues / self.uses if self.uses else 0.0


def cue_spans(ann: Path) -> list[tuple[int, int]]:
    """Character spans of the Cue annotations of one brat .ann file."""
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 2:
            continue
        label, _, offsets = parts[1].partition(" ")
        if label != "Cue":
            continue
        for piece in offsets.split(";"):
            start, end = piece.split()
            spans.append((int(start), int(end)))
    return spans


def corpus(folder: Path) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """(text, cue spans) for every annotated document of the folder."""
    for txt in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(txt.stem + "*.ann"))
        if anns:
            yield txt.read_text(encoding="utf-8"), cue_spans(anns[0])


def _word_class(token: Token) -> str | None:
    if token.tag_ in VERB_TAGS and token.dep_ not in ("aux", "auxpass"):
        return "VERB"
    if token.pos_ == "NOUN":
        return "NOUN"
    return None


def count(parsed: Iterable[tuple[Doc, list[tuple[int, int]]]]) -> list[CueStat]:
    """How often each verb and noun lemma occurs, how often as a cue, with which
    prepositions."""
    uses: Counter[tuple[str, str]] = Counter()
    cues: Counter[tuple[str, str]] = Counter()
    preps: Counter[tuple[str, str, str]] = Counter()
    for doc, spans in parsed:
        for token in doc:
            pos = _word_class(token)
            if pos is None:
                continue
            key = (pos, token.lemma_.lower())
            uses[key] += 1
            span = next(((a, b) for a, b in spans if a <= token.idx < b), None)
            if span is None:
                continue
            cues[key] += 1
            for child in token.children:
                if child.dep_ == "prep" and span[0] <= child.idx < span[1]:
                    preps[(*key, child.lower_)] += 1
    joined: dict[tuple[str, str], list[str]] = {}
    for (pos, lemma, prep), n in preps.items():
        if n >= MIN_PREP:
            joined.setdefault((pos, lemma), []).append(prep)
    return [
        CueStat(
            lemma,
            uses[pos, lemma],
            cues[pos, lemma],
            tuple(sorted(joined.get((pos, lemma), []))),
            pos,
        )
        for pos, lemma in sorted(uses)
    ]


def selected(stats: Iterable[CueStat]) -> list[CueStat]:
    return [s for s in stats if s.cues >= MIN_CUES and s.share >= MIN_SHARE]


def write(stats: list[CueStat], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["lemma", "pos", "uses", "cues", "share", "preps"])
        for s in sorted(stats, key=lambda s: (s.pos != "VERB", -s.cues, s.lemma)):
            writer.writerow([s.lemma, s.pos, s.uses, s.cues, f"{s.share:.2f}", " ".join(s.preps)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="training split: text/ and attributions/")
    parser.add_argument("-o", "--output", type=Path, help="where to write the TSV")
    args = parser.parse_args(argv)
    from eventwire.nlp import load_model

    nlp = load_model()
    documents = list(corpus(args.folder))
    if not documents:
        print(f"no annotated documents under {args.folder}", file=sys.stderr)
        return 1
    texts = [text for text, _ in documents]
    parsed = zip(nlp.pipe(texts), [spans for _, spans in documents], strict=True)
    stats = selected(count(parsed))
    output = args.output or Path(str(resources.files("eventwire.data").joinpath(OUTPUT)))
    write(stats, output)
    print(f"{len(stats)} cue lemmas from {len(documents)} documents -> {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
