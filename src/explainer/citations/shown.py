"""The safety net after rendering: citation syntax a page shows as text, where the citations pass
and Python-Markdown read the page differently.

The pass (scan.py) follows the parser's rules, but where it takes a place for text that the
parser reads as code, our footnote label shows (`[^@ft]`); where it takes text for code, the
citation shows as typed (`[@ft]`). Either is reported with the page, the key and a line, never
left in silence. A bracket the pass left as text on purpose (escaped, or with a warning of its
own) is not reported again.
"""
from __future__ import annotations

import re
from collections import Counter

from ..location import line_of
from ..rules import KEY
from .footnotes import PageResult
from .scan import python_markdown


def may_show_citations(html: str) -> bool:
    """The quick test, on every page: only a page with `[^@`, `[@` or `[-@` is looked at."""
    return _MAY_SHOW_RE.search(html) is not None


# One pass for the three: `"[@" in html` is slow where every footnote id holds an `@`.
_MAY_SHOW_RE = re.compile(r"\[[\^-]?@")


def shown_as_text(html: str, result: PageResult, keys) -> list[tuple[int | None, str]]:
    """(line of the page's Markdown or None, message) for each of our footnote labels that
    shows in the page's HTML, and each citation of a key in `keys` (the registry) that shows
    as typed outside code; for a page may_show_citations found something on."""
    found = []
    source, scan = result.source, result.scan
    if "[^@" in html:
        first = {}
        for offset, label in result.uses:
            first.setdefault(label, offset)
        for label, key in result.keys.items():
            written = f"[^{label}]"
            if html.count(written) > source.count(written):
                at = first[label]
                bracket = next((source[c.start:c.end] for c in scan.citations if c.start == at),
                               f"[@{key}]")
                found.append((line_of(source, at),
                              f"citation '{bracket}' shows on the page as '{written}', not as a "
                              f"footnote: Python-Markdown reads that place as code or raw HTML, "
                              f"where the citations pass saw text; cite outside it"))
    text = _NOT_TEXT_RE.sub(" ", html)
    shown = Counter(m.group(1) for m in _TYPED_RE.finditer(text) if m.group(1) in keys)
    if shown and scan is not None:
        handled = {c.start for c in scan.citations} | set(scan.left)
        left = Counter(m.group(1) for m in (_TYPED_RE.match(source, at) for at in scan.left) if m)
        for key, count in shown.items():
            if count <= left[key]:
                continue
            line = _line_shown(source, key, handled)
            found.append((line, f"citation of '{key}' shows on the page as typed ('[@{key}…'), "
                                f"not as a footnote: Python-Markdown reads that place as text, "
                                f"where the citations pass saw code; close the code block or "
                                f"write \\[@{key}] for the text"))
    return sorted(found, key=lambda item: item[0] or 0)


def _line_shown(source: str, key: str, handled: set[int]) -> int | None:
    """The line of the first citation of key the pass did not handle that Python-Markdown shows
    as text, not as code: the page is rendered with a word of its own before each of them (a
    page with this warning only); None if it shows none of them."""
    starts = [m.start() for m in _TYPED_RE.finditer(source)
              if m.group(1) == key and m.start() not in handled]
    pieces, pos = [], 0
    for number, start in enumerate(starts):
        pieces += [source[pos:start], f"{_PROBE}{number}x"]
        pos = start
    html = python_markdown().reset().convert("".join(pieces) + source[pos:])
    shown = [int(found.group(1)) for found in _PROBE_RE.finditer(_NOT_TEXT_RE.sub(" ", html))]
    return line_of(source, starts[min(shown)]) if shown else None


_PROBE = "citationsshownprobe"
_PROBE_RE = re.compile(rf"{_PROBE}(\d+)x\[")
# A citation as typed, for its key: `[@ft`, `[-@ft`, `[@{ft}`.
_TYPED_RE = re.compile(rf"\[-?@\{{?({KEY})")
# What of a page's HTML is not its text: code, scripts, comments, tags.
_NOT_TEXT_RE = re.compile(r"<(pre|code|script|style)\b.*?</\1>|<!--.*?-->|<[^>]*>", re.S | re.I)
