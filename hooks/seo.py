"""SEO: every page's own meta description and a plain <title>.

Material writes `<meta name="description">` from `page.meta.description` (else the site's
description) and `<title>` from `page.meta.title` (else the page title); this hook gives every
page its own description, from front matter `description:` or its first paragraph of running
text, and makes both plain escaped text. The title, from front matter or the heading, is
escaped text the theme writes as it is everywhere (<title>, header, nav, the footer's
aria-label), so it shows as typed. A front matter `search:` Material's search cannot use is a
warning and left out. `overrides/main.html` writes the Open Graph tags from the same values.
The logic lives in `explainer.seo`.
"""
from __future__ import annotations

import html
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from explainer.location import PageLocation, front_matter_key_line
from explainer.seo import (MAX_LENGTH, front_matter_error, front_matter_key_problems,
                          plain_title, search_problem, summary, visible)

log = get_plugin_logger("seo")


# A page's description and title, ready for the templates (which do not escape).
def on_page_content(html_text, /, *, page, config, files):
    given = page.meta.get("description")
    if given is not None and not isinstance(given, str):
        _warn(page, config, f"front matter key 'description' must be text, not "
                            f"{type(given).__name__}")
        given = None
    elif isinstance(given, str) and not visible(given):
        _warn(page, config, "front matter key 'description' has no visible text")
        given = None
    elif isinstance(given, str) and len(visible(given)) > MAX_LENGTH:
        _warn(page, config, f"front matter key 'description' has {len(visible(given))} "
                            f"characters; search engines show {MAX_LENGTH}")
    problem = front_matter_error(page.markdown or "")
    if problem:
        line, message = problem
        _warn(page, config, f"{message}; the page shows it as text", line=line)
    for line, message in front_matter_key_problems(_source(page)) if page.meta else ():
        _warn(page, config, message, line=line)
    text = visible(given) if given else summary(html_text)
    if text:
        page.meta["description"] = html.escape(text, quote=True)
    _check_search(page, config)
    _set_title(page, config)
    return html_text


# The page's title as escaped text, where the theme looks for it: `page.meta.title` (which
# <title> writes as it is; else it writes the heading through `striptags`, which reads its
# entities back into markup) and, for the home page, whose <title> is the site's name alone,
# `page.title` (the nav and footer).
def _set_title(page, config) -> None:
    title = page.meta.get("title", "")
    if isinstance(title, (int, float)) and not isinstance(title, bool):
        title = str(title)                           # `title: 2024` is the text 2024
    if not isinstance(title, str) and title is not None:
        _warn(page, config, f"front matter key 'title' must be text, not {type(title).__name__}",
              "title")
        page.meta.pop("title")
    elif "title" in page.meta and not plain_title(title or ""):
        _warn(page, config, "front matter key 'title' has no visible text", "title")
        page.meta.pop("title")                       # the heading's title instead
    shown = plain_title(title if "title" in page.meta else page.title or "")
    if not shown:
        return
    if "title" in page.meta or not page.is_homepage:
        page.meta["title"] = shown
    else:
        page.title = shown


# Material's search reads `search:` from front matter; a value it cannot use is left out.
def _check_search(page, config) -> None:
    problem = search_problem(page.meta.get("search"))
    if problem is None:
        return
    message, key = problem
    left_out = f"'{key}' is left out" if key is not None else "it is left out"
    _warn(page, config, f"front matter key 'search' {message}; {left_out}", "search")
    if key is None:
        page.meta.pop("search")
    else:
        page.meta["search"].pop(key)


def _warn(page, config, message: str, key: str = "description", line: int | None = None
          ) -> None:
    where = PageLocation(page, Path(config.config_file_path).parent)
    log.warning(f"{where.file}:{line or front_matter_key_line(_source(page), key)}: {message}")


def _source(page) -> str:
    # The page as its editor wrote it (front matter included), "" if it cannot be read.
    try:
        return page.file.content_string
    except (OSError, ValueError):
        return ""
