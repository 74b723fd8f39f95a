"""`eventwire schema`: the JSON Schema of the document result."""

from __future__ import annotations

import argparse
import json

from eventwire.schema import document_schema


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the document result")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print(json.dumps(document_schema(), indent=2, ensure_ascii=False))
    return 0
