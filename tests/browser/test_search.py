"""Search finds a page by any spelling of a name in glossary.yml, and by umlaut-free spellings.

Types each query into the site's search box in Chromium and reads the results Material shows:
the page that treats the term must be among the first three pages listed. The spellings live
only in two extra fields of the search index (see hooks/glossary.py), never in the pages."""
from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from .conftest import goto

pytestmark = pytest.mark.browser

# query as a reader might type it -> page that treats the term (path below site_url)
VARIANT_QUERIES = [
    ("Chmeimim", "bases/"),
    ("Khmeimim", "bases/"),
    ("Hmaimim", "bases/"),
    ("Hmeymim", "bases/"),
    ("Lattakia", "bases/"),
    ("Tartous", "bases/"),
    ("Qudsayya", "withdrawal/"),
    ("Qudsaya", "withdrawal/"),
    ("Kudsaja", "withdrawal/"),
    ("Fourth Division", "withdrawal/"),
    ("Weißrussland", "withdrawal/"),
    ("Weissrussland", "withdrawal/"),
    ("Abkhazia", "withdrawal/"),
    ("Golani", "actors/"),
    ("Jolani", "actors/"),
    ("al-Dscholani", "actors/"),
    ("al-Julani", "actors/"),
    ("Scharaa", "actors/"),
    ("Haiat Tahrir asch-Scham", "actors/"),
    ("al-Bashir", "actors/"),
    ("Peskow", "actors/"),
    ("Peskov", "actors/"),
    ("Bogdanow", "actors/"),
    ("Bogdanov", "actors/"),
    ("Nowosti", "actors/"),
    ("Novosti", "actors/"),
    ("Kremlin", "actors/"),
    ("Stutzpunkt", "bases/"),
    ("Stuetzpunkt", "bases/"),
    ("Ubergangsregierung", "actors/"),
    ("Uebergangsregierung", "actors/"),
]

# An outlet's name leads to the section that reports what it said and to the sources page, not
# to every page whose footnotes name it (footnotes are left out of the index).
OUTLET_QUERIES = [
    ("Bloomberg", ("actors/", "sources/")),
    ("Reuters", ("actors/", "sources/")),
    ("TASS", ("actors/", "sources/")),
    ("Financial Times", ("actors/", "sources/")),
]


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    """One desktop tab on the home page, reused by every query (the search box keeps no state)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE",
                                  service_workers="block")
    page = context.new_page()
    goto(page, site_url, "")
    yield page
    context.close()


def search(page, site_url: str, query: str) -> list[str]:
    """Type query into the search box; the result pages in Material's order, without repeats."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query)
    # Results of earlier keystrokes may still be showing: wait for those of the whole last word.
    last = quote(query.split()[-1].split("-")[-1].lower(), safe="")
    page.wait_for_function(
        """last => [...document.querySelectorAll('a.md-search-result__link')]
                   .some(a => a.href.toLowerCase().includes(last.toLowerCase()))""", arg=last)
    # The list of an earlier keystroke can match too: wait until it stops changing.
    links = page.locator("a.md-search-result__link")
    hrefs = links.evaluate_all("els => els.map(a => a.href)")
    for _ in range(20):
        page.wait_for_timeout(150)
        again = links.evaluate_all("els => els.map(a => a.href)")
        if again == hrefs:
            break
        hrefs = again
    pages: list[str] = []
    for href in hrefs:
        path = urlsplit(href).path[len(urlsplit(site_url).path):]
        if path not in pages:
            pages.append(path)
    return pages


@pytest.mark.parametrize("query, expected", VARIANT_QUERIES, ids=[q for q, _ in VARIANT_QUERIES])
def test_a_variant_spelling_finds_the_page_that_treats_the_term(search_page, site_url, query,
                                                               expected):
    pages = search(search_page, site_url, query)
    assert expected in pages[:3], f"{query!r}: first pages {pages[:3]}, expected {expected}"


@pytest.mark.parametrize("query, expected", OUTLET_QUERIES, ids=[q for q, _ in OUTLET_QUERIES])
def test_an_outlet_leads_to_what_it_reported_and_to_the_sources(search_page, site_url, query,
                                                               expected):
    pages = search(search_page, site_url, query)
    assert set(expected) <= set(pages[:3]), f"{query!r}: first pages {pages[:3]}"


def test_variant_query_shows_no_hidden_text_and_highlights_the_real_word(search_page, site_url):
    search(search_page, site_url, "Stuetzpunkt")
    shown = search_page.locator(".md-search-result").inner_text()
    # the spelling exists only in the index, never as text shown to readers
    assert "stuetzpunkt" not in shown.lower()
    search(search_page, site_url, "Chmeimim")
    search_page.locator("a.md-search-result__link[href*='bases/']").first.click()
    # Material highlights once the search index has arrived, some time after the load event
    search_page.locator("article mark[data-md-highlight]").first.wait_for()
    marks = search_page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert "Chmeimim" in marks
