"""`eventwire schema`: the JSON Schema of the document result."""

from __future__ import annotations

import argparse
import json

from eventwire.cli.help import add_command
from eventwire.schema import document_schema


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "schema",
        "print the JSON Schema of a result line",
        ("eventwire schema > document-result.schema.json",),
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print(json.dumps(document_schema(), indent=2, ensure_ascii=False))
    return 0
