"""Merging event mentions from many reports into incidents (the rule is in docs/corpus.md,
section "Incidents"; its numbers in data/corpus/incidents.yaml).

Mentions are first grouped by what one happening shares: the dyad (source and target actor,
a state's own sectors as the state, unordered for symmetric codes), the code family and the
standing of the report (it happened; it is planned or possible; it is denied; it is
background, long past). Within a group:

1. reports dated by their text join incidents by date, the most precise first: a day joins an
   incident of the same day (a day either way) that has the same code or shares evidence
   words; a month or a year joins the only incident its period holds, else stands apart;
2. undated reports (no date, or only their article's publication date) come last and never
   move an incident's date: one joins the incident its own article dates, else the only
   dated incident of the window before its publication, else the only undated one whose
   evidence it shares, else stands apart. So an undated report never bridges two incidents.

Then the incidents that share a report of one act with two targets become one, and a report
naming no target joins the only incident of its act that names one. All of this happens
within one bucket (:func:`bucket`). The incident key is the smallest event key among its
reports, so that it stays the same when the incidents are made again, in full or for the
buckets new documents touch.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from eventwire.countries import countries
from eventwire.ledger.meanings import meanings_of, stem
from eventwire.yamlfiles import load_yaml

WORD = re.compile(r"[a-z]{4,}")
HAPPENED = "happened"


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
    date_source: str | None = None  # "text", or "published" where the article's date stands in
    source_name: str | None = None
    target_name: str | None = None
    killed: int | None = None
    wounded: int | None = None


@dataclass
class Incident:
    mentions: list[Mention] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    anchor: str | None = None  # the date of the report that started it, None if undated

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def best_date(self) -> str | None:
        """The most precise date its reports give, the most often given among equals."""
        dated = [d for d in map(text_date, self.mentions) if d]
        return max(dated, key=lambda d: (len(d), dated.count(d), d)) if dated else None

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self.words |= evidence_words(m)


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    text = resources.files("eventwire.data").joinpath("corpus/incidents.yaml").read_text("utf-8")
    return load_yaml(text)


def happened(certainty: str, cameo: str) -> bool:
    """Whether a mention may report something that happened: not a plan or a possibility,
    unless the event coded is the announcement itself (an intention or a threat)."""
    r = rules()
    return certainty not in r["prospective"] or cameo[:2] in r["announcement_roots"]


def standing(m: Mention) -> str:
    """What a report says of its happening: it happened, it is prospective (planned or
    possible), denied, or background (long past, told as context)."""
    if not happened(m.certainty, m.cameo):
        return "prospective"
    if m.certainty == "denied":
        return "denied"
    return "background" if background(m) else HAPPENED


def background(m: Mention) -> bool:
    """A report of the past told as context: an undated one with a background phrase, or one
    dated long before its article."""
    r = rules()
    given = text_date(m)
    if given is None:
        lowered = (m.text or "").lower()
        return any(cue in lowered for cue in r["background_cues"])
    end, published = period(given)[1], parse_day(m.published)
    return bool(end and published and (published - end).days > r["background_days"])


def happened_sql(alias: str = "") -> str:
    """What a series counts, as an SQL condition on the events table (`alias` as "e." or ""):
    reports of what happened (:func:`standing`), neither prospective, denied nor background."""
    r = rules()
    prospective = ", ".join(sql_text(c) for c in r["prospective"])
    roots = ", ".join(sql_text(c) for c in r["announcement_roots"])
    cues = " OR ".join(f"instr(lower({alias}text), {sql_text(c)})" for c in r["background_cues"])
    return (
        f"((coalesce({alias}certainty, 'asserted') NOT IN ({prospective}) "
        f"OR substr({alias}cameo, 1, 2) IN ({roots})) "
        f"AND coalesce({alias}certainty, '') != 'denied' "
        f"AND NOT (coalesce({alias}date_source, '') = 'published' AND ({cues})) "
        f"AND coalesce(julianday({alias}published) - julianday({alias}date), 0) "
        f"<= {int(r['background_days'])})"
    )


def sql_text(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def content_words(text: str) -> set[str]:
    return {stem(w) for w in WORD.findall(text.lower()) if w not in stop_words()}


@lru_cache(maxsize=4096)
def evidence_words(m: Mention) -> frozenset[str]:
    """What tells one happening from another: the stems of the content words, common news
    words and the words of the actors' names (which every report of the dyad shares) left out,
    and the meanings they express, so that paraphrases share them ("a second conversation",
    "another call": both a contact)."""
    names = content_words(f"{m.source_name or ''} {m.target_name or ''}")
    names |= country_words(m.source) | country_words(m.target)
    meant = {f"~{meaning}" for meaning in meanings_of(m.text or "")}
    return frozenset((content_words(m.text or "") - names) | meant)


@lru_cache(maxsize=1024)
def country_words(code: str | None) -> frozenset[str]:
    """The words of an actor's country: its names, adjectives and capitals."""
    country = countries().get((code or "")[:3])
    if country is None:
        return frozenset()
    words = (*country.names, *country.adjectives, *country.capitals)
    return frozenset(content_words(" ".join(words)))


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    return frozenset(rules()["stop_words"])


def parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def text_date(m: Mention) -> str | None:
    """The date the text gives, None where only the article's publication date stands in."""
    return m.date if m.date and m.date_source != "published" else None


def precision(value: str | None) -> str | None:
    """day, month or year, by the form of an ISO date."""
    return {10: "day", 7: "month", 4: "year"}.get(len(value or ""))


def period(value: str) -> tuple[date | None, date | None]:
    """The first and last day a date of any precision stands for."""
    try:
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if len(value) == 7:
            first = date(int(value[:4]), int(value[5:7]), 1)
            return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    except ValueError:
        return None, None
    day = parse_day(value)
    return day, day


def family(cameo: str) -> str:
    """The code family: acts that reports of one happening may code differently."""
    families = rules()["code_families"]
    for prefix in sorted(families, key=len, reverse=True):
        if cameo.startswith(prefix):
            return str(families[prefix])
    return cameo[:2]


def party(code: str | None) -> str:
    """An actor as incidents tell actors apart: a state's own sectors (its government, forces,
    police) are the state, since reports of one act name them differently; others stay."""
    code = code or ""
    return code[:3] if code[3:6] in rules()["state_sectors"] else code


def pair_of(m: Mention) -> tuple[str, str]:
    return (party(m.source), party(m.target))


def bucket(m: Mention) -> str:
    """The actor whose incidents a mention may join: its source, or for a symmetric code the
    first of its two parties. Incidents are merged within one bucket only, so that the buckets
    new documents touch can be merged again alone."""
    source, target = pair_of(m)
    if target and symmetric(m.cameo):
        return min(source, target)
    return source


def symmetric(cameo: str) -> bool:
    return cameo.startswith(tuple(rules()["symmetric_codes"]))


def dyad_key(m: Mention) -> tuple:
    """What mentions of one incident share: the dyad (unordered for symmetric codes), the
    code family and the standing of the report."""
    pair = pair_of(m)
    if symmetric(m.cameo):
        pair = tuple(sorted(pair))
    return (*pair, family(m.cameo), standing(m))


def overlap(words: Set[str], other: Set[str]) -> float:
    return len(words & other) / max(1, min(len(words), len(other)))


def same_act(incident: Incident, m: Mention) -> bool:
    """The same code as one of its reports, or enough shared evidence words."""
    if any(other.cameo == m.cameo for other in incident.mentions):
        return True
    return overlap(evidence_words(m), incident.words) >= rules()["min_evidence_overlap"]


