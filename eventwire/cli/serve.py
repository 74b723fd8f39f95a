"""`eventwire serve [--db eventwire.sqlite]`: the web dashboard and HTTP API over a store."""

from __future__ import annotations

import argparse
import os

from eventwire.cli.ingest import DEFAULT_DB


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the store as a web dashboard and an HTTP API")
    p.add_argument("--db", default=DEFAULT_DB, help=f"the store (default {DEFAULT_DB})")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--allow-writes",
        action="store_true",
        help="accept POST /api/documents (needs a token)",
    )
    p.add_argument(
        "--token",
        default=None,
        help="bearer token for writes (default: the EVENTWIRE_TOKEN environment variable)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from eventwire.web import create_app

    token = args.token or os.environ.get("EVENTWIRE_TOKEN") or None
    app = create_app(args.db, allow_writes=args.allow_writes, token=token)
    mode = "read-write with a token" if args.allow_writes else "read-only"
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"eventwire: serving {args.db} ({mode}) on http://{host}:{args.port}/", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
