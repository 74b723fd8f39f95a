"""The errors and warnings of a run's documents, counted by code for a summary on stderr."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.model import DocumentError, DocumentResult
from eventwire.words import counted

FIRST_IDS = 3  # ids named per code


def problem_lines(result: DocumentResult | DocumentError) -> tuple[str, ...]:
    """The error, or the warnings, of a document's result, each ``CODE reason``."""
    if isinstance(result, DocumentError):
        return (result.error,)
    return tuple(result.warnings)


@dataclass
class Problems:
    """How many documents had each error or warning code, the first few of their ids, and
    the reason the first one was given."""

    documents: dict[str, int] = field(default_factory=dict)
    ids: dict[str, list[str]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    def add(self, doc_id: str, lines: tuple[str, ...]) -> None:
        """Count one document's problems (a code given twice in it counts once)."""
        for code, reason in by_code(lines).items():
            self.documents[code] = self.documents.get(code, 0) + 1
            self.reasons.setdefault(code, reason)
            named = self.ids.setdefault(code, [])
            if len(named) < FIRST_IDS:
                named.append(doc_id)

    def summary(self) -> list[str]:
        """One line per code, errors before warnings: its count of documents, their first
        ids, and the first reason."""
        lines = []
        for code in sorted(self.documents, key=lambda c: (not c.startswith("E"), c)):
            n = self.documents[code]
            ids = ", ".join(self.ids[code]) + (", …" if n > len(self.ids[code]) else "")
            lines.append(f"{code} in {counted(n, 'document')} ({ids}): {self.reasons[code]}")
        return lines


def by_code(lines: tuple[str, ...]) -> dict[str, str]:
    """Each code of the lines with the first reason given for it."""
    found: dict[str, str] = {}
    for line in lines:
        code, _, reason = line.partition(" ")
        found.setdefault(code, reason)
    return found
