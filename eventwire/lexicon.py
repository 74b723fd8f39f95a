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


def cameo_name(code: str) -> str:
    entry = cameo_codes().get(code)
    return entry.name if entry else code
