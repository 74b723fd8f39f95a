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
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests for this host name (repeatable); others are refused",
    )
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
    from eventwire.web.budget import STOPPING
    from eventwire.web.hosts import served_hosts

    class Server(uvicorn.Server):
        """Uvicorn's server; a stop signal also stops the queries still running."""

        def handle_exit(self, sig: int, frame: object) -> None:
            STOPPING.set()
            super().handle_exit(sig, frame)  # type: ignore[arg-type]

    token = args.token or os.environ.get("EVENTWIRE_TOKEN") or None
    hosts = served_hosts(args.host, args.allowed_host)
    app = create_app(args.db, allow_writes=args.allow_writes, token=token, hosts=hosts)
    mode = "read-write with a token" if args.allow_writes else "read-only"
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"eventwire: serving {args.db} ({mode}) on http://{host}:{args.port}/", flush=True)
    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="warning",
                            timeout_graceful_shutdown=1)  # fmt: skip
    Server(config).run()
    return 0
