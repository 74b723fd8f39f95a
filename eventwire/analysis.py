"""The state one document carries through the pipeline: the parse and what each stage found.

Stages read the parse and the fields earlier stages filled, and return their own part; the
pipeline stores it here. Nothing else is shared between stages.
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass, field
from datetime import date
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from eventwire.model import Attribution, Event, LedgerItem, Place, Timex
from eventwire.options import Options


@dataclass(frozen=True)
class Entity:
    """A canonical actor: a person, an organisation, a state or a group."""

    key: str  # stable identifier within the document, e.g. "Donald Trump" or "VEN:OPP"
    name: str
    code: str  # CAMEO actor code: USAGOV, VENOPP, IGO, ...
    country: str | None = None  # ISO alpha-3, or IGO / NGO / MNC
    sector: str | None = None  # GOV, MIL, OPP, MED, ...
    kind: str = "person"  # person, organisation, state, group


@dataclass(frozen=True)
class Mention:
    """One place in the text that refers to an entity."""

    start: int  # character offsets into the document text
    end: int
    head: int  # token index of the syntactic head of the mention
    entity: Entity
    how: str  # name, alias, title, apposition, description, demonym, pronoun, ...
    members: tuple[Entity, ...] = ()  # for compound mentions ("Brazil and the United States")


@dataclass
class ActorIndex:
    """Every actor mention of a document, findable by token."""

    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)  # every token of every mention

    def add(self, mention: Mention, doc: Doc) -> None:
        self.mentions.append(mention)
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            for token in span:
                self.by_token.setdefault(token.i, mention)

    def at(self, token: Token) -> Mention | None:
        """The mention that contains this token, if any."""
        return self.by_token.get(token.i)

    def in_span(self, span: Span) -> list[Mention]:
        """The mentions that lie inside a span of the document, in text order."""
        return [m for m in self.mentions if span.start_char <= m.start and m.end <= span.end_char]

    def entities(self) -> list[Entity]:
        seen: dict[str, Entity] = {}
        for m in self.mentions:
            seen.setdefault(m.entity.key, m.entity)
        return list(seen.values())


@dataclass
class Analysis:
    """One document on its way through the pipeline."""

    doc: Doc
    published: date | None
    options: Options
    timexes: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: ActorIndex = field(default_factory=ActorIndex)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    ledger: list[LedgerItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source_text: InitVar[str | None] = None  # the text that was parsed, when the caller has it

    def __post_init__(self, source_text: str | None) -> None:
        if source_text is not None and len(source_text) == _text_length(self.doc):
            self.__dict__["text"] = source_text  # what ``text`` would build, already at hand

    @cached_property
    def text(self) -> str:
        """The document text (``Doc.text`` rebuilds the string on every access)."""
        return self.doc.text


def _text_length(doc: Doc) -> int:
    """Characters in a parsed document, without building its text."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
