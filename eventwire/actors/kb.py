"""The actor knowledge base: who is who, under which names, in which CAMEO role, and when.

Built from the data files in `data/actors/` (people, organisations, media, agent words) and
the country table, optionally extended or overridden by user dictionaries (YAML, see
`data/actors/README.md`). `load_kb()` is cached: the same dictionaries give the same object.
Names that none of these know are asked of a fallback table derived from the Phoenix
dictionaries (`KnowledgeBase.fallback`, read on first use; see `dictionaries.FallbackTable`),
which never outranks them.

Conventions (see the README): a person holds dated roles; outside office, former heads of state
and ministers are coded as elites of their country (e.g. USAELI), as the Phoenix dictionaries
do. International organisations have `country` "IGO" and code "IGO".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Protocol

from eventwire.analysis import Entity
from eventwire.countries import (
    countries,
    country_by_adjective,
    country_by_capital,
    country_by_name,
    index_key,
    normalise,
    query_keys,
)


@dataclass(frozen=True)
class Role:
    """One CAMEO role of an actor, valid between two dates (inclusive; None = open)."""

    code: str  # CAMEO actor code, e.g. "USAGOV", "VENOPP", "IGO", "USAMED"
    country: str | None  # ISO3, or "IGO" / "NGO" / "MNC"
    sector: str | None  # GOV, MIL, OPP, MED, JUD, BUS, REB, CVL, LEG, ...
    start: date | None = None
    end: date | None = None
    title: str | None = None  # "President", "Foreign Minister", ...

    def valid_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class KBEntry:
    """One known actor with its names and roles."""

    key: str  # stable id, e.g. "donald-trump"
    name: str  # canonical name, e.g. "Donald Trump"
    kind: str  # "person" | "organisation" | "media" | "state" | "group"
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    gender: str | None = None  # "m" / "f" for people when known


class Fallback(Protocol):
    """A second, larger table of actors, asked only when the knowledge base knows no one of
    that name (the Phoenix table of `dictionaries.FallbackTable`)."""

    def lookup(self, keys: Iterable[str]) -> KBEntry | None: ...

    def lookup_surname(self, surname: str) -> KBEntry | None: ...


MIN_FALLBACK_LETTERS = 3  # fewest letters of a name asked of the fallback table


@dataclass
class KnowledgeBase:
    """Entries by key, with indexes by normalised name, alias and surname, and agent words.
    Names it does not know are asked of the `fallback` table, when there is one."""

    entries: dict[str, KBEntry] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)  # normalised word -> agent code
    surnames: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key -> given surnames
    fallback: Fallback | None = None
    _names: dict[str, str] = field(default_factory=dict, repr=False)
    _surnames: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the name and surname indexes after entries changed."""
        self._names, self._surnames = {}, {}
        for entry in self.entries.values():  # later entries (user dictionaries) win
            for alias in entry.aliases:
                self._names[index_key(alias)] = entry.key
        for entry in self.entries.values():  # a canonical name wins over an alias
            self._names[index_key(entry.name)] = entry.key
            if entry.kind == "person":
                for surname in self.surnames.get(entry.key) or person_surnames(entry.name):
                    keys = self._surnames.setdefault(normalise(surname), [])
                    if entry.key not in keys:
                        keys.append(entry.key)

    def lookup(self, name: str) -> KBEntry | None:
        """The entry with this name or alias (tolerant of case, accents, dots, leading "the");
        states are found by any of their names. A single word in lower case ("time", "vox")
        is taken for an ordinary word and finds no person or organisation. Names found neither
        here nor among states are asked of the fallback table, if written with a capital."""
        if not _common_word(name):
            for key in query_keys(name):
                if key in self._names:
                    return self.entries[self._names[key]]
        iso3 = country_by_name(name)
        if iso3:
            return state_entry(iso3)
        if (
            self.fallback is None or not _fallback_query(name) or normalise(name) in self._surnames
        ):  # "Maduro": ours, not Phoenix's
            return None
        found = self.fallback.lookup(query_keys(name))
        return self._known(found) or found if found is not None else None

    def lookup_surname(self, surname: str) -> list[KBEntry]:
        """The people whose surname this is, in the order of the data; when there are none,
        the one person of the fallback table who alone has that surname, if any."""
        found = [self.entries[k] for k in self._surnames.get(normalise(surname), [])]
        if found or self.fallback is None or not _fallback_query(surname):
            return found
        entry = self.fallback.lookup_surname(surname)
        return [entry] if entry is not None and self._known(entry) is None else []

    def _known(self, fallback: KBEntry) -> KBEntry | None:
        """The entry of the knowledge base a fallback entry stands for (the same name)."""
        key = self._names.get(index_key(fallback.name))
        return self.entries[key] if key is not None else None

    def is_fallback(self, entry: KBEntry) -> bool:
        """Whether an entry comes from the fallback table rather than the knowledge base."""
        return entry.key not in self.entries and entry.kind != "state"

    def role_on(self, entry: KBEntry, on: date | None) -> Role | None:
        """The role valid on that day (the most recently begun if several); with no day, the
        latest role. None when no role covers the day."""
        if not entry.roles:
            return None
        if on is None:
            return max(entry.roles, key=_recency)
        valid = [r for r in entry.roles if r.valid_on(on)]
        if not valid:
            return None
        return max(valid, key=lambda r: (r.start is not None, r.start or date.min))

    def entity(self, entry: KBEntry, on: date | None) -> Entity:
        """The pipeline's Entity for this entry with the role valid that day. A person with no
        role that day is coded as an elite (ELI) of the country of their nearest role."""
        role = self.role_on(entry, on)
        if role is None and entry.roles:
            nearest = _nearest(entry.roles, on)
            role = nearest
            if entry.kind == "person" and nearest.country in countries():
                role = Role(nearest.country + "ELI", nearest.country, "ELI")
        if role is None:
            return Entity(key=entry.name, name=entry.name, code="", kind=entry.kind)
        return Entity(
            key=entry.name,
            name=entry.name,
            code=role.code,
            country=role.country,
            sector=role.sector,
            kind=entry.kind,
        )

    def country(self, word: str) -> str | None:
        """ISO3 code for a state's name, adjective or demonym, or capital."""
        return country_by_name(word) or country_by_adjective(word) or country_by_capital(word)

    def sector(self, noun: str) -> str | None:
        """The CAMEO sector of an agent noun or title ("minister" -> GOV, "troops" -> MIL)."""
        code = self.agent_code(noun)
        if code is None or code.endswith("~"):
            return None
        return code[:3]

    def agent_code(self, noun: str) -> str | None:
        """The full agent code of a noun as the agent table gives it ("GOV", "GOVAGR")."""
        key = normalise(noun)
        words = key.split()
        candidates = [key, *singulars(key)]
        if len(words) > 1:
            candidates += [words[-1], *singulars(words[-1])]
        for candidate in candidates:
            if candidate in self.agents:
                return self.agents[candidate]
        return None


