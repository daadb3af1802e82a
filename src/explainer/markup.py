"""Text from data files put into generated Markdown, so that it shows exactly as written.

`literal` is for Markdown text (headings, list items, link texts): characters that would start
markup are backslash-escaped, `<` and `&` written as entities. `entities` is for text inside a
raw HTML tag's attribute or content, where Markdown's backslash escapes do not apply.
"""
from __future__ import annotations

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
