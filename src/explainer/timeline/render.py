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

from ..markup import without_html
from ..strings import Strings
from .events import Event, When

MARKERS = ("timeline", "chronologie")        # <!-- timeline --> (or the German name)


def render_markdown(events: list[Event], strings: Strings) -> str:
    lines = ["/// element | div.zeitleiste", ""]
    groups: dict[tuple, list[Event]] = {}           # one heading (one id) per date and end
    for event in events:
        groups.setdefault(event.group, []).append(event)
    for (when, until), members in groups.items():
        lines += [f"## {_time(when, until, strings)} {{#{_anchor(when, until, strings)} "
                  f".zeitleiste__datum}}", ""]
        for event in members:
            lines.append(f"- {without_html(event.text)} {_citation(event.sources)}")
            if event.dating:
                dating = strings("timeline.dating", text=without_html(event.dating))
                lines += ["", f'    <span class="zeitleiste__datierung">{dating}</span>', ""]
        lines.append("")
    lines += ["///", ""]
    return "\n".join(lines)


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
