"""Theme markup: Material's page as the Nu checker accepts it (used by hooks/theme.py)."""
from __future__ import annotations

import re


def remove_checkbox_autocomplete(page_html: str) -> str:
    """Drop autocomplete from <input type="checkbox"> tags; every other tag stays as it is."""
    return _CHECKBOX.sub(lambda m: _AUTOCOMPLETE.sub("", m.group(0)), page_html)


_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')
