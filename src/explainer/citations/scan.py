"""Where a page's citations and the author's own footnotes are, as offsets into its Markdown.

A text pass, not a Markdown extension, for two reasons. Python-Markdown's footnotes extension
fixes its list of notes and their numbers from the definitions it meets while parsing blocks,
before any inline pattern runs, so a citation must already be a footnote reference when the
parser starts. And every message must name the line of the file the editor wrote, which only
the source text knows. The pass therefore skips what the parser would not read as text, by the
parser's rules: code blocks (found by `explainer.markers.code_spans`, the one place that knows
them), code spans, HTML comments, backslash escapes; a citation where no footnote can stand
(a heading, a link's text, an HTML tag, a raw HTML block, an abbreviation's or a link
reference's definition) is reported, not rewritten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from markdown.util import BLOCK_LEVEL_ELEMENTS

from ..location import line_of
from ..markers import code_spans
from .syntax import Cite, find_keys, parse_bracket, why_left_as_text, why_no_key


class Citation(NamedTuple):
    start: int                              # offsets of `[...]` in the Markdown
    end: int
    cites: tuple[Cite, ...]


@dataclass
class Problem:
    line: int                                # 1-based line in the Markdown given
    message: str
    level: str = "warning"                   # or "info": a hint that fails no build


@dataclass
class Scan:
    citations: list[Citation]
    author_refs: list[tuple[int, str]]       # (offset, label) of the author's own [^label]
    author_defs: dict[str, tuple[int, int]]  # label -> (start, end) of its definition
    protected: list[tuple[int, int]]         # code blocks: nothing in here is Markdown text
    problems: list[Problem]
    bare_keys: list[tuple[int, str]] = field(default_factory=list)  # (offset, key) of `@key`


_TOKEN_RE = re.compile(r"\\[\\`\[]|`+|<!--|\[\^|\[")
# [siehe [dort] @ft], not [a [@ft]]: brackets inside without `@`
_BRACKET_RE = re.compile(r"\[([^\[\]]*(?:\[[^\[\]@]*\][^\[\]]*)*)\]")
_AUTHOR_FN_RE = re.compile(r"\[\^([^\]\n]+)\](:?)")
HEADING_RE = re.compile(r"^[ \t>]{0,8}#{1,6}(?:[ \t].*)?$"
                        r"|(?:\A|(?<=\n\n))[ \t>]*\S.*\n[ \t>]*(?:=+|-+)[ \t]*$", re.M)
BLANK_LINE_RE = re.compile(r"\n[ \t>]*\n")
_DEF_END_RE = re.compile(r"\n[ \t]*\n(?![ ]{4}|\t|[ \t]*\n)")
_ATX_RE = re.compile(r"[ \t>]{0,8}#{1,6}(?:[ \t]|\Z)")
_UNDERLINE_RE = re.compile(r"[ \t>]*(?:=+|-+)[ \t]*(?:\n|\Z)")


# The forms a message suggests, in the site's language (its locator terms and words).
_FORMS = {"de": "[@key], [vgl. @key, S. 3] or [@a; siehe @b]",
          "en": "[@key], [see @key, p. 3] or [@a; see also @b]"}

def scan(text: str, *, language: str = "de") -> Scan:
    """Find citations, bare `@key`s and the author's footnotes; skip code, comments, escapes.

    `language` chooses the locator terms (`S.`, `Kap.`; `p.`, `chap.`).
    """
    protected = code_spans(text)
    no_notes = _not_markdown_text(text, protected) if "<" in text or "]:" in text else []
    citations: list[Citation] = []
    author_refs: list[tuple[int, str]] = []
    author_defs: dict[str, tuple[int, int]] = {}
    problems: list[Problem] = []
    bare_keys: list[tuple[int, str]] = []
    fence = 0
    fences = len(protected)
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
            where = next((w for s, e, w in no_notes if s <= start < e), None)
            pos = _citation_at(text, start, citations, problems, language, where)
        elif token[0] == "\\":
            pos = match.end()
        elif token[0] == "`":
            pos = _skip_code_span(text, start, len(token))
        elif token == "<!--":
            close = text.find("-->", start + 4)
            pos = close + 3 if close >= 0 else start + 4
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
    return Scan(citations, author_refs, author_defs, protected, problems, bare_keys)


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
_DEFINITION_RE = re.compile(r""":[ \t]*(?:\S+[ \t]*(?:(?:"[^\n]*"|'[^\n]*'|\([^\n]*\))[ \t]*)?)?$""",
                            re.M)
_NOT_TEXT_RE = re.compile(r"<[^<>\n]*>|\b[a-zA-Z][a-zA-Z0-9+.-]*://\S*|\bwww\.\S*")


def _citation_at(text: str, start: int, citations: list, problems: list,
                 language: str = "de", where: str | None = None) -> int:
    found = _BRACKET_RE.match(text, start)
    if found is None:
        return start + 1
    inner = found.group(1)
    if "@" not in inner or ("\n" in inner and BLANK_LINE_RE.search(inner)):
        return start + 1
    end = found.end()
    following = text[end:end + 1]
    label = _LABEL_RE.match(text, end) if following == "[" else None
    if following == "(" or label is not None or (following == ":" and at_line_start(text, start)
                                                  and _DEFINITION_RE.match(text, end)):
        if label is not None and not _defines_link(text, label.group(1) or inner):
            problems.append(Problem(line_of(text, start), f"'{found.group()}{label.group()}' is "
                                    f"left as text: it reads as a reference link, and no line "
                                    f"'[{label.group(1) or inner}]: …' defines its target; put "
                                    f"a space between the brackets for a citation"))
        return end                                   # a link or a link reference definition
    cites = parse_bracket(inner, language=language)
    if cites is None:
        why = why_left_as_text(inner)
        how = "reads as a citation in Pandoc's syntax but is left as text"
        if why is None:
            why, how = why_no_key(inner), "is left as text"
        if why is not None:
            shown = " ".join(found.group().split())
            problems.append(Problem(line_of(text, start),
                                    f"'{shown}' {how}: {why} (write "
                                    f"{_FORMS.get(language[:2].lower(), _FORMS['en'])})"))
        return end
    if following == "]" and text.startswith(("](", "]["), end):
        problems.append(Problem(line_of(text, start), f"citation '{found.group()}' inside a "
                                f"link's text is left as text; put it after the link"))
    elif where is not None or (where := _in_html(text, start)) is not None:
        problems.append(Problem(line_of(text, start), f"citation '{found.group()}' "
                                f"{where} is left as text: no footnote can stand there; cite "
                                f"in the text"))
    elif _in_heading(text, start, end):
        problems.append(Problem(line_of(text, start), f"citation '{found.group()}' in a "
                                f"heading is left as text; cite in the paragraph below"))
    else:
        citations.append(Citation(start, end, tuple(cites)))
    return end


# After a citation: a reference link's label; not a footnote reference nor another citation,
# which Pandoc reads as such right after it too (`[@ft][^1]`, `[@ft][@ria]`).
_LABEL_RE = re.compile(r"\[(?![\^@])([^\[\]\n]*)\]")


def _defines_link(text: str, label: str) -> bool:
    """Does a line `[label]: …` define a reference link's target (labels match in any case)?"""
    return re.search(rf"^[ \t>]*\[{re.escape(label)}\]:", text, re.M | re.I) is not None


