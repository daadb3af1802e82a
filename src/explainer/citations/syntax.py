"""What one bracket means: `[@ft]`, `[@ft, S. 3]`, `[@ft; @ria]` (a minimal Pandoc subset).

The scanner hands the text between `[` and `]` to parse_bracket; a richer grammar (prefixes,
suppressed authors, braced keys) can replace this module without touching the scanner.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..rules import KEY


@dataclass(frozen=True)
class Cite:
    key: str
    locator: str = ""          # "S. 3"; "" when none
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False


_ITEM_RE = re.compile(r"\s*@(" + KEY + r")[-:.]*\s*(?:,\s*(.*?))?\s*\Z", re.S)


def parse_bracket(text: str) -> list[Cite] | None:
    """The cites in a bracket's text ('@ft, S. 3; @ria'); None when it is not a citation."""
    if not text.startswith("@"):
        return None
    cites = []
    for part in text.split(";"):
        item = _ITEM_RE.match(part)
        if item is None:
            return None
        cites.append(Cite(item.group(1), " ".join((item.group(2) or "").split())))
    return cites
