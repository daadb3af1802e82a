"""One pattern for every spelling of every term, longest first, whole words only.

A word may carry the endings running text gives it, per language and kind of term: German
names take the genitive -s ("Assads"), common nouns plural and case endings ("Stützpunkten");
English ones the possessive and the plural.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .terms import Term, fold

ENDINGS = {
    "de": {"place": ("s",), "organisation": ("s", "es"), "person": ("s",), "medium": ("s",),
           "term": ("e", "en", "n", "s", "es", "er", "ern")},
    "en": {"place": ("'s", "’s"), "organisation": ("'s", "’s"), "person": ("'s", "’s"),
           "medium": ("'s", "’s"), "term": ("s", "es", "'s", "’s")},
}
# An abbreviation in capitals takes a plural s (NGOs), one that ends in S none; in English the
# possessive too.
ABBREVIATION_ENDINGS = {"de": ("s",), "en": ("s", "'s", "’s")}
# An English word in consonant + y has its plural in -ies (party, parties).
_CONSONANT_Y = re.compile(r"[b-df-hj-np-tv-z]y\Z", re.I)


class Matcher:
    """Finds mentions of terms in plain text."""

    def __init__(self, terms: list[Term], language: str = "de"):
        endings_of = ENDINGS.get(language, ENDINGS["en"])
        abbreviation_endings = ABBREVIATION_ENDINGS.get(language, ABBREVIATION_ENDINGS["en"])
        ies = language != "de"
        self.terms = {term.key: term for term in terms}
        self.by_form: dict[str, Term] = {}
        self._of_text: dict[str, Term | None] = {}       # matched text -> its term (term_of)
        # Grouped by first character, each group longest form first: at a given place only the
        # forms that can start there are tried (the same match as one list longest first,
        # several times faster than trying every form at every character). Each group opens
        # with its character, so the regex engine skips in its own loop to the places where
        # some group can start: a pattern that opens with the word boundary would be tried at
        # every character. A form written in lower case stands in the groups of both cases.
        groups: dict[str, list[str]] = {}
        forms = sorted(((form, term, endings) for term in terms for name in term.forms
                        for form, endings in _spellings(name, endings_of[term.kind],
                                                        abbreviation_endings, ies)),
                       key=lambda item: (-len(item[0]), item[0]))
        for form, term, endings in forms:
            for ending in ("", *endings):
                self.by_form.setdefault(fold(form + ending), term)
            suffix = f"(?:{'|'.join(map(re.escape, endings))})?" if endings else ""
            firsts, rest = _form_pattern(form)
            for first in firsts:
                groups.setdefault(first, []).append(rest + suffix)
        alternatives = [_group_pattern(first, rests) for first, rests in groups.items()]
        # A soft hyphen is inside a word ("Luftwaffen\u00adstützpunkte").
        self.regex = re.compile("(?:" + "|".join(alternatives) + r")(?![\w\u00ad])") \
            if alternatives else None

    def term_of(self, text: str) -> Term | None:
        """The term a matched piece of text belongs to."""
        # The same few names are matched again and again: each text is folded once.
        try:
            return self._of_text[text]
        except KeyError:
            term = self._of_text[text] = self.by_form.get(fold(text))
            return term

    def find(self, text: str) -> list[tuple[int, int, Term]]:
        """(start, end, term) of every mention in plain text."""
        if self.regex is None:
            return []
        return [(*m.span(), term) for m in self.regex.finditer(text)
                if (term := self.term_of(m.group())) is not None]

    def terms_in(self, text: str) -> list[Term]:
        """The terms plain text mentions, each once, in the order of their first mentions."""
        if self.regex is None:
            return []
        # The pattern has no groups: findall gives the matched texts, no match objects.
        terms = {term.key: term for term in map(self.term_of, self.regex.findall(text))
                 if term is not None}
        return list(terms.values())


@lru_cache(maxsize=2)
def matcher_for(terms: tuple[Term, ...], language: str = "de") -> Matcher:
    """The Matcher of a table read by load_terms_file: made once while the table stays the
    same (its pattern is the costly part)."""
    return Matcher(list(terms), language)


def _spellings(form: str, endings: tuple, abbreviation_endings: tuple, ies: bool):
    """The spellings of a form the matcher looks for, each with the endings it takes."""
    if _is_abbreviation(form):
        yield form, () if form[-1] in "sS" else abbreviation_endings
        return
    yield form, endings
    if ies and "s" in endings and _CONSONANT_Y.search(form):
        yield form[:-1] + "ies", ()


def _form_pattern(form: str) -> tuple[str, str]:
    """The letters a form may start with, and the pattern of the rest.

    Case matters ("FT", not "ft"; "May", not "may") except for a first letter written in lower
    case: "al-Scharaa" is "Al-Scharaa" when it opens a sentence.
    """
    first, rest = form[:1], re.escape(form[1:]).replace(r"\ ", r"\s+")
    if first.islower() and len(first.upper()) == 1:
        return first.upper() + first, rest
    return first, rest


def _group_pattern(first: str, rests: list[str]) -> str:
    """The first character of the group's forms, a word starting there (no word character
    before it: the lookbehind sees that one and the first), then the rest of each form in
    their order."""
    return re.escape(first) + r"(?<![\w\u00ad].)(?:" + "|".join(rests) + ")"


def _is_abbreviation(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
