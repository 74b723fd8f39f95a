// eventwire map: world outlines from a vendored TopoJSON file, event places as points.
// The projection is Natural Earth I (polynomial form); SVG is built with DOM calls only.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 960;
const HEIGHT = 500;

function naturalEarth(lon, lat) {
  const lambda = (lon * Math.PI) / 180;
  const phi = (lat * Math.PI) / 180;
  const phi2 = phi * phi;
  const phi4 = phi2 * phi2;
  const x = lambda * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)));
  const y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)));
  // x spans about [-2.73, 2.73], y about [-1.42, 1.42] radians
  return [WIDTH / 2 + x * (WIDTH / 5.5), HEIGHT / 2 - y * (WIDTH / 5.5)];
}

function decodeArcs(topology) {
  // TopoJSON arcs are quantised and delta-encoded
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

function ringPoints(ring, arcs) {
  const points = [];
  for (const index of ring) {
    const arc = index >= 0 ? arcs[index] : arcs[~index].slice().reverse();
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points;
}

function splitAtAntimeridian(points) {
  // A ring that crosses the 180th meridian becomes one piece per side, each closed along it;
  // a ring around a pole (Antarctica) is closed along the pole line instead.
  const runs = [[points[0]]];
  for (let i = 1; i < points.length; i++) {
    if (Math.abs(points[i][0] - points[i - 1][0]) > 180) runs.push([]);
    runs[runs.length - 1].push(points[i]);
  }
  if (runs.length === 1) return runs;
  const first = runs.shift();
  runs[runs.length - 1].push(...first);
  for (const run of runs) {
    const [a, b] = [run[0], run[run.length - 1]];
    if (Math.abs(a[0] - b[0]) > 180) {
      const pole = a[1] < 0 ? -90 : 90;
      run.push([b[0], pole], [a[0], pole]);
    }
  }
  return runs;
}

function ringPath(ring, arcs) {
  return splitAtAntimeridian(ringPoints(ring, arcs))
    .map((run) => "M" + run.map(([lon, lat]) => naturalEarth(lon, lat).map((v) => v.toFixed(1)).join(",")).join("L") + "Z")
    .join("");
}

function geometryPath(geometry, arcs) {
  const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
  return polygons.map((rings) => rings.map((ring) => ringPath(ring, arcs)).join("")).join("");
}

function element(name, attributes) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

function spherePath() {
  const edge = [];
  for (let lat = -90; lat <= 90; lat += 5) edge.push(naturalEarth(180, lat));
  for (let lat = 90; lat >= -90; lat -= 5) edge.push(naturalEarth(-180, lat));
  return "M" + edge.map((p) => p.map((v) => v.toFixed(1)).join(",")).join("L") + "Z";
}

function drawOutlines(svg, topology) {
  const arcs = decodeArcs(topology);
  const group = element("g", {});
  group.appendChild(element("path", { d: spherePath(), class: "sphere" }));
  for (const geometry of topology.objects.countries.geometries) {
    const path = element("path", { d: geometryPath(geometry, arcs), class: "country" });
    const title = element("title", {});
    title.textContent = (geometry.properties && geometry.properties.name) || "";
    path.appendChild(title);
    group.appendChild(path);
  }
  svg.insertBefore(group, svg.firstChild);
}

function drawPoints(svg, points) {
  const most = Math.max(1, ...points.map((p) => p.events));
  for (const p of points) {
    const [x, y] = naturalEarth(p.lon, p.lat);
    const circle = element("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: (3 + 9 * Math.sqrt(p.events / most)).toFixed(1), class: "point" });
    const title = element("title", {});
    title.textContent = p.name + (p.country ? " (" + p.country + ")" : "") + ": " + p.events + " events";
    circle.appendChild(title);
    svg.appendChild(circle);
    const label = element("text", { x: (x + 8).toFixed(1), y: (y + 4).toFixed(1), class: "label" });
    label.textContent = p.name;
    svg.appendChild(label);
  }
}

async function drawMap() {
  const box = document.getElementById("map");
  if (!box) return;
  const svg = element("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, "aria-hidden": "true" });
  box.appendChild(svg);
  const block = document.getElementById(box.dataset.points);
  drawPoints(svg, block ? JSON.parse(block.textContent) : []);
  const response = await fetch(box.dataset.world);
  if (response.ok) drawOutlines(svg, await response.json());
  box.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", drawMap);
