"""Find wording copied from a source article into a built site.

An explainer is written from an article, but in its own words: short quotes of what a person
said are fine when they stand in quotation marks, longer runs of the article's words outside
quotes are not. This script compares every page of a built site with the article and reports
each run of at least eight consecutive words (`--words` sets another length) that both share.

    python scripts/check_copied.py site/ path/to/article.txt

What counts as the page's text: everything a reader or a search engine sees in the HTML files
(body text, the page title, `meta` descriptions, `title`/`alt`/`aria-label` attributes), except
`script` and `style`. Text between quotation marks („…“, “…”, "…", «…», »…«, ‚…‘) is left out,
and so is the article's own quoted text. Words are compared in lower case, punctuation ignored;
a run never spans two blocks (paragraphs, list items, headings, table cells).

Output: one line per run, `page: "the words"`; exit status 1 if any run was found, 0 if none,
2 if the site folder or the article cannot be read. Standard library only.
"""
from __future__ import annotations

import argparse
import html.parser
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

MIN_WORDS = 8

# Pairs of opening and closing quotation marks; text between them is a quote, not our wording.
QUOTES = {"„": "“", "“": "”", '"': '"', "«": "»", "»": "«", "‚": "‘", "‘": "’"}
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "div",
              "section", "article", "aside", "header", "footer", "nav", "blockquote", "pre",
              "figcaption", "caption", "summary", "details", "br", "hr", "table", "tr", "ul",
              "ol", "dl", "title", "main", "form", "label", "button", "option", "body", "head"}
SKIPPED_TAGS = {"script", "style", "template", "svg"}
TEXT_ATTRIBUTES = ("title", "alt", "aria-label")
META_NAMES = {"description", "og:description", "og:title", "twitter:description",
              "twitter:title"}


@dataclass
class Run:
    page: str
    words: list[str]

    def __str__(self) -> str:
        return f'{self.page}: "{" ".join(self.words)}"'


@dataclass
class _Blocks(html.parser.HTMLParser):
    """Collects the text of an HTML page as a list of blocks (strings)."""
    blocks: list[str] = field(default_factory=list)
    _current: list[str] = field(default_factory=list)
    _skip_depth: int = 0

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skip_depth += 1
            return
        if tag in BLOCK_TAGS:
            self._flush()
        values = dict(attrs)
        for name in TEXT_ATTRIBUTES:
            if values.get(name):
                self.blocks.append(values[name])
        if tag == "meta" and (values.get("name") or values.get("property")) in META_NAMES:
            self.blocks.append(values.get("content") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = "".join(self._current).strip()
        if text:
            self.blocks.append(text)
        self._current = []


def unquoted_parts(text: str) -> list[str]:
    """The parts of `text` outside quotation marks (an unclosed quote runs to the end)."""
    parts, start, i = [], 0, 0
    while i < len(text):
        closing = QUOTES.get(text[i])
        # A straight or typographic apostrophe inside a word is not a quotation mark.
        inside_word = 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
        if closing and not inside_word:
            end = text.find(closing, i + 1)
            parts.append(text[start:i])
            i = start = (len(text) if end < 0 else end + 1)
            continue
        i += 1
    parts.append(text[start:])
    return [part for part in parts if part.strip()]


def words(text: str) -> list[str]:
    """Lower-case words of `text`; soft hyphens and zero-width characters removed."""
    text = re.sub("[\u00ad\u200b\u200c\u200d\u2060]", "", text)
    return [w.replace("’", "'").lower() for w in WORD.findall(text)]


def page_segments(markup: str) -> list[list[str]]:
    """The word lists of a page that may not copy the article: one per unquoted block part."""
    parser = _Blocks()
    parser.feed(markup)
    parser.close()
    return [ws for block in parser.blocks for part in unquoted_parts(block) if (ws := words(part))]


def article_words(text: str) -> list[list[str]]:
    """The article's own wording, one word list per unquoted part of each line."""
    return [ws for line in text.splitlines() for part in unquoted_parts(line) if (ws := words(part))]


class Article:
    """Index of every `size`-word sequence of the article, for finding shared runs."""

    def __init__(self, segments: list[list[str]], size: int = MIN_WORDS):
        self.size = size
        self.segments = segments
        self.starts: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        for s, seg in enumerate(segments):
            for i in range(len(seg) - size + 1):
                self.starts.setdefault(tuple(seg[i:i + size]), []).append((s, i))

    def runs(self, segment: list[str]) -> list[list[str]]:
        """Maximal runs of `segment` that also stand, word for word, in the article."""
        found, i = [], 0
        while i <= len(segment) - self.size:
            hits = self.starts.get(tuple(segment[i:i + self.size]))
            if not hits:
                i += 1
                continue
            length = max(self._common_length(segment, i, self.segments[s], j) for s, j in hits)
            found.append(segment[i:i + length])
            i += length
        return found

    @staticmethod
    def _common_length(a: list[str], i: int, b: list[str], j: int) -> int:
        n = 0
        while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
            n += 1
        return n


def check_site(site: Path, article_text: str, size: int = MIN_WORDS) -> list[Run]:
    """Every copied run on every HTML page below `site`, pages in path order."""
    article = Article(article_words(article_text), size)
    runs = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        for segment in page_segments(page.read_text(encoding="utf-8", errors="replace")):
            runs.extend(Run(name, run) for run in article.runs(segment))
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site folder (e.g. site/)")
    parser.add_argument("article", type=Path, help="the source article as a UTF-8 text file")
    parser.add_argument("--words", type=int, default=MIN_WORDS,
                        help=f"shortest run to report (default {MIN_WORDS})")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"check_copied: {args.site}: no such folder (build the site first)", file=sys.stderr)
        return 2
    if args.words < 2:
        print("check_copied: --words must be at least 2", file=sys.stderr)
        return 2
    try:
        article_text = args.article.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"check_copied: {args.article}: cannot read the article ({error})", file=sys.stderr)
        return 2
    runs = check_site(args.site, article_text, args.words)
    for run in runs:
        print(run)
    pages = len({run.page for run in runs})
    print(f"check_copied: {len(runs)} run(s) of {args.words} or more words on {pages} page(s)",
          file=sys.stderr)
    return 1 if runs else 0


if __name__ == "__main__":
    sys.exit(main())
