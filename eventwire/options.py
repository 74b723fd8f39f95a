"""Options passed down the pipeline instead of many arguments."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Options:
    """How eventwire reads and codes documents. The defaults suit news articles."""

    max_chars: int = 1_000_000  # longer documents are refused with a clear error
    dictionaries: tuple[Path, ...] = field(default_factory=tuple)  # user actor dictionaries
    keep_text: bool = True  # results carry the text their offsets index (``--no-text``: not)
    model: str | None = None  # spaCy pipeline; None picks the first installed English model
    stages: tuple[str, ...] = ("timexes", "places", "actors", "attributions", "events", "ledger")
