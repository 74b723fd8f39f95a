"""Actor dictionaries: the YAML format of the knowledge base, user dictionaries over it, and
an importer for PETRARCH/TABARI actor and agent dictionaries.

The YAML format (documented with an example in `data/actors/README.md`) has the sections
`people`, `organisations`, `media`, `groups`, `actors` (any kind), `aliases`, `agents` and
`remove`. The built-in knowledge base is written in the same format, so a user dictionary is
read exactly like the built-in files and applied over them.

The fallback table (`phoenix-actors.tsv.gz`, built by `scripts/build_phoenix_actors.py` with
`fallback_lines`) holds the Phoenix actors in a compact form, read by `FallbackTable` on the
first name the built-in data does not know.
"""

from __future__ import annotations

import gzip
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventwire.actors.kb import KBEntry, KnowledgeBase, Role
from eventwire.countries import normalise
from eventwire.errors import BAD_DICTIONARY, EventwireError
from eventwire.yamlfiles import load_yaml

BUILTIN_FILES = ("people.yaml", "leaders.yaml", "organisations.yaml", "media.yaml")
AGENTS_FILE = "agents.tsv"
SECTION_KINDS = {
    "people": "person",
    "organisations": "organisation",
    "media": "media",
    "groups": "group",
    "actors": None,
}
KINDS = {"person", "organisation", "media", "state", "group"}
NON_STATE = {"IGO", "NGO", "MNC", "IMG", "UIS"}  # prefixes that stand for no single state
# Three-letter CAMEO role codes, in the order they are looked for inside a longer code.
SECTORS = (
    "GOV",
    "MIL",
    "OPP",
    "REB",
    "INS",
    "SEP",
    "MED",
    "JUD",
    "COP",
    "SPY",
    "LEG",
    "ELI",
    "PTY",
    "BUS",
    "CVL",
    "LAB",
    "EDU",
    "HLH",
    "REF",
    "AGR",
    "ENV",
    "HRI",
    "CRM",
    "UAF",
    "MOD",
    "RAD",
    "DEV",
    "CHR",
    "MUS",
    "JEW",
    "BUD",
    "HIN",
    "IGO",
    "NGO",
    "MNC",
    "IMG",
)


# ---------------------------------------------------------------- codes and dates


def split_code(code: str) -> tuple[str | None, str | None]:
    """Country and sector of a CAMEO actor code: "USAGOVLEG" -> ("USA", "GOV"),
    "IGO" -> ("IGO", None), "GOV" -> (None, "GOV")."""
    code = code.strip().upper()
    if len(code) < 3:
        return None, None
    if code in SECTORS and code not in NON_STATE:
        return None, code
    country = code[:3]
    rest = [code[i : i + 3] for i in range(3, len(code), 3)]
    sector = next((chunk for chunk in rest if chunk in SECTORS), None)
    return country, sector


def make_role(
    code: str, start: date | None = None, end: date | None = None, title: str | None = None
) -> Role:
    country, sector = split_code(code)
    return Role(
        code=code.upper(), country=country, sector=sector, start=start, end=end, title=title
    )


def slug(name: str) -> str:
    """A stable key from a name: "Nicolás Maduro" -> "nicolas-maduro"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _as_date(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise EventwireError(BAD_DICTIONARY, f"{where}: bad date {value!r}") from exc


# ---------------------------------------------------------------- reading YAML


@dataclass
class Dictionary:
    """What one dictionary file says, parsed but not yet applied."""

    entries: list[tuple[KBEntry, tuple[str, ...]]] = field(default_factory=list)  # with surnames
    partial: dict[str, set[str]] = field(default_factory=dict)  # key -> fields given
    aliases: dict[str, str] = field(default_factory=dict)  # alias -> key or name
    agents: dict[str, str] = field(default_factory=dict)
    remove: list[str] = field(default_factory=list)


def read_dictionary(path: Path) -> Dictionary:
    """Parse a YAML actor dictionary; errors name the file and the entry."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise EventwireError(BAD_DICTIONARY, f"cannot read {path}: {exc.strerror}") from exc
    return parse_dictionary(text, str(path))


