"""One format for "where": every message sends the editor to the file and place they wrote.

    docs/page.md:12                                  a line of a page, front matter counted
    timeline.yml: event 3 (2024-12-09), field 'sources'   an entry of a data file
    glossary.yml: entry 'Tartus', field 'explanation' (shown by the marker on docs/glossary.md:15)
                                                     a line a marker put into a page (`Generated`)

Paths are shown relative to the folder of mkdocs.yml, as the editor sees them in the project.
"""
from __future__ import annotations

import functools
import re
from collections import OrderedDict
from pathlib import Path


def shown_path(path: str | Path, base: str | Path) -> str:
    """`path` relative to `base` (the folder of mkdocs.yml) with forward slashes, else as given."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path(base).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def at_line(file: str, line: int | None = None) -> str:
    """'docs/index.md:12' (or just the file when the line is unknown)."""
    return f"{file}:{line}" if line else file


def at_entry(file: str, entry: str | None = None, field: str | None = None) -> str:
    """"timeline.yml: event 3 (2024-12-09), field 'sources'"; entry and field are optional."""
    parts = [part for part in (entry, f"field '{field}'" if field else None) if part]
    return f"{file}: {', '.join(parts)}" if parts else file


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset in text."""
    return text.count("\n", 0, max(0, offset)) + 1


class Generated(str):
    """Markdown a hook puts where a marker stands, knowing for each of its lines the data-file
    entry it came from ("glossary.yml: entry 'Tartus', field 'explanation'"; None: the hook's
    own words, such as a heading). Made from (line, entry) pairs, a line may hold several
    (an explanation's paragraphs); `remember()`ed, it lets a message about one of its lines,
    from any hook, name the entry the editor wrote."""

    origins: tuple[str | None, ...]

    def __new__(cls, lines: list[tuple[str, str | None]]):
        text = super().__new__(cls, "\n".join(line for line, _ in lines))
        text.origins = tuple(origin for line, origin in lines
                             for _ in range(line.count("\n") + 1))
        return text


def remember(text: Generated, sources_checked: bool = False) -> Generated:
    """Keep text that a hook puts into pages, for the messages about its lines; the newest
    texts only (a preview renders them again in every build). `sources_checked`: the hook has
    reported the text's unknown sources at their entries, and the citations hook says no more."""
    key = str(text)
    _generated[key] = (text.origins, sources_checked)
    _generated.move_to_end(key)
    while len(_generated) > _GENERATED_KEPT:
        _generated.popitem(last=False)
    return text


_GENERATED_KEPT = 16
_generated: OrderedDict[str, tuple[tuple[str | None, ...], bool]] = OrderedDict()


def generated_origin(markdown: str, line: int) -> tuple[str | None, bool] | None:
    """For line `line` (1-based) of `markdown`, when it is part of a remembered text (as
    written, from the start of a line, or changed on its lines by a later hook): the entry it
    came from, and whether its sources were checked."""
    for text, (origins, checked) in reversed(_generated.items()):
        at = markdown.find(text)
        while at >= 0:
            first = line_of(markdown, at)
            if (at == 0 or markdown[at - 1] == "\n") and first <= line < first + len(origins):
                return origins[line - first], checked
            at = markdown.find(text, at + 1)
    # A hook after the one that wrote the text changed it on its lines (the citations hook
    # turned [@key] into footnote references): its lines are found by alignment. The texts
    # with more lines left as they were in the page are aligned first (newest first among
    # equals): the one that is there, as a rule, so the others need no alignment.
    page = set(markdown.split("\n"))
    texts = sorted(reversed(_generated.items()), key=lambda item: -sum(
        1 for kept in item[0].split("\n") if kept.strip() and kept in page))
    for text, (origins, checked) in texts:
        pairs = _aligned(text, markdown)
        if pairs is not None and line - 1 in pairs:
            return origins[pairs[line - 1]], checked
    return None


