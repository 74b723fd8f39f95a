"""The negotiation ledger across articles: one item per demand, offer, request..., with history.

Reports from different documents are one item when they have the same parties (by country; an
unknown addressee agrees with any), kinds of one act (one family, or two asking kinds that mean
the same thing) and content of the same meaning (``ledger.meanings``: "step down" and
"relinquish power" are one meaning; without a known meaning, most content words in common).

The item's status follows every report in publication order: a later status replaces the
earlier one unless it ranks lower (a rejection is not undone by a later "no response"), and
"open" never replaces an answer. Its history lists each report with its status and evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.ledger.lexicon import ledger_lexicon
from eventwire.ledger.meanings import meanings, meanings_of, share_words, stems_of
from eventwire.model import LedgerItem


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
    evidence: tuple[str, ...] = ()  # the opening sentence, then each answer's


@dataclass(frozen=True)
class Step:
    """One report in an item's history: its status and the sentence that shows it."""

    doc_key: int
    published: str | None
    status: str
    evidence: str | None


@dataclass
class Item:
    reports: list[Report] = field(default_factory=list)
    meanings: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)

    @property
    def head(self) -> Report:
        return self.reports[0]

    @property
    def status(self) -> str:
        rank = ledger_lexicon().rank
        status = "open"
        for report in self.reports:
            if report.status != "open" and rank[report.status] >= rank[status]:
                status = report.status
        return status

    @property
    def history(self) -> list[Step]:
        return [
            Step(r.doc_key, r.published, r.status, r.evidence[-1] if r.evidence else None)
            for r in self.reports
        ]

    def add(self, report: Report) -> None:
        self.reports.append(report)
        self.meanings |= meanings_of(report.what)
        self.words |= stems_of(report.what)


def report_of(doc_key: int, ordinal: int, published: str | None, item: LedgerItem) -> Report:
    """The report of a document's ledger item."""
    return Report(
        doc_key,
        ordinal,
        published,
        item.kind,
        item.from_,
        item.to,
        item.what,
        item.condition,
        item.status,
        tuple(item.evidence),
    )


def country(code: str | None) -> str | None:
    return code[:3] if code else None


def parties_agree(item: Item, r: Report) -> bool:
    head = item.head
    if country(head.from_code) != country(r.from_code):
        return False
    one, other = country(head.to_code), country(r.to_code)
    return one is None or other is None or one == other


def content_agrees(item: Item, r: Report) -> bool | None:
    """True or False when meanings decide, None when one side has no known meaning."""
    found = meanings_of(r.what)
    if found and item.meanings:
        return bool(found & item.meanings)
    return None


def same_item(item: Item, r: Report) -> bool:
    if not parties_agree(item, r):
        return False
    verdict = content_agrees(item, r)
    if not meanings().kinds_agree(item.head.kind, r.kind, bool(verdict)):
        return False
    if verdict is not None:
        return verdict
    return share_words(frozenset(item.words), stems_of(r.what))


def merge_reports(reports: list[Report]) -> list[Item]:
    items: list[Item] = []
    for r in sorted(reports, key=lambda r: (r.published or "", r.doc_key, r.ordinal)):
        home = next((i for i in items if same_item(i, r)), None)
        if home is None:
            home = Item()
            items.append(home)
        home.add(r)
    return items
