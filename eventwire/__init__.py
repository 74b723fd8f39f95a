"""eventwire: sourced political event data from news text.

>>> import eventwire
>>> result = eventwire.analyze("Colombia's president, Gustavo Petro, proposed talks.",
...                            published="2025-12-01")
>>> [e.cameo for e in result.events]  # doctest: +SKIP
"""

from __future__ import annotations

from eventwire.api import analyze, analyze_many
from eventwire.errors import BadValue, EventwireError
from eventwire.model import DocumentError, DocumentResult
from eventwire.options import Options
from eventwire.readers import InputDocument

__version__ = "0.1.0"
__all__ = [
    "BadValue",
    "DocumentError",
    "DocumentResult",
    "EventwireError",
    "InputDocument",
    "Options",
    "__version__",
    "analyze",
    "analyze_many",
]
