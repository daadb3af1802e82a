"""Pandoc's bracketed citation syntax, read as Pandoc reads it.

The scanner hands over the text between one pair of square brackets; `parse_bracket` returns
its citations, or None when Pandoc would not read that bracket as a citation. What Pandoc's
manual calls a citation item is

    [prefix @key, locator suffix; prefix -@{braced key} locator suffix]

- items are separated by `;`, each needs a key;
- the prefix is what stands before the key (`vgl.`, `siehe`); a `-` right before `@`
  suppresses the author;
- a plain key starts with a letter, digit or `_` and holds alphanumerics and single internal
  punctuation out of `:.#$%&-+?<>~/`; any other key is written in braces, `@{...}`;
- an `@` right after a letter, digit or `.` (an e-mail address) does not start a key;
- after the key comes the suffix; its head is the locator when it reads as one: a locator
  term of the page's language (`S.`, `Kap.`, `p.`, `chap.`, `§`) followed by numbers
  (digits or roman numerals), or numbers alone (then the term is "page"), or anything in
  braces (`{ii, A}`). The rest stays the suffix. This is how Pandoc's citeproc splits it.

Brackets Pandoc reads as citations but this site cannot show (an item without a key, a key
inside a prefix or suffix, an empty key, the `@*` wildcard) give None too; `why_left_as_text`
tells them from plain text and says why, so the scanner can warn instead of leaving them
silently. A braced key Pandoc does not read (white space inside, `@{no such}`) makes the
bracket plain text to Pandoc too; `why_no_key` says so, for the same warning.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator, NamedTuple

from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor


class Cite(NamedTuple):
    """One citation item as Pandoc distinguishes its parts; Markdown as written, trimmed."""

    key: str
    prefix: str = ""              # before the key: "vgl."
    locator: str = ""             # as written, with its term: "S. 33-35"; "" when none
    label: str = ""               # its CSL locator type: "page", "chapter"; "" when none
    value: str = ""               # the locator without its term, as citeproc keeps it: "33-35"
    suffix: str = ""              # after the locator, with its separator: ", und dort"
    suppress_author: bool = False  # written -@key


def parse_bracket(text: str, *, language: str = "de") -> list[Cite] | None:
    """The citations in the text between `[` and `]`, or None if Pandoc reads none there.

    None also for what Pandoc reads as a citation but no footnote can show: see
    `pandoc_would_cite` for telling those apart.
    """
    cites = _parse_bracket(text, language)
    return None if cites is None else list(cites)


@lru_cache(maxsize=4096)
def _parse_bracket(text: str, language: str) -> tuple[Cite, ...] | None:
    # Once per bracket text: the same citations recur on a page and across the site's pages.
    plain = _PLAIN_RE.match(text)
    if plain is not None:                    # the common case, [@key], without the parser
        return (Cite(plain.group(1)),)
    if _BLANK_LINE_RE.search(text):
        return None                          # a paragraph break: no inline spans it
    parts = _split_items(text)
    terms = _TERMS.get(language[:2].lower(), _TERMS["en"])
    cites = []
    for part in parts:
        item = _item(part, terms)
        if item is None:
            return None
        cites.append(item)
    return tuple(cites)


def pandoc_would_cite(text: str) -> bool:
    """Whether Pandoc reads a citation in this bracket's text (as a whole or inside it).

    Erring on the side of yes: Pandoc also finds a key in some words with two `@` (`x@a@b`).
    """
    if _BLANK_LINE_RE.search(text):
        return False
    return next(find_keys(text), None) is not None or _TWO_AT_RE.search(text) is not None


def why_left_as_text(text: str) -> str | None:
    """Why Pandoc reads a citation in this bracket's text but `parse_bracket` gives none;
    None when Pandoc reads no citation there, or parse_bracket reads one."""
    if not pandoc_would_cite(text):
        return None
    if next(find_keys(text), None) is None:
        return "Pandoc finds a key in a word with two '@'"
    parts = _split_items(text)
    for number, part in enumerate(parts, start=1):
        item = f"item {number} ('{_one_line(part.strip())}')" if len(parts) > 1 else "it"
        keys = [key for _, _, key in find_keys(part)]
        if not keys:
            return f"{item} has no key"
        if len(keys) > 1:
            return f"{item} holds {len(keys)} keys; separate them with ';'"
        if keys[0] == "":
            return f"{item} has an empty key"
        if keys[0] == "*":
            return "@* (every source) shows no footnote"
        at, end, _ = next(find_keys(part))
        emphasis = _emphasis_around(part, at, end)
        if emphasis is not None:
            whose = "its key" if len(parts) == 1 else f"the key of {item}"
            return (f"{whose} stands inside the emphasis '{_one_line(emphasis)}', so Pandoc "
                    f"reads a citation in the running text, in brackets that are text, which "
                    f"the site does not show; emphasise the words beside the key, not the key")
    return None                              # every item has its key: parse_bracket reads it


def why_no_key(text: str) -> str | None:
    """Why an `@{` in this bracket's text starts no key where Pandoc reads no citation at all:
    white space inside the braces (`@{no such}`), or braces that do not close. No source id
    can hold either, so the scanner warns rather than leave the bracket silently; None when
    every `@{` starts a key (or stands after a word, escaped, or in code)."""
    if pandoc_would_cite(text) or _BLANK_LINE_RE.search(text):
        return None                          # read, or explained by why_left_as_text
    pos = 0
    while (at := text.find("@{", pos)) >= 0:
        skip = _skipped_until(text, pos, at)
        if skip is not None:
            pos = skip
            continue
        if not _after_word(text, at) and _braced_key(text, at + 1) is None:
            inside = _balanced(text, at + 1)
            if inside is None:
                return "the brace after '@' does not close, and Pandoc reads no citation there"
            return (f"the braced key '@{{{_one_line(inside)}}}' holds white space, which no "
                    f"source id has, and Pandoc reads no citation there")
        pos = at + 2
    return None


def find_keys(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, key) of each `@key` Pandoc reads as a citation key; start is the `@`.

    Code spans and backslash escapes are skipped; `-` before the `@` is not included.
    """
    pos = 0
    last_end = -1
    while True:
        at = text.find("@", pos)
        if at < 0:
            return
        skip = _skipped_until(text, pos, at)
        if skip is not None:
            pos = skip
            continue
        found = _key_at(text, at, right_after_key=at == last_end)
        if found is not None:
            yield at, found[0], found[1]
            pos = last_end = found[0]
        else:
            pos = at + 1


