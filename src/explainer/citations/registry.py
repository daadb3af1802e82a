"""The source registry (sources.yml): CSL-style entries, checked once per build.

Each entry has an `id` (the key authors cite, by the one key rule of `explainer.rules`), a CSL
`type` and CSL variables (title, container-title, issued, URL, ...), and optionally `via`: the
id of the source that reports it ("as cited in"). Problems name the file, the entry and the
field; a field CSL does not know is a warning, anything the build cannot use an error.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from ..data import DataError, as_text, kind_of, parse_yaml, read_text, while_unchanged
from ..location import shown_path
from ..options import data_file_option
from ..rules import (CONTROL_RE, DATE_RULE, KEY_RULE, DateError, PartialDate, date_from_parts,
                     did_you_mean, is_key, parse_date)
from ..urls import first_invalid
from .scan import has_citation


@dataclass(frozen=True)
class Source:
    id: str
    type: str
    fields: dict
    via: str | None = None


# CSL 1.0.2 variables (standard, number, date and name variables) and CSL-JSON's own; accepted
# without comment, checked by kind: text (numbers too: `issue: 4`), dates, names, structures.
CSL_VARIABLES = frozenset("""
abstract annote archive archive_collection archive_location archive-place authority call-number
chapter-number citation-key citation-label collection-number collection-title container-title
container-title-short dimensions division DOI edition event event-title event-place
first-reference-note-number genre ISBN ISSN issue jurisdiction keyword language license locator
medium note number number-of-pages number-of-volumes original-publisher original-publisher-place
original-title page page-first part-number part-title PMCID PMID printing-number publisher
publisher-place references reviewed-genre reviewed-title scale section source status
supplement-number title title-short URL version volume volume-title volume-title-short year-suffix
accessed available-date event-date issued original-date submitted
author chair collection-editor compiler composer container-author contributor curator director
editor editor-translator editorial-director executive-producer guest host illustrator interviewer
narrator organizer original-author performer producer recipient reviewed-author script-writer
series-creator translator
id type categories custom citation-number
""".split())
DATE_FIELDS = ("issued", "accessed", "available-date", "event-date", "original-date", "submitted")
NAME_FIELDS = frozenset("""
author chair collection-editor compiler composer container-author contributor curator director
editor editor-translator editorial-director executive-producer guest host illustrator
interviewer narrator organizer original-author performer producer recipient reviewed-author
script-writer series-creator translator
""".split())                                            # CSL 1.0.2's name variables
CSL_TYPES = frozenset("""
article article-journal article-magazine article-newspaper bill book broadcast chapter
classic collection dataset document entry entry-dictionary entry-encyclopedia event figure
graphic hearing interview legal_case legislation manuscript map motion_picture musical_score
pamphlet paper-conference patent performance periodical personal_communication post
post-weblog regulation report review review-book software song speech standard thesis treaty
webpage
""".split())
DEFAULT_TYPE = "document"
_OUR_FIELDS = frozenset(("via",))
_NEEDS_ONE_OF = ("title", "container-title", "publisher")
_STRUCTURED = {"categories": list, "custom": dict}      # CSL-JSON: a list of text, a mapping


def load_registry(text: str, shown: str = "sources.yml") -> tuple[dict[str, Source], list[str]]:
    """Parse and check registry YAML: the sources by id, and warnings to log.

    Raises DataError (a PluginError) naming the file, the entry (id or position) and the field.
    """
    data = parse_yaml(text, shown)
    if data is None:
        data = []
    if isinstance(data, dict) and set(data) == {"references"}:
        data = data["references"] or []
    if not isinstance(data, list):
        raise DataError(f"{shown}: expected a list of sources (or `references:` with a list), "
                        f"found {kind_of(data)}")
    warnings: list[str] = []
    sources: dict[str, Source] = {}
    for position, entry in enumerate(data, start=1):
        source = _check_entry(entry, position, shown, sources, warnings)
        sources[source.id] = source
    for source in sources.values():
        _check_via(source, sources, shown)
    return sources, warnings


def via_chain(key: str, sources: dict[str, Source]) -> list[str]:
    """The ids a source is cited through: `via`, its `via`, and so on."""
    chain = []
    current = sources.get(key)
    while current is not None and current.via and current.via not in chain:
        chain.append(current.via)
        current = sources.get(current.via)
    return chain


def _check_entry(entry, position: int, shown: str, known: dict, warnings: list) -> Source:
    label = f"entry #{position}"

    def fail(name: str, problem: str):
        raise DataError(f"{shown}: {label}, field '{name}': {problem}")

    if not isinstance(entry, dict):
        raise DataError(f"{shown}: {label}: expected a mapping of fields, found {kind_of(entry)}")
    if "id" not in entry or entry["id"] in (None, ""):
        fail("id", "missing (every source needs an id)")
    key = entry["id"]
    if not isinstance(key, (str, int)) or isinstance(key, bool):
        fail("id", f"must be text, found {kind_of(key)}")
    key = str(key)
    if not is_key(key):
        fail("id", f"'{key}' cannot be cited: {KEY_RULE}")
    label = f"entry '{key}' (#{position})"
    if key in known:
        fail("id", f"duplicate id '{key}'")
    if key.startswith("__"):
        fail("id", f"'{key}' starts with '__', as the theme's own ids do (Material's __drawer, "
                   f"__search, …); a source's id is its anchor on the sources page, where an id "
                   f"stands once: choose another id")
    fields: dict = {}
    for name, value in entry.items():
        if name not in CSL_VARIABLES and name not in _OUR_FIELDS:
            warnings.append(f"{shown}: {label}, field '{name}': unknown field"
                            f"{did_you_mean(name, sorted(CSL_VARIABLES | _OUR_FIELDS))}; ignored")
        elif name == "id" or value is None:
            continue
        elif name in DATE_FIELDS:
            fields[name] = _date(value, lambda problem: fail(name, problem))
        elif name in NAME_FIELDS:
            fields[name] = _names(value, lambda problem: fail(name, problem))
        elif name == "URL":
            fields[name] = _url(value, lambda problem: fail(name, problem))
        elif name == "language":
            fields[name] = _language(value, lambda problem: fail(name, problem))
        elif name in _STRUCTURED:
            fields[name] = _structured(value, _STRUCTURED[name],
                                       lambda problem: fail(name, problem))
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            fields[name] = _text(value, lambda problem: fail(name, problem))
        else:
            fail(name, f"expected text, found {kind_of(value)}")
    kind = fields.pop("type", DEFAULT_TYPE) or DEFAULT_TYPE
    if kind not in CSL_TYPES:
        warnings.append(f"{shown}: {label}, field 'type': unknown CSL type '{kind}'"
                        f"{did_you_mean(kind, sorted(CSL_TYPES))}")
    if not any(fields.get(name) for name in _NEEDS_ONE_OF):
        fail("title", "missing: give at least one of title, container-title, publisher")
    via = fields.pop("via", None)
    if via is not None and not is_key(via):
        fail("via", f"'{via}' is not a source id")
    return Source(id=key, type=kind, fields=fields, via=via)


def _check_via(source: Source, sources: dict[str, Source], shown: str) -> None:
    if source.via is None:
        return
    if source.via not in sources:
        raise DataError(f"{shown}: entry '{source.id}', field 'via': no source has the id "
                        f"'{source.via}'{did_you_mean(source.via, list(sources))}")
    seen = [source.id]
    current = sources[source.via]
    while current is not None:
        if current.id in seen:
            raise DataError(f"{shown}: entry '{source.id}', field 'via': cycle "
                            f"{' -> '.join(seen + [current.id])}")
        seen.append(current.id)
        current = sources.get(current.via) if current.via else None


class DateRange(NamedTuple):
    """A CSL date range (two dates in date-parts), each as precise as given."""

    start: tuple[int, ...]
    end: tuple[int, ...]


def _date(value, fail) -> tuple[int, ...] | DateRange | str:
    """A CSL date: (year,), (year, month) or (year, month, day) by the one date rule; a
    DateRange from date-parts with two dates; a `literal` date ("Winter 2024") as text."""
    try:
        if isinstance(value, dict):
            given = [key for key in _DATE_KEYS if key in value]
            other = [key for key in value if key not in _DATE_KEYS]
            if given and other:               # shown without it, the date would say more
                fail(_UNSHOWN_DATE_KEYS.get(str(other[0])) or (
                    f"'{other[0]}' is no part of a date{did_you_mean(str(other[0]), _DATE_KEYS)}"
                    f" (a date has date-parts, raw or literal)"))
            if len(given) > 1:                   # which one would the page show?
                fail(f"give a literal date or {' and '.join(given[:-1])}, not both"
                     if "literal" in value else "give date-parts or raw, not both")
            if "literal" in value:
                literal = value["literal"]
                if isinstance(literal, bool) or not isinstance(literal, (str, int, float)) \
                        or not str(literal).strip():
                    fail(f"'literal' is {kind_of(literal) if literal else 'empty'}: the date "
                         f"as text, such as 'Winter 2024'")
                return _text(literal, fail)
            if "date-parts" in value:
                return _date_parts(value["date-parts"], fail)
            if "raw" in value:
                raw = value["raw"]
                if isinstance(raw, bool) or not isinstance(raw, (str, int)):
                    fail(f"'raw' is {kind_of(raw)}: {DATE_RULE}")
                return parse_date(str(raw)).parts
            held = f"a mapping of {', '.join(map(str, value))}" if value else "an empty mapping"
            fail(f"{held} is no date: give date-parts, raw or literal, or {DATE_RULE}")
        if isinstance(value, dt.date):
            return (value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            fail(f"expected a date, found {kind_of(value)}: {DATE_RULE}, or give date-parts")
        return parse_date(value).parts
    except DateError as error:
        fail(str(error))


_DATE_KEYS = ("date-parts", "raw", "literal")
# CSL date keys the site does not show: a date without them would be more certain or more
# precise than the source.
_UNSHOWN_DATE_KEYS = {
    "circa": "'circa' is not shown on the site, and without it the date reads as exact: write "
             "the date as literal, such as 'um 2024' or 'circa 2024'",
    "season": "'season' is not shown on the site: write the date as literal, such as "
              "'Frühjahr 2024' or 'spring 2024'"}


def _date_parts(parts, fail) -> tuple[int, ...] | DateRange:
    """CSL date-parts: [[year, month, day]], or two such dates for a range."""
    shown = f"date-parts {_written(parts)}"
    if not isinstance(parts, list) or not parts or not all(isinstance(p, list) for p in parts):
        fail(f"{shown}: expected a list of one date (or two, for a range), each a list "
             f"[year, month, day]: date-parts: [[2024, 12, 16]]")
    if len(parts) > 2:
        fail(f"{shown}: {len(parts)} dates; give one date, or two for a range")
    dates = [_parts(date, shown, fail) for date in parts]
    if len(dates) == 1 or dates[0] == dates[1]:
        return dates[0]
    start, end = (PartialDate(*date) for date in dates)
    if start.first > end.last:
        fail(f"{shown}: the range ends before it starts")
    return DateRange(*dates)


def _parts(date: list, shown: str, fail) -> tuple[int, ...]:
    """One date of date-parts, checked against the calendar; its numbers may be written as
    text ("2024")."""
    if not 1 <= len(date) <= 3:
        fail(f"{shown}: a date is year, month and day ({DATE_RULE})")
    try:
        numbers = tuple(int(str(n)) for n in date if not isinstance(n, bool))
    except ValueError:
        numbers = ()
    if len(numbers) != len(date):
        fail(f"{shown}: expected numbers (year, month, day)")
    year, month, day = (numbers + (None, None))[:3]
    if year < 1:
        fail(f"{shown}: year {year} does not exist")
    if month is not None and not 1 <= month <= 12:
        fail(f"{shown}: month {month} does not exist")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        fail(f"{shown}: day {day} does not exist in {year}-{month:02d}")
    return date_from_parts(numbers).parts


def _written(value) -> str:
    """A YAML value of date-parts as written (lists in brackets), not as Python shows it."""
    if isinstance(value, list):
        return "[" + ", ".join(_written(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_written(item)}" for key, item in value.items()) + "}"
    return kind_of(value) if value is None or isinstance(value, bool) else str(value)


def _names(value, fail) -> tuple[str, ...]:
    """CSL names: a list of plain names or of {family, given, ...} ({literal} for a body)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for number, item in enumerate(items, start=1):
        which = f"name {number}" if isinstance(value, list) else "the name"
        if isinstance(item, str) and item.strip():
            names.append(_text(item, fail))
        elif isinstance(item, str):
            fail(f"expected names (text, or family and given), but {which} is empty")
        elif isinstance(item, dict):
            names.append(_name(item, which, fail))
        else:
            fail(f"expected names (text, or family and given), but {which} is {kind_of(item)}")
    return tuple(names)


