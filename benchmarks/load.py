"""A bounded HTTP load generator for `eventwire serve` (loopback only).

    .venv/bin/python benchmarks/load.py --db STORE [--clients 50] [--seconds 30]
                                        [--mix cached|uncached|both] [--synthetic N]
                                        [--workers N] [--single K]

Starts the server on 127.0.0.1 on a free port, runs CLIENTS concurrent clients for SECONDS
against a mix of API endpoints, stops the server, and prints requests, errors and latency
percentiles, overall and per route, with the CPU time the server and the clients used, and
the cores that other work on the machine kept busy meanwhile. `--workers N` serves with N
processes. The `cached` mix repeats some URLs, so the server's GET cache answers part of it; in
the `uncached` mix no URL is asked twice, so every request misses the cache and reaches the
store. With `--single K` one client asks each route of the mix K times, one request at a time,
and the medians per route are printed instead. With `--synthetic N` a store of N synthetic
documents (five events each, one ledger item in ten) is written at STORE first, unless it
exists. Every loop is bounded by the deadline and the request count.

The clients are lean: each holds one HTTP/1.1 keep-alive connection and writes and reads its
requests on asyncio streams, so that the load generator, which shares the machine with the
server, spends little CPU per request (its CPU time is printed with the results).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psutil

# A mix of fixed and varying requests ({n} counts up), so that not every answer is cached.
CACHED = [
    "/api/overview",
    "/api/incidents?limit=20&offset={n}",
    "/api/events?limit=50&country=VEN&offset={n}",
    "/api/series?dyad=USA:VEN",
    "/api/ledger?offset={n}",
    "/api/actors?limit=20",
    "/api/search?q={word}",
    "/api/documents?limit=10&offset={n}",
]
# Every URL distinct ({n} never repeats): each request misses the cache.
UNCACHED = [
    "/api/overview?n={n}",
    "/api/timeline?dyad={dyad}&limit=50&offset={small}",
    "/api/incidents?limit=20&offset={n}",
    "/api/events?limit=50&country={country}&offset={n}",
    "/api/series?dyad={dyad}&n={n}",
    "/api/ledger?offset={small}&n={n}",
    "/api/actors?limit=20&n={n}",
    "/api/search?q={word}&offset={small}&n={n}",
    "/api/documents?limit=10&offset={n}",
]
MIXES = {"cached": CACHED, "uncached": UNCACHED}
WORDS = ["airspace", "Maduro", "Cartagena", "call", "amnesty", "talks", "navy", "oil", "OPEC"]
COUNTRIES = ["VEN", "USA", "COL", "BRA", "CUB"]
DYADS = ["USA:VEN", "VEN:USA", "COL:VEN", "USA:CUB", "BRA:COL", "VEN:COL"]
MAX_REQUESTS = 2_000_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def url(mix: str, i: int) -> str:
    """The i-th URL of a mix: in `cached`, {n} cycles; in `uncached`, no URL repeats."""
    paths = MIXES[mix]
    n = i % 997 if mix == "cached" else i
    return paths[i % len(paths)].format(
        n=n,
        small=(i // len(paths)) % 200,
        word=WORDS[i % len(WORDS)],
        country=COUNTRIES[i % len(COUNTRIES)],
        dyad=DYADS[(i // len(paths)) % len(DYADS)],
    )


class Connection:
    """One keep-alive HTTP/1.1 connection: GET requests, one at a time."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> int:
        """The status of a GET of ``path``; the body is read and dropped."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower().split("\r\n")
        headers = dict(line.split(": ", 1) for line in head[1:] if ": " in line)
        if "content-length" in headers:
            await reader.readexactly(int(headers["content-length"]))
        else:  # chunked
            while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
                await reader.readexactly(size + 2)
            await reader.readuntil(b"\r\n")
        if headers.get("connection") == "close":
            self.close()
        return int(head[0].split()[1])

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def client(
    port: int, mix: str, deadline: float, latencies: list[tuple[str, float]], errors: list[str],
    counter: list[int],
) -> None:  # fmt: skip
    http = Connection("127.0.0.1", port)
    while time.monotonic() < deadline and len(latencies) < MAX_REQUESTS:
        counter[0] += 1
        path = url(mix, counter[0])
        start = time.perf_counter()
        try:
            status = await asyncio.wait_for(http.get(path), timeout=30)
            if status != 200:
                errors.append(f"{path}: HTTP {status}")
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            errors.append(f"{path}: {type(exc).__name__}")
            http.close()
        latencies.append((path.split("?")[0], time.perf_counter() - start))
    http.close()


async def run_load(
    port: int, clients: int, seconds: float, mix: str = "cached"
) -> tuple[list[tuple[str, float]], list[str]]:
    latencies: list[tuple[str, float]] = []
    errors: list[str] = []
    counter = [0]
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        *(client(port, mix, deadline, latencies, errors, counter) for _ in range(clients))
    )
    return latencies, errors


async def run_single(port: int, mix: str, repeat: int) -> dict[str, list[float]]:
    """Each route of the mix ``repeat`` times, one request at a time (after one warm-up)."""
    http = Connection("127.0.0.1", port)
    paths = MIXES[mix]
    times: dict[str, list[float]] = {}
    for i in range(len(paths) * (repeat + 1)):
        path = url(mix, 10_000 + i)
        start = time.perf_counter()
        status = await http.get(path)
        if status != 200:
            raise RuntimeError(f"{path}: HTTP {status}")
        if i >= len(paths):
            times.setdefault(path.split("?")[0], []).append(time.perf_counter() - start)
    http.close()
    return times


def wait_until_up(base: str, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/overview", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


@contextmanager
def serving(db: Path, workers: int = 1) -> Iterator[tuple[int, psutil.Process]]:
    """`eventwire serve` on a free loopback port, stopped at the end: (port, its process)."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("eventwire")), "serve", "--db", str(db),
               "--port", str(port)]  # fmt: skip
    command += ["--workers", str(workers)] if workers > 1 else []
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}")
        yield port, psutil.Process(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)


