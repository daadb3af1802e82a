"""Maps: places.yml checks, outlines derived from the frames, projection, label layout, SVG
output, links, and the maps of the real site."""
from __future__ import annotations

import json
import logging
import math
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
import yaml
from mkdocs.exceptions import Abort

from conftest import BUILD_EPOCH, ROOT, hook_path
from explainer.data import DataError, load_yaml, parse_yaml
from explainer.map import geometry, labels, outlines, svg
from explainer.map.build import OUTLINES_FILE
from explainer.map.places import parse_places
from explainer.strings import for_language

SVG = "{http://www.w3.org/2000/svg}"
OUTLINES = ROOT / OUTLINES_FILE
WORLD_ATLAS = ROOT / outlines.ATLAS
DE = for_language("de")


@pytest.fixture(scope="module")
def atlas():
    return outlines.load_outlines(OUTLINES, OUTLINES_FILE)


@pytest.fixture(scope="module")
def project():
    loaded = parse_places(load_yaml(ROOT / "places.yml", "places.yml"), "places.yml")
    return loaded.places, loaded.frames


def _render(frame, places, atlas, urls, ident, strings=DE):
    layouts = svg.frame_layouts(frame, places)
    return svg.render_svg(frame, places, svg.frame_drawing(frame, atlas, layouts), layouts, urls,
                          ident, strings)


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, re.S)
            if 'class="karte__svg"' in m]


def _path_rings(d: str) -> list[list[tuple[float, float]]]:
    return [[tuple(map(float, p.split(","))) for p in ring.split("L")]
            for ring in re.findall(r"M([^MZ]+)Z", d)]


# --- unit tests of the pure functions ---------------------------------------------------------

def test_every_place_of_the_project_lies_inside_syria_on_natural_earth(project, atlas):
    places, _ = project
    syria = atlas.countries["Syria"]
    for place in places.values():
        assert any(geometry.point_in_polygon(place.lon, place.lat, poly) for poly in syria), place.id


def test_point_in_polygon_tells_neighbours_apart(atlas):
    # Beirut (35.50 E, 33.89 N) is in Lebanon, not in Syria; Damascus the other way round.
    lebanon, syria = atlas.countries["Lebanon"], atlas.countries["Syria"]
    assert any(geometry.point_in_polygon(35.50, 33.89, p) for p in lebanon)
    assert not any(geometry.point_in_polygon(35.50, 33.89, p) for p in syria)
    assert not any(geometry.point_in_polygon(36.29, 33.51, p) for p in lebanon)


@pytest.mark.parametrize("frame_id", ["uebersicht", "kueste"])
def test_projected_places_land_inside_syrias_projected_outline_in_the_svg(project, atlas, frame_id):
    places, frames = project
    frame = frames[frame_id]
    svg = ET.fromstring(_render(frame, places, atlas, {p: "#" for p in places}, "k"))
    syria = svg.find(f".//{SVG}path[@class='karte__land karte__land--hervorgehoben']")
    rings = _path_rings(syria.get("d"))
    markers = svg.findall(f"{SVG}a")
    assert len(markers) == len(frame.places)
    for link in markers:
        x, y = map(float, re.fullmatch(r"translate\(([\d.]+) ([\d.]+)\)",
                                       link.get("transform")).groups())
        # Inside, or (for a port on a coast drawn with fewer points) within one unit of it.
        inside = any(geometry.point_in_polygon(x, y, [ring]) for ring in rings)
        assert inside or min(_distance_to_ring(x, y, r) for r in rings) < 1.0, \
            link.find(f"{SVG}text").text


def _distance_to_ring(x, y, ring):
    best = math.inf
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        length = (x2 - x1) ** 2 + (y2 - y1) ** 2 or 1e-12
        t = max(0.0, min(1.0, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / length))
        best = min(best, math.dist((x, y), (x1 + t * (x2 - x1), y1 + t * (y2 - y1))))
    return best


def test_projection_maps_the_frame_corners_to_the_viewbox_corners(project):
    _, frames = project
    frame = frames["kueste"]
    proj = geometry.Projection(frame)
    assert proj(frame.west, frame.north) == (0, 0)
    x, y = proj(frame.east, frame.south)
    assert math.isclose(x, geometry.WIDTH) and math.isclose(y, proj.height)


def test_scale_bar_matches_great_circle_distance_between_two_places(project):
    places, frames = project
    proj = geometry.Projection(frames["kueste"])
    a, b = places["hmeimim"], places["tartus"]
    (xa, ya), (xb, yb) = proj(a.lon, a.lat), proj(b.lon, b.lat)
    on_map_km = math.dist((xa, ya), (xb, yb)) / proj.units_per_km
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi, dlam = phi2 - phi1, math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    true_km = 2 * 6371.0088 * math.asin(math.sqrt(h))
    assert abs(on_map_km - true_km) / true_km < 0.01


def test_scale_bar_label_is_a_round_number_of_kilometres(project, atlas):
    places, frames = project
    for frame in frames.values():
        svg = ET.fromstring(_render(frame, places, atlas, {p: "#" for p in places}, "k"))
        scale = svg.findall(f".//{SVG}text[@class='karte__name karte__name--scale']")
        assert len(scale) == len(labels.LAYOUTS)  # one per layout, the same length
        assert len({t.text for t in scale}) == 1
        assert re.fullmatch(r"(1|2|5)0* km", scale[0].text), scale[0].text


def test_clip_ring_cuts_a_square_to_the_box():
    square = [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)]
    clipped = geometry.clip_ring(square, (1, 1, 2, 5))
    assert sorted(set(clipped)) == [(1, 1), (1, 4), (2, 1), (2, 4)]
    assert geometry.clip_ring(square, (10, 10, 11, 11)) == []


def test_clip_ring_keeps_a_ring_inside_the_box_and_drops_one_beside_it():
    square = [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)]
    assert geometry.clip_ring(square, (0, 0, 4, 4)) == square[:-1]   # on the edges is inside
    assert geometry.clip_ring(square, (-1, 5, 5, 6)) == []           # above it, x overlapping
    assert geometry.clip_ring([], (0, 0, 1, 1)) == []


