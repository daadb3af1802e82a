"""The map as SVG, and the figure around it (caption and the places as a list of links).

Why a text pass and not a Markdown extension: the figure's list of places is Markdown, so that
MkDocs checks and rewrites its links like any other; the SVG itself must not be parsed as
Markdown, so the figure carries a placeholder that the hook fills after Markdown has run, with
link addresses relative to the page.

The figure, its placeholder and its caption are element blocks (explainer.html_blocks,
`/// element | figure`), not raw HTML with `markdown="1"`: md_in_html reads raw HTML only at the
top level of a page, so a map in an admonition or a list item kept the attribute and its
figure ended up inside a paragraph.
"""
from __future__ import annotations

import html
import math

from ..markup import literal, with_full_stop
from ..strings import Strings
from . import labels
from .geometry import Projection, clip_ring
from .outlines import DRAWN_BEYOND, Outlines
from .places import Frame

SCALE_X, SCALE_Y = 16.0, 18.0  # scale bar: from the left edge, baseline above the bottom edge
NORTH_X, NORTH_Y = 26.0, 20.0  # north arrow: centre from the right edge, tip below the top edge


def figure_markdown(frame: Frame, places: dict, ident: str, strings: Strings) -> str:
    """The figure around the map: SVG placeholder, caption, the places as Markdown links and
    the placeholder of the note under them (note_html)."""
    items = []
    for pid in frame.places:
        place = places[pid]
        also = f" ({strings('map.also', names=', '.join(place.variants))})" if place.variants else ""
        items.append(f'- <span class="karte__symbol karte__symbol--{place.kind}" '
                     f'aria-hidden="true"></span>[{literal(place.name)}]({place.link})'
                     f"{literal(also)}: {strings(f'map.kind.{place.kind}')}")
    return "\n".join([
        "",
        f"//// element | figure.karte.karte--{frame.id}",
        "",
        "/// element | div.karte__bild",           # the placeholder: see placeholder()
        f"    attrs: {{data-karte: {ident}}}",
        "///",
        "",
        "/// element | figcaption",
        "",
        f"**{literal(frame.title)}.** {strings('map.places')}",
        "",
        *items,
        "",
        note_placeholder(ident),
        "",
        "///",
        "////",
        "",
    ])


def placeholder(ident: str) -> str:
    """Where the SVG goes once Markdown has run (the HTML of figure_markdown's inner block)."""
    return f'<div class="karte__bild" data-karte="{ident}"></div>'


def note_placeholder(ident: str) -> str:
    """Where the note under the map goes once Markdown has run: places.yml's credit is a line of
    inline Markdown of its own (explainer.changes.inline), not of the page's Markdown, whose
    extensions (attribute lists, footnotes) would reach into it."""
    return f'<small class="karte__quelle" data-karte="{ident}"></small>'


def note_html(strings: Strings, credit: str) -> str:
    """The note: the base map's credit, then places.yml's credit line (as HTML)."""
    note = html.escape(strings("map.credit"), quote=False) + (f"; {credit}" if credit else "")
    return f'<small class="karte__quelle">{with_full_stop(note)}</small>'


def relative_url(link: str, page_file, files) -> str | None:
    """URL of `page.md#anchor` as seen from page_file (with and without directory URLs)."""
    path, _, anchor = link.partition("#")
    target = files.get_file_from_path(path)
    if target is None:
        return None
    if target.src_uri == page_file.src_uri:
        return f"#{anchor}" if anchor else "./"
    url = target.url_relative_to(page_file)
    return f"{url}#{anchor}" if anchor else url


def frame_layouts(frame: Frame, places: dict) -> dict[str, labels.Layout]:
    """The labels of one map laid out for wide screens and for phones (see labels.py)."""
    proj = Projection(frame)
    w, h = proj.width, proj.height
    place_labels = []
    for pid in frame.places:
        place = places[pid]
        x, y = proj(place.lon, place.lat)
        place_labels.append(labels.PlaceLabel(
            place.entry, place.name, x, y, frame.label_positions.get(pid, place.label)))
    areas = []
    for number, label in enumerate(frame.labels, 1):
        x, y = proj(label.lon, label.lat)
        areas.append(labels.AreaLabel(f"label {number} ({label.text})", label.text, label.kind,
                                      x, y, label.anchor))
    km, length = _scale_length(proj)
    bar = labels.Box(SCALE_X, h - SCALE_Y - 6, SCALE_X + length, h - SCALE_Y)
    arrow = labels.Box(w - NORTH_X - 8, NORTH_Y, w - NORTH_X + 8, NORTH_Y + 22)
    obstacles = [("the scale bar", bar), ("the north arrow", arrow)]
    hidden = labels.hidden_symbols(place_labels, obstacles)
    layouts = {}
    for name, styles in labels.STYLES.items():
        north_y = arrow.bottom + labels.GAP + labels.ASCENT * styles["north"].size
        fixed = [labels.FixedText("the scale bar", "scale", f"{km:g} km",
                                  bar.right + 6, bar.bottom, "start"),
                 labels.FixedText("the north arrow", "north", "N", w - NORTH_X, north_y, "middle")]
        layouts[name] = labels.lay_out(name, w, h, place_labels, areas, fixed, obstacles)
        layouts[name].problems += hidden
    return layouts


