"""The events of timeline.yml, checked and in date order.

    events:
      - date: 2024-12-08          YYYY-MM-DD, YYYY-MM or YYYY (the one date rule)
        approx: mid               for a month or a year: early, mid, late
                                  (German: Anfang, Mitte, Ende)
        until: 2025-01            optional end of a period
        text: Assad flees.        Markdown; may cite with [@key]
        sources: [ft, "ria, S. 3"]
        dating: How the date was inferred.   optional
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from ..citations.syntax import parse_bracket
from ..data import (DataError, expect_list, expect_mapping, expect_text, kind_of, load_yaml,
                    while_unchanged)
from ..location import at_entry
from ..markup import escaped, in_code, unsafe_links
from ..rules import (DATE_RULE, DateError, PartialDate, did_you_mean,
                     is_key, parse_date as parse_iso)
from ..strings import Strings

# Qualifier -> (first day of the month it covers, last day; first month of the year, last).
QUALIFIERS = {"early": (1, 10, 1, 4), "mid": (11, 20, 5, 8), "late": (21, None, 9, 12)}
QUALIFIER_NAMES = {"anfang": "early", "mitte": "mid", "ende": "late",
                   **{name: name for name in QUALIFIERS}}
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
FIELDS = ("date", "approx", "until", "text", "sources", "dating")


@dataclass(frozen=True)
class When:
    """A date of day, month or year precision, optionally early, mid or late."""

    date: PartialDate
    approx: str | None = None            # one of QUALIFIERS

    @property
    def datetime(self) -> str:
        """A valid HTML date, month or year string, as precise as the date itself."""
        return self.date.iso

    @property
    def precision(self) -> int:
        return self.date.precision

    @property
    def first(self) -> datetime.date:
        """First day the date covers ('mid December 2024': 11 December 2024)."""
        year, month, day = self.date
        if day or not self.approx:
            return self.date.first
        first_day, _, first_month, _ = QUALIFIERS[self.approx]
        return datetime.date(year, month, first_day) if month else \
            datetime.date(year, first_month, 1)

    @property
    def last(self) -> datetime.date:
        """Last day the date covers ('mid December 2024': 20 December 2024)."""
        year, month, day = self.date
        if day or not self.approx:
            return self.date.last
        _, last_day, _, last_month = QUALIFIERS[self.approx]
        if month:
            return datetime.date(year, month, last_day) if last_day else self.date.last
        return PartialDate(year, last_month).last

    def text(self, strings: Strings) -> str:
        """'9. Dezember 2024', 'Mitte Dezember 2024', 'late 2024'."""
        shown = strings.date(self.date)
        return strings(f"timeline.{self.approx}", date=shown) if self.approx else shown


@dataclass(frozen=True)
class Event:
    when: When
    until: When | None
    text: str
    sources: tuple[str, ...]
    dating: str
    number: int

    @property
    def group(self) -> tuple:
        return (self.when, self.until)

    @property
    def entry(self) -> str:
        """The entry in messages: 'event 3 (2024-12-09)'."""
        return f"event {self.number} ({self.when.datetime})"

    @property
    def order(self) -> tuple:
        # The middle of the period covered (doubled to stay an integer), then the more precise,
        # then the earlier start and end: events of one group (one heading, one id) stand
        # together, whatever else shares their middle; within a group, file order.
        first, last = self.when.first.toordinal(), (self.until or self.when).last.toordinal()
        until = self.until.datetime if self.until else ""
        return (first + last, -self.when.precision, first, last, self.when.datetime,
                self.when.approx or "", until, self.number)


@while_unchanged                        # read again only once the file changes
def load_events(path: str | Path, shown: str = "timeline.yml") -> list[Event]:
    """Read timeline.yml; broken entries stop the build, the events come back in date order.

    Entries may stand in any order in the file (an editor can append at the end): they are
    sorted by the middle of the period their date covers ("December 2024" after "8 December
    2024", "early December 2024" before it), at equal middles the more precise date first, then
    the earlier start; events of the same date (and end) in file order.
    """
    data = load_yaml(path, shown)
    if data is None:
        return []
    if not isinstance(data, dict):
        raise DataError(f"{shown}: expected a mapping with a list 'events', found {kind_of(data)}")
    for key in data:                        # a misspelt list's events would be lost in silence
        if key != "events":
            raise DataError(f"{shown}: unknown key '{key}'{did_you_mean(key, ['events'])}; the "
                            f"file holds one list, 'events'")
    if "events" not in data:
        raise DataError(f"{shown}: expected a mapping with a list 'events', found an empty one")
    entries = expect_list(data["events"] or [], shown, None, "events")
    events = [parse_event(shown, number, entry) for number, entry in enumerate(entries, 1)]
    _check_duplicates(events, shown)
    return sorted(events, key=lambda e: e.order)


def _check_duplicates(events: list[Event], shown: str) -> None:
    # An event given twice would show twice (changes.yml and places.yml refuse theirs too).
    seen: dict[tuple, Event] = {}
    for event in events:
        same = (event.when, event.until, event.text, tuple(sorted(event.sources)))
        if same in seen:
            raise DataError(f"{at_entry(shown, event.entry)}: the same event as "
                            f"{seen[same].entry} (date, text and sources); remove one of them")
        seen[same] = event


def parse_event(shown: str, number: int, entry) -> Event:
    where = f"event {number}"
    expect_mapping(entry, shown, where)
    date = entry.get("date")
    when = parse_date(at_entry(shown, f"{where} ({date})" if isinstance(date, (str, int))
                               else where), "date", date, entry.get("approx"))
    where = f"event {number} ({when.datetime})"

    def fail(field: str, problem: str):
        raise DataError(f"{at_entry(shown, where, field)}: {problem}")

    unknown = [key for key in entry if key not in FIELDS]
    if unknown:
        fail(unknown[0], f"unknown field (known: {', '.join(FIELDS)})")
    until = None
    if entry.get("until") is not None:
        until = parse_date(at_entry(shown, where), "until", entry["until"], None)
        if until.first <= when.last:
            fail("until", "must lie after 'date'")
    text = expect_text(entry.get("text"), shown, where, "text")
    _check_text(text, fail, "text")
    sources = entry.get("sources")
    if isinstance(sources, str):
        if "," in sources:                  # two keys, or a key and its locator? Say which.
            fail("sources", f"'{sources}' is text, not a list: write [{sources}] for "
                            f"{len(sources.split(','))} sources, or ['{sources}'] for one "
                            f"source and where in it")
        sources = [sources]
    if not isinstance(sources, list) or not sources:
        fail("sources", "every event needs at least one source key")
    for source in sources:
        if not isinstance(source, str):
            fail("sources", f"expected a source key, found {kind_of(source)}")
        expect_text(source, shown, where, "sources")              # no control character
        if any(char in source for char in "[];"):
            fail("sources", f"'{source}': one source per item, a key and optionally ', ' and "
                            f"where in it, without brackets or ';' (write ['ft, S. 3', ria])")
        if source_key(source) is None:
            fail("sources", f"'{source}' is not a source key (write 'ft' or 'ft, Interview')")
    items = [source.strip() for source in sources]
    for source in items:
        if items.count(source) > 1:         # it would show as two notes side by side: "¹,¹"
            fail("sources", f"'{source}' is listed twice")
    dating = expect_text(entry.get("dating"), shown, where, "dating", required=False) or ""
    _check_text(dating, fail, "dating")
    return Event(when, until, " ".join(text.split()), tuple(s.strip() for s in sources),
                 " ".join(dating.split()), number)


def source_key(source: str) -> str | None:
    """The key of one `sources` item as the citation syntax reads `[@item]` ('ft',
    'ft, S. 3', 'buch{ii, A}', '{ft2024}, S. 2'); None for no single source without a prefix."""
    cites = parse_bracket("@" + source.strip())
    if cites is None or len(cites) != 1 or cites[0].prefix or not is_key(cites[0].key):
        return None
    return cites[0].key


def _check_text(text: str, fail, field: str) -> None:
    # An event is one list item of one line: a second paragraph would be joined to the first
    # in silence (the rule of changes.yml's texts: no blank lines). Its Markdown goes into the
    # page: no link that runs code, no image from elsewhere.
    paragraphs = len(_BLANK_LINE.split(text))
    if paragraphs > 1:
        fail(field, f"expected one paragraph, found {paragraphs} (no blank lines)")
    for problem in unsafe_links(text):
        fail(field, problem)


def borrowed_links(events: list[Event], labels: frozenset[str], page: str,
                   shown: str = "timeline.yml") -> list[str]:
    """A warning for each event text or dating that uses a link reference ('[text][label]',
    '[label]') the page showing the timeline defines (labels: lower case, as Markdown keys
    them): the link would lead wherever that page's definition says, out of sight of the
    event's own link check, and elsewhere the text would show as typed."""
    warnings = []
    for event in events if labels else ():
        for name in ("text", "dating"):
            value = getattr(event, name)
            code = in_code(value) if "[" in value else []
            for found in _BRACKET.finditer(value) if "[" in value else ():
                label = " ".join(found.group(1).split()).lower()
                if label in labels and not escaped(value, found.start()) and not any(
                        start <= found.start() < end for start, end in code):
                    warnings.append(f"{at_entry(shown, event.entry, name)}: '{found.group()}' "
                                    f"takes the link reference '[{label}]' that {page} "
                                    f"defines; write the link in the event itself, "
                                    f"[text](address)")
    return warnings


# A bracket a link reference may stand in ('[label]', the second of '[text][label]'), not an
# inline link's text ('[text](…)') nor a footnote.
_BRACKET = re.compile(r"\[(?!\^)([^\[\]\n]+)\](?!\()")


def parse_date(where: str, field: str, value, approx) -> When:
    """'2024-12-08', '2024-12' or '2024' (the year may be a number), with a qualifier -> When."""
    if value is None or isinstance(value, (bool, float, list, dict)):
        found = "no date" if value is None else f"expected a date, found {kind_of(value)}"
        raise DataError(f"{where}, field '{field}': {found} ({DATE_RULE})")
    try:
        date = parse_iso(value)
    except DateError as error:
        raise DataError(f"{where}, field '{field}': {error}") from None
    if approx is not None:
        qualifier = QUALIFIER_NAMES.get(str(approx).casefold())
        if qualifier is None:
            raise DataError(f"{where}, field 'approx': expected one of early, mid, late "
                            f"(or Anfang, Mitte, Ende), got {approx!r}")
        if date.day is not None:
            raise DataError(f"{where}, field 'approx': a day is exact; give a month or a year")
        approx = qualifier
    return When(date, approx)