def test_svg_is_well_formed_accessible_and_byte_identical_when_rendered_twice(project, atlas):
    places, frames = project
    first = _render(frames["uebersicht"], places, atlas, {p: "x/" for p in places}, "k-1")
    again = _render(frames["uebersicht"], places, atlas, {p: "x/" for p in places}, "k-1")
    assert first == again
    svg = ET.fromstring(first)
    assert svg.get("role") == "group"
    assert svg.get("aria-labelledby") == "k-1-titel"
    drawing = svg.find(f"{SVG}g[@class='karte__zeichnung']")
    assert drawing.get("role") == "img"
    assert drawing.get("aria-labelledby") == "k-1-titel"
    assert drawing.get("aria-describedby") == "k-1-beschreibung"
    assert drawing.find(f".//{SVG}a") is None  # the links sit beside the image, not inside it
    assert all(a.get("tabindex") is None for a in svg.iter(f"{SVG}a"))  # reachable by keyboard
    assert svg.find(f"{SVG}title").get("id") == "k-1-titel"
    assert svg.find(f"{SVG}desc").get("id") == "k-1-beschreibung"
    assert "Hmeimim (Luftwaffenstützpunkt)" in svg.find(f"{SVG}desc").text
    texts = list(svg.iter(f"{SVG}text"))
    assert all(float(t.get("textLength")) > 0 and t.get("lengthAdjust") == "spacingAndGlyphs"
               for t in texts)  # every name fitted to the width its layout reserved
    names = [t.text for t in texts]
    for expected in ("Mittelmeer", "SYRIEN", "TÜRKEI", "LIBANON", "ISRAEL", "JORDANIEN", "IRAK",
                     "ZYPERN", "N"):
        assert expected in names


