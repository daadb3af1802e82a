"""Mentions of glossary terms get a tooltip; the first one on a page links to the term.

A Markdown tree processor, as Python-Markdown's abbr extension works: it walks the parsed page
after the inline patterns ran, so code, links, headings, footnotes and raw HTML are skipped by
structure, and it sees text, not HTML (a term with `&` or `<` matches as written). It runs last
(priority -1): after the toc extension (5), so headings carry their ids and on the glossary page
an entry does not mark its own term; and after MkDocs' link pass (0), so the links it makes are
final URLs (the hook works them out as MkDocs does) and neither that pass nor Markdown's unescape
step walks the tooltips again. On the glossary page a second processor runs before the toc
extension and gives each entry heading its term's anchor, so a letter heading or the page's own
heading with the same slug gives way ("C" and "C++", "X" and "X"), never the entry that links
point to. Tooltips are Material's `content.tooltips`: any element with a title.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from markdown import Extension
from markdown.extensions.toc import render_inner_html, strip_tags
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX

from .matcher import Matcher

# Elements whose text is never marked (and everything inside them).
SKIPPED_TAGS = {"a", "abbr", "button", "code", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
                "pre", "samp", "script", "style", "svg", "textarea", "title", "math", "summary"}
# Titles like headings: an admonition's (a link there takes the first mention from the text),
# and the notes.
SKIPPED_CLASSES = frozenset({"footnote", "admonition-title"})
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_PLACEHOLDER = re.compile(STX + r"[^" + ETX + r"]*" + ETX)


@dataclass
class Marking:
    """What marking one page needs and finds."""
    matcher: Matcher
    links: Mapping[str, str | None]          # term key -> href of its first mention (or None)
    own: dict[str, str] | None = None        # heading id -> term not marked in its section
    entries: list[tuple[str, str]] | None = None   # the glossary page's (term, anchor), in order
    used: set[str] = field(default_factory=set)
    # Name-like words of the prose looked at that no entry covers, first seen first.
    unlisted: dict[str, None] = field(default_factory=dict)


class GlossaryExtension(Extension):
    """`current()` returns the Marking of the page being rendered (None: leave it alone)."""

    def __init__(self, current: Callable[[], Marking | None], **kwargs):
        self.current = current
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.registerExtension(self)
        md.treeprocessors.register(_MarkTerms(md, self), "glossary", -1)
        md.treeprocessors.register(_EntryAnchors(md, self), "glossary-anchors", 6)


class _MarkTerms(Treeprocessor):
    def __init__(self, md, extension: GlossaryExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        marking = self.extension.current()
        if marking is not None:
            mark_tree(root, marking, self.md.htmlStash.rawHtmlBlocks)


class _EntryAnchors(Treeprocessor):
    # Before the toc extension, which keeps an id it finds and numbers the others around it.
    def __init__(self, md, extension: GlossaryExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        marking = self.extension.current()
        if marking is not None and marking.entries:
            set_entry_anchors(root, marking.entries, lambda el: render_inner_html(el, self.md))


def set_entry_anchors(root: etree.Element, entries: list[tuple[str, str]], inner_html) -> None:
    """Give the entry headings (H3, in the page's order) their terms' anchors; inner_html
    renders a heading's content as the toc extension reads it for its slug."""
    pending = iter(entries)
    name, anchor = next(pending, (None, ""))
    for element in root.iter("h3"):
        if name is None:
            return
        if "id" not in element.attrib and html.unescape(strip_tags(inner_html(element))) == name:
            element.set("id", anchor)
            name, anchor = next(pending, (None, ""))


def mark_tree(root: etree.Element, marking: Marking, raw_html: list | None = None) -> None:
    """Wrap every mention in the tree in a tooltip element; the first one per term is a link.

    raw_html is the page's htmlStash: an inline HTML tag such as `<abbr title="…">` stands in
    the text as a placeholder, and what it opens is skipped like an element of the tree.
    """
    section: list[str | None] = [None]
    raw_html = raw_html or []

    def note_section(element: etree.Element) -> None:
        # On the glossary page, an entry heading starts the section of its term.
        if marking.own is not None and element.tag in _HEADINGS and element.get("id"):
            section[0] = marking.own.get(element.get("id"))

    def visit(element: etree.Element, before: str = "", after: str = "") -> None:
        # An element whose text is marked (_skips said no). before, after: the characters just
        # outside it that may stand in a word.
        note_section(element)
        raw: list[tuple[str, bool]] = []        # inline HTML elements open in this element
        children = element[:]                   # the tooltips made here are done already
        made = 0                                # tooltips inserted before the next child
        # Each piece of text with the characters around it, as the page shows them (a child's
        # own text as it was before it was marked).
        text = element.text or ""
        if _has_words(text):
            element.text, new = _mark(text, marking, section[0], raw, raw_html, before,
                                      _starts(children[0]) if children else after)
            element[0:0] = new
            made += len(new)
        previous = text[-1:] or before          # the character before the next child
        for at, child in enumerate(children, 1):
            tail, end = child.tail or "", _ends(child)
            if raw and any(s for _, s in raw) or _skips(child.tag, child.get):
                visit_skipped(child)
            elif child.tag in _IN_WORDS:
                visit(child, previous, tail[:1] or _next_start(children, at, after))
            else:
                visit(child)
            if _has_words(tail):
                child.tail, new = _mark(tail, marking, section[0], raw, raw_html, end,
                                        _next_start(children, at, after))
                element[at + made:at + made] = new
                made += len(new)
            previous = tail[-1:] or end

    def visit_skipped(element: etree.Element) -> None:
        # Nothing in it is marked; a heading in it (or it itself) starts a section all the same.
        if marking.own is None:
            return
        for inner in element.iter():
            note_section(inner)

    if _skips(root.tag, root.get):
        visit_skipped(root)
    else:
        visit(root)


def _next_start(children: list[etree.Element], at: int, after: str) -> str:
    # The first character the page shows after children[at - 1] and its tail.
    return _starts(children[at]) if at < len(children) else after


def _has_words(text: str | None) -> bool:
    return bool(text) and not text.isspace()


# Elements that may stand inside a word ("**Ost**en", "Ost*en*"): the text in them and around
# them is one word.
_IN_WORDS = {"em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small"}


def _starts(element: etree.Element) -> str:
    """The first character an element inside a word shows ('' for any other element)."""
    if element.tag not in _IN_WORDS:
        return ""
    if element.text:
        return element.text[:1]
    return _starts(element[0]) if len(element) else ""


def _ends(element: etree.Element) -> str:
    """The last character an element inside a word shows ('' for any other element)."""
    if element.tag not in _IN_WORDS:
        return ""
    if len(element):
        return element[-1].tail[-1:] if element[-1].tail else _ends(element[-1])
    return (element.text or "")[-1:]


def _skips(tag: str, attribute) -> bool:
    return (tag in SKIPPED_TAGS
            or not SKIPPED_CLASSES.isdisjoint((attribute("class") or "").split())
            or attribute("title") is not None or attribute("data-glossary-skip") is not None)


def _mark(text: str, marking: Marking, unmarked: str | None, raw: list, raw_html: list,
          before: str = "", after: str = "") -> tuple[str, list[etree.Element]]:
    """(text before the first mention, tooltip elements whose tails hold the text after);
    before and after are the characters the page shows around the text."""
    if STX in text:
        mentions = _mentions_around_html(text, marking, raw, raw_html, before, after)
    elif raw and any(s for _, s in raw):
        return text, []
    else:
        mentions = _find(text, marking, before, after)
    if unmarked is not None:
        mentions = [mention for mention in mentions if mention[2].key != unmarked]
    if not mentions:
        return text, []
    made: list[etree.Element] = []
    pos = 0
    for start, end, term in mentions:
        if made:
            made[-1].tail = text[pos:start]
        key = term.key
        made.append(_tooltip(text[start:end], term,
                             None if key in marking.used else marking.links.get(key)))
        marking.used.add(key)
        pos = end
    made[-1].tail = text[pos:]
    return text[:mentions[0][0]], made


# A character that continues a word: a soft hyphen too ("Luftwaffen\u00adstützpunkte").
_IN_WORD = re.compile(r"[\w\u00ad]")


# An address written out in the text (Markdown leaves it text), a web or an e-mail address:
# no name in it is marked.
_URL = re.compile(r"\b(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)\S+|[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")


def _find(piece: str, marking: Marking, before: str, after: str) -> list:
    # The mentions in a piece of text, less one that the characters around it continue.
    if "\u00ad" in piece or STX in piece:
        return _find_across_joiners(piece, marking, before, after)
    if "://" in piece or "www." in piece or "@" in piece:
        piece = _URL.sub(lambda m: " " * len(m.group()), piece)
    found = marking.matcher.find(piece)
    _note_unlisted(piece, found, marking)
    if found and (before or after) and (_IN_WORD.match(before) or _IN_WORD.match(after)):
        found = [(start, end, term) for start, end, term in found
                 if not (start == 0 and _IN_WORD.match(before)
                         or end == len(piece) and _IN_WORD.match(after))]
    return found


# What stands inside a word and shows no letter: a soft hyphen, and in a piece of text that
# _mentions_around_html hands on, the placeholder of a stashed &shy; or <wbr>.
_JOINERS = re.compile("\u00ad|" + _PLACEHOLDER.pattern)


def _find_across_joiners(piece: str, marking: Marking, before: str, after: str) -> list:
    # The mentions in the piece read without its joiners ("Übergangs&shy;regierung" is the
    # word Übergangsregierung); a mention spans the joiners inside it. A joiner at either end
    # continues the word there.
    kept: list[int] = []                    # the piece's index of each character read
    pos = 0
    for m in [*_JOINERS.finditer(piece), None]:
        kept += range(pos, m.start() if m else len(piece))
        pos = m.end() if m else pos
    if not kept:
        return []
    bare = "".join(piece[at] for at in kept)
    before = "\u00ad" if kept[0] > 0 else before
    after = "\u00ad" if kept[-1] < len(piece) - 1 else after
    return [(kept[start], kept[end - 1] + 1, term)
            for start, end, term in _find(bare, marking, before, after)]


def _mentions_around_html(text: str, marking: Marking, raw: list, raw_html: list,
                          before: str = "", after: str = "") -> list:
    # The text between placeholders of stashed HTML, unless an inline element skips it; a soft
    # hyphen (&shy;) or <wbr> stands inside a word, which _find reads across it.
    mentions, pos = [], 0
    for m in [*_PLACEHOLDER.finditer(text), None]:
        if m and _joins(m.group(), raw_html):
            continue
        end = m.start() if m else len(text)
        if end > pos and not (raw and any(s for _, s in raw)):
            found = _find(text[pos:end], marking, before, "" if m else after)
            mentions += [(start + pos, stop + pos, term) for start, stop, term in found]
        if m:
            _follow_raw_tag(m.group(), raw, raw_html)
            pos, before = m.end(), ""
    return mentions


_RAW_INDEX = re.compile(STX + r"wzxhzdk:(\d+)" + ETX)
_RAW_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w-]*)([^>]*?)(/?)>\Z", re.S)
_ATTRIBUTE = re.compile(r"""([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


_JOINER = re.compile(r"&(?:shy|#173|#x0*ad);|<wbr\s*/?>", re.I)


def _joins(placeholder: str, raw_html: list) -> bool:
    # Whether stashed HTML is a soft hyphen or <wbr>, which stand inside a word.
    found = _RAW_INDEX.match(placeholder)
    return (found is not None and int(found.group(1)) < len(raw_html)
            and _JOINER.fullmatch(str(raw_html[int(found.group(1))]).strip()) is not None)


def _follow_raw_tag(placeholder: str, raw: list, raw_html: list) -> None:
    # Keep the stack of inline HTML elements open here, and whether each one is skipped.
    found = _RAW_INDEX.match(placeholder)
    if found is None or int(found.group(1)) >= len(raw_html):
        return
    tag = _RAW_TAG.match(str(raw_html[int(found.group(1))]).strip())
    if tag is None:
        return
    closing, name, attributes, self_closing = tag.groups()
    name = name.lower()
    if closing:
        for index in range(len(raw) - 1, -1, -1):
            if raw[index][0] == name:
                del raw[index:]
                break
    elif name not in _VOID and not self_closing:
        values = {m.group(1).lower(): next((g for g in m.groups()[1:] if g is not None), "")
                  for m in _ATTRIBUTE.finditer(attributes)}
        raw.append((name, _skips(name, values.get)))


def _tooltip(shown: str, term, href: str | None) -> etree.Element:
    title = _title(shown, term)
    element = (etree.Element("a", {"class": "glossary-term", "href": href, "title": title}) if href
               else etree.Element("span", {"class": "glossary-term", "title": title}))
    element.text = shown
    return element


@lru_cache(maxsize=4096)
def _title(shown: str, term) -> str:
    # A page shows the same few spellings again and again: each title is written once (terms
    # are never changed, and one is the same term only as the same object).
    written = _JOINERS.sub("", shown) if "\u00ad" in shown or STX in shown else shown
    title = term.short if written.lower() == term.name.lower() else f"{term.name}: {term.short}"
    # Python-Markdown's serializer keeps an entity in an attribute ("&#60;" would show as "<"):
    # every "&" as "&amp;", which it keeps too, shows the text as written.
    return title.replace("&", "&amp;")


# Names that look like terms: acronyms ("HTS") and Arabic names with an article ("al-Assad",
# "asch-Scham", "Abu al-…"). The pattern opens with the letters such a name starts with, then
# looks back for the word's start: the regex engine skips to those letters in its own loop (a
# pattern that opened with the lookbehind would be tried at every character).
_CANDIDATE = re.compile(r"[A-ZÄÖÜae](?<![\w-].)(?:(?<=[A-ZÄÖÜ])[A-ZÄÖÜ]{1,5}(?![\w-])"
                        r"|(?<=A)bu\s+(?:[Aa][lsdnrtz]|[Aa]sch|[Ee]l)-[A-ZÄÖÜ]\w+"
                        r"|(?<=[Aa])(?:[lsdnrtz]|sch)-[A-ZÄÖÜ]\w+|(?<=[Ee])l-[A-ZÄÖÜ]\w+)")
# The same for a piece without a hyphen, which holds no name with an article: a pattern that
# stops at capitals only (not at every "a" and "e").
_ACRONYM = re.compile(r"[A-ZÄÖÜ](?<![\w-].)[A-ZÄÖÜ]{1,5}(?![\w-])")
# Everyday abbreviations that need no glossary entry.
_KNOWN_ACRONYMS = {"EU", "UN", "USA", "UNO", "NATO", "US", "PDF", "URL", "HTML", "TV", "ZDF", "ARD",
                   "UK", "BBC"}


def _note_unlisted(piece: str, mentions: list, marking: Marking) -> None:
    # A name-like word is covered when it lies in a mention or names a term itself.
    for m in (_CANDIDATE if "-" in piece else _ACRONYM).finditer(piece):
        name = m.group()
        if name in _KNOWN_ACRONYMS or name in marking.unlisted or any(
                start <= m.start() and m.end() <= end for start, end, _ in mentions):
            continue
        if not marking.matcher.find(name):
            marking.unlisted[name] = None


# A tooltip as _tooltip writes it (attributes in the serializer's order), around its text (a
# <wbr> in it too). The text is read a run of characters at a time, not one by one (and
# without a repeat in a repeat, which would take exponential time where an element follows).
_TOOLTIP = re.compile(r'<(a|span) class="glossary-term"(?: href="[^"<>]*")? title="[^"<>]*">'
                      r'([^<]*(?:<(?i:wbr)\s*/?>[^<]*)*)</\1>')


def for_search(html_text: str) -> str:
    """The page as Material's search plugin indexes it (explainer.search_view): each tooltip
    its bare text, since search keeps the words and drops the element and its title."""
    # A function, not the template r"\2": Python 3.11 expands a template in Python, per match.
    return _TOOLTIP.sub(_text_of_tooltip, html_text)


def _text_of_tooltip(tooltip: re.Match) -> str:
    return tooltip[2]
