"""Progress bars of the commands that code documents: a total and an ETA where it is known."""

from __future__ import annotations

import sys
from pathlib import Path

from tqdm import tqdm

from eventwire.readers import FEED_SUFFIXES, JSONL_SUFFIXES, news_files


def on_terminal() -> bool:
    """Whether progress is shown: only when stderr is a terminal."""
    return sys.stderr.isatty()


def bar(desc: str, total: int | None, enabled: bool) -> tqdm:
    """A bar of documents on stderr; with a total it shows the share done and the ETA."""
    return tqdm(desc=desc, total=total, unit="doc", disable=not enabled, file=sys.stderr)


def count_documents(inputs: list[str]) -> int | None:
    """How many documents the inputs hold, or None when that cannot be known before reading
    them (standard input, URLs, feeds)."""
    total = 0
    for name in inputs:
        if name == "-" or name.startswith(("http://", "https://")):
            return None
        path = Path(name)
        files = news_files(path)[0] if path.is_dir() else [path]
        for file in files:
            found = documents_in(file)
            if found is None:
                return None
            total += found
    return total


def documents_in(path: Path) -> int | None:
    """Documents in one file: a JSON Lines file's lines that are not blank, one for any other
    file, None for a feed."""
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        return None
    if suffix not in JSONL_SUFFIXES:
        return 1
    try:
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return 1  # read as one error line
