"""What a reader sees from the machinery, in the site's language (mkdocs.yml `theme.language`).

Every reader-facing word the hooks write comes from here; `de` and `en` are complete, and a
test checks that both have the same keys. Dates and month names come from Babel's CLDR data
(installed with Material), never from a hand-kept table. A language without its own table
falls back to English (the hooks say so once per build).
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from string import Formatter

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, parse_pattern

from .rules import PartialDate

STRINGS: dict[str, dict[str, str]] = {
    "de": {
        # citations
        "citations.missing": "[Beleg fehlt]",
        "citations.missing_title": "Für diese Aussage fehlt ein Beleg.",
        "citations.unknown": "[Quelle {quoted} unbekannt]",
        "citations.unknown_title": "Quelle {key} fehlt in der Quellenliste",
        "citations.via": "zitiert nach {source}",
        "citations.accessed": "Abgerufen am {date}.",
        "citations.none_yet": "Noch keine Quellen eingetragen.",
        "citations.cited_on": "Zitiert auf: {pages}.",
        "citations.cited_nowhere": "Auf keiner Seite direkt zitiert.",
        "citations.basis_for": "Grundlage für: {sources}.",
        "citations.count": "{count}×",
        "citations.backlink_title": "Zurück zum Text (Fußnote %d)",
        "citations.backlink": "Zurück zum Text (Fußnote {number})",
        "citations.backlink_place": "Zurück zum Text (Fußnote {number}, Stelle {place})",
        "citations.group.news": "Presseberichte",
        "citations.group.interviews": "Interviews",
        "citations.group.broadcast": "Rundfunk und Fernsehen",
        "citations.group.statements": "Erklärungen und Reden",
        "citations.group.reports": "Berichte und Analysen",
        "citations.group.web": "Webseiten",
        "citations.group.other": "Weitere Quellen",
        "quote.open": "„",
        "quote.close": "“",
        # glossary
        "glossary.also": "auch: {forms}",
        "glossary.more": "Mehr zu {term}",
        "glossary.kind.place": "Ort",
        "glossary.kind.organisation": "Organisation",
        "glossary.kind.person": "Person",
        "glossary.kind.medium": "Medium",
        "glossary.kind.term": "Begriff",
        # search (a typo's correction, offered in the search results)
        "search.did_you_mean": "Meinten Sie {suggestion}?",
        # timeline
        "timeline.dating": "Zur Datierung: {text}",
        "timeline.until": "{start} bis {end}",
        "timeline.early": "Anfang {date}",
        "timeline.mid": "Mitte {date}",
        "timeline.late": "Ende {date}",
        "timeline.anchor": "datum",
        "timeline.anchor_until": "bis",
        "timeline.anchor.early": "anfang",
        "timeline.anchor.mid": "mitte",
        "timeline.anchor.late": "ende",
        # map (places' kinds)
        "map.kind.capital": "Hauptstadt",
        "map.kind.city": "Stadt",
        "map.kind.suburb": "Vorort",
        "map.kind.airbase": "Luftwaffenstützpunkt",
        "map.kind.naval": "Marinestützpunkt",
        "map.places": "Orte auf der Karte:",
        "map.also": "auch {names}",
        "map.description": "Karte: {title}, mit Ländergrenzen. Markiert: {places}. Dieselben "
                           "Orte stehen als Liste mit Links unter der Karte.",
        "map.credit": "Kartengrundlage: Natural Earth (gemeinfrei), Grenzen ohne "
                      "völkerrechtliche Aussage",
        # changes (corrections and updates)
        "changes.title": "Korrekturen und Aktualisierungen",
        "changes.intro": ("Was auf diesen Seiten berichtigt oder ergänzt wurde, das Neueste "
                          "zuerst. Eine Korrektur berichtigt einen Fehler, eine Aktualisierung "
                          "ergänzt, was seither bekannt geworden ist."),
        "changes.none": "Bisher wurde nichts korrigiert oder aktualisiert.",
        "changes.kind.correction": "Korrektur",
        "changes.kind.update": "Aktualisierung",
        "changes.notice.correction": "Korrigiert am {date}:",
        "changes.notice.update": "Aktualisiert am {date}:",
        "changes.all": "alle Änderungen",
        "changes.why": "Grund: {text}",
        "changes.in_section": "{page}, Abschnitt {section}",
        # theme templates (overrides/), through the Jinja global `explainer_strings`
        "theme.not_found": "Seite nicht gefunden",
        "theme.not_found_heading": "Seite nicht gefunden (Fehler 404)",
        "theme.not_found_text": ("Diese Adresse gibt es auf dieser Website nicht. Vielleicht "
                                 "wurde die Seite umbenannt oder der Link enthält einen "
                                 "Tippfehler."),
        "theme.not_found_next": "Weiter geht es mit dem {home} oder mit der Suche oben auf der "
                                "Seite.",
        "theme.home": "Überblick",
        "theme.note_dialog": "Beleg",
        "theme.og_locale": "de_DE",
        # preview
        "preview.title": "Die Vorschau kann nicht gebaut werden",
        "preview.fix": "Nach dem Speichern der Korrektur lädt diese Seite von selbst neu.",
    },
    "en": {
        "citations.missing": "[citation needed]",
        "citations.missing_title": "No source is given for this statement.",
        "citations.unknown": "[unknown source {quoted}]",
        "citations.unknown_title": "Source {key} is missing from the list of sources",
        "citations.via": "as cited in {source}",
        "citations.accessed": "Retrieved {date}.",
        "citations.none_yet": "No sources yet.",
        "citations.cited_on": "Cited on: {pages}.",
        "citations.cited_nowhere": "Not cited directly on any page.",
        "citations.basis_for": "Basis for: {sources}.",
        "citations.count": "{count}×",
        "citations.backlink_title": "Back to the text (footnote %d)",
        "citations.backlink": "Back to the text (footnote {number})",
        "citations.backlink_place": "Back to the text (footnote {number}, reference {place})",
        "citations.group.news": "News reports",
        "citations.group.interviews": "Interviews",
        "citations.group.broadcast": "Radio and television",
        "citations.group.statements": "Statements and speeches",
        "citations.group.reports": "Reports and analyses",
        "citations.group.web": "Web pages",
        "citations.group.other": "Other sources",
        "quote.open": "“",
        "quote.close": "”",
        "glossary.also": "also: {forms}",
        "glossary.more": "More on {term}",
        "glossary.kind.place": "Place",
        "glossary.kind.organisation": "Organisation",
        "glossary.kind.person": "Person",
        "glossary.kind.medium": "Media outlet",
        "glossary.kind.term": "Term",
        "search.did_you_mean": "Did you mean {suggestion}?",
        "timeline.dating": "On the dating: {text}",
        "timeline.until": "{start} to {end}",
        "timeline.early": "early {date}",
        "timeline.mid": "mid-{date}",
        "timeline.late": "late {date}",
        "timeline.anchor": "date",
        "timeline.anchor_until": "to",
        "timeline.anchor.early": "early",
        "timeline.anchor.mid": "mid",
        "timeline.anchor.late": "late",
        "map.kind.capital": "Capital",
        "map.kind.city": "City",
        "map.kind.suburb": "Suburb",
        "map.kind.airbase": "Air base",
        "map.kind.naval": "Naval base",
        "map.places": "Places on the map:",
        "map.also": "also {names}",
        "map.description": "Map: {title}, with country borders. Marked: {places}. The same "
                           "places are listed with links below the map.",
        "map.credit": "Base map: Natural Earth (public domain); borders imply no view on "
                      "their legal status",
        "changes.title": "Corrections and updates",
        "changes.intro": ("What has been corrected or added on these pages, newest first. A "
                          "correction fixes a mistake; an update adds what has become known "
                          "since."),
        "changes.none": "Nothing has been corrected or updated so far.",
        "changes.kind.correction": "Correction",
        "changes.kind.update": "Update",
        "changes.notice.correction": "Corrected on {date}:",
        "changes.notice.update": "Updated on {date}:",
        "changes.all": "all changes",
        "changes.why": "Reason: {text}",
        "changes.in_section": "{page}, section {section}",
        "theme.not_found": "Page not found",
        "theme.not_found_heading": "Page not found (error 404)",
        "theme.not_found_text": ("This address does not exist on this website. Perhaps the page "
                                 "was renamed, or the link has a typo."),
        "theme.not_found_next": "Continue with the {home} or with the search at the top of the "
                                "page.",
        "theme.home": "overview",
        "theme.note_dialog": "Source",
        "theme.og_locale": "en_US",
        "preview.title": "The preview cannot be built",
        "preview.fix": "Once the fix is saved, this page reloads by itself.",
    },
}
FALLBACK = "en"


@dataclass(frozen=True)
class Strings:
    """The strings and date formats of one language."""

    language: str           # the table used ('de', 'en')
    requested: str          # what mkdocs.yml asked for ('de_CH', 'fr', ...)

    @property
    def is_fallback(self) -> bool:
        return self.language != _base(self.requested)

    def __call__(self, name: str, /, **values) -> str:
        """The string `name`, its {placeholders} filled with `values` (already escaped if HTML)."""
        return STRINGS[self.language][name].format(**values)

    def date(self, date: PartialDate | tuple[int, ...]) -> str:
        """A date as precise as given: '9. Dezember 2024', 'Dezember 2024', '2024'."""
        if not isinstance(date, PartialDate):
            date = PartialDate(*date)
        return _format(_babel_locale(self.requested, self.language), date.year, date.month,
                       date.day)

    def date_range(self, start: PartialDate | tuple[int, ...],
                   end: PartialDate | tuple[int, ...]) -> str:
        """Two dates as the language writes a range: '1.–15. Dezember 2024', 'December 1 –
        15, 2024', 'November–Dezember 2024', '2023–2024' (CLDR's interval formats)."""
        start, end = (d if isinstance(d, PartialDate) else PartialDate(*d) for d in (start, end))
        return _interval(_babel_locale(self.requested, self.language), start, end)

    def quoted(self, text: str) -> str:
        return f"{self('quote.open')}{text}{self('quote.close')}"


def for_language(language: str | None) -> Strings:
    """Strings for mkdocs.yml's theme.language ('de', 'en', 'en_GB', 'de-AT'; default 'en')."""
    requested = (language or FALLBACK).replace("-", "_")
    base = _base(requested)
    return Strings(language=base if base in STRINGS else FALLBACK, requested=requested)