def parse_dictionary(text: str, origin: str = "<dictionary>") -> Dictionary:
    try:
        data = load_yaml(text) or {}
    except yaml.YAMLError as exc:
        raise EventwireError(BAD_DICTIONARY, f"{origin}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise EventwireError(BAD_DICTIONARY, f"{origin}: the top level must be a mapping")
    unknown = set(data) - set(SECTION_KINDS) - {"aliases", "agents", "remove"}
    if unknown:
        raise EventwireError(BAD_DICTIONARY, f"{origin}: unknown section(s) {sorted(unknown)}")
    result = Dictionary()
    for section, kind in SECTION_KINDS.items():
        items = data.get(section) or []
        if not isinstance(items, list):
            raise EventwireError(BAD_DICTIONARY, f"{origin}: `{section}` must be a list")
        for i, item in enumerate(items):
            where = f"{origin}: {section}[{i}]"
            entry, surnames, given = _parse_entry(item, kind, where)
            result.entries.append((entry, surnames))
            result.partial[entry.key] = given
    result.aliases = {str(k): str(v) for k, v in _mapping(data, "aliases", origin).items()}
    result.agents = {
        normalise(str(k)): str(v or "").strip().upper()
        for k, v in _mapping(data, "agents", origin).items()
    }
    result.remove = [str(v) for v in data.get("remove") or []]
    return result


def _mapping(data: dict, section: str, origin: str) -> dict:
    value = data.get(section) or {}
    if not isinstance(value, dict):
        raise EventwireError(BAD_DICTIONARY, f"{origin}: `{section}` must be a mapping")
    return value


def _parse_entry(
    item: Any, kind: str | None, where: str
) -> tuple[KBEntry, tuple[str, ...], set[str]]:
    if not isinstance(item, dict) or not item.get("name"):
        raise EventwireError(BAD_DICTIONARY, f"{where}: an entry needs at least a `name`")
    kind = str(item.get("kind") or kind or "person")
    if kind not in KINDS:
        raise EventwireError(BAD_DICTIONARY, f"{where}: unknown kind {kind!r}")
    roles = [make_role(str(item["code"]))] if item.get("code") else []
    for j, raw in enumerate(item.get("roles") or []):
        if isinstance(raw, str):
            roles.append(make_role(raw))
            continue
        if not isinstance(raw, dict) or not raw.get("code"):
            raise EventwireError(BAD_DICTIONARY, f"{where}.roles[{j}]: a role needs a `code`")
        role = make_role(
            str(raw["code"]),
            _as_date(raw.get("start"), where),
            _as_date(raw.get("end"), where),
            raw.get("title"),
        )
        if "country" in raw or "sector" in raw:
            role = replace(
                role,
                country=raw.get("country", role.country),
                sector=raw.get("sector", role.sector),
            )
        roles.append(role)
    gender = item.get("gender")
    if gender not in (None, "m", "f"):
        raise EventwireError(BAD_DICTIONARY, f"{where}: gender must be m or f")
    name = str(item["name"])
    entry = KBEntry(
        key=str(item.get("key") or slug(name)),
        name=name,
        kind=kind,
        aliases=tuple(str(a) for a in item.get("aliases") or ()),
        roles=tuple(roles),
        gender=gender,
    )
    given = set(item) | ({"roles"} if "code" in item else set())
    return entry, tuple(str(s) for s in item.get("surnames") or ()), given


# ---------------------------------------------------------------- applying


def apply_dictionary(kb: KnowledgeBase, dictionary: Dictionary) -> None:
    """Apply a parsed dictionary over a knowledge base (call `kb.reindex()` afterwards).

    An entry whose key, or failing that whose name, matches an existing entry overrides it:
    the fields it gives replace the existing ones, except `aliases`, which are added."""
    names = {normalise(e.name): e.key for e in kb.entries.values()}
    for target in dictionary.remove:
        key = target if target in kb.entries else names.get(normalise(target))
        if key is not None:
            del kb.entries[key]
    for entry, surnames in dictionary.entries:
        old_key = entry.key if entry.key in kb.entries else names.get(normalise(entry.name))
        if old_key is not None:
            entry = _merge(kb.entries.pop(old_key), entry, dictionary.partial.get(entry.key, set()))
            if old_key in kb.surnames and not surnames:
                surnames = kb.surnames.pop(old_key)
        kb.entries[entry.key] = entry
        names[normalise(entry.name)] = entry.key
        if surnames:
            kb.surnames[entry.key] = surnames
    for alias, target in dictionary.aliases.items():
        key = target if target in kb.entries else names.get(normalise(target))
        if key is None:
            raise EventwireError(BAD_DICTIONARY, f"alias {alias!r}: no entry {target!r}")
        old = kb.entries[key]
        kb.entries[key] = replace(old, aliases=(*old.aliases, alias))
    _update_agents(kb.agents, dictionary.agents.items())


def _update_agents(agents: dict[str, str], rows: Iterable[tuple[str, str]]) -> None:
    """Add agent words; an empty code removes the word."""
    for word, code in rows:
        if code:
            agents[word] = code
        else:
            agents.pop(word, None)


def _merge(old: KBEntry, new: KBEntry, given: set[str]) -> KBEntry:
    aliases = tuple(dict.fromkeys((*old.aliases, *new.aliases)))
    if normalise(old.name) != normalise(new.name):
        aliases = (*aliases, old.name)
    return KBEntry(
        key=new.key if "key" in given else old.key,
        name=new.name,
        kind=new.kind if "kind" in given else old.kind,
        aliases=aliases,
        roles=new.roles if "roles" in given else old.roles,
        gender=new.gender if "gender" in given else old.gender,
    )


@lru_cache(maxsize=1)
def builtin_kb() -> KnowledgeBase:
    """The knowledge base from the data files shipped with the package."""
    kb = KnowledgeBase()
    folder = resources.files("eventwire.data").joinpath("actors")
    for name in BUILTIN_FILES:
        resource = folder.joinpath(name)
        if resource.is_file():
            apply_dictionary(kb, parse_dictionary(resource.read_text(encoding="utf-8"), name))
    agents = folder.joinpath(AGENTS_FILE)
    if agents.is_file():
        _update_agents(kb.agents, read_agents_tsv(agents.read_text(encoding="utf-8").splitlines()))
    kb.fallback = FallbackTable(read_fallback_lines)  # read on the first name it must answer
    kb.reindex()
    return kb


def read_agents_tsv(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Rows `word<TAB>code` of the built-in agent table; `#` starts a comment line."""
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        word, _, code = line.partition("\t")
        yield normalise(word), code.strip().upper()


# ---------------------------------------------------------------- PETRARCH / TABARI import

ORG_WORDS = {
    "ministry",
    "department",
    "party",
    "council",
    "army",
    "forces",
    "force",
    "front",
    "movement",
    "organization",
    "organisation",
    "union",
    "association",
    "committee",
    "agency",
    "court",
    "bank",
    "commission",
    "government",
    "administration",
    "assembly",
    "congress",
    "parliament",
    "senate",
    "league",
    "group",
    "brigade",
    "brigades",
    "fund",
    "institute",
    "university",
    "company",
    "corporation",
    "office",
    "service",
    "police",
    "navy",
    "guard",
    "alliance",
    "coalition",
    "federation",
    "network",
    "foundation",
    "society",
    "centre",
    "center",
    "program",
    "programme",
    "mission",
    "authority",
    "cabinet",
    "board",
    "bureau",
    "corps",
    "command",
    "regime",
    "tribunal",
    "secretariat",
    "nations",
    "community",
    "organisations",
    "organizations",
    "conference",
    "initiative",
    "faction",
    "militia",
    "cartel",
    "junta",
}
SMALL_WORDS = {
    "of",
    "the",
    "and",
    "for",
    "on",
    "in",
    "de",
    "la",
    "del",
    "des",
    "du",
    "al",
    "el",
    "da",
    "do",
    "dos",
    "van",
    "von",
    "der",
    "y",
    "et",
    "to",
    "at",
    "bin",
    "ibn",
}
ACRONYMS = {
    "US",
    "USA",
    "UN",
    "UK",
    "EU",
    "AU",
    "UAE",
    "NATO",
    "OPEC",
    "IMF",
    "OAS",
    "ICC",
    "ICJ",
    "IAEA",
    "WTO",
    "UNHCR",
    "UNICEF",
    "FARC",
    "ELN",
    "PLO",
    "ANC",
    "CIA",
    "FBI",
    "NSA",
}
_CODE = re.compile(r"\[([^\]]*)\]")
_MACRO = re.compile(r"!(\w+)!")


@dataclass
class ImportReport:
    """What an import found: entries and agent words converted, lines skipped and why."""

    actors: int = 0
    agents: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class _Pending:
    name: str
    line: int
    aliases: list[str] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)


def petrarch_name(raw: str) -> str:
    """A PETRARCH phrase as a readable name: "UNITED_STATES_OF_AMERICA_" -> "United States of
    America"; short acronyms and dotted words keep their capitals ("UN", "U.S.")."""
    text = " ".join(raw.replace("_", " ").split())
    words = text.split()
    if len(words) == 1 and len(text.replace(".", "")) <= 3:
        return text.upper()
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if "." in word.strip(".") or word.upper() in ACRONYMS:
            out.append(word.upper())
        elif i > 0 and lower in SMALL_WORDS:
            out.append(lower)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in lower.split("-")))
    return " ".join(out)


