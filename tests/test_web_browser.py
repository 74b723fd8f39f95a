"""The dashboard in a real browser: `eventwire serve` in a subprocess, headless Chromium.

Skipped when Debian's Chromium (/usr/bin/chromium, `make setup-browser`) or Playwright is
missing; a browser is never downloaded. Screenshots of every page go to a temporary folder.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from test_web_api import IMG, SCRIPT, build_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip

if not CHROMIUM.exists():
    pytest.skip(
        "browser tests need Debian's chromium at /usr/bin/chromium (make setup-browser)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need playwright (make setup-test)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = server.stdout.read() if server.stdout else ""
            raise RuntimeError(f"the server stopped: {output}")
        try:
            if httpx.get(url + "api/overview", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer at {url}")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL `eventwire serve` prints, serving a store of the API tests' documents."""
    store = build_store(tmp_path_factory.mktemp("browser") / "web.sqlite")
    command = [sys.executable, "-m", "eventwire", "serve", "--db", str(store),
               "--port", str(free_port())]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, env=env)  # fmt: skip
    try:
        line = server.stdout.readline() if server.stdout else ""
        assert "http://127.0.0.1:" in line, line
        url = line.rsplit(" ", 1)[-1].strip()
        wait_until_up(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture()
def page(browser, base_url: str) -> Iterator[object]:
    """A fresh page that fails the test on any script error, console error or dialog."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    tab.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    tab.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield tab
    context.close()
    assert problems == []


PAGES = [
    ("/", "Overview"),
    ("/incidents", "Incidents"),
    ("/timeline?dyad=USA:VEN", "Timeline: United States → Venezuela"),
    ("/actors", "Actors"),
    ("/actors/VENGOV", "Venezuelan government"),
    ("/ledger", "Negotiation ledger"),
    ("/documents", "Documents"),
    ("/search?q=smuggling", "Search"),
    ("/map", "Where events happened"),
    ("/codebook", "Codebook"),
    ("/types", "Event types over time"),
    ("/compare?dyad=USA:VEN&dyad=COL:VEN", "Compare dyads"),
]


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_every_page_opens(page, shots: Path, path: str, heading: str) -> None:
    page.goto(path)
    assert heading in page.locator("h1").inner_text()
    name = path.split("?")[0].strip("/").replace("/", "-") or "overview"
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)


def test_overview_draws_escalation_charts(page) -> None:
    page.goto("/")
    page.wait_for_selector(".plot canvas")
    first = page.locator("#dyads tbody tr").first.inner_text()
    assert first.startswith("United States → Venezuela") and "USA → VEN" in first  # names first


def test_filters_narrow_the_incidents(page) -> None:
    page.goto("/incidents")
    assert page.locator("table.rows tbody tr").count() == 3
    page.fill("input[name=dyad]", "USA:VEN")
    page.select_option("select[name=sort]", "confidence")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**dyad=USA%3AVEN**")
    assert page.locator("table.rows tbody tr").count() == 2
    assert page.input_value("input[name=dyad]") == "USA:VEN"
    page.goto("/ledger")
    page.select_option("select[name=kind]", "offer")
    page.click("form.filters button[type=submit]")
    assert "No ledger items match." in page.locator(".board").inner_text()


def test_the_actor_picker_offers_the_store_codes_by_name(page) -> None:
    page.goto("/timeline")
    options = page.locator("#actor-codes option")
    assert options.count() == 3
    assert options.first.get_attribute("value") == "VENGOV"
    assert options.first.text_content() == "Venezuelan government · 4 events"
    assert page.get_attribute("input[name=actor]", "list") == "actor-codes"
    page.fill("input[name=actor]", options.nth(2).get_attribute("value"))
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**actor=COLGOV**")
    assert page.locator("h1").inner_text().startswith("Timeline: Colombian government")
    assert page.locator("li.event").count() == 1


def test_incident_leads_to_its_evidence(page, shots: Path) -> None:
    page.goto("/incidents?min_sources=2")
    page.click("a.incident-link")
    page.wait_for_selector("ol.reports")
    assert page.locator("li.report").count() == 2
    first = page.locator("li.report").first
    assert first.locator(".m-trigger").first.inner_text() == "accused"
    assert first.locator(".m-speaker").first.inner_text() == "Officials"
    assert first.locator(".m-cue").first.inner_text() == "said"
    page.screenshot(path=str(shots / "incident.png"), full_page=True)
    first.locator("a.doc-link").click()
    page.wait_for_selector("#doc-text")
    assert page.locator("#doc-text").inner_text().startswith("Officials said")
    page.uncheck("input[data-layer=trigger]")
    assert "hide-trigger" in (page.get_attribute("#doc-text", "class") or "")


def test_hostile_article_renders_inert(page, shots: Path) -> None:
    page.goto("/search?q=editor")
    page.click("a.doc-title")
    page.wait_for_selector("#doc-text")
    text = page.locator("#doc-text").inner_text()
    assert SCRIPT in text and IMG in text
    assert SCRIPT in page.locator("h1").inner_text()
    assert page.locator("main img").count() == 0
    assert page.locator("main script:not([type='application/json'])").count() == 0
    page.screenshot(path=str(shots / "hostile.png"), full_page=True)
    page.goto("/timeline?actor=COLGOV")
    assert SCRIPT in page.locator("ol.timeline").inner_text()
    assert page.locator("main img").count() == 0


def test_the_map_leads_from_a_place_to_its_events_and_their_evidence(page) -> None:
    page.goto("/map")
    assert page.locator("#map path.country").count() > 150
    assert page.locator("#map circle.point").count() == 2
    page.click("[data-move='Zoom out']")
    page.wait_for_url("**zoom=**")
    page.locator("#map a.mark", has=page.locator("title", has_text="Caracas")).click()
    page.wait_for_url("**place=Caracas**")
    assert page.locator("li.event").count() == 1
    assert "threatened" in page.locator("li.event .m-trigger").first.inner_text()
    page.locator("li.event .source-line a").first.click()
    page.wait_for_selector("#doc-text")
    assert "Caracas" in page.locator("#doc-text").inner_text()


def test_the_map_pans_by_dragging_zooms_by_the_wheel_and_opens_a_country(page) -> None:
    page.goto("/map?zoom=2&lon=-70&lat=10")
    box = page.locator("#map").bounding_box()
    middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.8)
    page.mouse.move(*middle)
    page.mouse.down()
    page.mouse.move(middle[0] - 40, middle[1] - 10)
    page.mouse.move(middle[0] - 120, middle[1] - 10)
    page.mouse.up()
    page.wait_for_url(lambda url: "lon=-70&" not in url)
    page.wait_for_load_state()
    centre = parse_qs(urlparse(page.url).query)
    assert float(centre["lon"][0]) > -70 and centre["zoom"] == ["2"]  # dragged west: moved east
    assert page.get_attribute("#map", "data-zoom") == "2"
    page.mouse.move(*middle)
    page.mouse.wheel(0, -200)
    page.wait_for_url("**zoom=4**")
    assert page.get_attribute("#map", "viewBox").split()[2] == "240.000"
    page.goto("/map?zoom=1")
    page.locator("#map a.country-link:has(path[data-code=COL])").click()
    page.wait_for_url("**zoom=16**")
    assert page.locator("#map circle.point").count() >= 1
    page.locator("#map a.mark", has=page.locator("title", has_text="Cartagena")).click()
    page.wait_for_url("**place=Cartagena**")
    assert page.locator("li.event").count() == 1


def test_the_codebook_finds_a_code_and_leads_to_its_events(page) -> None:
    page.goto("/codebook")
    page.fill("input[data-filter-table=cameo-table]", "accuse espionage")
    shown = page.locator("#cameo-table tbody tr.code-row:visible")
    assert shown.count() == 1 and "Accuse of espionage" in shown.first.inner_text()
    page.fill("input[data-filter-table=cameo-table]", "")
    page.click("a.cameo-code:text-is('112')")
    page.wait_for_url("**cameo=112**")
    assert page.locator("li.event").count() == 2
    assert page.input_value("input[name=cameo]") == "112"
    event = page.locator("li.event").first
    assert event.locator(".m-trigger").first.inner_text() == "accused"  # its evidence, marked
    event.locator(".source-line a").click()
    page.wait_for_selector("#doc-text")
    anchor = urlparse(page.url).fragment
    assert anchor.startswith("ev-") and "Accuse" in page.locator(f"#{anchor}").inner_text()
    assert page.locator("#doc-text .m-trigger", has_text="accused").count() == 1
    assert page.locator(f"#{anchor}").evaluate("e => e.matches(':target')")


def test_the_quick_search_leads_to_an_actor_and_its_people(page) -> None:
    page.goto("/")
    page.fill(".quick-search input", "venezuelan government")
    page.press(".quick-search input", "Enter")
    page.click("#lookup a[href='/actors/VENGOV']")
    page.wait_for_selector("#people-table")
    assert "Nicolás Maduro" in page.locator("#people-table").inner_text()


def test_a_bar_of_event_types_opens_its_window(page) -> None:
    page.goto("/types")
    page.locator("#types-chart a.bar-link").first.click()
    page.wait_for_url("**since=2025-11-21**")
    assert page.locator("li.event").count() == 2  # the two accusations of 21 November


def drag_across(page, selector: str, start: float, end: float) -> None:
    """Drag the mouse across an SVG from ``start`` to ``end`` (in its viewBox units)."""
    box = page.locator(selector).bounding_box()
    width = float(page.get_attribute(selector, "viewBox").split()[2])
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + start * box["width"] / width, y)
    page.mouse.down()
    for step in range(1, 6):
        x = start + (end - start) * step / 5
        page.mouse.move(box["x"] + x * box["width"] / width, y)
    page.mouse.up()


def test_a_brush_over_event_types_filters_the_other_views(page, shots: Path) -> None:
    page.goto("/types?actor=VENGOV")
    columns = json.loads(page.locator("#types-columns").text_content())
    assert [c["start"] for c in columns[:2]] == ["2025-11-21", "2025-11-22"]
    drag_across(page, "#types-chart", columns[0]["x0"] + 5, columns[2]["x0"] + 5)
    assert page.locator("#window .window-label").inner_text() == "Window 2025-11-21 to 2025-11-23"
    assert page.locator("#types-chart rect.brush.on").count() == 1
    assert page.input_value("form.filters input[name=since]") == "2025-11-21"
    page.screenshot(path=str(shots / "types-brushed.png"), full_page=True)
    assert page.url.endswith("/types?actor=VENGOV")  # a drag is not a click on a bar
    page.click("#window a[data-view='/timeline']")
    page.wait_for_url("**until=2025-11-23**")
    assert "actor=VENGOV" in page.url and "since=2025-11-21" in page.url
    assert page.locator("li.event").count() == 3  # the window's three, not the one of December
    page.go_back()
    page.wait_for_selector("#types-chart")
    drag_across(page, "#types-chart", columns[0]["x0"] + 5, columns[2]["x0"] + 5)
    page.click("#window a[data-view='/map']")
    page.wait_for_url("**/map?**until=2025-11-23**")
    assert page.locator("#map circle.point").count() == 1  # Caracas; not Cartagena
    page.go_back()
    page.wait_for_selector("#types-chart")
    drag_across(page, "#types-chart", columns[-1]["x1"] - 5, columns[-3]["x1"] - 5)
    page.click("#window a.narrow")
    page.wait_for_url("**since=**")
    assert page.locator("#types-chart a.bar-link").count() == 1  # the window's one event
    assert "Window 2025-11-29 to 2025-12-01" in page.locator("#window").inner_text()


def test_a_download_is_the_current_view(page) -> None:
    page.goto("/timeline?dyad=USA:VEN")
    page.click("details.pandas summary")
    assert "pd.read_json(" in page.locator("details.pandas pre").inner_text()
    with page.expect_download() as info:
        page.click("a.download[data-format=csv]")
    download = info.value
    assert download.suggested_filename == "events.csv"
    lines = Path(download.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4  # the header and the dyad's three events


def test_pages_fit_a_phone(browser, base_url: str, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url)
    tab = context.new_page()
    for path in ("/", "/incidents", "/ledger", "/map", "/types", "/compare?dyad=USA:VEN"):
        tab.goto(path)
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 392, f"{path} is {width}px wide on a 390px screen"
        tab.screenshot(path=str(shots / f"phone{path.replace('/', '-')}.png"), full_page=True)
    context.close()
