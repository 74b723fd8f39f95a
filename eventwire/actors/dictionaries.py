"""Actor dictionaries: the YAML format of the knowledge base, user dictionaries over it, and
an importer for PETRARCH/TABARI actor and agent dictionaries.

The YAML format (documented with an example in `data/actors/README.md`) has the sections
`people`, `organisations`, `media`, `groups`, `actors` (any kind), `aliases`, `agents` and
`remove`. The built-in knowledge base is written in the same format, so a user dictionary is
read exactly like the built-in files and applied over them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
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

BUILTIN_FILES = ("people.yaml", "organisations.yaml", "media.yaml")
AGENTS_FILE = "agents.tsv"
SECTION_KINDS = {"people": "person", "organisations": "organisation", "media": "media",
                 "groups": "group", "actors": None}
KINDS = {"person", "organisation", "media", "state", "group"}
NON_STATE = {"IGO", "NGO", "MNC", "IMG", "UIS"}  # prefixes that stand for no single state
# Three-letter CAMEO role codes, in the order they are looked for inside a longer code.
SECTORS = ("GOV", "MIL", "OPP", "REB", "INS", "SEP", "MED", "JUD", "COP", "SPY", "LEG", "ELI",
           "PTY", "BUS", "CVL", "LAB", "EDU", "HLH", "REF", "AGR", "ENV", "HRI", "CRM", "UAF",
           "MOD", "RAD", "DEV", "CHR", "MUS", "JEW", "BUD", "HIN", "IGO", "NGO", "MNC", "IMG")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    rest = [code[i:i + 3] for i in range(3, len(code), 3)]
    sector = next((chunk for chunk in rest if chunk in SECTORS), None)
    return country, sector


def make_role(code: str, start: date | None = None, end: date | None = None,
              title: str | None = None) -> Role:
    country, sector = split_code(code)
    return Role(code=code.upper(), country=country, sector=sector, start=start, end=end,
                title=title)


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
        data = yaml.load(text, Loader=_Loader) or {}
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
    result.agents = {normalise(str(k)): str(v or "").strip().upper()
                     for k, v in _mapping(data, "agents", origin).items()}
    result.remove = [str(v) for v in data.get("remove") or []]
    return result


def _mapping(data: dict, section: str, origin: str) -> dict:
    value = data.get(section) or {}
    if not isinstance(value, dict):
        raise EventwireError(BAD_DICTIONARY, f"{origin}: `{section}` must be a mapping")
    return value


def _parse_entry(item: Any, kind: str | None, where: str
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
        role = make_role(str(raw["code"]), _as_date(raw.get("start"), where),
                         _as_date(raw.get("end"), where), raw.get("title"))
        if "country" in raw or "sector" in raw:
            role = replace(role, country=raw.get("country", role.country),
                           sector=raw.get("sector", role.sector))
        roles.append(role)
    gender = item.get("gender")
    if gender not in (None, "m", "f"):
        raise EventwireError(BAD_DICTIONARY, f"{where}: gender must be m or f")
    name = str(item["name"])
    entry = KBEntry(key=str(item.get("key") or slug(name)), name=name, kind=kind,
                    aliases=tuple(str(a) for a in item.get("aliases") or ()),
                    roles=tuple(roles), gender=gender)
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
    "ministry", "department", "party", "council", "army", "forces", "force", "front", "movement",
    "organization", "organisation", "union", "association", "committee", "agency", "court",
    "bank", "commission", "government", "administration", "assembly", "congress", "parliament",
    "senate", "league", "group", "brigade", "brigades", "fund", "institute", "university",
    "company", "corporation", "office", "service", "police", "navy", "guard", "alliance",
    "coalition", "federation", "network", "foundation", "society", "centre", "center",
    "program", "programme", "mission", "authority", "cabinet", "board", "bureau", "corps",
    "command", "regime", "tribunal", "secretariat", "nations", "community", "organisations",
    "organizations", "conference", "initiative", "faction", "militia", "cartel", "junta",
}
SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "de", "la", "del", "des", "du", "al", "el",
               "da", "do", "dos", "van", "von", "der", "y", "et", "to", "at", "bin", "ibn"}
ACRONYMS = {"US", "USA", "UN", "UK", "EU", "AU", "UAE", "NATO", "OPEC", "IMF", "OAS", "ICC", "ICJ",
            "IAEA", "WTO", "UNHCR", "UNICEF", "FARC", "ELN", "PLO", "ANC", "CIA", "FBI", "NSA"}
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
                report.errors.append(f"{where}: indented line is neither codes nor after an "
                                     "entry; skipped")
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
            report.errors.append(f"{path}:{entry.line}: entry {entry.name!r} has no code; "
                                 "skipped")
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
            phrase = phrase[:braces.start()] + phrase[braces.end():]
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
        out.extend(_expand(phrase[:match.start()] + value + phrase[match.end():], macros))
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
            section = {"person": "people", "organisation": "organisations", "media": "media",
                       "group": "groups"}.get(kind, "actors")
            if section == "actors":
                item = {"name": item["name"], "kind": kind, **item}
            result.setdefault(section, []).append(item)
    return result


def dump_dictionary(data: dict[str, Any]) -> str:
    """A dictionary as YAML text in the documented format."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
