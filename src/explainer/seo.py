"""A page's description and title as plain, escaped text for the head of the page.

The description comes from front matter `description:` or, failing that, from the page's
first paragraph of running text (not a note or a details box that opens the page, not a
footnote mark). Text that is empty once invisible characters (zero-width spaces, joiners,
format characters) are taken out counts as no text.
"""
from __future__ import annotations

import html
import math
import re
from functools import lru_cache
import unicodedata
from html.parser import HTMLParser

import yaml
from markupsafe import Markup

from .data import kind_of
from .rules import did_you_mean

MAX_LENGTH = 160  # what search engines show of a description


def visible(text: str) -> str:
    """text without format characters (zero-width space, joiners, BOM), whitespace collapsed."""
    kept = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(kept.split())


def front_matter_error(markdown: str) -> tuple[int, str] | None:
    """Why MkDocs left a page's front matter in its text, with the page's line, or None: it
    drops a block between `---` lines that is not a YAML mapping without a word, and the page
    shows it as text."""
    from mkdocs.utils.meta import YAML_RE  # the pattern MkDocs itself uses

    found = YAML_RE.match(markdown)
    if found is None:
        if _OPENING_RE.match(markdown):
            return 1, ("front matter is not closed: no line '---' ends it, so none of it is "
                       "read (a rule that opens the page: a blank line below it)")
        return None
    try:
        data = yaml.safe_load(found.group(1))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return (mark.line + 2 if mark else 1), f"front matter is not valid YAML: {error.problem}"
    except yaml.YAMLError as error:
        return 1, f"front matter is not valid YAML: {error}"
    except ValueError as error:               # a date or time YAML reads but Python refuses
        line, written, key = _unmade_value(found.group(1))
        where = f"front matter key '{key}'" if isinstance(key, str) else "front matter"
        return line + 2, (f"{where}: '{written}' reads as a date but is none ({error}); put "
                          f"it in quotes to keep it as text")
    if isinstance(data, dict):
        return None
    return 1, f"front matter must be keys with values, found {kind_of(data)}"



# Front matter keys something reads: MkDocs, Material (documented in its reference) and the
# hooks; a key near one of them but none is taken for a typo.
KNOWN_KEYS = ("title", "description", "template", "icon", "status", "subtitle", "hide",
              "search", "tags", "citations")


def front_matter_key_problems(markdown: str) -> list[tuple[int, str]]:
    """(line, message) for each top-level key of the page's front matter given twice (MkDocs
    keeps the last in silence) or written like a known key but not one (`titel:`), in order."""
    from mkdocs.utils.meta import YAML_RE

    found = YAML_RE.match(markdown) if markdown.startswith("---") else None
    if found is None:
        return []
    # The quick test, on every page with front matter: its plain keys as written.
    written = _TOP_KEY_RE.findall(found.group(1))
    if len(set(written)) == len(written) and not any(map(_misspelt, written)) \
            and not _QUOTED_KEY_RE.search(found.group(1)):
        return []
    try:
        root = yaml.compose(found.group(1), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, ValueError):
        return []                          # front_matter_error says why
    if not isinstance(root, yaml.MappingNode):
        return []
    problems, seen = [], {}
    for key_node, _ in root.value:
        key, line = key_node.value, key_node.start_mark.line + 2
        if not isinstance(key, str):
            continue
        if key in seen:
            problems.append((line, f"front matter key '{key}' is given twice (also on line "
                                   f"{seen[key]}); MkDocs keeps the last one"))
        elif _misspelt(key):
            problems.append((line, f"front matter key '{key}' is read by nothing here"
                                   f"{did_you_mean(key, KNOWN_KEYS)}"))
        seen.setdefault(key, line)
    return problems


# A top-level key at a line's start, unquoted; a quoted one sends the page to the full read.
_TOP_KEY_RE = re.compile(r"^([A-Za-z0-9_-]+)[ \t]*:", re.M)
_QUOTED_KEY_RE = re.compile(r"^[\"']", re.M)


@lru_cache(maxsize=256)
def _misspelt(key: str) -> bool:
    # Keys repeat from page to page: each is compared with the known ones once.
    return key not in KNOWN_KEYS and bool(did_you_mean(key, KNOWN_KEYS))

# The start of front matter: a first line `---` and below it a line `key: value` (not a rule
# above a paragraph or a setext heading's text).
_OPENING_RE = re.compile(r"-{3}[ \t]*\n[ ]{0,3}[A-Za-z0-9_-]+:(?:[ \t]|$)", re.M)


