"""Where a page's citations and the author's own footnotes are, as offsets into its Markdown.

A text pass, not a Markdown extension, for two reasons. Python-Markdown's footnotes extension
fixes its list of notes and their numbers from the definitions it meets while parsing blocks,
before any inline pattern runs, so a citation must already be a footnote reference when the
parser starts. And every message must name the line of the file the editor wrote, which only
the source text knows. The pass therefore skips what the parser would not read as text, by the
parser's rules: code blocks (found by `explainer.markers.code_spans`, the one place that knows
them), code spans (by Python-Markdown's own rule), HTML comments, backslash escapes; a
citation where no footnote can stand (a heading, a link's text, URL or title, an attribute
list, an HTML tag, a raw HTML block, an abbreviation's or a link reference's definition) is
reported, not rewritten. Where the two still read a place differently, shown.py finds what the
rendered page shows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Callable, NamedTuple

from markdown import Markdown
from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

from ..location import line_of
from ..markers import code_spans, raw_html_blocks
from ..markers import raw_html_lines  # noqa: F401 (its users import it from here)
from .syntax import (Cite, code_span_end, find_keys, parse_bracket, why_left_as_text,
                     why_no_key)


class Citation(NamedTuple):
    start: int                              # offsets of `[...]` in the Markdown
    end: int
    cites: tuple[Cite, ...]


@dataclass
class Problem:
    line: int                                # 1-based line in the Markdown given
    message: str
    level: str = "warning"                   # or "info": a hint that fails no build
    unknown: str | None = None               # the key, for an unknown source
    generated: str | None = None             # the message for text a data file wrote, if other


@dataclass
class Scan:
    citations: list[Citation]
    author_refs: list[tuple[int, str]]       # (offset, label) of the author's own [^label]
    author_defs: dict[str, tuple[int, int]]  # label -> (start, end) of its definition
    protected: list[tuple[int, int]]         # code blocks: nothing in here is Markdown text
    problems: list[Problem]
    bare_keys: list[tuple[int, str]] = field(default_factory=list)  # (offset, key) of `@key`
    # offsets of the brackets left as text on purpose: escaped (`\[@ft]`) or with a warning
    left: list[int] = field(default_factory=list)
    # (start, end, where) of raw HTML blocks, abbreviation and titled link definitions
    no_text: list[tuple[int, int, str]] = field(default_factory=list)
    # (start, end) of HTML comments outside code, in page order: never text
    comments: list[tuple[int, int]] = field(default_factory=list)
    # the labels the page's link reference definitions define, in lower case
    link_labels: frozenset[str] = frozenset()
    # (start, end) of the headings, as Python-Markdown reads them: worked out when first asked
    headings: Callable[[], list[tuple[int, int]]] = list


# Every branch starts with a literal character (a run of backticks written ``*, not `+): the
# regex engine then skips to the next of those characters instead of trying each branch at every
# offset of the page.
_TOKEN_RE = re.compile(r"\\[\\`\[\]]|``*|<!--|\[\^|\]\(|\[")
# [siehe [dort] @ft], not [a [@ft]]: brackets inside without `@`; `\]` is no bracket
_BRACKET_RE = re.compile(r"\[((?:[^\[\]\\]|\\[\s\S])*"
                         r"(?:\[(?:[^\[\]@\\]|\\[\s\S])*\](?:[^\[\]\\]|\\[\s\S])*)*)\]")
# What makes a bracket more than `[` text `]` for _bracket_end: a bracket, escape or code span
_BRACKET_INSIDE_RE = re.compile(r"[\[\\`]")
_AUTHOR_FN_RE = re.compile(r"\[\^([^\]\n]+)\](:?)")
# Lines that may be a heading (see headings()): `#` after any indentation, `>` and list markers
# (`- ## Titel`; no space needed after it: `#Titel`), or a line above a setext underline.
_ATX = r"(?:[ \t>]|[-*+][ \t]|\d{1,9}\.[ \t])*#"
_MAYBE_HEADING_RE = re.compile(rf"^{_ATX}.*$|^[ \t>]*\S.*\n[ \t>]*(?:=+|-+)[ \t]*$", re.M)
BLANK_LINE_RE = re.compile(r"\n[ \t>]*\n")
_DEF_END_RE = re.compile(r"\n[ \t]*\n(?![ ]{4}|\t|[ \t]*\n)")
_ATX_RE = re.compile(_ATX)
_UNDERLINE_RE = re.compile(r"[ \t>]*(?:=+|-+)[ \t]*(?:\n|\Z)")


# The forms a message suggests, in the site's language (its locator terms and words).
_FORMS = {"de": "[@key], [vgl. @key, S. 3] or [@a; siehe @b]",
          "en": "[@key], [see @key, p. 3] or [@a; see also @b]"}

def scan(text: str, *, language: str = "de") -> Scan:
    """Find citations, bare `@key`s and the author's footnotes; skip code, comments, escapes.

    `language` chooses the locator terms (`S.`, `Kap.`; `p.`, `chap.`).
    """
    protected = code_spans(text)
    in_headings = cache(lambda: headings(text, protected))
    no_notes = _not_markdown_text(text, protected) if "<" in text or "]:" in text else []
    citations: list[Citation] = []
    author_refs: list[tuple[int, str]] = []
    author_defs: dict[str, tuple[int, int]] = {}
    problems: list[Problem] = []
    bare_keys: list[tuple[int, str]] = []
    left: list[int] = []
    comments: list[tuple[int, int]] = []
    fence = 0
    fences = len(protected)
    link_end = 0                                     # of the link destination we are in
    pos = 0
    length = len(text)
    while pos < length:
        match = _TOKEN_RE.search(text, pos)
        start = match.start() if match else length
        if text.find("@", pos, start) >= 0:
            _bare_keys(text, pos, start, protected, bare_keys)
        if match is None:
            break
        while fence < fences and protected[fence][1] <= start:
            fence += 1
        if fence < fences and protected[fence][0] <= start:
            pos = protected[fence][1]
            continue
        token = match.group()
        if token == "[":
            where = _IN_LINK if start < link_end else next(
                (w for s, e, w in no_notes if s <= start < e), None)
            reported = len(problems)
            pos = _citation_at(text, start, citations, problems, language, where, in_headings)
            if len(problems) > reported:
                left.append(start)
        elif token == "](":
            link_end = _link_end(text, start + 1)    # what stands in it is no text
            pos = start + 2
        elif token[0] == "\\":
            if token == "\\[":
                left.append(start + 1)
            pos = match.end()
        elif token[0] == "`":
            boundary = BLANK_LINE_RE.search(text, start)
            pos = code_span_end(text, start, boundary.start() if boundary else None)
        elif token == "<!--":
            close = text.find("-->", start + 4)
            pos = close + 3 if close >= 0 else start + 4
            if close >= 0:
                comments.append((start, pos))
        else:                                        # [^
            found = _AUTHOR_FN_RE.match(text, start)
            if found is None:
                pos = start + 2
                continue
            label = found.group(1)
            if found.group(2) and at_line_start(text, start):
                end = _DEF_END_RE.search(text, found.end())
                author_defs.setdefault(label, (start, end.start() if end else length))
            else:
                author_refs.append((start, label))
            pos = found.end()
    return Scan(citations, author_refs, author_defs, protected, problems, bare_keys, left,
                no_notes, comments, _link_labels(text, protected) if "]:" in text else frozenset(),
                in_headings)


def has_citation(text: str) -> bool:
    """Whether text holds a citation, or a bracket Pandoc would read as one: for texts where
    no footnote can stand. Escaped brackets, code, links and e-mail addresses cite nothing."""
    if "@" not in text:
        return False
    found = scan(text)
    return bool(found.citations or found.problems)


def _bare_keys(text: str, start: int, end: int, protected, found: list) -> None:
    """`@key`s Pandoc would cite in running text (`@ft says`), outside code, tags and URLs."""
    for skip in _NOT_TEXT_RE.finditer(text, start, end):
        _keys_between(text, start, skip.start(), protected, found)
        start = skip.end()
    _keys_between(text, start, end, protected, found)


def _keys_between(text: str, start: int, end: int, protected, found: list) -> None:
    if text.find("@", start, end) < 0:
        return
    for at, _, key in find_keys(text[start:end]):
        at += start
        if not _after_word(text, at) and not text.startswith("\\[", at - 2) \
                and not inside(at, protected):      # `\[@ft]`: the author wants it as text
            found.append((at, key))


def _after_word(text: str, pos: int) -> bool:
    return pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == ".")


# The rest of a line that makes `[label]` at its start a link reference definition, as
# Python-Markdown reads one: a target without spaces and an optional title ("[@ft]: Er sagte,
# …" is a paragraph that opens with a citation).
DEFINITION_RE = re.compile(r""":[ \t]*(?:\S+[ \t]*(?:(?:"[^\n]*"|'[^\n]*'|\([^\n]*\))[ \t]*)?)?$""",
                           re.M)
_NOT_TEXT_RE = re.compile(r"<[^<>\n]*>|\b[a-zA-Z][a-zA-Z0-9+.-]*://\S*|\bwww\.\S*")


def _bracket_end(text: str, start: int) -> int | None:
    r"""End of the bracket opened at start, as Pandoc reads one around citations: `\]` and a
    `]` in a code span close nothing (`[@ft, `a]b`]`); brackets inside, without `@`, are the
    text's own (`[siehe [dort] @ft]`). None if nothing closes it within its block."""
    close = text.find("]", start + 1)
    if close >= 0 and _BRACKET_INSIDE_RE.search(text, start + 1, close) is None:
        return close + 1                     # the common case: nothing inside to read
    return _bracket_end_read(text, start)


