"""The entries of changes.yml: what was corrected or updated, where and when.

    - date: "2026-12-01"        the day of the change (YYYY-MM-DD)
      page: withdrawal.md       the page, as a path under docs/
      section: abzug-aus-damaskus   optional: the anchor of a heading on that page
      kind: correction          correction | update
      what: "What changed (inline Markdown)."
      why: "Optional: why."

Reading and checking is pure: data in, `Change`s or a DataError naming file, entry and field
out. Whether the page and anchor exist is checked once the site's files and pages are known.
"""
from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass
from typing import Callable, Collection, Iterable, Mapping

from ..citations.scan import has_citation, scan
from ..data import DataError, expect_list, expect_mapping, expect_text
from ..location import at_entry
from ..markup import escaped, in_code
from ..rules import DATE_RULE, DateError, did_you_mean, parse_date

KINDS = ("correction", "update")
FIELDS = ("date", "page", "section", "kind", "what", "why")


@dataclass(frozen=True)
class Change:
    """One logged correction or update."""

    number: int                 # position in changes.yml, from 1
    date: datetime.date
    page: str                   # src path under docs/: 'withdrawal.md'
    section: str | None         # heading anchor on that page, or None for the page as a whole
    kind: str                   # one of KINDS
    what: str                   # inline Markdown
    why: str | None             # inline Markdown

    @property
    def entry(self) -> str:
        """'entry 3 (2026-12-01)', as messages name it."""
        return f"entry {self.number} ({self.date.isoformat()})"


def parse_changes(data, shown: str) -> list[Change]:
    """The loaded YAML (a list of entries, or None for an empty file) as Changes, newest first."""
    if data is None:
        return []
    entries = expect_list(data, shown)
    changes = [parse_change(entry, number, shown) for number, entry in enumerate(entries, start=1)]
    check_duplicates(changes, shown)
    return newest_first(changes)


def check_duplicates(changes: Iterable[Change], shown: str) -> None:
    """DataError for an entry that repeats an earlier one: the page would show the same notice
    twice, and the list the same item."""
    seen: dict[tuple, Change] = {}
    for change in changes:
        # The same words are the same text, however the lines and spaces fall (as rendered).
        same = (change.date, change.page, change.section, change.kind,
                " ".join(change.what.split()))
        if same in seen:
            raise DataError(f"{at_entry(shown, change.entry)}: the same change as "
                            f"{seen[same].entry} (date, page, section, kind and what); "
                            "remove one of them")
        seen[same] = change


def parse_change(entry, number: int, shown: str) -> Change:
    """One entry, checked field by field; DataError names the entry (with its date) and field."""
    where = f"entry {number}"
    entry = expect_mapping(entry, shown, where)
    date = _date(entry.get("date"), shown, where)
    where = f"entry {number} ({date.isoformat()})"
    for field in entry:
        if field not in FIELDS:
            raise DataError(f"{at_entry(shown, where, field)}: unknown field"
                            f"{did_you_mean(field, FIELDS)}; fields are {', '.join(FIELDS)}")
    page = expect_text(entry.get("page"), shown, where, "page")
    section = expect_text(entry.get("section"), shown, where, "section", required=False)
    if section is not None and (section.startswith("#") or any(c.isspace() for c in section)):
        raise DataError(f"{at_entry(shown, where, 'section')}: {section!r} is not an anchor; "
                        "write the heading's anchor without '#', as in the page's address")
    kind = expect_text(entry.get("kind"), shown, where, "kind")
    if kind not in KINDS:
        raise DataError(f"{at_entry(shown, where, 'kind')}: {kind!r} is not a kind"
                        f"{did_you_mean(kind, KINDS)}; write {' or '.join(KINDS)}")
    what = expect_text(entry.get("what"), shown, where, "what")
    why = expect_text(entry.get("why"), shown, where, "why", required=False)
    return Change(number, date, page, section, kind, what, why)


def newest_first(changes: Iterable[Change]) -> list[Change]:
    """Newest day first; changes of one day in the order of the file."""
    return sorted(changes, key=lambda change: (-change.date.toordinal(), change.number))


def by_date(changes: list[Change]) -> list[tuple[datetime.date, list[Change]]]:
    """Newest-first changes grouped by their day."""
    return [(date, list(group))
            for date, group in itertools.groupby(changes, key=lambda change: change.date)]


def last_changed(changes: Iterable[Change]) -> dict[str, datetime.date]:
    """Each page named and the day of its latest change."""
    latest: dict[str, datetime.date] = {}
    for change in changes:
        if change.page not in latest or change.date > latest[change.page]:
            latest[change.page] = change.date
    return latest


