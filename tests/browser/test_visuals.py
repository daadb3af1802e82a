"""Map and timeline in the real browser, light and dark, desktop and phone.

Each test stores a screenshot under test-artifacts/visuals/ (git-ignored) for a person to look at.
"""
from __future__ import annotations

import re

import pytest
import yaml

from .conftest import ROOT, goto

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "visuals"


def _map_pages() -> dict[str, str]:
    # Every map the site's pages show (its marker in docs/), with the page's URL.
    pages = {}
    for path in sorted((ROOT / "docs").glob("*.md")):
        for frame in re.findall(r"^<!-- karte: (\S+) -->$", path.read_text(encoding="utf-8"),
                                re.M):
            pages[frame] = "" if path.stem == "index" else f"{path.stem}/"
    return pages


MAP_PAGES = _map_pages()

# Fonts a reader's system may pick for the map's sans-serif; Debian packages each (.ci/run
# installs them: fonts-dejavu-core, fonts-liberation, fonts-noto-core).
FONTS = ("DejaVu Sans", "Liberation Sans", "Noto Sans")

# Every shown <text> of the map and every place symbol with its box on screen (CSS pixels), and
# how wide the text would be in this font without the width the layout gave it.
_MEASURE = """svg => {
    const box = e => { const r = e.getBoundingClientRect();
                       return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
    const shown = e => { for (let n = e; n !== svg.parentNode; n = n.parentNode)
                           if (getComputedStyle(n).display === 'none') return false;
                         return true; };
    const texts = [...svg.querySelectorAll('text')].filter(shown).map(t => {
        const free = t.cloneNode(true);
        free.removeAttribute('textLength');
        t.parentNode.append(free);
        const natural = free.getComputedTextLength();
        free.remove();
        return {text: t.textContent, font: getComputedStyle(t).fontFamily,
                fitted: Number(t.getAttribute('textLength')), natural, ...box(t)};
    });
    const symbols = [...svg.querySelectorAll('.karte__ort')].map(a => ({
        text: 'symbol of ' + a.querySelector('text').textContent,
        ...box(a.querySelector('.karte__symbol'))}));
    return {svg: box(svg), texts, symbols};
}"""

# Whether a font is installed: a missing one falls back to monospace and measures the same.
_INSTALLED = """font => {
    const c = document.createElement('canvas').getContext('2d');
    const width = family => { c.font = `40px ${family}`; return c.measureText('Mittelmeer Hg').width; };
    return width(`"${font}", monospace`) !== width('monospace');
}"""


def _shot(locator, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    locator.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _force_font(page, font: str) -> None:
    page.evaluate("""font => {
        let style = document.getElementById('test-font');
        if (!style) { style = document.createElement('style'); style.id = 'test-font';
                      document.head.append(style); }
        style.textContent = `.karte__svg, .karte__svg text { font-family: "${font}" !important; }`;
    }""", font)


def _overlap(a: dict, b: dict, tolerance: float = 0.5) -> bool:
    return (a["left"] < b["right"] - tolerance and b["left"] < a["right"] - tolerance
            and a["top"] < b["bottom"] - tolerance and b["top"] < a["bottom"] - tolerance)


def _label_problems(measured: dict) -> list[str]:
    svg, texts, symbols = measured["svg"], measured["texts"], measured["symbols"]
    problems = [f"{a['text']!r} overlaps {b['text']!r}"
                for i, a in enumerate(texts) for b in texts[i + 1:] if _overlap(a, b)]
    problems += [f"{t['text']!r} covers the {s['text']}" for t in texts for s in symbols
                 if _overlap(t, s)]
    problems += [f"{t['text']!r} is cut off at the map's edge" for t in texts
                 if t["left"] < svg["left"] or t["right"] > svg["right"]
                 or t["top"] < svg["top"] or t["bottom"] > svg["bottom"]]
    # The layout's width per character is the widest font's: a text is never squeezed (at most
    # rounding), and not stretched by more than a third.
    problems += [f"{t['text']!r} is {t['natural']:.0f} wide in this font, fitted to {t['fitted']}"
                 for t in texts if not 0.75 * t["fitted"] <= t["natural"] <= 1.02 * t["fitted"]]
    return problems


@pytest.mark.parametrize("frame", list(MAP_PAGES))
def test_map_names_neither_overlap_nor_leave_the_map_in_any_common_font(new_tab, site_url,
                                                                         device, frame):
    tab = new_tab(phone=device == "phone")
    goto(tab, site_url, MAP_PAGES[frame])
    figure = tab.page.locator("figure.karte")
    svg = figure.locator("svg.karte__svg")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    viewport = tab.page.viewport_size["width"]
    assert box["width"] > 0.8 * min(viewport, 700) and box["x"] + box["width"] <= viewport
    # Every place, the scale bar, the north arrow and the frame's country and sea names.
    frames = yaml.safe_load((ROOT / "places.yml").read_text(encoding="utf-8"))["frames"]
    expected = (len(tab.page.locator("figure.karte figcaption li").all()) + 2
                + len(frames[frame].get("labels", [])))
    problems = {}
    for font in FONTS:
        assert tab.page.evaluate(_INSTALLED, font), \
            f"font {font!r} is not installed (.ci/run installs it with apt-get)"
        _force_font(tab.page, font)
        measured = svg.evaluate(_MEASURE)
        assert {t["font"] for t in measured["texts"]} == {f'"{font}"'}
        assert len(measured["texts"]) == expected, [t["text"] for t in measured["texts"]]
        assert min(t["bottom"] - t["top"] for t in measured["texts"]) >= 9  # readable size
        _shot(figure, f"karte-{frame}-{device}-{font.replace(' ', '-')}")
        if found := _label_problems(measured):
            problems[font] = found
    assert problems == {}


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
                arrow: style('.karte__nordpfeil').fill};
    }""")
    assert colours == {"land": "rgb(255, 255, 255)", "place": "rgb(0, 0, 0)",
                       "symbol": "rgb(0, 0, 0)", "arrow": "rgb(0, 0, 0)"}
    _shot(tab.page.locator("figure.karte"), "karte-uebersicht-print")
    goto(tab, site_url, "timeline/")
    tab.page.emulate_media(media="print")
    dot = tab.page.evaluate("getComputedStyle(document.querySelector('.zeitleiste__datum'), "
                            "'::before').backgroundColor")
    assert dot == "rgb(0, 0, 0)"
