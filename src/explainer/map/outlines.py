"""The country outlines the maps are drawn from: read, checked against the frames, derived.

The outlines are a GeoJSON file committed with the site (data/naturalearth/outlines-10m.geojson),
cut from Natural Earth's admin-0 countries at 1:10m as packaged by the npm package world-atlas
2.0.2 (pinned in package.json). Which part of the world it covers and which countries it holds
follow from the frames in places.yml: every frame, plus a margin, rounded out to whole degrees;
every country that reaches into that rectangle. One command makes it again after a frame moves:

    make map-data

(`python -m explainer.map.outlines`; standard library only, byte for byte reproducible from the
same input, which it checks by its SHA-256). A frame outside the committed outlines stops the
build with a message naming the frame and this command.
"""
from __future__ import annotations

import hashlib
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

from ..data import DataError, load_yaml, read_text
from ..location import at_entry
from ..rules import did_you_mean
from .geometry import clip_ring
from .places import Frame, lat_text, lon_text, parse_places

COMMAND = "make map-data"
ATLAS = "node_modules/world-atlas/countries-10m.json"
ATLAS_SHA256 = "3bc6f1d367a9bcec479841bae0e76092f512838411d0cef124e92eec4db45f79"
SOURCE = "Natural Earth 4.1.0 admin-0 countries 1:10m via npm world-atlas 2.0.2"
MARGIN = 1.0  # degrees around the frames (the map draws 0.3 beyond its frame)
DRAWN_BEYOND = 0.3  # degrees beyond a frame that the map's outlines are clipped at
DECIMALS = 3  # about 100 m


@dataclass(frozen=True)
class Outlines:
    bounds: tuple[float, float, float, float]  # west, south, east, north
    countries: dict[str, list]  # Natural Earth name -> GeoJSON MultiPolygon coordinates


def load_outlines(path: str | Path, shown: str) -> Outlines:
    """The committed outlines; DataError when the file is missing or not what this module writes."""
    if not Path(path).exists():
        raise DataError(f"{shown}: file not found; run `{COMMAND}` to derive the country "
                        f"outlines for the frames of places.yml")
    text = read_text(path, shown)
    try:
        data = json.loads(text)
        countries = {f["properties"]["name"]: f["geometry"]["coordinates"]
                     for f in data["features"]}
        west, south, east, north = (float(v) for v in data["bounds"])
    except (ValueError, KeyError, TypeError) as error:
        raise DataError(f"{shown}: not a country outline file made by `{COMMAND}` "
                        f"({type(error).__name__}: {error})") from None
    for number, (name, polygons) in enumerate(countries.items(), 1):
        if not isinstance(name, str) or not _is_multipolygon(polygons):
            raise DataError(f"{shown}: feature {number} ({name}): not a country outline file "
                            f"made by `{COMMAND}` (expected a MultiPolygon's coordinates: "
                            f"polygons of rings of [lon, lat] points)")
    return Outlines((west, south, east, north), countries)


def _is_multipolygon(polygons) -> bool:
    # What the drawing reads (svg._path_data): polygons of rings of two-number points.
    return isinstance(polygons, list) and all(
        isinstance(polygon, list) and all(
            isinstance(ring, list) and all(
                isinstance(point, list) and len(point) == 2 and all(
                    isinstance(v, (int, float)) and not isinstance(v, bool) for v in point)
                for point in ring)
            for ring in polygon)
        for polygon in polygons)


def check_coverage(frames: dict[str, Frame], outlines: Outlines, places_shown: str,
                   outlines_shown: str) -> None:
    """Every frame (and what the map draws beyond it) must lie inside the outlines."""
    west, south, east, north = outlines.bounds
    for frame in frames.values():
        m = DRAWN_BEYOND        # but no outline reaches beyond ±180° and ±90°
        if (max(frame.west - m, -180) < west or min(frame.east + m, 180) > east
                or max(frame.south - m, -90) < south or min(frame.north + m, 90) > north):
            raise DataError(
                f"{at_entry(places_shown, f'frame {frame.id!r}')}: lies outside the country "
                f"outlines in {outlines_shown} (they cover {lon_text(west)} to {lon_text(east)}, "
                f"{lat_text(south)} to {lat_text(north)}); run `{COMMAND}` to derive them for "
                f"every frame")