def check_pages(changes: Iterable[Change], pages: Collection[str], shown: str) -> None:
    """DataError for the first change whose page is not one of `pages` (paths under docs/)."""
    for change in sorted(changes, key=lambda change: change.number):
        if change.page not in pages:
            under_docs = change.page.removeprefix("docs/")
            hint = (f" (paths are under docs/: write '{under_docs}')" if under_docs in pages
                    else did_you_mean(change.page, sorted(pages)))
            raise DataError(f"{at_entry(shown, change.entry, 'page')}: no page '{change.page}'"
                            f"{hint}")


def check_citations(changes: Iterable[Change], shown: str) -> list[str]:
    """A warning for each `what` or `why` that cites, has a footnote of its own (`[^1]`) or a
    link by reference (`[text][label]`): a notice has neither footnotes nor link references,
    and the text would show as typed."""
    warnings = []
    for change in sorted(changes, key=lambda change: change.number):
        for field in ("what", "why"):
            text = getattr(change, field) or ""
            if has_citation(text):
                warnings.append(f"{at_entry(shown, change.entry, field)}: citations belong on "
                                f"the page itself; cite on {change.page}")
            elif "[^" in text and (footnotes := _footnotes(text)):
                warnings.append(f"{at_entry(shown, change.entry, field)}: a notice has no "
                                f"footnotes, so {footnotes[0]!r} shows as typed; put the note on "
                                f"{change.page} itself")
            if "][" in text and (references := _references(text)):
                warnings.append(f"{at_entry(shown, change.entry, field)}: a notice has no link "
                                f"references, so {references[0].group()!r} shows as typed; "
                                f"write the link as [{references[0].group(1)}](address)")
    return warnings


def _references(text: str) -> list[re.Match]:
    # The links by reference of a text, '[text][label]' or '[text][]', outside code and escapes
    # (a lone '[sic]' is text in brackets).
    code = in_code(text)
    return [found for found in _REFERENCE.finditer(text)
            if not escaped(text, found.start())
            and not any(start <= found.start() < end for start, end in code)]


_REFERENCE = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n^]*\]")


def _footnotes(text: str) -> list[str]:
    # The footnote references and notes of a text, as written, outside code and escapes.
    found = scan(text)
    return [f"[^{label}]" for _, label in found.author_refs] + \
        [text[start:text.index("]", start) + 1] for start, _ in found.author_defs.values()]


def check_sections(changes: Iterable[Change], headings_of: Callable[[str], Collection[str]],
                   anchors_of: Callable[[str], Collection[str]], shown: str) -> list[str]:
    """A warning for each change whose section is not a heading's anchor on its page (a
    footnote's `fn:…` is an anchor, but no section a notice can stand below)."""
    warnings = []
    for change in sorted(changes, key=lambda change: change.number):
        if change.section is None:
            continue
        headings = headings_of(change.page)
        if change.section in headings:
            continue
        hint = did_you_mean(change.section, sorted(headings))
        where = at_entry(shown, change.entry, 'section')
        if change.section in anchors_of(change.page):
            warnings.append(f"{where}: '{change.section}' on {change.page} is no heading's "
                            f"anchor; a section is a heading{hint}")
        else:
            warnings.append(f"{where}: no anchor '{change.section}' on {change.page}{hint}")
    return warnings


def check_dates(changes: Iterable[Change], today: datetime.date, shown: str) -> list[str]:
    """A warning for each change dated after `today`, the day of the build: a typo (2062 for
    2026), since a change is logged once it is made."""
    return [f"{at_entry(shown, change.entry, 'date')}: {change.date.isoformat()} lies after the "
            f"day of this build ({today.isoformat()}); give the day the change was made"
            for change in sorted(changes, key=lambda change: change.number)
            if change.date > today]


def build_day(environ: Mapping[str, str], today: datetime.date) -> datetime.date:
    """The day of this build: today, or the day SOURCE_DATE_EPOCH names when that is later (a
    reproducible build sets it from its sources; a machine's clock can be wrong)."""
    try:
        epoch = int(environ.get("SOURCE_DATE_EPOCH", ""))
        day = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        return today
    return max(day, today)


def _date(value, shown: str, where: str) -> datetime.date:
    text = expect_text(value, shown, where, "date")
    try:
        date = parse_date(text)
    except DateError as error:                # a change has a day: no other form to suggest
        message = str(error).replace(DATE_RULE, _DAY_RULE)
        raise DataError(f"{at_entry(shown, where, 'date')}: {message}") from None
    if date.precision != 3:
        raise DataError(f"{at_entry(shown, where, 'date')}: {text!r} names no day; {_DAY_RULE}")
    return datetime.date(*date)


_DAY_RULE = "write the day of the change as YYYY-MM-DD"
