"""What a reader does: search, read a citation's source in its tooltip, switch to dark mode,
follow a footnote back to the text. Runs on the real site; citations are on every content page."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from .conftest import (NOT_FOUND_PAGE, axe_violations, goto, set_color_scheme, site_pages,
                       tab_to)

pytestmark = pytest.mark.browser

CONTENT_PAGES = [p for p in site_pages() if p != NOT_FOUND_PAGE]
TOOLTIP = ".md-tooltip2--active"


@pytest.fixture(scope="module")
def cited_page(built_site) -> str:
    """The first content page that has a footnote reference (a citation)."""
    for path in CONTENT_PAGES:
        if 'class="footnote-ref"' in (built_site / path / "index.html").read_text(encoding="utf-8"):
            return path
    pytest.fail("no page of the site has a citation (sup a.footnote-ref)", pytrace=False)


@pytest.mark.parametrize("target", CONTENT_PAGES, ids=lambda p: p.rstrip("/") or "home")
def test_search_for_a_word_of_the_title_leads_to_the_page(new_tab, built_site, site_url, target):
    _search_and_follow(new_tab(), built_site, site_url, target)


def test_search_on_a_phone_leads_to_the_page(new_tab, built_site, site_url):
    _search_and_follow(new_tab(phone=True), built_site, site_url, CONTENT_PAGES[-1])


def test_search_index_and_worker_load_only_when_the_reader_searches(new_tab, built_site, site_url):
    tab = new_tab()
    goto(tab, site_url, CONTENT_PAGES[0])
    assert _search_requests(tab.traffic) == []  # the first view stays small
    page = tab.page
    page.keyboard.press("s")  # the theme's shortcut focuses the search field
    page.keyboard.type(_title_word(built_site, CONTENT_PAGES[-1]))
    page.locator("a.md-search-result__link").first.wait_for()
    assert {"search_index.json", "worker"} <= set(_search_requests(tab.traffic))
    assert tab.traffic.problems() == []


def test_search_results_have_no_accessibility_violations(new_tab, built_site, site_url, scheme):
    tab = new_tab(scheme=scheme)
    goto(tab, site_url, "")
    page = tab.page
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(_title_word(built_site, CONTENT_PAGES[-1]))
    page.locator("a.md-search-result__link").first.wait_for()
    _wait_for_transitions(page)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("how", ["keyboard focus", "hover"])
def test_a_link_in_the_text_keeps_its_contrast_on_keyboard_focus_and_on_hover(new_tab, site_url,
                                                                              scheme, how):
    # The theme draws a focused or hovered link in its accent colour, which must reach 4.5:1 too.
    tab = new_tab(scheme=scheme)
    goto(tab, site_url, CONTENT_PAGES[0])
    page = tab.page
    link = "article p a:not(.footnote-ref)"
    if how == "hover":
        page.locator(link).first.hover()
    else:
        tab_to(page, link, "link in the text")
    _wait_for_transitions(page)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)


def test_hovering_a_citation_shows_its_source(new_tab, site_url, cited_page):
    tab = new_tab()
    goto(tab, site_url, cited_page)
    ref = tab.page.locator("sup a.footnote-ref").first
    ref.hover()
    _assert_tooltip_shows_footnote(tab.page, ref)


def test_open_citation_tooltip_has_no_accessibility_violations(new_tab, site_url, cited_page, scheme):
    tab = new_tab(scheme=scheme)
    goto(tab, site_url, cited_page)
    tab.page.locator("sup a.footnote-ref").first.hover()
    tooltip = tab.page.locator(TOOLTIP)
    tooltip.wait_for(state="visible")
    _wait_for_transitions(tab.page)
    assert tooltip.get_attribute("aria-label") == "Beleg"
    violations = axe_violations(tab.page)
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)


def test_tabbing_to_a_citation_shows_its_source(new_tab, site_url, cited_page):
    tab = new_tab()
    goto(tab, site_url, cited_page)
    page = tab.page
    tab_to(page, "sup a.footnote-ref", "citation")
    _assert_tooltip_shows_footnote(page, page.locator("sup a.footnote-ref:focus"))


def test_tapping_a_citation_on_a_phone_shows_its_source(new_tab, site_url, cited_page):
    tab = new_tab(phone=True)
    goto(tab, site_url, cited_page)
    ref = tab.page.locator("sup a.footnote-ref").first
    ref.tap()
    _assert_tooltip_shows_footnote(tab.page, ref)


def test_following_a_footnote_and_its_german_back_link_returns_to_the_citation(new_tab, site_url,
                                                                                cited_page):
    tab = new_tab()
    goto(tab, site_url, cited_page)
    page = tab.page
    ref = page.locator("sup a.footnote-ref").first
    ref_id = ref.evaluate("a => a.parentElement.id")
    note_id = urlsplit(ref.evaluate("a => a.href")).fragment
    ref.click()
    assert urlsplit(page.url).fragment == note_id
    number = ref.inner_text().strip()
    back = page.locator(f"[id='{note_id}'] a.footnote-backref").first
    assert back.get_attribute("title") == f"Zurück zum Text (Fußnote {number})"
    back.click()
    assert urlsplit(page.url).fragment == ref_id
    assert _in_viewport(page, f"[id='{ref_id}']")
    assert tab.traffic.problems() == []


def test_dark_mode_chosen_by_the_reader_stays_on_the_next_page(new_tab, site_url):
    tab = new_tab(scheme="light")
    goto(tab, site_url, "")
    page = tab.page
    for _ in range(3):  # the toggle cycles: system, light, dark
        if page.get_attribute("body", "data-md-color-scheme") == "slate":
            break
        page.locator("form[data-md-component='palette'] label.md-header__button:visible").click()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.locator("a.md-footer__link--next").click()
    page.wait_for_load_state("load")
    assert page.url != site_url
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert _luminance(background) < 0.2, background


def test_site_follows_the_system_colour_scheme_until_the_reader_chooses(page, site_url):
    goto(page, site_url, "")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    set_color_scheme(page, "dark")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    set_color_scheme(page, "light")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"


def test_menu_opened_on_a_phone_is_closed_when_the_reader_comes_back(new_tab, site_url):
    # The menu is a checkbox; browsers restore form state on Back (overrides/main.html resets it).
    tab = new_tab(phone=True)
    goto(tab, site_url, CONTENT_PAGES[-1])
    page = tab.page
    page.locator("label.md-header__button[for='__drawer']").click()
    assert page.evaluate("document.getElementById('__drawer').checked")
    page.locator("nav.md-nav--primary a.md-nav__link[href]:visible").filter(
        has_not_text=page.locator("h1").inner_text()).first.click()
    page.wait_for_load_state("networkidle")
    page.go_back()
    page.wait_for_load_state("networkidle")
    assert _without_query(page.url) == site_url + CONTENT_PAGES[-1]
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert tab.traffic.problems() == []


# --- helpers ---

def _search_and_follow(tab, built_site, site_url: str, target: str) -> None:
    # Type the longest word of the target's title into the search, pick the target among the
    # results, land on it; all without any failed request or console error.
    word = _title_word(built_site, target)
    goto(tab, site_url, NOT_FOUND_PAGE if target == "" else "")  # start somewhere else
    page = tab.page
    # Desktop shows the search field in the header; narrow screens show a button that opens it.
    page.locator("input.md-search__input:visible, label.md-header__button[for='__search']:visible"
                 ).first.click()
    page.locator("input.md-search__input").press_sequentially(word)  # typed, key by key
    # the list answers the whole word, not an earlier keystroke (search.js marks which query)
    page.wait_for_function("w => document.querySelector('[data-md-component=search-result]')"
                           ".dataset.answered === w", arg=word)
    want = site_url + target
    results = page.locator("a.md-search-result__link")
    found = [_without_query(h) for h in results.evaluate_all("els => els.map(a => a.href)")]
    assert want in found, f"{word!r} does not find {want}: {found}"
    results.nth(found.index(want)).click()
    page.wait_for_load_state("load")
    assert _without_query(page.url) == want  # the result link adds ?h=<word> for highlighting
    assert tab.traffic.problems() == []


def _assert_tooltip_shows_footnote(page, ref) -> None:
    # The tooltip holds the footnote's own text: the source, as listed at the end of the page.
    note_id = urlsplit(ref.evaluate("a => a.href")).fragment
    note = page.locator(f"[id='{note_id}']").inner_text()
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible")
    assert _words(tooltip.inner_text()) == _words(note)
    assert len(_words(note)) >= 2, f"footnote {note_id} is nearly empty: {note!r}"


def _wait_for_transitions(page) -> None:
    # Faded in completely, so that colours are measured as they are read.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def _search_requests(traffic) -> list[str]:
    # Which of the search's own files the tab has requested so far.
    return [("worker" if "/workers/search" in url else "search_index.json")
            for url in traffic.requests
            if "/workers/search" in url or url.endswith("/search/search_index.json")]


def _without_query(url: str) -> str:
    return urlsplit(url)._replace(query="", fragment="").geturl()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _title_word(built_site, target: str) -> str:
    # The longest word of the page's title, as the search index knows it.
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    title = next(d["title"] for d in docs if d["location"] == target)
    return max(re.findall(r"\w+", title), key=len)


def _in_viewport(page, selector: str) -> bool:
    return page.evaluate("""sel => { const r = document.querySelector(sel).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight; }""", selector)


def _luminance(css_colour: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", css_colour)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