def _name(item: dict, which: str, fail) -> str:
    parts = {}
    for part, value in item.items():
        if part not in _NAME_PARTS:
            if part in _UNSHOWN_NAME_PARTS:
                continue
            parts_known = sorted(_NAME_PARTS)
            fail(f"'{part}' of {which} is no part of a name{did_you_mean(str(part), parts_known)}"
                 f" (parts: {', '.join(parts_known)})")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            fail(f"expected names (text, or family and given), but '{part}' of {which} is "
                 f"{kind_of(value)}, not text")
        parts[part] = _text(value, fail)
    if parts.get("literal"):
        return parts["literal"]
    if not parts.get("family"):
        fail(f"expected names (text, or family and given), but {which} has no family (or "
             f"literal)")
    return " ".join(parts[part] for part in ("given", "dropping-particle",
                                             "non-dropping-particle", "family", "suffix")
                    if parts.get(part))


_NAME_PARTS = frozenset(("family", "given", "literal", "dropping-particle",
                         "non-dropping-particle", "suffix"))
# CSL-JSON's other name parts: accepted, not shown.
_UNSHOWN_NAME_PARTS = frozenset(("comma-suffix", "static-ordering", "parse-names"))


def _url(value, fail) -> str:
    if not isinstance(value, str):
        fail(f"expected an https URL, found {kind_of(value)}")
    url = value.strip()
    bad = first_invalid(url)
    if bad is not None:                  # they would end the href or make it invalid
        fail(f"'{_visible(url)}' is not an https URL: it holds {_what(bad)} where a URL may "
             f"not; write it percent-encoded (%20 for a space, %22 for \", %25 for %, %23 for "
             f"a second #)")
    try:
        parts = urlsplit(url)
        parts.port                       # urlsplit reads the port only when asked
    except ValueError as error:
        problem = ("its host in [ ] is no IPv6 address" if "IPv6" in str(error)
                   else "its port is not a number from 0 to 65535")
        fail(f"'{url}' is not an https URL: {problem}")
    if parts.scheme != "https" or not parts.hostname:
        fail(f"'{url}' is not an https URL")
    if "" in parts.hostname.rstrip(".").split("."):
        fail(f"'{url}' is not an https URL: its host '{parts.hostname}' has an empty part")
    return url


