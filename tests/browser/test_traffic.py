"""The tabs' recorder itself: what counts as a failed request and what does not."""
from __future__ import annotations

import pytest

from .conftest import goto, tab_to

pytestmark = pytest.mark.browser

INDEX = "**/search/search_index.json"


def test_a_request_cut_short_because_the_reader_left_the_page_is_not_a_failure(
        new_tab, site_url, site_server):
    tab = new_tab()
    page = tab.page
    # The server holds back the search index, so it is certainly still loading when the reader
    # leaves (on a fast server that is a race: Tab passes the search field, then Enter).
    with site_server.holding("search/search_index.json"):
        goto(tab, site_url, "withdrawal/")
        with page.expect_request(INDEX):  # Tab passes the search field on its way to the article
            tab_to(page, "article a.glossary-term", "glossary term")
        href = page.evaluate("document.activeElement.href")
        with page.context.expect_event("requestfailed") as failed:
            page.keyboard.press("Enter")
        # The next page has loaded before the tab closes. (wait_for_load_state("load") was
        # already true of the page being left; closing the tab while Chromium commits the
        # navigation can leave the close undone, and closing the context then never returns.)
        page.wait_for_url(href)
    assert failed.value.failure == "net::ERR_ABORTED"
    assert [u.endswith("/search/search_index.json") for u in tab.traffic.left_behind] == [True]
    assert tab.traffic.problems() == []


def test_a_request_aborted_while_the_reader_stays_on_the_page_is_a_failure(new_tab, site_url):
    tab = new_tab()
    page = tab.page
    page.route(INDEX, lambda route: route.abort("aborted"))  # the same error, no navigation
    goto(tab, site_url, "withdrawal/")
    with page.context.expect_event("requestfailed"):
        page.focus(".md-search__input")
    assert tab.traffic.left_behind == []
    assert [p for p in tab.traffic.problems() if "search_index.json (net::ERR_ABORTED)" in p]
