"""One build's citations: the registry, what each page cited, and the page being rendered.

Made afresh in on_config (`mkdocs serve` keeps the hook module loaded between builds), so
nothing of one build reaches the next.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..data import kind_of
from ..preview import Problems
from ..rules import did_you_mean
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
    sources_content: tuple | None = None     # the sources page's HTML, its PageLocation
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


PAGE_VALUES = {"required": True, "optional": False}     # front matter `citations:`


def page_requires(meta: dict, site_wide: bool) -> bool:
    """Front matter `citations: required` (or `optional`; or true, false) overrides the
    site-wide switch; any other value leaves it (`page_value_problem` says what is wrong)."""
    value = meta.get("citations")
    if isinstance(value, bool):
        return value
    return PAGE_VALUES.get(value, site_wide) if isinstance(value, str) else site_wide


def page_value_problem(meta: dict) -> str | None:
    """Why front matter `citations:` is none of its values; None when it is one, or absent."""
    if "citations" not in meta:
        return None
    value = meta["citations"]
    if isinstance(value, bool) or (isinstance(value, str) and value in PAGE_VALUES):
        return None
    if isinstance(value, str):
        return (f"front matter key 'citations': '{value}' is neither required nor optional"
                f"{did_you_mean(value, PAGE_VALUES)}")
    hint = did_you_mean(value[0], PAGE_VALUES) if isinstance(value, list) and len(value) == 1 \
        and isinstance(value[0], str) else ""
    return (f"front matter key 'citations': expected required or optional, found "
            f"{kind_of(value)}{hint}")