def petrarch_date(text: str) -> date:
    """A PETRARCH date: YYYYMMDD, or YYMMDD with years up to 30 read as 20YY."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"bad date {text!r}")
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def petrarch_role(text: str) -> dict[str, Any] | None:
    """One bracketed PETRARCH code: "USAGOV >170120" -> {code, start}; "---" -> None."""
    parts = re.sub(r"([<>])\s+", r"\1", text).split()
    if not parts or set(parts[0]) <= {"-"}:
        return None
    code = parts[0].upper()
    if not re.fullmatch(r"[A-Z]{3,18}", code):
        raise ValueError(f"bad code {parts[0]!r}")
    role: dict[str, Any] = {"code": code}
    if len(parts) > 2:
        raise ValueError(f"unexpected text in [{text}]")
    if len(parts) == 2:
        restriction = parts[1]
        if restriction.startswith(">"):
            role["start"] = petrarch_date(restriction[1:])
        elif restriction.startswith("<"):
            role["end"] = petrarch_date(restriction[1:])
        elif "-" in restriction:
            first, _, last = restriction.partition("-")
            role["start"], role["end"] = petrarch_date(first), petrarch_date(last)
            if role["end"] < role["start"]:
                raise ValueError(f"date range ends before it starts: {restriction}")
        else:
            raise ValueError(f"bad date restriction {restriction!r}")
    return role


def _roles_of(text: str, where: str, report: ImportReport) -> list[dict[str, Any]]:
    roles = []
    for inner in _CODE.findall(text):
        try:
            role = petrarch_role(inner)
        except ValueError as exc:
            report.errors.append(f"{where}: {exc}; role skipped")
            continue
        if role is not None:
            roles.append(role)
    return roles


def import_petrarch_actors(path: Path, report: ImportReport) -> list[dict[str, Any]]:
    """Entries of a PETRARCH/TABARI actor dictionary as YAML-ready mappings."""
    lines = _read_lines(path, report)
    finished: list[_Pending] = []
    # Entries that share codes: root lines without codes wait for the next codes, given on
    # indented lines or on the next root line, as PETRARCH reads them.
    group: list[_Pending] = []
    group_coded = False
    current: _Pending | None = None
    for number, raw in enumerate(lines, 1):
        where = f"{path}:{number}"
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.lstrip().startswith("+"):
            if current is None:
                report.errors.append(f"{where}: alias before any entry; skipped")
                continue
            alias = petrarch_name(_CODE.sub("", line.lstrip()[1:]))
            if alias:
                current.aliases.append(alias)
            if _CODE.search(line):
                current.roles.extend(_roles_of(line, where, report))
            continue
        if line[0].isspace():
            if "[" not in line or not group:
                report.errors.append(
                    f"{where}: indented line is neither codes nor after an entry; skipped"
                )
                continue
            roles = _roles_of(line, where, report)
            for entry in group:
                entry.roles.extend(roles)
            group_coded = True
            continue
        if "]" in line and "[" not in line:
            report.errors.append(f"{where}: unbalanced brackets; skipped")
            continue
        name = petrarch_name(line.split("[", 1)[0].split("{", 1)[0])
        if not name:
            report.errors.append(f"{where}: entry without a name; skipped")
            continue
        current = _Pending(name, number, roles=_roles_of(line, where, report))
        if group_coded:
            finished.extend(group)
            group, group_coded = [], False
        if "[" in line:  # codes on the line: uncoded entries before it share them
            for entry in group:
                entry.roles.extend(current.roles)
            group_coded = True
        group.append(current)
    finished.extend(group)
    kind_default = _file_kind(path)
    out = []
    for entry in finished:
        if not entry.roles:
            report.errors.append(f"{path}:{entry.line}: entry {entry.name!r} has no code; skipped")
            continue
        out.append(_yaml_entry(entry, kind_default))
    report.actors += len(out)
    return out


def _file_kind(path: Path) -> str:
    name = Path(path).name.lower()
    if "milnonstate" in name:
        return "group"
    if "international" in name:
        return "organisation"
    return "person"


def _guess_kind(entry: _Pending, default: str) -> str:
    codes = {r["code"] for r in entry.roles}
    if all(len(c) == 3 and c not in SECTORS for c in codes):
        return "state"
    words = set(entry.name.lower().replace("-", " ").split())
    if words & ORG_WORDS:
        return "group" if default == "group" else "organisation"
    if any("start" in r or "end" in r for r in entry.roles):
        return "person"
    return default


def _yaml_entry(entry: _Pending, kind_default: str) -> dict[str, Any]:
    aliases = [a for a in dict.fromkeys(entry.aliases) if normalise(a) != normalise(entry.name)]
    item: dict[str, Any] = {"name": entry.name, "kind": _guess_kind(entry, kind_default)}
    if aliases:
        item["aliases"] = aliases
    item["roles"] = entry.roles
    return item


def import_petrarch_agents(path: Path, report: ImportReport) -> dict[str, str]:
    """Agent words of a PETRARCH agents dictionary: phrase (and plurals) -> agent code."""
    macros: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for number, raw in enumerate(_read_lines(path, report), 1):
        where = f"{path}:{number}"
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        macro = re.fullmatch(r"!(\w+)!\s*=\s*(.+)", line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(line)
        if len(codes) != 1:
            report.errors.append(f"{where}: expected one [code]; skipped")
            continue
        code = codes[0].strip().upper()
        if not re.fullmatch(r"~[A-Z]{3,15}|[A-Z]{3,15}~", code):
            report.errors.append(f"{where}: bad agent code [{codes[0]}]; skipped")
            continue
        code = code.strip("~") + ("~" if code.endswith("~") else "")
        phrase = line.split("[", 1)[0]
        plurals: list[str] = []
        braces = re.search(r"\{([^}]*)\}", phrase)
        if braces:
            plurals = [p.strip() for p in braces.group(1).split(",") if p.strip()]
            phrase = phrase[: braces.start()] + phrase[braces.end() :]
        try:
            forms = [*_expand(phrase.strip(), macros), *plurals]
        except KeyError as exc:
            report.errors.append(f"{where}: undefined macro !{exc.args[0]}!; skipped")
            continue
        for form in forms:
            word = " ".join(form.replace("_", " ").lower().split())
            if word:
                agents[word] = code
        report.agents += 1
    return agents


def _expand(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    match = _MACRO.search(phrase)
    if not match:
        return [phrase]
    name = match.group(1)
    if name not in macros:
        raise KeyError(name)
    out = []
    for value in macros[name]:
        out.extend(_expand(phrase[: match.start()] + value + phrase[match.end() :], macros))
    return out


def _read_lines(path: Path, report: ImportReport) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        report.errors.append(f"{path}: cannot read: {exc.strerror}")
        return []


def is_agents_file(path: Path) -> bool:
    """Whether a PETRARCH file is an agents dictionary (its codes are `[~XXX]`)."""
    for line in _read_lines(path, ImportReport())[:400]:
        code = _CODE.search(line.split("#", 1)[0])
        if code:
            return "~" in code.group(1)
    return False


def import_petrarch(paths: Iterable[Path], report: ImportReport) -> dict[str, Any]:
    """Convert PETRARCH actor and agent dictionaries into one YAML-ready dictionary."""
    result: dict[str, Any] = {}
    for path in paths:
        if is_agents_file(Path(path)):
            result.setdefault("agents", {}).update(import_petrarch_agents(Path(path), report))
            continue
        for item in import_petrarch_actors(Path(path), report):
            kind = item.pop("kind")
            section = {
                "person": "people",
                "organisation": "organisations",
                "media": "media",
                "group": "groups",
            }.get(kind, "actors")
            if section == "actors":
                item = {"name": item["name"], "kind": kind, **item}
            result.setdefault(section, []).append(item)
    return result


def dump_dictionary(data: dict[str, Any]) -> str:
    """A dictionary as YAML text in the documented format."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


