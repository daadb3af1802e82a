"""Search: every name of glossary.yml in Material's search index (logic in explainer.search).

The hook gives the search plugin two more fields through its documented `fields` option and
fills them in each section the plugin indexes, right after the plugin has read the page; the
plugin then writes its index as usual. Page ranking stays with the pages' own front matter
(`search: boost:`), typo tolerance with the browser (overrides/assets/javascripts/search.js).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from explainer import search
from explainer.strings import for_config
# The glossary hook's loader and matcher, imported from its folder as hooks import _markers.
from glossary import Matcher, _toc_slugify, load_terms

log = get_plugin_logger("search")

DATA_FILE = "glossary.yml"
GLOSSARY_PAGE = "glossary.md"


@dataclass
class SearchState:
    """One build's worth: the names, where they are treated, and how far indexing has got."""

    plugin: object = None                       # Material's search plugin, None without one
    names: list = field(default_factory=list)    # (explainer.search.Name, glossary Term)
    names_in: object = None                      # plain text -> the Names it mentions
    homes: dict = field(default_factory=dict)    # location -> Names treated there
    indexed: int = 0                             # index entries already given their fields


_state = SearchState()


# --- MkDocs events ---------------------------------------------------------------------------

# Before the search plugin reads its options (priority 100): add our fields to `fields`, and
# a word separator that knows quotation marks unless mkdocs.yml sets one.
@event_priority(100)
def on_config(config):
    global _state
    _state = SearchState(plugin=_search_plugin(config))
    if _state.plugin is None:
        return config
    fields = _state.plugin.config.fields
    for name, spec in search.FIELDS.items():
        fields.setdefault(name, dict(spec))
    if not _state.plugin.config.separator:
        _state.plugin.config.separator = search.SEPARATOR
    _state.names, _state.names_in = _load_names(config)
    return config


# Where each term is treated: its glossary entry and the section its `link` names.
def on_files(files, /, *, config):
    if _state.plugin is None:
        return files
    urls = {file.src_uri: file.url for file in files.documentation_pages()}
    _state.homes = search.homes_of((name, _locations(term, urls)) for name, term in _state.names)
    return files


# After the search plugin has indexed the page (it is a plugin, so it runs before the hooks):
# its new entries are this page's sections.
@event_priority(-100)
def on_page_context(context, /, *, page, config, nav):
    if _state.plugin is None:
        return context
    entries = _state.plugin.search_index.entries
    for entry in entries[_state.indexed:]:
        entry.update(search.section_fields(entry["location"], entry["title"], entry["text"],
                                           _state.names_in, _state.homes))
    _state.indexed = len(entries)
    return context


# The suggestion the browser offers for a typo ("Meinten Sie …?") in the site's language.
def on_env(env, /, *, config, files):
    strings = for_config(config)
    env.globals["search_strings"] = {"did_you_mean": strings("search.did_you_mean",
                                                             suggestion="{suggestion}")}
    return env


# --- helpers ---------------------------------------------------------------------------------

def _search_plugin(config):
    # Material's plugin (its entries and `fields`); MkDocs' own search plugin has neither.
    for key, plugin in config.plugins.items():
        if key.rsplit("/", 1)[-1] == "search" and hasattr(plugin, "config") \
                and "fields" in plugin.config:
            return plugin
    return None


def _load_names(config):
    # The table is read a second time, so that the two hooks share no state; a site without
    # glossary.yml has no names (umlaut-free spellings are added all the same).
    path = Path(config.config_file_path).parent / DATA_FILE
    if not path.is_file():
        return [], lambda text: ()
    terms = load_terms(path, _toc_slugify(config))
    names = {term.key: search.Name((*term.forms, *term.synonyms))
             for term in terms}
    matcher = Matcher(terms)

    def names_in(text: str):
        return [names[term.key] for _, _, term in matcher.find(text)]
    return [(names[term.key], term) for term in terms], names_in


def _locations(term, urls: dict[str, str]) -> list[str]:
    locations = []
    if GLOSSARY_PAGE in urls:
        locations.append(f"{urls[GLOSSARY_PAGE]}#{term.glossary_anchor}")
    if term.link_page and term.link_page in urls:
        locations.append(f"{urls[term.link_page]}#{term.anchor}")
    return locations