def _structured(value, kind: type, fail):
    """CSL-JSON's `categories` (a list of text) and `custom` (a mapping); neither is shown."""
    if kind is list:
        if not isinstance(value, list):
            fail(f"expected a list of text, found {kind_of(value)}")
        for number, item in enumerate(value, start=1):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                fail(f"expected a list of text, but item {number} is {kind_of(item)}")
        return tuple(_text(item, fail) for item in value)
    if not isinstance(value, dict):
        fail(f"expected a mapping, found {kind_of(value)}")
    return value


def _language(value, fail) -> str:
    """A BCP 47 language tag (`en`, `ru`, `en-GB`): it becomes the title's `lang` attribute."""
    tag = value.strip() if isinstance(value, str) else value
    if not isinstance(tag, str) or not _LANGUAGE_RE.fullmatch(tag):
        shown = f"'{_visible(tag)}'" if isinstance(tag, str) else kind_of(tag)
        hint = " (with '-', not '_')" if isinstance(tag, str) and "_" in tag else ""
        fail(f"{shown} is not a language tag: write a BCP 47 tag such as en, ru, ar or "
             f"en-GB{hint}")
    return tag


_LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _text(value, fail) -> str:
    """A text field, trimmed; a control character (which no HTML page may hold) is refused."""
    text = as_text(value)
    bad = CONTROL_RE.search(text)
    if bad is not None:
        fail(f"'{_visible(text)}' holds {_what(bad.group())}, which no page can show; remove it")
    if has_citation(text):
        fail("a source's text cannot cite (it would show as typed, '[@…]'); name the other "
             "source in words")
    return text




