"""Text from data files put into generated Markdown, so that it shows exactly as written.

`literal` is for Markdown text (headings, list items, link texts): characters that would start
markup are backslash-escaped, `<` and `&` written as entities. `entities` is for text inside a
raw HTML tag's attribute or content, where Markdown's backslash escapes do not apply.
`without_html` is for a data file's Markdown (a glossary explanation, a timeline event): its
Markdown stays Markdown, HTML and attribute lists (`{: onclick=… }`) in it show as typed;
`unsafe_links` says what in such a text would load or run something from elsewhere,
`link_targets` where its links lead;
`with_full_stop` ends a generated sentence once.
"""
from __future__ import annotations

import functools
import html
import re
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

from .markers import code_spans
from .rules import forbidden_references

_BACKSLASHED = frozenset("\\`*_{}[]#")
_ENTITIES = {"<": "&lt;", "&": "&amp;"}
_ALL_ENTITIES = {char: f"&#{ord(char)};" for char in "\\`*_{}[]()#+-.!<>&\"'|~:"}


def literal(text: str) -> str:
    """Markdown that renders as exactly this text: 'C#' -> 'C\\#', '<b>' -> '&lt;b>'."""
    return "".join("\\" + c if c in _BACKSLASHED else _ENTITIES.get(c, c) for c in text)


def entities(text: str) -> str:
    """Text for raw HTML in Markdown: every character Markdown or HTML could read as markup is
    a numeric entity."""
    return "".join(_ALL_ENTITIES.get(char, char) for char in text)


# A code span as Python-Markdown reads one: a run of backticks, its text, a run as long.
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)


def in_code(text: str) -> list[tuple[int, int]]:
    """(start, end) of the code blocks and code spans of Markdown text: what shows as typed."""
    blocks = code_spans(text)
    spans = [m.span() for m in _CODE_SPAN.finditer(text)] if "`" in text else []
    return sorted([*blocks, *(span for span in spans
                              if not any(start <= span[0] < end for start, end in blocks))])