def check_highlights(frames: dict[str, Frame], outlines: Outlines, places_shown: str,
                     outlines_shown: str) -> list[str]:
    """A warning for each frame whose `highlight` is no country of the outlines, or one that
    lies outside the frame: the map would highlight nothing, in silence."""
    warnings = []
    for frame in frames.values():
        where = at_entry(places_shown, f"frame {frame.id!r}", "highlight")
        if frame.highlight and frame.highlight not in outlines.countries:
            names = sorted(outlines.countries)
            warnings.append(
                f"{where}: no country '{frame.highlight}' in {outlines_shown}"
                f"{did_you_mean(frame.highlight, names)} (its Natural Earth names: "
                f"{', '.join(names)})")
        elif frame.highlight and not _reaches_into(outlines.countries[frame.highlight], frame):
            warnings.append(f"{where}: '{frame.highlight}' lies outside the frame (west "
                            f"{frame.west:g}, east {frame.east:g}, south {frame.south:g}, north "
                            f"{frame.north:g}); the map highlights nothing")
    return warnings


def _reaches_into(polygons, frame: Frame) -> bool:
    # Some of the outline inside the frame itself, not only in the margin drawn beyond it.
    box = (frame.west, frame.south, frame.east, frame.north)
    return any(len(clip_ring([tuple(p) for p in ring], box)) >= 3
               for polygon in polygons for ring in polygon)


def bounds_for(frames: dict[str, Frame]) -> tuple[float, float, float, float]:
    """The rectangle the outlines must cover: all frames plus MARGIN, out to whole degrees."""
    if not frames:
        raise DataError("places.yml: no frames, so no outlines to derive")
    return (max(-180.0, math.floor(min(f.west for f in frames.values()) - MARGIN)),
            max(-90.0, math.floor(min(f.south for f in frames.values()) - MARGIN)),
            min(180.0, math.ceil(max(f.east for f in frames.values()) + MARGIN)),
            min(90.0, math.ceil(max(f.north for f in frames.values()) + MARGIN)))


def extract(topo: dict, bounds: tuple[float, float, float, float]) -> dict:
    """The GeoJSON of every country of the TopoJSON that reaches into bounds, clipped to it."""
    arcs = _decode_arcs(topo)
    features = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        name = geometry["properties"]["name"]
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        kept = []
        for polygon in polygons:
            rings = [_closed(_round(clip_ring(_round(_ring(arcs, ring)), bounds)))
                     for ring in polygon]
            if rings and len(rings[0]) >= 4:
                kept.append([r for r in rings if len(r) >= 4])
        if kept:
            features.append({"type": "Feature", "id": geometry.get("id") or name,
                             "properties": {"name": name},
                             "geometry": {"type": "MultiPolygon", "coordinates": kept}})
    features.sort(key=lambda f: f["properties"]["name"])
    return {"type": "FeatureCollection", "source": SOURCE, "bounds": list(bounds),
            "features": features}


def main(argv: list[str] | None = None) -> int:
    import argparse  # the command's alone: a build imports this module without it

    parser = argparse.ArgumentParser(prog="python -m explainer.map.outlines",
                                     description="Derive the map's country outlines from the "
                                                 "frames in places.yml.")
    parser.add_argument("--places", default="places.yml")
    parser.add_argument("--atlas", default=ATLAS, help="world-atlas 2.0.2 countries-10m.json")
    parser.add_argument("--out", default="data/naturalearth/outlines-10m.geojson")
    args = parser.parse_args(argv)
    try:
        raw = Path(args.atlas).read_bytes()
    except OSError as error:
        print(f"{args.atlas}: {error.strerror} (run `npm ci` first)", file=sys.stderr)
        return 1
    if hashlib.sha256(raw).hexdigest() != ATLAS_SHA256:
        print(f"{args.atlas}: not the countries-10m.json of world-atlas 2.0.2 (SHA-256 differs)",
              file=sys.stderr)
        return 1
    try:
        frames = parse_places(load_yaml(args.places, args.places), args.places).frames
        bounds = bounds_for(frames)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    result = extract(json.loads(raw), bounds)
    text = json.dumps(result, separators=(",", ":"), ensure_ascii=False) + "\n"
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)   # a new explainer has no data/ yet
    Path(args.out).write_text(text, encoding="utf-8")
    names = ", ".join(f["properties"]["name"] for f in result["features"])
    print(f"{args.out}: {len(result['features'])} countries in {lon_text(bounds[0])} to "
          f"{lon_text(bounds[2])}, {lat_text(bounds[1])} to {lat_text(bounds[3])}: {names}")
    return 0


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


def _closed(points):
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]
    return [list(p) for p in points + points[:1]] if points else []


if __name__ == "__main__":
    sys.exit(main())