def _broken(change) -> str:
    data = yaml.safe_load((ROOT / "places.yml").read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(DataError) as error:
        parse_places(parse_yaml(yaml.safe_dump(data, allow_unicode=True), "places.yml"),
                     "places.yml")
    return str(error.value)


def test_place_without_a_coordinate_source_stops_the_build():
    message = _broken(lambda d: d["places"][3].pop("source"))
    assert message == "places.yml: place 4 (hmeimim), field 'source': missing or empty"


def test_latitude_out_of_range_names_place_and_field():
    message = _broken(lambda d: d["places"][4].update(lat=134.9))
    assert message == ("places.yml: place 5 (tartus), field 'lat': expected a number from -90 "
                       "to 90, found 134.9")


def test_frame_naming_an_unknown_place_stops_the_build():
    message = _broken(lambda d: d["frames"]["kueste"]["places"].append("aleppo"))
    assert message == "places.yml: frame 'kueste', field 'places': unknown place 'aleppo'"


def test_a_place_outside_its_own_frame_is_an_error_not_an_invisible_symbol():
    message = _broken(lambda d: d["frames"]["kueste"]["places"].append("damaskus"))
    assert message.startswith("places.yml: frame 'kueste', field 'places': place 1 (damaskus) "
                              "at 33.513 N, 36.292 E lies outside this frame (34.9 E to 37.3 E, ")


@pytest.mark.parametrize("listed", ["absent", None, []])
def test_a_frame_without_a_list_or_with_an_empty_one_shows_the_places_inside_it(listed):
    data = yaml.safe_load((ROOT / "places.yml").read_text(encoding="utf-8"))
    del data["frames"]["kueste"]["places"]
    data["frames"]["kueste"].pop("label_positions", None)
    if listed != "absent":
        data["frames"]["kueste"]["places"] = listed
    loaded = parse_places(data, "places.yml")
    assert loaded.frames["kueste"].places == ("latakia", "hmeimim", "tartus")


def test_a_place_listed_twice_in_a_frame_stops_the_build():
    message = _broken(lambda d: d["frames"]["uebersicht"]["places"].append("damaskus"))
    assert message == "places.yml: frame 'uebersicht', field 'places': 'damaskus' is listed twice"


@pytest.mark.parametrize("ident, found", [
    (123, "the number 123; write it in quotes, '123'"), (1.5, "the number 1.5"),
    ("Tartus", "'Tartus'"), (None, "nothing")])
def test_a_place_id_that_is_no_id_says_what_was_written(ident, found):
    message = _broken(lambda d: d["places"][4].update(id=ident))
    assert message == ("places.yml: place 5, field 'id': expected lower-case letters, digits "
                       f"and '-', found {found}")


@pytest.mark.parametrize("link", ["bases.md#h)x", "bases.md#a b", "bases.md#<b>"])
def test_a_link_that_would_break_the_captions_markdown_stops_the_build(link):
    message = _broken(lambda d: d["places"][4].update(link=link))
    assert message == ("places.yml: place 5 (tartus), field 'link': expected a page such as "
                       f"'bases.md#tartus', found {link!r}")


def test_a_country_name_outside_its_frame_says_so_not_that_it_overlaps():
    message = _broken(lambda d: d["frames"]["kueste"]["labels"].append(
        {"text": "Niger", "lat": 10, "lon": 10}))
    assert message == ("places.yml: frame 'kueste', label 5 (Niger): at 10 N, 10 E lies outside "
                       "this frame (34.9 E to 37.3 E, 34.3 N to 36.3 N); move it inside or widen "
                       "the frame")


@pytest.mark.parametrize("change, where", [
    (lambda d: d["places"][4].update(name="Tar\x01tus"), "place 5 (tartus), field 'name'"),
    (lambda d: d["places"][4].update(variants=["Tar\x1btous"]),
     "place 5 (tartus), field 'variants'"),
    (lambda d: d["frames"]["kueste"].update(title="K\x7fste"), "frame 'kueste', field 'title'")])
def test_a_control_character_in_a_text_stops_the_build_naming_entry_and_field(change, where):
    message = _broken(change)
    assert message.startswith(f"places.yml: {where}: a control character (U+00")
    assert message.endswith(") in the text; remove it")


@pytest.mark.parametrize("change, where", [
    (lambda d: d["places"][4].update(name="Port\n\nMeridian"), "place 5 (tartus), field 'name'"),
    (lambda d: d["places"][4].update(variants=["a\n- b"]), "place 5 (tartus), field 'variants'"),
    (lambda d: d["frames"]["kueste"].update(title="Title one\n\n- list item"),
     "frame 'kueste', field 'title'"),
    (lambda d: d["frames"]["kueste"]["labels"][0].update(text="Mittel\n\nmeer"),
     "frame 'kueste', label 1, field 'text'")])
def test_a_name_or_title_of_more_than_one_line_stops_the_build(change, where):
    message = _broken(change)
    assert message.startswith(f"places.yml: {where}: expected one line, found ")
    assert message.endswith(" (no line breaks)")


@pytest.mark.parametrize("change, where", [
    (lambda d: d["places"][4].update(name="Tartus [@ft]"), "place 5 (tartus), field 'name'"),
    (lambda d: d["places"][4].update(variants=["Tartous [-@ft]"]),
     "place 5 (tartus), field 'variants'"),
    (lambda d: d["frames"]["kueste"].update(title="Die Küste [@ft, S. 2]"),
     "frame 'kueste', field 'title'"),
    (lambda d: d["frames"]["kueste"]["labels"][0].update(text="Mittelmeer [@ria]"),
     "frame 'kueste', label 1, field 'text'"),
    (lambda d: d.update(credit="Koordinaten nach [@ft]"), "field 'credit'")])
def test_a_citation_in_a_maps_text_stops_the_build(change, where):
    # No page's text: it would show as typed, and the page's check would blame the page.
    assert _broken(change) == (f"places.yml: {where}: a map's text cannot cite (it would show "
                               f"as typed, '[@…]'); cite on the page that shows the map")


def test_an_address_or_an_escaped_bracket_in_a_maps_text_is_no_citation():
    data = yaml.safe_load((ROOT / "places.yml").read_text(encoding="utf-8"))
    data["credit"] = "Fragen an karte@example.org, \\[@ft] und `[@ft]`"
    assert parse_places(data, "places.yml").credit == data["credit"]


@pytest.mark.parametrize("text, lines", [
    ("Lis\r\r# Hacked heading\r\r- item", 5), ("Lis\r\nbon", 2), ("Lis\u2028bon", 2),
    ("Lis\u2029bon", 2)])
def test_a_line_break_python_markdown_or_a_browser_reads_is_no_line_of_one(text, lines):
    # Python-Markdown reads a CR as a line end (the caption got a heading and a list); a
    # browser breaks the line at U+2028 and U+2029.
    for change, where in [
            (lambda d: d["places"][4].update(name=text), "place 5 (tartus), field 'name'"),
            (lambda d: d["places"][4].update(variants=[text]), "place 5 (tartus), field 'variants'"),
            (lambda d: d["frames"]["kueste"].update(title=text), "frame 'kueste', field 'title'")]:
        assert _broken(change) == (f"places.yml: {where}: expected one line, found {lines} "
                                   "(no line breaks)")


def test_an_unknown_field_is_a_warning_naming_entry_and_field():
    data = yaml.safe_load((ROOT / "places.yml").read_text(encoding="utf-8"))
    data["places"][0]["lable"] = "e"
    assert parse_places(data, "places.yml").warnings[0].startswith(
        "places.yml: place 1 (damaskus), field 'lable': unknown field, ignored (expected ")


def _frame_data(**frame):
    return {"places": [{"id": "hafen", "name": "Hafen", "kind": "city", "lat": 66, "lon": 175,
                        "source": "x", "link": "index.md"}],
            "frames": {"karte": {"title": "Karte", **frame}}}


@pytest.mark.parametrize("box, message", [
    ({"west": 170, "east": 170.00001, "south": 62, "north": 70},
     "field 'east': the frame spans 1e-05° from 'west' to 'east'; a map spans at least 0.01° "
     "(about 1 km) each way"),
    ({"west": 170, "east": 179.9, "south": 66, "north": 66.001},
     "field 'north': the frame spans 0.001° from 'south' to 'north'; a map spans at least 0.01° "
     "(about 1 km) each way"),
    ({"west": 174.99, "east": 175.01, "south": 62, "north": 70},
     "field 'north': on the map the frame is 983 times as high as it is wide; a map is "
     "from 1/4 to 4 times as high as it is wide (move 'south' and 'north', or 'west' and "
     "'east')")])
def test_a_frame_too_small_or_too_thin_for_a_map_stops_the_build(box, message):
    with pytest.raises(DataError) as error:
        parse_places(_frame_data(**box), "places.yml")
    assert str(error.value) == f"places.yml: frame 'karte', {message}"


@pytest.mark.parametrize("box", [
    {"west": -9.2, "east": -9.19, "south": 38.7, "north": 38.71},
    {"west": 170.07, "east": 170.08, "south": 62.07, "north": 62.08}])
def test_a_frame_that_spans_exactly_the_least_each_way_is_a_map(box):
    # In binary floating point -9.19 - -9.2 is 0.00999…: it was refused as less than 0.01°.
    frame = parse_places(_frame_data(**box), "places.yml").frames["karte"]
    assert (frame.west, frame.east, frame.south, frame.north) == tuple(box.values())


def test_a_place_no_map_shows_and_a_map_without_places_are_warnings():
    data = _frame_data(west=170, east=179.9, south=62, north=70)
    data["places"].append({"id": "fern", "name": "Fern", "kind": "city", "lat": 10, "lon": 10,
                           "source": "x", "link": "index.md"})
    data["frames"]["leer"] = {"title": "Leer", "west": 0, "east": 1, "south": 50, "north": 51}
    data["frames"]["liste"] = {"title": "Liste", "west": 170, "east": 179, "south": 62,
                               "north": 70, "places": ["hafen"]}
    data["places"].append({"id": "nah", "name": "Nah", "kind": "city", "lat": 63, "lon": 171,
                           "source": "x", "link": "index.md"})
    data["frames"]["karte"]["places"] = ["hafen"]
    assert parse_places(data, "places.yml").warnings == (
        "places.yml: frame 'leer': no place lies inside this frame (0 E to 1 E, 50 N to 51 N), "
        "so its map shows none; add one or widen the frame",
        "places.yml: place 2 (fern): no map shows this place (at 10 N, 10 E it lies outside "
        "every frame)",
        "places.yml: place 3 (nah): no map shows this place (no frame lists it)")


# --- outlines: derived from the frames, checked against them ------------------------------------

def test_a_frame_outside_the_committed_outlines_names_the_frame_and_the_command(project, atlas):
    _, frames = project
    data = yaml.safe_load((ROOT / "places.yml").read_text(encoding="utf-8"))
    data["frames"]["nordsee"] = {"title": "Nordsee", "west": 3, "east": 9, "south": 52,
                                 "north": 56, "places": []}
    far = parse_places(data, "places.yml").frames
    with pytest.raises(DataError) as error:
        outlines.check_coverage(far, atlas, "places.yml", OUTLINES_FILE)
    assert str(error.value) == (
        f"places.yml: frame 'nordsee': lies outside the country outlines in {OUTLINES_FILE} "
        "(they cover 30 E to 45 E, 28 N to 40 N); run `make map-data` to derive them for every frame")
    outlines.check_coverage(frames, atlas, "places.yml", OUTLINES_FILE)  # the real ones fit


def test_a_frame_at_the_date_line_or_a_pole_is_covered_by_outlines_up_to_the_edge():
    frames = parse_places(_frame_data(west=170, east=179.9, south=62, north=70), "p").frames
    bounds = outlines.bounds_for(frames)
    assert bounds == (169.0, 61.0, 180.0, 71.0)
    outlines.check_coverage(frames, outlines.Outlines(bounds, {}), "places.yml", OUTLINES_FILE)
    polar = parse_places(_frame_data(west=150, east=180, south=80, north=90), "p").frames
    outlines.check_coverage(polar, outlines.Outlines(outlines.bounds_for(polar), {}),
                            "places.yml", OUTLINES_FILE)


@pytest.mark.parametrize("coordinates", [5, [[[1, 2, 3]]], [[["a", 2]]], [[5]]])
def test_an_outline_that_is_no_multipolygon_names_the_feature_not_a_traceback(tmp_path,
                                                                               coordinates):
    (tmp_path / "o.geojson").write_text(json.dumps({"bounds": [0, 0, 60, 60], "features": [
        {"properties": {"name": "X"}, "geometry": {"coordinates": coordinates}}]}))
    with pytest.raises(DataError) as error:
        outlines.load_outlines(tmp_path / "o.geojson", OUTLINES_FILE)
    assert str(error.value) == (
        f"{OUTLINES_FILE}: feature 1 (X): not a country outline file made by `make map-data` "
        "(expected a MultiPolygon's coordinates: polygons of rings of [lon, lat] points)")


def test_outline_bounds_are_the_frames_plus_a_margin_in_whole_degrees(project):
    _, frames = project
    assert outlines.bounds_for(frames) == (30, 28, 45, 40)  # frames: 31.6-43.6 E, 29.4-38.2 N


def _topo(*squares):
    # A TopoJSON with one square country per (name, west, south, size), unquantized.
    arcs, geometries = [], []
    for name, west, south, size in squares:
        ring = [(west, south), (west + size, south), (west + size, south + size),
                (west, south + size), (west, south)]
        arcs.append([list(ring[0])] + [[b[0] - a[0], b[1] - a[1]] for a, b in zip(ring, ring[1:])])
        geometries.append({"type": "Polygon", "arcs": [[len(arcs) - 1]],
                           "properties": {"name": name}})
    return {"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]},
            "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
            "arcs": arcs}


def test_extract_keeps_every_country_reaching_into_the_bounds_clipped_to_them():
    result = outlines.extract(_topo(("Inside", 1, 1, 2), ("Across", 4, 1, 4), ("Far", 20, 20, 1)),
                              (0, 0, 6, 6))
    assert [f["properties"]["name"] for f in result["features"]] == ["Across", "Inside"]
    across = result["features"][0]["geometry"]["coordinates"][0][0]
    assert max(lon for lon, _ in across) == 6 and min(lon for lon, _ in across) == 4
    assert result["bounds"] == [0, 0, 6, 6]


def test_the_committed_outlines_are_what_make_map_data_derives_from_the_pinned_world_atlas(
        tmp_path):
    assert WORLD_ATLAS.is_file(), "npm ci installs world-atlas (package.json)"
    out = tmp_path / "outlines.geojson"
    result = subprocess.run([sys.executable, "-m", "explainer.map.outlines", "--places",
                             str(ROOT / "places.yml"), "--atlas", str(WORLD_ATLAS), "--out",
                             str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == OUTLINES.read_bytes()
    assert "17 countries in 30 E to 45 E, 28 N to 40 N: Akrotiri, Armenia" in result.stdout


def test_map_data_refuses_an_atlas_that_is_not_the_pinned_one(tmp_path):
    fake = tmp_path / "countries-10m.json"
    fake.write_text(json.dumps(_topo(("A", 0, 0, 1))), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "explainer.map.outlines", "--places",
                             str(ROOT / "places.yml"), "--atlas", str(fake), "--out",
                             str(tmp_path / "out.geojson")], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 1 and not (tmp_path / "out.geojson").exists()
    assert "not the countries-10m.json of world-atlas 2.0.2" in result.stderr


# --- builds: tiny sites and the real site -------------------------------------------------------

def _map_site(tmp_path, tiny_site, pages, *, places=None, strict=False, extra=""):
    (tmp_path / "data/naturalearth").mkdir(parents=True, exist_ok=True)
    shutil.copy(OUTLINES, tmp_path / OUTLINES_FILE)
    text = places or (ROOT / "places.yml").read_text(encoding="utf-8")
    theme = "" if "theme:" in extra else "theme:\n  name: mkdocs\n  locale: de\n"
    return tiny_site(pages, config=f"markdown_extensions: [md_in_html]\n{theme}"
                            f"hooks:\n  - {hook_path('map')}\n{extra}",
                     files={"places.yml": text}, strict=strict)


_PAGES = {"index.md": "# Start\n\n<!-- karte: uebersicht -->\n",
          "bases.md": "# Basen\n\n## Hmeimim\n\n## Tartus\n\n<!-- karte: kueste -->\n",
          "withdrawal.md": "# Abzug\n\n## Mindestens 400 Soldaten aus der Region Damaskus\n\n"
                           "<!-- karte: damaskus -->\n"}


def test_map_links_are_relative_to_the_page_that_shows_the_map(tmp_path, tiny_site):
    site = _map_site(tmp_path, tiny_site, _PAGES)
    index = _svgs((site / "index.html").read_text(encoding="utf-8"))[0]
    links = {a.find(f"{SVG}text").text: a.get("href") for a in index.iter(f"{SVG}a")}
    assert links == {"Damaskus": "withdrawal/", "Hmeimim": "bases/#hmeimim",
                     "Tartus": "bases/#tartus"}
    withdrawal = _svgs((site / "withdrawal/index.html").read_text(encoding="utf-8"))[0]
    links = {a.find(f"{SVG}text").text: a.get("href") for a in withdrawal.iter(f"{SVG}a")}
    assert links == {"Damaskus": "./", "Qudsaya": "#mindestens-400-soldaten-aus-der-region-damaskus"}
    bases = _svgs((site / "bases/index.html").read_text(encoding="utf-8"))[0]
    links = {a.find(f"{SVG}text").text: a.get("href") for a in bases.iter(f"{SVG}a")}
    assert links == {"Latakia": "#hmeimim", "Hmeimim": "#hmeimim", "Tartus": "#tartus"}


def test_list_beside_the_map_links_the_same_places(tmp_path, tiny_site):
    site = _map_site(tmp_path, tiny_site, _PAGES)
    html = (site / "index.html").read_text(encoding="utf-8")
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', caption) == [
        ("withdrawal/", "Damaskus"), ("bases/#hmeimim", "Hmeimim"), ("bases/#tartus", "Tartus")]
    assert "Hmeimim</a> (auch Chmeimim, Khmeimim, Hmeymim): Luftwaffenstützpunkt" in caption


def test_markup_characters_in_title_name_and_variant_show_as_written_in_the_caption(
        tmp_path, tiny_site):
    data = yaml.safe_load((ROOT / "places.yml").read_text(encoding="utf-8"))
    data["frames"]["uebersicht"]["title"] = "Syrien <b>& [Nachbarn]"
    data["places"][0].update(name="<i>Dam*as*kus</i>", variants=["a_b_", "C#"])
    site = _map_site(tmp_path, tiny_site, _PAGES, places=yaml.safe_dump(data, allow_unicode=True))
    caption = re.search(r"<figcaption>(.*?)</figcaption>",
                        (site / "index.html").read_text(encoding="utf-8"), re.S).group(1)
    assert "<strong>Syrien &lt;b&gt;&amp; [Nachbarn].</strong>" in caption
    assert ('<a href="withdrawal/">&lt;i&gt;Dam*as*kus&lt;/i&gt;</a> (auch a_b_, C#): '
            "Hauptstadt") in caption
    assert "\\" not in caption


def _with_credit(credit: str) -> str:
    data = yaml.safe_load((ROOT / "places.yml").read_text(encoding="utf-8"))
    data["credit"] = credit
    return yaml.safe_dump(data, allow_unicode=True)


def test_the_credit_is_a_line_of_inline_markdown_without_attributes_or_raw_html(tmp_path,
                                                                               tiny_site):
    credit = ('*Wikipedia*{: onclick="alert(1)" } <b>x</b> & [Basen](bases.md#tartus), '
              '[OSM](https://www.openstreetmap.org/)')
    site = _map_site(tmp_path, tiny_site, _PAGES, places=_with_credit(credit),
                     extra="markdown_extensions: [attr_list, md_in_html]\n")
    html = (site / "index.html").read_text(encoding="utf-8")
    assert ('<p><small class="karte__quelle">Kartengrundlage: Natural Earth (gemeinfrei), Grenzen '
            'ohne völkerrechtliche Aussage; <em>Wikipedia</em>{: onclick="alert(1)" } '
            '&lt;b&gt;x&lt;/b&gt; &amp; <a href="bases/#tartus">Basen</a>, '
            '<a href="https://www.openstreetmap.org/">OSM</a>.</small></p>') in html
    bases = (site / "bases/index.html").read_text(encoding="utf-8")
    assert '<a href="./#tartus">Basen</a>' in bases and 'data-karte="' not in bases


@pytest.mark.parametrize("credit, note", [
    ("From Wikipedia.", "From Wikipedia."), ("See <em>Wikipedia.</em>", "See <em>Wikipedia.</em>"),
    ('<a href="x">Really?</a>', '<a href="x">Really?</a>'), ("OSM!", "OSM!"),
    ("OSM", "OSM."), ("<em>OSM</em>", "<em>OSM</em>."), ("", "")])
def test_the_note_under_a_map_ends_with_one_period(credit, note):
    # A credit ending in a sentence's end got a second period ("From Wikipedia..").
    base = "Base map: Natural Earth (public domain); borders imply no view on their legal status"
    assert svg.note_html(for_language("en"), credit) == (
        f'<small class="karte__quelle">{base}{"; " + note if note else "."}</small>')


@pytest.mark.parametrize("credit, problem", [
    ("Credit one\n\n## Credit heading", "expected one paragraph of inline Markdown, found p, h2 "
                                         "(no blank lines, lists or headings)"),
    ("[x](javascript:alert(1))", "link 'javascript:alert(1)': write https://…, http://…, "
                                 "mailto:… or a page's path under docs/ (like 'page:')"),
    ("![x](https://example.org/t.png)", "an image ('https://example.org/t.png') is not allowed; "
                                        "write a link"),
    ("[x](nirgends.md)", "link 'nirgends.md': no page 'nirgends.md'")])
def test_a_credit_that_is_no_line_or_links_nowhere_stops_the_build(tmp_path, tiny_site, caplog,
                                                                   credit, problem):
    with pytest.raises(Abort):
        _map_site(tmp_path, tiny_site, _PAGES, places=_with_credit(credit))
    assert _errors(caplog) == [f"places.yml: field 'credit': {problem}"]


def test_a_site_in_english_gets_the_maps_words_in_english(tmp_path, tiny_site):
    site = _map_site(tmp_path, tiny_site, _PAGES, extra="theme:\n  name: mkdocs\n  locale: en\n")
    html = (site / "index.html").read_text(encoding="utf-8")
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1)
    assert "Places on the map:" in caption
    assert "Hmeimim</a> (also Chmeimim, Khmeimim, Hmeymim): Air base" in caption
    assert "Base map: Natural Earth (public domain)" in caption
    desc = _svgs(html)[0].find(f"{SVG}desc").text
    assert desc.startswith("Map: Syrien und seine Nachbarn, with country borders. Marked: "
                           "Damaskus (Capital); Hmeimim (Air base)")
    for german in ("Orte", "auch", "Karte", "Hauptstadt", "Kartengrundlage"):
        assert german not in caption.replace("Koordinaten der Orte", "") + desc


def test_a_map_marker_inside_an_admonition_shows_the_map_there(tmp_path, tiny_site):
    pages = dict(_PAGES, **{"index.md": "# Start\n\n!!! note \"Karte\"\n\n"
                                         "    <!-- karte: uebersicht -->\n"})
    site = _map_site(tmp_path, tiny_site, pages, extra="markdown_extensions: [admonition, "
                                                        "md_in_html]\n")
    html = (site / "index.html").read_text(encoding="utf-8")
    admonition = re.search(r'<div class="admonition note">.*?</figure>', html, re.S)
    assert admonition and len(_svgs(admonition.group(0))) == 1
    # a figure of its own in the admonition: not inside a paragraph, no stray attribute
    assert re.search(r'<p class="admonition-title">Karte</p>\s*<figure class="karte '
                     r'karte--uebersicht">\s*<svg ', admonition.group(0))
    assert "markdown=" not in html and "<p><figure" not in html


def test_a_site_without_places_yml_builds_with_maps_off(tmp_path, tiny_site, caplog):
    with caplog.at_level(logging.INFO):
        tiny_site({"index.md": "# Start\n"}, config=f"markdown_extensions: [md_in_html]\n"
                                                     f"hooks:\n  - {hook_path('map')}\n",
                  strict=True)
    assert "map: no places.yml beside mkdocs.yml: maps are off" in caplog.messages


def test_a_places_yml_of_comments_only_leaves_maps_off_and_says_so(tiny_site, caplog):
    with caplog.at_level(logging.INFO):
        tiny_site({"index.md": "# Start\n"}, config=f"markdown_extensions: [md_in_html]\n"
                                                     f"hooks:\n  - {hook_path('map')}\n",
                  files={"places.yml": "# places: and frames: go here\n"}, strict=True)
    assert "map: places.yml has no places and frames: maps are off" in caplog.messages


def test_a_map_marker_without_places_yml_is_a_warning(tmp_path, tiny_site, caplog):
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        tiny_site({"index.md": "# Start\n\n<!-- karte: x -->\n"},
                  config=f"markdown_extensions: [md_in_html]\nhooks:\n  - {hook_path('map')}\n",
                  strict=True)
    assert "map: docs/index.md:3: the page asks for a map, but there is no places.yml" in \
        caplog.messages


def test_a_frame_outside_the_outlines_stops_the_build_naming_frame_and_command(tmp_path,
                                                                             tiny_site, caplog):
    places = (ROOT / "places.yml").read_text(encoding="utf-8") + (
        "  nordsee:\n    title: Nordsee\n    west: 3\n    east: 9\n    south: 52\n"
        "    north: 56\n    places: []\n")
    with pytest.raises(Abort):
        _map_site(tmp_path, tiny_site, _PAGES, places=places)
    assert _errors(caplog) == [
        f"places.yml: frame 'nordsee': lies outside the country outlines in {OUTLINES_FILE} "
        "(they cover 30 E to 45 E, 28 N to 40 N); run `make map-data` to derive them for every frame"]


_IBERIA = """\
places:
  - id: lisbon
    name: Lisbon
    kind: capital
    lat: 38.722
    lon: -9.139
    source: "Wikipedia, article Lisbon: 38°43′N 9°08′W"
    link: index.md
frames:
  iberia:
    title: Portugal and Spain
    west: -10
    east: 4
    south: 36
    north: 44
    highlight: Portugal
    labels:
      - {text: Spain, lat: 40.0, lon: -3.7}
      - {text: Atlantic Ocean, lat: 42.5, lon: -8.5, kind: sea}
"""


def test_a_map_of_another_region_builds_from_outlines_derived_for_its_frame(tmp_path,
                                                                            tiny_site):
    (tmp_path / "data/naturalearth").mkdir(parents=True)
    (tmp_path / "places.yml").write_text(_IBERIA, encoding="utf-8")
    assert outlines.main(["--places", str(tmp_path / "places.yml"), "--atlas", str(WORLD_ATLAS),
                          "--out", str(tmp_path / OUTLINES_FILE)]) == 0
    derived = outlines.load_outlines(tmp_path / OUTLINES_FILE, OUTLINES_FILE)
    assert derived.bounds == (-11, 35, 5, 45)
    assert {"Portugal", "Spain", "France", "Morocco"} <= set(derived.countries)
    assert "Syria" not in derived.countries
    site = tiny_site({"index.md": "# Iberia\n\n<!-- karte: iberia -->\n"},
                     config=f"markdown_extensions: [md_in_html]\ntheme:\n  name: mkdocs\n"
                            f"  locale: en\nhooks:\n  - {hook_path('map')}\n", strict=True)
    map_svg = _svgs((site / "index.html").read_text(encoding="utf-8"))[0]
    portugal = map_svg.find(f".//{SVG}path[@class='karte__land karte__land--hervorgehoben']")
    link = map_svg.find(f"{SVG}a")
    x, y = map(float, re.fullmatch(r"translate\(([\d.]+) ([\d.]+)\)",
                                   link.get("transform")).groups())
    assert any(geometry.point_in_polygon(x, y, [ring]) for ring in _path_rings(portugal.get("d")))
    names = [t.text for t in map_svg.iter(f"{SVG}text")]
    assert "SPAIN" in names and "Atlantic Ocean" in names and "Lisbon" in names


def _highlighting(country: str) -> str:
    # The project's places.yml with another country highlighted in the overview frame.
    return (ROOT / "places.yml").read_text(encoding="utf-8").replace(
        "highlight: Syria", f"highlight: {country}", 1)


@pytest.mark.parametrize("name, hint", [
    ("Syrien", ""),                       # the German name: no typo, the list says the right one
    ("Syira", " (did you mean 'Syria'?)")])
def test_a_highlight_that_is_no_country_of_the_outlines_is_a_warning_naming_frame_and_field(
        tmp_path, tiny_site, caplog, name, hint):
    places = _highlighting(name)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        _map_site(tmp_path, tiny_site, _PAGES, places=places, strict=True)
    assert [m for m in caplog.messages if "'highlight'" in m] == [
        f"map: places.yml: frame 'uebersicht', field 'highlight': no country '{name}' in "
        f"{OUTLINES_FILE}{hint} (its Natural Earth names: Akrotiri, Armenia, Azerbaijan, Cyprus, "
        "Cyprus U.N. Buffer Zone, Dhekelia, Egypt, Iran, Iraq, Israel, Jordan, Lebanon, "
        "N. Cyprus, Palestine, Saudi Arabia, Syria, Turkey)"]


@pytest.mark.parametrize("name", ["Armenia",      # north of the frame
                                  "Iran"])        # east of it, only in the margin drawn beyond
def test_a_highlight_outside_its_frame_is_a_warning_naming_frame_and_field(
        tmp_path, tiny_site, caplog, name):
    places = _highlighting(name)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        _map_site(tmp_path, tiny_site, _PAGES, places=places, strict=True)
    assert [m for m in caplog.messages if "'highlight'" in m] == [
        f"map: places.yml: frame 'uebersicht', field 'highlight': '{name}' lies outside the "
        f"frame (west 31.6, east 43.6, south 29.4, north 38.2); the map highlights nothing"]


def test_a_highlight_inside_its_frame_gives_no_warning(tmp_path, tiny_site, caplog):
    places = _highlighting("Cyprus")
    with caplog.at_level(logging.WARNING):
        site = _map_site(tmp_path, tiny_site, _PAGES, places=places, strict=True)
    assert not [m for m in caplog.messages if "'highlight'" in m]
    assert "karte__land--hervorgehoben" in (site / "index.html").read_text(encoding="utf-8")


def test_two_builds_give_byte_identical_pages_with_maps(tmp_path, tiny_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)  # the page footer carries the build time
    site = _map_site(tmp_path, tiny_site, _PAGES)
    first = (site / "index.html").read_bytes()
    shutil.rmtree(site)
    site = _map_site(tmp_path, tiny_site, _PAGES)
    assert (site / "index.html").read_bytes() == first


def test_link_to_a_missing_page_is_a_plugin_error_naming_the_place(tmp_path, tiny_site, caplog):
    places = (ROOT / "places.yml").read_text(encoding="utf-8").replace(
        "link: bases.md#tartus", "link: basen.md#tartus")
    with pytest.raises(Abort):  # MkDocs reports the PluginError and aborts
        _map_site(tmp_path, tiny_site, _PAGES, places=places)
    assert _errors(caplog) == [
        "places.yml: place 5 (tartus), field 'link': page 'basen.md' does not exist in docs/"]


def test_link_to_a_page_exclude_docs_leaves_out_is_a_plugin_error(tmp_path, tiny_site, caplog):
    pages = {**_PAGES, "index.md": "# Start\n\n<!-- karte: uebersicht -->\n\n## Tartus\n"}
    places = (ROOT / "places.yml").read_text(encoding="utf-8").replace(
        "link: bases.md#tartus", "link: draft.md#tartus")
    with pytest.raises(Abort):
        _map_site(tmp_path, tiny_site, {**pages, "draft.md": "# Entwurf\n\n## Tartus\n"},
                  places=places, extra="exclude_docs: draft.md\n")
    assert _errors(caplog) == [
        "places.yml: place 5 (tartus), field 'link': page 'draft.md' is not a page of the site "
        "(exclude_docs or draft_docs leaves it out)"]


def _errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]


