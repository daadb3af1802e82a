"""The timeline as Markdown: one heading per day (or month, year, period), its events below.

The events' citations stay `[@key]`: the citations hook, which reads the page after the
timeline is in it, turns them into footnotes like any citation an author typed. Event texts
are Markdown; `<` and `&` in them show as written.

The wrapper is an element block (explainer.html_blocks, `/// element | div.zeitleiste`), not a
raw `<div markdown="1">`: md_in_html reads raw HTML only at the top level of a page, so in an
admonition or a list item the attribute stayed in the output and the div was inline HTML.
The block is parsed wherever a Markdown block can stand.
"""
from __future__ import annotations

import re

from ..location import Generated, at_entry
from ..markup import without_html
from ..strings import Strings
from .events import Event, When

MARKERS = ("timeline", "chronologie")        # <!-- timeline --> (or the German name)


def render_markdown(events: list[Event], strings: Strings,
                    shown: str = "timeline.yml") -> Generated:
    """The timeline's Markdown; each event's lines know their entry of `shown` (the file)."""
    lines: list[tuple[str, str | None]] = [("/// element | div.zeitleiste", None), ("", None)]
    groups: dict[tuple, list[Event]] = {}           # one heading (one id) per date and end
    for event in events:
        groups.setdefault(event.group, []).append(event)
    for (when, until), members in groups.items():
        lines += [(f"## {_time(when, until, strings)} {{#{_anchor(when, until, strings)} "
                   f".zeitleiste__datum}}", None), ("", None)]
        for event in members:
            # text and sources share the item's line: the entry, no field
            lines.append((f"- {_inline(without_html(event.text))} {_citation(event.sources)}",
                          at_entry(shown, event.entry)))
            if event.dating:
                dating = strings("timeline.dating", text=without_html(event.dating))
                lines += [("", None), (f'    <span class="zeitleiste__datierung">{dating}</span>',
                                       at_entry(shown, event.entry, "dating")), ("", None)]
        lines.append(("", None))
    lines += [("///", None), ("", None)]
    return Generated(lines)


# What would make an event's text, standing first in its list item, a block of its own: a
# heading, a quote, a list, a rule, an admonition, details, an element block, tabs, an
# abbreviation's definition, a link's or a footnote's definition ('[x]: …', '[^1]: …').
_BLOCK_START = re.compile(r"[#>]|!{3}|[-+*](?=[ \t]|\Z)|\d{1,9}(?=[.)](?:[ \t]|\Z))|"
                          r"(?:[-*_][ ]{0,2}){3,}\Z|\?{3}|/{3}|={3}|\*(?=\[)|"
                          r"\[(?=[^\]\n]*\]:)")
_NOT_ESCAPED = {"?": "&#63;", "/": "&#47;", "=": "&#61;"}   # no backslash escape for these


def _inline(text: str) -> str:
    """An event's text shown as written where it starts like a block ('1. Division rückt vor',
    '- Strich', '# Titel'): the marker's first character (a number's dot) is escaped. A last
    backslash ('Pfad C:\\') is escaped too: the citations hook puts the footnote right after
    the text, and the backslash would escape its '['."""
    if text.endswith("\\") and (len(text) - len(text.rstrip("\\"))) % 2:
        text += "\\"
    found = _BLOCK_START.match(text)
    if found is None:
        return text
    if found.group()[:1].isdecimal():
        end = found.end()
        return f"{text[:end]}\\{text[end:]}"
    return _NOT_ESCAPED.get(text[0], "\\" + text[0]) + text[1:]


def _time(when: When, until: When | None, strings: Strings) -> str:
    first = f'<time datetime="{when.datetime}">{when.text(strings)}</time>'
    if until is None:
        return first
    return strings("timeline.until", start=first,
                   end=f'<time datetime="{until.datetime}">{until.text(strings)}</time>')


def _anchor(when: When, until: When | None, strings: Strings) -> str:
    parts = [strings("timeline.anchor"),
             strings(f"timeline.anchor.{when.approx}") if when.approx else "", when.datetime]
    if until:
        parts += [strings("timeline.anchor_until"), until.datetime]
    return "-".join(p for p in parts if p)


def _citation(sources: tuple[str, ...]) -> str:
    return "[" + "; ".join(f"@{s}" for s in sources) + "]"
