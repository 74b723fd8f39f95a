"""Which language a text is in, when it is confidently not English.

A refusal loses the document, so a text is only called another language on positive evidence:

- its letters are mostly of another script (Arabic, Cyrillic, Han, ...); or
- its running words are full of another language's function words ("le", "der", "el"), at
  least twice as many as of English ones. Names, numbers and abbreviations belong to no
  language, so short reports full of them ("Suspected PF cadres attacked three candidates
  in Luapula") are never refused for want of English words.

The function words are in `data/language/function-words.yaml`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 12  # fewer running words tell no language
MIN_LETTERS = 20
MIN_SHARE = 0.2  # share of running words that are function words of the language found
MARGIN = 2.0  # ... and how many times the share of English ones


@dataclass(frozen=True)
class Guess:
    """A language other than English and how it was recognised."""

    language: str
    evidence: str  # "script" or "words"
    share: float  # share of the letters (script) or running words (words) that show it
    english: float  # share of running words that are English function words

    def describe(self) -> str:
        """'French function words in 48% of its words', 'Arabic script in 100% of its letters'."""
        name = self.language.upper() if len(self.language) <= 3 else self.language.title()
        if self.evidence == "script":
            return f"{name} script in {self.share:.0%} of its letters"
        return f"{name} function words in {self.share:.0%} of its words"


def other_language(text: str, sample: int = 20_000) -> Guess | None:
    """The language of a text that is confidently not English; None for English, or when the
    text is too short or too mixed to tell."""
    head = text[:sample]
    words = [w.lower() for w in WORD.findall(head)]
    english = share_of(words, "english")
    script, share = main_script(head)
    if script is not None and script != "latin":
        return Guess(script, "script", share, english)
    if len(words) < MIN_WORDS:
        return None
    best, best_share = max(
        ((name, share_of(words, name)) for name in function_words() if name != "english"),
        key=lambda pair: pair[1],
    )
    if best_share >= MIN_SHARE and best_share >= MARGIN * english:
        return Guess(best, "words", best_share, english)
    return None


def share_of(words: list[str], language: str) -> float:
    """Share of the words that are function words of a language."""
    if not words:
        return 0.0
    vocabulary = function_words()[language]
    return sum(w in vocabulary for w in words) / len(words)


def main_script(text: str) -> tuple[str | None, float]:
    """The script of most of the letters and its share; None when there are too few."""
    if text.isascii():
        letters = sum(c.isalpha() for c in text)
        return ("latin", 1.0) if letters >= MIN_LETTERS else (None, 0.0)
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            script = script_of(char)
            counts[script] = counts.get(script, 0) + 1
    total = sum(counts.values())
    if total < MIN_LETTERS:
        return None, 0.0
    script, count = max(counts.items(), key=lambda pair: pair[1])
    return (script, count / total) if count * 2 > total else (None, 0.0)


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """The script of a letter, from its Unicode name: "latin", "arabic", "cyrillic", "cjk"."""
    if char.isascii():
        return "latin"
    name = unicodedata.name(char, "")
    return name.split(" ")[0].lower() if name else "unknown"


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    path = resources.files("eventwire.data").joinpath("language/function-words.yaml")
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {name: frozenset(str(w).lower() for w in words) for name, words in table.items()}
