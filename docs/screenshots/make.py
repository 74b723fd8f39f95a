"""Write the README screenshots (overview, incident, ledger, map, event types, actor, codebook,
dyads compared) from the demo store.

    make demo
    .venv/bin/python docs/screenshots/make.py [--db build/demo/eventwire.sqlite]

It serves the store with `eventwire serve` on a free local port and photographs the pages
with Debian's headless Chromium (/usr/bin/chromium) through Playwright.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, port: int) -> subprocess.Popen:
    """Start `eventwire serve` and wait until it answers."""
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port)]
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/overview", timeout=1.0).raise_for_status()
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def best_incident(base: str) -> int:
    """The most corroborated incident, the one worth showing."""
    rows = httpx.get(f"{base}/api/incidents?sort=confidence&limit=1").json()["rows"]
    return rows[0]["id"]


# Each screenshot: its file name and the page it shows ("{incident}" is the best incident).
SHOTS = (
    ("overview", "/"),
    ("incident", "/incidents/{incident}"),
    ("ledger", "/ledger"),
    ("map", "/map"),
    ("types", "/types?period=week"),
    ("actor", "/actors/VENGOV"),
    ("codebook", "/codebook"),
    ("compare", "/compare?dyad=USA:VEN&dyad=COL:VEN&dyad=VEN:USA"),
)


def shoot(page: Page, url: str, out: Path) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(out), full_page=False)
    print(f"wrote {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("build/demo/eventwire.sqlite"))
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(args.db, port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            incident = best_incident(base)
            for name, path in SHOTS:
                shoot(page, base + path.format(incident=incident), HERE / f"{name}.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
