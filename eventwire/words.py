"""Counts in words for messages: "1 report", "2 reports", "1 entry", "3 entries"."""

from __future__ import annotations


def noun(n: int, word: str, plural: str | None = None) -> str:
    """The noun in the number ``n`` takes (``plural`` for irregular nouns)."""
    return word if n == 1 else plural or word + "s"


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number it takes."""
    return f"{n:,} {noun(n, word, plural)}"
