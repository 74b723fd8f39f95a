"""The word lists and patterns of ``eventwire/data/timex/``, loaded once and compiled.

Each YAML file becomes part of one :class:`Rules` object. Patterns are regular expressions with
``{placeholders}``; :func:`load_rules` expands every placeholder into an alternation of the
words of the data files (longest first) and compiles the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from eventwire.yamlfiles import load_yaml

DATA_PACKAGE = "eventwire.data"
DATA_FOLDER = "timex"


@dataclass(frozen=True)
class Unit:
    """A duration unit: "decade" is ``letter="Y", times=10``."""

    name: str
    letter: str
    times: int = 1
    clock: bool = False
    granularity: str | None = None
    vague_letter: str | None = None


@dataclass(frozen=True)
class Pattern:
    name: str
    type: str
    rule: str
    regex: re.Pattern[str]
    priority: int
    anaphoric: bool = False
    needs: re.Pattern[str] | None = None  # in lower case, found in every text matched

    def may_match(self, lowered: str) -> bool:
        """False when the text (in lower case) lacks what every match of the regex needs."""
        return self.needs is None or self.needs.search(lowered) is not None


@dataclass(frozen=True)
class Rules:
    """Everything the recogniser and the normalisers look words up in (keys are lower case)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    season_months: dict[str, int]
    decade_words: dict[str, int]
    parts_of_day: dict[str, str]
    quarter_ordinals: dict[str, int]
    cardinals: dict[str, int]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, Unit]
    set_adverbs: dict[str, str]
    deictic_days: dict[str, dict[str, Any]]
    directions: dict[str, int]
    offsets: dict[str, int]
    vague: dict[str, str]
    vague_needs_check: frozenset[str]
    fixed_after_vague: frozenset[str]
    immediacy_words: frozenset[str]
    demand_modals: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_lemmas: frozenset[str]
    anaphoric_directions: frozenset[str]
    past_prepositions: frozenset[str]
    future_prepositions: frozenset[str]
    comparison_words: frozenset[str]
    patterns: list[Pattern] = field(default_factory=list)


def _read(name: str) -> dict[str, Any]:
    text = resources.files(DATA_PACKAGE).joinpath(f"{DATA_FOLDER}/{name}").read_text("utf-8")
    return load_yaml(text)


def _alternation(words: list[str], case_sensitive: bool = False) -> str:
    """A non-capturing group matching any of the words, longest first, spaces flexible.

    ASCII words are written as a trie ("t(?:en|hirty|wenty)"): the engine then follows one
    branch per letter instead of trying every word at every position, and still takes the
    longest word that lets the pattern match, as trying the words longest first would."""
    if all(w.isascii() and w.replace(" ", "").isprintable() for w in words):
        keys = set(words) if case_sensitive else {w.lower() for w in words}
        body = _trie_regex(_trie(sorted(keys)))
    else:
        ordered = sorted(set(words), key=len, reverse=True)
        body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


Trie = dict[str, "Trie"]
_END = ""  # the key that marks the end of a word in a trie node


def _symbols(word: str) -> list[str]:
    """The regex pieces of a word: each character escaped, each space as ``\\s+``."""
    pieces: list[str] = []
    for n, part in enumerate(word.split(" ")):
        if n:
            pieces.append(r"\s+")
        pieces += [re.escape(ch) for ch in part]
    return pieces


def _trie(words: list[str]) -> Trie:
    root: Trie = {}
    for word in words:
        node = root
        for symbol in _symbols(word):
            node = node.setdefault(symbol, {})
        node[_END] = {}
    return root


def _trie_regex(node: Trie) -> str:
    """The regex of a trie node. Branches differ in their first character, so at most one of
    them can match; a word ending at the node is tried after every longer one."""
    branches = [symbol + _trie_regex(child) for symbol, child in node.items() if symbol != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if _END in node else body


def _calendar_alternation(spellings: dict[int, list[str]], full_only: bool = False) -> str:
    """Capitalised names: full names, and (unless ``full_only``) abbreviations with or
    without a dot ("Nov. 21", "Nov 21"). Patterns use abbreviations only next to a day or a
    year, so that "Jan" the first name or "Sun" the newspaper is no date."""
    words: list[str] = []
    for names in spellings.values():
        full, *short = names
        words.append(full)
        if not full_only:
            words.extend(f"{s}." for s in short)
            words.extend(short)
    return _alternation(words, case_sensitive=True)


def _lower_map(spellings: dict[int, list[str]]) -> dict[str, int]:
    return {name.lower(): number for number, names in spellings.items() for name in names}


def _number_regex(cardinals: dict[str, int]) -> str:
    """Digits ("24", "2.5") or number words, tens and units joined ("twenty-four")."""
    simple = [w for w in cardinals if " " not in w]
    tens = [w for w, v in cardinals.items() if v in range(20, 100, 10)]
    units = [w for w, v in cardinals.items() if 1 <= v <= 9 and w not in {"a", "an"}]
    phrases = [w for w in cardinals if " " in w]
    compound = f"{_alternation(tens)}[\\s-]+{_alternation(units)}"
    return rf"(?:\d+(?:\.\d+)?|{compound}|{_alternation(phrases)}|{_alternation(simple)})"


def _spelled_year_regex(cardinals: dict[str, int]) -> str:
    """ "nineteen ninety-six", "nineteen oh five", "two thousand (and) eight"."""
    tens = _alternation([w for w, v in cardinals.items() if v in range(20, 100, 10)])
    units = _alternation(
        [w for w, v in cardinals.items() if 1 <= v <= 9 and " " not in w and w not in {"a", "an"}]
    )
    teens = _alternation([w for w, v in cardinals.items() if 10 <= v <= 19])
    two_digits = rf"(?:{tens}(?:[\s-]+{units})?|{teens}|oh[\s-]+{units})"
    return (
        rf"(?:(?:nineteen|twenty)[\s-]+{two_digits}"
        rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{two_digits}|{units}))?)"
    )


