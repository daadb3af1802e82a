"""SEO: every page's own meta description and a plain <title>.

Material writes `<meta name="description">` from `page.meta.description` (else the site's
description) and `<title>` from `page.meta.title` (else the page title); this hook gives every
page its own description, from front matter `description:` or its first paragraph of running
text, and makes both plain escaped text. `overrides/main.html` writes the Open Graph tags from
the same values. The logic lives in `explainer.seo`.
"""
from __future__ import annotations

import html
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from explainer.location import PageLocation, front_matter_key_line
from explainer.seo import MAX_LENGTH, front_matter_error, plain_title, summary, visible

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
    text = visible(given) if given else summary(html_text)
    if text:
        page.meta["description"] = html.escape(text, quote=True)
    title = page.meta.get("title")
    if isinstance(title, (int, float)) and not isinstance(title, bool):
        title = str(title)                           # `title: 2024` is the text 2024
    if title is not None and not isinstance(title, str):
        _warn(page, config, f"front matter key 'title' must be text, not {type(title).__name__}",
              "title")
        page.meta.pop("title")
    elif title is not None:
        page.meta["title"] = plain_title(title)
    return html_text


def _warn(page, config, message: str, key: str = "description", line: int | None = None
          ) -> None:
    where = PageLocation(page, Path(config.config_file_path).parent)
    try:
        source = page.file.content_string
    except (OSError, ValueError):
        source = ""
    log.warning(f"{where.file}:{line or front_matter_key_line(source, key)}: {message}")
