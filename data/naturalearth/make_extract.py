"""Cut the region around Syria out of Natural Earth's country outlines (run once, output committed).

Input: `countries-10m.json` from the npm package world-atlas 2.0.2 (Natural Earth 4.1.0 admin-0
countries as TopoJSON). Output: a small GeoJSON FeatureCollection on stdout, one feature per
country, clipped to BOUNDS and rounded to DECIMALS places (about 100 m), which the map hook reads.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python data/naturalearth/make_extract.py package/countries-10m.json \
        > data/naturalearth/levante-10m.geojson

Only the standard library; the result is byte-for-byte reproducible from the same input.
"""
from __future__ import annotations

import json
import sys

# west, south, east, north in degrees: every map frame in places.yml must lie inside.
BOUNDS = (27.0, 27.0, 50.0, 42.0)
DECIMALS = 3
# Natural Earth names of the countries kept (everything that reaches into BOUNDS near Syria).
COUNTRIES = ["Syria", "Turkey", "Lebanon", "Israel", "Palestine", "Jordan", "Iraq", "Cyprus",
             "N. Cyprus", "Egypt", "Saudi Arabia", "Iran", "Greece", "Georgia", "Armenia",
             "Azerbaijan", "Kuwait"]


def main(path: str) -> None:
    topo = json.load(open(path, encoding="utf-8"))
    arcs = _decode_arcs(topo)
    features = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        if name not in COUNTRIES:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        kept = []
        for polygon in polygons:
            rings = [_clip(_round(_ring(arcs, ring))) for ring in polygon]
            if rings and len(rings[0]) >= 4:
                kept.append([r for r in rings if len(r) >= 4])
        if kept:
            features.append({"type": "Feature", "id": geometry.get("id") or name,
                             "properties": {"name": name},
                             "geometry": {"type": "MultiPolygon", "coordinates": kept}})
    features.sort(key=lambda f: f["properties"]["name"])
    json.dump({"type": "FeatureCollection",
               "source": "Natural Earth 4.1.0 admin-0 countries 1:10m via npm world-atlas 2.0.2",
               "bounds": BOUNDS, "features": features},
              sys.stdout, separators=(",", ":"), ensure_ascii=False)
    sys.stdout.write("\n")


def _decode_arcs(topo):
    # TopoJSON arcs are quantized and delta-encoded: sum the deltas, then scale and translate.
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    decoded = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs, indexes):
    # A ring is a chain of arcs; ~i means arc i reversed; each arc repeats the previous end point.
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _round(points):
    out = []
    for lon, lat in points:
        p = (round(lon, DECIMALS), round(lat, DECIMALS))
        if not out or out[-1] != p:
            out.append(p)
    return out


def _clip(ring):
    # Sutherland-Hodgman against the four edges of BOUNDS (the window is convex).
    west, south, east, north = BOUNDS
    edges = [(lambda p: p[0] >= west, lambda a, b: _cut_x(a, b, west)),
             (lambda p: p[0] <= east, lambda a, b: _cut_x(a, b, east)),
             (lambda p: p[1] >= south, lambda a, b: _cut_y(a, b, south)),
             (lambda p: p[1] <= north, lambda a, b: _cut_y(a, b, north))]
    points = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for inside, cut in edges:
        if not points:
            break
        result = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    result.append(cut(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cut(previous, current))
        points = result
    points = _round(points)
    return points + points[:1] if points else []


def _cut_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cut_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


if __name__ == "__main__":
    main(sys.argv[1])
