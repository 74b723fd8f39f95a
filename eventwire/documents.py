"""Checks on a document's text before it is parsed: HTML extraction, limits, language, dates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from eventwire import errors
from eventwire.language import other_language
from eventwire.model import DocumentError
from eventwire.options import Options
from eventwire.readers import InputDocument, repair_windows_1252, replace_surrogates

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
    """Extract, check and date one document, or say in one line why it cannot be coded.

    What the document's line gives (``published``, ``title``, ``url``, ``outlet``) wins over
    what its HTML page says of itself, and that over ``fallback_published`` (``--published``).
    """
    item = repair_windows_1252(replace_surrogates(item))
    warnings = list(item.warnings)
    text, page = item.text, PageMeta()
    if text is None:
        text = extract_html(item.html or "")
        if text is None:
            return fail(item, errors.NO_MAIN_TEXT, "no main text could be extracted from the HTML")
        page = page_meta(item.html or "")
    problem = check_text(text, options, warnings)
    if problem:
        return fail(item, *problem)
    given = item.published or page.published or item.fallback_published
    published = parse_published(given, warnings)
    meta = {
        "title": item.title or page.title,
        "url": item.url or page.url,
        "outlet": item.outlet or page.outlet,
    }
    if options.keep_text or item.text is None or item.text_changed:
        meta["text"] = text
    return PreparedDocument(item.id, text, published, meta, warnings)


@dataclass(frozen=True)
class PageMeta:
    """What an HTML page says of itself in its markup."""

    published: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None


def page_meta(html: str) -> PageMeta:
    """The publication date, title, URL and outlet of a page, from its meta tags
    (``article:published_time``, ``og:title``, ``og:site_name``, ``og:url``), its JSON-LD
    and its ``<title>`` (trafilatura and htmldate; dates only from the markup and the URL,
    never guessed from the text)."""
    from trafilatura.metadata import extract_metadata

    try:
        found = extract_metadata(html, extensive=False)
    except Exception:  # trafilatura and htmldate raise assorted errors on broken markup
        return PageMeta()
    return PageMeta(
        published=found.date or None,
        title=clean(found.title),
        url=found.url if found.url and found.url.startswith(("http://", "https://")) else None,
        outlet=clean(found.sitename),
    )


def clean(value: str | None) -> str | None:
    """A metadata string with its spaces evened, or None when empty."""
    flat = " ".join((value or "").split())
    return flat or None


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
    guess = other_language(text)
    if guess is not None:
        return errors.NOT_ENGLISH, f"the text is not English ({guess.describe()})"
    return None


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
