"""Theme markup: Material's page as the Nu checker accepts it (used by hooks/theme.py)."""
from __future__ import annotations

import re


def remove_checkbox_autocomplete(page_html: str) -> str:
    """Drop autocomplete from <input type="checkbox"> tags; every other tag stays as it is."""
    # The attribute is rare (Material writes it on its two toggles): look for it, not for every
    # tag of the page, and check the tag around each one.
    cuts = []
    for found in _AUTOCOMPLETE.finditer(page_html):
        space = found.start()                    # the white space before it goes too
        while space and page_html[space - 1].isspace():
            space -= 1
        start = page_html.rfind("<", 0, space)
        end = page_html.find(">", found.end())
        if space < found.start() and start != -1 and end != -1 and \
                _CHECKBOX.fullmatch(page_html, start, end + 1):
            cuts.append((space, found.end()))
    if not cuts:
        return page_html
    parts, position = [], 0
    for start, end in cuts:
        parts.append(page_html[position:start])
        position = end
    parts.append(page_html[position:])
    return "".join(parts)


_CHECKBOX = re.compile(r'<input\b[^<>]*\btype="checkbox"[^<>]*>')
_AUTOCOMPLETE = re.compile(r'autocomplete="[^"]*"')
