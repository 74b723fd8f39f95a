"""What an item asks for or offers, read from its words: the family of its kind, the stems of
its content words and the meanings they express (``data/ledger/meanings.yaml``).

Two reports are of one act when their content expresses a common meaning ("step down" and
"relinquish power" both ask the leader to leave power), or, when neither expresses a known
meaning, when they share most of their content words. Matching works on the text alone, so
that items stored without their parse can be compared too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventwire.yamlfiles import load_yaml

WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")
PLACE = "PLACE"
MIN_SHARED = 0.5  # the share of the smaller set of content words two texts must have in common

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Meanings:
    families: dict[str, str]
    asking: frozenset[str]
    phrases: dict[str, tuple[Phrase, ...]]
    stop_words: frozenset[str]

    def family(self, kind: str) -> str:
        return self.families.get(kind, kind)

    def kinds_agree(self, first: str, second: str, same_meaning: bool) -> bool:
        """Kinds of one act: of one family, or both asking and meaning the same thing."""
        one, other = self.family(first), self.family(second)
        return one == other or (same_meaning and {one, other} <= self.asking)


def stem(word: str) -> str:
    """A crude stem that maps the inflections of a word to one form ("resigned", "resigns")."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    else:
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
                word = word[: -len(suffix)]
                break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def _phrase(text: str, stop_words: frozenset[str]) -> Phrase:
    return tuple(w if w == PLACE else stem(w) for w in text.split() if w not in stop_words)


@lru_cache(maxsize=1)
def meanings() -> Meanings:
    """The meaning tables, read once."""
    path = resources.files("eventwire.data").joinpath("ledger/meanings.yaml")
    data = load_yaml(path.read_text("utf-8"), words=True)
    stops = frozenset(str(w).lower() for w in data["stop_words"])
    return Meanings(
        families={str(k): str(v) for k, v in data["families"].items()},
        asking=frozenset(data["asking"]),
        phrases={str(k): tuple(_phrase(p, stops) for p in v) for k, v in data["meanings"].items()},
        stop_words=stops,
    )


def content_stems(text: str) -> tuple[frozenset[str], ...]:
    """Each content word of a text as the forms a phrase may match: its stem, and PLACE for a
    capitalised word."""
    stops = meanings().stop_words
    words = [w for w in WORD.findall(text) if w.lower() not in stops]
    return tuple(frozenset({stem(w)} | ({PLACE} if w[0].isupper() else set())) for w in words)


def has_phrase(words: tuple[frozenset[str], ...], phrase: Phrase) -> bool:
    """Whether the phrase's words occur in order among the content words, each next to the
    previous one or one word apart ("control over the armed forces")."""
    for start, forms in enumerate(words):
        if phrase[0] not in forms:
            continue
        at, found = start, True
        for part in phrase[1:]:
            nxt = next(
                (n for n in range(at + 1, at + 3) if n < len(words) and part in words[n]), None
            )
            if nxt is None:
                found = False
                break
            at = nxt
        if found:
            return True
    return False


@lru_cache(maxsize=8192)
def meanings_of(text: str) -> frozenset[str]:
    """The meanings a content text expresses (kept for the texts met most recently: merging the
    ledger asks again for each item a report meets)."""
    words = content_stems(text)
    table = meanings().phrases
    return frozenset(
        m for m, phrases in table.items() if any(has_phrase(words, p) for p in phrases)
    )


@lru_cache(maxsize=8192)
def stems_of(text: str) -> frozenset[str]:
    """The stems of a text's content words."""
    return frozenset(stem(w) for w in WORD.findall(text) if w.lower() not in meanings().stop_words)


def same_meaning(first: str, second: str) -> bool | None:
    """Whether two contents mean the same thing: True when they share a meaning, False when
    each has meanings but none in common, None when that says nothing."""
    one, other = meanings_of(first), meanings_of(second)
    if one & other:
        return True
    return False if one and other else None


def share_words(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two sets of content stems overlap enough to name the same thing."""
    smaller = min(len(first), len(second))
    shared = len(first & second)
    return smaller > 0 and shared >= min(2, smaller) and shared >= MIN_SHARED * smaller


def same_content(first: str, second: str) -> bool:
    """Whether two contents are of one act: by meaning, else by their content words."""
    verdict = same_meaning(first, second)
    if verdict is not None:
        return verdict
    return share_words(stems_of(first), stems_of(second))
