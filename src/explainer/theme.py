"""Theme markup: Material's templates as the Nu checker accepts their pages, and the site name
they can show (hooks/theme.py)."""
from __future__ import annotations

import html
import re

import jinja2


def remove_checkbox_autocomplete(page_html: str) -> str:
    """Drop autocomplete from <input type="checkbox"> tags; every other tag stays as it is."""
    return _CHECKBOX.sub(lambda m: _AUTOCOMPLETE.sub("", m.group(0)), page_html)


_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')


class ValidToggles(jinja2.BaseLoader):
    """The theme's template loader, its templates' source passed through
    remove_checkbox_autocomplete: the tags are fixed where they are written, once per build,
    not in every page written from them."""

    def __init__(self, loader: jinja2.BaseLoader):
        self.loader = loader

    def get_source(self, environment, template):
        source, filename, uptodate = self.loader.get_source(environment, template)
        return remove_checkbox_autocomplete(source), filename, uptodate

    def list_templates(self):
        return self.loader.list_templates()


# The theme writes site_name into pages mostly unescaped, also inside attributes (aria-label).
# A character reference, `&copy` and `&amp;` as well as `&#169;`: <title> would show "©" and "&",
# og:site_name (escaped) the name as typed. A lone `&` (`Krieg & Frieden`) shows as typed.
_MARKUP_IN_NAME = re.compile(r'[<>"]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?')


def markup_characters(name: str) -> list[str]:
    """The characters of a site name or nav title that the theme would write into its pages
    as markup: `<`, `>`, `"` and character references."""
    found = (m for m in _MARKUP_IN_NAME.findall(name or "") if m[0] != "&" or html.unescape(m) != m)
    return list(dict.fromkeys(found))


def nav_titles(nav) -> list[str]:
    """Every title mkdocs.yml's nav gives (`- Title: page.md`, sections too), in order; the
    theme writes them unescaped like the site name."""
    titles = []
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                titles.append(str(title))
                if isinstance(value, list):
                    titles += nav_titles(value)
    return titles
