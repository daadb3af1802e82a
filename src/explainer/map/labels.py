"""Map labels laid out at build time, so that no font on the reader's side can make them collide.

Every name on a map gets a box computed here from a conservative width per character (the widest
of the common sans-serif fonts, DejaVu Sans, measured once) and the tallest ascent and descent
among them (Noto Sans). The SVG then tells the browser to fit each text to exactly that width
(`textLength` with `lengthAdjust="spacingAndGlyphs"`), so the text occupies the same box in any
font: a narrower font is stretched a little, a wider one squeezed. Labels that would overlap
another label or a place's symbol, or leave the map, are moved or reported.

Two layouts are made for every map: one for wide screens and one with larger type for phones,
where the map is drawn at about half its size; CSS shows the one that fits the screen.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

# Advance of a character in em: the largest of DejaVu Sans, Liberation Sans and Noto Sans
# (measured in Chromium, italic as wide as upright), rounded up to 0.05. A letter not listed
# takes its base letter's width (é as e); other scripts a full em when they are wide (CJK) and
# 0.8 em otherwise.
_REGULAR = {
    0.30: "ijl'", 0.35: "I .,:;!|", 0.40: "ft-()/[]", 0.45: "r", 0.50: "J\"", 0.55: "csz",
    0.60: "Lkvxy", 0.65: "FTabdeghnopquß0123456789?", 0.70: "ABEKPSVXYZ", 0.75: "CRU&",
    0.80: "DGHNOQ", 0.85: "w+=", 0.95: "M", 1.00: "Wm%@",
}
_BOLD = {
    0.35: "ijl '", 0.40: "I.,:;!|", 0.45: "f-/", 0.50: "rt()[]", 0.60: "Jcsz\"", 0.65: "Lx",
    0.70: "EFTaekovy0123456789?", 0.75: "CPSYZbdghnpquß", 0.80: "ABKRVX&", 0.85: "DGHNU+=",
    0.90: "OQ", 0.95: "w", 1.00: "M%", 1.05: "m", 1.15: "W@",
}
_WIDTHS = {weight: {char: width for width, chars in table.items() for char in chars}
           for weight, table in (("regular", _REGULAR), ("bold", _BOLD))}
ASCENT, DESCENT = 1.10, 0.32  # em above and below the baseline that any of the fonts may paint
GAP = 2.5  # viewBox units kept free around every label (the halo is 3.5 units wide)
MARGIN = 4.0  # viewBox units kept free inside the map's edge


@dataclass(frozen=True)
class Style:
    """Type of one kind of label: size in viewBox units, weight, italic, tracking in em, capitals."""

    size: float
    bold: bool = False
    italic: bool = False
    tracking: float = 0.0
    upper: bool = False


# Per layout: the type of each kind of label. "wide" is shown above 30em screen width, "narrow" below.
STYLES = {
    "wide": {"place": Style(17, bold=True), "land": Style(15, tracking=0.06, upper=True),
             "sea": Style(18, italic=True, tracking=0.12), "scale": Style(14),
             "north": Style(14, bold=True)},
    "narrow": {"place": Style(23, bold=True), "land": Style(19, tracking=0.06, upper=True),
               "sea": Style(22, italic=True, tracking=0.12), "scale": Style(19),
               "north": Style(19, bold=True)},
}
LAYOUTS = tuple(STYLES)
LAYOUT_NAMES = {"wide": "on a wide screen", "narrow": "on a phone"}

# Where a place's name sits next to its symbol, tried in this order after the preferred one.
POSITIONS = ("e", "w", "ne", "nw", "se", "sw", "n", "s")
SYMBOL_RADIUS = 8.0  # every symbol fits in a circle of this radius around its place
# Nudges tried for a country or sea name, in multiples of its height: stay close to where it was put.
_NUDGES = ((0, 0), (0, -1), (0, 1), (-1, 0), (1, 0), (0, -2), (0, 2), (-2, 0), (2, 0))


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "Box") -> bool:
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)

    def grown(self, by: float) -> "Box":
        return Box(self.left - by, self.top - by, self.right + by, self.bottom + by)

    def inside(self, width: float, height: float, margin: float) -> bool:
        return (self.left >= margin and self.top >= margin and self.right <= width - margin
                and self.bottom <= height - margin)

    def fits(self, width: float, height: float, margin: float) -> bool:
        """Small enough to lie inside, wherever it is now."""
        return (self.right - self.left <= width - 2 * margin
                and self.bottom - self.top <= height - 2 * margin)


@dataclass(frozen=True)
class Text:
    """One laid-out label: draw `text` at (x, y) with this anchor, fitted to `length`."""

    key: str  # who asked for it, for messages: "place 5 (tartus)", "label 2 (Syrien)"
    kind: str  # place | land | sea | scale | north
    text: str
    x: float
    y: float
    anchor: str
    length: float
    style: Style
    box: Box


def displayed(text: str, style: Style) -> str:
    """The characters drawn: capitals where the style asks for them."""
    return text.upper() if style.upper else text


def text_width(text: str, style: Style) -> float:
    """Width in viewBox units that any of the common sans-serif fonts fits into."""
    widths = _WIDTHS["bold" if style.bold else "regular"]
    ems = sum(_char_width(char, widths) + style.tracking for char in displayed(text, style))
    return ems * style.size


def _char_width(char: str, widths: dict[str, float]) -> float:
    if char in widths:
        return widths[char]
    base = unicodedata.normalize("NFD", char)[0]
    if base in widths:
        return widths[base]
    if unicodedata.combining(char):
        return 0.0
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.8


def text_box(x: float, y: float, anchor: str, width: float, style: Style) -> Box:
    """The box a text can paint in any of the fonts, baseline at y, anchored at x."""
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - ASCENT * style.size, left + width, y + DESCENT * style.size)


def place_offset(position: str, style: Style) -> tuple[float, float, str]:
    """(dx, dy, text-anchor) of a place's name from its symbol's centre, for a compass position."""
    r, s = SYMBOL_RADIUS + GAP, style.size
    d = 0.71 * r  # a diagonal position touches the circle at 45 degrees
    return {
        "e": (r, (ASCENT - DESCENT) / 2 * s, "start"),
        "w": (-r, (ASCENT - DESCENT) / 2 * s, "end"),
        "n": (0.0, -r - DESCENT * s, "middle"),
        "s": (0.0, r + ASCENT * s, "middle"),
        "ne": (d, -d - DESCENT * s, "start"),
        "nw": (-d, -d - DESCENT * s, "end"),
        "se": (d, d + ASCENT * s, "start"),
        "sw": (-d, d + ASCENT * s, "end"),
    }[position]


@dataclass(frozen=True)
class PlaceLabel:
    key: str
    text: str
    x: float
    y: float
    preferred: str


@dataclass(frozen=True)
class FixedText:
    key: str
    kind: str
    text: str
    x: float
    y: float
    anchor: str


@dataclass(frozen=True)
class AreaLabel:
    key: str
    text: str
    kind: str  # land | sea
    x: float
    y: float
    anchor: str


@dataclass
class Layout:
    """The labels of one map in one layout, and what could not be placed cleanly."""

    name: str
    places: dict[str, Text]
    areas: list[Text]
    fixed: list[Text]
    problems: list[str]


def lay_out(name: str, width: float, height: float, places: list[PlaceLabel],
            areas: list[AreaLabel], fixed: list[FixedText], obstacles: list[tuple[str, Box]]
            ) -> Layout:
    """Place every label of one map without overlaps, inside the map; report what cannot be.

    `fixed` texts stay where they are (scale bar, north arrow); `obstacles` are boxes no label
    may cover, with the name a message gives them. Place names go first (they are the links),
    each at its preferred position or the first free one; country and sea names then move by
    at most two of their heights to find room.
    """
    styles = STYLES[name]
    taken = [(key, box.grown(GAP)) for key, box in obstacles]
    taken += [(p.key, symbol_box(p.x, p.y)) for p in places]
    layout = Layout(name, {}, [], [], [])
    for item in fixed:
        placed = _text(item.key, item.kind, item.text, item.x, item.y, item.anchor, styles[item.kind])
        layout.fixed.append(placed)
        taken.append((placed.key, placed.box.grown(GAP)))
    for label in places:
        if not symbol_box(label.x, label.y).inside(width, height, 0):
            layout.problems.append(f"{label.key}: the symbol is cut by the map's edge (move the "
                                   f"frame's edge away from it)")
        placed = _place(label, styles["place"], width, height, taken, layout)
        layout.places[label.key] = placed
        taken.append((placed.key, placed.box.grown(GAP)))
    for label in areas:
        placed = _area(label, styles[label.kind], width, height, taken, layout)
        layout.areas.append(placed)
        taken.append((placed.key, placed.box.grown(GAP)))
    return layout


def hidden_symbols(places: list[PlaceLabel], obstacles: list[tuple[str, Box]]) -> list[str]:
    """Symbols are not moved like names: one under the scale bar or the north arrow, or one
    that covers another place's point (two places a few kilometres apart on a map of a
    country), would hide in silence. The same in every layout."""
    problems = []
    for number, label in enumerate(places):
        symbol = symbol_box(label.x, label.y)
        under = [key for key, box in obstacles if symbol.overlaps(box)]
        if under:
            problems.append(f"{label.key}: the symbol lies under {', '.join(under)} (move the "
                            f"frame's edge away from it)")
        problems += [f"{label.key}: the symbol covers the point of {other.key} "
                     f"({math.dist((other.x, other.y), (label.x, label.y)):.1f} units apart; show "
                     f"one of the two here, the other on a frame closer in)"
                     for other in places[:number]
                     if math.dist((other.x, other.y), (label.x, label.y)) < SYMBOL_RADIUS]
    return problems


def symbol_box(x: float, y: float) -> Box:
    """The square around a place's symbol."""
    return Box(x - SYMBOL_RADIUS, y - SYMBOL_RADIUS, x + SYMBOL_RADIUS, y + SYMBOL_RADIUS)


