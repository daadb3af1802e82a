"""One rule for the two things every data file shares: keys and dates.

A key (a source id, an entry a page refers to) is a word: letters and digits of any script and
`_`, with a single `-`, `:` or `.` allowed between them (`ft`, `reuters-2024-12`, `al-watan:1`):
so every key is one Pandoc reads whole in a citation (`[@a--b]` cites `a`). A date is
ISO 8601 of day, month or year precision: `2024-12-09`, `2024-12`, `2024`. `2024-1-5` is not a
date anywhere (ISO writes two digits), and neither is `2024-02-30`.
"""
from __future__ import annotations

import calendar
import datetime
import re
from typing import NamedTuple

KEY = r"\w(?:[-:.]?\w)*"
_KEY_RE = re.compile(KEY + r"\Z")
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")

KEY_RULE = "use letters, digits and _ (between them also a single - : or .)"
DATE_RULE = "write YYYY-MM-DD, YYYY-MM or YYYY"


# Characters no HTML page may hold (C0 and C1 controls, DEL); tab and line ends are allowed.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character(text: str) -> str | None:
    """'U+0001' for the first control character in text (tab and line end allowed), else None:
    HTML forbids them, and a YAML escape ("\\x01") is the only way one gets in."""
    found = CONTROL_RE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


# A numeric character reference, as HTML reads one: &#65; or &#x41;.
_REFERENCE_RE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def forbidden_reference(html: str) -> str | None:
    """The first numeric character reference in html that HTML forbids, as "'&#0;' (U+0000)",
    else None: zero, a surrogate, beyond U+10FFFF, a noncharacter, a control character as
    control_character has them, and CR (as a reference it is no line end)."""
    return next((shown for _, shown in forbidden_references(html)), None)


def forbidden_references(html: str):
    """(offset, shown) of each numeric character reference in html that HTML forbids, shown
    as forbidden_reference shows it."""
    for found in _REFERENCE_RE.finditer(html) if "&#" in html else ():
        hexadecimal, decimal = found.groups()
        digits = (hexadecimal or decimal).lstrip("0")
        # Too many digits for any character (and for int(), past 4300 of them).
        number = (0x110000 if len(digits) > 8 else int(hexadecimal, 16) if hexadecimal
                  else int(decimal))
        if (number == 0 or number == 0x0D or 0xD800 <= number <= 0xDFFF or number > 0x10FFFF
                or 0xFDD0 <= number <= 0xFDEF or number & 0xFFFE == 0xFFFE
                or control_character(chr(number))):
            shown = found.group() if len(found.group()) <= 20 else found.group()[:16] + "…;"
            yield found.start(), (f"'{shown}' (U+{number:04X})" if number <= 0x10FFFF
                                  else f"'{shown}'")


def is_key(text) -> bool:
    """Is text a valid key?"""
    return isinstance(text, str) and _KEY_RE.match(text) is not None


class PartialDate(NamedTuple):
    """A date of day, month or year precision; month and day are None where not given."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> int:
        return 3 if self.day else 2 if self.month else 1

    @property
    def parts(self) -> tuple[int, ...]:
        return tuple(part for part in self if part is not None)

    @property
    def iso(self) -> str:
        """'2024-12-09', '2024-12' or '2024': also a valid HTML <time datetime>."""
        return "-".join([f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v])

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> datetime.date:
        month = self.month or 12
        return datetime.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])


class DateError(ValueError):
    """Not a date by the rule; the message says what is wrong, for the caller to place."""


def parse_date(value) -> PartialDate:
    """'2024-12-09', '2024-12', '2024' (or the year as a number) as a PartialDate; DateError else."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    match = _DATE_RE.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise DateError(f"{value!r} is not a date: {DATE_RULE}")
    return date_from_parts(tuple(int(g) for g in match.groups() if g), value)


def date_from_parts(parts: tuple[int, ...], shown=None) -> PartialDate:
    """(year[, month[, day]]) checked against the calendar."""
    shown = shown if shown is not None else "-".join(map(str, parts))
    if not 1 <= len(parts) <= 3 or parts[0] < 1:
        raise DateError(f"{shown!r} is not a date: {DATE_RULE}")
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1,
                      parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise DateError(f"{shown!r} is not a date in the calendar") from None
    return PartialDate(*parts)


def nearest(word: str, candidates) -> str | None:
    """The candidate closest in edit distance, if close enough to be a plausible typo."""
    best, best_distance = None, None
    lowered = word.lower()
    for candidate in candidates:
        distance = _edit_distance(lowered, candidate.lower())
        if best_distance is None or distance < best_distance:
            best, best_distance = candidate, distance
    if best is None or best_distance > max(1, min(len(word), len(best)) // 3):
        return None
    return best


def did_you_mean(word: str, candidates) -> str:
    """' (did you mean 'x'?)' for a close candidate, else ''."""
    hint = nearest(word, candidates)
    return f" (did you mean '{hint}'?)" if hint else ""


def _edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn a into b."""
    rows = [list(range(len(b) + 1))]
    for i, char_a in enumerate(a, start=1):
        row = [i]
        for j, char_b in enumerate(b, start=1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]