class Group:
    """The incidents of one dyad key, indexed by date so that a report meets only the
    incidents it could belong to."""

    def __init__(self) -> None:
        self.incidents: list[Incident] = []
        self.by_day: dict[date, list[Incident]] = {}  # dated incidents, by their anchor's days
        self.by_prefix: dict[str, list[Incident]] = {}  # by the anchor's month and year
        self.undated: dict[date, list[Incident]] = {}  # undated ones, by their reports' days
        self.dated_docs: dict[int, list[Incident]] = {}  # dated incidents, by their articles

    def join(self, incident: Incident, m: Mention) -> None:
        incident.add(m)
        if incident.anchor:
            self.dated_docs.setdefault(m.doc_key, []).append(incident)
        else:
            self.note_undated(incident, m)

    def start(self, m: Mention) -> Incident:
        incident = Incident(anchor=text_date(m))
        self.incidents.append(incident)
        self.join(incident, m)
        if incident.anchor:
            first, last = period(incident.anchor)
            if first and last and last == first:
                self.by_day.setdefault(first, []).append(incident)
            for n in {4, 7} & set(range(len(incident.anchor) + 1)):
                self.by_prefix.setdefault(incident.anchor[:n], []).append(incident)
        return incident

    def note_undated(self, incident: Incident, m: Mention) -> None:
        day = parse_day(m.published)
        if day:
            self.undated.setdefault(day, []).append(incident)

    def dated_near(self, first: date, last: date) -> list[Incident]:
        """Dated incidents whose date lies between two days, whatever its precision."""
        found: list[Incident] = []
        day = first
        while day <= last:
            found += self.by_day.get(day, [])
            day += timedelta(days=1)
        for prefix in {first.isoformat()[:7], last.isoformat()[:7]}:
            found += [i for i in self.by_prefix.get(prefix, []) if len(i.anchor or "") == 7]
        for prefix in {first.isoformat()[:4], last.isoformat()[:4]}:
            found += [i for i in self.by_prefix.get(prefix, []) if len(i.anchor or "") == 4]
        return unique(found)

    def place_dated(self, m: Mention) -> None:
        given = text_date(m) or ""
        slack = timedelta(days=rules()["dated_slack_days"])
        if precision(given) == "day":
            day = parse_day(given)
            near = self.dated_near(day - slack, day + slack) if day else []
            home = next((i for i in near if len(i.anchor or "") == 10 and same_act(i, m)), None)
        else:  # a month or a year: the only incident its period holds
            inside = [i for i in self.by_prefix.get(given, []) if same_act(i, m)]
            home = inside[0] if len(inside) == 1 else None
        if home is None:
            self.start(m)
        else:
            self.join(home, m)

    def place_undated(self, m: Mention) -> None:
        home = self.episode(m) or self.window(m) or self.undated_alike(m)
        if home is None:
            self.start(m)
        else:
            self.join(home, m)

    def episode(self, m: Mention) -> Incident | None:
        """The only dated incident that the report's own article gives a date to."""
        found = unique(self.dated_docs.get(m.doc_key, []))
        return found[0] if len(found) == 1 else None

    def window(self, m: Mention) -> Incident | None:
        """The only dated incident of the dyad and code family in the window before the
        report."""
        published = parse_day(m.published)
        if published is None:
            return None
        days = timedelta(days=rules()["undated_window_days"])
        slack = timedelta(days=rules()["dated_slack_days"])
        found = self.dated_near(published - days, published + slack)
        return found[0] if len(found) == 1 else None

    def undated_alike(self, m: Mention) -> Incident | None:
        """The only undated incident reported in the window whose evidence the report shares."""
        published = parse_day(m.published)
        if published is None:
            return None
        days, words = rules()["undated_window_days"], evidence_words(m)
        near = unique(
            i
            for n in range(-days, days + 1)
            for i in self.undated.get(published + timedelta(days=n), [])
        )
        found = [i for i in near if alike(words, i.words)]
        return found[0] if len(found) == 1 else None