def _in_html(text: str, start: int) -> str | None:
    """Where in inline HTML text[start] stands, as Python-Markdown reads it, if it does: in a
    tag (`<span title="[@ft]">`), an autolink (`<https://…?q=[@ft]>`) or an HTML link's text
    (`<a href="…">Link [@ft]</a>`); None outside of them."""
    opening = text.rfind("<", 0, start)
    if opening >= 0 and text.find(">", opening, start) < 0:
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


def raw_html_lines(text: str) -> set[int]:
    """The lines (1-based) of text that stand in a raw HTML block, which Python-Markdown keeps
    as it is: no marker there becomes anything."""
    if "<" not in text:
        return set()
    return {line for start, end, where in _not_markdown_text(text, code_spans(text))
            if where == _RAW_BLOCK
            for line in range(line_of(text, start), line_of(text, end) + 1)}


def _not_markdown_text(text: str, protected) -> list[tuple[int, int, str]]:
    """(start, end, where) of what Python-Markdown keeps from its inline patterns: raw HTML
    blocks (a block-level tag at a line's start, to its closing tag; with md_in_html's
    `markdown` attribute the inside is Markdown), abbreviation and link reference definitions."""
    found = []
    for pattern, where in _DEFINITIONS:
        found += [(line.start(), line.end(), where) for line in pattern.finditer(text)
                  if not inside(line.start(), protected)]
    pos = 0
    while (tag := _BLOCK_TAG_RE.search(text, pos)) is not None:
        pos = tag.end()
        name = tag.group(1).lower()
        if name not in BLOCK_LEVEL_ELEMENTS or inside(tag.start(), protected) \
                or _MARKDOWN_ATTR_RE.search(tag.group(2)):
            continue
        end = _closing_tag_end(text, name, tag.end())
        found.append((tag.start(), end, _RAW_BLOCK))
        pos = end
    return sorted(found)