def _expanded(regex: str, placeholders: dict[str, str]) -> str:
    for key, alternation in placeholders.items():
        regex = regex.replace("{" + key + "}", alternation)
    return regex


def _lower_case_regex(regex: str) -> re.Pattern[str]:
    """A regex for lower-cased text that matches wherever ``regex`` matches, in any case.

    Searching lower-cased text without IGNORECASE is several times faster. Upper-case
    escapes (``\\S``, ``\\D``) would change meaning when lowered, so they are refused."""
    if re.search(r"\\[A-Z]", regex):
        raise ValueError(f"'needs' may not use upper-case escapes: {regex!r}")
    return re.compile(regex.lower())


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read and compile the rule files (once per process)."""
    calendar = _read("calendar.yaml")
    numbers = _read("numbers.yaml")
    unit_data = _read("units.yaml")
    relative = _read("relative.yaml")
    vague = _read("vague.yaml")

    units: dict[str, Unit] = {}
    unit_words: list[str] = []
    for name, spec in unit_data["units"].items():
        unit = Unit(
            name=name,
            letter=spec["letter"],
            times=spec.get("times", 1),
            clock=spec.get("clock", False),
            granularity=spec.get("granularity"),
            vague_letter=spec.get("vague_letter"),
        )
        for word in spec["words"]:
            units[word.lower()] = unit
            unit_words.append(word)
    seasons = {w: code for code, spec in calendar["seasons"].items() for w in spec["words"]}
    deictic = relative["deictic_days"]
    cardinals = {str(k): int(v) for k, v in numbers["cardinals"].items()}

    placeholders = {
        "month": _calendar_alternation(calendar["months"]),
        "month_full": _calendar_alternation(calendar["months"], full_only=True),
        "weekday": _calendar_alternation(calendar["weekdays"], full_only=True),
        "season": _alternation(list(seasons)),
        "part": _alternation(list(calendar["parts_of_day"])),
        "qord": _alternation([str(k) for k in calendar["quarter_ordinals"]]),
        "day": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
        "year": r"(?:1[5-9]\d\d|20\d\d)",
        "num": _number_regex(cardinals),
        "year_words": _spelled_year_regex(cardinals),
        "vnum": _alternation(numbers["vague"]),
        "unit": _alternation(unit_words),
        "units": _alternation([w for w in unit_words if w.endswith("s") and len(w) > 4]),
        "dir": _alternation(list(relative["directions"])),
        "offset": _alternation(list(relative["offsets"])),
        "pos": _alternation(relative["positions"]),
        "approx": _alternation(relative["approximators"]),
        "deictic": _alternation(list(deictic)),
        "setadv": _alternation(list(unit_data["set_adverbs"])),
        "vague": _alternation(list(vague["references"])),
        "tz": _alternation(calendar["time_zones"], case_sensitive=True),
        "ordinal": _alternation(list(numbers["ordinals"])),
        "decade_word": _alternation(list(calendar["decade_words"])),
    }

    patterns: list[Pattern] = []
    for priority, spec in enumerate(_read("patterns.yaml")["patterns"]):
        body = _expanded(spec["regex"], placeholders)
        # whole words only, and never inside a number or an amount of money
        regex = re.compile(rf"(?<![\w$€£.,/-])(?:{body})(?![\w/]|[.,]\d|-\d)", re.IGNORECASE)
        needs = spec.get("needs")
        patterns.append(
            Pattern(
                spec["name"],
                spec["type"],
                spec["rule"],
                regex,
                priority,
                anaphoric=spec.get("anaphoric", False),
                needs=_lower_case_regex(_expanded(needs, placeholders)) if needs else None,
            )
        )

    return Rules(
        months=_lower_map(calendar["months"]),
        weekdays=_lower_map(calendar["weekdays"]),
        seasons=seasons,
        season_months={code: spec["month"] for code, spec in calendar["seasons"].items()},
        decade_words={str(k): int(v) for k, v in calendar["decade_words"].items()},
        parts_of_day={k.lower(): str(v) for k, v in calendar["parts_of_day"].items()},
        quarter_ordinals={str(k).lower(): int(v) for k, v in calendar["quarter_ordinals"].items()},
        cardinals=cardinals,
        vague_numbers=frozenset(numbers["vague"]),
        ordinals={str(k): int(v) for k, v in numbers["ordinals"].items()},
        units=units,
        set_adverbs=unit_data["set_adverbs"],
        deictic_days=deictic,
        directions={str(k): int(v) for k, v in relative["directions"].items()},
        offsets={str(k): int(v) for k, v in relative["offsets"].items()},
        vague=vague["references"],
        vague_needs_check=frozenset(vague["needs_check"]),
        fixed_after_vague=frozenset(vague["fixed_phrases"]),
        immediacy_words=frozenset(vague["immediacy_words"]),
        demand_modals=frozenset(vague["demand_modals"]),
        future_auxiliaries=frozenset(relative["future_auxiliaries"]),
        future_lemmas=frozenset(relative["future_lemmas"]),
        anaphoric_directions=frozenset(relative["anaphoric_directions"]),
        past_prepositions=frozenset(relative["past_prepositions"]),
        future_prepositions=frozenset(relative["future_prepositions"]),
        comparison_words=frozenset(relative["comparison_words"]),
        patterns=patterns,
    )
