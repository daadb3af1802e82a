"""Search: what Material's search index knows beyond the words on the page.

Material's search plugin indexes each section of a page (its title and text) and ranks the
fields named in its documented `fields` option. This module adds two fields to each section,
computed from the table of names (glossary.yml), so that a reader finds a section by any name
a reader may type, while the page itself shows only what the author wrote:

- `home`, ranked three times a title: the one-word spellings and synonyms of the terms whose
  `link` leads to the section (a multi-word name's "al" or "russische" would pull it up for
  any query with that word), so that the section that treats a name comes before those that name it in
  their titles ("Der Sturz Assads" after "Baschar al-Assad");
- `alias`, ranked like a title: every spelling and synonym of the terms the section's title
  names or that are listed there (the term's glossary entry, the sources page for an outlet),
  and the umlaut-free spellings of the title's words;
- `spelling`, ranked like text: every spelling and synonym of the terms the text mentions that
  the text does not already contain, and the umlaut-free spellings of its words
  ("Stützpunkte" -> "Stutzpunkte", "Stuetzpunkte").

Typos are not handled here: the browser corrects a word that matches nothing against the words
of this same index (overrides/assets/javascripts/search.js), so no extra data is needed for them.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

# The fields this module fills, as the search plugin's `fields` option spells them: a home
# counts three titles, an alias like a title (Material's default title boost), a spelling like
# a word of the text.
FIELDS = {"home": {"boost": 3e3}, "alias": {"boost": 1e3}, "spelling": {"boost": 1.0}}

# Where words end, for a site whose mkdocs.yml sets no `separator` for the search plugin: white
# space, hyphens, and punctuation that is never part of a word, typographic quotes too (the
# theme's German default splits only at spaces and hyphens, so „Gesprächen“ was one word with
# its quote and a search for "Gesprächen" missed it); a full stop unless a digit follows ("4.").
SEPARATOR = r'[\s\-,;:!?()\[\]{}"„“”‚‘«»/]+|\.(?!\d)'


@dataclass(frozen=True)
class Name:
    """What search knows about one term of the table of names."""

    spellings: tuple[str, ...]   # the term, its variants and its synonyms
    # Worked out once per build, not for each section that mentions the term: every spelling
    # with its umlaut-free forms, each with the set of its words in lower case (as the index);
    # the same forms as text, and those of one word.
    forms: tuple[tuple[str, frozenset[str]], ...] = field(init=False, repr=False, compare=False)
    texts: tuple[str, ...] = field(init=False, repr=False, compare=False)
    one_words: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        forms = tuple((form, frozenset(word.lower() for word in _WORD.findall(form)))
                      for form in _all_spellings(self))
        object.__setattr__(self, "forms", forms)
        object.__setattr__(self, "texts", tuple(form for form, _ in forms))
        object.__setattr__(self, "one_words",
                           tuple(form for form, _ in forms if _ONE_WORD.fullmatch(form)))


def section_fields(location: str, title: str, text: str,
                   names_in: Callable[[str], Iterable[Name]],
                   homes: dict[str, list[Name]],
                   lists: dict[str, list[Name]] | None = None) -> dict[str, list[str]]:
    """The `home`, `alias` and `spelling` of one search index section (empty fields left out).

    title and text are the section's HTML as the search plugin stores it; names_in finds the
    names a plain text mentions; homes maps a location to the names its section treats, lists
    to the names it lists (glossary entries, outlets on the sources page).
    """
    title, text = _plain(title), _plain(text)
    home = []
    for name in _unique_names(homes.get(location, [])):
        home += name.one_words
    alias = _folded_words(title)
    for name in _unique_names([*names_in(title), *homes.get(location, []),
                               *(lists or {}).get(location, [])]):
        alias += name.texts
    words = dict.fromkeys(_words(text))           # each once: a word said twice counts once
    spelling = _folded(words)
    names = _unique_names(names_in(text))
    if names:
        lower = set(map(str.lower, words))                  # lowercase as the index has them
        for name in names:
            spelling += [form for form, form_words in name.forms if not form_words <= lower]
    fields = {"home": _unique(home), "alias": _unique(alias), "spelling": _unique(spelling)}
    return {key: value for key, value in fields.items() if value}


def homes_of(names: Iterable[tuple[Name, Iterable[str]]]) -> dict[str, list[Name]]:
    """location -> the names whose home sections are there, from (name, locations) pairs."""
    homes: dict[str, list[Name]] = {}
    for name, locations in names:
        for location in locations:
            homes.setdefault(location, []).append(name)
    return homes


def at_page_top(locations: dict[str, list[Name]], url: str, top_id: str | None,
                indexed: set[str]) -> None:
    """A link to a page's title (its H1's id) names the page's first section, which the search
    plugin indexes at the page's URL without that anchor: the names move there (indexed holds
    the locations of the page's sections, so an H1 that is not the first section keeps its)."""
    anchored = f"{url}#{top_id}"
    if top_id and anchored in locations and anchored not in indexed:
        locations[url] = [*locations.get(url, []), *locations.pop(anchored)]


def _unique_names(names: Iterable[Name]) -> list[Name]:
    return list(dict.fromkeys(names))


def _all_spellings(name: Name) -> list[str]:
    spellings = []
    for form in name.spellings:
        spellings.append(form)
        spellings += _folded_words(form)
    return spellings


def _words(text: str) -> list[str]:
    # _WORD.findall(text), a section's text a third faster: most of its words stand alone
    # between white space (which no word holds), and split() and isalnum() (what \w is, but
    # for "_") see that without a match per word; the regex reads the other pieces ("Peskow,").
    words = []
    for piece in text.split():
        if piece.isalnum():
            words.append(piece)
        else:
            words += _WORD.findall(piece)
    return words


def _folded_words(text: str) -> list[str]:
    return _folded(dict.fromkeys(_WORD.findall(text)))


def _folded(words: Iterable[str]) -> list[str]:
    # Umlaut-free spellings of each word with ä, ö, ü or ß: "Stutzpunkt" and "Stuetzpunkt".
    # The words are distinct (a word said twice gives the same spellings).
    folded = []
    for word in words:
        if not word.isascii():
            folded += _umlaut_free(word)
    return folded


@lru_cache(maxsize=1 << 14)
def _umlaut_free(word: str) -> tuple[str, ...]:
    # A site's words recur from section to section: each is looked at once.
    if not _UMLAUT.search(word):
        return ()
    return word.translate(_TO_VOWEL), word.translate(_TO_DIGRAPH)


_WORD = re.compile(r"\w+")
_ONE_WORD = re.compile(r"\w+")
_UMLAUT = re.compile("[äöüÄÖÜß]")
_TO_VOWEL = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U",
                           "ß": "ss"})
_TO_DIGRAPH = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                             "ß": "ss"})
_TAG = re.compile(r"<[^>]*>")


def _unique(items: list[str]) -> list[str]:
    # Case-insensitive as the index is: it lowercases every word, "Hmeimim" and "hmeimim" are one.
    # Not casefold(): that makes "Weißrussland" and "Weissrussland" one, which the index keeps
    # apart (its lowercase keeps ß), so a reader typing "Weissrussland" would miss the section.
    lower = list(map(str.lower, items))
    if len(set(lower)) == len(lower):               # most often no two are alike
        return items
    seen: dict[str, str] = {}
    for key, item in zip(lower, items):
        seen.setdefault(key, item)
    return list(seen.values())


def _plain(section_html: str) -> str:
    return html.unescape(_TAG.sub(" ", section_html))
