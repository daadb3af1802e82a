"""A change's `what` and `why`: one paragraph of inline Markdown, rendered as safe HTML.

Raw HTML is shown as text (`<b>` stays `<b>` on the page, escaped), images are refused (they
would load from wherever they point), and every link is checked: `https:`, `http:` and
`mailto:` links stay as written (what no URL may hold as typed, like `"` or a space,
percent-encoded); a link to a page is written like `page:` in changes.yml, as
a path under docs/ (`since.md`, `since.md#tartus`), and each page that shows the text gets the
address relative to itself. A link that is neither becomes plain text and is reported.

The maps' credit line (places.yml) is rendered the same way: one converter for a data file's
line of inline Markdown.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

from ..markup import as_browsers_read
from ..rules import forbidden_reference
from ..urls import valid_url

EXTERNAL_SCHEMES = ("https", "http", "mailto")

# resolve(path under docs/) -> the address of that page for the page being built, or None
Resolver = Callable[[str], "str | None"]


def resolver(files, page_file=None) -> Resolver:
    """A path under docs/ as an address relative to page_file (the docs root without one): a
    page or another file of the site (a PDF), not one exclude_docs leaves out."""
    def resolve(path: str) -> str | None:
        target = files.get_file_from_path(path)
        if target is None or target.inclusion.is_excluded():
            return None
        return target.url_relative_to(page_file) if page_file is not None else target.url
    return resolve


class InlineError(ValueError):
    """The text is not one paragraph of inline Markdown; the message says what it is instead."""


@dataclass
class Rendered:
    html: str                                           # the paragraph's content, no <p>
    problems: list[str] = field(default_factory=list)  # "no page 'x.md'", "an image", ...
    links: list[tuple[str, str]] = field(default_factory=list)  # (page path, anchor) linked


class InlineMarkdown:
    """One Markdown converter for all change texts of a build (reset between texts)."""

    def __init__(self):
        self._md = markdown.Markdown()
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        # <a@example.org> hides the address in entities; write [a@example.org](mailto:…).
        self._md.inlinePatterns.deregister("automail")
        self._links = _Links(self._md)
        self._md.treeprocessors.register(self._links, "changes_links", 0)

    def render(self, text: str, resolve: Resolver) -> Rendered:
        """text as HTML for one page; InlineError if it is more than one paragraph."""
        self._links.start(resolve)
        try:
            html = self._md.reset().convert(text)
        finally:
            result, self._links.result = self._links.result, None
        if self._links.blocks != ["p"]:
            found = ", ".join(self._links.blocks) or "nothing"
            raise InlineError(f"expected one paragraph of inline Markdown, found {found} "
                              "(no blank lines, lists or headings)")
        # Python-Markdown keeps `&#0;` as written (`&` outside code spans starts a reference).
        reference = forbidden_reference(html)
        if reference is not None:
            raise InlineError(f"the character reference {reference} stands for no character "
                              "a page may hold; remove it")
        result.html = _CITATION_RE.sub("&#91;", html.removeprefix("<p>").removesuffix("</p>"))
        return result


# What reads as a citation (`[@ft]`, `[-@ft]`, a footnote label `[^@ft]`) is text here (a
# citation in it is a warning of its own): its bracket is written as a character reference, so
# the check of the rendered page (explainer.citations.shown) does not take it for one the page
# shows as typed.
_CITATION_RE = re.compile(r"\[(?=\^?-?@)")


class _Links(Treeprocessor):
    """Checks the blocks, drops images, and resolves or refuses each link's target."""

    def start(self, resolve: Resolver) -> None:
        self.resolve = resolve
        self.result = Rendered("")
        self.blocks: list[str] = []

    def run(self, root: etree.Element) -> None:
        self.blocks = [child.tag for child in root]
        for parent in root.iter():
            for child in parent:
                if child.tag == "img":
                    self.result.problems.append(
                        f"an image ({child.get('src')!r}) is not allowed; write a link")
                    _as_text(child, child.get("alt") or "")
                elif child.tag == "a":
                    self._link(child)

    def _link(self, link: etree.Element) -> None:
        target = link.get("href", "")
        parts = urlsplit(target)
        read = urlsplit(as_browsers_read(target))    # 'java&#x09;script:…' is javascript:
        if read.scheme in EXTERNAL_SCHEMES and (read.netloc or read.scheme == "mailto"):
            link.set("href", valid_url(target))
            return
        if read.scheme or read.netloc or not parts.path or read.path.startswith("/"):
            self.result.problems.append(
                f"link {target!r}: write https://…, http://…, mailto:… or a page's path "
                "under docs/ (like 'page:')")
            _as_text(link, None)
            return
        path = posixpath.normpath(parts.path)
        url = None if path.startswith("../") else self.resolve(path)
        if url is None:
            self.result.problems.append(f"link {target!r}: no page '{path}'")
            _as_text(link, None)
            return
        self.result.links.append((path, parts.fragment))
        link.set("href", valid_url(url + (f"#{parts.fragment}" if parts.fragment else "")))


def _as_text(element: etree.Element, text: str | None) -> None:
    """Turn a link or image into a <span> with its text (an image's alt text)."""
    element.tag = "span"
    element.attrib.clear()
    if text is not None:
        element.text = text
