"""The CAMEO code table: names, Goldstein values, quad classes and PLOVER types."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: str | None
    description: str


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO event code, keyed by its string ("041", "1231")."""
    text = resources.files("eventwire.data").joinpath("cameo/codes.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return {
        r["code"]: CameoCode(
            code=r["code"],
            root=r["root"],
            name=r["name"],
            goldstein=float(r["goldstein"]),
            quad_class=int(r["quad_class"]),
            plover=r["plover"] or None,
            plover_mode=r["plover_mode"] or None,
            plover_context=r["plover_context"] or None,
            description=r["description"],
        )
        for r in rows
    }


def cameo(code: str) -> CameoCode:
    """The entry for a code; raises KeyError for codes that are not CAMEO."""
    return cameo_codes()[code]


@lru_cache(maxsize=1)
def cameo_roots() -> dict[str, str]:
    """The CAMEO roots ("01" to "20") with the name of each root's general code."""
    codes = cameo_codes()
    roots = sorted({c.root for c in codes.values()})
    return {root: cameo_name(f"{root}0") for root in roots}


def codes_named(words: list[str]) -> list[str]:
    """The CAMEO codes whose name holds every word (whole words or their beginnings, in any
    case): ["blockade"] finds 0872, 1381 and 191."""
    wanted = [w.casefold().rstrip("*") for w in words if w.strip("*")]
    if not wanted:
        return []
    return [
        c.code
        for c in cameo_codes().values()
        if all(any(n.startswith(w) for n in c.name.casefold().replace(",", " ").split())
               for w in wanted)
    ]  # fmt: skip


def cameo_name(code: str) -> str:
    entry = cameo_codes().get(code)
    return entry.name if entry else code