def alike(words: Set[str], other: Set[str], share: float | None = None) -> bool:
    """Evidence enough that two reports tell of one happening: a share of their words (that of
    two undated reports unless given) and more than the one word that names the act."""
    r = rules()
    share = r["min_undated_overlap"] if share is None else share
    return len(words & other) >= r["min_undated_shared"] and overlap(words, other) >= share


def unique(incidents: Any) -> list[Incident]:
    seen: dict[int, Incident] = {}
    for i in incidents:
        seen.setdefault(id(i), i)
    return list(seen.values())


PRECISION_ORDER = {10: 0, 7: 1, 4: 2}


def merge(mentions: list[Mention]) -> list[Incident]:
    """Group mentions into incidents, each bucket (:func:`bucket`) alone."""
    buckets: dict[str, list[Mention]] = {}
    for m in mentions:
        buckets.setdefault(bucket(m), []).append(m)
    incidents = [i for ms in buckets.values() for i in merge_bucket(ms)]
    return sorted(incidents, key=lambda i: min(m.event_key for m in i.mentions))


def merge_bucket(mentions: list[Mention]) -> list[Incident]:
    """The incidents of one bucket, deterministically: reports dated by their text, the most
    precise first, then the undated ones in order of publication; then the incidents of one
    report and the reports that name no target are joined to their own."""
    groups: dict[tuple, Group] = {}
    dated = sorted(
        (m for m in mentions if text_date(m)),
        key=lambda m: (PRECISION_ORDER.get(len(m.date or ""), 3), m.date, m.event_key),
    )
    undated = sorted(
        (m for m in mentions if not text_date(m)), key=lambda m: (m.published or "", m.event_key)
    )
    for m in dated:
        groups.setdefault(dyad_key(m), Group()).place_dated(m)
    for m in undated:
        groups.setdefault(dyad_key(m), Group()).place_undated(m)
    incidents = attach_targetless(fuse_reports([i for g in groups.values() for i in g.incidents]))
    for i in incidents:
        i.mentions.sort(key=lambda m: (m.published or "", m.event_key))
    return incidents


def kind_of(m: Mention) -> tuple[str, str, str]:
    """What an act is apart from its target: its source, code family and standing."""
    return party(m.source), family(m.cameo), standing(m)


def absorb(into: Incident, other: Incident) -> None:
    for m in other.mentions:
        into.add(m)
    into.anchor = into.anchor or other.anchor


def fuse_reports(incidents: list[Incident]) -> list[Incident]:
    """One report of one act with two targets ("proposed talks between the government and
    the opposition") is one happening: incidents that share such a report are one."""
    home: dict[tuple, Incident] = {}
    kept: list[Incident] = []
    for incident in sorted(incidents, key=lambda i: min(m.event_key for m in i.mentions)):
        keys = [(m.doc_key, m.text, *kind_of(m)) for m in incident.mentions]
        found = next((home[k] for k in keys if k in home), None)
        if found is None:
            kept.append(incident)
            found = incident
        else:
            absorb(found, incident)
        home.update(dict.fromkeys(keys, found))
    return kept


def attach_targetless(incidents: list[Incident]) -> list[Incident]:
    """A report that names no target ("the US naval deployment") joins the only incident of
    its source, code family and standing that names one, at compatible dates and of the same
    act; else it stands apart."""
    named = [i for i in incidents if party(i.first.target)]
    moves: list[tuple[Incident, Incident]] = []
    for incident in incidents:
        if party(incident.first.target):
            continue
        kind = kind_of(incident.first)
        found = [i for i in named if kind_of(i.first) == kind and compatible(i, incident)]
        if len(found) == 1:
            moves.append((incident, found[0]))
    for incident, home in moves:
        absorb(home, incident)
    moved = {id(incident) for incident, _ in moves}
    return [i for i in incidents if id(i) not in moved]


