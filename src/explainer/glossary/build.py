"""One build's glossary: the terms, and what the pages used (made afresh in on_config)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..search_view import SearchView
from ..strings import Strings
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
    view: SearchView = field(default_factory=SearchView)       # pages search reads
    current: Marking | None = None                    # the page Markdown is rendering now
    ids: dict[str, set[str]] = field(default_factory=dict)     # page -> ids of its elements
    used: dict[str, set[str]] = field(default_factory=dict)    # page -> terms it mentions
    paths: dict[tuple[str, str], str | None] = field(default_factory=dict)  # (target, folder)
    #                                          -> its path relative to the folder (None: no page)

    def current_marking(self) -> Marking | None:
        return self.current
