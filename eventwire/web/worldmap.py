"""The map of event places, drawn on the server as inline SVG: an equirectangular projection of
the vendored world outlines (world-atlas, Natural Earth 1:110m), shaded by the events that
took place in each country, a light graticule, and the places as points.

A view is a centre and a zoom (1 shows the world); without them the view fits the points.
Points closer than :data:`CLUSTER_PX` on screen are drawn as one cluster, which links to a
closer view of itself; a single place links to its events, a shaded country to the view of
its places. Labels are placed largest place
first, each beside its point where it overlaps no label and no other point, else left out (the
point keeps its name as a tooltip). Nothing is fetched by the browser.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventwire.web.charts import link
from eventwire.web.reference import atlas_codes
from eventwire.words import counted

Row = dict[str, Any]
WIDTH, HEIGHT = 960.0, 480.0  # the world, in map units: one unit a pixel at zoom 1
ZOOMS = (1, 2, 4, 8, 16, 32, 64)
CLUSTER_PX = 22.0
LABEL_PX = 11.0  # font size on screen
CHAR_PX = 6.2  # the width of a label's letter, about
SHADES = 5
ATLAS = "static/vendor/world-atlas-2.0.2-countries-110m.json"


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180.0) / 360.0 * WIDTH, (90.0 - lat) / 180.0 * HEIGHT


@dataclass(frozen=True)
class View:
    lon: float
    lat: float
    zoom: int

    def box(self) -> tuple[float, float, float, float]:
        """x, y, width and height of the view in map units, kept inside the world."""
        w, h = WIDTH / self.zoom, HEIGHT / self.zoom
        x, y = project(self.lon, self.lat)
        return (min(max(x - w / 2, 0.0), WIDTH - w), min(max(y - h / 2, 0.0), HEIGHT - h), w, h)

    def centre(self) -> tuple[float, float]:
        x, y, w, h = self.box()
        return x + w / 2, y + h / 2


def unproject(x: float, y: float) -> tuple[float, float]:
    return round(x / WIDTH * 360.0 - 180.0, 3), round(90.0 - y / HEIGHT * 180.0, 3)


def fit(points: list[Row]) -> View:
    """The closest view that holds every point, with a margin."""
    if not points:
        return View(0.0, 0.0, 1)
    xs, ys = zip(*(project(p["lon"], p["lat"]) for p in points), strict=True)
    span_x, span_y = (max(xs) - min(xs)) * 1.4 + 1, (max(ys) - min(ys)) * 1.4 + 1
    zoom = max(z for z in ZOOMS if z <= 16 and WIDTH / z >= span_x and HEIGHT / z >= span_y)
    lon, lat = unproject((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    return View(lon, lat, zoom)


# ---------------------------------------------------------------- outlines


def decode_arcs(topology: Row) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are quantised and delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


Point = tuple[float, float]


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def split_at_antimeridian(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the 180th meridian becomes one piece per side; a ring around a pole
    (Antarctica) is closed along the pole's line."""
    runs = [[points[0]]]
    for a, b in itertools.pairwise(points):
        if abs(b[0] - a[0]) > 180:
            runs.append([])
        runs[-1].append(b)
    if len(runs) > 1:
        runs[-1].extend(runs.pop(0))
    for run in runs:
        (a_lon, a_lat), (b_lon, _) = run[0], run[-1]
        if abs(a_lon - b_lon) > 180:
            pole = -90.0 if a_lat < 0 else 90.0
            run.extend([(b_lon, pole), (a_lon, pole)])
    return runs


def ring_path(points: list[tuple[float, float]]) -> str:
    out = []
    for run in split_at_antimeridian(points):
        xy = (project(lon, lat) for lon, lat in run)
        out.append("M" + "L".join(f"{x:.2f},{y:.2f}" for x, y in xy) + "Z")
    return "".join(out)


def geometry_path(geometry: Row, arcs: list[list[tuple[float, float]]]) -> str:
    kind = geometry.get("type")
    polygons = [geometry["arcs"]] if kind == "Polygon" else geometry.get("arcs", [])
    if kind not in ("Polygon", "MultiPolygon"):
        return ""
    return "".join(ring_path(ring_points(ring, arcs)) for rings in polygons for ring in rings)