def _what(char: str) -> str:
    if char.isspace():
        return "white space"
    if CONTROL_RE.match(char):
        return f"a control character (U+{ord(char):04X})"
    return f"'{char}'"


def _visible(text: str) -> str:
    """text with its control characters written as U+XXXX, for a message."""
    return CONTROL_RE.sub(lambda found: f"U+{ord(found.group()):04X}", text)


def registry_path(config) -> Path:
    """Where mkdocs.yml says the registry is (extra.citations.registry, default sources.yml)."""
    return data_file_option(config, "citations", "registry", "sources.yml").resolve()


@while_unchanged
def load_registry_file(path: Path, shown: str) -> tuple[dict[str, Source], list[str]]:
    """load_registry of a file; read and checked once while the file stays the same (the
    citations hook and the features that cite share it within a build)."""
    return load_registry(read_text(path, shown), shown)


def site_keys(config) -> set[str] | None:
    """The ids of the site's registry, for features that cite (None: no registry to check)."""
    path = registry_path(config)
    if not path.is_file():
        return None
    return set(load_registry_file(path, shown_path(path, Path(config.config_file_path).parent))[0])


def check_cited(keys, known: set[str] | None, where: str) -> None:
    """DataError for the first key not in the registry: "<where>: unknown source 'x' (...)"."""
    if known is None:
        return
    for key in keys:
        if key not in known:
            raise DataError(f"{where}: unknown source '{key}'{did_you_mean(key, sorted(known))}")