def frame_drawing(frame: Frame, outlines: Outlines, layouts: dict[str, labels.Layout]) -> str:
    """What every map of a frame draws alike: sea, countries, graticule, scale bar, north arrow,
    the names of areas and the frame line (SVG elements, one a line). The outlines are clipped
    and projected here, once per frame and build, not for each figure."""
    proj = Projection(frame)
    w, h = proj.width, proj.height
    out = [f'<rect class="karte__meer" x="0" y="0" width="{w:.0f}" height="{h:.0f}"/>']
    for name in sorted(outlines.countries):
        d = _path_data(outlines.countries[name], proj)
        if d:
            cls = "karte__land karte__land--hervorgehoben" if name == frame.highlight else "karte__land"
            out.append(f'<path class="{cls}" d="{d}"/>')
    out.append(_graticule(proj))
    out.append(_scale_bar(proj))
    out.append(_north_arrow(proj))
    for name, layout in layouts.items():
        out.append(f'<g class="karte__schrift karte__schrift--{name}">')
        for text in layout.fixed + layout.areas:
            out.append(_text_element(text, f"karte__name karte__name--{text.kind}"))
        out.append("</g>")
    out.append(f'<rect class="karte__rahmen" x="0.5" y="0.5" width="{w - 1:.0f}" '
               f'height="{h - 1:.0f}"/>')
    return "\n".join(out)


def render_svg(frame: Frame, places: dict, drawing: str, layouts: dict[str, labels.Layout],
               urls: dict[str, str], ident: str, strings: Strings) -> str:
    """The map as inline SVG around the frame's drawing (frame_drawing): deterministic text
    (same input, same bytes)."""
    proj = Projection(frame)
    w, h = proj.width, proj.height
    title_id, desc_id = f"{ident}-titel", f"{ident}-beschreibung"
    shown = [places[p] for p in frame.places]
    desc = strings("map.description", title=frame.title, places="; ".join(
        f"{p.name} ({strings(f'map.kind.{p.kind}')})" for p in shown))
    # The drawing is one image (role="img", named by <title>, described by <desc>); the places
    # are real links beside it in the same SVG, so they cannot sit inside the image: links in
    # role="img" would be nested interactive content. The outer <svg> groups both.
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="karte__svg" viewBox="0 0 {w:.0f} '
           f'{h:.0f}" role="group" aria-labelledby="{title_id}">',
           f'<title id="{title_id}">{html.escape(frame.title)}</title>',
           f'<desc id="{desc_id}">{html.escape(desc)}</desc>',
           f'<g class="karte__zeichnung" role="img" aria-labelledby="{title_id}" '
           f'aria-describedby="{desc_id}">',
           drawing,
           "</g>"]
    for place in shown:
        x, y = proj(place.lon, place.lat)
        texts = "".join(
            _text_element(layout.places[place.entry], f"karte__schrift--{name}",
                          origin=(round(x, 1), round(y, 1)))
            for name, layout in layouts.items())
        out.append(f'<a href="{html.escape(urls[place.id])}" class="karte__ort karte__ort--'
                   f'{place.kind}" transform="translate({x:.1f} {y:.1f})">'
                   f"{_symbol(place.kind)}{texts}</a>")
    out.append("</svg>")
    return "\n".join(out)


def _text_element(text: labels.Text, cls: str, origin: tuple[float, float] = (0.0, 0.0)) -> str:
    # The text is fitted to the width the layout reserved for it, whatever the font.
    style = text.style
    attributes = [f'class="{cls}"', f'x="{text.x - origin[0]:.1f}"', f'y="{text.y - origin[1]:.1f}"',
                  f'font-size="{style.size:g}"']
    if text.anchor != "start":
        attributes.append(f'text-anchor="{text.anchor}"')
    if style.bold:
        attributes.append('font-weight="700"')
    if style.italic:
        attributes.append('font-style="italic"')
    if style.tracking:
        attributes.append(f'letter-spacing="{style.tracking:g}em"')
    attributes.append(f'textLength="{text.length:.1f}" lengthAdjust="spacingAndGlyphs"')
    return f"<text {' '.join(attributes)}>{html.escape(text.text)}</text>"


def _path_data(polygons, proj: Projection) -> str:
    # Clip to the frame (plus a margin) in degrees, project, drop points closer than 0.7 units.
    f = proj.frame
    margin = DRAWN_BEYOND
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


def _scale_length(proj: Projection) -> tuple[float, float]:
    # A round length up to a quarter of the width: 1, 2 or 5 times a power of ten kilometres.
    target = proj.width / 4 / proj.units_per_km
    power = 10 ** math.floor(math.log10(target))
    km = max(m * power for m in (1, 2, 5) if m * power <= target)
    return km, km * proj.units_per_km


def _scale_bar(proj: Projection) -> str:
    _, length = _scale_length(proj)
    x0, y0 = SCALE_X, proj.height - SCALE_Y
    return (f'<path class="karte__massstab" d="M{x0:.1f},{y0 - 6:.1f}V{y0:.1f}H{x0 + length:.1f}'
            f'V{y0 - 6:.1f}M{x0 + length / 2:.1f},{y0:.1f}V{y0 - 4:.1f}"/>')


def _north_arrow(proj: Projection) -> str:
    x, y = proj.width - NORTH_X, NORTH_Y
    return (f'<path class="karte__nordpfeil" d="M{x:.1f},{y:.1f}L{x + 8:.1f},{y + 22:.1f}'
            f'L{x:.1f},{y + 16:.1f}L{x - 8:.1f},{y + 22:.1f}Z"/>')


def _symbol(kind: str) -> str:
    # Drawn around (0, 0); the link around it is moved to the place.
    if kind == "capital":
        return '<circle class="karte__symbol" r="6.5"/><circle class="karte__kern" r="2.5"/>'
    if kind == "airbase":
        return '<path class="karte__symbol" d="M0,-8L7.5,5.5H-7.5Z"/>'
    if kind == "naval":
        return '<path class="karte__symbol" d="M0,-7.5L7.5,0L0,7.5L-7.5,0Z"/>'
    return f'<circle class="karte__symbol" r="{5 if kind == "city" else 4}"/>'