# ---------------------------------------------------------------- the Phoenix fallback table
#
# A compact table of the actors of the Phoenix dictionaries, consulted only when the built-in
# data has no entry for a name (`KnowledgeBase.fallback`). One row an actor, tab-separated:
#     name  kind  roles  keys  surnames
# roles: `CODE` or `CODE@start-end` (YYYYMMDD; either side may be empty), space-separated;
# keys: the lookup keys of its names (`countries.index_key`), `|`-separated; surnames: the
# normalised surnames it may be found by alone, `|`-separated. `#` starts a comment line.

FALLBACK_FILE = "phoenix-actors.tsv.gz"
FALLBACK_PREFIX = "phoenix:"  # key prefix of the entries the fallback table gives
PHOENIX_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
OLD_PREFIXES = {"TMP": "TLS"}  # CAMEO state codes older than the ISO code in use today
NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "MNC", "IMG"})
BRANCHES = frozenset({"LEG", "JUD"})  # after GOV, these name the sector of the role
MIN_LETTERS = 4  # fewest letters of a name or surname kept in the fallback table
MIN_ACRONYM = 3  # fewest letters of an acronym kept in the fallback table
_PARENS = re.compile(r"\s*\(([^)]*)\)")


@dataclass
class _FallbackRow:
    name: str
    kind: str
    roles: list[str]
    names: list[str]
    keys: list[str] = field(default_factory=list)
    surnames: list[str] = field(default_factory=list)

    @property
    def prefixes(self) -> frozenset[str]:
        return frozenset(role[:3] for role in self.roles)