def _common_word(text: str) -> bool:
    """One word in lower case ("time", "vox"); "al-Shabaab" is a name."""
    words = normalise(text).split()
    word = text.strip().removeprefix("the ")
    return len(words) == 1 and word[:1].islower() and word == word.lower()


def _fallback_query(text: str) -> bool:
    """Whether a name may be asked of the fallback table: written with a capital, not one
    ordinary word, and of a few letters at least."""
    stripped = text.strip()
    return (
        stripped != stripped.lower()
        and not _common_word(stripped)
        and sum(c.isalpha() for c in stripped) >= MIN_FALLBACK_LETTERS
    )


def _recency(role: Role) -> tuple[date, date]:
    return (role.end or date.max, role.start or date.min)


def _nearest(roles: Iterable[Role], on: date | None) -> Role:
    def distance(role: Role) -> int:
        if on is None:
            return 0
        if role.end is not None and role.end < on:
            return (on - role.end).days
        if role.start is not None and on < role.start:
            return (role.start - on).days
        return 0

    return min(roles, key=distance)


PARTICLES = {
    "de",
    "del",
    "da",
    "dos",
    "das",
    "van",
    "von",
    "der",
    "den",
    "bin",
    "al",
    "el",
    "la",
    "le",
    "di",
    "du",
    "ibn",
    "ben",
}


def person_surnames(name: str) -> list[str]:
    """Default surnames of a name: the last word, with any particles before it
    ("Ursula von der Leyen" -> "von der Leyen", "Leyen")."""
    words = name.replace(",", " ").split()
    if len(words) < 2:
        return []
    found = [words[-1]]
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in PARTICLES:
        i -= 1
    if i < len(words) - 1:
        found.insert(0, " ".join(words[i:]))
    return found


def singulars(word: str) -> list[str]:
    """Possible singulars of an English plural noun (may include non-words; used for lookup)."""
    out: list[str] = []
    if word.endswith("men"):
        out.append(word[:-3] + "man")
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    return out


@cache
def state_entry(iso3: str) -> KBEntry | None:
    """A state as a knowledge-base entry, coded with its ISO3 code alone."""
    country = countries().get(iso3)
    if country is None:
        return None
    return KBEntry(
        key=iso3,
        name=country.name,
        kind="state",
        aliases=country.names,
        roles=(Role(iso3, iso3, None),),
    )


def load_kb(dictionaries: Sequence[Path] = ()) -> KnowledgeBase:
    """The built-in knowledge base with the user dictionaries applied in order (cached)."""
    return _load_kb(tuple(Path(p) for p in dictionaries))


@lru_cache(maxsize=8)
def _load_kb(dictionaries: tuple[Path, ...]) -> KnowledgeBase:
    from eventwire.actors.dictionaries import apply_dictionary, builtin_kb, read_dictionary

    kb = builtin_kb()
    if not dictionaries:
        return kb
    kb = KnowledgeBase(dict(kb.entries), dict(kb.agents), dict(kb.surnames), kb.fallback)
    for path in dictionaries:
        apply_dictionary(kb, read_dictionary(path))
    kb.reindex()
    return kb


__all__ = ["Fallback", "KBEntry", "KnowledgeBase", "Role", "load_kb"]
