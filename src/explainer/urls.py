"""What a URL may hold as typed, one rule for every link the data files give (a source's URL,
a link in a change's text): what the HTML checker refuses in an href."""
from __future__ import annotations

import re

# What a URL may not hold as typed (the HTML checker refuses it): white space and controls,
# " < > \ ^ ` { | }, a % not before two hex digits; [ ] outside the host, a second #.
_NOT_IN_URL_RE = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f-\x9f]|%(?![0-9A-Fa-f]{2})')
_NOT_AFTER_HOST_RE = re.compile(_NOT_IN_URL_RE.pattern + r"|[\[\]]")
_AUTHORITY_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")


def valid_url(url: str) -> str:
    """url with what no URL may hold as typed percent-encoded: 'a?b="c"' -> 'a?b=%22c%22'."""
    authority = _AUTHORITY_RE.match(url)
    start = authority.end() if authority else 0
    before, hash_, fragment = url[start:].partition("#")
    rest = before + hash_ + fragment.replace("#", "%23")
    return (_NOT_IN_URL_RE.sub(_percent, url[:start])
            + _NOT_AFTER_HOST_RE.sub(_percent, rest))


def _percent(found: re.Match) -> str:
    return "".join(f"%{byte:02X}" for byte in found.group().encode())


def first_invalid(url: str) -> str | None:
    """The first character of url that valid_url would have to encode ('%' for a % not
    before two hex digits, '#' for a second one), or None."""
    authority = _AUTHORITY_RE.match(url)
    start = authority.end() if authority else 0
    found = _NOT_IN_URL_RE.search(url, 0, start) or _NOT_AFTER_HOST_RE.search(url, start)
    if found is not None:
        return found.group()[:1]
    return "#" if "#" in url[start:].partition("#")[2] else None
