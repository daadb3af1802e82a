"""Required citations: blocks of eight words or more that cite nothing.

A text pass over the page's Markdown, beside the scan (see scan.py for why): the marker it
places must sit in the editor's block, and the warning must name the editor's line.
"""
from __future__ import annotations

import re

from ..location import line_of
from .scan import DEFINITION_RE, Scan, inside

_MIN_WORDS = 8
_WORD_RE = re.compile(r"\w+")
_LIST_ITEM_RE = re.compile(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_TABLE_RULE_RE = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\Z")
EXEMPT_MARKS = {"de": "ohne-beleg", "en": "no-source"}     # either counts on any site
# The mark as attr_list reads it: the block's own last line (a table cell: the cell's end).
_EXEMPT = r"\{:?[ ]*[^}\n]*\.(?:ohne-beleg|no-source)\b[^}\n]*\}"
_EXEMPT_LINE_RE = re.compile(rf"\n[ \t>]*{_EXEMPT}[ \t]*\Z")
_EXEMPT_CELL_RE = re.compile(rf"[ ]{_EXEMPT}[ \t]*(?:\||\Z)")
# A line `[label]: target "title"`, a link reference definition ("[Update]: the government
# said …" is a paragraph).
_LABEL_RE = re.compile(r"[ \t>]*\[[^\[\]\n]+\]")


def exempt_mark(language: str) -> str:
    """The mark a site in this language writes for a block that needs no source."""
    return EXEMPT_MARKS.get(language[:2].lower(), EXEMPT_MARKS["en"])
_MARKUP_RE = re.compile(r"<!--[\s\S]*?-->"
                        r"|\]\([^)]*\)|<[^>]*>|`[^`]*`|\{:[^}]*\}|\[\^[^\]]*\]|https?://\S+")
_TITLE_RE = re.compile(r"[ \t]*(?:!!!|\?\?\?\+?)[ \t]")


def find_unsupported(text: str, found: Scan) -> list[tuple[int, int, int]]:
    """Blocks of eight words or more without a citation: (line, block offset, marker offset).

    Blocks are paragraphs, list items and table rows; headings, code, raw HTML blocks and
    comments, admonition titles, footnote, abbreviation and link definitions, blocks marked
    `{: .ohne-beleg }` (on their last line), and block quotes and lead-ins (ending in ':')
    whose next block cites are not flagged.
    """
    cited = [c.start for c in found.citations]
    skip = list(found.protected) + found.headings() + list(found.author_defs.values()) \
        + [(start, end) for start, end, _ in found.no_text]
    blocks = list(_blocks(text, skip, found.comments))
    result = []
    for index, (kind, start, end) in enumerate(blocks):
        chunk = text[start:end]
        if _exempt(chunk, kind) or any(start <= c < end for c in cited):
            continue
        if len(_WORD_RE.findall(_MARKUP_RE.sub(" ", chunk))) < _MIN_WORDS:
            continue
        # A quotation, or a lead-in ending in ':' ("Reuters nannte drei Gründe:"), is cited by
        # the block right after it.
        if (kind == "quote" or chunk.rstrip().endswith(":")) and index + 1 < len(blocks):
            following = blocks[index + 1]
            if any(following[1] <= c < following[2] for c in cited):
                continue
        result.append((line_of(text, start), start, _marker_offset(text, kind, end)))
    return result


def _blocks(text: str, skip, comments=()):
    """(kind, start, end) of each paragraph, list item, table row and quote, in order.

    An HTML comment is never text. One first on its line at the margin is a block of its own,
    as Python-Markdown reads it (text after it on its last line starts a paragraph); one
    indented (in a list, an admonition, a block quote) stands inside the paragraph around it."""
    lines = text.split("\n")
    comments = iter(comments)
    comment = next(comments, None)
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    current = None                          # [kind, start, end]
    in_table = False
    for number, line in enumerate(lines):
        start = offsets[number]
        end = start + len(line)
        stripped = line.strip()
        first = end - len(line.lstrip(" \t>"))
        while comment is not None and comment[1] <= first:
            comment = next(comments, None)
        if comment is not None and comment[0] <= first < comment[1]:
            after = comment[1] if comment[1] < end and text[comment[1]:end].strip() else None
            if comment[0] == 0 or text[comment[0] - 1] == "\n":     # a block of its own
                if current:
                    yield tuple(current)
                current = None if after is None else ["para", after, end]
                continue
            if after is None:
                continue                          # inside the paragraph around it
        if not stripped or inside(start, skip) or stripped.startswith("<!--") \
                or _TITLE_RE.match(line) or _is_definition(line):
            if current:
                yield tuple(current)
            current = None
            if not stripped:
                in_table = False
            continue
        if _TABLE_RULE_RE.match(line) and "-" in line and ("|" in line or in_table) \
                and current is not None and "|" in text[current[1]:current[2]]:
            in_table = True                  # the header row above is not flagged
            current = None
            continue
        if in_table:
            yield ("row", start, end)
            continue
        bare = stripped.lstrip(">").strip() if stripped.startswith(">") else None
        if bare is not None:
            if current and current[0] == "quote":
                current[2] = end
                continue
            if current:
                yield tuple(current)
            current = ["quote", start, end]
            continue
        if _LIST_ITEM_RE.match(line):
            if current:
                yield tuple(current)
            current = ["item", start, end]
            continue
        if current and not (current[0] == "quote"):
            current[2] = end
            continue
        if current:
            yield tuple(current)
        current = ["para", start, end]
    if current:
        yield tuple(current)


def _exempt(chunk: str, kind: str) -> bool:
    return (_EXEMPT_CELL_RE if kind == "row" else _EXEMPT_LINE_RE).search(chunk) is not None


def _is_definition(line: str) -> bool:
    label = _LABEL_RE.match(line)
    return label is not None and DEFINITION_RE.match(line, label.end()) is not None


def _marker_offset(text: str, kind: str, end: int) -> int:
    """Where the marker goes: after the block's last word, before a trailing `|` or `{: }`."""
    line_start = text.rfind("\n", 0, end) + 1
    line = text[line_start:end]
    cut = len(line.rstrip())
    attr = re.search(r"[ \t]*\{:[^}]*\}[ \t]*\Z", line)
    if attr:
        cut = attr.start()
    elif kind == "row" and line.rstrip().endswith("|"):
        cut = len(line.rstrip()) - 1
        while cut > 0 and line[cut - 1] in " \t":
            cut -= 1
    return line_start + cut