def cpu_seconds(process: psutil.Process) -> float:
    """User and system CPU time of a process and its worker processes."""
    total = 0.0
    for p in (process, *process.children(recursive=True)):
        times = p.cpu_times()
        total += times.user + times.system
    return total


def busy_seconds() -> float:
    """CPU time the whole machine has spent busy, all processes together (all cores)."""
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def measure(db: Path, clients: int, seconds: float, mix: str = "cached",
            workers: int = 1) -> dict[str, object]:  # fmt: skip
    with serving(db, workers) as (port, server):
        server_cpu, client_cpu, busy = cpu_seconds(server), time.process_time(), busy_seconds()
        latencies, errors = asyncio.run(run_load(port, clients, seconds, mix))
        server_cpu, client_cpu = cpu_seconds(server) - server_cpu, time.process_time() - client_cpu
        others = busy_seconds() - busy - server_cpu - client_cpu
    routes: dict[str, list[float]] = {}
    for route, seconds_taken in latencies:
        routes.setdefault(route, []).append(seconds_taken)
    return {
        "mix": mix,
        "workers": workers,
        **percentiles([t for _, t in latencies]),
        "requests": len(latencies),
        "errors": len(errors),
        "first_errors": errors[:3],
        "rps": len(latencies) / seconds,
        "server_cpu_ms_per_request": round(1000 * server_cpu / max(len(latencies), 1), 2),
        "client_cpu_ms_per_request": round(1000 * client_cpu / max(len(latencies), 1), 2),
        "server_cores": round(server_cpu / seconds, 2),
        "client_cores": round(client_cpu / seconds, 2),
        "other_cores": round(max(others, 0.0) / seconds, 2),  # other work on the machine
        "routes": {r: percentiles(ts) for r, ts in sorted(routes.items())},
    }


def measure_single(db: Path, mix: str, repeat: int) -> dict[str, object]:
    """Medians per route, one request at a time: what each route costs without contention."""
    with serving(db) as (port, _):
        times = asyncio.run(run_single(port, mix, repeat))
    medians = {r: round(1000 * statistics.median(ts), 1) for r, ts in times.items()}
    return {"mix": mix, "repeat": repeat, "median_ms": dict(sorted(medians.items()))}


def percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "n": len(ordered),
        "p50_ms": round(1000 * statistics.median(ordered), 1),
        "p99_ms": round(1000 * ordered[int(0.99 * (len(ordered) - 1))], 1),
    }


def synthetic_store(db: Path, documents: int, seed: int = 7) -> None:
    """A store of synthetic documents written the way ingestion writes them.

    The synthetic corpus has few actors, so each dyad holds thousands of mentions, and the
    incident merge of `rebuild` grows with the square of a dyad's mentions; here incidents are
    grouped by SQL instead, one per dyad, code and day, which gives the tables the same shape.
    """
    from run import synthetic_result

    from eventwire.model import DocumentResult
    from eventwire.store import open_store
    from eventwire.store.derive import rebuild_aggregates, rebuild_ledger
    from eventwire.store.writer import Stored, begin, write_batch

    rng = random.Random(seed)
    conn = open_store(db)
    for start in range(0, documents, 2000):
        batch = []
        for i in range(start, min(start + 2000, documents)):
            data = synthetic_result(i, rng, 5)
            data["outlet"] = f"Outlet {i % 40}"
            if i % 10 == 0:
                data["ledger"] = [{"kind": "demand", "from": "USAGOV", "to": "VENGOV",
                                   "what": f"release of prisoners {i % 50}"}]  # fmt: skip
            words = " ".join(rng.sample(WORDS, 3))
            text = f"Officials spoke of {words} in report {i}. " + " ".join(
                e["text"] for e in data["events"]
            )
            batch.append(Stored(f"s{i}", "synthetic", text, DocumentResult.model_validate(data)))
        write_batch(conn, batch)
    begin(conn)
    for statement in GROUPED_INCIDENTS:
        conn.execute(statement)
    rebuild_ledger(conn)
    rebuild_aggregates(conn)
    conn.execute("COMMIT")
    conn.close()


GROUPED_INCIDENTS = (
    "DELETE FROM incident_events",
    "DELETE FROM incidents",
    "INSERT INTO incidents (incident_key, source_code, target_code, source_country, "
    "target_country, cameo, root, date, first_report, last_report, mentions, articles, outlets, "
    "confidence, goldstein, quad_class, certainty) "
    "SELECT min(e.event_key), e.source_code, e.target_code, substr(e.source_code, 1, 3), "
    "substr(e.target_code, 1, 3), e.cameo, e.root, e.date, min(d.published), max(d.published), "
    "count(*), count(DISTINCT e.doc_key), count(DISTINCT d.outlet), "
    "min(1.0, 0.3 + 0.1 * count(DISTINCT d.outlet)), avg(e.goldstein), min(e.quad_class), "
    "'asserted' FROM events e JOIN documents d USING (doc_key) WHERE NOT e.negated "
    "GROUP BY e.source_code, e.target_code, e.cameo, e.date",
    "CREATE TEMP TABLE grouping AS SELECT incident_key, source_code, target_code, cameo, date "
    "FROM incidents",
    "CREATE INDEX temp.grouping_key ON grouping (source_code, target_code, cameo, date)",
    "INSERT INTO incident_events SELECT g.incident_key, e.event_key FROM events e "
    "JOIN grouping g USING (source_code, target_code, cameo, date) WHERE NOT e.negated",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--mix", choices=(*MIXES, "both"), default="cached")
    parser.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    parser.add_argument("--synthetic", type=int, metavar="N", help="write N documents first")
    parser.add_argument("--single", type=int, metavar="K",
                        help="one request at a time, K per route: medians per route")  # fmt: skip
    args = parser.parse_args()
    if args.synthetic and not args.db.exists():
        synthetic_store(args.db, args.synthetic)
    for mix in MIXES if args.mix == "both" else (args.mix,):
        if args.single:
            print(json.dumps(measure_single(args.db, mix, args.single)), flush=True)
        else:
            result = measure(args.db, args.clients, args.seconds, mix, args.workers)
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
