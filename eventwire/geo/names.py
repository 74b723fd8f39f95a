"""Normalising place names into lookup keys.

One key for every spelling that should match: case, accents, full stops, hyphens, typographic
apostrophes and a leading "the" do not matter ("the U.S." = "US", "Bogotá" = "Bogota",
"Guinea-Bissau" = "Guinea Bissau").
"""

from __future__ import annotations

import re
import unicodedata

_LETTER = re.compile(r"[a-z]")
_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", ".": None, "-": " ", "–": " "})


def name_key(name: str) -> str:
    """The lookup key of a place name."""
    text = name
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.lower().translate(_PUNCTUATION).split())
    if text.startswith("the "):
        text = text[4:]
    return text


def alternate_name_key(name: str) -> str | None:
    """The key of an alternate name from the gazetteer, if it is worth indexing for English news.

    Keeps Latin-script names of three letters or more that start with a capital; drops
    codes in capitals ("ALV") and names in other scripts.
    """
    if len(name) < 3 or not name[0].isupper() or name.isupper():
        return None
    key = name_key(name)
    return key if key.isascii() and _LETTER.search(key) else None
