"""The country table of the project: names, adjectives, demonyms and capitals of every state.

The table lives in `data/countries.tsv`, one state a row. List columns hold values separated
by `|`. Lookups are tolerant of case, accents, dots, spacing and a leading "the", so that
"U.S.", "US", "the United States" and "united states" all find the same state.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

TABLE = "countries.tsv"


@dataclass(frozen=True)
class Country:
    """One state (or territory reported like one) with the words the news uses for it."""

    iso3: str
    iso2: str
    name: str
    names: tuple[str, ...]  # name, short and official names, common aliases
    adjectives: tuple[str, ...]  # adjectives and demonyms: "American", "Venezuelan"
    capitals: tuple[str, ...]  # capitals used as metonyms: "Washington", "Caracas"


_SPACES = re.compile(r"[\s_]+")


@lru_cache(maxsize=1 << 16)  # the same words are looked up again and again, document after document
def normalise(text: str) -> str:
    """A lookup key: lower case, no accents, no dots, single spaces, no leading "the"."""
    if not text.isascii():  # ASCII has no accents to take off (NFKD leaves it as it is)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "'").replace(".", "")
    text = _SPACES.sub(" ", text).strip(" ,;:")
    if text.startswith("the "):
        text = text[4:]
    return text


def acronym(text: str) -> str | None:
    """The bare form of an upper-case acronym ("U.S." -> "US", "the UN" -> "UN"), else None.

    Acronyms are matched case-sensitively, so that "US" and "WHO" do not find "us" and "who"."""
    text = text.strip()
    if text[:4].lower() == "the ":
        text = text[4:]
    bare = text.replace(".", "").replace(" ", "")
    if 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper():
        return bare
    return None


def index_key(alias: str) -> str:
    """The key under which an alias is indexed: acronyms keep their case, the rest is
    normalised."""
    bare = acronym(alias)
    return "=" + bare if bare else normalise(alias)


@lru_cache(maxsize=1 << 16)
def query_keys(text: str) -> tuple[str, ...]:
    """The keys to look up for a text: its normalised form, and its acronym form if any."""
    bare = acronym(text)
    return (normalise(text), "=" + bare) if bare else (normalise(text),)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every state of the table, keyed by ISO alpha-3 code."""
    text = resources.files("eventwire.data").joinpath(TABLE).read_text(encoding="utf-8")
    rows = csv.DictReader(
        (line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"
    )
    table: dict[str, Country] = {}
    for row in rows:
        table[row["iso3"]] = Country(
            iso3=row["iso3"],
            iso2=row["iso2"],
            name=row["name"],
            names=_split(row["names"]),
            adjectives=_split(row["adjectives"]),
            capitals=_split(row["capitals"]),
        )
    return table


def _index(field: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for country in countries().values():
        values = getattr(country, field)
        if field == "names":
            values = (country.name, *values)
        for value in values:
            index.setdefault(index_key(value), country.iso3)
    return index


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return _index("names")


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    return _index("adjectives")


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    return _index("capitals")


def country_by_name(text: str) -> str | None:
    """The ISO3 code of a state named `text` ("U.S.", "the United States", "Venezuela")."""
    return _find(_names(), text)


MISSPELT_MIN = 7  # letters of a country's name before one slip of the pen still names it


@lru_cache(maxsize=1 << 12)
def country_by_misspelling(text: str) -> str | None:
    """The one state whose name is a single slip away from `text`, a name of seven letters or
    more that names nothing itself: "Ethopia", "Phillippines". Shorter names are too close to
    each other ("Gambia", "Zambia") to guess."""
    key = normalise(text)
    if len(key) < MISSPELT_MIN or not key.replace(" ", "").isalpha():
        return None
    found = {
        iso3
        for name, iso3 in _names().items()
        if len(name) >= MISSPELT_MIN and abs(len(name) - len(key)) <= 1 and one_slip(key, name)
    }
    return found.pop() if len(found) == 1 else None


def one_slip(a: str, b: str) -> bool:
    """Whether two different words differ by one letter added, dropped, changed or two letters
    swapped."""
    if a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = a[i + 1 : i + 2] == b[i : i + 1] and a[i : i + 1] == b[i + 1 : i + 2]
        return a[i + 1 :] == b[i + 1 :] or (swapped and a[i + 2 :] == b[i + 2 :])
    return a[i:] == b[i + 1 :]


def _find(index: dict[str, str], text: str) -> str | None:
    for key in query_keys(text):
        if key in index:
            return index[key]
    return None


@lru_cache(maxsize=1 << 16)
def country_by_adjective(word: str) -> str | None:
    """The ISO3 code for an adjective or demonym, singular or plural ("Venezuelans" -> "VEN")."""
    found = _find(_adjectives(), word)
    key = normalise(word)
    if found is None and key.endswith("s"):
        found = _adjectives().get(key[:-1])
    if found is None and key.endswith("men"):  # Frenchmen, Englishmen
        found = _adjectives().get(key[:-3] + "man")
    return found


def country_by_capital(word: str) -> str | None:
    """The ISO3 code of the state whose capital this is ("Caracas" -> "VEN")."""
    return _find(_capitals(), word)