def fallback_lines(items: Iterable[dict[str, Any]], common: frozenset[str]) -> list[str]:
    """The rows of the fallback table for imported PETRARCH entries (`import_petrarch_actors`),
    in their order. `common` holds lower-case English words: no single-word alias or surname
    among them is kept (an organisation's own name is). A name shared by entries of
    different states, and a surname shared by several people, is left out; states are left
    to the country table."""
    rows = [row for item in items if (row := _fallback_row(item)) is not None]
    owners: dict[str, list[int]] = {}
    for number, row in enumerate(rows):
        # a single English word may still be the own name of an organisation ("Hezbollah")
        own = normalise(row.name) if row.kind != "person" else None
        for key in dict.fromkeys(k for n in row.names if (k := _safe_key(n, common, own))):
            owners.setdefault(key, []).append(number)
    for key, numbers in owners.items():
        winner = _unambiguous(rows, numbers)
        if winner is not None:
            rows[winner].keys.append(key)
    _add_surnames(rows, common)
    return [_fallback_line(row) for row in rows if row.keys]


def _fallback_row(item: dict[str, Any]) -> _FallbackRow | None:
    name = _PARENS.sub("", item["name"]).strip()
    if item["kind"] == "state" or _state_word(name):
        return None
    roles = _regional_to_state(_fallback_roles(item["roles"]), name)
    if not name or not roles or all(_is_place_code(role) for role in roles):
        return None
    names = [name]
    for alias in (item["name"], *item.get("aliases", ())):
        names.append(_PARENS.sub("", alias).strip())
        names += [inner.upper() for inner in _PARENS.findall(alias) if inner.isalpha()]
    return _FallbackRow(name, item["kind"], roles, names)