@lru_cache(maxsize=1)
def outlines() -> tuple[Row, ...]:
    """Every country of the atlas: its name, ISO3 code (None where unknown) and SVG path."""
    from importlib import resources

    text = resources.files("eventwire.web").joinpath(ATLAS).read_text(encoding="utf-8")
    topology = json.loads(text)
    arcs, codes = decode_arcs(topology), atlas_codes()
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = (geometry.get("properties") or {}).get("name", "")
        path = geometry_path(geometry, arcs)
        if path:
            out.append({"name": name, "code": codes.get(name.casefold()), "d": path})
    return tuple(out)


def graticule(step: int) -> list[Row]:
    """Lines every ``step`` degrees of longitude and latitude, with their labels."""
    lines = [{"d": f"M{project(lon, 90)[0]:.1f},0V{HEIGHT:.0f}", "lon": lon}
             for lon in range(-180 + step, 180, step)]  # fmt: skip
    lines += [{"d": f"M0,{project(0, lat)[1]:.1f}H{WIDTH:.0f}", "lat": lat}
              for lat in range(-90 + step, 90, step)]  # fmt: skip
    return lines


# ---------------------------------------------------------------- places


def clusters(points: list[Row], zoom: int) -> list[Row]:
    """Points on one cell of :data:`CLUSTER_PX` screen pixels become one, at their centre of
    mass, with their events summed; the biggest first."""
    cell = CLUSTER_PX / zoom
    cells: dict[tuple[int, int], list[Row]] = {}
    for p in points:
        x, y = project(p["lon"], p["lat"])
        cells.setdefault((int(x // cell), int(y // cell)), []).append({**p, "x": x, "y": y})
    out = []
    for members in cells.values():
        events = sum(m["events"] for m in members)
        x = sum(m["x"] * m["events"] for m in members) / events
        y = sum(m["y"] * m["events"] for m in members) / events
        out.append({"x": x, "y": y, "events": events, "places": members})
    return sorted(out, key=lambda c: (-c["events"], c["x"], c["y"]))


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_box(c: Row, text: str, zoom: int, side: int) -> tuple[float, float, float, float]:
    """Where a label goes: right (0), left (1), above (2) or below (3) of its point."""
    w, h, gap = len(text) * CHAR_PX / zoom, LABEL_PX / zoom, (c["r"] + 2) / zoom
    x, y = c["x"], c["y"]
    return [(x + gap, y - h / 2, x + gap + w, y + h / 2),
            (x - gap - w, y - h / 2, x - gap, y + h / 2),
            (x - w / 2, y - gap - h, x + w / 2, y - gap),
            (x - w / 2, y + gap, x + w / 2, y + gap + h)][side]  # fmt: skip


def place_labels(marks: list[Row], zoom: int) -> None:
    """Give each mark a label box where one fits (largest first), else none."""
    taken = [(m["x"] - m["r"] / zoom, m["y"] - m["r"] / zoom,
              m["x"] + m["r"] / zoom, m["y"] + m["r"] / zoom) for m in marks]  # fmt: skip
    for n, mark in enumerate(marks):
        mark["label"] = None
        others = taken[:n] + taken[n + 1 :]
        for side in range(4):
            box = label_box(mark, mark["text"], zoom, side)
            if not any(overlaps(box, t) for t in others):
                mark["label"] = {"x": round(box[0], 3), "y": round(box[3] - 2 / zoom, 3),
                                 "box": tuple(round(v, 3) for v in box)}  # fmt: skip
                taken.append(box)
                break


def tooltip(place: Row) -> str:
    country = f" ({place['country']})" if place.get("country") else ""
    return f"{place['name']}{country}: {counted(place['events'], 'event')}"


def marks(points: list[Row], zoom: int, base: dict[str, str]) -> list[Row]:
    """The points to draw: clusters and single places, with radius, link, tooltip and label."""
    found = clusters(points, zoom)
    most = max((c["events"] for c in found), default=1)
    out = []
    for c in found:
        single = len(c["places"]) == 1
        first = c["places"][0]
        lon, lat = unproject(c["x"], c["y"])
        text = first["name"] if single else f"{first['name']} +{len(c['places']) - 1}"
        out.append({
            "x": c["x"], "y": c["y"], "r": 3 + 9 * math.sqrt(c["events"] / most),
            "events": c["events"], "cluster": not single, "text": text,
            "title": "; ".join(tooltip(p) for p in c["places"][:8]),
            "href": link("/timeline", base, place=first["name"]) if single else
                    link("/map", base, lon=str(lon), lat=str(lat), zoom=str(min(zoom * 4, 64))),
        })  # fmt: skip
    place_labels(out, zoom)
    for m in out:
        m["r"] = round(m["r"] / zoom, 3)
        m["x"], m["y"] = round(m["x"], 3), round(m["y"], 3)
    return out


# ---------------------------------------------------------------- the map


def shading(points: list[Row]) -> tuple[dict[str, int], dict[str, int]]:
    """Events per country of the places, and each country's shade (1 to :data:`SHADES`,
    by the logarithm of its events against the busiest)."""
    events: dict[str, int] = {}
    for p in points:
        if p.get("country"):
            events[p["country"]] = events.get(p["country"], 0) + p["events"]
    most = max(events.values(), default=1)
    shade = {c: 1 + int((SHADES - 1) * math.log1p(n) / math.log1p(most)) for c, n in events.items()}
    return events, shade


def moves(view: View, base: dict[str, str]) -> list[Row]:
    """Links to zoom in and out and to pan by half a view."""
    x, y = view.centre()
    w, h = WIDTH / view.zoom, HEIGHT / view.zoom
    steps = [
        ("Zoom in", "+", x, y, min(view.zoom * 2, ZOOMS[-1])),
        ("Zoom out", "−", x, y, max(view.zoom // 2, 1)),
        ("West", "←", x - w / 2, y, view.zoom),
        ("East", "→", x + w / 2, y, view.zoom),
        ("North", "↑", x, y - h / 2, view.zoom),
        ("South", "↓", x, y + h / 2, view.zoom),
    ]
    out = []
    for name, sign, mx, my, zoom in steps:
        lon, lat = unproject(min(max(mx, 0), WIDTH), min(max(my, 0), HEIGHT))
        out.append(
            {
                "name": name,
                "sign": sign,
                "href": link("/map", base, lon=str(lon), lat=str(lat), zoom=str(zoom)),
            }
        )
    return out  # fmt: skip


def country_views(points: list[Row], base: dict[str, str]) -> dict[str, str]:
    """For each country with places, a link to the closest view that holds them all."""
    by_country: dict[str, list[Row]] = {}
    for p in points:
        if p.get("country"):
            by_country.setdefault(p["country"], []).append(p)
    out = {}
    for code, places in by_country.items():
        view = fit(places)
        out[code] = link("/map", base, lon=str(view.lon), lat=str(view.lat), zoom=str(view.zoom))
    return out


def country_entry(outline: Row, events: dict[str, int], shade: dict[str, int],
                  views: dict[str, str]) -> Row:  # fmt: skip
    """A country to draw: its outline, the events at its places, its shade and, where it has
    places, the link to a view of them."""
    code = outline["code"] or ""
    return {**outline, "events": events.get(code, 0), "shade": shade.get(code, 0),
            "href": views.get(code)}  # fmt: skip


def world_map(points: list[Row], view: View | None, base: dict[str, str]) -> Row:
    """Everything the map template draws, for the points of ``/api/places``."""
    view = view or fit(points)
    events, shade = shading(points)
    views = country_views(points, base)
    countries = [country_entry(o, events, shade, views) for o in outlines()]
    step = next(s for s in (30, 10, 5, 2, 1) if s * view.zoom <= 40 or s == 1)
    x, y, w, h = view.box()
    lon, lat = unproject(*view.centre())
    return {
        "viewbox": f"{x:.3f} {y:.3f} {w:.3f} {h:.3f}", "zoom": view.zoom, "lon": lon,
        "lat": lat, "countries": countries, "graticule": graticule(step), "step": step,
        "font": round(LABEL_PX / view.zoom, 3), "marks": marks(points, view.zoom, base),
        "moves": moves(view, base), "world": link("/map", base, zoom="1"),
        "shades": list(range(1, SHADES + 1)), "max_zoom": ZOOMS[-1],
    }  # fmt: skip
