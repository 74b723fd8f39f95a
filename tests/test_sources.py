"""Feed files, and URLs fetched from a local server: robots.txt, limits, feeds, errors."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from eventwire.feeds import read_feed
from eventwire.fetch import Fetcher, FetchOptions, read_url
from eventwire.model import DocumentError
from eventwire.readers import InputDocument, read_inputs
from eventwire.store.ingest import ingest

ARTICLE = (
    "<html><body><article><h1>Talks</h1><p>The foreign minister of Peru met the president of "
    "Chile in Lima on Monday, and both governments said that negotiations on the border would "
    "resume next month in Santiago.</p></article></body></html>"
)
RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Andes Test Wire</title>
<item><title>Border talks</title><link>{base}/article.html</link><guid>a-1</guid>
<pubDate>Mon, 01 Dec 2025 10:00:00 GMT</pubDate><description>Short summary.</description></item>
<item><title>Hidden</title><link>{base}/private/secret.html</link><guid>a-2</guid>
<pubDate>Tue, 02 Dec 2025 10:00:00 GMT</pubDate><description>Another summary.</description></item>
</channel></rss>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    (root / "article.html").write_text(ARTICLE, encoding="utf-8")
    (root / "private").mkdir()
    (root / "private" / "secret.html").write_text(ARTICLE, encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    (root / "big.html").write_text("<p>x</p>" * 200_000, encoding="utf-8")
    handler = partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (root / "feed.xml").write_text(RSS.format(base=base), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_feed_file_entries_become_documents(tmp_path: Path) -> None:
    feed = tmp_path / "news.rss"
    feed.write_text(RSS.format(base="http://example.invalid"), encoding="utf-8")
    items = list(read_inputs([str(feed)]))
    assert [i.id for i in items] == ["a-1", "a-2"]
    first = items[0]
    assert isinstance(first, InputDocument)
    assert first.published == "2025-12-01" and first.outlet == "Andes Test Wire"


def test_a_feed_without_entries_is_an_error_line() -> None:
    (item,) = read_feed(b"<?xml version='1.0'?><rss><channel></channel></rss>", "empty.rss")
    assert isinstance(item, DocumentError) and item.error.startswith("E110")


def test_page_fetch_respects_robots(site: str) -> None:
    fetcher = Fetcher()
    (page,) = read_url(f"{site}/article.html", fetcher)
    (hidden,) = read_url(f"{site}/private/secret.html", fetcher)
    (missing,) = read_url(f"{site}/nope.html", fetcher)
    fetcher.close()
    assert isinstance(page, InputDocument) and "Lima" in (page.html or "")
    assert isinstance(hidden, DocumentError) and hidden.error.startswith("E111")
    assert isinstance(missing, DocumentError) and "HTTP 404" in missing.error


def test_size_limit(site: str) -> None:
    fetcher = Fetcher(FetchOptions(max_bytes=100_000))
    (big,) = read_url(f"{site}/big.html", fetcher)
    fetcher.close()
    assert isinstance(big, DocumentError) and "larger than" in big.error


def test_unreachable_host_is_an_error_line() -> None:
    fetcher = Fetcher(FetchOptions(timeout=2))
    (item,) = read_url("http://127.0.0.1:9/article.html", fetcher)
    fetcher.close()
    assert isinstance(item, DocumentError) and item.error.startswith("E112")


def test_feed_url_entries_follow_their_links(site: str) -> None:
    fetcher = Fetcher()
    first, second = read_url(f"{site}/feed.xml", fetcher)
    fetcher.close()
    assert isinstance(first, InputDocument) and "Santiago" in (first.html or "")
    assert isinstance(second, InputDocument) and "Another summary" in (second.html or "")
    assert any(w.startswith("W205") for w in second.warnings)  # robots kept its page out


def test_ingest_fetches_only_when_asked(site: str, tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    refused = ingest([f"{site}/article.html"], db)
    fetched = ingest([f"{site}/article.html"], db, fetch=True)
    again = ingest([f"{site}/article.html"], db, fetch=True)
    assert (refused.failed, fetched.stored, again.skipped) == (1, 1, 1)
