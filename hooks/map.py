"""Map: draw an SVG map of Syria and its neighbours at build time from Natural Earth and places.yml.

An author writes `<!-- karte: kueste -->` on a line of its own; the page gets a figure with the
map of that frame (defined in places.yml) and the same places as a list of links beside it.
"""
from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from _markers import replace_lines_outside_fences

log = get_plugin_logger("map")

PLACES_FILE = "places.yml"
ATLAS_FILE = "data/naturalearth/levante-10m.geojson"
WIDTH = 600  # viewBox width; the SVG scales to its container

# Per build: places, frames and outlines (reset in on_config, mkdocs serve reuses the module).
_state: dict = {}


# Load places.yml and the Natural Earth extract once per build.
def on_config(config):
    root = Path(config.config_file_path).parent
    _state.clear()
    if "md_in_html" not in config.markdown_extensions:
        raise PluginError("hooks/map.py needs the Markdown extension 'md_in_html' in mkdocs.yml")
    _state["atlas"] = load_atlas(root / ATLAS_FILE)
    _state["places"], _state["frames"] = load_places(root / PLACES_FILE, _state["atlas"]["bounds"])
    config.watch.extend(str(root / name) for name in (PLACES_FILE, Path(ATLAS_FILE).parent)
                        if str(root / name) not in config.watch)
    return config


# Every place must link to a page of this site: a missing page stops the build.
def on_files(files, /, *, config):
    for place in _state["places"].values():
        if files.get_file_from_path(place.page) is None:
            raise PluginError(f"{PLACES_FILE}: place '{place.id}', field 'link': "
                              f"page '{place.page}' does not exist in docs/")
    return files


# Replace each marker by the figure's Markdown: a placeholder for the SVG and the list of places.
def on_page_markdown(markdown, /, *, page, config, files):
    if "karte:" not in markdown:
        return None
    figures: list[tuple[str, str]] = []

    def replace(frame_id: str, line: int) -> str | None:
        if frame_id not in _state["frames"]:
            log.warning(f"{page.file.src_uri}:{line}: unknown map frame '{frame_id}' "
                        f"(frames in {PLACES_FILE}: {', '.join(_state['frames'])})")
            return None
        figures.append((frame_id, f"karte-{frame_id}-{len(figures) + 1}"))
        return figure_markdown(_state["frames"][frame_id], _state["places"], figures[-1][1])

    markdown = replace_markers(markdown, replace)
    page.meta["_map_figures"] = figures
    return markdown


# Put the SVG into each placeholder, with links relative to this page.
def on_page_content(html_text, /, *, page, config, files):
    for frame_id, ident in page.meta.pop("_map_figures", []):
        urls = {p.id: relative_url(p.link, page.file, files) for p in _state["places"].values()}
        svg = render_svg(_state["frames"][frame_id], _state["places"], _state["atlas"], urls, ident)
        html_text = html_text.replace(_placeholder(ident), svg, 1)
    return html_text


# --- pure functions: data in, text out; unit-tested without MkDocs ---

