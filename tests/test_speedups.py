"""The shortcuts that keep coding fast give what the plain ways give: token texts read once,
sentences listed once, the YAML files read with the C parser and kept parsed, word
alternations written as tries."""

from __future__ import annotations

import pickle
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml
from spacy.language import Language

from eventwire.analysis import Analysis
from eventwire.geo.words import Words
from eventwire.nlp import sentence_of
from eventwire.options import Options
from eventwire.timex.rules import _alternation
from eventwire.yamlfiles import load_yaml

TEXT = (
    "The Colombian city of Cartagena, near Barranquilla, hosted talks on Friday.\n\n"
    "  Officials from the U.S. and Venezuela’s government met there – again.  "
)


def test_words_give_what_spans_give(nlp: Language) -> None:
    doc = nlp(TEXT)
    words = Words.of(doc, TEXT)
    assert words.forms == [t.text for t in doc]
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 6) + 1):
            assert words.between(start, end) == doc[start:end].text
    assert words.sentence_start == [bool(t.is_sent_start) for t in doc]


def test_the_sentence_of_a_token_is_the_one_the_parse_gives(nlp: Language) -> None:
    doc = nlp(TEXT + " Then they left. Nobody spoke!")
    assert [sentence_of(t) for t in doc] == [t.sent for t in doc]
    shorter = nlp("One sentence here.")
    assert sentence_of(shorter[0]) == shorter[:]  # each parse lists its own


def test_the_analysis_takes_the_parsed_text_only_when_it_fits(nlp: Language) -> None:
    doc = nlp(TEXT)
    given = Analysis(doc=doc, published=None, options=Options(), source_text=TEXT)
    assert given.text == doc.text
    other = Analysis(doc=doc, published=None, options=Options(), source_text=TEXT + "x")
    assert other.text == doc.text


def yaml_files() -> list[str]:
    root = resources.files("eventwire.data")
    return sorted(
        f"{folder.name}/{file.name}"
        for folder in root.iterdir()
        if folder.is_dir()
        for file in folder.iterdir()
        if file.name.endswith(".yaml")
    )


@pytest.mark.parametrize("name", yaml_files())
def test_yaml_files_read_the_same_with_the_c_parser(name: str) -> None:
    text = resources.files("eventwire.data").joinpath(name).read_text(encoding="utf-8")
    assert load_yaml(text) == yaml.safe_load(text)


def test_parsed_yaml_is_kept_and_read_back(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    text = "words: [on, off]\ncount: 3\n"
    assert load_yaml(text, words=True) == {"words": ["on", "off"], "count": 3}
    (entry,) = (tmp_path / "yaml").iterdir()
    entry.write_bytes(pickle.dumps({"kept": True}))
    assert load_yaml(text, words=True) == {"kept": True}  # the kept value is what is read
    assert load_yaml(text) == {"words": [True, False], "count": 3}  # another loader, another key
    entry.write_bytes(b"damaged")
    assert load_yaml(text, words=True) == {"words": ["on", "off"], "count": 3}
    assert pickle.loads(entry.read_bytes()) == {"words": ["on", "off"], "count": 3}


def test_an_empty_cache_setting_keeps_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert load_yaml("a: 1\n") == {"a": 1}
    assert not any(tmp_path.iterdir())


def test_an_unwritable_cache_folder_only_keeps_nothing(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(blocker))
    assert load_yaml("a: 2\n") == {"a": 2}


WORDS = ["last", "last year", "Last", "next", "ten", "twenty", "twenty one", "two", "tw", "a-b"]
TEXTS = ["last year", "LAST  year", "twenty one", "Twenty", "two", "tw", "a-b", "lastly", "ten"]


def plain(words: list[str], case_sensitive: bool) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


@pytest.mark.parametrize("case_sensitive", [False, True])
@pytest.mark.parametrize("tail", ["", r"\b", r"\s+\w+", r"(?!\s)"])
def test_a_trie_matches_what_trying_the_words_longest_first_matches(
    case_sensitive: bool, tail: str
) -> None:
    trie = re.compile(_alternation(WORDS, case_sensitive) + tail, re.IGNORECASE)
    words = re.compile(plain(WORDS, case_sensitive) + tail, re.IGNORECASE)
    for text in TEXTS:
        for target in (text, f"{text} more", f"x {text}."):
            assert [m.span() for m in trie.finditer(target)] == [
                m.span() for m in words.finditer(target)
            ]
