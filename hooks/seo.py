"""SEO and valid markup: a meta description for every page, and theme markup the Nu checker accepts.

Material writes `<meta name="description">` from `page.meta.description` (else the site's
description) and the canonical link; this hook gives every page its own description, taken from
front matter `description:` or, failing that, from the page's first paragraph. The Open Graph tags
are written by `overrides/main.html` from the same value.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("seo")

MAX_LENGTH = 160  # what search engines show of a description


# A page's description, ready for the templates (which do not escape): front matter or summary.
def on_page_content(html_text, /, *, page, config, files):
    given = page.meta.get("description")
    if given is not None and not isinstance(given, str):
        log.warning("%s:%d: front matter key 'description' must be text, not %s",
                    page.file.src_uri, _line_of_key(page.file.content_string, "description"),
                    type(given).__name__)
        given = None
    text = given.strip() if given else summary(html_text)
    if text:
        page.meta["description"] = html.escape(text, quote=True)
    return html_text


# Material marks its two toggle checkboxes autocomplete="off", which HTML allows on text-like
# inputs only (the Nu checker reports it as an error). What the attribute did there, keeping the
# browser from restoring an open menu on Back, overrides/main.html does with a script instead.
def on_post_page(output, /, *, page, config):
    return remove_checkbox_autocomplete(output)


# The same for pages built from theme templates alone, such as 404.html.
def on_post_template(output_content, /, *, template_name, config):
    return remove_checkbox_autocomplete(output_content)


# --- pure helpers ---

def summary(html_text: str, limit: int = MAX_LENGTH) -> str:
    """Plain text of the first non-empty paragraph, footnote marks left out, cut at a word."""
    parser = _FirstParagraph()
    parser.feed(html_text)
    return shorten(" ".join(parser.text.split()), limit)


def shorten(text: str, limit: int = MAX_LENGTH) -> str:
    """text if it fits in limit characters, else its first words followed by '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def remove_checkbox_autocomplete(page_html: str) -> str:
    """Drop autocomplete from <input type="checkbox"> tags; every other tag stays as it is."""
    return _CHECKBOX.sub(lambda m: _AUTOCOMPLETE.sub("", m.group(0)), page_html)


def _line_of_key(source: str, key: str) -> int:
    """1-based line of `key:` in a page's front matter (1 if it cannot be found)."""
    for number, line in enumerate(source.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')


class _FirstParagraph(HTMLParser):
    """Collects the text of the first <p> at any depth that has text, skipping <sup> (footnotes)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = ""
        self._depth = 0  # > 0 inside a <p>
        self._skip = 0  # > 0 inside a <sup> within the paragraph
        self._done = False

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        if tag == "p":
            self._depth += 1
        elif tag == "sup" and self._depth:
            self._skip += 1

    def handle_endtag(self, tag):
        if self._done:
            return
        if tag == "sup" and self._skip:
            self._skip -= 1
        elif tag == "p" and self._depth:
            self._depth -= 1
            if not self._depth and self.text.strip():
                self._done = True

    def handle_data(self, data):
        if self._depth and not self._skip and not self._done:
            self.text += data