@functools.lru_cache(maxsize=_GENERATED_KEPT)
def _aligned(text: str, markdown: str) -> dict[int, int] | None:
    # Lines of `markdown` paired with the lines of `text` they are, when most of `text` stands
    # in `markdown` (its lines the same or alike, in order); None when it does not. Once per
    # text and page: a page's messages share it. Lines are compared by their words outside
    # brackets and tags first (a footnote reference for a citation, a separator between two
    # leaves them as they were), then, where those differ, by their characters (_alike).
    from difflib import SequenceMatcher

    generated, lines = text.split("\n"), markdown.split("\n")
    matcher = SequenceMatcher(_blank, [_key(each) for each in generated],
                              [_key(each) for each in lines], autojunk=False)
    pairs: dict[int, int] = {}                       # line of `lines` -> line of `generated`
    for tag, first, last, start, end in matcher.get_opcodes():
        if tag == "equal":
            pairs.update((start + k, first + k) for k in range(last - first))
        elif tag == "replace":
            pairs.update(_alike_pairs(generated, first, last, lines, start, end))
    matched = sum(1 for at in pairs.values() if generated[at].strip())
    if 2 * matched < sum(1 for each in generated if each.strip()):
        return None
    return pairs


def _key(line: str) -> str:
    # A line as the alignments compare it: its words outside brackets and tags, or the line
    # itself when it has none (a marker, a tag on its own); a blank line anchors no match (it
    # only extends one).
    return _NOT_WORDS.sub("", line) or line


def _blank(key: str) -> bool:
    return not key.strip()


_NOT_WORDS = re.compile(r"\[[^\[\]\n]*\]|<[^<>\n]*>|[^\w\[<]+")


def _alike_pairs(generated: list[str], first: int, last: int, lines: list[str], start: int,
                 end: int):
    # Lines of a replaced block paired in order where they are alike; a line of either side
    # with no partner is stepped over.
    while first < last and start < end:
        if _alike(generated[first], lines[start]):
            yield start, first
            first, start = first + 1, start + 1
        elif start + 1 < end and _alike(generated[first], lines[start + 1]):
            start += 1
        else:
            first += 1


class PageLocation:
    """Lines of a page's Markdown as lines of its file: front matter and its blank lines counted.

    MkDocs hands the hooks the Markdown without the front matter; an editor's editor shows the
    whole file. The offset is found by comparing the body with the file's text once.
    """

    def __init__(self, page, base: str | Path):
        self._page, self._base = page, base
        self._offset: int | None = None

    @functools.cached_property
    def file(self) -> str:
        """The page's file as the editor sees it; worked out for the first message only."""
        path = self._page.file.abs_src_path
        return shown_path(path, self._base) if path else self._page.file.src_uri

    @property
    def offset(self) -> int:
        if self._offset is None:
            try:
                source = self._page.file.content_string
            except (OSError, ValueError, TypeError):
                source = ""
            body = self._page.markdown or ""
            if body and source.endswith(body):
                self._offset = source.count("\n", 0, len(source) - len(body))
            else:
                self._offset = front_matter_lines(source)
        return self._offset

    def line(self, line_in_markdown: int, markdown: str | None = None) -> int:
        """The file's line for a line of the Markdown MkDocs read (1-based).

        `markdown`: the text the line number counts in, when other hooks have put generated
        text into the page (a timeline at its marker); a line of generated text is the line of
        the marker it replaced.
        """
        return self._line(line_in_markdown, markdown)[0]

    def at(self, line_in_markdown: int | None = None, markdown: str | None = None) -> str:
        """'docs/page.md:12' for a line of the page's Markdown; the file alone without one.
        A line of generated text names the data-file entry it came from and the marker's line
        ("glossary.yml: entry 'Tartus', field 'explanation' (shown by the marker on
        docs/glossary.md:15)"); text no hook `remember()`ed says only that a marker put it
        there."""
        if not line_in_markdown:
            return self.file
        line, generated = self._line(line_in_markdown, markdown)
        if not generated:
            return at_line(self.file, line)
        found = generated_origin(markdown, line_in_markdown) if markdown is not None else None
        origin = found[0] if found is not None else None
        if origin is None:
            return at_line(self.file, line) + " (in the text its marker puts there)"
        return f"{origin} (shown by the marker on {at_line(self.file, line)})"

    def generated(self, line_in_markdown: int, markdown: str | None) -> bool:
        """Whether the line is text a marker put into the page (a data file's)."""
        return markdown is not None and self._line(line_in_markdown, markdown)[1]

    def sources_checked(self, line_in_markdown: int, markdown: str | None) -> bool:
        """Whether the line is generated text whose hook has reported its unknown sources."""
        if markdown is None or not self._line(line_in_markdown, markdown)[1]:
            return False
        found = generated_origin(markdown, line_in_markdown)
        return found is not None and found[1]

    def _line(self, line: int, markdown: str | None) -> tuple[int, bool]:
        generated = False
        written = self._written
        if markdown is not None and written is not None and markdown != written:
            line, generated = _original_line(written, markdown, line)
        return line + self.offset, generated

    @functools.cached_property
    def _written(self) -> str | None:
        # The page's Markdown as the editor wrote it: its file without the front matter (after
        # on_page_markdown, page.markdown holds what the hooks made of it).
        try:
            source = self._page.file.content_string
        except (OSError, ValueError, TypeError):
            return self._page.markdown
        return "\n".join(source.split("\n")[self.offset:])

    def at_key(self, key: str) -> str:
        """'docs/page.md:2': the line of `key:` in the page's front matter."""
        try:
            source = self._page.file.content_string
        except (OSError, ValueError, TypeError):
            source = ""
        return at_line(self.file, front_matter_key_line(source, key))


