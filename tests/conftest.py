"""Shared fixtures: the model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

import eventwire
from eventwire.model import DocumentResult
from eventwire.nlp import load_model

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="session")
def analyze(nlp: Language):
    """analyze(text, published="2025-12-01") -> DocumentResult, through the public API."""

    def run(text: str, published: str | None = "2025-12-01") -> DocumentResult:
        return eventwire.analyze(text, published=published)

    return run


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared evaluation data beside the checkout; tests that need it skip without it."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared (gold data and scorer) is not beside this checkout")
    return SHARED