def test_missing_anchor_of_a_place_is_a_warning_naming_the_place_and_fails_strict(
        tmp_path, tiny_site, caplog):
    # Without `validation: anchors: warn` too: MkDocs' own message (about the page that shows
    # the map) is then only INFO.
    pages = dict(_PAGES, **{"bases.md": "# Basen\n\n## Hmeimim\n\n<!-- karte: kueste -->\n"})
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        _map_site(tmp_path, tiny_site, pages, strict=True)
    assert [m for m in caplog.messages if m.startswith("map:")] == [
        "map: places.yml: place 5 (tartus), field 'link': docs/bases.md has no anchor '#tartus'"]


def test_map_hook_needs_no_markdown_extension_in_mkdocs_yml(tmp_path, tiny_site):
    # The figure is made of element blocks (explainer.html_blocks), which the hook adds itself.
    (tmp_path / "data/naturalearth").mkdir(parents=True)
    shutil.copy(OUTLINES, tmp_path / OUTLINES_FILE)
    site = tiny_site(_PAGES, config=f"hooks:\n  - {hook_path('map')}\n", strict=True,
                     files={"places.yml": (ROOT / "places.yml").read_text(encoding="utf-8")})
    html = (site / "index.html").read_text(encoding="utf-8")
    assert len(_svgs(html)) == 1 and "markdown=" not in html and "///" not in html