def _original_line(original: str, changed: str, line: int) -> tuple[int, bool]:
    # Align the two texts line by line (by `_key`); generated lines map to the line they
    # replaced, lines changed in place (a citation rewritten on its line) to themselves. A blank
    # line anchors no match (it only extends one): else a blank line in generated text pairs
    # with the blank line after the marker, and the rest of that text maps to the line after.
    before, after = original.split("\n"), changed.split("\n")
    for tag, first, last, start, end in _opcodes(original, changed):
        if not start < line <= end:
            continue
        if tag == "equal":
            return first + (line - start), False
        # A replaced block: lines alike at its start and its end were changed in place.
        at, size = line - 1 - start, min(last - first, end - start)
        lead = next((k for k in range(size) if not _alike(before[first + k], after[start + k])),
                    size)
        if at < lead:
            return first + at + 1, False
        tail = next((k for k in range(size - lead)
                     if not _alike(before[last - 1 - k], after[end - 1 - k])), size - lead)
        if at >= end - start - tail:
            return last - (end - start - at) + 1, False
        return first + lead + 1, True
    return line, False


@functools.lru_cache(maxsize=4)
def _opcodes(original: str, changed: str) -> list[tuple[str, int, int, int, int]]:
    # Once per page: its messages share it. (difflib is imported here: only a message about a
    # page another hook changed needs it.)
    from difflib import SequenceMatcher

    return SequenceMatcher(_blank, [_key(line) for line in original.split("\n")],
                           [_key(line) for line in changed.split("\n")],
                           autojunk=False).get_opcodes()


def _alike(written: str, changed: str) -> bool:
    # The same line changed in places: their common start and end, or else difflib's matching
    # blocks, are at least 60 % of the two. difflib's bounds from the lengths and the characters
    # settle most pairs of unrelated lines before its full comparison (quadratic in a line).
    from difflib import SequenceMatcher

    if written == changed:
        return True
    total, shorter = len(written) + len(changed), min(len(written), len(changed))
    if 2 * shorter < 0.6 * total:
        return False
    start = 0
    while start < shorter and written[start] == changed[start]:
        start += 1
    end = 0
    while end < shorter - start and written[-1 - end] == changed[-1 - end]:
        end += 1
    if 2 * (start + end) >= 0.6 * total:
        return True
    matcher = SequenceMatcher(None, written, changed)
    return matcher.quick_ratio() >= 0.6 and matcher.ratio() >= 0.6


def front_matter_lines(source: str) -> int:
    """How many lines MkDocs strips from the top of a page as front matter (0 without any)."""
    from mkdocs.utils.meta import YAML_RE  # the pattern MkDocs itself uses

    match = YAML_RE.match(source)
    if match is None:
        return 0
    rest = source[match.end():]
    stripped = len(rest) - len(rest.lstrip("\n"))
    return source.count("\n", 0, match.end()) + stripped


def front_matter_key_line(source: str, key: str) -> int:
    """1-based line of `key:` in a page's front matter (1 when it is not there)."""
    for number, line in enumerate(source.splitlines()[:front_matter_lines(source) or 0], 1):
        if line.startswith(f"{key}:"):
            return number
    return 1