def _bracket_end_read(text: str, start: int) -> int | None:
    # _bracket_end the long way, for a bracket with brackets, escapes or code inside.
    found = _BRACKET_RE.match(text, start)
    if found is not None and "`" not in found.group():
        return found.end()
    boundary = BLANK_LINE_RE.search(text, start)
    limit = boundary.start() if boundary else len(text)
    if found is None and text.find("`", start, limit) < 0:
        return None
    pos, nested = start + 1, False
    while pos < limit:
        char = text[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "`":
            pos = code_span_end(text, pos, limit)
            continue
        if char == "[" or (char == "@" and nested):
            if nested:
                return None
            nested = True
        elif char == "]":
            if not nested:
                return pos + 1
            nested = False
        pos += 1
    return None


def _citation_at(text: str, start: int, citations: list, problems: list,
                 language: str = "de", where: str | None = None,
                 in_headings: Callable[[], list] = list) -> int:
    end = _bracket_end(text, start)
    if end is None:
        return start + 1
    written, inner = text[start:end], text[start + 1:end - 1]
    if "@" not in inner or ("\n" in inner and BLANK_LINE_RE.search(inner)):
        return start + 1
    following = text[end:end + 1]
    label = _LABEL_RE.match(text, end) if following == "[" else None
    if following == "(" or label is not None or (following == ":" and at_line_start(text, start)
                                                  and DEFINITION_RE.match(text, end)):
        if label is not None and not _defines_link(text, label.group(1) or inner):
            problems.append(Problem(line_of(text, start), f"'{written}{label.group()}' is "
                                    f"left as text: it reads as a reference link, and no line "
                                    f"'[{label.group(1) or inner}]: …' defines its target; put "
                                    f"a space between the brackets for a citation"))
        # A link or a link reference definition; a link's `](` is scanned next, for its URL.
        return end - 1 if following == "(" else end
    cites = parse_bracket(inner, language=language)
    if cites is None:
        why = why_left_as_text(inner)
        how = "reads as a citation in Pandoc's syntax but is left as text"
        if why is None:
            why, how = why_no_key(inner), "is left as text"
        if why is not None:
            shown = " ".join(written.split())
            problems.append(Problem(line_of(text, start),
                                    f"'{shown}' {how}: {why} (write "
                                    f"{_FORMS.get(language[:2].lower(), _FORMS['en'])})"))
        return end
    if following == "]" and text.startswith(("](", "]["), end):
        problems.append(Problem(line_of(text, start), f"citation '{written}' inside a "
                                f"link's text is left as text; put it after the link"))
    elif where is not None or (where := _in_html(text, start)) is not None \
            or (where := _in_attribute_list(text, start, end)) is not None:
        problems.append(Problem(line_of(text, start), f"citation '{written}' "
                                f"{where} is left as text: no footnote can stand there; cite "
                                f"in the text"))
    elif _may_be_heading(text, start, end) and inside(start, in_headings()):
        problems.append(Problem(line_of(text, start), f"citation '{written}' in a "
                                f"heading is left as text; cite in the paragraph below"))
    else:
        citations.append(Citation(start, end, tuple(cites)))
    return end


_IN_LINK = "in a link's URL or title"


class _LinkTarget(LinkInlineProcessor):
    """Python-Markdown's own reading of a link's `(URL "title")`; only where it ends is used."""

    def unescape(self, text: str) -> str:         # the stash of a page being rendered: none
        return text


_LINK_TARGET = _LinkTarget(LINK_RE)


def _link_end(text: str, pos: int) -> int:
    """End of the link destination and title opened by the `(` at pos, as Python-Markdown
    reads them (nested parentheses, quoted titles), within the block; pos if it reads none."""
    boundary = BLANK_LINE_RE.search(text, pos)
    _, _, end, handled = _LINK_TARGET.getLink(text[pos:boundary.start() if boundary else None],
                                              0)
    return pos + end if handled else pos


def _in_attribute_list(text: str, start: int, end: int) -> str | None:
    """"in an attribute list" if text[start:end] stands in one, as attr_list reads them: a
    line `{: …}` (or `{…}`) of its own, or `{…}` right after an inline element (`*x*{: …}`);
    attr_list reads the braces after Markdown has put a footnote there."""
    line_start = text.rfind("\n", 0, start) + 1
    brace = text.rfind("{", line_start, start)
    if brace < 0 or text.find("}", brace, start) >= 0:
        return None
    line_end = text.find("\n", end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    own_line = not text[line_start:brace].strip(" \t>") and line.rstrip().endswith("}")
    after_element = brace > line_start and text[brace - 1] in "*_)`>]" \
        and text.find("}", end, line_start + len(line)) >= 0
    if (own_line or after_element) and _ATTR_LIST_RE.match(text, brace):
        return "in an attribute list"
    return None


_ATTR_LIST_RE = re.compile(r"\{:?[ ]*[^}\n ]")           # attr_list's BASE_RE, its start


# After a citation: a reference link's label; not a footnote reference nor another citation,
# which Pandoc reads as such right after it too (`[@ft][^1]`, `[@ft][@ria]`).
_LABEL_RE = re.compile(r"\[(?![\^@])([^\[\]\n]*)\]")


def _link_labels(text: str, protected) -> frozenset[str]:
    """The labels of the link reference definitions outside code, as Python-Markdown keys them
    (lower case, white space as one space)."""
    return frozenset(" ".join(found.group(1).split()).lower()
                     for found in _LINK_LABEL_RE.finditer(text)
                     if DEFINITION_RE.match(text, found.end()) and not inside(found.start(),
                                                                             protected))


_LINK_LABEL_RE = re.compile(r"^[ \t>]*\[(?!\^)([^\[\]\n]+)\](?=:)", re.M)


def _defines_link(text: str, label: str) -> bool:
    """Does a line `[label]: …` define a reference link's target (labels match in any case)?"""
    return re.search(rf"^[ \t>]*\[{re.escape(label)}\]:", text, re.M | re.I) is not None


def _in_html(text: str, start: int) -> str | None:
    """Where in inline HTML text[start] stands, as Python-Markdown reads it, if it does: in a
    tag (`<span title="[@ft]">`), an autolink (`<https://…?q=[@ft]>`) or an HTML link's text
    (`<a href="…">Link [@ft]</a>`); None outside of them."""
    opening = text.rfind("<", 0, start)
    if opening < 0:
        return None                          # no tag and no `<a` before it
    if text.find(">", opening, start) < 0:
        tag = _INLINE_TAG_RE.match(text, opening)
        if tag is not None and tag.end() > start:
            return "inside an HTML tag"
        link = _AUTOLINK_RE.match(text, opening)
        if link is not None and link.end() > start:
            return "inside a link"
    anchor = max(text.rfind("<a ", 0, start), text.rfind("<a>", 0, start))
    if anchor >= 0 and text.find("</a>", anchor, start) < 0 and text.find("</a>", start) >= 0:
        return "in an HTML link's text"
    return None


_INLINE_TAG_RE = re.compile(r"</?[a-zA-Z][^<>@ ]*(?: [^<>]*)?>")    # Python-Markdown's HTML_RE
_AUTOLINK_RE = re.compile(r"<(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*>")   # its AUTOLINK_RE


def _not_markdown_text(text: str, protected) -> list[tuple[int, int, str]]:
    """(start, end, where) of what Python-Markdown keeps from its inline patterns: raw HTML
    blocks (explainer.markers.raw_html_blocks), abbreviation and link reference definitions."""
    found = [(start, end, _RAW_BLOCK) for start, end in raw_html_blocks(text, protected)]
    for pattern, where in _DEFINITIONS:
        found += [(line.start(), line.end(), where) for line in pattern.finditer(text)
                  if not inside(line.start(), protected)]
    return sorted(found)


_RAW_BLOCK = "in a raw HTML block"
_DEFINITIONS = (
    (re.compile(r"^[ \t>]*\*\[[^\]\n]*\][ ]?:.*$", re.M), "in an abbreviation's definition"),
    (re.compile(r"""^[ \t>]*\[(?!\^)[^\[\]\n]*\]:[ \t]*\S+"""
                r"""[ \t]+(?:"[^\n]*"|'[^\n]*'|\([^\n]*\))[ \t]*$""", re.M),
     "in a link reference's title"),
)


def _may_be_heading(text: str, start: int, end: int) -> bool:
    """The quick test: does text[start:end] stand on a line that may be a heading?"""
    line_start = text.rfind("\n", 0, start) + 1
    if text.find("#", line_start, start) >= 0 and _ATX_RE.match(text, line_start):
        return True
    line_end = text.find("\n", end)
    return line_end >= 0 and _UNDERLINE_RE.match(text, line_end + 1) is not None


def headings(text: str, protected=()) -> list[tuple[int, int]]:
    """(start, end) of each heading in text, outside code (`protected`), as Python-Markdown
    reads it: an ATX heading's line, a setext heading's two lines. A `#` first on its line is
    one; wherever else a line may be one (indented, quoted, in a list, above an underline),
    Python-Markdown itself tells: `Text` and below it `  # x` is a paragraph, so is
    `- item` and below it `    ## x`, while `- item` above `---` is a heading."""
    sure, unsure = [], []
    for found in _MAYBE_HEADING_RE.finditer(text):
        if not inside(found.start(), protected):
            (sure if text[found.start()] == "#" else unsure).append(found.span())
    if not unsure:
        return sure
    read = _headings_read(text, [start for start, _ in unsure])
    return sorted(sure + [span for number, span in enumerate(unsure) if number in read])


def _headings_read(text: str, lines: list[int]) -> set[int]:
    """Which of the lines starting at these offsets Python-Markdown renders in a heading: each
    gets a word of its own at its end, and the page is rendered with the stack's block
    extensions."""
    pieces, pos = [], 0
    for number, start in enumerate(lines):
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        cut = start + len(text[start:line_end].rstrip())
        pieces += [text[pos:cut], f" {_PROBE}{number}x"]
        pos = cut
    html = python_markdown().reset().convert("".join(pieces) + text[pos:])
    return {int(number) for heading in _HEADING_HTML_RE.finditer(html)
            for number in _PROBE_RE.findall(heading.group(2))}


_PROBE = "citationsheadingprobe"
_PROBE_RE = re.compile(rf"{_PROBE}(\d+)x")
_HEADING_HTML_RE = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
# The extensions of the stack that decide where a block is (README: Stack).
_BLOCK_EXTENSIONS = ("abbr", "admonition", "attr_list", "md_in_html", "footnotes",
                     "pymdownx.details", "pymdownx.superfences")


@lru_cache(maxsize=1)
def python_markdown() -> Markdown:
    """Python-Markdown with the stack's block extensions, to ask how it reads a page (reset
    before each use)."""
    return Markdown(extensions=list(_BLOCK_EXTENSIONS))


def at_line_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip(" \t>")


def inside(pos: int, ranges) -> bool:
    return any(start <= pos < end for start, end in ranges)