# --- items ----------------------------------------------------------------------------------

def _split_items(text: str) -> list[str]:
    """The text split at the `;` that separate items (not in code, emphasis, a character
    reference, or escaped)."""
    if not _SPECIAL_RE.search(text):
        return text.split(";")
    parts = []
    start = 0
    pos = 0
    while (found := _SPLIT_RE.search(text, pos)) is not None:
        char = found.group()
        if char == "\\":
            pos = found.end() + 1
        elif char == "`":
            pos = code_span_end(text, found.start())
        elif char in "*_":
            emphasis = _EMPHASIS_RE.match(text, found.start())
            pos = emphasis.end() if emphasis else found.end()
        elif char == "&":                    # its `;` ends a character reference: `&amp;`
            reference = _CHAR_REF_RE.match(text, found.start())
            pos = reference.end() if reference else found.end()
        else:
            parts.append(text[start:found.start()])
            start = pos = found.end()
    parts.append(text[start:])
    return parts


_SPLIT_RE = re.compile(r"[\\`;*_&]")
_SPECIAL_RE = re.compile(r"[\\`*_&]")
_CHAR_REF_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _item(part: str, terms: dict[str, str]) -> Cite | None:
    keys = list(find_keys(part))
    if len(keys) != 1:
        return None                          # no key, or a key in the prefix or suffix
    at, end, key = keys[0]
    if key in ("", "*") or _emphasis_around(part, at, end) is not None:
        return None                          # @{} and @* cite nothing to show; see below
    suppress = at > 0 and part[at - 1] == "-" and not _after_word(part, at - 1)
    prefix = part[:at - 1] if suppress else part[:at]
    rest = part[end:]
    suffix = rest.strip()
    if suffix and rest[:1].isspace():
        suffix = " " + suffix                # Pandoc keeps one space before the suffix
    locator, suffix = _split_locator(_one_line(suffix), terms)
    if locator is None:
        return Cite(key, _one_line(prefix.strip()), suffix=suffix, suppress_author=suppress)
    return Cite(key, _one_line(prefix.strip()), locator.written, locator.label, locator.value,
                suffix, suppress)


