"""The traps of a new user's first hour: folders of mixed files, bad option values, the wrong
file given to `timeline`, failures without their reason, a busy port, overwritten exports,
counts that disagree, plurals, help texts, progress bars and HTML pages' own metadata."""

from __future__ import annotations

import argparse
import io
import json
import shutil
import socket
from datetime import date
from pathlib import Path

import pytest

import eventwire
from eventwire.cli import build_parser, main
from eventwire.cli import progress as cli_progress
from eventwire.cli.progress import bar, count_documents
from eventwire.model import DocumentResult

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ENGLISH = (
    "The foreign minister said on Monday that the government would send a delegation to the "
    "talks in Geneva, and the opposition welcomed the decision."
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus ingested once for the tests that read a store."""
    db = tmp_path_factory.mktemp("store") / "s.sqlite"
    assert main(["ingest", str(EXAMPLES / "corpus.jsonl"), "--db", str(db)]) == 0
    return db


def test_a_folder_is_read_by_news_types_and_the_summary_names_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    db = tmp_path / "s.sqlite"
    assert main(["ingest", str(folder), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "W208 skipped 2 files" in err and "README.md" in err and "notes.csv" in err
    assert "read 16, stored 16" in err  # the corpus only: the README is not an article


def test_analyze_many_takes_strings_dicts_and_input_documents() -> None:
    documents = [
        ENGLISH,
        {"id": "d", "text": ENGLISH, "published": "2025-12-01"},
        eventwire.InputDocument(id="i", text=ENGLISH),
    ]
    results = list(eventwire.analyze_many(documents))
    assert [r.id for r in results] == ["doc-1", "d", "i"]
    assert all(isinstance(r, DocumentResult) for r in results)


@pytest.mark.parametrize("published", ["bad", "12/03/2026", "2026-13-45", "2025-12-01T10:00"])
def test_analyze_refuses_a_bad_publication_date_as_the_command_line_does(published: str) -> None:
    with pytest.raises(ValueError, match="published must be") as info:
        eventwire.analyze(ENGLISH, published=published)
    assert isinstance(info.value, eventwire.BadValue) and info.value.code == "E005"


def test_analyze_takes_a_date_or_its_iso_string() -> None:
    assert eventwire.analyze(ENGLISH, published=date(2025, 12, 1)).published == "2025-12-01"
    assert eventwire.analyze(ENGLISH, published="2025-12-01").published == "2025-12-01"


@pytest.mark.parametrize(
    "args, reason",
    [
        (["code", "IN", "-o", "OUT", "--published", "12/03/2026"], "--published must be"),
        (["code", "IN", "-o", "OUT", "--published", "2026-13-45"], "a date of the calendar"),
        (["ingest", "IN", "--db", "DB", "--published", "2026/01/01"], "--published must be"),
        (["export", "events", "--db", "DB", "--since", "2026/01/01"], "--since must be"),
        (["export", "events", "--db", "DB", "--until", "2026-02-30"], "--until must be"),
        (["export", "events", "--db", "DB", "--certainty", "assertd"], "--certainty must be"),
        (["export", "events", "--db", "DB", "--min-sources", "two"], "--min-sources must be"),
    ],
)
def test_bad_values_are_refused_with_a_one_line_reason(
    args: list[str], reason: str, tmp_path: Path, store: Path, capsys: pytest.CaptureFixture
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": ENGLISH}) + "\n", encoding="utf-8")
    given = {"IN": str(src), "OUT": str(tmp_path / "out.jsonl"), "DB": str(store)}
    assert main([given.get(a, a) for a in args]) == 2
    err = capsys.readouterr().err.strip()
    assert reason in err and len(err.splitlines()) == 1
    assert not (tmp_path / "out.jsonl").exists()


def test_timeline_reads_a_store(store: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["timeline", str(store)]) == 0
    out, err = capsys.readouterr()
    assert "VENGOV" in out and "==" in out
    assert err.strip().endswith("events") and not err.strip().startswith("0 ")


def test_timeline_on_documents_says_to_code_them(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["timeline", str(EXAMPLES / "corpus.jsonl")]) == 2
    assert "holds documents, not results: code them first" in capsys.readouterr().err
    assert main(["timeline", str(EXAMPLES / "README.md")]) == 2
    assert "is not a result file" in capsys.readouterr().err


def test_failures_and_warnings_are_summarised_by_code_with_their_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = tmp_path / "s.sqlite"
    assert main(["ingest", "https://example.org/news", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "E100 in 1 document (https://example.org/news): a URL is only read with --fetch" in err
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": f"n{i}", "text": ENGLISH}) for i in range(5)]
    src.write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["code", str(src), "-o", str(out), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "W203 in 5 documents (n0, n1, n2, …): no publication date" in err
    assert "E105 in 1 document (in.jsonl:6)" in err
    assert err.index("E105") < err.index("W203")  # errors first


def test_serve_on_a_busy_port_says_so_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--db", str(tmp_path / "s.sqlite"), "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert "serving" not in out and "Address already in use" in err and "--port" in err


def test_export_needs_force_to_replace_a_file(
    tmp_path: Path, store: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "events.csv"
    out.write_text("keep me\n", encoding="utf-8")
    export = ["export", "events", "--format", "csv", "--db", str(store), "-o", str(out)]
    assert main(export) == 2
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert "E002" in capsys.readouterr().err
    assert main([*export, "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith('"id","incident_id","document_id"')
    parquet = tmp_path / "events.parquet"
    for force in ((), ("--force",)):  # Parquet is written beside, then moved into place
        args = ["export", "events", "--format", "parquet", "--db", str(store), "-o", str(parquet)]
        assert main([*args, *force]) == 0
    assert not parquet.with_name("events.parquet.part").exists()


def test_progress_and_summary_use_the_same_counts(
    store: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(cli_progress, "on_terminal", lambda: True)
    monkeypatch.setattr("eventwire.cli.ingest.on_terminal", lambda: True)
    assert main(["ingest", str(EXAMPLES / "corpus.jsonl"), "--db", str(store)]) == 0
    err = capsys.readouterr().err
    counts = "read 16, stored 0, failed 0, already stored 16"
    assert "16/16 [" in err  # the bar has the total
    assert err.count(counts) >= 2  # on the bar and in the summary


def test_a_progress_bar_with_a_total_shows_the_eta(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = io.StringIO()
    monkeypatch.setattr("sys.stderr", out)
    with bar("coding", 4, True) as progress:
        progress.update(2)
    shown = out.getvalue()
    assert "2/4" in shown and "<" in shown  # done of total, and elapsed<remaining
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "b.jsonl").write_text('{"id": 1, "text": "x"}\n\n{"id": 2}\n', encoding="utf-8")
    (folder / "README.md").write_text("# not news", encoding="utf-8")
    assert count_documents([str(folder)]) == 3
    assert count_documents(["-"]) is None


def test_status_and_report_count_the_same_ledger_items(
    store: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["status", "--db", str(store), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert main(["report", "--db", str(store)]) == 0
    report = capsys.readouterr().out
    assert f"NEGOTIATION LEDGER ({summary['ledger_items']} items)" in report
    assert summary["ledger_reports"] >= summary["ledger_items"]


def test_counts_take_the_number_of_their_noun(store: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["report", "--db", str(store), "--limit", "100"]) == 0
    out = capsys.readouterr().out
    assert "1 report," in out and "1 outlet," in out
    assert "1 reports" not in out and "1 outlets" not in out


def test_dictionary_counts_take_the_number_of_their_noun(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    src, out = tmp_path / "one.actors.txt", tmp_path / "one.yaml"
    src.write_text("JANE_DOE_ [USAGOV]\n", encoding="utf-8")
    assert main(["dict", "import", str(src), "-o", str(out)]) == 0
    assert "1 actor entry and 0 agent entries written" in capsys.readouterr().err
    assert main(["dict", "check", str(out)]) == 0
    assert f"{out}: 1 entry, 0 aliases" in capsys.readouterr().out


def subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    """Every subcommand's parser, nested ones (``dict import``) included."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append((name, sub))
                found.extend((f"{name} {n}", p) for n, p in subcommands(sub))
    return found


def test_every_subcommand_has_a_description_an_example_and_option_defaults() -> None:
    top = build_parser()
    assert "examples:" in top.format_help() and "eventwire ingest" in (top.epilog or "")
    commands = subcommands(top)
    assert len(commands) >= 12
    for name, parser in commands:
        text = parser.format_help()
        assert parser.description, name
        assert "example" in text and "eventwire " in (parser.epilog or ""), name
        for action in parser._actions:
            if not action.option_strings or action.help == argparse.SUPPRESS:
                continue
            if "--help" in action.option_strings or action.required:
                continue
            assert "default" in parser._get_formatter()._expand_help(action), (name, action.dest)


def test_html_pages_give_their_own_date_title_outlet_and_url(tmp_path: Path) -> None:
    body = f"<body><article><p>{ENGLISH}</p></article></body>"
    (tmp_path / "meta.html").write_text(
        "<html><head><title>Site | page</title>"
        '<meta property="article:published_time" content="2025-11-20T08:00:00Z">'
        '<meta property="og:title" content="Talks resume in Geneva">'
        '<meta property="og:site_name" content="Caribbean Wire">'
        '<meta property="og:url" content="https://wire.example/talks"></head>'
        f"{body}</html>",
        encoding="utf-8",
    )
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Navy moves",
          "datePublished": "2025-10-02T10:00:00+00:00",
          "publisher": {"@type": "Organization", "name": "Gulf Times"}}  # fmt: skip
    (tmp_path / "ld.html").write_text(
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f"{body}</html>",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    args = [str(tmp_path / "meta.html"), str(tmp_path / "ld.html"), "-o", str(out)]
    assert main(["code", *args, "--no-progress", "--published", "2024-01-01"]) == 0
    meta, ld_result = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert meta["published"] == "2025-11-20"  # the page's date wins over --published
    assert meta["title"] == "Talks resume in Geneva" and meta["outlet"] == "Caribbean Wire"
    assert meta["url"] == "https://wire.example/talks"
    assert not any(w.startswith("W203") for w in meta["warnings"])
    assert (ld_result["published"], ld_result["title"]) == ("2025-10-02", "Navy moves")
    assert ld_result["outlet"] == "Gulf Times"


def test_the_json_line_wins_over_the_page(tmp_path: Path) -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2025-11-20">'
        '<meta property="og:title" content="Page title"></head>'
        f"<body><article><p>{ENGLISH}</p></article></body></html>"
    )
    line = {"id": "x", "html": html, "published": "2025-12-01", "title": "Line title"}
    (result,) = eventwire.analyze_many([line])
    assert (result.published, result.title) == ("2025-12-01", "Line title")


def test_json_lines_results_carry_their_text_unless_asked_not_to(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": ENGLISH}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    for extra, text in (((), ENGLISH), (("--no-text",), None)):
        assert main(["code", str(src), "-o", str(out), "--force", "--no-progress", *extra]) == 0
        assert json.loads(out.read_text(encoding="utf-8"))["text"] == text
