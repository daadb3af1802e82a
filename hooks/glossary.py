"""Glossary: one table of names (glossary.yml) for the glossary page, tooltips and search.

The logic lives in `explainer.glossary`; this hook holds the MkDocs events and one state
object per build. Without glossary.yml the feature is off. The hook
- writes the glossary page's entries where `<!-- glossary -->` stands (docs/glossary.md, or
  `extra.glossary.page`),
- marks every mention of a term or variant on the pages with a tooltip (a Markdown tree
  processor); the first mention on a page links to the term's section or glossary entry,
- leaves search to hooks/search.py, which reads the same table (variants and synonyms).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger

from explainer import preview
from explainer.citations.registry import check_cited, site_keys
from explainer.citations.scan import scan
from explainer.glossary.build import GlossaryBuild
from explainer.glossary.explanation import PageMarkdown, check_explanations, page_clashes
from explainer.glossary.extension import GlossaryExtension, Marking, for_search
from explainer.glossary.matcher import matcher_for
from explainer.glossary.page import MARKER, entry_headings, render_glossary
from explainer.glossary.terms import Term, cited_in_tooltips, load_terms_file
from explainer.links import TextLinks
from explainer.location import PageLocation, at_entry, line_of, remember, shown_path
from explainer.markers import argument_ignored, find_markers, marker_warnings, replace_first
from explainer.options import (data_file_option, feature_options, path_option, toc_slugify,
                               unknown_options)
from explainer.preview import Problems
from explainer.search_view import search_reads_pages
from explainer.strings import for_config

log = get_plugin_logger("glossary")

OPTIONS = ("file", "page")                     # of extra.glossary
DEFAULTS = {"file": "glossary.yml", "page": "glossary.md"}


@dataclass
class _Build:
    problems: Problems                         # this build's broken data (shown in a preview)
    glossary: GlossaryBuild | None = None      # None: the glossary is off (or broken, in a preview)


_build: _Build | None = None


# Once per process: a preview shows broken data files in its pages instead of stopping.
on_startup = preview.on_startup
on_serve = preview.on_serve      # data files missing at the start: their folders watched


# --- MkDocs events ---------------------------------------------------------------------------

# Load and check the table once per build (serve reuses this module: a fresh state each time).
def on_config(config):
    global _build
    strings = for_config(config)
    problems = Problems(preview.serving(), log, strings)
    _build = _Build(problems=problems)
    options = feature_options(config, "glossary")
    for message in unknown_options(options, "glossary", OPTIONS):
        log.warning(message)
    page = path_option(config, "glossary", "page", DEFAULTS["page"])
    path, shown = _table(config)
    preview.watch(config, path)
    if not path.exists():
        if "file" in options:                # named in mkdocs.yml: a misspelt name, likely
            log.warning(f"{shown} not found (extra.glossary.file in mkdocs.yml names it): "
                        f"glossary off")
        else:
            log.info(f"{shown} not found: glossary off")
        return config
    slugify = toc_slugify(config)
    terms = problems.attempt(load_terms_file, path, slugify, shown)
    known = problems.attempt(site_keys, config, report=False)
    markdown = PageMarkdown(config.markdown_extensions, config.mdx_configs)
    labels = None if terms is None else problems.attempt(_check_entries, terms, known,
                                                          markdown, shown)
    if labels is None:
        return config                    # broken: its error says so
    for message in cited_in_tooltips(terms, shown):
        log.warning(message)
    if not terms:
        log.info(f"{shown} has no entries: glossary off")
        return config
    _build.glossary = GlossaryBuild(terms=list(terms),
                                    matcher=matcher_for(terms, strings.language),
                                    slugify=slugify,
                                    strings=strings, shown=shown,
                                    page=page,
                                    search=search_reads_pages(config),
                                    markdown=markdown, labels=labels,
                                    links=TextLinks.for_config(config))
    config.markdown_extensions.append(GlossaryExtension(_build.glossary.current_marking))
    return config


# Link targets must be pages of the site; the anchors are checked once all pages are rendered.
def on_files(files, /, *, config):
    glossary = _build.glossary
    if glossary is None:
        return files
    glossary.has_page = _page_of_site(files, glossary.page)
    if not glossary.has_page and glossary.terms:
        log.info(f"{glossary.shown}: no glossary page docs/{glossary.page}; terms get tooltips, "
                 f"and those with a 'link' link to their sections")
    for index, term in enumerate(glossary.terms):
        if term.link_page and not _page_of_site(files, term.link_page):
            file = files.get_file_from_path(term.link_page)
            why = ("does not exist in docs/" if file is None
                   else "is not a page of the site (exclude_docs or draft_docs leaves it out)"
                   if file.is_documentation_page() else "is not a page of the site")
            _build.problems.fail(f"{glossary.shown}: {term.entry}, field 'link': "
                                 f"{'page ' if file is None else ''}'{term.link_page}' {why}")
            # A preview links the term to its entry (the table read stays as it is).
            glossary.terms[index] = replace(term, link_page="", anchor=term.glossary_anchor)
    for term in glossary.terms:
        target, anchor = _target(glossary, term)
        glossary.linked.setdefault(target, []).append(term.key)
        page_file = files.get_file_from_path(target) if target else None
        glossary.targets[term.key] = (page_file, anchor) if page_file else None
    return files


# The glossary page is written before any other hook sees its Markdown (priority 90), so the
# citations hook turns the entries' [@key] into footnotes like on any other page.
@event_priority(90)
def on_page_markdown(markdown, /, *, page, config, files):
    for message in marker_warnings(markdown, [MARKER],
                                     PageLocation(page, Path(config.config_file_path).parent),
                                     takes_argument=False):
        log.warning(message)
    glossary = _build.glossary
    if glossary is None:
        if "<!--" in markdown and not _build.problems.errors:   # off: no table, or an empty one
            path, shown = _table(config)
            why = f"{shown} has no entries" if path.exists() else f"there is no {shown}"
            where = PageLocation(page, Path(config.config_file_path).parent)
            for marker in find_markers(markdown, [MARKER]):
                log.warning(f"{where.at(marker.line, markdown)}: <!-- {MARKER} --> asks for "
                            f"the glossary, but {why}")
        return None
    src = page.file.src_uri
    if src != glossary.page:
        _warn_misplaced(glossary, markdown, page, config)
        glossary.current = Marking(glossary.matcher, _PageLinks(glossary, page.file))
        return None
    # Entries explain each other: other terms link to their entry, an entry not to itself.
    glossary.current = Marking(glossary.matcher,
                               {term.key: f"#{term.glossary_anchor}" for term in glossary.terms},
                               own={term.glossary_anchor: term.key for term in glossary.terms},
                               entries=entry_headings(glossary.terms))
    where = PageLocation(page, Path(config.config_file_path).parent)
    if glossary.labels or "]:" in markdown:
        # The page's own footnotes and link references would merge with the entries'.
        for at, message in page_clashes(markdown, glossary.labels, glossary.terms,
                                        glossary.markdown, glossary.shown):
            log.warning(f"{where.at(None if at is None else line_of(markdown, at), markdown)}: "
                        f"{message}")
    entries = remember(render_glossary(glossary.terms, glossary.strings, glossary.page,
                                       glossary.markdown, glossary.shown))
    # The explanations' links, read from this page as MkDocs reads them, said at their entries.
    for level, message in glossary.links.check(
            ((at_entry(glossary.shown, term.entry, "explanation"), term.explanation)
             for term in glossary.terms), page.file, files):
        log.log(level, message)
    markers = find_markers(markdown, [MARKER])
    if not markers:
        log.warning(f"{where.at()}: no line '<!-- {MARKER} -->' marks where the entries go; "
                    "they were appended at the end")
        return markdown.rstrip("\n") + "\n\n" + entries
    changed, others = replace_first(markdown, [MARKER], entries)
    for marker in markers:                # the entries are all terms; nothing selects some
        if ignored := argument_ignored(marker):
            log.warning(f"{where.at(marker.line, markdown)}: {ignored}")
    for marker in others:
        log.warning(f"{where.at(marker.line, markdown)}: the entries are on this page already; "
                    f"this <!-- {MARKER} --> is left out")
    return changed


# Rendered and marked: remember the terms used; name-like words without an entry. Nothing else
# of the page is kept.
def on_page_content(html_text, /, *, page, config, files):
    glossary = _build.glossary
    if glossary is None or glossary.current is None:
        return html_text
    marking, glossary.current = glossary.current, None
    src = page.file.src_uri
    glossary.rendered += 1
    if src == glossary.page:
        return html_text
    glossary.used |= marking.used
    where = PageLocation(page, Path(config.config_file_path).parent)
    source = page.markdown or ""
    for name in marking.unlisted:
        at = source.find(name)
        line = line_of(source, at) if at >= 0 else None        # of the Markdown as converted
        log.info(f"{where.at(line, source)}: '{name}' looks like a name but is not in "
                 f"{glossary.shown}")
    return html_text


# All pages are rendered now: check the link anchors and say which terms no page uses.
def on_env(env, /, *, config, files):
    glossary = _build.glossary
    if glossary is None:
        return env
    for term in glossary.terms:
        _check_anchor(glossary, term, files)
    for level, message in glossary.links.check_anchors(files):
        log.log(level, message)
    if glossary.rendered == len(files.documentation_pages()):
        for term in glossary.terms:
            if term.key not in glossary.used:
                besides = " besides the glossary" if glossary.has_page else ""
                log.info(f"{glossary.shown}: {term.entry} is used on no page{besides}")
    return env


# Search reads the page with bare words for the tooltips (explainer.search_view): the same
# index, and a parse of half the markup. After the citations hook hands its page over (50),
# before search (0); taken back before the citations hook takes its own back (-100).
@event_priority(40)
def _before_search(context, /, *, page, config, nav):
    glossary = _build.glossary
    if glossary is not None and glossary.search:
        glossary.view.hand_over(page, for_search)
    return context


@event_priority(-90)
def _after_search(context, /, *, page, config, nav):
    glossary = _build.glossary
    if glossary is not None and not glossary.view.take_back(page):
        where = PageLocation(page, Path(config.config_file_path).parent)
        log.warning(f"{where.at()}: another plugin changed the page while search read it "
                    f"without its tooltips; that change was undone")
    return context


on_page_context = CombinedEvent(_before_search, _after_search)


# In a preview, the errors of broken data files at the top of every page.
def on_post_page(output, /, *, page, config):
    return _build.problems.show(output)


# --- helpers ---------------------------------------------------------------------------------

def _warn_misplaced(glossary: GlossaryBuild, markdown: str, page, config) -> None:
    # A marker on another page than the glossary page (a renamed page, a typo in
    # extra.glossary.page) is left as it is: the entries have one page, the configured one.
    if "<!--" not in markdown or MARKER not in markdown:
        return
    where = PageLocation(page, Path(config.config_file_path).parent)
    missing = "" if glossary.has_page else ", which does not exist (extra.glossary.page)"
    for marker in find_markers(markdown, [MARKER]):
        log.warning(f"{where.at(marker.line, markdown)}: the glossary's entries go on "
                    f"docs/{glossary.page}{missing}; this <!-- {MARKER} --> is left out")


def _page_of_site(files, src: str) -> bool:
    # A Markdown page the build writes: not a stylesheet, not a page exclude_docs leaves out.
    file = files.get_file_from_path(src)
    return file is not None and file.is_documentation_page() and not file.inclusion.is_excluded()


def _check_entries(terms: list[Term], known: set[str] | None, markdown: PageMarkdown,
                   shown: str) -> dict:
    # An entry's sources and the citations in its explanation must be in the registry, and the
    # explanation must render as an entry's text: the editor is sent to glossary.yml, not to a
    # line of the generated glossary page. Returns the labels the explanations define.
    for term in terms:
        check_cited(term.sources, known, f"{shown}: {term.entry}, field 'sources'")
        cited = [cite.key for citation in scan(term.explanation).citations
                 for cite in citation.cites]
        check_cited(cited, known, f"{shown}: {term.entry}, field 'explanation'")
    return check_explanations(terms, markdown, shown)


def _check_anchor(glossary: GlossaryBuild, term: Term, files) -> None:
    # The anchors of the link's page as MkDocs collects them for its own link check: the ids
    # of its elements and of its raw HTML (None: not rendered in this build). A link is a
    # heading or an id: as the toc extension makes an anchor of it, else as written.
    target = glossary.targets[term.key]
    anchors = target[0].page.present_anchor_ids if target and target[0].page else None
    if anchors is None or term.anchor in anchors:
        return
    if term.link_id in anchors:
        _relink(glossary, term, files, term.link_id)
        return
    _build.problems.fail(f"{glossary.shown}: {term.entry}, field 'link': "
                         f"docs/{target[0].src_uri} has no anchor '#{term.anchor}'")


def _relink(glossary: GlossaryBuild, term: Term, files, anchor: str) -> None:
    # The link names an id as written ('{#Custom_ID}', '<a id="…">'), not a heading: the links
    # made with its slug (first mentions, the entry's "more" link, which MkDocs checks too) are
    # rendered, not yet written, and point to that id from now on.
    target = glossary.targets[term.key][0]
    for file in files.documentation_pages():
        page = file.page
        if page is None or not page.content:
            continue
        href = f'href="{target.url_relative_to(file)}#'
        old, new = f'{href}{term.anchor}"', f'{href}{anchor}"'
        if file.src_uri != glossary.page:
            page.content = page.content.replace(f'class="glossary-term" {old}',
                                                f'class="glossary-term" {new}')
            continue
        entry = page.content.find(f'id="{term.glossary_anchor}"')
        more = page.content.find(old, entry)
        if entry >= 0 and more >= 0:
            page.content = page.content[:more] + new + page.content[more + len(old):]
            links = (page.links_to_anchors or {}).get(target, {})
            if term.anchor in links:
                links[anchor] = links.pop(term.anchor)


def _table(config) -> tuple[Path, str]:
    # glossary.yml (or extra.glossary.file) beside mkdocs.yml, and its path as the editor sees it.
    path = data_file_option(config, "glossary", "file", DEFAULTS["file"])
    return path, shown_path(path, Path(config.config_file_path).parent)


class _PageLinks(Mapping):
    """Term key -> href of its first mention on one page (None: no link), worked out when the
    page first mentions the term (a page mentions a few of them): the URL as MkDocs writes a
    link from this page, since the marking runs after MkDocs' link pass (the anchor is checked
    in on_env). A page links none of its own terms. Terms link to a few pages: the URL of each
    is worked out once per page."""

    def __init__(self, glossary: GlossaryBuild, file):
        self._targets, self._file = glossary.targets, file
        self._hrefs = dict.fromkeys(glossary.linked.get(file.src_uri, ()))
        self._urls: dict[str, str] = {}           # src_uri of a linked page -> its URL from here

    def __getitem__(self, key: str) -> str | None:
        if key not in self._hrefs:
            target = self._targets[key]
            self._hrefs[key] = None if target is None else f"{self._url(target[0])}#{target[1]}"
        return self._hrefs[key]

    def _url(self, page_file) -> str:
        url = self._urls.get(page_file.src_uri)
        if url is None:
            url = self._urls[page_file.src_uri] = page_file.url_relative_to(self._file)
        return url

    def __iter__(self):
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)


def _target(glossary: GlossaryBuild, term: Term) -> tuple[str | None, str]:
    # The page and anchor a term's first mention links to: its section, else its glossary entry
    # (on_files has made a link to a page outside the site one to the entry).
    if term.link_page:
        return term.link_page, term.anchor
    return (glossary.page if glossary.has_page else None), term.glossary_anchor
