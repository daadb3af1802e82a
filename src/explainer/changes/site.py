"""One build's changes, from changes.yml to the notices, the list page and the JSON-LD.

`ChangeLog` is made afresh for every build (`mkdocs serve` rebuilds with a new one) and
follows the build's steps: the file is read with the config, the pages it names are checked
once the files are known, each page gets its notices while its Markdown is converted, and the
list page is filled in once every page is rendered (it names pages and sections by their
titles). Methods return the warnings; the hook logs them.
"""
from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Callable

from markupsafe import Markup

from .. import html_blocks, preview
from ..data import DataError, load_yaml, while_unchanged
from ..location import PageLocation, at_entry, at_line, shown_path
from ..markers import (argument_ignored, find_markers, has_marker, marker_warnings,
                       replace_first)
from ..strings import Strings, for_config
from . import render
from .entries import (Change, build_day, by_date, check_citations, check_dates, check_pages,
                      check_sections, last_changed, parse_changes)
from .inline import InlineError, InlineMarkdown, Rendered, resolver
from .notices import NoticeExtension

FILE = "changes.yml"


class ChangeLog:
    def __init__(self, changes: list[Change], *, found: bool, strings: Strings, language: str,
                 base: str | Path = ".", blocks: html_blocks.ElementBlocks | None = None):
        self.changes = changes          # newest first
        self.found = found              # False: the site has no changes.yml
        self.base = base                # the folder of mkdocs.yml (messages show paths from it)
        self.strings = strings
        self.language = language
        self.blocks = blocks            # the list's element blocks (explainer.html_blocks)
        self.extension = NoticeExtension(self._notices_of_current_page)
        self._inline = InlineMarkdown()
        self._files = None
        self._page = None               # the page whose Markdown is being converted
        self._list_pages: list = []     # pages with the marker (filled in by fill_lists)
        self._list_file = None          # the first of them: where notices link to
        self._links: list[tuple[Change, str, str, str]] = []   # (change, field, path, anchor)
        self._same_everywhere: dict[tuple[int, str], Rendered] = {}   # (number, field)
        self._index()

    def _index(self) -> None:
        self._last = last_changed(self.changes)
        self._by_page: dict[str, list[Change]] = {}    # page -> its changes, newest first
        for change in self.changes:
            self._by_page.setdefault(change.page, []).append(change)

    def withdraw(self) -> None:
        """Show no changes in this build (a preview whose changes.yml is broken says so)."""
        self.changes, self._links, self._same_everywhere = [], [], {}
        self._index()

    @classmethod
    def from_config(cls, config, load: Callable[[Path], list[Change]] | None = None
                    ) -> "ChangeLog":
        """The changes in changes.yml beside mkdocs.yml (none without it), the file added to
        serve's watch list. `load(path)` reads it (default: `read`; a preview passes a version
        that turns a broken file into no changes)."""
        path = Path(config.config_file_path).parent / FILE
        preview.watch(config, path)
        theme = config.get("theme")
        language = (theme.get("language") if theme is not None else None) or "en"
        return cls((load or read)(path), found=path.exists(), strings=for_config(config),
                   language=language.replace("_", "-"), base=path.parent,
                   blocks=html_blocks.for_config(config))

    # --- on_files: the pages named exist, the texts are one paragraph, their links lead somewhere

    def check_files(self, files) -> list[str]:
        self._files = files
        pages = {file.src_uri for file in files.documentation_pages()}
        check_pages(self.changes, pages, FILE)
        warnings = []
        # Notices on any page link to the list, so it is looked for before pages are read.
        for file in files.documentation_pages():
            source = file.content_string
            if not has_marker(source, [render.MARKER]):
                continue
            self._list_file = self._list_file or file
            if not self.found:
                shown = shown_path(file.abs_src_path, self.base) if file.abs_src_path \
                    else file.src_uri
                warnings += [f"{at_line(shown, marker.line)}: <!-- {render.MARKER} --> asks for "
                             f"the list of corrections and updates, but there is no {FILE}"
                             for marker in find_markers(source, [render.MARKER])]
        if self.changes and self._list_file is None:
            count = len(self.changes)
            warnings.append(f"{FILE}: {count} change{'s' if count != 1 else ''}, but no page has "
                            f"the line <!-- {render.MARKER} --> where their list goes")
        warnings += check_citations(self.changes, FILE)
        warnings += check_dates(self.changes, build_day(os.environ, datetime.date.today()), FILE)
        for change in sorted(self.changes, key=lambda change: change.number):
            for field in ("what", "why"):
                if getattr(change, field) is None:
                    continue
                result = self._render(change, field, self._resolver(None))
                warnings += [f"{at_entry(FILE, change.entry, field)}: {problem}"
                             for problem in result.problems]
                self._links += [(change, field, path, anchor) for path, anchor in result.links]
        return warnings

    # --- on_page_markdown: the list page's skeleton in place of its marker

    def page_markdown(self, markdown: str, page) -> tuple[str, list[str]]:
        """The page with the list in place of its marker, and warnings about further markers
        (the list goes on a page once: its ids would repeat) or a miscased marker."""
        self._page = page
        where = PageLocation(page, self.base)
        warnings = marker_warnings(markdown, [render.MARKER], where, takes_argument=False)
        if not self.found or not has_marker(markdown, [render.MARKER]):
            return markdown, warnings
        self._list_pages.append(page)
        if self.blocks is not None:
            self.blocks.want()
        # A title of the page's own (a level-1 heading, or `title:` in its front matter, which
        # the theme shows as the heading) stands in for the list's.
        own_title = render.has_title(markdown) or isinstance(page.meta.get("title"), str)
        changed, others = replace_first(markdown, [render.MARKER],
                                        render.list_markdown(self.changes, self.strings,
                                                             title=not own_title))
        # The list is all changes; an argument selects none.
        warnings += [f"{where.at(marker.line, markdown)}: {ignored}"
                     for marker in find_markers(markdown, [render.MARKER])
                     if (ignored := argument_ignored(marker))]
        return changed, warnings + [f"{where.at(marker.line, markdown)}: the list of changes is "
                                    f"on this page already; this <!-- {render.MARKER} --> is "
                                    f"left out" for marker in others]

    def _notices_of_current_page(self) -> dict[str | None, list[str]]:
        # Taken by the first conversion after page_markdown, the page's own: a snippet some
        # other code converts later with the site's extensions gets no notices.
        page, self._page = self._page, None
        if page is None:
            return {}
        mine = self._by_page.get(page.file.src_uri, [])
        notices: dict[str | None, list[str]] = {}
        # Notices on the whole page first: they stand right after the title.
        for change in sorted(mine, key=lambda change: change.section is not None):
            list_url = None
            if self._list_file is not None:
                list_url = (self._list_file.url_relative_to(page.file)
                            + f"#{render.anchor(change.date)}")
            what = self._render(change, "what", self._resolver(page)).html
            notices.setdefault(change.section, []).append(
                render.notice(change, Markup(what), list_url, self.strings))
        return notices

    # --- on_env: every page is rendered; check anchors, fill in the list pages

    def fill_lists(self) -> list[str]:
        warnings = check_sections(self.changes, self._headings_of, self._anchors_of, FILE)
        for change, field, path, anchor in self._links:
            if anchor and anchor not in self._anchors_of(path):
                warnings.append(f"{at_entry(FILE, change.entry, field)}: link to "
                                f"'{path}#{anchor}': no anchor '{anchor}' on {path}")
        for page in self._list_pages:
            content = page.content
            for date, group in by_date(self.changes):
                items = [self._item(change, page) for change in group]
                content = content.replace(render.placeholder(date), render.items_html(items))
            page.content = content
        return warnings

    def _item(self, change: Change, page) -> render.Item:
        target = self._files.get_file_from_path(change.page)
        url = target.url_relative_to(page.file) + (f"#{change.section}" if change.section else "")
        section = _heading_title(target.page.toc, change.section) if change.section else None
        why = self._render(change, "why", self._resolver(page)).html if change.why else None
        return render.Item(
            kind=self.strings(f"changes.kind.{change.kind}"), url=url,
            place=render.place(_plain(target.page.title), section, self.strings),
            what=Markup(self._render(change, "what", self._resolver(page)).html),
            why=Markup(self.strings("changes.why", text=why)) if why else None)

    # --- on_post_page: the date of the page's last change in its metadata

    def add_json_ld(self, output: str, page) -> str:
        modified = self._last.get(page.file.src_uri)
        if page in self._list_pages and self.changes:
            modified = self.changes[0].date          # the list changes with every entry
        if modified is None or "</head>" not in output:
            return output
        script = render.json_ld(title=_plain(page.title or ""), url=page.canonical_url,
                                language=self.language, modified=modified)
        return output.replace("</head>", f"  {script}\n  </head>", 1)

    def summary(self) -> str:
        if not self.found:
            return f"no {FILE}: no corrections or updates are shown"
        kinds = [change.kind for change in self.changes]
        return (f"{FILE}: {kinds.count('correction')} correction(s) and "
                f"{kinds.count('update')} update(s) on {len(self._last)} page(s)")

    # --- helpers

    def _render(self, change: Change, field: str, resolve):
        # A text that links to no page is the same on every page: rendered once per build.
        key = (change.number, field)
        if key in self._same_everywhere:
            return self._same_everywhere[key]
        try:
            result = self._inline.render(getattr(change, field), resolve)
        except InlineError as error:
            raise DataError(f"{at_entry(FILE, change.entry, field)}: {error}") from None
        if not result.links:
            self._same_everywhere[key] = result
        return result

    def _resolver(self, page):
        # Addresses relative to `page` (the docs root while checking).
        return resolver(self._files, page.file if page is not None else None)

    def _headings_of(self, path: str) -> set[str]:
        target = self._files.get_file_from_path(path)
        page = target.page if target is not None else None
        return _heading_ids(page.toc) if page is not None else set()

    def _anchors_of(self, path: str) -> set[str]:
        target = self._files.get_file_from_path(path)
        page = target.page if target is not None else None
        return set(page.present_anchor_ids or ()) if page is not None else set()


@while_unchanged                        # read again only once the file changes
def read(path: Path) -> list[Change]:
    """changes.yml's changes, newest first ([] when there is no file); DataError if broken."""
    return parse_changes(load_yaml(path, FILE, missing_ok=True), FILE)


def _heading_ids(toc) -> set[str]:
    ids = set()
    for item in toc:
        ids |= {item.id} | _heading_ids(item.children)
    return ids


def _heading_title(toc, anchor: str) -> str | None:
    for item in toc:
        if item.id == anchor:
            return _plain(item.title)
        found = _heading_title(item.children, anchor)
        if found:
            return found
    return None


def _plain(text: str) -> str:
    """A title as plain text: MkDocs hands some over as HTML (tags, entities)."""
    return Markup(text).striptags()