def test_a_frame_no_page_shows_is_a_warning_though_another_is_shown(tmp_path, tiny_site, caplog):
    pages = dict(_PAGES, **{"bases.md": "# Basen\n\n## Hmeimim\n\n## Tartus\n"})
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        _map_site(tmp_path, tiny_site, pages, strict=True)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "map: places.yml: frame 'kueste': no page shows this map (write <!-- karte: kueste --> "
        "on a line of its own where it goes)"]


def test_the_map_marker_has_an_english_name_too(tmp_path, tiny_site, caplog):
    pages = dict(_PAGES, **{"index.md": "# Start\n\n<!-- map: uebersicht -->\n"})
    with caplog.at_level(logging.WARNING):
        site = _map_site(tmp_path, tiny_site, pages, strict=True)
    assert len(_svgs((site / "index.html").read_text(encoding="utf-8"))) == 1
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_unknown_frame_is_a_warning_naming_file_line_and_frame(tmp_path, tiny_site, caplog):
    pages = dict(_PAGES, **{"index.md": "---\ntitle: Start\n---\n\n# Start\n\nText\n\n"
                                         "<!-- karte: kuste -->\n"})
    with caplog.at_level(logging.WARNING):
        site = _map_site(tmp_path, tiny_site, pages)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert [w for w in warnings if "kuste" in w] == [
        "map: docs/index.md:9: unknown map frame 'kuste' (did you mean 'kueste'?) (frames in "
        "places.yml: uebersicht, damaskus, kueste)"]
    assert "<svg" not in (site / "index.html").read_text(encoding="utf-8")


