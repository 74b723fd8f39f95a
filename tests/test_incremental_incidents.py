"""Incremental derivation of incidents (eventwire/store/derive.py): after each ingestion the
derived tables equal a full rebuild's, on random stores of dated, undated, month- and
year-dated, targetless and hypothetical reports."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventwire.lexicon import cameo
from eventwire.model import ActorRef, DocumentResult, Event
from eventwire.store import open_store
from eventwire.store.derive import rebuild, update
from eventwire.store.writer import Stored, write_batch

ACTORS = [
    ActorRef(text="Washington", name="United States", code="USAGOV", country="USA", sector="GOV"),
    ActorRef(text="US forces", name="United States", code="USAMIL", country="USA", sector="MIL"),
    ActorRef(text="Caracas", name="Venezuela", code="VENGOV", country="VEN", sector="GOV"),
    ActorRef(text="Bogotá", name="Colombia", code="COLGOV", country="COL", sector="GOV"),
]
CODES = ["040", "041", "042", "036", "1231", "154", "190", "112", "172"]
WORDS = [
    "talks",
    "call",
    "strike",
    "boats",
    "navy",
    "ultimatum",
    "pressure",
    "airspace",
    "sanctions",
    "oil",
    "exile",
]
START = date(2024, 1, 1)


def random_event(rng: random.Random, published: date) -> Event:
    source, target = rng.sample(ACTORS, 2)
    code = rng.choice(CODES)
    entry = cameo(code)
    day = published - timedelta(days=rng.randrange(0, 40))
    form = rng.random()
    text_date = (
        day.isoformat() if form < 0.55 else day.isoformat()[:7] if form < 0.7
        else day.isoformat()[:4] if form < 0.75 else None
    )  # fmt: skip
    words = " ".join(rng.sample(WORDS, 3))
    return Event(
        source=source,
        target=None if rng.random() < 0.15 else target,
        cameo=code,
        plover=entry.plover,
        goldstein=entry.goldstein,
        quad_class=entry.quad_class,
        date=text_date or published.isoformat(),
        date_source="text" if text_date else "published",
        certainty=rng.choice(["asserted", "asserted", "reported", "hypothetical"]),
        span=(0, 10),
        trigger=(0, 4),
        text=f"{source.text} {entry.name.lower()} {words}",
    )


def random_batches(seed: int, batches: int, size: int) -> list[list[Stored]]:
    rng = random.Random(seed)
    out, n = [], 0
    for b in range(batches):
        batch = []
        for _ in range(size):
            n += 1
            published = START + timedelta(days=rng.randrange(0, 900))
            if b == batches - 1 and rng.random() < 0.5:
                published = START + timedelta(days=rng.randrange(880, 900))  # a busy week
            events = [random_event(rng, published) for _ in range(rng.randint(1, 3))]
            result = DocumentResult(
                id=f"d{n}", outlet=rng.choice("ABCD"), published=published.isoformat(),
                events=events, url=f"https://example.org/{n}",
            )  # fmt: skip
            batch.append(Stored(hash=f"h{n}", source="test", text=f"text {n}", result=result))
        out.append(batch)
    return out


TABLES = ("incidents", "incident_events", "totals", "overview_dyads", "actor_stats")


def snapshot(conn) -> dict[str, list]:
    return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in TABLES}


@pytest.mark.parametrize("seed", range(4))
def test_incremental_incidents_equal_a_rebuild(tmp_path: Path, seed: int) -> None:
    conn = open_store(tmp_path / f"r{seed}.sqlite")
    for batch in random_batches(seed, batches=4, size=12):
        write_batch(conn, batch)
        update(conn)
    kept = snapshot(conn)
    rebuild(conn)
    assert snapshot(conn) == kept
    assert len(kept["incidents"]) > 5