KINDS = {  # kind -> word in the list
    "capital": "Hauptstadt",
    "city": "Stadt",
    "suburb": "Vorort",
    "airbase": "Luftwaffenstützpunkt",
    "naval": "Marinestützpunkt",
}
# Label position -> (dx, dy, text-anchor) in viewBox units from the symbol's centre.
LABEL_OFFSETS = {
    "e": (9, 6, "start"), "w": (-9, 6, "end"), "n": (0, -10, "middle"), "s": (0, 21, "middle"),
    "ne": (7, -6, "start"), "nw": (-7, -6, "end"), "se": (7, 18, "start"), "sw": (-7, 18, "end"),
}
_MARKER = re.compile(r"^[ \t]{0,3}<!--\s*karte:\s*(\S+?)\s*-->[ \t]*$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    variants: tuple[str, ...]
    kind: str
    lat: float
    lon: float
    source: str
    link: str
    label: str

    @property
    def page(self) -> str:
        return self.link.partition("#")[0]


@dataclass(frozen=True)
class Label:
    text: str
    lat: float
    lon: float
    kind: str
    anchor: str


@dataclass(frozen=True)
class Frame:
    id: str
    title: str
    west: float
    east: float
    south: float
    north: float
    highlight: str
    places: tuple[str, ...]
    label_positions: dict
    labels: tuple[Label, ...]


class Projection:
    """Equirectangular, x scaled by cos(mid-latitude): distances true along the mid-parallel."""

    KM_PER_DEGREE = 6371.0088 * math.pi / 180  # mean Earth radius, one degree of latitude

    def __init__(self, frame: Frame, width: float = WIDTH):
        self.frame = frame
        self.cos = math.cos(math.radians((frame.south + frame.north) / 2))
        self.k = width / ((frame.east - frame.west) * self.cos)
        self.width = width
        self.height = (frame.north - frame.south) * self.k

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.frame.west) * self.cos * self.k, (self.frame.north - lat) * self.k

    @property
    def units_per_km(self) -> float:
        return self.k / self.KM_PER_DEGREE


def load_atlas(path: Path) -> dict:
    """The Natural Earth extract: {'bounds': (w, s, e, n), 'countries': {name: [polygon, ...]}}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        countries = {f["properties"]["name"]: f["geometry"]["coordinates"] for f in data["features"]}
        bounds = tuple(float(v) for v in data["bounds"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise PluginError(f"{path.name}: cannot read the Natural Earth extract ({error})") from None
    return {"bounds": bounds, "countries": countries}


def load_places(path: Path, bounds: tuple[float, float, float, float]) -> tuple[dict, dict]:
    """Read and validate places.yml; any broken entry is a PluginError naming entry and field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{path.name}: cannot read ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("places"), list):
        raise PluginError(f"{path.name}: expected a mapping with a list 'places' and 'frames'")
    places: dict[str, Place] = {}
    for number, entry in enumerate(data["places"], 1):
        place = _place(path.name, number, entry)
        if place.id in places:
            raise PluginError(f"{path.name}: place '{place.id}', field 'id': used twice")
        places[place.id] = place
    frames_data = data.get("frames")
    if not isinstance(frames_data, dict) or not frames_data:
        raise PluginError(f"{path.name}: expected a mapping 'frames' with at least one frame")
    frames = {fid: _frame(path.name, str(fid), entry, places, bounds)
              for fid, entry in frames_data.items()}
    return places, frames


def _place(file: str, number: int, entry) -> Place:
    where = f"{file}: place {number}"
    if not isinstance(entry, dict):
        raise PluginError(f"{where}: expected a mapping")
    ident = entry.get("id")
    if not isinstance(ident, str) or not _ID.match(ident):
        raise PluginError(f"{where}, field 'id': expected lower-case letters, digits and '-'")
    where = f"{file}: place '{ident}'"
    for field in ("name", "source", "link"):
        if not isinstance(entry.get(field), str) or not entry[field].strip():
            raise PluginError(f"{where}, field '{field}': missing or empty")
    variants = entry.get("variants", [])
    if not isinstance(variants, list) or not all(isinstance(v, str) and v for v in variants):
        raise PluginError(f"{where}, field 'variants': expected a list of names")
    if entry.get("kind") not in KINDS:
        raise PluginError(f"{where}, field 'kind': expected one of {', '.join(KINDS)}")
    label = entry.get("label", "e")
    if label not in LABEL_OFFSETS:
        raise PluginError(f"{where}, field 'label': expected one of {', '.join(LABEL_OFFSETS)}")
    if not entry["link"].partition("#")[0].endswith(".md"):
        raise PluginError(f"{where}, field 'link': expected a page such as 'bases.md#tartus'")
    return Place(ident, entry["name"].strip(), tuple(variants), entry["kind"],
                 _number(where, entry, "lat", -90, 90), _number(where, entry, "lon", -180, 180),
                 entry["source"].strip(), entry["link"].strip(), label)