def compatible(incident: Incident, other: Incident) -> bool:
    """Two incidents that may be one: sharing evidence, at dates that agree (their text dates
    at their precision, else the days they were reported on within the undated window)."""
    if not alike(incident.words, other.words, rules()["min_evidence_overlap"]):
        return False
    if incident.anchor and other.anchor:
        return dates_agree(incident.anchor, other.anchor)
    first, last = span(incident)
    other_first, other_last = span(other)
    reach = timedelta(days=rules()["undated_window_days"])
    if not (first and last and other_first and other_last):
        return False
    return first - reach <= other_last and other_first - reach <= last


def dates_agree(one: str, other: str) -> bool:
    """Days a day apart at most; a month or a year that holds the other date."""
    (first, last), (other_first, other_last) = period(one), period(other)
    if not (first and last and other_first and other_last):
        return False
    slack = timedelta(days=rules()["dated_slack_days"] if len(one) == len(other) == 10 else 0)
    return first - slack <= other_last and other_first - slack <= last


def span(incident: Incident) -> tuple[date | None, date | None]:
    """The first and last day its reports speak of: their text dates, else their publication."""
    days = [d for m in incident.mentions for d in period(text_date(m) or m.published or "")]
    known = [d for d in days if d]
    return (min(known), max(known)) if known else (None, None)


def reports(mentions: list[Mention]) -> int:
    """Reports, not mentions: a symmetric event coded in both directions is one report."""
    return len({(m.doc_key, m.text) for m in mentions})


def summary(incident: Incident) -> dict[str, Any]:
    """The incident row: best code and date, counts, first and last report, confidence,
    actor names, the best-supported casualty counts."""
    ms = incident.mentions
    order = rules()["certainty_order"]
    published = sorted(m.published for m in ms if m.published)
    code = Counter(m.cameo for m in ms).most_common(1)[0][0]
    best = incident.best_date()
    lead = next((m for m in ms if m.target), ms[0])  # the first report that names a target
    return {
        "incident_key": min(m.event_key for m in ms),
        "source_code": lead.source,
        "target_code": lead.target,
        "source_name": most_common(m.source_name for m in ms if m.source == lead.source),
        "target_name": most_common(m.target_name for m in ms if m.target == lead.target),
        "cameo": code,
        "root": code[:2],
        "date": best,
        "date_precision": precision(best),
        "first_report": published[0] if published else None,
        "last_report": published[-1] if published else None,
        "mentions": reports(ms),
        "articles": len({m.doc_key for m in ms}),
        "outlets": len({m.outlet for m in ms}),
        "confidence": round(confidence(ms), 3),
        "goldstein": next((m.goldstein for m in ms if m.cameo == code), None),
        "quad_class": ms[0].quad_class,
        "certainty": min(
            (m.certainty for m in ms), key=lambda c: order.index(c) if c in order else 99
        ),
        "status": standing(ms[0]),
        "killed": best_count(ms, "killed"),
        "wounded": best_count(ms, "wounded"),
        "bucket": bucket(ms[0]),
    }


def most_common(values: Any) -> str | None:
    found = Counter(v for v in values if v)
    return min(found, key=lambda v: (-found[v], v)) if found else None


def best_count(mentions: list[Mention], what: str) -> int | None:
    """The count most articles give (each article's largest), the latest article's among
    equals: several reports of one happening are never added up."""
    per_article: dict[int, tuple[str, int]] = {}
    for m in mentions:
        value = getattr(m, what)
        if value is not None:
            _, before = per_article.get(m.doc_key, ("", value))
            per_article[m.doc_key] = (m.published or "", max(before, value))
    if not per_article:
        return None
    votes = Counter(value for _, value in per_article.values())
    latest = {value: max(p for p, v in per_article.values() if v == value) for value in votes}
    return max(votes, key=lambda v: (votes[v], latest[v], v))


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
