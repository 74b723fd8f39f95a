"""Scoring a corpus ledger against an analyst's gold items (``tests/data/corpus_gold.json``).

A predicted item matches a gold item when its kind is one the gold accepts, its parties are
the gold's (a code matches the gold code or a refinement of it; an addressee the gold leaves
unknown must be unknown), and its content says the same as the gold content or one of its
paraphrases (at least half of the smaller set of content words in common). Items are paired
one to one, best content first. A fragment is content that is not a whole phrase: no content
word, only a word that names the act, a single participle, a dangling word at either end, or
the words of an attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[a-zà-ÿ]+")


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP = word_set(
    "a an the of for to and or in on at by with from his her its their him them he she it they "
    "that this be been was were is are has have had will would should could as all over out "
    "who which himself herself own"
)
ACT_NOUNS = word_set(
    "demand demands counter-demands ultimatum ultimatums request requests offer offers "
    "proposal proposals threat threats promise promises terms"
)
DANGLING = word_set("and or but for of to the a an with from by that in instead")
ATTRIBUTION = ("according to", "people said", "sources said", "officials said", "the people say")


@dataclass(frozen=True)
class Predicted:
    kind: str
    from_code: str | None
    to_code: str | None
    content: str
    status: str
    documents: frozenset[str]


def stems(text: str) -> frozenset[str]:
    words = WORD.findall(text.lower().replace("-", " "))
    return frozenset(w[:5] for w in words if w not in STOP)


def content_score(content: str, gold: dict) -> float:
    """The best overlap of the content with the gold content or a paraphrase (0..1)."""
    found = stems(content)
    best = 0.0
    for phrase in [gold["content"], *gold.get("paraphrases", [])]:
        wanted = stems(phrase)
        smaller = min(len(found), len(wanted))
        if smaller:
            best = max(best, len(found & wanted) / smaller)
    return best


def code_fits(code: str | None, accepted: list[str | None]) -> bool:
    if code is None:
        return None in accepted
    return any(a is not None and code.startswith(a) for a in accepted)


def fits(p: Predicted, gold: dict) -> float:
    """How well a predicted item fits a gold item: 0 when it does not, else its content score."""
    if p.kind not in gold["kind"] or not code_fits(p.from_code, gold["from"]):
        return 0.0
    if not code_fits(p.to_code, gold["to"]):
        return 0.0
    score = content_score(p.content, gold)
    return score if score >= 0.5 else 0.0


def is_fragment(content: str) -> bool:
    words = content.lower().split()
    if not words:
        return True
    bare = [w.strip(".,;:'\"“”") for w in words]
    content_words = [w for w in bare if w not in STOP]
    if not content_words or all(w in ACT_NOUNS for w in content_words):
        return True
    if len(bare) == 1 and bare[0].endswith("ed"):
        return True
    if bare[0] in DANGLING - {"to", "the", "a", "an", "that"} or bare[-1] in DANGLING:
        return True
    return any(cue in content.lower() for cue in ATTRIBUTION)


@dataclass(frozen=True)
class Scores:
    gold: int
    predicted: int
    matched: int
    status_right: int
    documents_right: int
    documents_gold: int
    fragments: list[str]
    missed: list[str]
    spurious: list[str]

    @property
    def f1(self) -> float:
        total = self.gold + self.predicted
        return 2 * self.matched / total if total else 1.0

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.matched if self.matched else 0.0

    @property
    def document_recall(self) -> float:
        return self.documents_right / self.documents_gold if self.documents_gold else 1.0


def score(gold: list[dict], predicted: list[Predicted]) -> Scores:
    pairs = sorted(
        ((fits(p, g), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched: list[tuple[int, int]] = []
    for value, gi, pi in pairs:
        if value > 0 and gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            matched.append((gi, pi))
    return Scores(
        gold=len(gold),
        predicted=len(predicted),
        matched=len(matched),
        status_right=sum(predicted[pi].status == gold[gi]["status"] for gi, pi in matched),
        documents_right=sum(
            len(predicted[pi].documents & set(gold[gi]["documents"])) for gi, pi in matched
        ),
        documents_gold=sum(len(g["documents"]) for g in gold),
        fragments=[p.content for p in predicted if is_fragment(p.content)],
        missed=[g["id"] for gi, g in enumerate(gold) if gi not in used_gold],
        spurious=[
            f"{p.kind} {p.from_code}->{p.to_code}: {p.content}"
            for pi, p in enumerate(predicted)
            if pi not in used_pred
        ],
    )
