"""One build's citations: the registry, what each page cited, and the page being rendered.

Made afresh in on_config (`mkdocs serve` keeps the hook module loaded between builds), so
nothing of one build reaches the next.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..preview import Problems
from ..search_view import SearchView
from ..strings import Strings
from .footnotes import PageResult
from .registry import Source, via_chain


@dataclass
class CitationsBuild:
    registry: dict[str, Source]
    registry_shown: str                      # 'sources.yml', as the editor sees it
    required: bool                           # every page must cite (unless it opts out)
    sources_page: str                        # src_uri of the page listing the sources
    strings: Strings
    problems: Problems                       # broken data files (shown in a preview)
    search: bool = False                     # a search plugin reads the pages
    sources_url: str | None = None
    current: PageResult | None = None        # the page Markdown is rendering now
    current_searchable: bool = False
    formatted: dict = field(default_factory=dict)                   # reference HTML cache
    view: SearchView = field(default_factory=SearchView)            # pages search reads
    uses: dict[str, dict[str, int]] = field(default_factory=dict)   # key -> page -> count
    pages: dict[str, object] = field(default_factory=dict)          # src_uri -> Page
    page_counts: dict[str, int] = field(default_factory=dict)
    citations: int = 0
    unsupported: int = 0

    def current_result(self) -> PageResult | None:
        return self.current

    def current_is_searchable(self) -> bool:
        return self.current_searchable

    def record(self, page, result: PageResult) -> None:
        src_uri = page.file.src_uri
        self.pages[src_uri] = page
        self.page_counts[src_uri] = sum(result.counts.values())
        self.citations += self.page_counts[src_uri]
        self.unsupported += result.unsupported
        for key, count in result.counts.items():
            self.uses.setdefault(key, {})[src_uri] = count

    def never_cited(self) -> list[str]:
        """Sources no page cites, directly or as the `via` of a cited source."""
        reached = set(self.uses)
        for key in self.uses:
            reached.update(via_chain(key, self.registry))
        return [key for key in self.registry if key not in reached]

    def summary(self) -> str:
        pages = sum(1 for count in self.page_counts.values() if count)
        return (f"{self.citations} citations of {len(self.uses)} sources on {pages} pages; "
                f"{self.unsupported} paragraphs without source")


def page_requires(meta: dict, site_wide: bool) -> bool:
    """Front matter `citations: required` (or `optional`) overrides the site-wide switch."""
    value = meta.get("citations")
    if value in ("required", True):
        return True
    if value in ("optional", False):
        return False
    return site_wide