def _fallback_roles(raw: list[dict[str, Any]]) -> list[str]:
    """Roles as `CODE` or `CODE@start-end`. Codes keep their state and first sector
    ("USAGOVLEG" -> "USAGOV"), non-state actors their kind ("IGOUNO" -> "IGO"); a sector
    given without a state ("ELI") takes the state of the other roles, or is dropped."""
    codes = [_compact(role["code"]) for role in raw]
    states = {code[:3] for code in codes if code[:3] in _states()}
    out = []
    for role, code in zip(raw, codes, strict=True):
        if code[:3] in SECTORS and code[:3] not in NON_STATE_PREFIXES:
            if len(states) != 1:
                continue
            code = next(iter(states)) + code[:3]
        start, end = role.get("start"), role.get("end")
        if start or end:
            code += "@" + "-".join(d.strftime("%Y%m%d") if d else "" for d in (start, end))
        out.append(code)
    return list(dict.fromkeys(out))


def _is_place_code(role: str) -> bool:
    """A code of a state or territory ("DNK", "GBRGIB"): Phoenix lists places under it."""
    code = role.split("@")[0]
    return code[:3] not in NON_STATE_PREFIXES and split_code(code)[1] is None


def _regional_to_state(roles: list[str], name: str) -> list[str]:
    """Codes of a region ("EEUREB": Eastern Europe) given the one state the name names, if it
    names one: "Kosovo Liberation Army" is coded KSVREB."""
    if any(role[:3] in _states() or role[:3] in NON_STATE_PREFIXES for role in roles):
        return roles
    named = {iso3 for word in re.findall(r"[\w'-]+", name) if (iso3 := _state_of(word))}
    if len(named) != 1:
        return roles
    return [next(iter(named)) + role[3:] for role in roles]