def escaped(text: str, pos: int) -> bool:
    """Is the character at pos escaped: after an odd run of backslashes ('\\[x]'; after
    '\\\\' it is not, the backslash is)?"""
    run = 0
    while run < pos and text[pos - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def forbidden_reference_at(text: str) -> tuple[int, str] | None:
    """(line, "'&#0;' (U+0000)") of the first character reference outside code in Markdown
    text that HTML forbids (`explainer.rules.forbidden_reference`), else None: the page would
    hold it as typed (also after a backslash, which does not escape `&`); in code it shows as
    typed."""
    code = None
    for start, shown in forbidden_references(text):
        code = in_code(text) if code is None else code
        if not any(begin <= start < end for begin, end in code):
            return text.count("\n", 0, start) + 1, shown
    return None


def without_html(text: str) -> str:
    """Markdown whose raw HTML and attribute lists show as typed: `<` (unless it starts an
    autolink, <https://…>) and `&` as entities, `{` backslash-escaped (attr_list
    reads no escaped brace), except in code blocks and code spans, which show their text as it
    is ('`a<b`' stays, 'a <b>' becomes 'a &lt;b>')."""
    parts, pos = [], 0
    for start, end in code_spans(text):             # code blocks, fenced and indented
        parts += [_outside_blocks(text[pos:start]), text[start:end]]
        pos = end
    parts.append(_outside_blocks(text[pos:]))
    return "".join(parts)


def _outside_blocks(text: str) -> str:
    parts, pos = [], 0
    for m in _CODE_SPAN.finditer(text):
        parts += [_no_tags(text[pos:m.start()]), m.group()]
        pos = m.end()
    parts.append(_no_tags(text[pos:]))
    return "".join(parts)


def _no_tags(text: str) -> str:
    text = _ANGLE_DESTINATION.sub(r"](\1", text.replace("&", "&amp;"))
    return _TAG_START.sub("&lt;", text).replace("{", "\\{")


# A link's address in angle brackets, '[x](<page.md>)', as the same address without them: its
# '<' would be escaped, and the brackets kept as text. Without brackets no text can be a tag.
_ANGLE_DESTINATION = re.compile(r"\]\(<([^\s<>()\\]*)>")


# A '<' that would start HTML: not that of an address to the web or a mail address, an
# autolink (<https://…>) or a link's '(<https://…>)', which are Markdown, not HTML (Markdown's
# autolink pattern comes before its HTML one and takes any such text).
_TAG_START = re.compile(r"<(?!(?:https?://|mailto:)[^\s<>]*>)")


SCHEMES = ("https", "http", "mailto")      # of a link in a data file's text; or none: a page


def unsafe_links(text: str) -> list[str]:
    """Why each link or image of a data file's Markdown may not stand, as the page would read
    it: a link other than https:, http:, mailto: or a path ('javascript:…'), an image from
    elsewhere (the site loads nothing from other hosts)."""
    return list(_links(text)[0])


def link_targets(text: str) -> list[str]:
    """The address of each link and image of a data file's Markdown, as the page would read
    it (inline, or from a link reference the text defines), in order."""
    return list(_links(text)[1])


@functools.lru_cache(maxsize=1024)
def _links(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # One conversion a text for both questions; the texts of a data file are read again only
    # once it changes, and a preview asks again on every save.
    if "](" not in text and "]:" not in text:        # no inline link, no reference definition
        return (), ()
    return _Targets.of(without_html(text))


class _Targets(Treeprocessor):
    """Collects each link's and image's address, and why one may not stand."""

    def run(self, root) -> None:
        for element in root.iter():
            if element.tag not in ("a", "img") or element.get("class") in _NOTES_LINKS:
                continue
            target = element.get("href" if element.tag == "a" else "src", "")
            self.targets.append(target)
            read = as_browsers_read(target)
            parts = urlsplit(read)
            if element.tag == "img" and (parts.scheme or read.startswith("//")):
                self.found.append(f"an image from elsewhere ({target!r}) is not allowed: the "
                                  "site loads nothing from other hosts")
            elif element.tag == "a" and parts.scheme and parts.scheme.lower() not in SCHEMES:
                self.found.append(f"link {target!r}: write https://…, mailto:… or a page's "
                                  "path under docs/")

    @classmethod
    def of(cls, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        # With footnotes, which the citations need: '[^1]: Text.' is a note, no link.
        md = markdown.Markdown(extensions=["footnotes"])
        targets = cls(md)
        targets.found, targets.targets = [], []
        md.treeprocessors.register(targets, "targets", 0)
        md.convert(text)
        return tuple(targets.found), tuple(targets.targets)


_NOTES_LINKS = frozenset({"footnote-ref", "footnote-backref"})    # made, not written


def as_browsers_read(url: str) -> str:
    """An href or src of a converted tree as a browser's URL parser goes by: its character
    references read ('java&#x09;script:'), no blanks or controls at the ends, no tab or line
    break inside, a backslash as a slash: '/\\evil.org/x.png' and '///evil.org/x.png' are
    another host's image, as '//evil.org/x.png' is."""
    if "&" in url:
        url = html.unescape(url)
    return _TABS_AND_BREAKS.sub("", url.strip(_ENDS)).replace("\\", "/")


_ENDS = "".join(map(chr, range(0x21)))            # C0 controls and the space
_TABS_AND_BREAKS = re.compile(r"[\t\n\r]")


def with_full_stop(html: str) -> str:
    """html ending in one full stop: none added after '.', '?' or '!', also inside closing tags
    ('<em>passim.</em>'), as citeproc does ('From Wikipedia.' gave 'From Wikipedia..')."""
    return html if _SENTENCE_END.search(html) else html + "."


_SENTENCE_END = re.compile(r"[.?!](?:<[^<>]*>)*\Z")
