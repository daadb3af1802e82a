"""places.yml: the places a map can show and the frames (maps) that show them.

Read with the one data loader (explainer.data); every broken entry is a DataError naming the
file, the entry and the field: `places.yml: place 4 (tartus), field 'lat': ...`. A place that a
frame lists but that lies outside that frame is an error too (it would be an invisible symbol).
An unknown field is a warning (the build goes on, `--strict` fails).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..data import DataError, expect_list, expect_mapping, expect_text, expect_text_list, kind_of
from ..citations.scan import has_citation
from ..location import at_entry
from . import labels

KINDS = ("capital", "city", "suburb", "airbase", "naval")  # symbol and word (strings map.kind.*)
AREA_KINDS = ("land", "sea")
ANCHORS = ("start", "middle", "end")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_LINK = re.compile(r"[^\s()<>\[\]\"'`\\]+\Z")     # what stays one address in a Markdown link
_PLACE_FIELDS = {"id", "name", "variants", "kind", "lat", "lon", "source", "link", "label"}
MIN_SPAN = 0.01       # degrees a frame spans at least, each way (about 1 km)
MAX_RATIO = 4.0       # a map is at most this many times as high as wide, or as wide as high
_FRAME_FIELDS = {"title", "west", "east", "south", "north", "places", "label_positions",
                 "labels", "highlight"}


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
    entry: str  # "place 4 (tartus)", for messages

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

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.west, self.south, self.east, self.north

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


@dataclass(frozen=True)
class Places:
    places: dict[str, Place]
    frames: dict[str, Frame]
    credit: str  # optional line about the places' coordinates, shown under every map
    warnings: tuple[str, ...] = ()


def parse_places(data, shown: str) -> Places:
    """places.yml as loaded by explainer.data into places and frames, checked entry by entry."""
    data = expect_mapping(data if data is not None else {}, shown)
    warnings: list[str] = []
    _no_unknown_fields(shown, None, data, {"places", "frames", "credit"}, warnings)
    places: dict[str, Place] = {}
    for number, entry in enumerate(expect_list(data.get("places", []), shown, None, "places"), 1):
        place = _place(shown, number, entry, warnings)
        if place.id in places:
            raise DataError(f"{at_entry(shown, place.entry, 'id')}: '{place.id}' is used twice "
                            f"(first by {places[place.id].entry})")
        places[place.id] = place
    frames_data = expect_mapping(data.get("frames") or {}, shown, None, "frames")
    frames = {str(fid): _frame(shown, str(fid), entry, places, warnings)
              for fid, entry in frames_data.items()}
    warnings += _not_shown(shown, places, frames)
    credit = expect_text(data.get("credit"), shown, None, "credit", required=False) or ""
    _no_citation(credit, shown, None, "credit")
    return Places(places, frames, credit, tuple(warnings))


def _place(shown: str, number: int, entry, warnings: list[str]) -> Place:
    where = f"place {number}"
    entry = expect_mapping(entry, shown, where)
    ident = entry.get("id")
    if not isinstance(ident, str) or not _ID.match(ident):
        raise DataError(f"{at_entry(shown, where, 'id')}: expected lower-case letters, digits "
                        f"and '-', found {_found(ident)}")
    where = f"place {number} ({ident})"
    _no_unknown_fields(shown, where, entry, _PLACE_FIELDS, warnings)
    name, source, link = (expect_text(entry.get(f), shown, where, f)
                          for f in ("name", "source", "link"))
    _one_line(name, shown, where, "name")
    variants = tuple(_one_line(variant, shown, where, "variants") for variant in
                     expect_text_list(entry.get("variants"), shown, where, "variants"))
    kind = entry.get("kind")
    if kind not in KINDS:
        raise DataError(f"{at_entry(shown, where, 'kind')}: expected one of {', '.join(KINDS)}, "
                        f"found {kind!r}")
    label = entry.get("label", "e")
    if label not in labels.POSITIONS:
        raise DataError(f"{at_entry(shown, where, 'label')}: expected one of "
                        f"{', '.join(labels.POSITIONS)}, found {label!r}")
    if not link.partition("#")[0].endswith(".md") or not _LINK.match(link):
        raise DataError(f"{at_entry(shown, where, 'link')}: expected a page such as "
                        f"'bases.md#tartus', found {link!r}")
    return Place(ident, name, variants, kind, _number(shown, where, entry, "lat", -90, 90),
                 _number(shown, where, entry, "lon", -180, 180), source, link, label, where)


def _frame(shown: str, ident: str, entry, places: dict[str, Place], warnings: list[str]
           ) -> Frame:
    where = f"frame '{ident}'"
    if not _ID.match(ident):
        raise DataError(f"{at_entry(shown, where)}: a frame's id uses lower-case letters, digits "
                        f"and '-'")
    entry = expect_mapping(entry, shown, where)
    _no_unknown_fields(shown, where, entry, _FRAME_FIELDS, warnings)
    title = _one_line(expect_text(entry.get("title"), shown, where, "title"), shown, where,
                      "title")
    box = {f: _number(shown, where, entry, f, low, high) for f, low, high in
           (("west", -180, 180), ("east", -180, 180), ("south", -90, 90), ("north", -90, 90))}
    if box["west"] >= box["east"]:
        raise DataError(f"{at_entry(shown, where, 'east')}: must be greater than 'west'")
    if box["south"] >= box["north"]:
        raise DataError(f"{at_entry(shown, where, 'north')}: must be greater than 'south'")
    _check_shape(shown, where, box)
    inside = [p for p in places.values()
              if box["west"] <= p.lon <= box["east"] and box["south"] <= p.lat <= box["north"]]
    shown_ids = expect_text_list(entry.get("places"), shown, where, "places")
    if shown_ids:
        for number, pid in enumerate(shown_ids):
            if pid not in places:
                raise DataError(f"{at_entry(shown, where, 'places')}: unknown place '{pid}'")
            if pid in shown_ids[:number]:
                raise DataError(f"{at_entry(shown, where, 'places')}: '{pid}' is listed twice")
            place = places[pid]
            if place not in inside:
                raise DataError(
                    f"{at_entry(shown, where, 'places')}: {place.entry} at {lat_text(place.lat)}, "
                    f"{lon_text(place.lon)} lies outside this frame ({_box_text(box)}); widen "
                    f"the frame or remove the place from its list")
    else:
        shown_ids = [p.id for p in inside]  # default (also for an empty list): every place inside
        if not shown_ids:
            warnings.append(f"{at_entry(shown, where)}: no place lies inside this frame "
                            f"({_box_text(box)}), so its map shows none; add one or widen the "
                            f"frame")
    positions = expect_mapping(entry.get("label_positions") or {}, shown, where,
                               "label_positions")
    for pid, position in positions.items():
        if pid not in shown_ids or position not in labels.POSITIONS:
            raise DataError(f"{at_entry(shown, where, 'label_positions')}: expected a place of "
                            f"this frame and one of {', '.join(labels.POSITIONS)}, found "
                            f"{pid}: {position!r}")
    names = []
    for number, item in enumerate(expect_list(entry.get("labels") or [], shown, where,
                                              "labels"), 1):
        name = _label(shown, f"{where}, label {number}", item, warnings)
        if not (box["west"] <= name.lon <= box["east"] and box["south"] <= name.lat
                <= box["north"]):               # else the layout's messages blame the edge
            raise DataError(f"{at_entry(shown, f'{where}, label {number} ({name.text})')}: at "
                            f"{lat_text(name.lat)}, {lon_text(name.lon)} lies outside this frame "
                            f"({_box_text(box)}); move it inside or widen the frame")
        names.append(name)
    highlight = expect_text(entry.get("highlight"), shown, where, "highlight", required=False)
    return Frame(ident, title, box["west"], box["east"], box["south"], box["north"],
                 highlight or "", tuple(shown_ids), dict(positions), tuple(names))


def _label(shown: str, where: str, item, warnings: list[str]) -> Label:
    item = expect_mapping(item, shown, where)
    text = _one_line(expect_text(item.get("text"), shown, where, "text"), shown, where, "text")
    where = f"{where} ({text})"
    _no_unknown_fields(shown, where, item, {"text", "lat", "lon", "kind", "anchor"}, warnings)
    kind, anchor = item.get("kind", "land"), item.get("anchor", "middle")
    if kind not in AREA_KINDS:
        raise DataError(f"{at_entry(shown, where, 'kind')}: expected land or sea, found {kind!r}")
    if anchor not in ANCHORS:
        raise DataError(f"{at_entry(shown, where, 'anchor')}: expected start, middle or end, "
                        f"found {anchor!r}")
    return Label(text, _number(shown, where, item, "lat", -90, 90),
                 _number(shown, where, item, "lon", -180, 180), kind, anchor)


def _check_shape(shown: str, where: str, box: dict) -> None:
    # A map is WIDTH units wide: one from a frame of a few metres, or a sliver, would have its
    # scale bar and north arrow outside it.
    # Rounded: -9.19 - -9.2 is 0.00999… in binary floating point, and spans 0.01° as written.
    for field, low, high in (("east", "west", "east"), ("north", "south", "north")):
        span = round(box[high] - box[low], 9)
        if span < MIN_SPAN:
            raise DataError(f"{at_entry(shown, where, field)}: the frame spans "
                            f"{span:g}° from '{low}' to '{high}'; a map spans at "
                            f"least {MIN_SPAN:g}° (about 1 km) each way")
    ratio = (box["north"] - box["south"]) / (
        (box["east"] - box["west"]) * math.cos(math.radians((box["south"] + box["north"]) / 2)))
    if not 1 / MAX_RATIO <= ratio <= MAX_RATIO:
        raise DataError(f"{at_entry(shown, where, 'north')}: on the map the frame is {ratio:.3g} "
                        f"times as high as it is wide; a map is from 1/{MAX_RATIO:g} to "
                        f"{MAX_RATIO:g} times as high as it is wide (move 'south' and 'north', or "
                        f"'west' and 'east')")


def _not_shown(shown: str, places: dict[str, Place], frames: dict[str, Frame]) -> list[str]:
    # A warning for each place no map shows: defined, sourced, and nowhere to be seen.
    warnings = []
    for place in places.values():
        if any(place.id in frame.places for frame in frames.values()):
            continue
        why = ("no frame lists it" if any(frame.contains(place.lon, place.lat)
                                          for frame in frames.values())
               else f"at {lat_text(place.lat)}, {lon_text(place.lon)} it lies outside every frame")
        warnings.append(f"{at_entry(shown, place.entry)}: no map shows this place ({why})")
    return warnings


def _one_line(text: str, shown: str, where: str, field: str) -> str:
    # A name or a title is one line: in the caption's Markdown a line break could start a list
    # or a heading, or end the paragraph. Python-Markdown reads a CR as a line end, as it does
    # CR LF; a browser breaks the line at U+2028 and U+2029 (U+0085 is a control character,
    # refused by the loader).
    lines = len(_LINE_BREAK_RE.split(text))
    if lines > 1:
        raise DataError(f"{at_entry(shown, where, field)}: expected one line, found {lines} "
                        f"(no line breaks)")
    _no_citation(text, shown, where, field)
    return text


def _no_citation(text: str, shown: str, where: str | None, field: str) -> None:
    # A map's texts are no page's: a citation in one would show as typed ('[@…]').
    if has_citation(text):
        raise DataError(f"{at_entry(shown, where, field)}: a map's text cannot cite (it would "
                        f"show as typed, '[@…]'); cite on the page that shows the map")


_LINE_BREAK_RE = re.compile("\r\n|[\n\r\u2028\u2029]")


def _found(value) -> str:
    # What an editor wrote, in their words: a number said to be one (with the quotes that
    # would make it text, where that text is an id), text in quotes.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        quoted = f"; write it in quotes, '{value}'" if _ID.match(str(value)) else ""
        return f"the number {value}{quoted}"
    return f"'{value}'" if isinstance(value, str) else kind_of(value)




def _box_text(box: dict) -> str:
    return (f"{lon_text(box['west'])} to {lon_text(box['east'])}, {lat_text(box['south'])} to "
            f"{lat_text(box['north'])}")


def lon_text(lon: float) -> str:
    """A longitude as an editor reads it: '35.875 E', '9.139 W'."""
    return f"{abs(lon):g} {'E' if lon >= 0 else 'W'}"


def lat_text(lat: float) -> str:
    """A latitude as an editor reads it: '34.915 N', '33.9 S'."""
    return f"{abs(lat):g} {'N' if lat >= 0 else 'S'}"


def _number(shown: str, where: str, entry: dict, field: str, low: float, high: float) -> float:
    value = entry.get(field)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        found = repr(value) if isinstance(value, (int, float, str)) else kind_of(value)
        raise DataError(f"{at_entry(shown, where, field)}: expected a number from {low} to "
                        f"{high}, found {found}")
    return float(value)


def _no_unknown_fields(shown: str, where: str | None, entry: dict, known: set[str],
                       warnings: list[str]) -> None:
    for field in entry:
        if field not in known:
            warnings.append(f"{at_entry(shown, where, field)}: unknown field, ignored (expected "
                            f"{', '.join(sorted(known))})")
