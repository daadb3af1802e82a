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
ids). With Material's plugin, whose index entries the view knows (`material_search`), a kept
tag may also be handed over as stand-in characters, which `put_back` turns into the tag again
in the page's index entries when the page is taken back: each tag costs search's parser three
calls, a stand-in none.

    view.hand_over(page, lighten, put_back)   # lighten may write stand-ins

Hand-overs nest: the hook that hands over last takes back first (priorities). A page with a
`data-search-…` attribute of a value is left whole: search edits such pages (it strips those
attributes), and its edit would be lost when the page is taken back.
"""
from __future__ import annotations

import re
from typing import Callable

# The attributes the search plugin removes from a page once it has read it.
_EDITED_BY_SEARCH = re.compile(r'data-search-\w+="[^"]')


def search_reads_pages(config) -> bool:
    """Whether the site has a search plugin ('search', 'material/search') reading its pages."""
    return bool(_search_plugins(config))


def material_search(config):
    """Material's search plugin, enabled (its documented `fields` option, its index entries),
    or None: MkDocs' own search plugin has neither."""
    return next((plugin for plugin in _search_plugins(config)
                 if "fields" in (getattr(plugin, "config", None) or {})), None)


def _search_plugins(config) -> list:
    # The enabled plugins named 'search' ('search', 'material/search').
    return [plugin for name, plugin in config.plugins.items()
            if str(name).rsplit("/", 1)[-1] == "search" and _enabled(plugin)]


def _enabled(plugin) -> bool:
    # Material's plugins have an `enabled` option; a disabled one reads nothing.
    options = getattr(plugin, "config", None)
    return options is None or options.get("enabled", True) is not False


class SearchView:
    """One hook's pages while the search plugin reads them: src_uri -> (whole, lighter, and
    how to put the page's stand-ins back: the function and the first of its index entries).

    `plugin` is Material's search plugin (`material_search`), None for another one: then no
    stand-ins can be put back (`puts_back` is False) and `lighten` must write none.
    """

    def __init__(self, plugin=None):
        self.pages: dict[str, tuple] = {}
        self.plugin = plugin

    @property
    def puts_back(self) -> bool:
        return self.plugin is not None

    def hand_over(self, page, lighten: Callable[[str], str],
                  put_back: Callable[[str], str] | None = None) -> None:
        whole = page.content
        if whole is None or _EDITED_BY_SEARCH.search(whole):
            return
        lighter = lighten(whole)
        if lighter != whole:
            first = len(self._entries()) if put_back is not None else 0
            self.pages[page.file.src_uri] = (whole, lighter, put_back, first)
            page.content = lighter

    def take_back(self, page) -> bool:
        """Put the whole page back and turn the stand-ins of its index entries into tags again;
        False if another plugin changed the lighter page meanwhile (its change is undone: the
        caller says so)."""
        held = self.pages.pop(page.file.src_uri, None)
        if held is None:
            return True
        whole, lighter, put_back, first = held
        if put_back is not None:
            for entry in self._entries()[first:]:          # the sections of this page
                entry["title"], entry["text"] = put_back(entry["title"]), put_back(entry["text"])
        unchanged = page.content == lighter
        page.content = whole
        return unchanged

    def _entries(self) -> list[dict]:
        if self.plugin is None:
            raise ValueError("stand-ins need Material's search plugin (SearchView(plugin))")
        return self.plugin.search_index.entries
