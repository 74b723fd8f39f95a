// eventwire dashboard: small charts, the reader's layer switches, the brush over the event
// types and the map's zoom and pan.
// Data comes from <script type="application/json"> blocks; nothing is written as HTML.
"use strict";

function readJson(id) {
  const block = document.getElementById(id);
  return block ? JSON.parse(block.textContent) : null;
}

function dayToSeconds(period) {
  // "2025-11-21" (day) or "2025-W47" (week) to Unix seconds
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) {
    return Date.UTC(Number(week[1]), 0, 1 + 7 * Number(week[2])) / 1000;
  }
  return Date.parse(period + "T00:00:00Z") / 1000;
}

const DAY_STEPS = [1, 2, 7, 14, 30, 91, 182, 365].map((days) => days * 86400);

function dayLabel(seconds) {
  // "11-21"; January the first shows its year
  const iso = new Date(seconds * 1000).toISOString();
  return iso.slice(5, 10) === "01-01" ? iso.slice(0, 4) : iso.slice(5, 10);
}

function padDays(u, low, high) {
  // half a day either side, so that bars at the ends show whole; a week around a single day
  const day = 86400;
  return low === high ? [low - 3 * day, high + 3 * day] : [low - day / 2, high + day / 2];
}

function drawSeries(element, points) {
  if (!window.uPlot || !points || points.length === 0) {
    element.textContent = "No dated events.";
    return;
  }
  let xs = points.map((p) => dayToSeconds(p.period));
  let means = points.map((p) => p.goldstein_mean);
  let counts = points.map((p) => p.events);
  if (xs.length === 1) {
    // one day alone: show it in the middle of a week
    xs = [xs[0] - 3 * 86400, xs[0], xs[0] + 3 * 86400];
    means = [null, means[0], null];
    counts = [null, counts[0], null];
  }
  const bars = uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.6, 24] }) : undefined;
  const options = {
    width: Math.max(240, element.clientWidth),
    height: element.classList.contains("wide") ? 240 : 210,
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true, range: padDays }, g: { range: [-10, 10] }, n: { range: (u, lo, hi) => [0, Math.max(1, hi) * 1.25] } },
    axes: [
      { incrs: DAY_STEPS, values: (u, splits) => splits.map(dayLabel), space: 50 },
      { scale: "g", label: "Goldstein", size: 48 },
      { scale: "n", side: 1, label: "events", grid: { show: false }, size: 40 },
    ],
    series: [
      {},
      { label: "mean Goldstein", scale: "g", stroke: "#b42318", width: 2, points: { size: 6 } },
      { label: "events", scale: "n", stroke: "#2453a6", fill: "rgba(36,83,166,.18)", paths: bars, points: { show: false } },
    ],
  };
  element.textContent = "";
  const plot = new uPlot(options, [xs, means, counts], element);
  new ResizeObserver(() => plot.setSize({ width: Math.max(240, element.clientWidth), height: options.height }))
    .observe(element);
}

function setUpCharts() {
  for (const element of document.querySelectorAll("[data-series]")) {
    drawSeries(element, readJson(element.dataset.series));
  }
}

function setUpLayers() {
  const text = document.getElementById("doc-text");
  if (!text) return;
  for (const box of document.querySelectorAll("input[data-layer]")) {
    box.addEventListener("change", () => text.classList.toggle("hide-" + box.dataset.layer, !box.checked));
  }
}

function setUpTableFilters() {
  // A search box over a table: rows whose text holds every word stay; a group heading stays
  // while any row under it does.
  for (const box of document.querySelectorAll("input[data-filter-table]")) {
    const table = document.getElementById(box.dataset.filterTable);
    if (!table) continue;
    const rows = Array.from(table.tBodies[0].rows);
    const texts = rows.map((row) => row.textContent.toLowerCase());
    const shown = document.createElement("span");
    shown.className = "count";
    box.after(shown);
    box.addEventListener("input", () => {
      const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      let heading = null;
      let count = 0;
      rows.forEach((row, i) => {
        if (row.classList.contains("group")) {
          heading = row;
          row.hidden = words.length > 0;
          return;
        }
        const keep = words.every((w) => texts[i].includes(w));
        row.hidden = !keep;
        if (keep) {
          count += 1;
          if (heading) heading.hidden = false;
        }
      });
      shown.textContent = words.length ? count + " shown" : "";
    });
  }
}

function svgPoint(svg, event) {
  // a pointer's position in the SVG's own units (its viewBox)
  const point = svg.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  return point.matrixTransform(svg.getScreenCTM().inverse());
}

function withWindow(href, since, until) {
  // a link with the window as its since and until; its other filters kept
  const url = new URL(href, window.location.href);
  url.searchParams.set("since", since);
  url.searchParams.set("until", until);
  url.searchParams.delete("offset");
  return url.pathname + url.search;
}

function showWindow(since, until) {
  // the window picked: the links to the other views and the form's dates take it
  const label = document.querySelector("#window .window-label");
  if (label) label.textContent = "Window " + since + " to " + until;
  for (const link of document.querySelectorAll("#window a.window-link")) {
    link.setAttribute("href", withWindow(link.getAttribute("href"), since, until));
    link.hidden = false;
  }
  for (const [name, value] of [["since", since], ["until", until]]) {
    const input = document.querySelector("form.filters input[name=" + name + "]");
    if (input) input.value = value;
  }
}