def _emphasis_around(part: str, at: int, end: int) -> str | None:
    """The emphasis (`**@ft**`, `*siehe @ft*`) the key at part[at:end] stands in, if any: Pandoc
    reads the emphasis first, so the key inside it is an in-text citation (`@ft`) and the
    brackets around are text."""
    if "*" not in part and "_" not in part:
        return None
    for emphasis in _EMPHASIS_RE.finditer(part):
        if emphasis.start() < at and emphasis.end() >= end:
            return emphasis.group()
    return None


def _one_line(text: str) -> str:
    """White space as Pandoc reads it inside a paragraph: one space."""
    return _SPACES_RE.sub(" ", text)


_SPACES_RE = re.compile(r"\s+")


# --- keys -----------------------------------------------------------------------------------

def _key_at(text: str, at: int, right_after_key: bool = False) -> tuple[int, str] | None:
    """(end, key) if the `@` at `at` starts a citation key, else None. Right after a key
    (`@a@b`) an `@` starts one: the key before is no word to Pandoc."""
    if _after_word(text, at) and not right_after_key:
        return None
    if text.startswith("{", at + 1):
        return _braced_key(text, at + 1)
    found = _KEY_RE.match(text, at + 1)
    return (found.end(), found.group()) if found else None


# A letter, digit or `_` first (or the nocite wildcard `*`); then those, single internal
# punctuation (`a:b`, not a final `.`), and `://` in URLs.
_KEY_RE = re.compile(r"\*|\w(?:\w|[:.#$%&+?<>~/-](?=\w)|[:/](?=/))*")


def _braced_key(text: str, pos: int) -> tuple[int, str] | None:
    """`{...}` with balanced braces and no white space; the braces are not part of the key."""
    depth = 0
    for end in range(pos, len(text)):
        char = text[end]
        if char.isspace():
            return None
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return end + 1, text[pos + 1:end]
    return None


def _balanced(text: str, pos: int) -> str | None:
    """What the balanced braces opened at pos hold, white space and all; None if they don't
    close."""
    depth = 0
    for end in range(pos, len(text)):
        depth += {"{": 1, "}": -1}.get(text[end], 0)
        if depth == 0:
            return text[pos + 1:end]
    return None


def _after_word(text: str, pos: int) -> bool:
    """Pandoc reads no key right after a word: a letter, digit or `.` before `pos`."""
    return pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == ".")


def _skipped_until(text: str, pos: int, at: int) -> int | None:
    """If the `@` at `at` is escaped or in a code span that starts at or after pos: its end."""
    while (found := _ESCAPE_OR_CODE_RE.search(text, pos, at)) is not None:
        if found.group() == "\\":
            if found.end() == at:
                return at + 1
            pos = found.end() + 1
        else:
            pos = code_span_end(text, found.start())
            if pos > at:
                return pos
    return None


_ESCAPE_OR_CODE_RE = re.compile(r"[\\`]")


def code_span_end(text: str, start: int, limit: int | None = None) -> int:
    """End of the code span the backticks at start open, found by Python-Markdown's own rule:
    a run closes at the next run as long; else at the longest shorter run after it, the
    rest of the opening run shown as backticks (``` ``a` ``` is code: `` `a ``); past the
    run if nothing closes it. `limit`: where the block ends (a code span is in one block)."""
    chunk = text[start:limit]
    content, end = _BACKTICKS.find_code_spans(0, chunk)
    return start + content if end is None else start + end + content


_BACKTICKS = BacktickInlineProcessor(BACKTICK_RE)


_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_TWO_AT_RE = re.compile(r"@[^\s@]*@[\w{]")
_PLAIN_RE = re.compile(r"[ \t]*@(\w+(?:[:.#$%&+?<>~/-]\w+)*)[ \t]*\Z")


# --- locators -------------------------------------------------------------------------------
# Pandoc's citeproc splits the suffix into locator and rest with the locator terms of the
# document's language (CSL locale), token by token; `:` stays inside words (`3:4`).

