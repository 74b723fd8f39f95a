"""The ledger's knowledge, read from the YAML files in ``data/ledger/``.

``openings.yaml`` says which CAMEO codes and words open an item of which kind,
``answers.yaml`` which codes, verbs and phrases answer an item with which status, and
``lists.yaml`` how a sentence lists the members of an earlier act.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from eventwire.yamlfiles import load_yaml


@dataclass(frozen=True)
class LedgerLexicon:
    """Everything the ledger rules look up, as plain typed tables."""

    opening_codes: dict[str, str | None]
    cue_codes: frozenset[str]
    words: dict[str, str]
    verb_words: frozenset[str]
    noun_words: frozenset[str]
    nominal_verbs: dict[str, str]
    deadline_cues: tuple[str, ...]
    deadline_prepositions: frozenset[str]
    modal_cues: frozenset[str]
    directive_verbs: frozenset[str]
    seeking_verbs: frozenset[str]
    agent_prepositions: frozenset[str]
    adjunct_nouns: frozenset[str]
    adjunct_prepositions: frozenset[str]
    attribution_words: frozenset[str]
    condition_markers: tuple[tuple[str, ...], ...]
    answer_codes: dict[str, str]
    answer_lemmas: dict[str, str]
    answer_phrases: dict[tuple[str, ...], str]
    idle_complements: frozenset[str]
    named_only: frozenset[str]
    hypothetical_modals: frozenset[str]
    refer_back: frozenset[str]
    counter_words: tuple[str, ...]
    silence_nouns: frozenset[str]
    terms_nouns: frozenset[str]
    rank: dict[str, int]
    list_subjects: frozenset[str]
    list_verbs: frozenset[str]
    list_leads: tuple[tuple[str, ...], ...]
    collective: frozenset[str]
    member_markers: frozenset[str]

    @cached_property
    def single_condition_marks(self) -> frozenset[str]:
        """One-word condition markers ("if", "unless"): they mark hypothetical clauses."""
        return frozenset(m[0] for m in self.condition_markers if len(m) == 1)

    @cached_property
    def answer_phrases_by_word(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The answer phrases under their first word, in the order of ``answer_phrases``."""
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.answer_phrases:
            index.setdefault(phrase[0], []).append(phrase)
        return {word: tuple(phrases) for word, phrases in index.items()}

    def opening_kind(self, code: str) -> str | None:
        """The kind of item a CAMEO code opens (longest matching prefix), or None."""
        return _longest_prefix(self.opening_codes, code)

    def answer_status(self, code: str) -> str | None:
        """The status an event with this CAMEO code gives the items it answers, or None."""
        return _longest_prefix(self.answer_codes, code)


def _longest_prefix(table: dict[str, str | None], code: str) -> str | None:
    for length in range(len(code), 0, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def _read(name: str) -> dict[str, Any]:
    text = resources.files("eventwire.data").joinpath(f"ledger/{name}").read_text("utf-8")
    return load_yaml(text) or {}


def _phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
    """Multi-word phrases as word tuples, longest first so that longer phrases win."""
    return tuple(sorted((tuple(p.lower().split()) for p in items), key=len, reverse=True))


@lru_cache(maxsize=1)
def ledger_lexicon() -> LedgerLexicon:
    """The ledger tables, read once."""
    opening, answers, lists = _read("openings.yaml"), _read("answers.yaml"), _read("lists.yaml")
    return LedgerLexicon(
        opening_codes={str(k): v for k, v in opening["codes"].items()},
        cue_codes=frozenset(str(c) for c in opening.get("cue_codes", [])),
        words=dict(opening["words"]),
        verb_words=frozenset(opening["verb_words"]),
        noun_words=frozenset(opening["noun_words"]),
        nominal_verbs=dict(opening["nominal_verbs"]),
        deadline_cues=tuple(str(c).lower() for c in opening["deadline_cues"]),
        deadline_prepositions=frozenset(opening["deadline_prepositions"]),
        modal_cues=frozenset(opening["modal_cues"]),
        directive_verbs=frozenset(opening["directive_verbs"]),
        seeking_verbs=frozenset(opening["seeking_verbs"]),
        agent_prepositions=frozenset(opening["agent_prepositions"]),
        adjunct_nouns=frozenset(opening["adjunct_nouns"]),
        adjunct_prepositions=frozenset(opening["adjunct_prepositions"]),
        attribution_words=frozenset(opening["attribution_words"]),
        condition_markers=_phrases(opening["condition_markers"]),
        answer_codes={str(k): v for k, v in answers["codes"].items()},
        answer_lemmas=dict(answers["lemmas"]),
        answer_phrases={p: answers["phrases"][" ".join(p)] for p in _phrases(answers["phrases"])},
        idle_complements=frozenset(answers["idle_complements"]),
        named_only=frozenset(answers["named_only"]),
        hypothetical_modals=frozenset(answers["hypothetical_modals"]),
        refer_back=frozenset(answers["refer_back"]),
        counter_words=tuple(str(w).lower() for w in answers["counter_words"]),
        silence_nouns=frozenset(answers["silence_nouns"]),
        terms_nouns=frozenset(answers["terms_nouns"]),
        rank=dict(answers["rank"]),
        list_subjects=frozenset(lists["subjects"]),
        list_verbs=frozenset(lists["verbs"]),
        list_leads=_phrases(lists["lead_phrases"]),
        collective=frozenset(lists["collective"]),
        member_markers=frozenset(lists["member_markers"]),
    )
