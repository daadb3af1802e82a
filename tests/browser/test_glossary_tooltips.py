"""Glossary terms in the real browser: Material shows the short definition as a tooltip on hover,
and on keyboard focus of the first mention, which is a link to the term's section."""
from __future__ import annotations

import html
import re

import pytest

from .conftest import goto, tab_to

pytestmark = pytest.mark.browser

TOOLTIP = ".md-tooltip2--active"


def test_hovering_a_repeated_mention_shows_the_short_definition(new_tab, site_url, built_site):
    tab = new_tab()
    goto(tab, site_url, "withdrawal/")
    page = tab.page
    mention = page.locator("article span.glossary-term").first
    definition = _definition(built_site, mention.inner_text())
    mention.hover()
    page.locator(TOOLTIP).wait_for()
    assert definition in page.locator(TOOLTIP).inner_text()
    assert tab.traffic.problems() == []


def test_tabbing_to_a_first_mention_shows_its_definition_and_enter_follows_it(new_tab, site_url,
                                                                             built_site):
    tab = new_tab()
    goto(tab, site_url, "withdrawal/")
    page = tab.page
    tab_to(page, "article a.glossary-term", "glossary term")
    link = page.locator("article a.glossary-term:focus")
    href = link.evaluate("a => a.href")
    definition = _definition(built_site, link.inner_text())
    page.locator(TOOLTIP).wait_for()
    assert definition in page.locator(TOOLTIP).inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    assert tab.traffic.problems() == []


def _definition(built_site, shown: str) -> str:
    # The short definition as the glossary hook wrote it into the page's title attribute.
    text = (built_site / "withdrawal/index.html").read_text(encoding="utf-8")
    m = re.search(r'class="glossary-term"(?: href="[^"]*")? title="([^"]+)">'
                  + re.escape(shown) + "<", text)
    assert m, shown
    return html.unescape(m.group(1))
