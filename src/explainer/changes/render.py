"""Markup of the changes: the notice on a changed page, the list page, the JSON-LD.

Templates escape every value; the only markup passed through is the change texts' HTML from
`inline.py` (already safe) and the strings' own, filled with escaped values.
"""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup, escape

from ..markers import code_spans
from ..strings import Strings
from .entries import Change, by_date

MARKER = "changes"
_env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)

_NOTICE = _env.from_string(
    '<div class="aenderung" role="note"><strong>{{ label }}</strong> {{ what }}'
    '{% if list_url %} (<a href="{{ list_url }}">{{ all }}</a>){% endif %}</div>')

_ITEMS = _env.from_string("""\
<ul class="aenderungen">
{% for item in items %}
<li>
<p><strong>{{ item.kind }}:</strong> <a href="{{ item.url }}">{{ item.place }}</a></p>
<p>{{ item.what }}</p>
{% if item.why %}
<p class="aenderungen__grund">{{ item.why }}</p>
{% endif %}
</li>
{% endfor %}
</ul>""")


@dataclass(frozen=True)
class Item:
    """One change as the list page shows it (texts already rendered to safe HTML)."""

    kind: str
    url: str
    place: str          # 'Der Abzug, Abschnitt „Abzug aus Damaskus“' (plain text)
    what: Markup
    why: Markup | None


def notice(change: Change, what: Markup, list_url: str | None, strings: Strings) -> str:
    """'Korrigiert am 1. Dezember 2026: … (alle Änderungen)' as one block."""
    label = _filled(strings, f"changes.notice.{change.kind}", date=time(change.date, strings))
    return _NOTICE.render(label=label, what=what, list_url=list_url, all=strings("changes.all"))


def list_markdown(changes: list[Change], strings: Strings, *, title: bool = True) -> str:
    """The list page's Markdown: title (unless `title` is false: the page has its own), intro,
    a heading per day and a placeholder for its items.

    The items name the pages and sections by their titles, known only once every page is
    rendered; `placeholder(date)` marks where `items_html` goes then.
    """
    lines = [f"# {strings('changes.title')}", ""] if title else []
    lines += [strings("changes.intro"), ""]
    if not changes:
        lines += [strings("changes.none"), ""]
    for date, _group in by_date(changes):
        lines += [f"## {time(date, strings)} {{#{anchor(date)}}}", "",
                  *_placeholder_block(date), ""]
    return "\n".join(lines)


def has_title(markdown: str) -> bool:
    """Does the page have a title of its own, a heading of level 1 outside code (`# Changes`,
    also in an admonition; or underlined with `=`)? Then the list writes none: two would
    stand on the page."""
    if "#" not in markdown and "=" not in markdown:
        return False
    code = code_spans(markdown)
    return any(not any(start <= found.start() < end for start, end in code)
               for found in _TITLE_RE.finditer(markdown))


# A level-1 heading as Python-Markdown reads one: `#` first in its block (no space needed), or a
# line of text underlined with `=`.
_TITLE_RE = re.compile(r"^[ \t>]*#(?!#)|^[ \t>]*[^\s#=].*\n[ \t>]*=+[ \t]*$", re.M)


def items_html(items: list[Item]) -> str:
    return _ITEMS.render(items=items)


def place(page_title: str, section_title: str | None, strings: Strings) -> str:
    """'Der Abzug' or 'Der Abzug, Abschnitt „Abzug aus Damaskus“' (plain text)."""
    if section_title is None:
        return page_title
    return strings("changes.in_section", page=page_title, section=strings.quoted(section_title))


def time(date: datetime.date, strings: Strings) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(
        date.isoformat(), strings.date((date.year, date.month, date.day)))


def anchor(date: datetime.date) -> str:
    """The list page's anchor of a day: '2026-12-01'."""
    return date.isoformat()


def placeholder(date: datetime.date) -> str:
    """Where a day's items go: the HTML of its element block in list_markdown."""
    return f'<div class="aenderungen" data-tag="{anchor(date)}"></div>'


def _placeholder_block(date: datetime.date) -> list[str]:
    # An element block (explainer.html_blocks), not raw HTML: md_in_html reads a raw <div> only
    # at the top level of a page, and in an admonition or a list item the list stood in a <p>.
    return ["/// element | div.aenderungen", f'    attrs: {{data-tag: "{anchor(date)}"}}', "///"]


def json_ld(*, title: str, url: str | None, language: str, modified: datetime.date) -> str:
    """A schema.org WebPage with its dateModified, as a <script> block (nothing can close it)."""
    data = {"@context": "https://schema.org", "@type": "WebPage", "name": title}
    if url:
        data["url"] = url
    data |= {"inLanguage": language, "dateModified": modified.isoformat()}
    text = json.dumps(data, ensure_ascii=False, separators=(", ", ": "))
    for char, code in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, code)
    return f'<script type="application/ld+json">{text}</script>'


def _filled(strings: Strings, key: str, **values) -> Markup:
    # The string is ours (trusted markup); what fills it is escaped unless it is markup already.
    return Markup(strings(key, **{name: escape(value) for name, value in values.items()}))
