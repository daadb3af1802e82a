"""Where a page's citations and the author's own footnotes are, as offsets into its Markdown.

A text pass, not a Markdown extension, for two reasons. Python-Markdown's footnotes extension
fixes its list of notes and their numbers from the definitions it meets while parsing blocks,
before any inline pattern runs, so a citation must already be a footnote reference when the
parser starts. And every message must name the line of the file the editor wrote, which only
the source text knows. The pass therefore skips what the parser would not read as text, by the
parser's rules: code blocks (found by `explainer.markers.code_spans`, the one place that knows
them), code spans, HTML comments, backslash escapes; headings and link texts are reported, not
rewritten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from ..location import line_of
from ..markers import code_spans
from .syntax import Cite, parse_bracket


class Citation(NamedTuple):
    start: int                              # offsets of `[...]` in the Markdown
    end: int
    cites: tuple[Cite, ...]


@dataclass
class Problem:
    line: int                                # 1-based line in the Markdown given
    message: str


@dataclass
class Scan:
    citations: list[Citation]
    author_refs: list[tuple[int, str]]       # (offset, label) of the author's own [^label]
    author_defs: dict[str, tuple[int, int]]  # label -> (start, end) of its definition
    protected: list[tuple[int, int]]         # code blocks: nothing in here is Markdown text
    problems: list[Problem]


_TOKEN_RE = re.compile(r"\\[\\`\[]|`+|<!--|\[\^|\[")
_BRACKET_RE = re.compile(r"\[([^\[\]]*)\]")
_KEY_START_RE = re.compile(r"@\w")
_AUTHOR_FN_RE = re.compile(r"\[\^([^\]\n]+)\](:?)")
HEADING_RE = re.compile(r"^[ \t>]{0,8}#{1,6}(?:[ \t].*)?$"
                        r"|(?:\A|(?<=\n\n))[ \t>]*\S.*\n[ \t>]*(?:=+|-+)[ \t]*$", re.M)
BLANK_LINE_RE = re.compile(r"\n[ \t>]*\n")
_DEF_END_RE = re.compile(r"\n[ \t]*\n(?![ ]{4}|\t|[ \t]*\n)")
_ATX_RE = re.compile(r"[ \t>]{0,8}#{1,6}(?:[ \t]|\Z)")
_UNDERLINE_RE = re.compile(r"[ \t>]*(?:=+|-+)[ \t]*(?:\n|\Z)")


def scan(text: str) -> Scan:
    """Find citations and the author's footnotes; skip code, comments and escapes."""
    protected = code_spans(text)
    citations: list[Citation] = []
    author_refs: list[tuple[int, str]] = []
    author_defs: dict[str, tuple[int, int]] = {}
    problems: list[Problem] = []
    fence = 0
    pos = 0
    length = len(text)
    while pos < length:
        match = _TOKEN_RE.search(text, pos)
        if match is None:
            break
        start = match.start()
        while fence < len(protected) and protected[fence][1] <= start:
            fence += 1
        if fence < len(protected) and protected[fence][0] <= start:
            pos = protected[fence][1]
            continue
        token = match.group()
        if token[0] == "\\":
            pos = match.end()
        elif token[0] == "`":
            pos = _skip_code_span(text, start, len(token))
        elif token == "<!--":
            close = text.find("-->", start + 4)
            pos = close + 3 if close >= 0 else start + 4
        elif token == "[^":
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
        else:
            pos = _citation_at(text, start, citations, problems)
    return Scan(citations, author_refs, author_defs, protected, problems)


def _citation_at(text: str, start: int, citations: list, problems: list) -> int:
    found = _BRACKET_RE.match(text, start)
    if found is None or "@" not in found.group(1) or BLANK_LINE_RE.search(found.group(1)):
        return start + 1
    end = found.end()
    following = text[end:end + 1]
    if following in ("(", "[") or (following == ":" and at_line_start(text, start)):
        return end                                   # a link or a link reference definition
    cites = parse_bracket(found.group(1))
    shown = " ".join(found.group().split())
    if cites is None:
        if _KEY_START_RE.match(found.group(1)):
            problems.append(Problem(line_of(text, start),
                                    f"malformed citation '{shown}' left as text (write "
                                    f"[@key], [@key, S. 3] or [@a; @b])"))
        return end
    if text.startswith(("](", "]["), end):
        problems.append(Problem(line_of(text, start), f"citation '{found.group()}' inside a "
                                f"link's text is left as text; put it after the link"))
    elif _in_heading(text, start, end):
        problems.append(Problem(line_of(text, start), f"citation '{found.group()}' in a "
                                f"heading is left as text; cite in the paragraph below"))
    else:
        citations.append(Citation(start, end, tuple(cites)))
    return end


def _in_heading(text: str, start: int, end: int) -> bool:
    """Is text[start:end] in an ATX heading line, or on the line above a setext underline?"""
    line_start = text.rfind("\n", 0, start) + 1
    if _ATX_RE.match(text, line_start):
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
