"""A bounded HTTP load generator for `eventwire serve` (loopback only).

    .venv/bin/python benchmarks/load.py --db STORE [--clients 50] [--seconds 30]

Starts the server on 127.0.0.1 on a free port, runs CLIENTS concurrent clients for SECONDS
against a mix of API endpoints (fixed and varying URLs, so that caching does not hide the
work), stops the server, and prints requests, errors and latency percentiles. Every loop is
bounded by the deadline and the request count.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

# A mix of fixed and varying requests ({n} counts up), so that not every answer is cached.
PATHS = [
    "/api/overview",
    "/api/incidents?limit=20&offset={n}",
    "/api/events?limit=50&country=VEN&offset={n}",
    "/api/series?dyad=USA:VEN",
    "/api/ledger?offset={n}",
    "/api/actors?limit=20",
    "/api/search?q={word}",
    "/api/documents?limit=10&offset={n}",
]
WORDS = ["airspace", "Maduro", "Cartagena", "call", "amnesty", "talks", "navy", "oil", "OPEC"]
MAX_REQUESTS = 2_000_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def client(
    base: str, deadline: float, latencies: list[float], errors: list[str], n: int
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:
        i = n
        while time.monotonic() < deadline and len(latencies) < MAX_REQUESTS:
            path = PATHS[i % len(PATHS)].format(n=i % 997, word=WORDS[i % len(WORDS)])
            i += 1
            start = time.perf_counter()
            try:
                response = await http.get(path)
                if response.status_code != 200:
                    errors.append(f"{path}: HTTP {response.status_code}")
            except httpx.HTTPError as exc:
                errors.append(f"{path}: {type(exc).__name__}")
            latencies.append(time.perf_counter() - start)


async def run_load(base: str, clients: int, seconds: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(client(base, deadline, latencies, errors, n) for n in range(clients)))
    return latencies, errors


def wait_until_up(base: str, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/overview", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def measure(db: Path, clients: int, seconds: float) -> dict[str, float]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("eventwire")),
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(base)
        latencies, errors = asyncio.run(run_load(base, clients, seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "errors": len(errors),
        "rps": len(ordered) / seconds,
        "p50_ms": 1000 * statistics.median(ordered),
        "p99_ms": 1000 * ordered[int(0.99 * (len(ordered) - 1))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    print(measure(args.db, args.clients, args.seconds))


if __name__ == "__main__":
    main()
