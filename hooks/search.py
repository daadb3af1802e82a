"""Search: every name of glossary.yml in Material's search index (logic in explainer.search).

The hook gives the search plugin two more fields through its documented `fields` option and
fills them in each section the plugin indexes, right after the plugin has read the page; the
plugin then writes its index as usual. Page ranking stays with the pages' own front matter
(`search: boost:`), typo tolerance with the browser (overrides/assets/javascripts/search.js).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.plugins import event_priority

from explainer import search
from explainer.data import DataError
from explainer.glossary.matcher import matcher_for
from explainer.glossary.terms import load_terms_file
from explainer.location import shown_path
from explainer.options import data_file_option, path_option, toc_slugify
from explainer.search_view import material_search
from explainer.strings import for_config


@dataclass
class SearchState:
    """One build's worth: the names, where they are treated, and how far indexing has got."""

    plugin: object = None                       # Material's search plugin, None without one
    names: list = field(default_factory=list)    # (explainer.search.Name, glossary Term)
    names_in: object = None                      # plain text -> the Names it mentions
    glossary_page: str = "glossary.md"           # src_uri of the page with the entries
    sources_page: str = "sources.md"             # src_uri of the page listing the sources
    homes: dict = field(default_factory=dict)    # location -> Names treated there
    lists: dict = field(default_factory=dict)    # location -> Names listed there
    indexed: int = 0                             # index entries already given their fields


_state = SearchState()


# --- MkDocs events ---------------------------------------------------------------------------

# Before the search plugin reads its options (priority 100): add our fields to `fields`, and
# a word separator that knows quotation marks unless mkdocs.yml sets one.
@event_priority(100)
def on_config(config):
    global _state
    _state = SearchState(plugin=material_search(config))
    if _state.plugin is None:
        return config
    fields = _state.plugin.config.fields
    for name, spec in search.FIELDS.items():
        fields.setdefault(name, dict(spec))
    if not _state.plugin.config.separator:
        _state.plugin.config.separator = search.SEPARATOR
    _state.glossary_page = path_option(config, "glossary", "page", "glossary.md")
    _state.sources_page = path_option(config, "citations", "page", "sources.md")
    _state.names, _state.names_in = _load_names(
        config, data_file_option(config, "glossary", "file", "glossary.yml"))
    return config


# Where each term is treated (the section its `link` names) and where it is listed: its
# glossary entry, and for an outlet the sources page.
def on_files(files, /, *, config):
    if _state.plugin is None:
        return files
    # As the search plugin writes a location: the page's url, the home page's "" (not "./").
    urls = {file.src_uri: "" if file.url in (".", "./") else file.url
            for file in files.documentation_pages()}
    _state.homes = search.homes_of((name, _home(term, urls)) for name, term in _state.names)
    _state.lists = search.homes_of((name, _listed(term, urls)) for name, term in _state.names)
    return files


# After the search plugin has indexed the page, and after the hooks that hand it a lighter page
# have taken theirs back, with the index as it would be from the whole page (the citations
# hook at -100, explainer.search_view): its new entries are this page's sections.
@event_priority(-110)
def on_page_context(context, /, *, page, config, nav):
    if _state.plugin is None:
        return context
    entries = _state.plugin.search_index.entries
    new = entries[_state.indexed:]
    search.at_page_top(_state.homes, page.url, _title_id(page), {e["location"] for e in new})
    for entry in new:
        entry.update(search.section_fields(entry["location"], entry["title"], entry["text"],
                                           _state.names_in, _state.homes, _state.lists))
    _state.indexed = len(entries)
    return context


# --- helpers ---------------------------------------------------------------------------------

def _load_names(config, path: Path):
    # The glossary's own loader and matcher (explainer.glossary): the table read once while
    # the file stays the same, whichever hook asks first. Without the file there are no names
    # (umlaut-free spellings are added all the same); a broken one the glossary hook reports.
    base = Path(config.config_file_path).parent
    if not path.is_file():
        return [], lambda text: ()
    try:
        terms = load_terms_file(path, toc_slugify(config), shown_path(path, base))
    except DataError:
        return [], lambda text: ()
    names = {term.key: search.Name((*term.forms, *term.synonyms)) for term in terms}
    matcher = matcher_for(terms, for_config(config).language)

    def names_in(text: str):
        return [names[term.key] for term in matcher.terms_in(text)]
    return [(names[term.key], term) for term in terms], names_in


def _title_id(page) -> str | None:
    # The id of the page's H1, the first heading of its table of contents.
    items = page.toc.items if page.toc else []
    return items[0].id if items and items[0].level == 1 else None


def _home(term, urls: dict[str, str]) -> list[str]:
    if term.link_page and term.link_page in urls:
        return [f"{urls[term.link_page]}#{term.anchor}"]
    return []


def _listed(term, urls: dict[str, str]) -> list[str]:
    # An outlet's reports are listed on the sources page: it is found there by the outlet's name
    # (ranked by that page's own low boost, after the section that tells what it reported).
    locations = []
    if _state.glossary_page in urls:
        locations.append(f"{urls[_state.glossary_page]}#{term.glossary_anchor}")
    if term.kind == "medium" and _state.sources_page in urls:
        locations.append(urls[_state.sources_page])
    return locations
