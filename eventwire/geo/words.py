"""The words of a parsed document as plain lists, read once per document."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc


@dataclass(frozen=True)
class Words:
    """The words of a parsed document, read once: ``doc[i]`` makes a new Token object on every
    access, and ``Span.text`` joins its tokens again, which adds up over every capitalised
    word and every name length tried."""

    text: str  # the document text
    forms: list[str]  # token texts
    offsets: list[int]  # where each token starts in the text
    capital: list[bool]  # the token starts with a capital letter, after any elision: d'Ivoire
    sentence_start: list[bool]

    @classmethod
    def of(cls, doc: Doc, text: str | None = None) -> Words:
        """The words of a document (``text``: its text, when the caller has it at hand)."""
        tokens = list(doc)
        forms = [t.text for t in tokens]
        return cls(
            text=doc.text if text is None else text,
            forms=forms,
            offsets=[t.idx for t in tokens],
            capital=[capitalised(form) for form in forms],
            sentence_start=[bool(t.is_sent_start) for t in tokens],
        )

    def between(self, start: int, end: int) -> str:
        """The text of tokens ``start`` to ``end - 1``: what ``doc[start:end].text`` gives."""
        last = end - 1
        return self.text[self.offsets[start] : self.offsets[last] + len(self.forms[last])]


ELIDED = ("d'", "d’", "l'", "l’")  # "Côte d'Ivoire", "L'Aquila"


def capitalised(form: str) -> bool:
    """Whether a word starts with a capital letter, after an elided article ("d'Ivoire")."""
    if form[:2].lower() in ELIDED:
        return form[2:3].isupper()
    return form[:1].isupper()
