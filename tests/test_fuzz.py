"""Bounded fuzzing: whatever comes in, every document gets exactly one result line, no crash."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from eventwire import runner
from eventwire.analysis import Analysis
from eventwire.documents import extract_html
from eventwire.feeds import read_feed
from eventwire.model import DocumentError, DocumentResult, to_json_line
from eventwire.nlp import load_model
from eventwire.options import Options
from eventwire.readers import InputDocument, decode_text, parse_document_line
from eventwire.registry import STAGES, get_stage
from eventwire.runner import code_batch, finished_batch, result_line
from eventwire.store import open_store
from eventwire.web import create_app

with warnings.catch_warnings():  # this Starlette prefers httpx2 but works with httpx
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

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


SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)
STRING_FIELDS = ["id", "text", "html", "published", "title", "url", "outlet"]
SENTENCE = "The foreign minister said on Monday that Peru protested against the decision."


def record_with(field: str, value: str) -> dict[str, str]:
    """A good document whose ``field`` holds ``value`` (for html: the page around it)."""
    record = {"id": "b", "text": SENTENCE, "published": "2025-12-01"}
    if field == "html":
        del record["text"]
        record["html"] = f"<html><body><article><p>{value} {SENTENCE}</p></article></body></html>"
    elif field == "text":
        record["text"] = f"{value} {SENTENCE}"
    else:
        record[field] = value
    return record


def assert_writable(result: DocumentResult | DocumentError) -> None:
    """The result line and the store's strings encode as UTF-8."""
    to_json_line(result).encode("utf-8")
    if isinstance(result, DocumentResult):
        for value in (result.id, result.text, result.title, result.url, result.outlet):
            (value or "").encode("utf-8")


@FAST
@given(
    st.sampled_from(STRING_FIELDS),
    st.lists(st.one_of(SURROGATES, st.sampled_from("ab \n")), min_size=1, max_size=12).map("".join),
)
def test_lone_surrogates_in_every_string_field(field: str, value: str) -> None:
    line = json.dumps(record_with(field, value)).encode()  # \udXXX escapes: valid JSON
    (result,) = code_batch([parse_document_line(line, "in.jsonl:1")], Options())
    assert_writable(result)
    parsed = json.loads(line)[field]  # a valid pair of escapes is one character, not lone
    if isinstance(result, DocumentResult) and any("\ud800" <= c <= "\udfff" for c in parsed):
        assert any(w.startswith("W206") for w in result.warnings), result.warnings


@pytest.mark.parametrize("field", STRING_FIELDS)
def test_a_lone_surrogate_costs_nothing_but_a_warning(field: str) -> None:
    good = InputDocument(id="a", text=SENTENCE, published="2025-12-01")
    bad = parse_document_line(json.dumps(record_with(field, "x\ud800")).encode(), "in:2")
    results = code_batch([good, bad, good], Options())
    assert [isinstance(r, DocumentResult) for r in results] == [True, True, True]
    warned = [w for w in results[1].warnings if w.startswith("W206")]
    assert warned and field in warned[0], results[1].warnings
    for result in results:
        assert_writable(result)
    if field == "text":  # the text is carried, with offsets unchanged
        assert results[1].text == "x\ufffd " + SENTENCE


def poison_stage(monkeypatch: pytest.MonkeyPatch, name: str = "events") -> None:
    """Make the ``name`` stage raise on any text that contains POISON."""
    fills, function = get_stage(name)

    def poisoned(analysis: Analysis) -> object:
        if "POISON" in analysis.text:
            raise RuntimeError("stage bug")
        return function(analysis)

    monkeypatch.setitem(STAGES, name, (fills, poisoned))


def test_a_document_failing_in_a_stage_gets_an_error_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    poison_stage(monkeypatch)
    docs = [InputDocument(id=i, text=f"{t} {SENTENCE}") for i, t in [("a", ""), ("p", "POISON")]]
    good, bad = code_batch(docs, Options())
    assert isinstance(good, DocumentResult)
    assert isinstance(bad, DocumentError) and bad.id == "p"
    assert bad.error.startswith("E199 internal error: ") and "stage bug" in bad.error
    assert any("E199" in r.message and "'p'" in r.message for r in caplog.records)


