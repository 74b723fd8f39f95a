"""Draft ledger items and the parties to them, before they become ``model.LedgerItem``.

A draft keeps what the rules need beyond the published item: where its trigger is (to order
acts and answers), which tokens it was built from (to recognise a second coding of the same
words), and whether its kind came from a word of the text or only from a CAMEO code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.ledger.meanings import meanings
from eventwire.model import ActorRef, LedgerItem, Span


@dataclass(frozen=True)
class Party:
    """One side of an item: its CAMEO actor code when known, and the words that name it."""

    code: str | None
    names: frozenset[str] = frozenset()

    def same(self, other: Party | None) -> bool:
        """Whether two parties are the same actor: by code, or by shared name words."""
        if other is None:
            return False
        if self.code and other.code:
            return codes_match(self.code, other.code)
        return bool(self.names & other.names)


def codes_match(first: str, second: str) -> bool:
    """Codes match when equal or when one refines the other ("VEN" and "VENGOV")."""
    return first.startswith(second) or second.startswith(first)


def name_words(*texts: str | None) -> frozenset[str]:
    """The capitalised words of names and mentions, lower-cased, for matching by name."""
    words = (w.strip(".,'’\"“”") for t in texts if t for w in t.split())
    return frozenset(w.lower() for w in words if len(w) > 2 and w[:1].isupper())


def party_of(ref: ActorRef | None) -> Party | None:
    """The party of an event's source or target, or None when the coder left it out."""
    if ref is None or not (ref.code or ref.text):
        return None
    return Party(code=ref.code, names=name_words(ref.text, ref.name))


@dataclass
class Draft:
    """A ledger item under construction."""

    kind: str
    source: Party | None  # None until inferred from the other acts of the document
    target: Party | None
    what: str
    at: int  # character offset of the trigger: the order of acts in the text
    span: Span
    sentence: str
    anchors: frozenset[int] = frozenset()  # token indices of trigger and naming noun
    what_span: Span | None = None
    lemmas: frozenset[str] = frozenset()  # content words of `what` and `condition`
    condition: str | None = None
    condition_span: Span | None = None
    date: str | None = None
    dated_by_text: bool = True  # False when the date is only the publication date
    kind_from_word: bool = False
    counter: bool = False  # presented as a counter to the other party's items
    container: bool = False  # names several acts at once ("a series of demands")
    refers_back: bool = False  # names an act mentioned before ("this request")
    has_object: bool = True  # the text says what is asked or offered
    inherits: bool = False  # takes the parties it lacks from the earlier act it goes with
    companion: int | None = None  # the token of the act it comes "with", when the text says
    status: str = "open"
    evidence: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.evidence:
            self.evidence = [self.sentence]

    @property
    def family(self) -> str:
        return meanings().family(self.kind)

    def note(self, sentence: str) -> None:
        """Add a sentence to the item's history unless it is there already."""
        if sentence not in self.evidence:
            self.evidence.append(sentence)

    def to_item(self) -> LedgerItem:
        return LedgerItem(
            kind=self.kind,  # type: ignore[arg-type]
            from_=self.source.code if self.source else None,
            to=self.target.code if self.target else None,
            what=self.what,
            condition=self.condition,
            status=self.status,  # type: ignore[arg-type]
            date=self.date,
            span=self.span,
            evidence=list(self.evidence),
        )