def test_real_site_shows_the_overview_on_index_and_the_coast_on_bases(site_dir, project):
    places, frames = project
    for page, frame_id in (("index.html", "uebersicht"), ("bases/index.html", "kueste")):
        html = (site_dir / page).read_text(encoding="utf-8")
        svgs = _svgs(html)
        assert len(svgs) == 1, page
        svg = svgs[0]
        assert svg.find(f"{SVG}title").text == frames[frame_id].title
        shown = [a.find(f"{SVG}text").text for a in svg.iter(f"{SVG}a")]
        assert shown == [places[p].name for p in frames[frame_id].places]
        for link in svg.iter(f"{SVG}a"):
            target, _, anchor = link.get("href").partition("#")
            target_html = (site_dir / page).parent / target / "index.html" if target else \
                site_dir / page
            assert target_html.is_file(), link.get("href")
            if anchor:
                assert f'id="{anchor}"' in target_html.read_text(encoding="utf-8"), anchor


# --- label layout: the same boxes in every font ---------------------------------------------

def test_text_width_is_the_sum_of_conservative_advances_and_grows_with_bold_and_capitals():
    regular, bold = labels.Style(10), labels.Style(10, bold=True)
    assert labels.text_width("il", regular) == pytest.approx((0.30 + 0.30) * 10)
    assert labels.text_width("Tartus", bold) > labels.text_width("Tartus", regular)
    capitals = labels.Style(10, upper=True, tracking=0.1)
    assert labels.text_width("Syrien", capitals) == pytest.approx(
        labels.text_width("SYRIEN", labels.Style(10)) + 6 * 0.1 * 10)
    # Accented letters as their base letter; another script still gets a width.
    assert labels.text_width("Tartūs", regular) == labels.text_width("Tartus", regular)
    assert labels.text_width("دمشق", regular) > 0 and labels.text_width("東京", regular) == 20