def for_config(config) -> Strings:
    """Strings for a MkDocs config's theme.language (Material), else theme.locale (MkDocs)."""
    theme = config.get("theme")
    language = None
    if theme is not None:
        language = theme.get("language") or theme.get("locale")
    return for_language(str(language) if language else None)


def placeholders(key: str, language: str) -> set[str]:
    """The {names} a string expects (tests check that every language has the same ones)."""
    return {name for _, name, _, _ in Formatter().parse(STRINGS[language][key]) if name}


def sort_key(text: str) -> tuple[str, str]:
    """Dictionary order (DIN 5007-1 for German): letters with accents sort with their base
    letter, ß as ss; case only breaks ties."""
    base = text.replace("ß", "ss").replace("ẞ", "SS")
    base = "".join(c for c in unicodedata.normalize("NFD", base) if not unicodedata.combining(c))
    return base.casefold(), text


def _base(language: str) -> str:
    return language.split("_", 1)[0].lower()


@lru_cache(maxsize=64)
def _babel_locale(requested: str, language: str) -> str:
    # The requested variant where Babel knows it ('de_AT' writes 'Jänner'), else the table's
    # language (a site in French gets English strings and English dates, not a mix).
    if _base(requested) != language:
        return language
    try:
        Locale.parse(requested)
    except (ValueError, UnknownLocaleError):
        return language
    return requested


