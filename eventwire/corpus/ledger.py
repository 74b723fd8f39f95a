"""The negotiation ledger across articles: one item per demand, offer, request..., with history.

Items from different documents are one item when they have the same parties (by country), a
kind of the same family (a demand and an ultimatum are one family) and overlapping `what`
words, or when one refers to the other's subject in few words. The item's status is the
latest status any report gives that is not "open"; its history lists every report in
publication order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WORD = re.compile(r"[a-z]{4,}")
FAMILIES = {
    "ultimatum": "demand",
    "demand": "demand",
    "request": "request",
    "proposal": "proposal",
    "offer": "offer",
    "threat": "threat",
    "promise": "promise",
}
MIN_OVERLAP = 0.3


@dataclass(frozen=True)
class Report:
    """One document's ledger item."""

    doc_key: int
    ordinal: int
    published: str | None
    kind: str
    from_code: str | None
    to_code: str | None
    what: str
    condition: str | None
    status: str


@dataclass
class Item:
    reports: list[Report] = field(default_factory=list)
    words: set[str] = field(default_factory=set)

    @property
    def status(self) -> str:
        settled = [r.status for r in self.reports if r.status != "open"]
        return settled[-1] if settled else "open"


def country(code: str | None) -> str | None:
    return code[:3] if code else None


def words_of(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def same_item(item: Item, r: Report) -> bool:
    head = item.reports[0]
    if FAMILIES.get(head.kind) != FAMILIES.get(r.kind):
        return False
    if (country(head.from_code), country(head.to_code)) != (
        country(r.from_code),
        country(r.to_code),
    ):
        return False
    words = words_of(r.what)
    if not words or not item.words:
        return False
    return len(words & item.words) / min(len(words), len(item.words)) >= MIN_OVERLAP


def merge_reports(reports: list[Report]) -> list[Item]:
    items: list[Item] = []
    for r in sorted(reports, key=lambda r: (r.published or "", r.doc_key, r.ordinal)):
        home = next((i for i in items if same_item(i, r)), None)
        if home is None:
            home = Item()
            items.append(home)
        home.reports.append(r)
        home.words |= words_of(r.what)
    return items