def _place_labels(*items):
    return [labels.PlaceLabel(f"place '{key}'", name, x, y, pos) for key, name, x, y, pos in items]


def test_a_place_name_takes_its_preferred_side_when_free_and_another_when_not():
    free = labels.lay_out("wide", 600, 400, _place_labels(("a", "Alpha", 300, 200, "e")), [], [], [])
    text = free.places["place 'a'"]
    assert (text.anchor, text.box.left > 300) == ("start", True) and free.problems == []
    blocked = labels.lay_out("wide", 600, 400, _place_labels(("a", "Alpha", 300, 200, "e")), [],
                             [], [("a box", labels.Box(305, 150, 500, 250))])
    text = blocked.places["place 'a'"]
    assert text.anchor == "end" and text.box.right < 300 and blocked.problems == []


def test_a_place_name_at_the_edge_turns_inward():
    layout = labels.lay_out("narrow", 600, 400, _place_labels(("a", "Mittelmeerhafen", 590, 200,
                                                                "e")), [], [], [])
    box = layout.places["place 'a'"].box
    assert box.right <= 600 - labels.MARGIN and layout.problems == []


def test_a_country_name_cut_by_the_edge_is_moved_inside():
    area = labels.AreaLabel("label 1 (Ägypten)", "Ägypten", "land", 5, 390, "middle")
    layout = labels.lay_out("narrow", 600, 400, [], [area], [], [])
    box = layout.areas[0].box
    assert box.inside(600, 400, labels.MARGIN) and layout.problems == []