def _unmade_value(text: str) -> tuple[int, str, str | None]:
    """(0-based line, as written, the top-level key it stands under) of the first scalar of the
    YAML text that PyYAML parses but cannot make into a value (`2024-13-01`)."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        pairs = root.value if isinstance(root, yaml.MappingNode) else [(None, root)]
        for key, value in pairs:
            nodes = [value] if key is None else [key, value]
            while nodes:
                node = nodes.pop(0)
                if isinstance(node, yaml.ScalarNode):
                    try:
                        loader.construct_object(node)
                    except ValueError:
                        return node.start_mark.line, node.value, getattr(key, "value", None)
                elif isinstance(node, yaml.SequenceNode):
                    nodes[:0] = node.value
                elif isinstance(node, yaml.MappingNode):
                    nodes[:0] = [child for pair in node.value for child in pair]
    finally:
        loader.dispose()
    return 0, text.split("\n", 1)[0], None


class Html(str):
    """Text that is HTML already (escaped, quotes too): the theme writes it as it is, and its
    `| e` (the footer's aria-label) leaves it alone instead of escaping it a second time."""

    def __html__(self) -> str:
        return str(self)


def plain_title(title: str) -> Html:
    """A title for <title>, the header, nav and footer: tags dropped and entities read (as
    Material's `striptags` does), then escaped again, so it shows as typed."""
    return Html(html.escape(visible(Markup(title).striptags()), quote=True))


SEARCH_KEYS = ("boost", "exclude")          # what Material's search reads from `search:`


def search_problem(search) -> tuple[str, str | None] | None:
    """What is wrong with front matter `search:` for Material's search plugin, and the key to
    leave out (None: all of `search`), or None: it must be keys with values, `boost` a finite
    positive number (else the plugin fails, or writes NaN into the index, which is then no
    JSON), `exclude` true or false, and no other key (a typo would be ignored in silence)."""
    if search is None:
        return None
    if not isinstance(search, dict):
        return f"must be keys with values (boost, exclude), not {kind_of(search)}", None
    for key, value in search.items():
        if key not in SEARCH_KEYS:
            return (f"has an unknown key '{key}'{did_you_mean(str(key), SEARCH_KEYS)} (keys: "
                    f"{', '.join(SEARCH_KEYS)})", key)
        if key == "exclude" and not isinstance(value, bool):
            return f"has exclude {_shown(value)}, which must be true or false", key
        if key == "boost" and (isinstance(value, bool) or not isinstance(value, (int, float))
                               or not math.isfinite(value) or value <= 0):
            return f"has boost {_shown(value)}, which must be a finite positive number", key
    return None


def _shown(value) -> str:
    # A value as the editor wrote it: a number as such, text in quotes, else what it is.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return f"'{value}'" if isinstance(value, str) else kind_of(value)


def summary(html_text: str, limit: int = MAX_LENGTH) -> str:
    """Plain text of the first paragraph with text outside asides, footnote marks left out."""
    parser = _FirstParagraph()
    # Fed paragraph by paragraph (each piece ends with a "</p>"), up to the end of the first
    # one with text outside asides: not the whole page, and nothing after that paragraph.
    start = 0
    while start < len(html_text):
        end = html_text.find("</p>", start)
        end = len(html_text) if end < 0 else end + len("</p>")
        parser.feed(html_text[start:end])
        if parser.text:
            break
        start = end
    else:
        parser.close()
    text = visible(parser.text) or visible(parser.aside_text)
    return shorten(text, limit)


def shorten(text: str, limit: int = MAX_LENGTH) -> str:
    """text if it fits in limit characters, else its first words followed by '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


_ASIDE_TAGS = {"details", "figure"}        # a figure's caption (a map's) says what it shows
_ASIDE_CLASSES = {"admonition", "footnote", "details", "glossar-schreibweisen"}


class _FirstParagraph(HTMLParser):
    """The text of the first <p> with text outside asides (admonitions, details, footnotes,
    figures), skipping <sup> (footnote marks); the first one inside an aside as a fallback."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.aside_text = ""
        self._stack: list[tuple[str, bool]] = []    # open elements: (tag, is an aside)
        self._paragraph = 0                         # > 0 inside a <p>
        self._in_aside = False
        self._skip = 0                              # > 0 inside a <sup> within the paragraph
        self._current = ""
        self._done = False

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        classes = set((dict(attrs).get("class") or "").split())
        aside = tag in _ASIDE_TAGS or bool(classes & _ASIDE_CLASSES)
        if tag not in _VOID:
            self._stack.append((tag, aside))
        if tag == "p":
            if not self._paragraph:
                self._in_aside = any(a for _, a in self._stack)
                self._current = ""
            self._paragraph += 1
        elif tag == "sup" and self._paragraph:
            self._skip += 1

    def handle_endtag(self, tag):
        if self._done:
            return
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break
        if tag == "sup" and self._skip:
            self._skip -= 1
        elif tag == "p" and self._paragraph:
            self._paragraph -= 1
            if not self._paragraph and visible(self._current):
                if self._in_aside:
                    self.aside_text = self.aside_text or self._current
                else:
                    self.text = self._current
                    self._done = True

    def handle_data(self, data):
        if self._paragraph and not self._skip and not self._done:
            self._current += data


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
