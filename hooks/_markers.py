"""Shared by the hooks that put generated content where a page has a marker line.

Not a hook itself (it is not listed under `hooks:`); MkDocs puts this folder on the import path
while it loads a hook, so `from _markers import ...` works there.
"""
from __future__ import annotations

import re
from typing import Callable

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def replace_lines_outside_fences(markdown: str, replace: Callable[[str, int], str | None]) -> str:
    """Call replace(line, line_number) for each line outside fenced code blocks.

    A text it returns takes the line's place; None leaves the line as it is.
    """
    lines = markdown.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        result = replace(line, index + 1)
        if result is not None:
            lines[index] = result
    return "\n".join(lines)
