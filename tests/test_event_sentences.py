"""The event sentence set: short sentences with the events a CAMEO coder should find.

The file `data/event_sentences.yaml` holds the sentences and explains its format. The structural
tests check the file itself; `test_event_sentences_score` runs every sentence through
`eventwire.analyze` and requires the share of passing sentences to stay at or above the floor in
`thresholds.json` (key "event_sentences"), which only ever rises.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

from eventwire.lexicon import cameo_codes
from eventwire.model import ActorRef, DocumentResult, Event

HERE = Path(__file__).resolve().parent
SENTENCES = HERE / "data" / "event_sentences.yaml"
THRESHOLDS = HERE / "thresholds.json"
THRESHOLD_KEY = "event_sentences"

MIN_SENTENCES = 150
ROOTS = [f"{n:02d}" for n in range(1, 21)]
NON_STATE = {"IGO", "NGO", "MNC"}
# CAMEO role codes a sentence may give as `sector` or `target_sector`.
# fmt: off
SECTORS = {
    "GOV", "MIL", "OPP", "REB", "COP", "JUD", "LEG", "BUS", "CVL", "MED", "HLH", "EDU", "REF",
    "LAB", "AGR", "ELI", "SPY", "CRM", "UAF", "INS", "SEP", "ENV", "REL", "ACT", "PTY", "MOD",
    "RAD", "IGO", "NGO", "MNC",
}
# fmt: on
CERTAINTIES = {"asserted", "confirmed", "reported", "alleged", "denied", "hypothetical", "planned"}
ENTRY_KEYS = {"text", "published", "events"}
EVENT_KEYS = {"source", "sector", "target", "target_sector", "codes", "certainty", "symmetric"}

Entry = dict[str, Any]
Expected = dict[str, Any]


@cache
def load_sentences() -> tuple[Entry, ...]:
    data = yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{SENTENCES.name} must hold a list of entries"
    return tuple(data)


def published(entry: Entry) -> str:
    """The publication date as text (YAML may have read an unquoted date as a date)."""
    value = entry["published"]
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def threshold() -> tuple[float, str]:
    """The floor for the pass share, and a note when it had to default to 0.0."""
    if not THRESHOLDS.is_file():
        return 0.0, f" ({THRESHOLDS.name} not found: floor defaults to 0.0)"
    floors = json.loads(THRESHOLDS.read_text(encoding="utf-8"))
    if THRESHOLD_KEY not in floors:
        return 0.0, f' (key "{THRESHOLD_KEY}" missing from {THRESHOLDS.name}: floor is 0.0)'
    return float(floors[THRESHOLD_KEY]), ""


# --- scoring ---------------------------------------------------------------------------------


def country(actor: ActorRef | None) -> str | None:
    return actor.country if actor is not None else None


def code_accepted(predicted: str, codes: Iterable[str]) -> bool:
    """A listed code, or a longer code whose three-digit prefix is a listed three-digit code."""
    codes = set(codes)
    return predicted in codes or predicted[:3] in {c for c in codes if len(c) == 3}


def matches(expected: Expected, event: Event) -> bool:
    """Same countries (either way round for a symmetric event), an accepted code, not negated."""
    pair = (country(event.source), country(event.target))
    wanted = {(expected["source"], expected["target"])}
    if expected.get("symmetric"):
        wanted.add((expected["target"], expected["source"]))
    return not event.negated and pair in wanted and code_accepted(event.cameo, expected["codes"])


def describe(event: Event) -> str:
    flag = " negated" if event.negated else ""
    return f"{country(event.source)}->{country(event.target)} {event.cameo}{flag}"


def failures(entry: Entry, result: DocumentResult) -> list[str]:
    """Why a sentence fails; empty when it passes."""
    if not entry["events"]:
        found = [describe(e) for e in result.events if not e.negated]
        return [f"expected no event, got {', '.join(found)}"] if found else []
    missing = [x for x in entry["events"] if not any(matches(x, e) for e in result.events)]
    got = ", ".join(describe(e) for e in result.events) or "nothing"
    return [
        f"missing {x['source']}->{x['target']} {'/'.join(x['codes'])} (got {got})" for x in missing
    ]


def certainty_mismatches(entry: Entry, result: DocumentResult) -> list[str]:
    """Expected certainties that a matching event carries differently (reported, not scored)."""
    out = []
    for x in entry["events"]:
        if "certainty" not in x:
            continue
        found = [e for e in result.events if matches(x, e)]
        if found and all(e.certainty != x["certainty"] for e in found):
            out.append(f"certainty {found[0].certainty}, expected {x['certainty']}")
    return out


def run_all(analyze: Callable[..., DocumentResult]) -> tuple[int, list[str], list[str]]:
    """Score every sentence: the number passing, the failure lines, the certainty notes."""
    passed, failed, notes = 0, [], []
    for entry in load_sentences():
        result = analyze(entry["text"], published=published(entry))
        reasons = failures(entry, result)
        if reasons:
            failed.append(f"{entry['text']}\n    " + "\n    ".join(reasons))
        else:
            passed += 1
        notes += [f"{entry['text']}: {n}" for n in certainty_mismatches(entry, result)]
    return passed, failed, notes


def test_event_sentences_score(analyze: Callable[..., DocumentResult]) -> None:
    total = len(load_sentences())
    passed, failed, notes = run_all(analyze)
    share = passed / total
    floor, note = threshold()
    print(f"\nevent sentences: {passed}/{total} pass ({share:.3f}); floor {floor}{note}")
    for line in failed:
        print(f"FAIL {line}")
    for line in notes:
        print(f"NOTE {line}")
    assert share >= floor, (
        f"event sentences: {passed}/{total} pass ({share:.3f}), below the floor {floor}{note}"
    )


# --- the scorer itself -----------------------------------------------------------------------


def make_event(source: str | None, target: str | None, cameo: str, **extra: Any) -> Event:
    def ref(iso: str | None) -> ActorRef | None:
        return ActorRef(text=iso, country=iso) if iso else None

    return Event(
        source=ref(source),
        target=ref(target),
        cameo=cameo,
        span=(0, 1),
        trigger=(0, 1),
        text="x",
        **extra,
    )


def test_scorer_accepts_codes_by_three_digit_prefix() -> None:
    assert code_accepted("1041", ["104", "100"])
    assert code_accepted("104", ["1041", "104"])
    assert not code_accepted("104", ["1041"])
    assert not code_accepted("1041", ["1042", "100"])
    assert not code_accepted("041", ["04"])


def test_scorer_matches_countries_and_negation() -> None:
    entry = {
        "text": "x",
        "published": "2025-12-01",
        "events": [
            {"source": "USA", "target": "VEN", "codes": ["041"]},
        ],
    }
    hit = DocumentResult(id="d", events=[make_event("USA", "VEN", "041")])
    reversed_ = DocumentResult(id="d", events=[make_event("VEN", "USA", "041")])
    negated = DocumentResult(id="d", events=[make_event("USA", "VEN", "041", negated=True)])
    assert failures(entry, hit) == []
    assert failures(entry, reversed_)
    assert failures(entry, negated)
    empty = {"text": "x", "published": "2025-12-01", "events": []}
    assert failures(empty, negated) == []
    assert failures(empty, hit)


def test_scorer_accepts_symmetric_events_either_way_round() -> None:
    expected = {"source": "ARM", "target": "AZE", "codes": ["046"]}
    reversed_ = make_event("AZE", "ARM", "046")
    assert not matches(expected, reversed_)
    assert matches({**expected, "symmetric": True}, reversed_)


def test_scorer_null_target_means_no_target_country() -> None:
    entry = {
        "text": "x",
        "published": "2025-12-01",
        "events": [
            {"source": "RUS", "target": None, "codes": ["011"]},
        ],
    }
    assert failures(entry, DocumentResult(id="d", events=[make_event("RUS", None, "011")])) == []
    assert failures(entry, DocumentResult(id="d", events=[make_event("RUS", "UKR", "011")]))


# --- the file itself -------------------------------------------------------------------------


def all_events() -> list[Expected]:
    return [x for entry in load_sentences() for x in entry["events"]]


def valid_country(code: str) -> bool:
    return code in NON_STATE or pycountry.countries.get(alpha_3=code) is not None


def test_enough_sentences() -> None:
    assert len(load_sentences()) >= MIN_SENTENCES
    texts = Counter(entry["text"] for entry in load_sentences())
    assert [t for t, n in texts.items() if n > 1] == [], "duplicate sentences"
    assert sum(1 for entry in load_sentences() if not entry["events"]) >= 10, "few non-events"


def test_entries_are_well_formed() -> None:
    for entry in load_sentences():
        assert set(entry) == ENTRY_KEYS, entry
        assert isinstance(entry["text"], str) and entry["text"].strip(), entry
        dt.date.fromisoformat(published(entry))
        assert isinstance(entry["events"], list), entry
        for x in entry["events"]:
            assert set(x) <= EVENT_KEYS and {"source", "target", "codes"} <= set(x), x
            assert x.get("certainty", "asserted") in CERTAINTIES, x


def test_every_cameo_root_is_covered() -> None:
    covered = {x["codes"][0][:2] for x in all_events()}
    assert [root for root in ROOTS if root not in covered] == []


def test_codes_are_cameo_codes() -> None:
    known = cameo_codes()
    for x in all_events():
        assert x["codes"], x
        for code in x["codes"]:
            assert isinstance(code, str), f"quote the code {code!r} in {SENTENCES.name}"
            assert code in known, f"{code} is not a CAMEO code: {x}"


def test_countries_and_sectors_are_valid() -> None:
    for x in all_events():
        assert valid_country(x["source"]), x
        assert x["target"] is None or valid_country(x["target"]), x
        for key in ("sector", "target_sector"):
            assert x.get(key) is None or x[key] in SECTORS, x


@pytest.mark.parametrize("key", ["source", "target"])
def test_sentences_use_many_actors(key: str) -> None:
    countries = {x[key] for x in all_events() if x[key] not in (None, *NON_STATE)}
    assert len(countries) >= 40
    assert any(x[key] == "IGO" for x in all_events())
