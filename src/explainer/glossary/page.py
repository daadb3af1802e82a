"""The glossary page's entries as Markdown: letter headings, one heading per term.

Written into the page where `<!-- glossary -->` stands, before the citations hook reads the
page, so an entry's `[@key]` and its `sources` become footnotes like any citation. Names are
escaped for Markdown: a term is shown as written, never read as markup; an explanation is
Markdown, and HTML in it shows as typed.
"""
from __future__ import annotations

import html
import posixpath
import re

from ..location import Generated, at_entry
from ..markup import literal, without_html
from ..strings import Strings, sort_key
from .explanation import PageMarkdown, ends_in_paragraph
from .terms import Term

MARKER = "glossary"          # <!-- glossary -->


def in_order(terms: list[Term]) -> list[Term]:
    """The entries in the order of the glossary page: by their first letter on („Wagner“ with
    W, 'Ndrangheta with N)."""
    return sorted(terms, key=lambda t: (sort_key(_from_letter(t.name)), sort_key(t.name)))


def _from_letter(name: str) -> str:
    # Quotation marks and apostrophes before the first letter or digit do not sort.
    return _LEADING_MARKS.sub("", name) or name


_LEADING_MARKS = re.compile(r"^[\W_]+")


def entry_headings(terms: list[Term]) -> list[tuple[str, str]]:
    """(heading text, anchor) of each entry, in the page's order: the text as the toc extension
    reads it from the heading render_glossary writes (white space collapsed)."""
    return [(" ".join(term.name.split()), term.glossary_anchor) for term in in_order(terms)]


def render_glossary(terms: list[Term], strings: Strings, page: str = "glossary.md",
                    md: PageMarkdown | None = None, shown: str = "glossary.yml") -> Generated:
    """Markdown of all entries: letter headings (H2), one H3 per term with kind, variants, sources.
    page is the glossary page's path in docs/: its links are relative to it; md the site's
    Markdown, which tells where the sources can go; shown the table's file, which each entry's
    lines name as where they came from."""
    md = md or PageMarkdown()
    lines: list[tuple[str, str | None]] = []
    letter = None
    for term in in_order(terms):
        first = sort_key(_from_letter(term.name))[0][:1].upper()
        if first != letter:
            letter = first
            lines += [(f"## {literal(letter)}", None), ("", None)]
        lines += [(f"### {literal(term.name)}", at_entry(shown, term.entry, "term")), ("", None)]
        # Kind and spellings describe the entry and state no fact that needs a source: written
        # as an HTML block, which the citations check leaves alone.
        facts = [f"<em>{html.escape(strings('glossary.kind.' + term.kind))}</em>"]
        if term.variants:
            facts.append(html.escape(strings("glossary.also", forms=", ".join(term.variants))))
        lines += [(f'<p class="glossar-schreibweisen">{" · ".join(facts)}</p>',
                   at_entry(shown, term.entry)), ("", None)]
        uncited = [key for key in term.sources
                   if not re.search(rf"@{re.escape(key)}(?![\w-])", term.explanation)]
        explanation = without_html(term.explanation)
        where = at_entry(shown, term.entry, "explanation")
        # The sources not cited go after the last sentence; after a block (code, a table, a
        # list) in a paragraph of their own, where they are neither code nor lost.
        cites = "[" + "; ".join(f"@{key}" for key in uncited) + "]" if uncited else ""
        if cites and ends_in_paragraph(term.explanation, md):
            lines += [(f"{explanation} {cites}", where), ("", None)]
        else:
            lines += [(explanation, where), ("", None)]
            if cites:
                lines += [(cites, at_entry(shown, term.entry, "sources")), ("", None)]
        if term.link_page:
            more = literal(strings("glossary.more", term=term.name))
            target = posixpath.relpath(term.link_page, posixpath.dirname(page) or ".")
            lines += [(f"[{more}]({target}#{term.anchor})", at_entry(shown, term.entry, "link")),
                      ("", None)]
    return Generated(lines)
