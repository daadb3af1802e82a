"""Marker lines: where a page asks for generated content. One syntax for every feature:

    <!-- name -->            <!-- name: arguments -->

alone on its line, e.g. `<!-- timeline -->`, `<!-- map: coast -->`, `<!-- citations: sources -->`.
A marker counts anywhere a Markdown block can stand, inside admonitions, lists, content tabs and
block quotes too; the generated text takes the marker's indentation (and `>` prefix), so it
stays inside that container. A marker shown inside code (fenced or indented) is text, not a
marker: the page shows it literally; so is one inside an HTML comment begun on an earlier line
(commented out: by a comment first on its line, or after a comment or raw HTML block there; a
`<!--` after text, escaped or in a code span opens none, as for Python-Markdown), and one in a
raw HTML block (`<div>` above it, without md_in_html's `markdown` attribute), where
Python-Markdown reads no Markdown: a warning says so. A marker indented four columns past its
container right below a line of text is no line of its own: Python-Markdown reads it as that
paragraph's next line (a lazy continuation line), and below a block that ends with its line as
indented code.

Why a text pass and not a Markdown extension: what replaces a marker is itself Markdown (with
citations, headings for the table of contents, glossary terms), so it must be in place before
Python-Markdown parses the page. The pass follows the parser's block rules for code: fences of
three or more backticks or tildes (closed by a fence of the same kind, at least as long) and
blocks indented four spaces past their container after a blank line or after a block that ends
with its line (a heading, a rule, an HTML comment or block, an abbreviation's or link
reference's definition, an admonition's or a tab's first line).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from markdown.util import BLOCK_LEVEL_ELEMENTS

_MARKER_RE = re.compile(r"<!--[ \t]*([A-Za-z][\w-]*)[ \t]*(?::[ \t]*(.*?))?[ \t]*-->[ \t]*\Z")
_PREFIX_RE = re.compile(r"[ \t]*(?:>[ \t]?[ \t]*)*")
_FENCE_RE = re.compile(r"(`{3,}|~{3,})(.*)\Z")
_CONTAINER_RE = re.compile(r"(?:!!!|\?\?\?\+?|===\+?)[ \t]")
_LIST_RE = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_PREFIX_CHARS = (" ", "\t", ">")                 # what a _PREFIX_RE match starts with
_FENCES = ("```", "~~~")                          # what a _FENCE_RE match starts with
_NOTE_RE = re.compile(r"\[\^[^\]\n]+\]:")         # a footnote's definition holds blocks too
# Blocks that end with their line, as Python-Markdown reads them: what follows is a new block.
_RULE_RE = re.compile(r"(?:(?:-+[ ]{0,2}){3,}|(?:_+[ ]{0,2}){3,}|(?:\*+[ ]{0,2}){3,})[ ]*\Z")
# An abbreviation's definition with its title, a link reference's (not a footnote's).
_DEFINITION_RE = re.compile(r"""\*\[[^\\]*?\][ ]?:[ ]*\S|\[(?!\^)[^\[\]]*\]:[ ]*\S+[ ]*"""
                            r"""(?:(["']).*\1[ ]*|\(.*\)[ ]*)?\Z""")
_CLOSING_TAG_RE = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")
_UNDERLINE_RE = re.compile(r"[=-]+[ ]*\Z")      # a setext heading's second line
# With digits: what _CONTAINER_RE, _LIST_RE and _NOTE_RE start with.
_BLOCK_STARTS = frozenset("!?=-*+[")


# What _classify says a line is.
_TEXT, _CODE, _COMMENT, _CONTINUED = "text", "code", "comment", "continued"
# What the line before was, for the next one indented four columns past its container: a blank
# line (code follows), a paragraph's line (it goes on) or a block that ended (code follows).
_BLANK, _PARAGRAPH, _ENDED = "blank", "paragraph", "ended"


@dataclass(frozen=True)
class Marker:
    name: str           # 'timeline'
    args: str           # 'coast' in <!-- map: coast -->; '' without
    line: int           # 1-based line in the Markdown given
    prefix: str         # the indentation (and '> ') before the marker

    def indent(self, text: str) -> str:
        """text with every line put where the marker stood (blank lines keep only the '>')."""
        bare = self.prefix.rstrip(" \t") if ">" in self.prefix else ""
        return "\n".join(self.prefix + line if line.strip() else bare
                         for line in text.split("\n"))


def find_markers(markdown: str, names: Iterable[str] | None = None) -> list[Marker]:
    """The markers outside code, in page order; only those named `names` if given."""
    wanted = None if names is None else set(names)
    return [marker for marker, _ in _scan(markdown) if wanted is None or marker.name in wanted]


def replace_markers(markdown: str, names: Iterable[str],
                    render: Callable[[Marker], str | None]) -> str:
    """Put render(marker)'s Markdown in place of each marker named `names`; None keeps the line.

    The text is set off by blank lines and indented like the marker, so it forms blocks of
    its own in the marker's container.
    """
    wanted = set(names)
    lines = markdown.split("\n")
    changed = False
    for marker, index in _scan(markdown):
        if marker.name not in wanted:
            continue
        text = render(marker)
        if text is None:
            continue
        lines[index] = marker.indent("\n" + text.strip("\n") + "\n")
        changed = True
    return "\n".join(lines) if changed else markdown


def replace_first(markdown: str, names: Iterable[str], text: str) -> tuple[str, list[Marker]]:
    """Put text in place of the first marker named `names`; the others stay as they are and
    come back, for a warning: content with ids of its own (a timeline, a glossary, a list of
    changes) goes on a page once."""
    markers = find_markers(markdown, names)
    if not markers:
        return markdown, []
    first = markers[0].line
    markdown = replace_markers(markdown, names, lambda marker: text if marker.line == first
                               else None)
    return markdown, markers[1:]


def has_marker(markdown: str, names: Iterable[str]) -> bool:
    """Quick test first (no scan when no name occurs), then the real one."""
    names = set(names)
    if "<!--" not in markdown or not any(name in markdown for name in names):
        return False
    return bool(find_markers(markdown, names))


def miscased(markdown: str, names: Iterable[str]) -> list[tuple[Marker, str]]:
    """Lines that would be markers named `names` but for their letter case (`<!-- Karte: x -->`,
    `<!-- TIMELINE -->`): comments, left as they are; each with the name meant, for a warning.
    A quick search first: only a page with such a comment is scanned."""
    meant = {name.lower(): name for name in names}
    if "<!--" not in markdown or not any(
            found.group(1) not in meant.values()
            for found in _near_marker(tuple(sorted(meant))).finditer(markdown)):
        return []
    return [(marker, meant[marker.name.lower()]) for marker, _ in _scan(markdown)
            if marker.name.lower() in meant and marker.name not in meant.values()]


def in_raw_html(markdown: str, names: Iterable[str]) -> list[Marker]:
    """The markers named `names` that stand in a raw HTML block (`<div>` and below it
    `<!-- timeline -->`), which Python-Markdown keeps as it is: comments, not markers (no other
    function here finds them), each for a warning. Inside an element with md_in_html's
    `markdown` attribute they count."""
    wanted = set(names)
    return [marker for marker, _ in _scan(markdown, raw=True) if marker.name in wanted]


def _as_written(marker: Marker, name: str | None = None) -> str:
    """The marker as an editor writes it (with `name` in place of its own)."""
    return f"<!-- {name or marker.name}{': ' + marker.args if marker.args else ''} -->"


def miscased_message(marker: Marker, name: str, *, takes_argument: bool = True) -> str:
    """What to tell the editor about a line miscased() found (after its place); the line to
    write keeps the argument only for a marker that takes one."""
    line = _as_written(marker, name) if takes_argument or not marker.args \
        else f"<!-- {name} --> (it takes no argument)"
    return (f"{_as_written(marker)} is left as a comment (a marker's name is written '{name}'): "
            f"write {line}")


def argument_ignored(marker: Marker) -> str | None:
    """What to tell the editor (after its place) about an argument given to a marker that
    takes none (`<!-- timeline: 2024 -->`), else None."""
    if not marker.args:
        return None
    return (f"<!-- {marker.name}: {marker.args} --> takes no argument; '{marker.args}' is "
            f"ignored (write <!-- {marker.name} -->)")


def not_alone(markdown: str, names: Iterable[str]) -> list[tuple[int, str]]:
    """(line, the marker as written) for each marker named `names` (in any letter case) that
    shares its line with other text (`Siehe <!-- karte: x -->`, `## Karte <!-- karte: x -->`):
    a comment, not a marker. Outside code, code spans and comments too. A quick search first:
    only a page with such a comment is scanned."""
    return [(line, written) for line, written, alone in _misplaced(markdown, names) if not alone]


def continued(markdown: str, names: Iterable[str]) -> list[tuple[int, str]]:
    """(line, the marker as written) for each marker named `names` (in any letter case) alone
    on a line that goes on with the paragraph above it (`Text.` and below it
    `    <!-- timeline -->`): indented four columns past its container, it is no line of its own
    for Python-Markdown but the paragraph's next line, so a comment in it, not a marker."""
    return [(line, written) for line, written, alone in _misplaced(markdown, names) if alone]


def _misplaced(markdown: str, names: Iterable[str]) -> list[tuple[int, str, bool]]:
    # (line, the marker as written, alone on its line?) for not_alone() and continued(). A
    # marker alone on its line is looked at only when it is indented four columns or more.
    if "<!--" not in markdown:
        return []
    found = []
    for match in _marker_anywhere(tuple(sorted({name.lower() for name in names}))).finditer(
            markdown):
        start = markdown.rfind("\n", 0, match.start()) + 1
        end = markdown.find("\n", match.end())
        line = markdown[start:end if end >= 0 else len(markdown)]
        prefix = _PREFIX_RE.match(line).group()
        alone = bool(_MARKER_RE.match(line, len(prefix)))
        if (alone and _width(prefix) < 4) or any(
                span.start() <= match.start() - start < span.end()
                for span in _CODE_SPAN.finditer(line)):
            continue
        found.append((markdown.count("\n", 0, start) + 1, match.group(), alone))
    if not found:
        return []
    kinds = [kind for _, kind in _classify(markdown)]
    return [(line, written, alone) for line, written, alone in found
            if kinds[line - 1] is _CONTINUED or (not alone and kinds[line - 1] is _TEXT)]


def marker_warnings(markdown: str, names: Iterable[str], where, *,
                    takes_argument: bool = True) -> list[str]:
    """A warning for each line miscased(), in_raw_html(), not_alone() or continued() finds, in
    page order; `where` places a line in the editor's file (explainer.location.PageLocation),
    `takes_argument` says whether the markers named `names` take one (`<!-- karte: x -->`) or
    not (`<!-- timeline -->`)."""
    names = list(names)
    found = [(marker.line, miscased_message(marker, name, takes_argument=takes_argument))
             for marker, name in miscased(markdown, names)]
    found += [(marker.line, f"{_as_written(marker)} stands in a raw HTML block, where Markdown is "
                            f"not read, so it is left as a comment: a marker stands outside raw "
                            f"HTML, or in an element with markdown=\"1\"")
              for marker in in_raw_html(markdown, names)]
    for line, written, alone in _misplaced(markdown, names):
        found.append((line, f"{written} is indented four spaces or more right below a line of "
                            f"text, so it goes on with that paragraph and is left as a comment: a "
                            f"marker stands on a line of its own, indented like the text around "
                            f"it" if alone else
                            f"{written} is not alone on its line, so it is left as a comment: a "
                            f"marker stands on a line of its own"))
    return [f"{where.at(line, markdown)}: {message}" for line, message in sorted(found)]


@lru_cache(maxsize=16)
def _near_marker(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"<!--[ \t]*(" + "|".join(map(re.escape, names)) + r")(?!\w)", re.I)


@lru_cache(maxsize=16)
def _marker_anywhere(names: tuple[str, ...]) -> re.Pattern:
    # A whole marker comment wherever it stands on a line.
    return re.compile(r"<!--[ \t]*(?:" + "|".join(map(re.escape, names)) +
                      r")[ \t]*(?::[^\n]*?)?-->", re.I)


# A code span as Python-Markdown reads one (as explainer.markup): a marker in it is text.
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def code_spans(markdown: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the code blocks, fenced (fence lines included) and indented, by
    the same rules as the markers: what other text passes must leave alone."""
    if "```" not in markdown and "~~~" not in markdown and "    " not in markdown \
            and "\t" not in markdown:
        return []
    spans: list[tuple[int, int]] = []
    offset = 0
    for line, kind in _classify(markdown):
        end = offset + len(line)
        if kind is _CODE:
            if spans and spans[-1][1] in (offset, offset - 1):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((offset, end))
        offset = end + 1
    return spans


def raw_html_lines(text: str) -> set[int]:
    """The lines (1-based) of text that stand in a raw HTML block, which Python-Markdown keeps
    as it is: no marker there becomes anything."""
    if "<" not in text or not _TAG_RE.search(text):
        return set()
    return {line for start, end in raw_html_blocks(text, code_spans(text))
            for line in range(text.count("\n", 0, start) + 1, text.count("\n", 0, end) + 2)}


def raw_html_blocks(text: str, protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the raw HTML blocks outside `protected` (code_spans()), in page order: a
    block-level tag at a line's start, to its closing tag; with md_in_html's `markdown`
    attribute the inside is Markdown."""
    found = []
    pos = 0
    while (tag := _BLOCK_TAG_RE.search(text, pos)) is not None:
        pos = tag.end()
        if any(start <= tag.start() < end for start, end in protected):
            continue
        if tag.group(1) is None:                     # a comment first on its line
            close = text.find("-->", pos)
            if close < 0:
                continue
            pos = close + 3
        elif _opens_raw_block(tag):
            pos = _closing_tag_end(text, tag.group(1).lower(), pos)
            found.append((tag.start(), pos))
        else:
            continue
        # Python-Markdown reads on after the end of a raw block (or of a comment first on its
        # line): a block-level tag further on that line opens a raw block, after text too.
        while (tail := _block_tag_on_line(text, pos)) is not None:
            pos = _closing_tag_end(text, tail.group(1).lower(), tail.end())
            found.append((tail.start(), pos))
    return found


def _opens_raw_block(tag: re.Match) -> bool:
    """A block-level tag opens a raw HTML block, unless md_in_html reads its inside."""
    return tag.group(1).lower() in BLOCK_LEVEL_ELEMENTS \
        and not _MARKDOWN_ATTR_RE.search(tag.group(2))


def _block_tag_on_line(text: str, pos: int) -> re.Match | None:
    line_end = text.find("\n", pos)
    for tag in _TAG_RE.finditer(text, pos, len(text) if line_end < 0 else line_end):
        if _opens_raw_block(tag):
            return tag
    return None


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


_TAG = r"<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])([^>]*)>?"
_TAG_RE = re.compile(_TAG)
_BLOCK_TAG_RE = re.compile(rf"^ {{0,3}}(?:<!--|{_TAG})", re.M)   # first on a line
_MARKDOWN_ATTR_RE = re.compile(r"""\smarkdown(?!\s*=\s*["']?0\b)(?=[\s=/]|\Z)""")
_VOID = frozenset(("hr",))


def _scan(markdown: str, *, raw: bool = False):
    """(marker, line index) of each marker line outside code and comments, and outside raw HTML
    blocks (with raw=True: of those inside them)."""
    if "<!--" not in markdown:
        return
    raw_lines = None
    for index, (line, kind) in enumerate(_classify(markdown)):
        if kind is not _TEXT or "<!--" not in line:
            continue
        prefix = _PREFIX_RE.match(line).group()
        found = _MARKER_RE.match(line, len(prefix))
        if found:
            if raw_lines is None:
                raw_lines = raw_html_lines(markdown)
            if (index + 1 in raw_lines) is raw:
                yield Marker(found.group(1), (found.group(2) or "").strip(), index + 1,
                             prefix), index


def _classify(markdown: str):
    """(line, what it is) for each line: _CODE (blank lines inside a code block too), _COMMENT
    (inside an HTML comment begun on an earlier line, up to the line that closes it),
    _CONTINUED (text indented four columns past its container that goes on with the paragraph
    above) or _TEXT."""
    fence = ""                    # the opening fence while inside fenced code
    containers = [0]              # content columns of the open admonitions, tabs and list items
    code_column = None            # the column of the indented code block we are in
    before = _BLANK               # what the line before was (_BLANK for the first)
    comment = False               # inside an HTML comment?
    for line in markdown.split("\n"):
        if comment:
            closed = line.find("-->")
            comment = closed < 0 or _unclosed(line[closed + 3:])
            before = _ENDED
            yield line, _COMMENT
            continue
        if line.startswith(_PREFIX_CHARS):
            prefix = _PREFIX_RE.match(line).group()
            rest = line[len(prefix):]
            column = _width(prefix)
        else:                                         # most lines: nothing before the text
            prefix, rest, column = "", line, 0
        if fence:
            closing = _FENCE_RE.match(rest) if rest.startswith(_FENCES) else None
            if closing and closing.group(1)[0] == fence[0] \
                    and len(closing.group(1)) >= len(fence) and not closing.group(2).strip():
                fence = ""
            yield line, _CODE
            continue
        if not rest.strip():
            before = _BLANK
            yield line, _TEXT if code_column is None else _CODE
            continue
        if code_column is not None and column >= code_column:
            yield line, _CODE                         # the indented code block goes on
            continue
        code_column = None
        while len(containers) > 1 and column < containers[-1]:
            containers.pop()                          # a line left of a container's content
        if column >= containers[-1] + 4:
            if before is _PARAGRAPH:                  # a lazy continuation line
                yield line, _CONTINUED
                continue
            code_column = containers[-1] + 4          # an indented code block begins
            yield line, _CODE
            continue
        opening = _FENCE_RE.match(rest) if rest.startswith(_FENCES) else None
        if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = opening.group(1)
            before = _PARAGRAPH       # superfences: what follows the fence goes on with it
            yield line, _CODE
            continue
        before = _kind_of_block(rest, before, column < 4 and ">" not in prefix)
        if before is _PARAGRAPH and (rest[0] in _BLOCK_STARTS or rest[0].isdecimal()) \
                and (_LIST_RE.match(rest) or _NOTE_RE.match(rest)):
            containers.append(column + 4)             # Python-Markdown indents content by 4
        elif before is _ENDED and rest[0] in "!?=" and _CONTAINER_RE.match(rest):
            containers.append(column + 4)
        if "<!--" in rest and rest[0] == "<" and column < 4 and ">" not in prefix \
                and _opens_comment(rest):
            comment = True
        yield line, _TEXT


def _kind_of_block(rest: str, before: str, top: bool) -> str:
    # _ENDED for a line that is a block of its own (a heading, a rule, a setext heading's
    # underline, an HTML comment, an admonition's, details' or tab's first line, an
    # abbreviation's or a link reference's definition, and, first on a line outside any `>` or
    # list marker (`top`), an HTML block's tag: Python-Markdown sets raw HTML off as a block),
    # else _PARAGRAPH: a line the next one can go on with.
    if rest[0] == "#" or (rest[0] in "-_*" and _RULE_RE.match(rest)) \
            or (before is _PARAGRAPH and rest[0] in "=-" and _UNDERLINE_RE.match(rest)) \
            or (rest.startswith("<!--") and rest.rstrip().endswith("-->")) \
            or (rest[0] in "!?=" and _CONTAINER_RE.match(rest)) \
            or (rest[0] in "*[" and _DEFINITION_RE.match(rest)) \
            or (top and rest[0] == "<" and _html_block_line(rest.rstrip())):
        return _ENDED
    return _PARAGRAPH


def _html_block_line(rest: str) -> bool:
    # A line that is an HTML block's tags and what they hold, nothing after them: `<div>x</div>`,
    # `<hr>`, `<div>` (closed on a later line), `</div>`.
    closing = _CLOSING_TAG_RE.match(rest)
    if closing is not None:
        return closing.end() == len(rest) and closing.group(1).lower() in BLOCK_LEVEL_ELEMENTS
    tag = _TAG_RE.match(rest)
    return tag is not None and tag.group(1).lower() in BLOCK_LEVEL_ELEMENTS \
        and _closing_tag_end(rest, tag.group(1).lower(), tag.end()) == len(rest)


def _opens_comment(rest: str) -> bool:
    # A line (its text after up to three spaces, outside any `>` or list marker) that opens an
    # HTML comment running on over the next lines, as Python-Markdown reads one: a comment or a
    # raw HTML block first on the line, and after it a comment that the line does not close.
    # Elsewhere (`Write \<!--`, `<!--` in a code span, in an attribute's value, after text) a
    # `<!--` is text, or a comment closed inside its paragraph.
    if not rest.startswith("<!--"):
        tag = _TAG_RE.match(rest)
        if tag is None or not _opens_raw_block(tag):
            return False
    return _unclosed(rest)


def _unclosed(text: str) -> bool:
    # A `<!--` in text that no `-->` after it closes (after a comment's or a raw block's end
    # Python-Markdown reads one there, in a code span too).
    start = text.rfind("<!--")
    return start >= 0 and text.find("-->", start + 4) < 0


def _width(prefix: str) -> int:
    # Columns of indentation; inside a block quote those after its last '>' and the one space
    # that belongs to it ("> > text" is a quote in a quote, not code indented by four).
    if ">" in prefix:
        after = prefix[prefix.rindex(">") + 1:].replace("\t", "    ")
        return len(after) - after.startswith(" ")
    return len(prefix.replace("\t", "    "))