class _Locator(NamedTuple):
    label: str
    written: str                 # from the term (or first number) to the last number
    value: str                   # without the term
    end: int                     # offset in the suffix where the rest begins


def _split_locator(suffix: str, terms: dict[str, str]) -> tuple[_Locator | None, str]:
    """The locator at the head of a suffix and the rest; (None, suffix) when there is none."""
    tokens = _tokens(suffix)
    i = 0
    if i < len(tokens) and tokens[i][2] == ",":
        i += 1
    if i < len(tokens) and tokens[i][2].isspace():
        i += 1
    found = _delimited(suffix, tokens, i, terms) or _integrated(suffix, tokens, i, terms)
    if found is None:
        if suffix and not (suffix[0].isspace() or _punctuation(suffix[0])):
            suffix = ", " + suffix           # what Pandoc puts between key and suffix
        return None, suffix
    return found, suffix[found.end:].rstrip()


def _delimited(text: str, tokens, i: int, terms) -> _Locator | None:
    """`{term locator}`: all in balanced braces is the locator; the term defaults to page."""
    if i >= len(tokens) or tokens[i][2] != "{":
        return None
    j = i + 1
    while j < len(tokens) and tokens[j][2].isspace():
        j += 1
    depth, end = 1, j
    while end < len(tokens):
        piece = tokens[end][2]
        depth += piece in "{[" and len(piece) == 1
        depth -= piece in "}]" and len(piece) == 1
        if depth == 0:
            break
        end += 1
    if end >= len(tokens) or tokens[end][2] != "}":
        return None
    inner_start = tokens[j][0] if j < end else tokens[end][0]
    inner = text[inner_start:tokens[end][0]].strip()
    label, term_end = "page", inner_start
    for k in range(min(end, j + _TERM_TOKENS), j, -1):   # the longest term at the start
        name = terms.get(_fold(text[inner_start:tokens[k - 1][1]]))
        if name is not None:
            label, term_end = name, tokens[k - 1][1]
            break
    return _Locator(label, inner, text[term_end:tokens[end][0]].strip(), tokens[end][1])


def _integrated(text: str, tokens, i: int, terms) -> _Locator | None:
    """A term followed by numbers, or numbers alone (then the term is page). Numbers go on
    after `,`, `;` or a space while each has a digit (after a term: or a roman numeral)."""
    if i >= len(tokens):
        return None
    label, start = None, i
    for boundary in range(min(len(tokens) - 1, i + _TERM_TOKENS), i, -1):  # the longest term
        name = terms.get(_fold(text[tokens[i][0]:tokens[boundary - 1][1]]))
        if name is not None and _number(tokens, boundary, True, False) is not None:
            label, start = name, boundary
            break
    digits = label is None
    if digits:
        label = "page"
    end = _number(tokens, start, not digits, digits)
    if end is None:
        return None
    while (more := _number(tokens, end, False, digits)) is not None:
        end = more
    stop = tokens[end - 1][1]
    return _Locator(label, text[tokens[i][0]:stop], text[tokens[start][0]:stop].strip(), stop)


def _number(tokens, i: int, first: bool, digits: bool) -> int | None:
    """End (token index) of one locator number at i: after an optional `,`/`;` (not first)
    and one space, numbers and ranges, dotted (1.2) or in brackets ((1), [17])."""
    j = i
    if not first and j < len(tokens) and tokens[j][2] in (",", ";"):
        j += 1
    if j < len(tokens) and tokens[j][2].isspace():
        j += 1
    start, numeric = j, False
    while j < len(tokens):
        piece = tokens[j][2]
        if piece in _CLOSING:                # a bracketed group
            k = j + 1
            while k < len(tokens) and not _breaks(tokens[k][2]):
                numeric = numeric or _numeric(tokens[k][2])
                k += 1
            if k >= len(tokens) or tokens[k][2] != _CLOSING[piece]:
                break
            j = k + 1
        elif piece == "." and j > start and j + 1 < len(tokens) \
                and not _breaks(tokens[j + 1][2]) and tokens[j + 1][2] not in _CLOSING:
            j += 1                           # 1.2.3, but not a trailing period
        elif _breaks(piece):
            break
        else:
            numeric = numeric or _numeric(piece)
            j += 1
    if j == start:
        return None
    if digits and not any(char.isdigit() for token in tokens[start:j] for char in token[2]):
        return None
    return j if numeric else None


