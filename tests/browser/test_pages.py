"""Every page of the site, in light and dark, on desktop and on a phone: clean, private, accessible."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from .conftest import NOT_FOUND_PAGE, axe_violations, goto, site_pages

pytestmark = pytest.mark.browser


def test_page_loads_cleanly_stays_on_this_machine_and_fits_the_screen(new_tab, site_url, page_path,
                                                                      scheme, device):
    visit = _visit(new_tab, site_url, page_path, scheme, device)
    assert visit["requests"], "the page made no request at all"
    assert visit["problems"] == []
    assert visit["scheme"] == ("slate" if scheme == "dark" else "default")
    width, screen = visit["widths"]
    assert width <= screen, f"page is {width} px wide on a {screen} px screen"


def test_page_has_no_accessibility_violations(new_tab, site_url, page_path, scheme, device):
    violations = _visit(new_tab, site_url, page_path, scheme, device)["violations"]
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)


def test_page_head_has_language_description_canonical_and_open_graph(built_site, site_url, page_path):
    html = (built_site / _file_of(page_path)).read_text(encoding="utf-8")
    head = _Head()
    head.feed(html)
    assert head.lang == "de"
    assert head.meta.get("description", "").strip()
    assert head.meta.get("og:title", "").strip()
    assert head.meta.get("og:description") == head.meta["description"]
    if page_path != NOT_FOUND_PAGE:  # an error page has no canonical address of its own
        assert head.canonical == site_url + page_path
        assert head.meta.get("og:url") == site_url + page_path


def test_every_built_page_is_among_the_tested_pages(built_site):
    built = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    assert built == {_file_of(p) for p in site_pages()}


def test_browser_reaches_no_host_but_this_machine(page, traffic, site_url):
    goto(page, site_url, "")
    outcome = page.evaluate("""async () => {
        try { await fetch('https://example.org/'); return 'reached'; }
        catch (e) { return 'blocked'; } }""")
    assert outcome == "blocked"
    assert traffic.outside_requests() == ["https://example.org/"]
    assert any(f.startswith("https://example.org/") for f in traffic.failed)


_VISITS: dict[tuple, dict] = {}


def _visit(new_tab, site_url, page_path, scheme, device) -> dict:
    # One load per page, scheme and device serves both tests above: what the page requested and
    # what went wrong, its width, its colour scheme, and then axe's findings on it.
    key = (site_url, page_path, scheme, device)
    if key not in _VISITS:
        tab = new_tab(phone=device == "phone", scheme=scheme)
        goto(tab, site_url, page_path)
        _VISITS[key] = {
            "requests": list(tab.traffic.requests),
            "problems": tab.traffic.problems(),
            "widths": tab.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"),
            "scheme": tab.page.get_attribute("body", "data-md-color-scheme"),
            "violations": axe_violations(tab.page),
        }
    return _VISITS[key]


def _file_of(page_path: str) -> str:
    return page_path if page_path.endswith(".html") else page_path + "index.html"


class _Head(HTMLParser):
    """lang of <html>, <meta name|property> contents and the canonical link of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.meta: dict[str, str] = {}
        self.canonical = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "meta" and (a.get("name") or a.get("property")):
            self.meta[a.get("name") or a.get("property")] = a.get("content", "")
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
