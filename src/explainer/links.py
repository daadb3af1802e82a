"""Links in a data file's Markdown (a glossary explanation, a timeline event), checked where a
page shows the text, so that a broken one is reported at the entry the editor wrote, not only
by MkDocs against the page that shows it.

A link in such a text is read as MkDocs reads any link of the page that shows it: a path
relative to that page's file (`bases.md`, `bases.md#tartus`, `#hmeimim` for the page itself).
`missing_file` says what MkDocs' first lookup would not find; `missing_anchor`, once every
page is rendered, which anchor the linked page lacks. `TextLinks` asks both for the texts a
build shows, at the levels mkdocs.yml's `validation` gives MkDocs' own link checks.
"""
from __future__ import annotations

import logging
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urlsplit

from .location import shown_path
from .markup import link_targets


@dataclass(frozen=True)
class Link:
    """A link of a text, as one page that shows the text reads it."""
    url: str                     # as written
    target: str                  # the file it leads to, under docs/ ('' for the page itself)
    anchor: str                  # after '#', as written ('' for none)


def read_from(url: str, page_uri: str) -> Link | None:
    """The link `url` as the page `page_uri` (its path under docs/) reads it; None for what
    MkDocs leaves alone: an address with a scheme or host, an absolute path (MkDocs has its own
    message for that), an address of nothing but a query."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("/", "\\")):
        return None
    if not parts.path:
        return Link(url, "", parts.fragment) if parts.fragment else None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri),
                                               unquote(parts.path)).lstrip("/"))
    return Link(url, target, parts.fragment)


def missing_file(link: Link, files, docs: str = "docs") -> tuple[str, str] | None:
    """Why `link` leads to no file of the site, or None; files: MkDocs' Files. The reason
    comes with the kind of MkDocs' own check that says so: 'not_found', 'unrecognized' (a
    path without a file's extension) or 'excluded'."""
    if not link.target:
        return None
    file = files.get_file_from_path(link.target)
    if file is None and not posixpath.splitext(link.target)[1]:
        return "unrecognized", (f"link '{link.url}' names no file of the site "
                                f"({docs}/{link.target}); link a page by its file, such as "
                                f"'page.md'")
    if file is None:
        return "not_found", (f"link '{link.url}' leads to no file: {docs}/{link.target} "
                             f"does not exist")
    if file.inclusion.is_excluded():
        return "excluded", (f"link '{link.url}': {docs}/{link.target} is not part of the site "
                            f"(exclude_docs or draft_docs leaves it out)")
    return None


def missing_anchor(link: Link, page_file, files, docs: str = "docs") -> str | None:
    """Why `link`'s anchor is not on the page it leads to, once that page is rendered, or None
    (also when the page was not rendered: nothing to check against). page_file: the File of the
    page showing the text."""
    if not link.anchor:
        return None
    file = files.get_file_from_path(link.target) if link.target else page_file
    page = getattr(file, "page", None)
    anchors = page.present_anchor_ids if page is not None else None
    if anchors is None or link.anchor in anchors:
        return None
    return (f"link '{link.url}': {docs}/{file.src_uri} has no anchor '#{link.anchor}'")


@dataclass
class TextLinks:
    """The links of the data-file texts one build shows: each one's file checked as a page
    shows it, its anchor once every page is rendered. Problems come as (level, message), the
    level that of MkDocs' own check of the same kind (`validation.links` in mkdocs.yml)."""
    not_found: int = logging.WARNING
    unrecognized: int = logging.WARNING
    anchors: int = logging.WARNING
    docs: str = "docs"
    _anchored: list[tuple[str, Link, object]] = field(default_factory=list)

    @classmethod
    def for_config(cls, config) -> TextLinks:
        levels = config.validation.links
        docs = shown_path(config.docs_dir, Path(config.config_file_path).parent)
        return cls(levels.not_found, levels.unrecognized_links, levels.anchors, docs)

    def check(self, texts: Iterable[tuple[str, str]], page_file, files) -> list[tuple[int, str]]:
        """texts: (where, Markdown) pairs shown on the page of page_file, where as messages
        name the entry ("glossary.yml: entry 'Tartus', field 'explanation'")."""
        problems = []
        for where, text in texts:
            for url in link_targets(text):
                link = read_from(url, page_file.src_uri)
                if link is None:
                    continue
                problem = missing_file(link, files, self.docs)
                if problem is not None:
                    kind, message = problem
                    problems.append((self._level(kind), f"{where}: {message}"
                                                        f"{self._shown(page_file)}"))
                elif link.anchor:
                    self._anchored.append((where, link, page_file))
        return problems

    def check_anchors(self, files) -> list[tuple[int, str]]:
        """Every page rendered: the anchors of the links `check` found leading to a page."""
        anchored, self._anchored = self._anchored, []
        return [(self.anchors, f"{where}: {problem}{self._shown(page_file)}")
                for where, link, page_file in anchored
                if (problem := missing_anchor(link, page_file, files, self.docs)) is not None]

    def _level(self, kind: str) -> int:
        # A link to a page left out of the site is news, not a fault, as MkDocs has it.
        return {"not_found": self.not_found, "unrecognized": self.unrecognized}.get(
            kind, min(logging.INFO, self.not_found))

    def _shown(self, page_file) -> str:
        return f" (read from {self.docs}/{page_file.src_uri}, which shows the text)"