function setUpBrush(svg) {
  // Drag across a chart to pick the periods under the drag; a click still opens its bar.
  const columns = readJson(svg.dataset.brush) || [];
  const brush = svg.querySelector("rect.brush");
  if (!columns.length || !brush) return;
  let from = null;
  let dragged = false;
  const span = (x) => [Math.min(from, x), Math.max(from, x)];
  svg.addEventListener("dragstart", (event) => event.preventDefault());
  svg.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    from = svgPoint(svg, event).x;
    dragged = false;
  });
  svg.addEventListener("pointermove", (event) => {
    if (from === null) return;
    const [low, high] = span(svgPoint(svg, event).x);
    if (high - low < 4) return;
    if (!dragged) svg.setPointerCapture(event.pointerId);  // from now on a drag, not a click
    dragged = true;
    brush.classList.add("on");
    brush.setAttribute("x", String(low));
    brush.setAttribute("width", String(high - low));
  });
  svg.addEventListener("pointerup", (event) => {
    if (from === null) return;
    const [low, high] = span(svgPoint(svg, event).x);
    from = null;
    if (!dragged) return;
    const picked = columns.filter((c) => c.x1 > low && c.x0 < high);
    if (!picked.length) return;
    brush.setAttribute("x", String(picked[0].x0));
    brush.setAttribute("width", String(picked[picked.length - 1].x1 - picked[0].x0));
    showWindow(picked[0].start, picked[picked.length - 1].end);
  });
  svg.addEventListener("click", (event) => {
    if (dragged) {
      event.preventDefault();  // the end of a drag is not a click on a bar
      dragged = false;
    }
  }, true);
}

function setUpBrushes() {
  for (const svg of document.querySelectorAll("svg[data-brush]")) setUpBrush(svg);
}

function unproject(x, y) {
  // map units (960 by 480, equirectangular) to longitude and latitude, as the server rounds
  const round = (v) => Math.round(v * 1000) / 1000;
  return [round((x / 960) * 360 - 180), round(90 - (y / 480) * 180)];
}

function openView(svg, x, y, zoom) {
  // ask the server for the view centred on (x, y) at ``zoom``: it clusters and labels anew
  const url = new URL(window.location.href);
  const [lon, lat] = unproject(Math.min(Math.max(x, 0), 960), Math.min(Math.max(y, 0), 480));
  url.searchParams.set("lon", String(lon));
  url.searchParams.set("lat", String(lat));
  url.searchParams.set("zoom", String(zoom));
  svg.classList.add("moving");
  window.location.assign(url.pathname + url.search);
}

function viewBox(svg) {
  const [x, y, w, h] = svg.getAttribute("viewBox").split(/\s+/).map(Number);
  return { x, y, w, h };
}

function zoomAt(svg, event, factor) {
  // zoom by ``factor`` keeping the point under the pointer where it is
  const zoom = Number(svg.dataset.zoom);
  const next = Math.round(Math.min(Math.max(zoom * factor, 1), Number(svg.dataset.maxZoom)));
  if (next === zoom) return;
  const box = viewBox(svg);
  const at = svgPoint(svg, event);
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  openView(svg, at.x + (cx - at.x) * (zoom / next), at.y + (cy - at.y) * (zoom / next), next);
}

function setUpMap(svg) {
  // Drag to pan (the view moves at once, the server draws it on release), wheel or
  // double-click to zoom; a click on a place or a country still follows its link.
  let start = null;
  let dragged = false;
  svg.addEventListener("dragstart", (event) => event.preventDefault());
  svg.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    start = { x: event.clientX, y: event.clientY, box: viewBox(svg) };
    dragged = false;
  });
  svg.addEventListener("pointermove", (event) => {
    if (start === null) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    if (!dragged && Math.hypot(dx, dy) < 4) return;
    if (!dragged) svg.setPointerCapture(event.pointerId);
    dragged = true;
    const scale = start.box.w / svg.getBoundingClientRect().width;
    const box = { ...start.box, x: start.box.x - dx * scale, y: start.box.y - dy * scale };
    svg.setAttribute("viewBox", [box.x, box.y, box.w, box.h].join(" "));
  });
  svg.addEventListener("pointerup", () => {
    if (start === null) return;
    start = null;
    if (!dragged) return;
    const box = viewBox(svg);
    openView(svg, box.x + box.w / 2, box.y + box.h / 2, Number(svg.dataset.zoom));
  });
  svg.addEventListener("click", (event) => {
    if (dragged) {
      event.preventDefault();  // the end of a drag is not a click on a place
      dragged = false;
    }
  }, true);
  svg.addEventListener("dblclick", (event) => {
    event.preventDefault();
    zoomAt(svg, event, 2);
  });
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    if (!svg.classList.contains("moving")) zoomAt(svg, event, event.deltaY < 0 ? 2 : 0.5);
  }, { passive: false });
}

function setUpMaps() {
  for (const svg of document.querySelectorAll("svg.map-svg[data-zoom]")) setUpMap(svg);
}

document.addEventListener("DOMContentLoaded", () => {
  setUpCharts();
  setUpLayers();
  setUpTableFilters();
  setUpBrushes();
  setUpMaps();
});