def test_a_document_the_parser_fails_on_costs_only_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    real = load_model(Options().model)

    class Parser:
        """The real model, failing on any text that contains POISON."""

        def pipe(self, texts: list[str], batch_size: int) -> Iterator[Doc]:
            texts = list(texts)
            if any("POISON" in t for t in texts):
                raise UnicodeEncodeError("utf-8", "POISON", 0, 1, "surrogates not allowed")
            return real.pipe(texts, batch_size=batch_size)

        def __call__(self, text: str) -> Doc:
            return next(iter(self.pipe([text], 1)))

    monkeypatch.setattr(runner, "load_model", lambda model: Parser())
    texts = [SENTENCE, f"POISON {SENTENCE}", SENTENCE.replace("Peru", "Chile")]
    results = code_batch([InputDocument(id=str(n), text=t) for n, t in enumerate(texts)], Options())
    assert [type(r) for r in results] == [DocumentResult, DocumentError, DocumentResult]
    assert results[1].error.startswith("E199 internal error: parsing failed")
    alone = code_batch([InputDocument(id="2", text=texts[2])], Options())
    assert results[2] == alone[0]  # coded as if the failing text were not in the batch


def test_an_unwritable_result_becomes_an_error_line() -> None:
    def fussy(result: DocumentResult | DocumentError) -> tuple[bool, str]:
        if result.id == "b" and isinstance(result, DocumentResult):
            raise ValueError("cannot write this one")
        return result_line(result)

    docs = [InputDocument(id=i, text=SENTENCE) for i in "abc"]
    lines = finished_batch(docs, Options(), fussy)
    assert [ok for ok, _ in lines] == [True, False, True]
    assert json.loads(lines[1][1])["error"].startswith("E199 internal error: writing the result")


def test_posting_a_lone_surrogate_is_coded_and_stored(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite"
    open_store(db).close()
    client = TestClient(create_app(db, allow_writes=True, token="t0ken"))
    body = json.dumps({"id": "s\ud800", "text": f"\ud800 {SENTENCE}", "title": "\udfff"})
    answer = client.post(
        "/api/documents", content=body.encode(), headers={"Authorization": "Bearer t0ken"}
    )
    assert answer.status_code == 201, answer.text
    result = answer.json()["result"]
    assert result["id"] == "s\ufffd" and any(w.startswith("W206") for w in result["warnings"])
    stored = client.get(f"/api/documents/{answer.json()['key']}").json()
    assert stored["text"].startswith("\ufffd ")


def test_json_nested_thousands_deep_is_a_bad_line_not_the_end_of_the_run(tmp_path: Path) -> None:
    deep = b"[" * 100_000
    item = parse_document_line(deep, "in.jsonl:1")
    assert isinstance(item, DocumentError) and item.error == "E105 not JSON: nested too deeply"
    title = b'{"id": "t", "text": "x", "title": ' + deep + b"]" * 100_000 + b"}"
    assert isinstance(parse_document_line(title, "in.jsonl:2"), DocumentError)
    db = tmp_path / "w.sqlite"
    open_store(db).close()
    client = TestClient(create_app(db, allow_writes=True, token="t0ken"))
    answer = client.post("/api/documents", content=deep, headers={"Authorization": "Bearer t0ken"})
    assert answer.status_code == 400 and "nested too deeply" in answer.json()["error"]


def test_windows_1252_controls_are_read_as_what_they_stand_for() -> None:
    text = "A bomb went off outside Benghazi\x92s main hospital, witnesses said \x93at dawn\x94."
    (result,) = code_batch([InputDocument(id="a", text=text, published="2025-12-01")], Options())
    assert isinstance(result, DocumentResult)
    assert result.text == text.replace("\x92", "\u2019").replace("\x93", "\u201c").replace(
        "\x94", "\u201d"
    )
    assert len(result.text) == len(text)  # offsets unchanged
    assert any(w.startswith("W209") for w in result.warnings), result.warnings
    assert any(p.name == "Benghazi" for p in result.places)
