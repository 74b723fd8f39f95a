"""Every snippet of the README runs: its Python blocks, and its `eventwire` commands in a copy
of the checkout's examples (`serve`, which would not return, is only parsed)."""

from __future__ import annotations

import ast
import re
import shlex
import shutil
import struct
from pathlib import Path

import pytest

from eventwire.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
COMMAND = re.compile(r"^    \.venv/bin/eventwire (.+)$", re.M)


def commands() -> list[list[str]]:
    """The README's `eventwire` command lines, in order, without comments; synopses (with
    ``...`` or ``[options]``) are left out."""
    found = []
    for line in COMMAND.findall(README):
        words = shlex.split(line, comments=True)
        if not any("..." in w or w.startswith("[") for w in words):
            found.append(words)
    return found


def test_the_readme_has_snippets() -> None:
    assert PYTHON_BLOCK.findall(README)
    assert {c[0] for c in commands()} >= {"code", "ingest", "status", "report", "export"}


@pytest.mark.parametrize("number", range(len(PYTHON_BLOCK.findall(README))))
def test_python_snippet_runs(number: int, capsys: pytest.CaptureFixture) -> None:
    code = PYTHON_BLOCK.findall(README)[number]
    exec(compile(code, f"README.md python block {number + 1}", "exec"), {})
    assert capsys.readouterr().out  # each block prints what it shows


def test_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for words in commands():
        if words[0] == "serve":
            assert build_parser().parse_args(words).run
            continue
        assert main(words) == 0, words
    assert (tmp_path / "results.jsonl").is_file() and (tmp_path / "incidents.tsv").is_file()


SCREENSHOT = re.compile(r"!\[([^\]]*)\]\(docs/screenshots/([a-z-]+)\.png\)")
VIEWS = {"overview", "actor", "map", "codebook", "types", "compare"}


def screenshots_made() -> dict[str, str]:
    """The screenshots `docs/screenshots/make.py` takes: each name and the page it shows."""
    tree = ast.parse((ROOT / "docs/screenshots/make.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "SHOTS":
            return dict(ast.literal_eval(node.value))
    raise AssertionError("make.py has no SHOTS")


def test_the_readme_shows_every_view_in_screenshots_that_make_py_takes() -> None:
    shown = {name for _, name in SCREENSHOT.findall(README)}
    assert shown >= VIEWS
    made = screenshots_made()
    for name in shown:
        png = ROOT / "docs/screenshots" / f"{name}.png"
        assert name in made, f"{name}.png is not taken by docs/screenshots/make.py"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
        width, height = struct.unpack(">II", png.read_bytes()[16:24])
        assert (width, height) == (1280, 1000), png  # make.py's viewport
