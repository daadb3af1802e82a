"""The reference text of a source, as HTML in the site's language; every value escaped.

    Financial Times, „Russia pulls troops“, 16. Dezember 2024, S. 3; zitiert nach RIA.
"""
from __future__ import annotations

import html

from ..strings import Strings
from .registry import Source


def short_reference(source: Source) -> str:
    """The outlet or publisher, else the title: plain text."""
    fields = source.fields
    return fields.get("container-title") or fields.get("publisher") or fields.get("title") \
        or source.id


def format_reference(source: Source, registry: dict[str, Source], locator: str = "",
                     sources_href: str | None = None, *, strings: Strings,
                     full: bool = False) -> str:
    """Outlet, authors, title (linked), date, locator, "as cited in"; `full` adds what the
    sources page shows (publisher, date of access, note)."""
    fields = source.fields
    esc = html.escape
    parts = []
    outlet = fields.get("container-title") or fields.get("publisher")
    title = fields.get("title")
    url = fields.get("URL")
    names = fields.get("author")
    if outlet:
        parts.append(esc(outlet))
    if names:
        parts.append(esc(", ".join(names)))
    if title:
        quoted = strings.quoted(esc(title))
        parts.append(_link(url, quoted) if url else quoted)
    elif url and parts:
        parts[0] = _link(url, parts[0])
    if "issued" in fields:
        parts.append(esc(strings.date(fields["issued"])))
    if locator:
        parts.append(esc(locator))
    text = ", ".join(parts)
    if full and fields.get("publisher") and fields.get("container-title"):
        text += f" ({esc(fields['publisher'])})"
    if source.via and source.via in registry:
        via = esc(short_reference(registry[source.via]))
        if sources_href is not None:
            via = f'<a href="{esc(sources_href)}#{esc(source.via)}">{via}</a>'
        text += "; " + strings("citations.via", source=via)
    text += "."
    if full:
        if "accessed" in fields:
            text += " " + strings("citations.accessed", date=esc(strings.date(fields["accessed"])))
        if fields.get("note"):
            text += f" {esc(fields['note'])}"
    return text


def _link(url: str, label: str) -> str:
    return f'<a href="{html.escape(url)}" rel="noopener noreferrer">{label}</a>'
