"""A glossary explanation read as the glossary page renders it: with the site's own Markdown
extensions (those mkdocs.yml names), so that a check sees what the page will show, such as a
heading inside an admonition or a fenced block at the end.
"""
from __future__ import annotations

import re

import markdown

from ..data import DataError
from ..markup import without_html


class PageMarkdown:
    """The Markdown of the site's pages, one instance for all explanations of a build (made in
    about a millisecond, an explanation rendered in a tenth of one). extensions are the names
    of mkdocs.yml's `markdown_extensions` (extension objects that hooks added are left out:
    they work on the pages, not on a text alone), configs their options."""

    def __init__(self, extensions=("fenced_code",), configs: dict | None = None):
        names = [name for name in extensions if isinstance(name, str)]
        self._md = markdown.Markdown(extensions=names,
                                     extension_configs={name: (configs or {})[name]
                                                        for name in names
                                                        if name in (configs or {})})

    def convert(self, text: str) -> str:
        """The HTML of an explanation as the glossary page writes it (its HTML as typed)."""
        self._md.reset()
        return self._md.convert(without_html(text))


# A word no explanation holds, put where the sources would go.
_PROBE = "glossaryprobeqx"


def ends_in_paragraph(text: str, md: PageMarkdown) -> bool:
    """Whether words added to the last line of text only continue its last paragraph: true of
    a plain paragraph, false when text ends in a fenced or indented code block, a table, a list,
    a quotation, an admonition or a reference definition, where the words would land in that
    block, change it or vanish. Rendered twice: with the words on the last line, and as a
    paragraph of their own; the same page but for one paragraph break means they continue it."""
    apart = md.convert(f"{text}\n\n{_PROBE}")
    joined = apart.replace(f"</p>\n<p>{_PROBE}</p>", f" {_PROBE}</p>", 1)
    return joined != apart and md.convert(f"{text} {_PROBE}") == joined


def check_explanations(terms, md: PageMarkdown, shown: str) -> None:
    """DataError for the first explanation the glossary page cannot show as written."""
    for term in terms:
        if has_heading(term.explanation, md):
            raise DataError(f"{shown}: {term.entry}, field 'explanation': an explanation cannot "
                            f"hold a heading (the entry's name is its heading); write paragraphs")


# A line that may start or underline a heading, also in a quotation, a list item or an indented
# block (an admonition, a details block): only such a text is rendered to be sure.
_HEADING_HINT = re.compile(r"^[ \t>*+\d.)-]*#|^[ \t>]*(?:=+|-+)[ \t]*$", re.M)
_HEADING = re.compile(r"<h[1-6][\s>]")


def has_heading(text: str, md: PageMarkdown) -> bool:
    """Whether Markdown text makes a heading ('## Title', a line underlined with === or ---, in
    any block the site's extensions nest), which in an explanation would stand among the
    glossary page's own headings."""
    return bool(_HEADING_HINT.search(text)) and _HEADING.search(md.convert(text)) is not None