def _state_of(word: str) -> str | None:
    from eventwire.countries import country_by_adjective, country_by_name

    return country_by_name(word) or country_by_adjective(word)


def _compact(code: str) -> str:
    country, sector = split_code(code)
    if country is None:
        return code
    country = OLD_PREFIXES.get(country, country)
    if country in NON_STATE_PREFIXES:
        return country
    if sector == "GOV" and code[6:9] in BRANCHES:  # "USAGOVLEG": a legislator
        sector = code[6:9]
    return country + (sector or "")


@lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    from eventwire.countries import countries

    return frozenset(countries())


def _safe_key(name: str, common: frozenset[str], own: str | None = None) -> str | None:
    """The lookup key of a name, unless the name is too short, an English word (other than
    `own`), or a state."""
    from eventwire.countries import index_key

    if "|" in name or "\t" in name:
        return None
    key = index_key(name)
    if key.startswith("="):
        return key if len(key) > MIN_ACRONYM else None
    key = fallback_key(key)
    if sum(c.isalpha() for c in key) < MIN_LETTERS or _state_word(name):
        return None
    return None if " " not in key and key in common and key != own else key


def _state_word(text: str) -> bool:
    from eventwire.countries import country_by_adjective, country_by_capital, country_by_name

    return bool(country_by_name(text) or country_by_adjective(text) or country_by_capital(text))


def _unambiguous(rows: list[_FallbackRow], numbers: list[int]) -> int | None:
    """The entry a shared name stands for: the first, when all that hold it (preferring those
    coded with a state) are of the same states; None when they are not."""
    with_state = [n for n in numbers if rows[n].prefixes & _states()]
    candidates = with_state or numbers
    if len({rows[n].prefixes for n in candidates}) > 1:
        return None
    return candidates[0]