def _frame(file: str, ident: str, entry, places: dict, bounds) -> Frame:
    where = f"{file}: frame '{ident}'"
    if not _ID.match(ident) or not isinstance(entry, dict):
        raise PluginError(f"{where}: expected a lower-case id and a mapping")
    if not isinstance(entry.get("title"), str) or not entry["title"].strip():
        raise PluginError(f"{where}, field 'title': missing or empty")
    west, south, east, north = bounds
    box = {f: _number(where, entry, f, lo, hi) for f, lo, hi in
           (("west", west, east), ("east", west, east), ("south", south, north),
            ("north", south, north))}
    if box["west"] >= box["east"] or box["south"] >= box["north"]:
        raise PluginError(f"{where}: 'west' must be less than 'east' and 'south' less than 'north'")
    shown = entry.get("places", list(places))
    if not isinstance(shown, list) or any(p not in places for p in shown):
        unknown = [p for p in shown if p not in places] if isinstance(shown, list) else shown
        raise PluginError(f"{where}, field 'places': unknown place(s) {unknown}")
    positions = entry.get("label_positions", {})
    if not isinstance(positions, dict) or any(
            k not in places or v not in LABEL_OFFSETS for k, v in positions.items()):
        raise PluginError(f"{where}, field 'label_positions': expected place id: "
                          f"{'|'.join(LABEL_OFFSETS)}")
    labels = []
    for number, item in enumerate(entry.get("labels", []), 1):
        lwhere = f"{where}, label {number}"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise PluginError(f"{lwhere}, field 'text': missing")
        if item.get("kind", "land") not in ("land", "sea"):
            raise PluginError(f"{lwhere}, field 'kind': expected land or sea")
        if item.get("anchor", "middle") not in ("start", "middle", "end"):
            raise PluginError(f"{lwhere}, field 'anchor': expected start, middle or end")
        labels.append(Label(item["text"], _number(lwhere, item, "lat", -90, 90),
                            _number(lwhere, item, "lon", -180, 180), item.get("kind", "land"),
                            item.get("anchor", "middle")))
    return Frame(ident, entry["title"].strip(), box["west"], box["east"], box["south"],
                 box["north"], str(entry.get("highlight", "")), tuple(shown), dict(positions),
                 tuple(labels))


def _number(where: str, entry: dict, field: str, low: float, high: float) -> float:
    value = entry.get(field)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise PluginError(f"{where}, field '{field}': expected a number from {low} to {high}, "
                          f"got {value!r}")
    return float(value)


def replace_markers(markdown: str, replace) -> str:
    """Call replace(frame_id, line_number) for each marker line outside fenced code.

    A marker whose replacement is None stays as it is (an HTML comment, invisible).
    """
    def at_marker(line: str, number: int) -> str | None:
        match = _MARKER.match(line)
        return replace(match.group(1), number) if match else None

    return replace_lines_outside_fences(markdown, at_marker)


def figure_markdown(frame: Frame, places: dict, ident: str) -> str:
    """The figure around the map: SVG placeholder, caption, and the places as Markdown links."""
    items = []
    for pid in frame.places:
        place = places[pid]
        also = f" (auch {', '.join(place.variants)})" if place.variants else ""
        items.append(f'- <span class="karte__symbol karte__symbol--{place.kind}" '
                     f'aria-hidden="true"></span>[{_md_escape(place.name)}]({place.link})'
                     f"{_md_escape(also)}: {KINDS[place.kind]}")
    return "\n".join([
        "",
        f'<figure class="karte karte--{frame.id}" markdown="1">',
        _placeholder(ident),
        f'<figcaption markdown="1">',
        "",
        f"**{_md_escape(frame.title)}.** Orte auf der Karte:",
        "",
        *items,
        "",
        '<small class="karte__quelle">Kartengrundlage: Natural Earth (gemeinfrei), Grenzen '
        "ohne völkerrechtliche Aussage; Koordinaten der Orte nach Wikipedia (Angaben in "
        "places.yml).</small>",
        "",
        "</figcaption>",
        "</figure>",
        "",
    ])