def test_a_country_or_sea_name_wider_than_the_map_is_reported_not_cut_in_silence(
        tmp_path, tiny_site, caplog):
    long = "Östliches Mittelmeer (Levantinisches Becken)"
    places = (ROOT / "places.yml").read_text(encoding="utf-8").replace(
        "{text: Mittelmeer, lat: 32.75,", f"{{text: {long}, lat: 32.75,", 1)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        _map_site(tmp_path, tiny_site, _PAGES, places=places, strict=True)
    assert [m for m in caplog.messages if "places.yml" in m] == [
        f"map: places.yml: frame 'uebersicht', label 1 ({long}): the name does not fit inside "
        "the map on a phone"]


def test_names_that_cannot_be_separated_are_reported_with_both_keys_and_the_layout():
    places = _place_labels(("a", "Alpha", 100, 100, "e"))
    crowd = [("the crowd", labels.Box(0, 0, 600, 400))]
    layout = labels.lay_out("narrow", 600, 400, places, [], [], crowd)
    assert layout.problems == ["place 'a': the name overlaps the crowd on a phone"]


def test_a_symbol_under_the_north_arrow_or_on_another_places_point_is_reported():
    # d covers b's point (Qudsaya beside Damascus on a map of the region); e lies clear of both.
    places = _place_labels(("a", "A", 390, 20, "w"), ("b", "B", 100, 150, "e"),
                           ("c", "C", 100.4, 150.2, "w"), ("d", "D", 96.5, 148.3, "w"),
                           ("e", "E", 108, 154, "e"))
    assert labels.hidden_symbols(places, [("the north arrow", labels.Box(380, 10, 396, 32))]) == [
        "place 'a': the symbol lies under the north arrow (move the frame's edge away from it)",
        "place 'c': the symbol covers the point of place 'b' (0.4 units apart; show one of the "
        "two here, the other on a frame closer in)",
        "place 'd': the symbol covers the point of place 'b' (3.9 units apart; show one of the "
        "two here, the other on a frame closer in)",
        "place 'd': the symbol covers the point of place 'c' (4.3 units apart; show one of the "
        "two here, the other on a frame closer in)"]


def test_two_places_too_close_for_a_frame_are_a_warning_naming_frame_and_places(
        tmp_path, tiny_site, caplog):
    # Qudsaya lies 7 km from Damascus: on the map of the region its dot sat on the capital's.
    data = yaml.safe_load((ROOT / "places.yml").read_text(encoding="utf-8"))
    data["frames"]["uebersicht"]["places"].insert(1, "qudsaya")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        _map_site(tmp_path, tiny_site, _PAGES, places=yaml.safe_dump(data, allow_unicode=True),
                  strict=True)
    assert ("map: places.yml: frame 'uebersicht', place 2 (qudsaya): the symbol covers the "
            "point of place 1 (damaskus) (3.9 units apart; show one of the two here, the other "
            "on a frame closer in)") in caplog.messages


def test_a_name_over_the_scale_bar_and_its_length_names_the_scale_bar_once():
    places = _place_labels(("a", "Alpha", 100, 100, "e"), ("b", "Beta", 108, 103, "e"))
    fixed = [labels.FixedText("the scale bar", "scale", "50 km", 100, 110, "start")]
    layout = labels.lay_out("wide", 400, 200, places, [], fixed,
                            [("the scale bar", labels.Box(90, 95, 160, 112))])
    assert layout.problems == ["place 'b': the name overlaps the scale bar on a wide screen"]


@pytest.mark.parametrize("frame_id", ["uebersicht", "kueste"])
def test_the_projects_maps_lay_out_without_overlaps_in_both_layouts(project, frame_id):
    places, frames = project
    layouts = svg.frame_layouts(frames[frame_id], places)
    assert set(layouts) == {"wide", "narrow"}
    for layout in layouts.values():
        assert layout.problems == []
        texts = [*layout.places.values(), *layout.areas, *layout.fixed]
        boxes = [t.box for t in texts]
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_the_maps_are_drawn_once_while_their_files_stay_the_same(tmp_path):
    # mkdocs serve rebuilds on every save: the drawings are kept while places.yml and the
    # outlines are unchanged, and drawn again when either changes.
    from explainer.map.build import load_build
    (tmp_path / "data/naturalearth").mkdir(parents=True)
    shutil.copyfile(ROOT / OUTLINES_FILE, tmp_path / OUTLINES_FILE)
    places = (ROOT / "places.yml").read_text(encoding="utf-8")
    (tmp_path / "places.yml").write_text(places, encoding="utf-8")
    first, second = load_build(tmp_path, DE), load_build(tmp_path, DE)
    assert second.drawings is first.drawings and second is not first
    second.add_figure("index.md", next(iter(second.places.frames)))
    assert first.figures == {} and first.shown == set()     # each build its own figures
    (tmp_path / "places.yml").write_text(places.replace("credit:", "credit:  "), encoding="utf-8")
    third = load_build(tmp_path, DE)
    assert third.drawings is not first.drawings and third.drawings == first.drawings
    (tmp_path / "places.yml").write_text("places: [{id: x}]\n", encoding="utf-8")
    with pytest.raises(DataError):
        load_build(tmp_path, DE)
