"""The sources page: every source of the registry, grouped by kind, with the pages citing it.

The page's Markdown gets a heading per group (so they appear in its table of contents) where
the marker `<!-- citations: sources -->` stands; under each heading a slot (a comment) that
fill_sources_list replaces once every page has been read (MkDocs reads all pages before it
writes any, so the back-links are complete whatever the order of pages).
"""
from __future__ import annotations

import html
import re

from mkdocs.utils import get_relative_url

from ..data import DataError
from ..markers import find_markers, replace_markers
from ..rules import did_you_mean
from ..seo import plain_title
from ..strings import Strings
from .references import format_reference, short_reference, short_reference_html
from .registry import Source

MARKER = "citations"            # <!-- citations: sources -->
MARKER_ARGS = "sources"
GROUPS = (
    ("news", {"article", "article-newspaper", "article-magazine", "periodical"}),
    ("interviews", {"interview"}),
    ("broadcast", {"broadcast", "motion_picture"}),
    ("statements", {"speech", "personal_communication"}),
    ("reports", {"report", "article-journal", "paper-conference", "book", "chapter", "thesis"}),
    ("web", {"webpage", "post", "post-weblog"}),
)
OTHER = "other"
_SLOT = "citations-sources-"


def group_of(source: Source) -> str:
    for name, types in GROUPS:
        if source.type in types:
            return name
    return OTHER


def _groups(registry: dict[str, Source]) -> list[str]:
    present = {group_of(source) for source in registry.values()}
    return [name for name, _ in GROUPS if name in present] + ([OTHER] if OTHER in present else [])


def list_markers(markdown: str):
    """The `<!-- citations: sources -->` lines of a page, outside code."""
    return [m for m in find_markers(markdown, [MARKER]) if m.args == MARKER_ARGS]


def marker_problems(markdown: str) -> list[tuple[int, str]]:
    """(line, problem) of `<!-- citations: … -->` lines that mark no list: another argument.
    (A marker after a list bullet is not alone on its line: explainer.markers says so.)"""
    problems = [(m.line, f"marker <!-- {MARKER}: {m.args} -->: unknown argument '{m.args}'"
                         f"{did_you_mean(m.args, [MARKER_ARGS])}; the list's marker is "
                         f"<!-- {MARKER}: {MARKER_ARGS} -->")
                for m in find_markers(markdown, [MARKER]) if m.args != MARKER_ARGS]
    return problems


def insert_sources_skeleton(markdown: str, registry: dict[str, Source], strings: Strings,
                            raw_lines: set[int] = frozenset()) -> str:
    """Headings per kind of source, each followed by a slot; at the marker, else at the end.
    A marker on one of raw_lines (in raw HTML, where no Markdown is read) marks nothing."""
    names = _groups(registry)
    skeleton = "\n\n".join(f"## {strings('citations.group.' + name)}\n\n<!-- {_SLOT}{index} -->"
                           for index, name in enumerate(names)) or strings("citations.none_yet")
    done = []

    def render(marker):
        if marker.args != MARKER_ARGS or done or marker.line in raw_lines:
            return None
        done.append(marker)
        return skeleton

    markdown = replace_markers(markdown, [MARKER], render)
    if not done:
        markdown = markdown.rstrip("\n") + "\n\n" + skeleton + "\n"
    return markdown


def fill_sources_list(content: str, registry: dict[str, Source], uses: dict[str, dict[str, int]],
                      pages: dict, order: dict[str, int], here: str, strings: Strings) -> str:
    """Replace each group's slot with its list: reference, anchor, back-links with counts.
    A page's title is HTML (MkDocs' from the heading, the seo hook's escaped text): shown as
    its text, escaped once."""
    based_on: dict[str, list[str]] = {}
    for source in registry.values():
        if source.via:
            based_on.setdefault(source.via, []).append(source.id)
    links = {uri: (order.get(uri, len(order)), uri,
                   f'<a href="{html.escape(relative(page.url, here))}">'
                   f'{plain_title(page.title or uri)}</a>')
             for uri, page in pages.items()}
    for index, name in enumerate(_groups(registry)):
        members = sorted((s for s in registry.values() if group_of(s) == name),
                         key=lambda s: (re.sub(r"\W+", " ", short_reference(s)).strip().casefold(),
                                        s.id))
        items = "".join(_source_item(s, registry, uses.get(s.id, {}), links,
                                     based_on.get(s.id, []), strings) for s in members)
        content = _slot_re(index).sub(lambda _: f'<ul class="citations-sources">{items}</ul>',
                                      content, 1)
    return content


def list_anchors(content: str, registry: dict[str, Source]) -> set[str]:
    """The ids fill_sources_list will give the sources in this HTML (each source whose group's
    slot it has): anchors of the page, which MkDocs collects while Markdown renders it, before
    the list is there."""
    slots = {name for index, name in enumerate(_groups(registry))
             if _slot_re(index).search(content)}
    return {source.id for source in registry.values() if group_of(source) in slots}


def _slot_re(index: int) -> re.Pattern:
    # A group's slot: a comment, so that nothing reads it as the page's text before it is
    # filled (the seo hook's description); a raw block of its own, or a paragraph's inline HTML
    # where raw blocks are not read (indented in an admonition).
    # (Markdown leaves a blank line after a raw block, none after a paragraph.)
    comment = f"<!-- {_SLOT}{index} -->"
    return re.compile(rf"<p>\s*{comment}\s*</p>|{comment}\n?")


def check_anchors(content: str, registry: dict[str, Source], shown: str, page: str) -> None:
    """Every source's id is its anchor on the sources page, whose HTML (content, before the list
    is filled in) must not have it already: a heading's, a group's (`web-pages`) or another
    element's. DataError naming the registry's entry, as another of its data errors."""
    if not registry:
        return
    taken = set(_ID_RE.findall(content))
    for position, key in enumerate(registry, start=1):
        if key in taken:
            what = "a heading's anchor" if re.search(rf'<h[1-6][^>]*\sid="{re.escape(key)}"',
                                                     content) else "an element's id"
            raise DataError(f"{shown}: entry '{key}' (#{position}), field 'id': '{key}' is "
                            f"{what} on the sources page ({page}) already, and the list gives "
                            f"each source its id as anchor, where an id stands once: choose "
                            f"another id")


_ID_RE = re.compile(r'\sid="([^"]*)"')


def relative(url: str, here: str) -> str:
    """Link from page `here` to `url`, both site-relative; directory links end in a slash."""
    if url == here:
        return "./"
    link = get_relative_url(url, here)
    return link + "/" if (url == "" or url.endswith("/")) and not link.endswith("/") else link


def _source_item(source: Source, registry, uses: dict[str, int], links: dict,
                 based_on: list[str], strings: Strings) -> str:
    esc = html.escape
    text = format_reference(source, registry, full=True, sources_href="", strings=strings)
    cited = sorted(links[uri] + (count,) for uri, count in uses.items() if uri in links)
    if cited:
        usage = strings("citations.cited_on", pages=", ".join(
            f"{link} ({strings('citations.count', count=count)})" for _, _, link, count in cited))
    else:
        usage = strings("citations.cited_nowhere")
    if based_on:
        basis = ", ".join(f'<a href="#{esc(key)}">{short_reference_html(registry[key], strings)}'
                          f'</a>' for key in based_on)
        usage += " " + strings("citations.basis_for", sources=basis)
    return (f'<li id="{esc(source.id)}"><p>{text}</p>'
            f'<p class="citations-uses">{usage}</p></li>')
