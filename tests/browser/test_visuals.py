"""Map and timeline in the real browser, light and dark, desktop and phone.

Each test stores a screenshot under test-artifacts/visuals/ (git-ignored) for a person to look at.
"""
from __future__ import annotations

import re

import pytest

from .conftest import ROOT, goto

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "visuals"
MAP_PAGES = {"uebersicht": "", "kueste": "bases/"}

# Every <text> of the map with its box on screen, in CSS pixels.
_TEXT_BOXES = """svg => [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
})"""


def _shot(locator, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    locator.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.parametrize("frame", list(MAP_PAGES))
def test_map_fits_the_screen_and_no_two_names_overlap(new_tab, site_url, scheme, device, frame):
    tab = new_tab(phone=device == "phone", scheme=scheme)
    goto(tab, site_url, MAP_PAGES[frame])
    figure = tab.page.locator("figure.karte")
    svg = figure.locator("svg.karte__svg")
    svg.scroll_into_view_if_needed()
    _shot(figure, f"karte-{frame}-{scheme}-{device}")
    box = svg.bounding_box()
    viewport = tab.page.viewport_size["width"]
    assert box["width"] > 0.8 * min(viewport, 700) and box["x"] + box["width"] <= viewport
    boxes = svg.evaluate(_TEXT_BOXES)
    assert len(boxes) >= 8
    overlaps = [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a["left"] < b["right"] - 1 and b["left"] < a["right"] - 1
                and a["top"] < b["bottom"] - 1 and b["top"] < a["bottom"] - 1]
    assert overlaps == []
    smallest = min(b["bottom"] - b["top"] for b in boxes)
    assert smallest >= 9, f"a map name is only {smallest:.1f} px high"


def test_map_colours_keep_names_readable_in_both_schemes(new_tab, site_url, scheme):
    tab = new_tab(scheme=scheme)
    goto(tab, site_url, "")
    colours = tab.page.evaluate("""() => {
        const fill = sel => getComputedStyle(document.querySelector(sel)).fill;
        return {place: fill('.karte__ort text'), land: fill('.karte__land'),
                highlight: fill('.karte__land--hervorgehoben'), sea: fill('.karte__meer'),
                seaName: fill('.karte__name--sea'), page: getComputedStyle(document.body).backgroundColor};
    }""")
    for ground in ("land", "highlight"):
        assert _contrast(colours["place"], colours[ground]) >= 4.5, (ground, colours)
    assert _contrast(colours["seaName"], colours["sea"]) >= 4.5, colours
    # The map follows the scheme: dark land on a dark page, light land on a light page.
    assert (_luminance(colours["land"]) < 0.2) == (scheme == "dark"), colours


def test_timeline_shows_every_date_and_its_dot_stands_out(new_tab, site_url, scheme, device):
    tab = new_tab(phone=device == "phone", scheme=scheme)
    goto(tab, site_url, "timeline/")
    timeline = tab.page.locator(".zeitleiste")
    _shot(timeline, f"zeitleiste-{scheme}-{device}")
    times = timeline.locator("h2 time")
    assert times.count() >= 3
    for index in range(times.count()):
        assert times.nth(index).is_visible()
    dot, page_bg = tab.page.evaluate("""() => [
        getComputedStyle(document.querySelector('.zeitleiste__datum'), '::before').backgroundColor,
        getComputedStyle(document.body).backgroundColor]""")
    assert _contrast(dot, page_bg) >= 3, (dot, page_bg)  # WCAG 1.4.11, graphical objects
    width = tab.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]


def _rgb(css: str) -> tuple[float, float, float]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)[:3]]
    assert len(values) == 3, css
    return tuple(values)


def _luminance(css: str) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in _rgb(css))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_map_and_timeline_print_in_black_on_white(new_tab, site_url):
    tab = new_tab(scheme="dark")  # print must not inherit the dark screen colours
    goto(tab, site_url, "")
    tab.page.emulate_media(media="print")
    colours = tab.page.evaluate("""() => {
        const style = sel => getComputedStyle(document.querySelector(sel));
        return {land: style('.karte__land').fill, place: style('.karte__ort text').fill,
                symbol: style('.karte__ort .karte__symbol').fill,
                arrow: style('.karte__nordpfeil path').fill};
    }""")
    assert colours == {"land": "rgb(255, 255, 255)", "place": "rgb(0, 0, 0)",
                       "symbol": "rgb(0, 0, 0)", "arrow": "rgb(0, 0, 0)"}
    _shot(tab.page.locator("figure.karte"), "karte-uebersicht-print")
    goto(tab, site_url, "timeline/")
    tab.page.emulate_media(media="print")
    dot = tab.page.evaluate("getComputedStyle(document.querySelector('.zeitleiste__datum'), "
                            "'::before').backgroundColor")
    assert dot == "rgb(0, 0, 0)"
