"""The document result: one typed model that the CLI, the Python API and the HTTP API serialise.

Character offsets (``span``, ``[start, end)``) index the document text exactly as it was given;
for HTML input they index the extracted text, which the result then carries as ``text``.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Span = tuple[int, int]

Certainty = Literal[
    "asserted", "confirmed", "reported", "alleged", "denied", "hypothetical", "planned"
]
LedgerKind = Literal["demand", "ultimatum", "offer", "request", "proposal", "threat", "promise"]
LedgerStatus = Literal[
    "open", "accepted", "rejected", "countered", "unanswered", "withdrawn", "fulfilled"
]
AttributionKind = Literal["direct", "indirect", "mixed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ActorRef(_Model):
    """An actor as it takes part in one event: the words used and what they resolve to."""

    text: str = Field(description="The words of the mention in the text.")
    name: str | None = Field(None, description="Canonical name of the entity, if known.")
    code: str | None = Field(None, description="CAMEO actor code, e.g. USAGOV, VENOPP, IGO.")
    country: str | None = Field(
        None, description="ISO 3166 alpha-3, or IGO / NGO / MNC for non-state actors."
    )
    sector: str | None = Field(None, description="CAMEO role code: GOV, MIL, OPP, MED, ...")
    span: Span | None = Field(None, description="Where the mention is in the text.")


class Location(_Model):
    name: str
    country: str | None = None
    kind: Literal["country", "region", "city", "feature"] | None = None
    lat: float | None = None
    lon: float | None = None
    span: Span | None = None
    how: (
        Literal["clause", "gloss", "dateline", "sentence", "previous", "document", "country"] | None
    ) = Field(
        None,
        description="How the place was chosen: the event's clause, a parenthesised place in "
        "the sentence, the dateline, a place named in the sentence, the place of the "
        "paragraph's previous event (for an act at a scene in a sentence naming no place), "
        "the document's only place, or the one country of all the document's places.",
    )


class Casualties(_Model):
    """People an event killed and wounded, as the text counts them (None: not said)."""

    killed: int | None = None
    wounded: int | None = None


class Event(_Model):
    """One coded event: who did what to whom, when, where, and according to whom."""

    source: ActorRef | None
    target: ActorRef | None
    cameo: str = Field(description='CAMEO event code as a string ("041", "1231").')
    cameo_name: str | None = None
    plover: str | None = Field(None, description="PLOVER event type.")
    plover_mode: str | None = None
    goldstein: float | None = None
    quad_class: int | None = Field(
        None,
        description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
        "4 material conflict.",
    )
    date: str | None = Field(None, description="ISO date of the event itself, or YYYY-MM / YYYY.")
    date_source: Literal["text", "episode", "published"] | None = Field(
        None,
        description="Where the date comes from: a time expression in the sentence, the "
        "episode the event belongs to, or the publication date as a fallback.",
    )
    date_precision: Literal["day", "month", "year"] | None = Field(
        None, description="How precise `date` is: a day, a month or a year."
    )
    location: Location | None = None
    casualties: Casualties | None = Field(
        None,
        description="People killed and wounded, counted from the text; on the one event of its "
        "sentence that the count reports on, and absent where the text gives none.",
    )
    certainty: Certainty = "asserted"
    attributed_to: list[str] = Field(default_factory=list)
    negated: bool = False
    span: Span
    trigger: Span
    text: str = Field(description="The evidence sentence.")
    rule: str | None = Field(None, description="The lexicon entry or construction that coded it.")


class AttributionSource(_Model):
    span: Span | None = None
    text: str
    code: str | None = None
    name: str | None = None


class Cue(_Model):
    span: Span
    text: str


class Content(_Model):
    spans: list[Span]
    text: str


class Attribution(_Model):
    source: AttributionSource | None
    cue: Cue | None
    content: Content
    kind: AttributionKind
    certainty: Certainty = "asserted"
    chain: list[str] = Field(
        default_factory=list,
        description="The sources the content passed through, nearest first "
        '("Sources close to the situation", "the Miami Herald").',
    )


class Timex(_Model):
    span: Span
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str
    anchored: bool = Field(
        False, description="True when the value was resolved against the publication date."
    )


class Place(_Model):
    span: Span
    text: str
    name: str
    country: str | None = None
    kind: Literal["country", "region", "city", "feature"] = "city"
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


class ActorMention(_Model):
    span: Span
    text: str
    how: str = Field(
        description="How the mention was resolved: name, alias, title, apposition, "
        "description, demonym, pronoun, ..."
    )


class Actor(_Model):
    name: str
    code: str
    country: str | None = None
    sector: str | None = None
    mentions: list[Span]
    resolution: list[ActorMention] = Field(default_factory=list)


class LedgerItem(_Model):
    kind: LedgerKind
    from_: str | None = Field(None, alias="from", serialization_alias="from")
    to: str | None = None
    what: str
    condition: str | None = None
    status: LedgerStatus = "open"
    date: str | None = None
    span: Span | None = None
    evidence: list[str] = Field(default_factory=list)


class DocumentResult(_Model):
    """What eventwire says about one document."""

    id: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    text: str | None = Field(None, description="The extracted text, for HTML input only.")
    events: list[Event] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    ledger: list[LedgerItem] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class DocumentError(_Model):
    """A document that could not be processed still gets a line."""

    id: str
    error: str


def to_json_dict(result: DocumentResult | DocumentError) -> dict:
    """The JSON form of a result, with ``from`` spelled as the contract spells it."""
    return result.model_dump(mode="json", by_alias=True, exclude_none=False)


def to_json_line(result: DocumentResult | DocumentError) -> str:
    """A result's line of a results file, without the newline. An error line leaves out the
    fields that are empty."""
    data = result.model_dump(
        mode="json", by_alias=True, exclude_none=isinstance(result, DocumentError)
    )
    return json.dumps(data, ensure_ascii=False)
