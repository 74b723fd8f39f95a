"""Merging event mentions from many reports into incidents.

The rule (its numbers are in data/corpus/incidents.yaml): two mentions report the same
happening when they share the dyad (source and target, country and sector; unordered for
symmetric codes such as consultations), the CAMEO root, the kind of report (factual or
prospective), a date compatible with the incident's best date, and either the exact code or
enough evidence words. Mentions are taken in date order and each joins the first incident it
fits, else starts a new one.

Only what may have happened becomes an incident: a planned or hypothetical action ("might
speak", "if ... would strike") is left out, save where the event coded is the announcement
itself, an intention (03) or a threat (13). The dyad series count by the same test
(:func:`happened_sql`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from eventwire.yamlfiles import load_yaml

WORD = re.compile(r"[a-z]{4,}")


@dataclass(frozen=True)
class Mention:
    """One event mention as stored, with what merging needs."""

    event_key: int
    doc_key: int
    outlet: str
    published: str | None
    source: str | None  # actor code, e.g. USAGOV
    target: str | None
    cameo: str
    date: str | None
    certainty: str
    text: str
    goldstein: float | None = None
    quad_class: int | None = None


@dataclass
class Incident:
    mentions: list[Mention] = field(default_factory=list)
    words: set[str] = field(default_factory=set)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def best_date(self) -> str | None:
        """The most precise date its reports give, the most often given among equals."""
        dated = [m.date for m in self.mentions if m.date]
        return max(dated, key=lambda d: (len(d), dated.count(d))) if dated else None

    def anchor(self) -> Mention:
        """A stand-in mention carrying the incident's best date, for date comparisons."""
        dated = [m for m in self.mentions if m.date == self.best_date()]
        return dated[0] if dated else self.first


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    text = resources.files("eventwire.data").joinpath("corpus/incidents.yaml").read_text("utf-8")
    return load_yaml(text)


def happened(certainty: str, cameo: str) -> bool:
    """Whether a mention may report something that happened: not a plan or a possibility,
    unless the event coded is the announcement itself (an intention or a threat)."""
    r = rules()
    return certainty not in r["prospective"] or cameo[:2] in r["announcement_roots"]


def happened_sql(alias: str = "") -> str:
    """:func:`happened` as an SQL condition on the events table (`alias` as "e." or "")."""
    r = rules()
    prospective = ", ".join(sql_text(c) for c in r["prospective"])
    roots = ", ".join(sql_text(c) for c in r["announcement_roots"])
    return (
        f"(coalesce({alias}certainty, 'asserted') NOT IN ({prospective}) "
        f"OR substr({alias}cameo, 1, 2) IN ({roots}))"
    )


def sql_text(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def content_words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def dates_compatible(a: Mention, b: Mention) -> bool:
    """Equal at the shared precision; an undated mention falls back on its publication date."""
    window = rules()["undated_window_days"]
    if a.date and b.date:
        if len(a.date) != 10 or len(b.date) != 10:
            n = min(len(a.date), len(b.date))
            return a.date[:n] == b.date[:n]
        da, db = parse_day(a.date), parse_day(b.date)
        return bool(da and db and abs((da - db).days) <= rules()["dated_slack_days"])
    if not a.date and not b.date:
        pa, pb = parse_day(a.published), parse_day(b.published)
        return bool(pa and pb and abs((pa - pb).days) <= window)
    dated, undated = (a, b) if a.date else (b, a)
    happened, reported = parse_day(dated.date), parse_day(undated.published)
    if dated.date and len(dated.date) < 10:
        return bool(undated.published and undated.published.startswith(dated.date))
    return bool(happened and reported and 0 <= (reported - happened).days <= window)


def dyad_key(m: Mention) -> tuple:
    """What mentions of one incident share: the dyad (unordered for symmetric codes), the
    CAMEO root and the kind of report."""
    r = rules()
    pair = (m.source or "", m.target or "")
    if m.cameo.startswith(tuple(r["symmetric_codes"])):
        pair = tuple(sorted(pair))
    return (*pair, m.cameo[:2], m.certainty in r["prospective"])


def fits(incident: Incident, m: Mention) -> bool:
    if not dates_compatible(incident.anchor(), m):
        return False
    if any(other.cameo == m.cameo for other in incident.mentions):
        return True
    words = content_words(m.text)
    overlap = len(words & incident.words) / max(1, min(len(words), len(incident.words)))
    return overlap >= rules()["min_evidence_overlap"]


def merge(mentions: list[Mention]) -> list[Incident]:
    """Group the mentions of what may have happened into incidents, deterministically."""
    order = sorted(
        (m for m in mentions if happened(m.certainty, m.cameo)),
        key=lambda m: (m.date or m.published or "", m.published or "", m.event_key),
    )
    open_by_dyad: dict[tuple, list[Incident]] = {}
    incidents: list[Incident] = []
    for m in order:
        candidates = open_by_dyad.setdefault(dyad_key(m), [])
        home = next((i for i in candidates if fits(i, m)), None)
        if home is None:
            home = Incident()
            candidates.append(home)
            incidents.append(home)
        home.mentions.append(m)
        home.words |= content_words(m.text)
    return incidents


def summary(incident: Incident) -> dict[str, Any]:
    """The incident row: best code and date, counts, first and last report, confidence."""
    ms = incident.mentions
    order = rules()["certainty_order"]
    published = sorted(m.published for m in ms if m.published)
    code = Counter(m.cameo for m in ms).most_common(1)[0][0]
    return {
        "source_code": ms[0].source,
        "target_code": ms[0].target,
        "cameo": code,
        "root": code[:2],
        "date": incident.best_date(),
        "first_report": published[0] if published else None,
        "last_report": published[-1] if published else None,
        "mentions": len(ms),
        "articles": len({m.doc_key for m in ms}),
        "outlets": len({m.outlet for m in ms}),
        "confidence": round(confidence(ms), 3),
        "goldstein": next((m.goldstein for m in ms if m.cameo == code), None),
        "quad_class": ms[0].quad_class,
        "certainty": min(
            (m.certainty for m in ms), key=lambda c: order.index(c) if c in order else 99
        ),
    }


def confidence(mentions: list[Mention]) -> float:
    """1 - product(1 - w) over outlets, w the weight of the firmest report of each outlet."""
    weights = rules()["certainty_weights"]
    best: dict[str, float] = {}
    for m in mentions:
        best[m.outlet] = max(best.get(m.outlet, 0.0), weights.get(m.certainty, 0.1))
    doubt = 1.0
    for w in best.values():
        doubt *= 1.0 - w
    return 1.0 - doubt
