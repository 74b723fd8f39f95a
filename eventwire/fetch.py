"""Fetching URLs and feed URLs politely: robots.txt, timeouts, size limits, one client."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from eventwire import __version__, errors
from eventwire.feeds import looks_like_feed, read_feed
from eventwire.model import DocumentError
from eventwire.readers import InputDocument, ReadItem

SHORT_ENTRY = 600  # feed entries shorter than this are fetched from their link


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 15.0
    max_bytes: int = 5_000_000
    user_agent: str = f"eventwire/{__version__}"
    follow_entries: bool = True  # fetch the pages of feed entries that carry little text


class FetchFailed(Exception):
    """A URL that could not be fetched, with the one-line reason."""


class Fetcher:
    """One HTTP client and one robots.txt parser per site, for a whole run."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self.client = httpx.Client(
            timeout=self.options.timeout,
            follow_redirects=True,
            headers={"User-Agent": self.options.user_agent},
        )
        self.robots: dict[str, RobotFileParser] = {}

    def close(self) -> None:
        self.client.close()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self.robots:
            self.robots[site] = self.load_robots(site)
        return self.robots[site].can_fetch(self.options.user_agent, url)

    def load_robots(self, site: str) -> RobotFileParser:
        parser = RobotFileParser()
        try:
            response = self.client.get(f"{site}/robots.txt")
        except httpx.HTTPError:
            parser.parse([])  # no answer: nothing is known to be forbidden
            return parser
        if response.status_code in (401, 403):
            parser.disallow_all = True
        elif response.status_code >= 400:
            parser.parse([])
        else:
            parser.parse(response.text.splitlines())
        return parser

    def get(self, url: str) -> tuple[bytes, str]:
        """The body and content type of a URL, within the size limit."""
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FetchFailed(f"HTTP {response.status_code}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.options.max_bytes:
                        raise FetchFailed(f"larger than {self.options.max_bytes:,} bytes")
                return bytes(body), response.headers.get("content-type", "")
        except httpx.HTTPError as exc:
            raise FetchFailed(f"{type(exc).__name__}: {exc}"[:200]) from exc


def read_url(url: str, fetcher: Fetcher) -> Iterator[ReadItem]:
    """The document at a URL, or the entries of the feed at it."""
    try:
        body, kind = fetch_allowed(url, fetcher)
    except FetchFailed as exc:
        yield DocumentError(id=url, error=str(exc))
        return
    if "rss" in kind or "atom" in kind or looks_like_feed(body):
        for item in read_feed(body, url):
            yield complete_entry(item, fetcher)
        return
    yield InputDocument(id=url, html=body.decode("utf-8", errors="replace"), url=url)


def fetch_allowed(url: str, fetcher: Fetcher) -> tuple[bytes, str]:
    if not fetcher.allowed(url):
        raise FetchFailed(errors.describe(errors.ROBOTS, "robots.txt disallows fetching it"))
    try:
        return fetcher.get(url)
    except FetchFailed as exc:
        raise FetchFailed(errors.describe(errors.FETCH, str(exc))) from exc


def complete_entry(item: ReadItem, fetcher: Fetcher) -> ReadItem:
    """A feed entry with little text is replaced by its page, when that can be fetched."""
    if not isinstance(item, InputDocument) or not item.url or not fetcher.options.follow_entries:
        return item
    if len(item.html or "") >= SHORT_ENTRY:
        return item
    try:
        body, _ = fetch_allowed(item.url, fetcher)
    except FetchFailed as exc:
        item.warnings.append(
            errors.describe(errors.W_FEED_SUMMARY, f"kept the summary: {exc}"[:200])
        )
        return item
    item.html = body.decode("utf-8", errors="replace")
    return item


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))
