"""What a citation adds to its source's reference, as HTML: prefix, locator and suffix.

    [vgl. @ft, S. 3, und *passim*]  ->  Vgl. Financial Times, …, S. 3, und <em>passim</em>.

Each part is the editor's inline Markdown: emphasis and code are rendered, HTML is not (a
`<b>` shows as typed), so every character the editor wrote reaches the page escaped; a backslash
escapes any ASCII punctuation, as in Pandoc. Links (also reference links the page defines) and
images are left out, a link's text kept: MkDocs checks and rewrites the page's links, not those
inside a note's HTML (`sources.md#ft`, `javascript:`, an image from another site would pass);
the page pass warns, so the editor puts the link or image in the text.
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
    left_out: tuple[str, ...] = ()  # what was left out of them: "link" (its text kept), "image"


def affixes(cite: Cite, links: frozenset[str] = frozenset()) -> Affixes:
    """The prefix, locator and suffix of one citation as HTML. `links`: the labels the page's
    link reference definitions define (lower case), so `[text][label]` and `[label]` in them
    are the links they are on the page."""
    (prefix, *found), (locator, *in_locator), (suffix, *in_suffix) = (
        _inline(text, links) for text in (cite.prefix, cite.locator, cite.suffix))
    left_out = tuple(kind for kind in _KINDS if kind in {*found[0], *in_locator[0],
                                                          *in_suffix[0]})
    if "image" in in_suffix[0] and not _WORD_OR_TAG_RE.search(suffix):
        suffix = ""                          # `[@ft, ![Logo](x.png)]`: nothing but its comma
    return Affixes(capitalised(prefix.strip()), locator.strip(), suffix.rstrip(),
                   cite.suppress_author, left_out)


_KINDS = ("link", "image")
_WORD_OR_TAG_RE = re.compile(r"\w|<")


def inline_html(text: str) -> str:
    """Inline Markdown as HTML: `*passim*` -> `<em>passim</em>`; raw HTML escaped, links left
    out (their text kept), images left out."""
    return _inline(text)[0]


def _inline(text: str, links: frozenset[str] = frozenset()) -> tuple[str, set[str]]:
    """inline_html's HTML, and what was left out of it ("link", "image")."""
    if not _MARKUP_RE.search(text):
        return html.escape(text, quote=False), set()
    md = markdown.Markdown()
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # As Pandoc: a backslash escapes any ASCII punctuation (`\@ria` is "@ria").
    md.ESCAPED_CHARS = list(_ASCII_PUNCTUATION)
    md.references = {label: ("", None) for label in links if f"[{label}" in text.lower()}
    unlinked = _Unlinked(md)
    md.treeprocessors.register(unlinked, "citations-unlinked", 0)    # after the inline step
    # A character no block syntax starts with keeps `1. Teil` or `# 3` one inline paragraph.
    rendered = md.convert(_GUARD + text)
    opening = "<p>" + _GUARD
    if not (rendered.startswith(opening) and rendered.endswith("</p>")):
        return html.escape(text, quote=False), set()
    return rendered[len(opening):-len("</p>")], unlinked.found


_ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


class _Unlinked(Treeprocessor):
    """Each link becomes its content; each image goes, with its description (`alt`)."""

    def run(self, root):
        self.found = set()
        for parent in list(root.iter()):
            for index in reversed(range(len(parent))):
                if parent[index].tag in ("a", "img"):
                    self.found.add("image" if parent[index].tag == "img" else "link")
                    _unwrap(parent, index)


def _unwrap(parent, index: int) -> None:
    """Put parent[index]'s text and children in its place; an image leaves nothing (nor one
    of the spaces around it)."""
    element = parent[index]
    before = (parent.text if index == 0 else parent[index - 1].tail) or ""
    tail = element.tail or ""
    if element.tag == "img":
        text, children = "", []
        if tail.startswith(" ") and (before.endswith(" ") or not before.strip(_GUARD)):
            tail = tail[1:]
    else:
        text, children = element.text or "", list(element)
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    else:
        text += tail
    parent.remove(element)
    if index == 0:
        parent.text = before + text
    else:
        parent[index - 1].tail = before + text
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
