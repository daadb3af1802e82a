"""What a citation adds to its source's reference, as HTML: prefix, locator and suffix.

    [vgl. @ft, S. 3, und *passim*]  ->  Vgl. Financial Times, …, S. 3, und <em>passim</em>.

Each part is the editor's inline Markdown: emphasis and code are rendered, HTML is not (a
`<b>` shows as typed), so every character the editor wrote reaches the page escaped.
"""
from __future__ import annotations

import html
import re
from typing import NamedTuple

import markdown

from .syntax import Cite


class Affixes(NamedTuple):
    prefix: str = ""             # HTML, capitalised: a footnote starts with it
    locator: str = ""            # HTML
    suffix: str = ""             # HTML, with its separator (", und dort")
    suppress_author: bool = False  # -@key: the text names the author already


def affixes(cite: Cite) -> Affixes:
    """The prefix, locator and suffix of one citation as HTML."""
    return Affixes(capitalised(inline_html(cite.prefix)), inline_html(cite.locator),
                   inline_html(cite.suffix), cite.suppress_author)


def inline_html(text: str) -> str:
    """Inline Markdown as HTML: `*passim*` -> `<em>passim</em>`; raw HTML escaped."""
    if not _MARKUP_RE.search(text):
        return html.escape(text, quote=False)
    md = markdown.Markdown()
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # A character no block syntax starts with keeps `1. Teil` or `# 3` one inline paragraph.
    rendered = md.convert(_GUARD + text)
    opening = "<p>" + _GUARD
    if not (rendered.startswith(opening) and rendered.endswith("</p>")):
        return html.escape(text, quote=False)
    return rendered[len(opening):-len("</p>")]


def capitalised(html_text: str) -> str:
    """The first letter in upper case, after tags and punctuation: "vgl." -> "Vgl."; text
    that starts with an escaped character (`&lt;b&gt;`) stays as it is."""
    match = _FIRST_LETTER_RE.search(html_text)
    if match is None:
        return html_text
    at = match.start(1)
    return html_text[:at] + html_text[at].upper() + html_text[at + 1:]


_GUARD = "\ue000"                            # private use: never typed
_MARKUP_RE = re.compile(r"[*_`\\<>&\[\]!]")
_FIRST_LETTER_RE = re.compile(r"\A(?:<[^>]*>|[^\w<&])*(\w)")
