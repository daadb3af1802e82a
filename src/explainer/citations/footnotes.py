"""A page's citations become footnotes of Python-Markdown's footnotes extension.

process_markdown rewrites each citation to a footnote reference with a label no author can use
(`[^@ft]`, `[^@ft~2]` for another locator), one per distinct citation of a source (the same
prefix, locator and suffix), and works out the order of first use down the page; a bare `@key`
of a known source in running text stays text, with a hint. CitationsExtension then works inside
the parser, through the footnotes extension's own API: before it builds its list, the reference
texts are set as the notes' content (kept by `md.htmlStash`, so Markdown never touches their
HTML) and the notes are ordered by first use; after the inline patterns ran, each back-link id
is given in page order (Python-Markdown meets references in admonitions and lists after the
paragraphs around them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from markdown import Extension
from markdown.extensions.footnotes import FootnoteExtension, FootnoteInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..location import line_of
from ..markup import entities
from ..rules import did_you_mean
from ..strings import Strings
from .affixes import affixes
from .references import format_reference
from .registry import Source
from .required import find_unsupported
from .scan import Problem, Scan, scan

SEPARATOR = '<sup class="citations-sep">,</sup>'


@dataclass
class PageResult:
    markdown: str
    notes: dict[str, str]                    # our footnote label -> reference HTML
    order: list[str]                         # every referenced label, in order of first use
    counts: dict[str, int]                   # key -> citations on this page
    problems: list[Problem]
    unsupported: int = 0


def process_markdown(text: str, registry: dict[str, Source], *, strings: Strings,
                     required: bool = False, sources_href: str | None = None,
                     formatted: dict | None = None) -> PageResult:
    """Rewrite one page: citations become `[^label]` references; notes and order on the side.

    `formatted` caches reference HTML across the pages of one build.
    """
    formatted = {} if formatted is None else formatted
    found = scan(text, language=strings.language)
    problems = list(found.problems)
    prefix = _label_prefix(found)
    labels: dict[tuple, str] = {}            # (key, prefix, locator, suffix, -@) -> label
    notes: dict[str, str] = {}
    counts: dict[str, int] = {}
    edits: list[tuple[int, int, str]] = []
    uses: list[tuple[int, str]] = []         # (offset, label) of every footnote reference
    variants: dict[str, int] = {}            # key -> its citations that differ
    bases: dict[str, str] = {}               # key -> its label without prefix and variant
    previous_end = 0
    for citation in found.citations:
        parts = []
        for cite in citation.cites:
            key = cite.key
            source = registry.get(key)
            if source is None:
                problems.append(Problem(line_of(text, citation.start), f"unknown source '{key}'"
                                        f"{did_you_mean(key, registry)}"))
                parts.append(_unknown_marker(key, strings))
                continue
            counts[key] = counts.get(key, 0) + 1
            variant = (key, cite.prefix, cite.locator, cite.suffix, cite.suppress_author)
            label = labels.get(variant)
            if label is None:
                if key not in variants:              # ids must be ASCII for Material's tooltips
                    bases[key] = key if key.isascii() else f"~{len(bases) + 1}"
                variants[key] = variants.get(key, 0) + 1
                label = prefix + bases[key] + (f"~{variants[key]}" if variants[key] > 1 else "")
                labels[variant] = label
                reference = formatted.get((variant, sources_href))
                if reference is None:
                    reference = format_reference(source, registry, affixes(cite), sources_href,
                                                 strings=strings)
                    formatted[(variant, sources_href)] = reference
                notes[label] = reference
            uses.append((citation.start, label))
            parts.append(f"[^{label}]")
        joined = SEPARATOR.join(parts)
        if previous_end and not text[previous_end:citation.start].strip(" \t"):
            joined = SEPARATOR + joined              # [@a] [@b]: two notes, one separator
        edits.append((_trim_space_before(text, citation.start), citation.end, joined))
        previous_end = citation.end
    for offset, key in found.bare_keys:
        if key in registry:
            problems.append(Problem(line_of(text, offset), f"'@{key}' stays text; did you mean "
                                    f"[@{key}]?", level="info"))
    unsupported = 0
    if required:
        marker = (f'<sup class="citations-missing" title="{strings("citations.missing_title")}">'
                  f'{strings("citations.missing")}</sup>')
        for line, _, marker_at in find_unsupported(text, found):
            problems.append(Problem(line, "paragraph without source: cite it with [@key], or "
                                          "mark it {: .ohne-beleg }"))
            edits.append((marker_at, marker_at, marker))
            unsupported += 1
    problems.sort(key=lambda p: p.line)
    if not edits:
        return PageResult(text, {}, [], counts, problems, unsupported)
    order = _first_use(found, uses) if notes else []
    return PageResult(_apply(text, edits), notes, order, counts, problems, unsupported)


def _first_use(found: Scan, uses: list[tuple[int, str]]) -> list[str]:
    """Labels (ours and the author's) in the order a reader meets them: down the page, and
    references written inside a footnote's own text after those in the body."""
    notes = sorted(found.author_defs.values())

    def place(offset: int) -> tuple[int, int, int]:
        for start, end in notes:
            if start <= offset < end:
                return (1, start, offset)
        return (0, offset, 0)

    first: dict[str, tuple[int, int, int]] = {}
    for offset, label in uses + [(o, l) for o, l in found.author_refs if l in found.author_defs]:
        key = place(offset)
        if label not in first or key < first[label]:
            first[label] = key
    return sorted(first, key=first.__getitem__)


def _label_prefix(found: Scan) -> str:
    """`@`, or as many `@` as it takes to differ from every label the author uses."""
    used = {label for _, label in found.author_refs} | set(found.author_defs)
    prefix = "@"
    while any(label.startswith(prefix) for label in used):
        prefix += "@"
    return prefix


def _trim_space_before(text: str, start: int) -> int:
    """Citations sit right after the word they support: drop the spaces before, not a newline."""
    pos = start
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    if pos == 0 or text[pos - 1] == "\n":
        return start
    return pos


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out = []
    pos = 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _unknown_marker(key: str, strings: Strings) -> str:
    shown = entities(key)
    title = strings("citations.unknown_title", key=shown)
    return (f'<span class="citations-unknown" title="{title}">'
            f'{strings("citations.unknown", quoted=strings.quoted(shown))}</span>')


# --- inside the parser -----------------------------------------------------------------------

class CitationsExtension(Extension):
    """Puts a page's reference texts into the footnotes extension's notes, in page order.

    `current()` returns the PageResult of the page being rendered (None: nothing to do);
    `searchable()` whether the page's notes may be indexed by search (the sources page).
    """

    def __init__(self, current: Callable[[], PageResult | None],
                 searchable: Callable[[], bool] = lambda: False, **kwargs):
        self.current = current
        self.searchable = searchable
        super().__init__(**kwargs)

    @classmethod
    def for_page(cls, result: PageResult, *, searchable: bool = False) -> CitationsExtension:
        """The extension for one page alone (tests, other engines)."""
        return cls(lambda: result, lambda: searchable)

    def extendMarkdown(self, md):
        footnotes = next((ext for ext in md.registeredExtensions
                          if isinstance(ext, FootnoteExtension)), None)
        if footnotes is None:
            return
        md.registerExtension(self)
        # In place of the footnotes extension's own reference pattern (same name and priority).
        pattern = md.inlinePatterns["footnote"].pattern
        md.inlinePatterns.register(_References(pattern, footnotes, self), "footnote", 175)
        # Before the footnotes extension builds its list (50); after inline patterns (20).
        md.treeprocessors.register(_SetNotes(md, footnotes, self), "citations-notes", 51)
        md.treeprocessors.register(_FinishedNotes(md, footnotes, self), "citations-finished", 49)
        md.treeprocessors.register(_BackLinksInPageOrder(md, footnotes, self),
                                   "citations-backlinks", 16)


class _NotesStep(Treeprocessor):
    """A tree step on a page that has notes of ours: `apply` gets the page's result."""

    def __init__(self, md, footnotes: FootnoteExtension, extension: CitationsExtension):
        super().__init__(md)
        self.footnotes = footnotes
        self.extension = extension

    def run(self, root):
        result = self.extension.current()
        if result and result.notes:
            self.apply(root, result)

    def apply(self, root, result):
        raise NotImplementedError


class _SetNotes(_NotesStep):
    """Our notes get their reference HTML; all notes are ordered by first use."""

    def apply(self, root, result):
        authors = dict(self.footnotes.footnotes)
        self.footnotes.footnotes.clear()
        for label in result.order:
            if label in result.notes:
                self.footnotes.setFootnote(label, self.md.htmlStash.store(result.notes[label]))
            elif label in authors:
                self.footnotes.setFootnote(label, authors.pop(label))
        for label, text in authors.items():         # defined but never referenced: last
            self.footnotes.setFootnote(label, text)


class _References(FootnoteInlineProcessor):
    """The footnotes extension's reference pattern; a reference to one of our notes comes out
    finished, so the inline step does not send its number through every other pattern again."""

    def __init__(self, pattern: str, footnotes: FootnoteExtension,
                 extension: CitationsExtension):
        super().__init__(pattern, footnotes)
        self.extension = extension

    def handleMatch(self, m, data):
        sup, start, end = super().handleMatch(m, data)
        if sup is not None:
            result = self.extension.current()
            if result and m.group(1) in result.notes:
                sup.text = AtomicString("")          # its children: done (see __applyPattern)
                sup[0].text = AtomicString(sup[0].text)
        return sup, start, end


class _FinishedNotes(_NotesStep):
    """Our notes are finished HTML (stashed) and a back-link: nothing for inline patterns."""

    def apply(self, root, result):
        ours = {self.footnotes.makeFootnoteId(label) for label in result.notes}
        div = next((d for d in root.iter("div") if d.get("class") == "footnote"), None)
        for li in () if div is None else div.iter("li"):
            if li.get("id") in ours:
                for element in li.iter():
                    if element.text:
                        element.text = AtomicString(element.text)


class _BackLinksInPageOrder(_NotesStep):
    """The n-th reference to a note down the page gets the n-th back-link id (fnref, fnref2…);
    the notes leave the search index unless the page is the sources page."""

    def apply(self, root, result):
        div = next((d for d in root.iter("div") if d.get("class") == "footnote"), None)
        in_notes = set(div.iter("sup")) if div is not None else set()
        ordered = [s for s in root.iter("sup") if s not in in_notes] + \
            [s for s in root.iter("sup") if s in in_notes]
        separator = self.footnotes.get_separator()
        by_label: dict[str, list] = {}
        for sup in ordered:
            ident = sup.get("id", "")
            if ident.startswith("fnref") and separator in ident:
                by_label.setdefault(ident.split(separator, 1)[1], []).append(sup)
        for sups in by_label.values():
            if len(sups) > 1:
                for sup, ident in zip(sups, sorted((s.get("id") for s in sups), key=_ref_number)):
                    sup.set("id", ident)
        if div is not None and not self.extension.searchable():
            div.set("data-search-exclude", "")


def _ref_number(ident: str) -> int:
    digits = re.match(r"fnref(\d*)", ident).group(1)
    return int(digits) if digits else 1


# --- search ----------------------------------------------------------------------------------

_DIV_TAG_RE = re.compile(r"<(/?)div\b")
_EXCLUDED_NOTES = '<div class="footnote" data-search-exclude="">'
# A footnote reference and a separator as search keeps them: the superscript and its text.
_REFERENCE = re.compile(r'<sup id="fnref\d*:[^"<>]*"><a class="footnote-ref" href="#fn:[^"<>]*">'
                        r'([^<]*)</a></sup>|<sup class="citations-sep">')


def for_search(html_text: str) -> str:
    """The page as Material's search plugin indexes it (explainer.search_view): the notes,
    which it skips (`data-search-exclude`), left out, and each reference and separator a bare
    `<sup>` with its text, the part of them search keeps."""
    return _REFERENCE.sub(_bare_sup, cut_excluded_notes(html_text))


def _bare_sup(reference: re.Match) -> str:
    number = reference.group(1)
    return "<sup>" if number is None else f"<sup>{number}</sup>"


def cut_excluded_notes(html_text: str) -> str:
    """The page without its search-excluded footnotes div (nested divs and all)."""
    start = html_text.find(_EXCLUDED_NOTES)
    if start < 0:
        return html_text
    depth = 0
    for tag in _DIV_TAG_RE.finditer(html_text, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = html_text.index(">", tag.end()) + 1
            return html_text[:start] + html_text[end:]
    return html_text