def _placeholder(ident: str) -> str:
    return f'<div class="karte__bild" data-karte="{ident}"></div>'


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def relative_url(link: str, page_file, files) -> str:
    """URL of `page.md#anchor` as seen from page_file (works with and without directory URLs)."""
    path, _, anchor = link.partition("#")
    target = files.get_file_from_path(path)
    if target is None:
        raise PluginError(f"{PLACES_FILE}: link '{link}': page '{path}' does not exist")
    if target.src_uri == page_file.src_uri:
        return f"#{anchor}" if anchor else "./"
    url = target.url_relative_to(page_file)
    return f"{url}#{anchor}" if anchor else url


def render_svg(frame: Frame, places: dict, atlas: dict, urls: dict[str, str], ident: str) -> str:
    """The map as inline SVG: deterministic text (same input, same bytes)."""
    proj = Projection(frame)
    w, h = proj.width, proj.height
    title_id, desc_id = f"{ident}-titel", f"{ident}-beschreibung"
    shown = [places[p] for p in frame.places]
    desc = (f"Karte: {frame.title}, mit Ländergrenzen und Mittelmeerküste. Markiert: "
            + "; ".join(f"{p.name} ({KINDS[p.kind]})" for p in shown)
            + ". Dieselben Orte stehen als Liste mit Links unter der Karte.")
    # The drawing is one image (role="img", named by <title>, described by <desc>); the places
    # are real links beside it in the same SVG, so they cannot sit inside the image: links in
    # role="img" would be nested interactive content. The outer <svg> groups both.
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="karte__svg" viewBox="0 0 {w:.0f} '
           f'{h:.0f}" role="group" aria-labelledby="{title_id}">',
           f'<title id="{title_id}">{html.escape(frame.title)}</title>',
           f'<desc id="{desc_id}">{html.escape(desc)}</desc>',
           f'<g class="karte__zeichnung" role="img" aria-labelledby="{title_id}" '
           f'aria-describedby="{desc_id}">',
           f'<rect class="karte__meer" x="0" y="0" width="{w:.0f}" height="{h:.0f}"/>']
    for name in sorted(atlas["countries"]):
        d = _path_data(atlas["countries"][name], proj)
        if d:
            cls = "karte__land karte__land--hervorgehoben" if name == frame.highlight else "karte__land"
            out.append(f'<path class="{cls}" d="{d}"/>')
    out.append(_graticule(proj))
    for label in frame.labels:
        x, y = proj(label.lon, label.lat)
        out.append(f'<text class="karte__name karte__name--{label.kind}" x="{x:.1f}" y="{y:.1f}" '
                   f'text-anchor="{label.anchor}">{html.escape(label.text)}</text>')
    out.append(_scale_bar(proj))
    out.append(_north_arrow(proj))
    out.append(f'<rect class="karte__rahmen" x="0.5" y="0.5" width="{w - 1:.0f}" '
               f'height="{h - 1:.0f}"/>')
    out.append("</g>")
    for place in shown:
        x, y = proj(place.lon, place.lat)
        dx, dy, anchor = LABEL_OFFSETS[frame.label_positions.get(place.id, place.label)]
        out.append(f'<a href="{html.escape(urls[place.id])}" class="karte__ort karte__ort--'
                   f'{place.kind}" transform="translate({x:.1f} {y:.1f})">'
                   f'{_symbol(place.kind)}<text x="{dx}" y="{dy}" text-anchor="{anchor}">'
                   f"{html.escape(place.name)}</text></a>")
    out.append("</svg>")
    return "\n".join(out)


