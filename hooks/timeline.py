"""Timeline: render the dated events of timeline.yml as a vertical timeline, grouped by day.

An author writes `<!-- chronologie -->` on a line of its own. The events become Markdown (with
`[@key]` citations) before any other hook sees the page, so the citations hook turns them into
footnotes like any citation an author typed.
"""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from _markers import replace_lines_outside_fences

log = get_plugin_logger("timeline")

TIMELINE_FILE = "timeline.yml"

# Per build: the validated, sorted events (reset in on_config, mkdocs serve reuses the module).
_state: dict = {}


# Load and validate timeline.yml once per build.
def on_config(config):
    _state.clear()
    missing = [e for e in ("attr_list", "md_in_html") if e not in config.markdown_extensions]
    if missing:
        raise PluginError(f"hooks/timeline.py needs the Markdown extension(s) {', '.join(missing)} "
                          "in mkdocs.yml")
    _state["events"] = load_events(Path(config.config_file_path).parent / TIMELINE_FILE)
    return config


# The page's source is rewritten before it is read: every on_page_markdown (the citations hook's
# first) then sees the events as if the author had typed them. (Not on_page_read_source: MkDocs
# allows only one hook per build to use that event.)
def on_pre_page(page, /, *, config, files):
    source = page.file.content_string
    if MARKER_TEXT in source:
        page.file.content_string = replace_marker(source, render_markdown(_state["events"]))
    return page


# --- pure functions: data in, text out; unit-tested without MkDocs ---

MARKER_TEXT = "<!-- chronologie -->"
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]
# Qualifier -> first day of the month (month precision) or first month (year precision) it covers.
QUALIFIERS = {"Anfang": (1, 1), "Mitte": (11, 5), "Ende": (21, 9)}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_KEY = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_:.\-]*[A-Za-z0-9_])?$")


