"""`eventwire serve [--db eventwire.sqlite]`: the web dashboard and HTTP API over a store.

With ``--workers N`` the store is served by N processes, each listening on the port with
``SO_REUSEPORT``, so that the kernel spreads the connections among them and the requests of a
busy server use more than one core; a stop signal to the first process stops them all.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import signal
import socket
import sys
from types import FrameType
from typing import TYPE_CHECKING

from eventwire import errors
from eventwire.cli.help import add_command
from eventwire.cli.ingest import DEFAULT_DB
from eventwire.cli.output import silence_stdout
from eventwire.errors import EventwireError

if TYPE_CHECKING:
    import uvicorn
    from starlette.applications import Starlette


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "serve",
        "serve a store as a web dashboard and an HTTP API",
        ("eventwire serve --db eventwire.sqlite --port 8000",),
    )
    p.add_argument("--db", default=DEFAULT_DB, help=f"the store (default {DEFAULT_DB})")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="serve with N processes (default 1); reading only",
    )
    p.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests for this host name (repeatable); others are refused "
        "(default: only the --host address and localhost names)",
    )
    p.add_argument(
        "--allow-writes",
        action="store_true",
        help="accept POST /api/documents, with a token (default: read-only)",
    )
    p.add_argument(
        "--token",
        default=None,
        help="bearer token for writes (default: the EVENTWIRE_TOKEN environment variable)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from eventwire.web import create_app
    from eventwire.web.hosts import served_hosts

    if args.workers < 1:
        raise EventwireError("E005", "--workers must be 1 or more")
    if args.workers > 1 and args.allow_writes:
        raise EventwireError("E005", "--allow-writes needs one process: leave out --workers")
    check_port(args.host, args.port)  # before anything says it is serving
    token = args.token or os.environ.get("EVENTWIRE_TOKEN") or None
    hosts = served_hosts(args.host, args.allowed_host)
    app = create_app(args.db, allow_writes=args.allow_writes, token=token, hosts=hosts)
    mode = "read-write with a token" if args.allow_writes else "read-only"
    host = f"[{args.host}]" if ":" in args.host else args.host
    workers = f", {args.workers} processes" if args.workers > 1 else ""
    try:
        print(f"eventwire: serving {args.db} ({mode}{workers}) on http://{host}:{args.port}/",
              flush=True)  # fmt: skip
    except OSError:  # a full standard output loses the line, not the serving
        silence_stdout()
    if args.workers == 1:
        server(app, args).run()
        return 0
    return serve_in_processes(app, args)


def server(app: Starlette, args: argparse.Namespace) -> uvicorn.Server:
    """Uvicorn's server for ``app``; a stop signal also stops the queries still running."""
    import uvicorn

    from eventwire.web.budget import STOPPING

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            STOPPING.set()
            super().handle_exit(sig, frame)

    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="warning",
                            timeout_graceful_shutdown=1)  # fmt: skip
    return Server(config)


def serve_in_processes(app: Starlette, args: argparse.Namespace) -> int:
    """Serve ``app`` from ``args.workers`` forked processes until they have all stopped: a stop
    signal is passed on to them, and a worker that ends unasked stops the others."""
    children: list[int] = []
    stopping: list[int] = []  # the signal passed on, once one came

    def stop(sig: int, frame: FrameType | None = None) -> None:
        stopping.append(sig)
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)

    signal.signal(signal.SIGTERM, stop)  # before the workers start (theirs are uvicorn's)
    signal.signal(signal.SIGINT, stop)
    for _ in range(args.workers):
        pid = os.fork()
        if pid == 0:  # a worker: serve, then leave without running the parent's exit code
            os._exit(work(app, args))
        children.append(pid)
    failed = False
    for _ in children:
        os.wait()
        if not stopping:  # a worker ended by itself: it failed, and the others are stopped
            failed = True
            stop(signal.SIGTERM)
    return 1 if failed else 0


def work(app: Starlette, args: argparse.Namespace) -> int:
    """One worker process: its exit status."""
    try:
        sock = listening(args.host, args.port)
    except OSError as exc:
        print(f"eventwire: cannot listen on {args.host}:{args.port}: {exc.strerror}",
              file=sys.stderr)  # fmt: skip
        return 2
    try:
        server(app, args).run(sockets=[sock])
    except BaseException:
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return 0


def check_port(host: str, port: int) -> None:
    """Refuse, with the reason, a port that cannot be listened on (one in use, say)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            hint = "; is another server running there? Choose another with --port"
            in_use = exc.errno == errno.EADDRINUSE
            raise EventwireError(
                errors.BAD_OPTION,
                f"cannot listen on {host}:{port}: {exc.strerror or exc}{hint if in_use else ''}",
            ) from exc


def listening(host: str, port: int) -> socket.socket:
    """A socket bound to the port beside the other workers' (``SO_REUSEPORT``)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock
