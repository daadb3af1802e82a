"""Theme: what the templates of overrides/ need from the build, and markup the Nu checker accepts.

- The site's words: templates get the reader-facing strings of explainer.strings in the site's
  language through the Jinja global `explainer_strings` (the 404 page, the name of the footnote
  tooltip's dialog, `og:locale`, the search's "did you mean"). Without this hook the templates
  fall back to the theme's own page.
- The site's own stylesheets arrive inside each page instead of as files of their own. mkdocs.yml
  lists them under `extra_css`, one small file per feature in docs/stylesheets/. Linked, each is
  a request that blocks the first paint, which a slow phone notices; inlined, they come with the
  page (about 3 KB gzipped). Every `extra_css` entry that is a file of docs/ is read on every
  build (so `mkdocs serve` shows an edit at once) and its text handed, in order, to the
  template: overrides/main.html writes them into one `<style>` element after the theme's
  stylesheets, where the links stood, so the cascade is unchanged. A stylesheet that refers to
  other files (`url(`, `@import`) stays a link, since inlined its relative addresses would
  resolve against the page; so does an entry that is no file of docs/.
- The site's name: Material writes `site_name` (and the nav's titles) into the pages mostly as
  it is, inside attributes too, so a name with `<`, `>`, `"` or a character reference (`&copy`,
  `&amp;`, shown as "©" and "&" there but as typed in og:site_name) would be markup there. It is
  a warning (mkdocs.yml names the site; the name stays as written). So is `site_description`,
  which Material writes as it is into the meta description of 404.html and of every page that
  has no description of its own (hooks/seo.py escapes those it makes).
- Material marks its two toggle checkboxes autocomplete="off", which HTML allows on text-like
  inputs only (the Nu checker reports it as an error). The templates are read without it (their
  source, as the loader hands it out), so every page, 404.html too, comes without it. What the
  attribute did there, keeping the browser from restoring an open menu on Back,
  overrides/main.html does with a script instead.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from explainer.strings import for_config
from explainer.theme import ValidToggles, markup_characters, nav_titles

log = get_plugin_logger("theme")

# What only a stylesheet of its own can do: load files relative to its own address.
REFERS_TO_FILES = re.compile(r"url\(|@import", re.I)


# The site's name, its description and the nav's titles as the theme shows them, unescaped.
def on_config(config):
    shown = os.path.basename(config.config_file_path or "mkdocs.yml")
    for key, text in [("site_name", config.site_name),
                      ("site_description", config.site_description or ""),
                      *(("nav", title) for title in nav_titles(config.nav))]:
        found = markup_characters(text)
        if found:
            log.warning(f"{shown}: {key} {text!r} contains {' '.join(found)}, which the theme "
                        f"would write into every page as markup; leave them out")
    strings = for_config(config)
    if strings.is_fallback:               # a site in French: Material's words French, ours not
        log.info(f"{shown}: theme.language '{strings.requested}': the generator's own words "
                 f"(footnotes, glossary, timeline, notices, 404 page) are in German and English "
                 f"only; they are in English here")
    return config


# The pages are about to be rendered: templates with valid toggles, the site's words for them,
# and the local stylesheets moved from the links into the page.
def on_env(env, /, *, config, files):
    env.loader = ValidToggles(env.loader)
    env.globals["explainer_strings"] = for_config(config)
    inlined, linked = [], []
    for entry in config.extra_css:
        file = files.get_file_from_path(str(entry))
        text = file.content_string if file is not None else None
        if text is None or REFERS_TO_FILES.search(text):
            linked.append(entry)
        elif re.search(r"</style", text, re.I):
            shown = os.path.relpath(file.abs_src_path, Path(config.config_file_path).parent)
            log.warning(f"{shown}: contains '</style', which would end the inlined stylesheet; "
                        "it stays a link")
            linked.append(entry)
        else:
            inlined.append(f"/* {file.src_uri} */\n{text.strip()}")
    config.extra_css[:] = linked
    env.globals["inline_css"] = "\n".join(inlined)
    return env
