"""What a citation adds to its source's reference, as HTML: prefix, locator and suffix.

    [vgl. @ft, S. 3, und *passim*]  ->  Vgl. Financial Times, …, S. 3, und <em>passim</em>.

Each part is the editor's inline Markdown: emphasis and code are rendered, HTML is not (a
`<b>` shows as typed), so every character the editor wrote reaches the page escaped. Links and
images are left out, a link's text and an image's description kept: MkDocs checks and rewrites
the page's links, not those inside a note's HTML (`sources.md#ft`, `javascript:`, an image from
another site would pass); the scan warns, so the editor puts the link in the text.
"""
from __future__ import annotations

import html
import re
from typing import NamedTuple

import markdown
from markdown.treeprocessors import Treeprocessor

from .syntax import Cite


class Affixes(NamedTuple):
    prefix: str = ""             # HTML, capitalised: a footnote starts with it
    locator: str = ""            # HTML
    suffix: str = ""             # HTML, with its separator (", und dort")
    suppress_author: bool = False  # -@key: the text names the author already
    links_left_out: bool = False   # a link or image in them was left out (its text kept)


def affixes(cite: Cite) -> Affixes:
    """The prefix, locator and suffix of one citation as HTML."""
    (prefix, linked_prefix), (locator, linked_locator), (suffix, linked_suffix) = (
        _inline(cite.prefix), _inline(cite.locator), _inline(cite.suffix))
    return Affixes(capitalised(prefix), locator, suffix, cite.suppress_author,
                   linked_prefix or linked_locator or linked_suffix)


def inline_html(text: str) -> str:
    """Inline Markdown as HTML: `*passim*` -> `<em>passim</em>`; raw HTML escaped, links and
    images left out (their text kept)."""
    return _inline(text)[0]


def _inline(text: str) -> tuple[str, bool]:
    """inline_html's HTML, and whether a link or image was left out."""
    if not _MARKUP_RE.search(text):
        return html.escape(text, quote=False), False
    md = markdown.Markdown()
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    unlinked = _Unlinked(md)
    md.treeprocessors.register(unlinked, "citations-unlinked", 0)    # after the inline step
    # A character no block syntax starts with keeps `1. Teil` or `# 3` one inline paragraph.
    rendered = md.convert(_GUARD + text)
    opening = "<p>" + _GUARD
    if not (rendered.startswith(opening) and rendered.endswith("</p>")):
        return html.escape(text, quote=False), False
    return rendered[len(opening):-len("</p>")], unlinked.found


class _Unlinked(Treeprocessor):
    """Each link becomes its content, each image its description (`alt`)."""

    found = False

    def run(self, root):
        for parent in list(root.iter()):
            for index in reversed(range(len(parent))):
                if parent[index].tag in ("a", "img"):
                    self.found = True
                    _unwrap(parent, index)


def _unwrap(parent, index: int) -> None:
    """Put parent[index]'s text and children in its place (for an image: its `alt`)."""
    element = parent[index]
    image = element.tag == "img"
    text = (element.get("alt") if image else element.text) or ""
    children = [] if image else list(element)
    if children:
        children[-1].tail = (children[-1].tail or "") + (element.tail or "")
    else:
        text += element.tail or ""
    parent.remove(element)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + text
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)


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
