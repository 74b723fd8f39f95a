"""Checks on a document's text before it is parsed: HTML extraction, limits, language, dates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources

from eventwire import errors
from eventwire.model import DocumentError
from eventwire.options import Options
from eventwire.readers import InputDocument, replace_surrogates

WORD = re.compile(r"[^\W\d_]+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class PreparedDocument:
    """A document whose text passed the checks, ready to be parsed."""

    id: str
    text: str
    published: date | None
    meta: dict[str, str | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def prepare(item: InputDocument, options: Options) -> PreparedDocument | DocumentError:
    """Extract, check and date one document, or say in one line why it cannot be coded."""
    item = replace_surrogates(item)
    warnings = list(item.warnings)
    text, from_html = item.text, False
    if text is None:
        text = extract_html(item.html or "")
        if text is None:
            return fail(item, errors.NO_MAIN_TEXT, "no main text could be extracted from the HTML")
        from_html = True
    problem = check_text(text, options, warnings)
    if problem:
        return fail(item, *problem)
    published = parse_published(item.published, warnings)
    meta = {"title": item.title, "url": item.url, "outlet": item.outlet}
    if from_html or item.text_changed:
        meta["text"] = text
    return PreparedDocument(item.id, text, published, meta, warnings)


def fail(item: InputDocument, code: str, reason: str) -> DocumentError:
    return DocumentError(id=item.id, error=errors.describe(code, reason))


def check_text(text: str, options: Options, warnings: list[str]) -> tuple[str, str] | None:
    """A (code, reason) pair when the text cannot be coded; warnings for usable oddities."""
    if not text.strip():
        return errors.EMPTY, "the document has no text"
    if len(text) > options.max_chars:
        return errors.TOO_LONG, (
            f"{len(text):,} characters, over the limit of {options.max_chars:,} (--max-chars)"
        )
    if CONTROL.search(text):
        warnings.append(errors.describe(errors.W_CONTROL_CHARS, "control characters in the text"))
    share = english_share(text)
    if share is not None and share < options.min_english:
        return (
            errors.NOT_ENGLISH,
            f"the text does not look like English ({share:.0%} English words)",
        )
    return None


def english_share(text: str, sample: int = 20_000) -> float | None:
    """Share of English-looking running text, or None when there are too few words to tell.

    Function words make up about two fifths of English prose; the share is scaled so that
    ordinary English scores near 1.0 and other languages near 0.
    """
    words = WORD.findall(text[:sample].lower())
    if len(words) < 12:
        return None
    english = english_words()
    hits = sum(w in english for w in words)
    return min(1.0, hits / len(words) / 0.25)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    path = resources.files("eventwire.data").joinpath("language/english-function-words.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def parse_published(value: str | None, warnings: list[str]) -> date | None:
    if not value:
        warnings.append(
            errors.describe(
                errors.W_NO_PUBLISHED, "no publication date; relative dates stay unresolved"
            )
        )
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            warnings.append(
                errors.describe(
                    errors.W_NO_PUBLISHED, f"unreadable publication date {value[:40]!r}"
                )
            )
            return None


def extract_html(html: str) -> str | None:
    """The main text of an HTML page (trafilatura), or None when there is none."""
    import trafilatura

    if not html.strip():
        return None
    try:
        text = trafilatura.extract(
            html, include_comments=False, include_tables=False, favor_recall=True
        )
    except Exception:  # trafilatura raises assorted parser errors on broken markup
        text = None
    if not text:
        text = fallback_html_text(html)
    return text if text and text.strip() else None


def fallback_html_text(html: str) -> str | None:
    """Paragraph text via lxml when trafilatura finds no main content (short or odd pages)."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except Exception:  # lxml's ParserError and friends on markup it cannot repair
        return None
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    lines = [" ".join(t.split()) for t in tree.itertext()]
    text = "\n".join(line for line in lines if line)
    return text or None
