"""A page's citations become footnotes of Python-Markdown's footnotes extension.

process_markdown rewrites each citation to a footnote reference with a label no author can use
(`[^@ft]`, `[^@ft~2]` for another locator), one per distinct citation of a source (the same
prefix, locator and suffix), and works out the order of first use down the page; a bare `@key`
of a known source in running text stays text, with a hint. CitationsExtension then works inside
the parser, through the footnotes extension's own API: its list of notes is built in place of
the extension's own step (same name and priority) and ordered by first use, the reference
texts as the notes' content (kept by `md.htmlStash`, so Markdown never touches their HTML); a
note of ours and a reference to it come out finished, so neither goes through the block parser
or the inline patterns; after the inline patterns ran, each back-link id is given in page
order (Python-Markdown meets references in admonitions and lists after the paragraphs around
them). An author's own footnotes take the extension's way, unchanged.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Callable

from markdown import Extension
from markdown.extensions.footnotes import (FN_BACKLINK_TEXT, NBSP_PLACEHOLDER, FootnoteExtension,
                                           FootnoteInlineProcessor, FootnoteTreeprocessor)
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..location import line_of
from ..markup import entities
from ..rules import did_you_mean
from ..strings import Strings, for_language
from .affixes import affixes
from .references import format_reference
from .registry import Source
from .required import exempt_mark, find_unsupported
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
    source: str = ""                         # the Markdown given, for explainer.citations.shown
    scan: Scan | None = None
    uses: list[tuple[int, str]] = field(default_factory=list)   # (offset, label), page order
    keys: dict[str, str] = field(default_factory=dict)          # our label -> its source's key
    line_starts: bool = False                # a citation begins a line (after a block prefix)


def process_markdown(text: str, registry: dict[str, Source], *, strings: Strings,
                     required: bool = False, sources_href: str | None = None,
                     formatted: dict | None = None) -> PageResult:
    """Rewrite one page: citations become `[^label]` references; notes and order on the side.

    `formatted` caches reference HTML across the pages of one build.
    """
    formatted = {} if formatted is None else formatted
    found = scan(text, language=strings.language)
    problems = list(found.problems)
    # The author's own footnotes: Python-Markdown leaves a reference without its note as text
    # (said once a label, at its first reference).
    missing = {label: offset for offset, label in reversed(found.author_refs)
               if label not in found.author_defs}
    problems += [Problem(line_of(text, offset), f"footnote '[^{label}]' has no note (a line "
                                                f"'[^{label}]: …'); it shows as text")
                 for label, offset in sorted(missing.items(), key=lambda item: item[1])]
    # A note with no text: the extension lists it as an empty item that its reference leads to.
    problems += [Problem(line_of(text, start), f"footnote '[^{label}]: …' has no text; write "
                                               f"it after '[^{label}]:'")
                 for label, (start, end) in found.author_defs.items()
                 if not text[start + len(label) + 4:end].strip()]
    prefix = _label_prefix(found)
    labels: dict[tuple, str] = {}            # (key, prefix, locator, suffix, -@) -> label
    notes: dict[str, str] = {}
    counts: dict[str, int] = {}
    edits: list[tuple[int, int, str]] = []
    uses: list[tuple[int, str]] = []         # (offset, label) of every footnote reference
    variants: dict[str, int] = {}            # key -> its citations that differ
    bases: dict[str, str] = {}               # key -> its label without prefix and variant
    previous_end = 0
    line_starts = False
    # The author's own references: one right beside a citation gets a separator too ("1, 2").
    starts, ends = set(), set()
    for offset, label in found.author_refs:
        if label in found.author_defs:
            starts.add(offset)
            ends.add(offset + len(label) + 3)
    for citation in found.citations:
        parts = []
        for cite in citation.cites:
            key = cite.key
            source = registry.get(key)
            if source is None:
                problems.append(Problem(line_of(text, citation.start), f"unknown source '{key}'"
                                        f"{did_you_mean(key, registry)}", unknown=key))
                parts.append(_unknown_marker(key, strings))
                continue
            counts[key] = counts.get(key, 0) + 1
            variant = (key, cite.prefix, cite.locator, cite.suffix, cite.suppress_author)
            # the page's link labels count where a reference link may stand
            links = found.link_labels if "[" in cite.prefix + cite.locator + cite.suffix \
                else frozenset()
            cached = formatted.get((variant, sources_href, links))
            if cached is None:
                added = affixes(cite, links)
                cached = formatted[(variant, sources_href, links)] = (
                    format_reference(source, registry, added, sources_href, strings=strings),
                    added.left_out)
            reference, left_out = cached
            if left_out:
                shown = " ".join(text[citation.start:citation.end].split())
                problems.append(Problem(line_of(text, citation.start),
                                        f"'{shown}': {_LEFT_OUT[left_out].format(key=key)}"))
            added_text = cite.prefix + cite.locator + cite.suffix
            if "[^" in added_text and (note := _NOTE_IN_AFFIX_RE.search(added_text)):
                shown = " ".join(text[citation.start:citation.end].split())
                without = " ".join(shown.replace(note.group(), " ").split()).replace(" ]", "]")
                problems.append(Problem(line_of(text, citation.start),
                                        f"'{shown}': the footnote reference '{note.group()}' "
                                        f"stays text in the note of '{key}' (a note holds no "
                                        f"other); put it after the citation: "
                                        f"{without}{note.group()}"))
            label = labels.get(variant)
            if label is None:
                if key not in variants:              # ids must be ASCII for Material's tooltips
                    bases[key] = key if key.isascii() else f"~{len(bases) + 1}"
                variants[key] = variants.get(key, 0) + 1
                label = prefix + bases[key] + (f"~{variants[key]}" if variants[key] > 1 else "")
                labels[variant] = label
                notes[label] = reference
            uses.append((citation.start, label))
            parts.append(f"[^{label}]")
        joined = SEPARATOR.join(parts)
        before = _trim_space_before(text, citation.start)
        right_after = previous_end and _SPACES.match(text, previous_end,
                                                     citation.start).end() == citation.start
        if right_after or before in ends:
            joined = SEPARATOR + joined              # [@a] [@b]: two notes, one separator
        if starts and _SPACES.match(text, citation.end).end() in starts:
            joined += SEPARATOR                      # [@a] [^1]
        edits.append((before, citation.end, joined))
        previous_end = citation.end
        line_starts = line_starts or bool(_BLOCK_PREFIX_RE.fullmatch(
            text[text.rfind("\n", 0, before) + 1:before].rstrip(" \t")))
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
                                          f"mark it {{: .{exempt_mark(strings.language)} }}",
                                    generated="text without source: cite it with [@key] in "
                                              "the entry (its text cannot be exempted)"))
            edits.append((marker_at, marker_at, marker))
            unsupported += 1
    problems.sort(key=lambda p: p.line)
    keys = {label: variant[0] for variant, label in labels.items()}
    if not edits:
        return PageResult(text, {}, [], counts, problems, unsupported, text, found)
    order = _first_use(found, uses) if notes else []
    return PageResult(_apply(text, edits), notes, order, counts, problems, unsupported, text,
                      found, uses, keys, line_starts)


# What the page pass says of a link or image it left out of a footnote (Affixes.left_out).
# A footnote reference in a citation's prefix, locator or suffix, not an escaped one.
_NOTE_IN_AFFIX_RE = re.compile(r"(?<!\\)\[\^[^\]\s]+\]")

_LEFT_OUT = {
    ("link",): "the link in the citation of '{key}' is left out of its footnote (its text "
               "stays), where no link is checked; put the link in the text",
    ("image",): "the image in the citation of '{key}' is left out of its footnote, description "
                "and all, where no image is checked; put the image in the text",
    ("link", "image"): "the link and the image in the citation of '{key}' are left out of its "
                       "footnote (the link's text stays, the image goes with its description), "
                       "where neither is checked; put them in the text",
}


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
    """Citations sit right after the word they support: drop the spaces before, but not those
    after a line's block prefix (indent, `>`, a list bullet or number: `- [@ft] sagt`), which
    would make the line plain text."""
    pos = start
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    if pos == start:
        return start
    if _BLOCK_PREFIX_RE.fullmatch(text, text.rfind("\n", 0, pos) + 1, pos):
        return start
    return pos


_SPACES = re.compile(r"[ \t]*")

# What may stand before a line's text: indent, block quotes and list markers, nested.
_BLOCK_PREFIX_RE = re.compile(r"(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)]))*")


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
                 searchable: Callable[[], bool] = lambda: False, *,
                 strings: Strings | None = None, **kwargs):
        self.current = current
        self.searchable = searchable
        self.strings = strings or for_language(None)
        self.labels: dict[tuple[int, int], str] = {}   # back-link labels, the same on every page
        super().__init__(**kwargs)

    @classmethod
    def for_page(cls, result: PageResult, *, searchable: bool = False,
                 strings: Strings | None = None) -> CitationsExtension:
        """The extension for one page alone (tests, other engines)."""
        return cls(lambda: result, lambda: searchable, strings=strings)

    def extendMarkdown(self, md):
        footnotes = next((ext for ext in md.registeredExtensions
                          if isinstance(ext, FootnoteExtension)), None)
        if footnotes is None:
            return
        md.registerExtension(self)
        page = _PageNotes()                  # one Markdown instance renders one page
        # In place of the footnotes extension's own reference pattern and list builder (same
        # names and priorities); after the inline patterns (20), before its duplicates (15).
        pattern = md.inlinePatterns["footnote"].pattern
        md.inlinePatterns.register(_References(pattern, footnotes, page), "footnote", 175)
        md.treeprocessors.register(_NotesList(md, footnotes, self, page), "footnote", 50)
        # After the inline step (20), while each reference of ours has its first id.
        md.treeprocessors.register(_RightAfterTheText(md, self, page), "citations-joined", 17)
        md.treeprocessors.register(_BackLinksInPageOrder(md, footnotes, self, page),
                                   "citations-backlinks", 16)
        # After the extension has added the back-links of the author's notes (15).
        md.treeprocessors.register(_BackLinkLabels(md, footnotes, self, page),
                                   "citations-backlink-labels", 14)


class _PageNotes:
    """What the steps of one page share: our notes' ids (label -> the note's id and its first
    back-link's id, worked out once), their numbers (label -> number; empty when the page has
    none, or the extension numbers the notes) and the footnotes div."""

    def __init__(self):
        self.ids: dict[str, tuple[str, str]] = {}
        self.numbers: dict[str, int] = {}
        self.div = None


class _NotesList(FootnoteTreeprocessor):
    """The footnotes extension's list of notes, ordered by first use, our notes with their
    reference HTML (kept by `md.htmlStash`). It is built as the extension builds it, except
    that a note of ours, finished HTML, becomes its paragraph at once: the extension sends
    every note through the block parser, and the inline step would go over it again."""

    def __init__(self, md, footnotes: FootnoteExtension, extension: CitationsExtension,
                 page: _PageNotes):
        super().__init__(footnotes)
        self.md = md
        self.extension = extension
        self.page = page

    def run(self, root):
        result = self.extension.current()
        page, footnotes = self.page, self.footnotes
        page.ids, page.numbers, page.div = {}, {}, None
        if not (result and result.notes):
            return super().run(root)
        self._order(result)
        page.ids = {label: (footnotes.makeFootnoteId(label), footnotes.makeFootnoteRefId(label))
                    for label in footnotes.footnotes if label in result.notes}
        if footnotes.getConfig("USE_DEFINITION_ORDER"):   # else: numbered by the extension
            page.numbers = {label: number for number, label
                            in enumerate(footnotes.footnotes, start=1) if label in page.ids}
        div = page.div = self._div()
        # Where the extension puts its div: at its place marker, else at the end. The
        # extension's search goes through the tree in Python calls, the quick test does not.
        found = self.footnotes.findFootnotesPlaceholder(root) \
            if _has_text(root, footnotes.getConfig("PLACE_MARKER")) else None
        if found is None:
            root.append(div)
            return
        child, parent, is_text = found
        index = list(parent).index(child)
        if is_text:
            parent.remove(child)
            parent.insert(index, div)
        else:
            parent.insert(index + 1, div)
            child.tail = None

    def _order(self, result):
        authors = dict(self.footnotes.footnotes)
        self.footnotes.footnotes.clear()
        for label in result.order:
            if label in result.notes:
                self.footnotes.setFootnote(label, self.md.htmlStash.store(result.notes[label]))
            elif label in authors:
                self.footnotes.setFootnote(label, authors.pop(label))
        for label, text in authors.items():         # defined but never referenced: last
            self.footnotes.setFootnote(label, text)

    def _div(self):
        footnotes, ids = self.footnotes, self.page.ids
        div = etree.Element("div")
        div.set("class", "footnote")
        etree.SubElement(div, "hr")
        ol = etree.SubElement(div, "ol")
        surrogate = etree.Element("div")
        title = footnotes.getConfig("BACKLINK_TITLE")
        for index, label in enumerate(footnotes.footnotes, start=1):
            ours = label in ids
            note_id, ref_id = ids[label] if ours else (footnotes.makeFootnoteId(label),
                                                       footnotes.makeFootnoteRefId(label))
            li = etree.SubElement(ol, "li")
            li.set("id", note_id)
            if ours:                                 # finished: nothing for inline patterns
                etree.SubElement(li, "p").text = AtomicString(footnotes.footnotes[label])
            else:
                footnotes.parser.parseChunk(surrogate, footnotes.footnotes[label])
                for element in list(surrogate):
                    li.append(element)
                    surrogate.remove(element)
            backlink = etree.Element("a")
            backlink.set("href", "#" + ref_id)
            backlink.set("class", "footnote-backref")
            backlink.set("title", title.format(index))
            backlink.text = AtomicString(FN_BACKLINK_TEXT) if ours else FN_BACKLINK_TEXT
            if len(li):
                node = li[-1]
                if node.tag == "p":
                    text = node.text + NBSP_PLACEHOLDER
                    node.text = AtomicString(text) if ours else text
                    node.append(backlink)
                else:
                    etree.SubElement(li, "p").append(backlink)
        return div


class _References(FootnoteInlineProcessor):
    """The footnotes extension's reference pattern; a reference to one of our notes comes out
    finished, so the inline step does not send its number through every other pattern again.
    Its back-link id is given down the page afterwards (_BackLinksInPageOrder)."""

    def __init__(self, pattern: str, footnotes: FootnoteExtension, page: _PageNotes):
        super().__init__(pattern, footnotes)
        self.page = page

    def handleMatch(self, m, data):
        label = m.group(1)
        number = self.page.numbers.get(label)
        if number is None:
            return super().handleMatch(m, data)
        self.footnotes.addFootnoteRef(label)
        note_id, ref_id = self.page.ids[label]
        sup = etree.Element("sup")
        a = etree.SubElement(sup, "a")
        sup.set("id", ref_id)
        a.set("href", "#" + note_id)
        a.set("class", "footnote-ref")
        a.text = AtomicString(self.footnotes.getConfig("SUPERSCRIPT_TEXT").format(number))
        sup.text = AtomicString("")                  # its children: done (see __applyPattern)
        return sup, m.start(0), m.end(0)


class _RightAfterTheText(Treeprocessor):
    """A citation written at the start of a line sits right after the text before it, as one
    on the same line does (the text pass drops the spaces there): the line break before its
    number would show as a space ("im Absatz ¹"). Where the citation's line continues a
    paragraph, a quotation or a list item is known only to the parser, so this is done in the
    tree, and only on a page that has such a citation. Not after a `<br>` or another number,
    nor where nothing of its paragraph stands before it."""

    def __init__(self, md, extension: CitationsExtension, page: _PageNotes):
        super().__init__(md)
        self.extension = extension
        self.page = page

    def run(self, root):
        result = self.extension.current()
        if not (result and result.line_starts and self.page.ids):
            return
        ours = {ref_id for _, ref_id in self.page.ids.values()}
        for parent in root.iter():
            previous = None
            for child in parent:
                if child.tag == "sup" and child.get("id") in ours:
                    _join(parent, previous)
                previous = child


def _join(parent, previous) -> None:
    """Drop the line break (and the spaces around it) that ends the text before a reference."""
    if previous is not None and previous.tag in ("sup", "br"):
        return
    before = parent.text if previous is None else previous.tail
    if not before:
        return
    kept = before.rstrip(" \t\n")
    if "\n" not in before[len(kept):] or (previous is None and not kept):
        return
    if previous is None:
        parent.text = kept
    else:
        previous.tail = kept


class _BackLinksInPageOrder(Treeprocessor):
    """The n-th reference to a note down the page gets the n-th back-link id (fnref, fnref2…),
    and a note of ours one back-link for each (the extension adds the author's); the notes
    leave the search index unless the page is the sources page."""

    def __init__(self, md, footnotes: FootnoteExtension, extension: CitationsExtension,
                 page: _PageNotes):
        super().__init__(md)
        self.footnotes = footnotes
        self.extension = extension
        self.page = page

    def run(self, root):
        div = self.page.div
        if div is None:
            return
        in_notes = list(div.iter("sup"))
        skip = set(in_notes)
        separator = self.footnotes.get_separator()
        by_label: dict[str, list] = {}
        for sup in [s for s in root.iter("sup") if s not in skip] + in_notes:
            ident = sup.get("id", "")
            if ident.startswith("fnref") and separator in ident:
                by_label.setdefault(ident.split(separator, 1)[1], []).append(sup)
        items = {li.get("id"): li for li in div.find("ol")}
        for label in self.page.numbers:
            note_id, ref_id = self.page.ids[label]
            sups = by_label.pop(ref_id.split(separator, 1)[1], [])
            if len(sups) > 1:
                self._more_back_links(items[note_id], sups, separator)
        for sups in by_label.values():               # the extension numbered these
            if len(sups) > 1:
                for sup, ident in zip(sups, sorted((s.get("id") for s in sups), key=_ref_number)):
                    sup.set("id", ident)
        if not self.extension.searchable():
            div.set("data-search-exclude", "")

    def _more_back_links(self, li, sups, separator):
        """fnref2, fnref3, ... as the extension numbers them, and a back-link to each."""
        head, rest = sups[0].get("id").split(separator, 1)
        paragraph = li[-1]
        backlink = paragraph[-1]
        for number, sup in enumerate(sups[1:], start=2):
            ident = f"{head}{number}{separator}{rest}"
            sup.set("id", ident)
            link = etree.SubElement(paragraph, "a", dict(backlink.attrib))
            link.set("href", "#" + ident)
            link.text = backlink.text


class _BackLinkLabels(Treeprocessor):
    """Each back-link is named by where it leads (WCAG 2.4.4), not by its "↩": "Zurück zum
    Text (Fußnote 2)", and "…, Stelle 3" for each of a note's several back-links. The title
    stays (Material shows it as a tooltip)."""

    def __init__(self, md, footnotes: FootnoteExtension, extension: CitationsExtension,
                 page: _PageNotes):
        super().__init__(md)
        self.footnotes = footnotes
        self.extension = extension
        self.page = page

    def run(self, root):
        div = self.page.div
        if div is None:
            if not self.footnotes.footnotes:
                return
            div = next((d for d in root.iter("div") if d.get("class") == "footnote"), None)
            if div is None:
                return
        ol = div.find("ol")
        for number, li in enumerate(ol if ol is not None else (), start=1):
            links = [a for a in li[-1] if a.get("class") == "footnote-backref"] if len(li) else []
            if len(links) == 1:
                links[0].set("aria-label", self._label(number, 0))
                continue
            for place, link in enumerate(links, start=1):
                link.set("aria-label", self._label(number, place))

    def _label(self, number: int, place: int) -> str:
        # place 0: the note's only back-link
        label = self.extension.labels.get((number, place))
        if label is None:
            strings = self.extension.strings
            label = self.extension.labels[number, place] = (
                strings("citations.backlink", number=number) if place == 0 else
                strings("citations.backlink_place", number=number, place=place))
        return label


def _has_text(root, text: str) -> bool:
    """Whether the text or tail of an element in the tree holds text."""
    return any(text in (element.text or "") or text in (element.tail or "")
               for element in root.iter())


def _ref_number(ident: str) -> int:
    digits = re.match(r"fnref(\d*)", ident).group(1)
    return int(digits) if digits else 1


# --- search ----------------------------------------------------------------------------------

_DIV_TAG_RE = re.compile(r"<(/?)div\b")
_EXCLUDED_NOTES = '<div class="footnote" data-search-exclude="">'
# A footnote reference and a separator as search keeps them: the superscript and its text.
_REFERENCE = re.compile(r'<sup id="fnref\d*:[^"<>]*"><a class="footnote-ref" href="#fn:[^"<>]*">'
                        r'([^<]*)</a></sup>|<sup class="citations-sep">([^<]*)</sup>')


def for_search(html_text: str, *, stand_ins: bool = False) -> str:
    """The page as Material's search plugin indexes it (explainer.search_view): the notes,
    which it skips (`data-search-exclude`), left out, and each reference and separator a bare
    `<sup>` with its text, the part of them search keeps. With `stand_ins`, that superscript is
    written as stand-ins instead, for `put_back` to restore in the index; not on a page that
    has the stand-in characters already or other superscripts (search's parser looks back to a
    section's first `<sup>` when it closes one)."""
    cut = cut_excluded_notes(html_text)
    if stand_ins and _OPEN not in cut and _CLOSE not in cut:
        lighter = _REFERENCE.sub(_stand_in, cut)
        if not _OTHER_SUP.search(lighter):
            return lighter
    return _REFERENCE.sub(_bare_sup, cut)


def sources_for_search(html_text: str) -> str:
    """The sources page as Material's search plugin indexes it: each source's list of the pages
    citing it without its links, whose text is what search keeps (a link costs its parser three
    calls, and the list has a link per page and source). A list keeps its links if a piece of
    its text between two tags is white space only: search collapses such a piece on its own,
    so without the tags the text it keeps would differ."""
    return _USES.sub(_unlinked, html_text)


def _unlinked(uses: re.Match) -> str:
    inner = uses.group(2)
    if any(piece.isspace() for piece in _ANY_TAG.split(inner)):
        return uses.group(0)
    return f"{uses.group(1)}{_LINK_TAG.sub('', inner)}</p>"


_USES = re.compile(r'(<p class="citations-uses">)(.*?)</p>', re.S)
_LINK_TAG = re.compile(r"<a\s[^>]*>|</a>")
_ANY_TAG = re.compile(r"<[^>]*>")


def put_back(text: str) -> str:
    """Text of the index with the superscripts for_search's stand-ins stood for."""
    return text.replace(_OPEN, "<sup>").replace(_CLOSE, "</sup>") if _OPEN in text else text


# Stand-ins for `<sup>` and `</sup>`: characters of Unicode's private use area, which no text
# of the site needs (a page that has them gets bare superscripts).
_OPEN, _CLOSE = "\ue000", "\ue001"
_OTHER_SUP = re.compile(r"<sup\b", re.I)


def _stand_in(reference: re.Match) -> str:
    return f"{_OPEN}{_sup_text(reference)}{_CLOSE}"


def _bare_sup(reference: re.Match) -> str:
    return f"<sup>{_sup_text(reference)}</sup>"


def _sup_text(reference: re.Match) -> str:
    number, separator = reference.groups()
    return separator if number is None else number


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