def _path_data(polygons, proj: Projection) -> str:
    # Clip to the frame (plus a margin) in degrees, project, drop points closer than 0.7 units.
    f = proj.frame
    margin = 0.3
    box = (f.west - margin, f.south - margin, f.east + margin, f.north + margin)
    parts = []
    for polygon in polygons:
        for ring in polygon:
            clipped = clip_ring([tuple(p) for p in ring], box)
            points = []
            for lon, lat in clipped:
                x, y = proj(lon, lat)
                if not points or abs(x - points[-1][0]) + abs(y - points[-1][1]) >= 0.7:
                    points.append((x, y))
            if len(points) >= 3:
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def clip_ring(ring: list[tuple[float, float]], box) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the part of a ring inside box = (west, south, east, north)."""
    west, south, east, north = box
    tests = [(0, west, 1), (0, east, -1), (1, south, 1), (1, north, -1)]
    points = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    for axis, limit, sign in tests:
        if not points:
            break
        inside = [(p[axis] - limit) * sign >= 0 for p in points]
        result = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside[i] != inside[i - 1]:
                t = (limit - previous[axis]) / (current[axis] - previous[axis])
                other = 1 - axis
                cut = [0.0, 0.0]
                cut[axis] = limit
                cut[other] = previous[other] + t * (current[other] - previous[other])
                result.append(tuple(cut))
            if inside[i]:
                result.append(current)
        points = result
    return points


def point_in_polygon(lon: float, lat: float, polygon) -> bool:
    """Even-odd rule over a GeoJSON polygon (outer ring, then holes)."""
    inside = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _graticule(proj: Projection) -> str:
    f = proj.frame
    step = 1 if f.east - f.west <= 6 else 2
    lines = []
    for lon in range(math.ceil(f.west / step) * step, math.floor(f.east) + 1, step):
        x, _ = proj(lon, 0)
        lines.append(f"M{x:.1f},0V{proj.height:.1f}")
    for lat in range(math.ceil(f.south / step) * step, math.floor(f.north) + 1, step):
        _, y = proj(0, lat)
        lines.append(f"M0,{y:.1f}H{proj.width:.1f}")
    return f'<path class="karte__gradnetz" d="{"".join(lines)}"/>'


def _scale_bar(proj: Projection) -> str:
    # A round length up to a quarter of the width: 1, 2 or 5 times a power of ten kilometres.
    target = proj.width / 4 / proj.units_per_km
    power = 10 ** math.floor(math.log10(target))
    km = max(m * power for m in (1, 2, 5) if m * power <= target)
    length = km * proj.units_per_km
    x0, y0 = 16.0, proj.height - 18
    return (f'<g class="karte__massstab"><path d="M{x0:.1f},{y0 - 6:.1f}V{y0:.1f}H{x0 + length:.1f}'
            f'V{y0 - 6:.1f}M{x0 + length / 2:.1f},{y0:.1f}V{y0 - 4:.1f}"/>'
            f'<text x="{x0 + length + 6:.1f}" y="{y0:.1f}">{km:g} km</text></g>')


def _north_arrow(proj: Projection) -> str:
    x, y = proj.width - 26, 20.0
    return (f'<g class="karte__nordpfeil"><path d="M{x:.1f},{y:.1f}L{x + 8:.1f},{y + 22:.1f}'
            f'L{x:.1f},{y + 16:.1f}L{x - 8:.1f},{y + 22:.1f}Z"/>'
            f'<text x="{x:.1f}" y="{y + 40:.1f}" text-anchor="middle">N</text></g>')


def _symbol(kind: str) -> str:
    # Drawn around (0, 0); the link around it is moved to the place.
    if kind == "capital":
        return '<circle class="karte__symbol" r="6.5"/><circle class="karte__kern" r="2.5"/>'
    if kind == "airbase":
        return '<path class="karte__symbol" d="M0,-8L7.5,5.5H-7.5Z"/>'
    if kind == "naval":
        return '<path class="karte__symbol" d="M0,-7.5L7.5,0L0,7.5L-7.5,0Z"/>'
    return f'<circle class="karte__symbol" r="{5 if kind == "city" else 4}"/>'
