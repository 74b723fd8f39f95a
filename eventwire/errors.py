"""Errors and warnings with stable codes, so that users can search for them."""

from __future__ import annotations


class EventwireError(Exception):
    """An error eventwire reports to the user with a stable code and a one-line reason."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message


# Run-level problems: the run stops with exit status 2 and a one-line reason on stderr.
OUTPUT_EXISTS = "E002"  # the output exists and --force was not given
BAD_OPTION = "E005"  # an option's value cannot be read (a date, a choice, a count)
OUTPUT = "E003"  # the output cannot be written (missing directory, a directory, a full disk)
NO_INPUT = "E100"  # an input cannot be read (missing, unreadable, standard input closed)
BAD_DICTIONARY = "E120"  # a user actor dictionary (--dictionary) that cannot be read


class BadValue(EventwireError, ValueError):
    """A value given by the caller that cannot be read (a date, a choice): E005, and a
    :class:`ValueError` for Python callers."""

    def __init__(self, message: str) -> None:
        super().__init__(BAD_OPTION, message)


# Document-level problems: each becomes the `error` of a document's result line.
EMPTY = "E101"  # the document has no text
BINARY = "E102"  # the bytes are not text
ENCODING = "E103"  # invalid UTF-8
NO_TEXT_FIELD = "E104"  # a JSON line without `text` (or `html`)
BAD_JSON = "E105"  # a line that is not a JSON object
TOO_LONG = "E106"  # longer than the configured limit
NOT_ENGLISH = "E107"  # the text does not look like English
NO_MAIN_TEXT = "E108"  # HTML from which no main text could be extracted
BAD_DATE = "E109"  # an unreadable publication date
NO_ENTRIES = "E110"  # a feed without entries
ROBOTS = "E111"  # robots.txt disallows fetching the URL
FETCH = "E112"  # the URL could not be fetched (network error, status, size limit)
INTERNAL = "E199"  # a bug: the document failed inside a stage

# Warnings: the text is still usable.
W_CONTROL_CHARS = "W201"  # control characters were present
W_REPLACED = "W202"  # undecodable bytes were replaced
W_NO_PUBLISHED = "W203"  # no publication date: relative dates stay unresolved
W_MOSTLY_ENGLISH = "W204"  # a good share of the text is not English
W_FEED_SUMMARY = "W205"  # a feed entry's page could not be fetched; its summary is used
W_SURROGATES = "W206"  # lone surrogates (invalid code points) were replaced by U+FFFD
W_UNREADABLE_DIR = "W207"  # a directory among the inputs could not be read; its files are skipped
W_NOT_NEWS = "W208"  # files of a directory that are not news files (Markdown, data) are skipped
W_WINDOWS_1252 = "W209"  # C1 controls read as the Windows-1252 characters they stand for


def describe(code: str, message: str) -> str:
    """The one-line form used in result lines and on stderr."""
    return f"{code} {message}"
