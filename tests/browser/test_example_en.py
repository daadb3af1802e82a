"""The English example explainer in Chromium, as a new explainer looks: every page, light and
dark, desktop and phone, with no axe-core violation and no failed or outside request. Its map,
glossary, timeline and change notice are styled by the generator's stylesheets, which `make new`
copies into a new explainer (the example links to them)."""
from __future__ import annotations

import json

import pytest

from conftest import run_mkdocs

from .conftest import NOT_FOUND_PAGE, ROOT, SiteServer, axe_violations, goto

pytestmark = pytest.mark.browser

EXAMPLE = ROOT / "tests" / "example-en"
PAGES = ["", *(f"{md.stem}/" for md in sorted((EXAMPLE / "docs").glob("*.md"))
               if md.stem != "index"), NOT_FOUND_PAGE]


@pytest.fixture(scope="module")
def example_url(tmp_path_factory):
    """The example built with --strict and served at the root of a local address."""
    dest = tmp_path_factory.mktemp("example-en")
    result = run_mkdocs("build", "--strict", "--site-dir", str(dest), cwd=EXAMPLE)
    assert result.returncode == 0, result.stderr
    server = SiteServer(dest, "/").start()
    yield server.url
    server.stop()


@pytest.mark.parametrize("example_page", PAGES, ids=lambda p: p.rstrip("/") or "home")
def test_example_page_is_accessible_and_clean(new_tab, example_url, example_page, scheme, device):
    tab = new_tab(phone=device == "phone", scheme=scheme)
    goto(tab, example_url, example_page)
    violations = axe_violations(tab.page)
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    assert tab.traffic.problems() == []


def test_example_map_is_drawn_with_the_generators_stylesheet(new_tab, example_url):
    # Without map.css the sea is filled black and both label sets (wide, narrow) show at once.
    tab = new_tab()
    goto(tab, example_url, "")
    sea, narrow = tab.page.evaluate("""() => {
        const svg = document.querySelector('figure.karte svg');
        const sea = svg.querySelector('.karte__meer');
        const narrow = svg.querySelector('.karte__schrift--narrow');
        return [getComputedStyle(sea).fill, narrow && getComputedStyle(narrow).display];
    }""")
    assert sea not in ("rgb(0, 0, 0)", "black")
    assert narrow == "none"