def _add_surnames(rows: list[_FallbackRow], common: frozenset[str]) -> None:
    """A person's last name, where no other person of the table has it."""
    people: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for number, row in enumerate(rows):
        words = row.name.split()
        if row.kind != "person" or len(words) < 2:
            continue
        people.setdefault(normalise(words[-1]), set()).add(normalise(row.name))
        if normalise(row.name) in row.keys:
            first.setdefault(normalise(row.name), number)
    for surname, names in people.items():
        name = next(iter(names))
        if len(names) != 1 or name not in first or not _safe_surname(surname, common):
            continue
        rows[first[name]].surnames.append(surname)


def _safe_surname(surname: str, common: frozenset[str]) -> bool:
    return (
        surname.isalpha()
        and len(surname) >= MIN_LETTERS
        and surname not in common
        and not _state_word(surname)
    )


def _fallback_line(row: _FallbackRow) -> str:
    return "\t".join(
        (row.name, row.kind, " ".join(row.roles), "|".join(row.keys), "|".join(row.surnames))
    )


@dataclass
class FallbackTable:
    """The fallback table, read on first use: entries by lookup key and by surname."""

    lines: Callable[[], Iterable[str]]
    _rows: list[list[str]] = field(default_factory=list, repr=False)
    _names: dict[str, int] = field(default_factory=dict, repr=False)
    _surnames: dict[str, int] = field(default_factory=dict, repr=False)
    _entries: dict[int, KBEntry] = field(default_factory=dict, repr=False)
    _loaded: bool = field(default=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def load(self) -> None:
        """Read the table once (safe when several threads ask at the same time)."""
        if self._loaded:
            return
        with self._lock:
            if not self._loaded:
                self._read()

    def _read(self) -> None:
        for line in self.lines():
            if not line or line.startswith("#"):
                continue
            row = line.split("\t")
            number = len(self._rows)
            self._rows.append(row)
            for key in row[3].split("|"):
                self._names.setdefault(key, number)
            for surname in filter(None, row[4].split("|")):
                self._surnames.setdefault(surname, number)
        self._loaded = True

    def __len__(self) -> int:
        self.load()
        return len(self._rows)

    def lookup(self, keys: Iterable[str]) -> KBEntry | None:
        """The entry of the first of these lookup keys that the table holds."""
        self.load()
        keys = [fallback_key(k) for k in keys]
        number = next((self._names[k] for k in keys if k in self._names), None)
        return None if number is None else self._entry(number)

    def lookup_surname(self, surname: str) -> KBEntry | None:
        self.load()
        number = self._surnames.get(normalise(surname))
        return None if number is None else self._entry(number)

    def _entry(self, number: int) -> KBEntry:
        if number not in self._entries:
            name, kind, roles = self._rows[number][:3]
            self._entries[number] = KBEntry(
                key=f"{FALLBACK_PREFIX}{slug(name)}-{number}",
                name=name,
                kind=kind,
                aliases=(),
                roles=tuple(_fallback_role(text) for text in roles.split()),
            )
        return self._entries[number]


def fallback_key(key: str) -> str:
    """A lookup key as the fallback table holds it: hyphens read as spaces ("Jean-Bertrand"),
    no apostrophes ("People's" = "Peoples")."""
    if key.startswith("="):
        return key
    return " ".join(key.replace("-", " ").replace("'", "").split())


def _fallback_role(text: str) -> Role:
    code, _, span = text.partition("@")
    first, _, last = span.partition("-")
    return make_role(code, _compact_date(first), _compact_date(last))


def _compact_date(text: str) -> date | None:
    return date(int(text[:4]), int(text[4:6]), int(text[6:8])) if text else None


def read_fallback_lines() -> list[str]:
    """The lines of the fallback table shipped with the package (none if it is missing)."""
    resource = resources.files("eventwire.data").joinpath("actors", FALLBACK_FILE)
    if not resource.is_file():
        return []
    return gzip.decompress(resource.read_bytes()).decode("utf-8").splitlines()


def write_fallback(lines: Iterable[str], header: str) -> bytes:
    """The fallback table as the gzip bytes shipped (fixed timestamp: the same input gives
    the same bytes)."""
    text = header + "".join(line + "\n" for line in lines)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
