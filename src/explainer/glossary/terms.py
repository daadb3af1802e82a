"""The glossary table (glossary.yml): one entry per term, checked once per build.

    - term: Hmeimim                    the preferred form (the entry's heading)
      kind: place                      place, organisation, person, medium or term
                                       (German names accepted: Ort, Organisation, Person,
                                       Medium, Begriff)
      variants: [Chmeimim, Khmeimim]   other spellings, marked on pages like the term
      synonyms: [Luftwaffenbasis]      other words for it, for search only (not marked)
      short: Russischer Stützpunkt.    the tooltip
      explanation: Ein Flugplatz. [@ft]
      sources: [ft]                    cited after the explanation
      link: bases.md#Hmeimim           where the term is treated (first mentions link there)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from posixpath import normpath

from ..citations.scan import has_citation
from ..data import (DataError, expect_mapping, expect_text, expect_text_list, kind_of, load_yaml,
                    while_unchanged)
from ..markup import unsafe_links

KINDS = ("place", "organisation", "person", "medium", "term")
KIND_NAMES = {"ort": "place", "organisation": "organisation", "organization": "organisation",
              "person": "person", "medium": "medium", "media": "medium", "begriff": "term",
              **{kind: kind for kind in KINDS}}
GERMAN_KINDS = ("Ort", "Organisation", "Person", "Medium", "Begriff")
FIELDS = ("term", "kind", "short", "explanation", "variants", "synonyms", "link", "sources")


@dataclass(frozen=True, eq=False)
class Term:
    """One entry of glossary.yml, checked; never changed (a build that must change one makes
    a new one), so a table read once serves every hook and build while the file stays the
    same. Two terms are the same term only if they are the same object."""
    name: str
    kind: str                                      # one of KINDS
    short: str
    explanation: str
    variants: list[str] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    link_page: str = ""
    anchor: str = ""                               # of the link's heading, as toc makes it
    link_id: str = ""                              # the link's anchor as written
    glossary_anchor: str = ""
    number: int = 0                                # position in the file

    @property
    def key(self) -> str:
        return self.name

    @property
    def forms(self) -> list[str]:
        """What the matcher looks for on pages: the term and its variants."""
        return [self.name, *self.variants]

    @property
    def entry(self) -> str:
        """The entry in messages: "entry 'Hmeimim'"."""
        return f"entry '{self.name}'"


def load_terms(path: str | Path, slugify, shown: str = "glossary.yml") -> list[Term]:
    """Read and check glossary.yml; any problem is a DataError naming the entry and field."""
    data = load_yaml(path, shown)
    if data is None:
        return []
    if not isinstance(data, list):
        raise DataError(f"{shown}: expected a list of entries, each starting with '- term:', "
                        f"found {kind_of(data)}")
    terms = [check_entry(shown, n, entry, slugify) for n, entry in enumerate(data, 1)]
    _check_unique(shown, terms)
    return terms


def load_terms_file(path: Path, slugify, shown: str = "glossary.yml") -> tuple[Term, ...]:
    """load_terms of a file, read and checked once while the file stays the same (the glossary
    and the search hook share it within a build, and `mkdocs serve` across rebuilds)."""
    try:
        slug = _Slugify(slugify)
        hash(slug)
    except TypeError:
        return tuple(load_terms(path, slugify, shown))      # a slugify that is no key
    return _load_file(path, slug, shown)


@while_unchanged
def _load_file(path: Path, slug: _Slugify, shown: str) -> tuple[Term, ...]:
    return tuple(load_terms(path, slug.slugify, shown))


class _Slugify:
    """A slugify as a key: a config's `!!python/object/apply:pymdownx.slugs.slugify` is a new
    partial each time mkdocs.yml is loaded; the same function with the same options is the
    same slugify."""

    def __init__(self, slugify):
        self.slugify = slugify
        self.key = ((slugify.func, slugify.args, tuple(sorted(slugify.keywords.items())))
                    if isinstance(slugify, partial) else slugify)

    def __eq__(self, other):
        return isinstance(other, _Slugify) and self.key == other.key

    def __hash__(self):
        return hash(self.key)


def check_entry(shown: str, number: int, entry, slugify) -> Term:
    name = entry.get("term") if isinstance(entry, dict) else None
    label = f"entry '{name}'" if isinstance(name, str) and name.strip() else f"entry {number}"
    expect_mapping(entry, shown, label)
    for key in entry:
        if key not in FIELDS:
            raise DataError(f"{shown}: {label}: unknown field '{key}' (known: {', '.join(FIELDS)})")
    text = {key: expect_text(entry.get(key), shown, label, key, required=key != "link")
            for key in ("term", "kind", "short", "explanation", "link")}
    lists = {key: _text_list(entry.get(key), shown, label, key)
             for key in ("variants", "synonyms", "sources")}
    for source in lists["sources"]:
        if lists["sources"].count(source) > 1:
            raise DataError(f"{shown}: {label}, field 'sources': '{source}' is listed twice")
    kind = KIND_NAMES.get(text["kind"].casefold())
    if kind is None:
        raise DataError(f"{shown}: {label}, field 'kind': '{text['kind']}' is not one of "
                        f"{', '.join(GERMAN_KINDS)} (or {', '.join(KINDS)})")
    for problem in unsafe_links(text["explanation"]):
        raise DataError(f"{shown}: {label}, field 'explanation': {problem}")
    _check_link(text["link"] or "", shown, label)
    link_page, anchor = split_link(text["link"] or "", slugify)
    if text["link"] and not link_page:
        raise DataError(f"{shown}: {label}, field 'link': expected a page and optionally its "
                        f"heading, such as 'bases.md#Tartus', found '{text['link']}'")
    glossary_anchor = slugify(text["term"], "-")
    term = Term(name=text["term"], kind=kind, short=" ".join(text["short"].split()),
                explanation=text["explanation"], variants=lists["variants"],
                synonyms=lists["synonyms"], sources=lists["sources"], link_page=link_page,
                anchor=anchor or (glossary_anchor if not link_page else ""),
                link_id=(text["link"] or "").partition("#")[2].strip(),
                glossary_anchor=glossary_anchor, number=number)
    if link_page and not anchor:
        raise DataError(f"{shown}: {label}, field 'link': give a section, "
                        f"e.g. '{link_page}#{term.name}'")
    return term


def cited_in_tooltips(terms: list[Term], shown: str) -> list[str]:
    """A warning for each entry whose `short` cites: the tooltip is plain text, no footnote."""
    return [f"{shown}: {term.entry}, field 'short': a citation cannot stand in a tooltip; cite "
            f"in 'explanation' or 'sources'" for term in terms if has_citation(term.short)]


def _text_list(value, shown: str, label: str, key: str) -> list[str]:
    # A list, even of one: `variants: B` is refused (is it one spelling, or a typo?).
    if isinstance(value, str):
        raise DataError(f"{shown}: {label}, field '{key}': expected a list of non-empty strings "
                        f"(write [{value}])")
    return expect_text_list(value, shown, label, key)


_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//")


def _check_link(link: str, shown: str, label: str) -> None:
    # What split_link would misread: an address ('https:/…' as a page), a second '#'.
    if _ADDRESS.match(link.strip()):
        raise DataError(f"{shown}: {label}, field 'link': '{link}' is an address; a link must "
                        f"be a page of this site, such as 'bases.md#Tartus'")
    if link.count("#") > 1:
        raise DataError(f"{shown}: {label}, field 'link': '{link}' has more than one '#'; "
                        f"write the page and one heading, such as 'bases.md#Tartus'")


def split_link(link: str, slugify) -> tuple[str, str]:
    """"actors.md#Kamal Lababidi" -> the page and the anchor the toc extension makes from that
    heading; an anchor written as a slug already ("#kamal-lababidi") comes out unchanged."""
    page, _, heading = link.strip().partition("#")
    page = normpath(page) if page else ""
    return page, slugify(heading.strip(), "-") if heading.strip() else ""


def fold(text: str) -> str:
    """A spelling as the matcher compares it (white space collapsed, lower case): two spellings
    with the same fold are one."""
    return " ".join(text.split()).lower()


def _check_unique(shown: str, terms: list[Term]) -> None:
    owner: dict[str, tuple[Term, str]] = {}          # fold -> the entry and field with it
    for term in terms:
        for key, form in (("term", term.name), *(("variants", v) for v in term.variants)):
            other, its = owner.get(fold(form), (None, ""))
            if other is term and its == "term":
                raise DataError(f"{shown}: {term.entry}, field 'variants': '{form}' is the "
                                f"term itself (spellings match in any case); list other "
                                f"spellings only")
            if other is term:
                raise DataError(f"{shown}: {term.entry}, field '{key}': '{form}' is listed "
                                f"twice")
            if other is not None and key == "variants":
                raise DataError(f"{shown}: {term.entry}, field 'variants': '{form}' is already "
                                f"claimed by entry '{other.name}'")
            if other is not None and its == "term":
                # Two entries of one name: only their numbers tell them apart.
                raise DataError(f"{shown}: entry {term.number} ('{term.name}'), field 'term': "
                                f"'{form}' is already the term of entry {other.number} "
                                f"('{other.name}')")
            if other is not None:
                raise DataError(f"{shown}: {term.entry}, field 'term': '{form}' is already a "
                                f"variant of entry '{other.name}'")
            owner[fold(form)] = (term, key)
    # A synonym only helps search; one that is a spelling of an entry would send readers there.
    for term in terms:
        for synonym in term.synonyms:
            if fold(synonym) in owner:
                raise DataError(f"{shown}: {term.entry}, field 'synonyms': '{synonym}' is already "
                                f"a spelling of entry '{owner[fold(synonym)][0].name}'")
    anchors: dict[str, str] = {}
    for term in terms:
        if term.glossary_anchor in anchors:
            raise DataError(f"{shown}: {term.entry}, field 'term': its glossary anchor "
                            f"'#{term.glossary_anchor}' equals that of entry "
                            f"'{anchors[term.glossary_anchor]}'")
        if not term.glossary_anchor and "<" in term.name:
            raise DataError(f"{shown}: {term.entry}, field 'term': gives no anchor: a heading's "
                            f"anchor leaves out what looks like an HTML tag; write the name "
                            f"without '<' and '>'")
        if not term.glossary_anchor:
            raise DataError(f"{shown}: {term.entry}, field 'term': gives no anchor (it needs "
                            f"letters or digits)")
        anchors[term.glossary_anchor] = term.name