def _text(key: str, kind: str, text: str, x: float, y: float, anchor: str, style: Style) -> Text:
    width = text_width(text, style)
    return Text(key, kind, displayed(text, style), round(x, 1), round(y, 1), anchor, round(width, 1),
                style, text_box(round(x, 1), round(y, 1), anchor, round(width, 1), style))


def _place(label: PlaceLabel, style: Style, width: float, height: float, taken, layout) -> Text:
    # The preferred position if it is free and inside the map, else the first that is.
    order = (label.preferred, *(p for p in POSITIONS if p != label.preferred))
    options = []
    for position in order:
        dx, dy, anchor = place_offset(position, style)
        placed = _text(label.key, "place", label.text, label.x + dx, label.y + dy, anchor, style)
        hits = [key for key, box in taken if key != label.key and placed.box.overlaps(box)]
        inside = placed.box.inside(width, height, MARGIN)
        if inside and not hits:
            return placed
        options.append((not inside, len(hits), placed, hits))
    outside, _, placed, hits = min(options, key=lambda o: o[:2])
    _report(layout, placed, hits, outside)
    return placed


def _area(label: AreaLabel, style: Style, width: float, height: float, taken, layout) -> Text:
    # Where the editor put it, else nudged by up to two heights; moved inside the map where it
    # fits (to a tenth of a unit), reported where it is wider or taller than the map.
    first = None
    step = (ASCENT + DESCENT) * style.size
    for nx, ny in _NUDGES:
        placed = _text(label.key, label.kind, label.text, label.x + nx * step, label.y + ny * step,
                       label.anchor, style)
        placed = _clamped(placed, width, height)
        hits = [key for key, box in taken if placed.box.overlaps(box)]
        if not hits:
            _report(layout, placed, hits, not placed.box.fits(width, height, MARGIN))
            return placed
        first = first or (placed, hits)
    _report(layout, first[0], first[1], not first[0].box.inside(width, height, MARGIN))
    return first[0]


def _clamped(placed: Text, width: float, height: float) -> Text:
    # Move a text inside the map's edge (keeping its anchor), if it fits at all.
    box = placed.box
    dx = max(0.0, MARGIN - box.left) - max(0.0, box.right - (width - MARGIN))
    dy = max(0.0, MARGIN - box.top) - max(0.0, box.bottom - (height - MARGIN))
    if not dx and not dy:
        return placed
    x, y = round(placed.x + dx, 1), round(placed.y + dy, 1)
    return Text(placed.key, placed.kind, placed.text, x, y, placed.anchor, placed.length, placed.style,
                text_box(x, y, placed.anchor, placed.length, placed.style))


def _report(layout: Layout, placed: Text, hits: list[str], outside: bool) -> None:
    where = LAYOUT_NAMES[layout.name]
    if hits:
        # A place is its symbol and its name, the scale bar its bar and its length: one each.
        layout.problems.append(f"{placed.key}: the name overlaps "
                               f"{', '.join(dict.fromkeys(hits))} {where}")
    if outside:
        layout.problems.append(f"{placed.key}: the name does not fit inside the map {where}")