@lru_cache(maxsize=256)
def _interval(language: str, start: PartialDate, end: PartialDate) -> str:
    # CLDR's interval pattern for the first field that differs, with the month as wide as in a
    # single date ('Dezember', not the pattern's 'Dez.'); dates of unlike precision, or a
    # locale without the pattern: CLDR's fallback, "{0}–{1}" of the two dates.
    locale = Locale.parse(language)
    formats = locale.interval_formats
    single = (_format(language, *start), _format(language, *end))
    skeleton = {3: "yMMMd", 2: "yMMMM", 1: "y"}[start.precision]
    if start.precision != end.precision or skeleton not in formats:
        return formats.get(None, "{0}–{1}").format(*single)
    first, last = start.first, end.first
    differs = ("y" if first.year != last.year else "M" if first.month != last.month else "d")
    patterns = formats[skeleton].get(differs)
    if patterns is None:
        return formats.get(None, "{0}–{1}").format(*single)
    return "".join(parse_pattern(_WIDE_MONTH_RE.sub("MMMM", pattern)).apply(date, locale)
                   for pattern, date in zip(patterns, (first, last)))


_WIDE_MONTH_RE = re.compile(r"(?<!M)MMM(?!M)")


@lru_cache(maxsize=1024)
def _format(language: str, year: int, month: int | None, day: int | None) -> str:
    if day:
        return format_date(datetime.date(year, month, day), "long", locale=language)
    if month:
        return format_skeleton("yMMMM", datetime.date(year, month, 1), locale=language)
    return str(year)
