"""The reference text of a source, as HTML in the site's language; every value escaped.

    Vgl. Financial Times, „Russia pulls troops“, 16. Dezember 2024, S. 3; zitiert nach RIA.
"""
from __future__ import annotations

import html

from ..markup import with_full_stop
from ..strings import Strings
from .affixes import Affixes
from .registry import DateRange, Source


def short_reference(source: Source) -> str:
    """The outlet or publisher, else the title: plain text."""
    fields = source.fields
    return fields.get("container-title") or fields.get("publisher") or fields.get("title") \
        or source.id


def short_reference_html(source: Source, strings: Strings) -> str:
    """short_reference as HTML: a title in its own language (see title_language)."""
    text = html.escape(short_reference(source))
    fields = source.fields
    if fields.get("container-title") or fields.get("publisher") or not fields.get("title"):
        return text
    return _in_language(text, title_language(source, strings))


def title_language(source: Source, strings: Strings) -> str | None:
    """The source's `language` when it is not the site's: its title is read by that language's
    rules (WCAG 3.1.2). Only the title: outlets are names, often written as the site writes
    them ("RIA Nowosti"); and not a description (is_description), written in the site's."""
    language = source.fields.get("language")
    if not language or _primary(language) == _primary(strings.requested) \
            or is_description(source.fields.get("title") or ""):
        return None
    return language


def is_description(title: str) -> bool:
    """A title in square brackets is the editor's description of the source, as a catalogue
    marks a title it supplied ("[Meldung über …]"): the source's own headline is not known. It
    is shown as written, brackets and all, without quotation marks."""
    return title.startswith("[") and title.endswith("]") and "[" not in title[1:-1] \
        and "]" not in title[1:-1]


def _primary(tag: str) -> str:
    return tag.replace("_", "-").split("-", 1)[0].casefold()


def format_reference(source: Source, registry: dict[str, Source], cite: Affixes = Affixes(),
                     sources_href: str | None = None, *, strings: Strings,
                     full: bool = False) -> str:
    """The citation's prefix, outlet, authors (unless suppressed), title (linked), date, its
    locator and suffix, "as cited in"; `full` adds what the sources page shows (publisher, date
    of access, note)."""
    fields = source.fields
    esc = html.escape
    parts = []
    outlet = fields.get("container-title") or fields.get("publisher")
    title = fields.get("title")
    url = fields.get("URL")
    names = fields.get("author")
    if outlet:
        parts.append(esc(outlet))
    if names and not cite.suppress_author:
        parts.append(esc(", ".join(names)))
    if title:
        shown = esc(title) if is_description(title) else strings.quoted(esc(title))
        language = title_language(source, strings)
        parts.append(_link(url, shown, language) if url else _in_language(shown, language))
    elif url and parts:
        parts[0] = _link(url, parts[0])
    if "issued" in fields:
        parts.append(esc(shown_date(fields["issued"], strings)))
    if cite.locator:
        parts.append(cite.locator)
    text = ", ".join(parts) + cite.suffix
    if cite.prefix:
        text = f"{cite.prefix} {text}"
    if full and fields.get("publisher") and fields.get("container-title"):
        text += f" ({esc(fields['publisher'])})"
    if source.via and source.via in registry:
        via = short_reference_html(registry[source.via], strings)
        if sources_href is not None:
            via = f'<a href="{esc(sources_href)}#{esc(source.via)}">{via}</a>'
        text += "; " + strings("citations.via", source=via)
    text = with_full_stop(text)                   # as citeproc: none after `?`, `*passim.*`
    if full:
        if "accessed" in fields:
            text += " " + strings("citations.accessed",
                                  date=esc(shown_date(fields["accessed"], strings)))
        if fields.get("note"):
            text += f" {esc(fields['note'])}"
    return text



def shown_date(date: tuple[int, ...] | DateRange | str, strings: Strings) -> str:
    """A registry date in the site's language: a date, a range, or a literal date as written."""
    if isinstance(date, str):
        return date
    if isinstance(date, DateRange):
        return strings.date_range(date.start, date.end)
    return strings.date(date)


def _link(url: str, label: str, language: str | None = None) -> str:
    lang = f' lang="{html.escape(language)}"' if language else ""
    return f'<a href="{html.escape(url)}" rel="noopener noreferrer"{lang}>{label}</a>'


def _in_language(text: str, language: str | None) -> str:
    return f'<span lang="{html.escape(language)}">{text}</span>' if language else text
