"""Bounded fuzzing: whatever comes in, every document gets exactly one result line, no crash."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.documents import extract_html
from eventwire.feeds import read_feed
from eventwire.model import DocumentError, DocumentResult
from eventwire.options import Options
from eventwire.readers import InputDocument, decode_text, parse_document_line
from eventwire.runner import code_batch

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = [
    *"abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ.,;:'\"“”‘’-–—()?!0123456789\n\t",
    "the ",
    "said ",
    "President ",
    "Maduro ",
    "Trump ",
    "U.S. ",
    "on Monday ",
    "accused ",
    "met ",
    "Venezuela ",
    "he ",
    "according to ",
    "last year ",
    "in Caracas ",
]
NEWSY = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes_as_a_file(data: bytes) -> None:
    item = decode_text(data, "x.txt")
    (result,) = code_batch([item], Options())
    assert isinstance(result, DocumentResult | DocumentError)
    assert result.id == "x.txt"


@FAST
@given(st.binary(max_size=500))
def test_random_bytes_as_a_json_line(data: bytes) -> None:
    item = parse_document_line(data, "in.jsonl:1")
    assert isinstance(item, InputDocument | DocumentError)


@FAST
@given(
    st.dictionaries(
        st.sampled_from(["id", "text", "html", "published", "title"]),
        st.one_of(
            st.none(), st.integers(), st.text(max_size=50), st.lists(st.integers(), max_size=3)
        ),
    )
)
def test_odd_json_objects(record: dict) -> None:
    item = parse_document_line(json.dumps(record).encode(), "in.jsonl:7")
    (result,) = code_batch([item], Options())
    assert isinstance(result, DocumentResult | DocumentError)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSY)
def test_newsy_text_through_every_stage(text: str) -> None:
    (result,) = code_batch([InputDocument(id="n", text=text, published="2025-12-01")], Options())
    if isinstance(result, DocumentError):
        assert not result.error.startswith("E199"), result.error  # no stage may crash
        return
    for event in result.events:
        assert 0 <= event.span[0] <= event.span[1] <= len(text)
    for timex in result.timexes:
        assert text[timex.span[0] : timex.span[1]] == timex.text


@FAST
@given(st.text(max_size=600))
def test_html_extraction_never_raises(html: str) -> None:
    text = extract_html(html)
    assert text is None or text.strip()


@FAST
@given(st.binary(max_size=1000))
def test_feed_reader_never_raises(data: bytes) -> None:
    for item in read_feed(data, "f.rss"):
        assert isinstance(item, InputDocument | DocumentError)


def test_deeply_nested_html() -> None:
    html = "<div>" * 5000 + "The minister met the ambassador in Lima on Monday." + "</div>" * 5000
    text = extract_html(html)
    assert text is None or "ambassador" in text


def test_empty_and_enormous_json_lines() -> None:
    assert isinstance(parse_document_line(b"{}", "a:1"), DocumentError)
    big = json.dumps({"id": "big", "text": "word " * 400_000}).encode()
    (result,) = code_batch([parse_document_line(big, "a:2")], Options(max_chars=1_000_000))
    assert isinstance(result, DocumentError) and result.error.startswith("E106")