_CLOSING = {"(": ")", "[": "]", "{": "}"}


def _breaks(piece: str) -> bool:
    """White space and punctuation end a number, except in ranges (`-`, `–`) and `:`."""
    return piece.isspace() or (len(piece) == 1 and _punctuation(piece) and piece not in "-–")


def _numeric(piece: str) -> bool:
    return any(char.isdigit() for char in piece) or bool(_ROMAN_RE.fullmatch(piece.upper()))


_ROMAN_RE = re.compile(r"(?=[MDCLXVI])M*(?:CM|CD|D?C*)(?:XC|XL|L?X*)(?:IX|IV|V?I*)")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each token: code or emphasis (its text, as Pandoc sees one
    element), an escaped character (itself), a word, one punctuation character, or space."""
    return [(m.start(), m.end(), m.group(m.lastgroup) if m.lastgroup else m.group())
            for m in _TOKEN_RE.finditer(text)]      # lastgroup: starred, lined or escaped


def _punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def _char_class(codes: list[int]) -> str:
    # The inside of a [...] class for these code points, each run of neighbours as one range:
    # the same class as one character each, a pattern a fraction as long to compile.
    runs: list[list[int]] = []
    for code in codes:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(re.escape(chr(first)) if first == last
                   else f"{re.escape(chr(first))}-{re.escape(chr(last))}" for first, last in runs)


_PUNCTUATION = _char_class([c for c in range(0x21, 0x3000)
                            if unicodedata.category(chr(c)).startswith("P") and c != ord(":")])
_EMPHASIS = (r"(?P<stars>\*\*?)(?=\S)(?P<starred>[^*]+?)(?<=\S)(?P=stars)"
             r"|(?<!\w)(?P<lines>__?)(?=\S)(?P<lined>[^_]+?)(?<=\S)(?P=lines)(?!\w)")
_EMPHASIS_RE = re.compile(_EMPHASIS)
_TOKEN_RE = re.compile(rf"`[^`]+`|{_EMPHASIS}|\\(?P<escaped>[{_PUNCTUATION}])|\s+"
                       rf"|[{_PUNCTUATION}]|[^\s{_PUNCTUATION}]+")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


# The locator terms of the CSL locales Pandoc ships (de-DE, en-US): long, short and symbol
# forms, singular and plural. "sub verbo" is left out: Pandoc does not find it either.
_TERM_FORMS = {
    "de": {
        "book": "Buch Bücher B.",
        "chapter": "Kapitel Kap.",
        "column": "Spalte Spalten Sp.",
        "figure": "Abbildung Abbildungen Abb.",
        "folio": "Blatt Blätter Fol.",
        "issue": "Nummer Nummern Nr.",
        "line": "Zeile Zeilen Z.",
        "note": "Note Noten N.",
        "opus": "Opus Opera op.",
        "page": "Seite Seiten S.",
        "paragraph": "Absatz Absätze Abs. ¶ ¶¶",
        "part": "Teil Teile",
        "section": "Abschnitt Abschnitte Abschn. § §§",
        "verse": "Vers Verse V.",
        "volume": "Band Bände Bd. Bde.",
    },
    "en": {
        "book": "book books bk. bks.",
        "chapter": "chapter chapters chap. chaps.",
        "column": "column columns col. cols.",
        "figure": "figure figures fig. figs.",
        "folio": "folio folios fol. fols.",
        "issue": "number numbers no. nos.",
        "line": "line lines l. ll.",
        "note": "note notes n. nn.",
        "opus": "opus opera op. opp.",
        "page": "page pages p. pp.",
        "paragraph": "paragraph paragraphs para. paras. ¶ ¶¶",
        "part": "part parts pt. pts.",
        "section": "section sections sec. secs. § §§",
        "verse": "verse verses v. vv.",
        "volume": "volume volumes vol. vols.",
    },
}
_TERMS = {language: {form.casefold(): name for name, forms in table.items()
                     for form in forms.split()}
          for language, table in _TERM_FORMS.items()}
_TERM_TOKENS = 1 + max(len(_tokens(form)) for table in _TERM_FORMS.values()
                       for forms in table.values() for form in forms.split())