class _Loader(yaml.SafeLoader):
    """YAML without implicit dates: 2024-02-30 reaches parse_date as text, not as a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@dataclass(frozen=True)
class When:
    """A date of day, month or year precision, optionally 'Anfang', 'Mitte' or 'Ende'."""

    year: int
    month: int | None = None
    day: int | None = None
    approx: str | None = None

    @property
    def datetime(self) -> str:
        # A valid HTML date, month or year string, as precise as the date itself.
        parts = [f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v]
        return "-".join(parts)

    @property
    def first(self) -> datetime.date:
        """First day the date covers ('Mitte Dezember 2024': 11 December 2024)."""
        if self.day:
            return datetime.date(self.year, self.month, self.day)
        if self.month:
            return datetime.date(self.year, self.month, QUALIFIERS.get(self.approx, (1, 1))[0])
        return datetime.date(self.year, QUALIFIERS.get(self.approx, (1, 1))[1], 1)

    @property
    def last(self) -> datetime.date:
        """Last day the date covers ('Mitte Dezember 2024': 20 December 2024)."""
        if self.day:
            return self.first
        if self.month:
            end = calendar.monthrange(self.year, self.month)[1]
            return {"Anfang": self.first.replace(day=10), "Mitte": self.first.replace(day=20)
                    }.get(self.approx, datetime.date(self.year, self.month, end))
        month = {"Anfang": 4, "Mitte": 8}.get(self.approx, 12)
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def precision(self) -> int:
        return 3 if self.day else 2 if self.month else 1

    def german(self) -> str:
        text = f"{self.day}. " if self.day else ""
        text += f"{MONTHS[self.month - 1]} {self.year}" if self.month else str(self.year)
        return f"{self.approx} {text}" if self.approx else text


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
    def order(self) -> tuple:
        # The middle of the period covered (doubled to stay an integer), then the more precise.
        last = (self.until or self.when).last
        return (self.when.first.toordinal() + last.toordinal(), -self.when.precision, self.number)


def load_events(path: Path) -> list[Event]:
    """Read timeline.yml; broken entries stop the build, the events come back in date order.

    Entries may stand in any order in the file (an editor can append at the end): they are
    sorted by the middle of the period their date covers ("Dezember 2024" after "8. Dezember
    2024", "Anfang Dezember 2024" before it), at equal middles the more precise date first, then
    in file order.
    """
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{path.name}: cannot read ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise PluginError(f"{path.name}: expected a mapping with a list 'events'")
    events = [parse_event(path.name, number, entry)
              for number, entry in enumerate(data["events"], 1)]
    return sorted(events, key=lambda e: e.order)


def parse_event(file: str, number: int, entry) -> Event:
    where = f"{file}: event {number}"
    if not isinstance(entry, dict):
        raise PluginError(f"{where}: expected a mapping with date, text and sources")
    when = parse_date(f"{where} ({entry.get('date')})", "date", entry.get("date"),
                      entry.get("approx"))
    where = f"{file}: event {number} ({when.datetime})"
    unknown = sorted(set(entry) - {"date", "approx", "until", "text", "sources", "dating"})
    if unknown:
        raise PluginError(f"{where}, field '{unknown[0]}': unknown field")
    until = None
    if entry.get("until") is not None:
        until = parse_date(where, "until", entry["until"], None)
        if until.first <= when.last:
            raise PluginError(f"{where}, field 'until': must lie after 'date'")
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        raise PluginError(f"{where}, field 'text': missing or empty")
    sources = entry.get("sources")
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not sources:
        raise PluginError(f"{where}, field 'sources': every event needs at least one source key")
    for source in sources:
        if not isinstance(source, str) or not _KEY.match(source.partition(",")[0].strip()):
            raise PluginError(f"{where}, field 'sources': {source!r} is not a source key "
                              f"(write 'ft' or 'ft, Interview')")
    dating = entry.get("dating", "")
    if not isinstance(dating, str):
        raise PluginError(f"{where}, field 'dating': expected text")
    return Event(when, until, " ".join(text.split()), tuple(s.strip() for s in sources),
                 " ".join(dating.split()), number)


def parse_date(where: str, field: str, value, approx) -> When:
    """'2024-12-08', '2024-12' or '2024' (YAML may hand over a date or an int) -> When."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        value = value.isoformat()
    elif isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    match = _DATE.match(value) if isinstance(value, str) else None
    if not match:
        raise PluginError(f"{where}, field '{field}': expected YYYY-MM-DD, YYYY-MM or YYYY, "
                          f"got {value!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    if year < 1 or (month is not None and not 1 <= month <= 12) or (
            day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]):
        raise PluginError(f"{where}, field '{field}': {value!r} is not a date in the calendar")
    if approx is not None:
        if approx not in QUALIFIERS:
            raise PluginError(f"{where}, field 'approx': expected one of "
                              f"{', '.join(QUALIFIERS)}, got {approx!r}")
        if day is not None:
            raise PluginError(f"{where}, field 'approx': a day is exact; give a month or a year")
    return When(year, month, day, approx)


def render_markdown(events: list[Event]) -> str:
    """The timeline as Markdown: one heading per day (or month, year) and its events below."""
    lines = ['<div class="zeitleiste" markdown="1">', ""]
    groups: list[tuple[tuple, list[Event]]] = []
    for event in events:
        if groups and groups[-1][0] == event.group:
            groups[-1][1].append(event)
        else:
            groups.append((event.group, [event]))
    for (when, until), members in groups:
        lines += [f"## {_time(when, until)} {{#{_anchor(when, until)} .zeitleiste__datum}}", ""]
        for event in members:
            lines.append(f"- {event.text} {_citation(event.sources)}")
            if event.dating:
                lines += ["", f'    <span class="zeitleiste__datierung">Zur Datierung: '
                              f"{event.dating}</span>", ""]
        lines.append("")
    lines += ["</div>", ""]
    return "\n".join(lines)


def replace_marker(source: str, replacement: str) -> str:
    """Put the timeline where the marker line stands (outside fenced code)."""
    return replace_lines_outside_fences(
        source, lambda line, _number: replacement if line.strip() == MARKER_TEXT else None)


def _time(when: When, until: When | None) -> str:
    first = f'<time datetime="{when.datetime}">{when.german()}</time>'
    if until is None:
        return first
    return f'{first} bis <time datetime="{until.datetime}">{until.german()}</time>'


def _anchor(when: When, until: When | None) -> str:
    parts = ["datum", (when.approx or "").lower(), when.datetime]
    if until:
        parts += ["bis", until.datetime]
    return "-".join(p for p in parts if p)


def _citation(sources: tuple[str, ...]) -> str:
    return "[" + "; ".join(f"@{s}" for s in sources) + "]"
