"""What the search plugin reads: a page without the markup search throws away, then the page.

Material's search plugin parses each page's HTML (in `on_page_context`, at the default
priority 0) and keeps only its text and a few tags (paragraphs, lists, code, sub- and
superscripts); it skips what carries `data-search-exclude`. The markup the hooks add around
words (a tooltip element per glossary mention, a link inside each footnote reference) adds
nothing to the index, but parsing it costs more than the rest of the page. So a hook hands the
page over lighter, at a priority above 0, and takes its own page back at one below 0:

    view.hand_over(page, lighten)   # page.content = lighten(page.content)
    ...                             # the search plugin indexes it: the same index
    view.take_back(page)            # page.content = what it was

`lighten` must leave everything search keeps as it is (text, kept tags, headings with their
ids). Hand-overs nest: the hook that hands over last takes back first (priorities). A page
with a `data-search-…` attribute of a value is left whole: search edits such pages (it strips
those attributes), and its edit would be lost when the page is taken back.
"""
from __future__ import annotations

import re
from typing import Callable

# The attributes the search plugin removes from a page once it has read it.
_EDITED_BY_SEARCH = re.compile(r'data-search-\w+="[^"]')


def search_reads_pages(config) -> bool:
    """Whether the site has a search plugin ('search', 'material/search') reading its pages."""
    return any(str(name).rsplit("/", 1)[-1] == "search" for name in config.plugins)


class SearchView:
    """One hook's pages while the search plugin reads them: src_uri -> (whole, lighter)."""

    def __init__(self):
        self.pages: dict[str, tuple[str, str]] = {}

    def hand_over(self, page, lighten: Callable[[str], str]) -> None:
        whole = page.content
        if whole is None or _EDITED_BY_SEARCH.search(whole):
            return
        lighter = lighten(whole)
        if lighter != whole:
            self.pages[page.file.src_uri] = (whole, lighter)
            page.content = lighter

    def take_back(self, page) -> bool:
        """Put the whole page back; False if another plugin changed the lighter page meanwhile
        (its change is undone: the caller says so)."""
        held = self.pages.pop(page.file.src_uri, None)
        if held is None:
            return True
        whole, lighter = held
        unchanged = page.content == lighter
        page.content = whole
        return unchanged
