"""One build's glossary: the terms, and what the pages used (made afresh in on_config)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..links import TextLinks
from ..search_view import SearchView
from ..strings import Strings
from .explanation import PageMarkdown
from .extension import Marking
from .matcher import Matcher
from .terms import Term


@dataclass
class GlossaryBuild:
    terms: list[Term]
    matcher: Matcher
    slugify: object
    strings: Strings
    shown: str                                        # 'glossary.yml'
    page: str                                         # src_uri of the glossary page
    has_page: bool = False
    search: bool = False                              # a search plugin reads the pages
    markdown: PageMarkdown | None = None              # the site's Markdown, for explanations
    labels: dict[str, Term] = field(default_factory=dict)     # footnote or link reference
    #                                  label ('[^1]', '[r]') -> the entry whose explanation
    #                                     defines it
    view: SearchView = field(default_factory=SearchView)       # pages search reads
    current: Marking | None = None                    # the page Markdown is rendering now
    used: set[str] = field(default_factory=set)       # terms the pages mention (not the glossary)
    rendered: int = 0                                 # pages marked so far
    targets: dict[str, tuple[object, str] | None] = field(default_factory=dict)  # term key
    #                                  -> the File and anchor its first mentions link to (None:
    #                                     no link)
    linked: dict[str | None, list[str]] = field(default_factory=dict)  # page -> the terms
    #                                  whose first mentions link to it (None: to no page)
    links: TextLinks = field(default_factory=TextLinks)   # the explanations' links

    def current_marking(self) -> Marking | None:
        return self.current