def _closing_tag_end(text: str, name: str, pos: int) -> int:
    """End of the tag that closes an element opened before pos (the end of the text if none
    does: Python-Markdown keeps the rest raw); what follows it on its line is Markdown."""
    if name in _VOID:
        return pos
    depth = 1
    for tag in re.compile(rf"<!--.*?-->|<(/?){name}\b[^>]*>", re.I | re.S).finditer(text, pos):
        if tag.group().startswith("<!--"):
            continue                                  # a tag in a comment is no tag
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return len(text)


_RAW_BLOCK = "in a raw HTML block"
_BLOCK_TAG_RE = re.compile(r"^ {0,3}<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])([^>]*)>?", re.M)
_MARKDOWN_ATTR_RE = re.compile(r"""\smarkdown(?!\s*=\s*["']?0\b)(?=[\s=/]|\Z)""")
_VOID = frozenset(("hr",))
_DEFINITIONS = (
    (re.compile(r"^[ \t>]*\*\[[^\]\n]*\][ ]?:.*$", re.M), "in an abbreviation's definition"),
    (re.compile(r"""^[ \t>]*\[(?!\^)[^\[\]\n]*\]:[ \t]*\S+"""
                r"""[ \t]+(?:"[^\n]*"|'[^\n]*'|\([^\n]*\))[ \t]*$""", re.M),
     "in a link reference's title"),
)


def _in_heading(text: str, start: int, end: int) -> bool:
    """Is text[start:end] in an ATX heading line, or on the line above a setext underline?"""
    line_start = text.rfind("\n", 0, start) + 1
    if text.find("#", line_start, start) >= 0 and _ATX_RE.match(text, line_start):
        return True
    line_end = text.find("\n", end)
    if line_end < 0 or not _UNDERLINE_RE.match(text, line_end + 1):
        return False
    return line_start == 0 or text.endswith("\n", 0, line_start - 1) \
        or not text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1].strip(" \t>")


def _skip_code_span(text: str, start: int, ticks: int) -> int:
    boundary = BLANK_LINE_RE.search(text, start)
    limit = boundary.start() if boundary else len(text)
    pos = start + ticks
    closing = "`" * ticks
    while True:
        found = text.find(closing, pos, limit)
        if found < 0:
            return start + ticks                     # no closing run: plain backticks
        run_end = found + ticks
        while run_end < limit and text[run_end] == "`":
            run_end += 1
        if run_end - found == ticks:
            return run_end
        pos = run_end


def at_line_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip(" \t>")


def inside(pos: int, ranges) -> bool:
    return any(start <= pos < end for start, end in ranges)
