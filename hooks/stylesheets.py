"""Stylesheets: the site's own stylesheets arrive inside each page instead of as files of their own.

mkdocs.yml lists them under `extra_css`, one small file per feature in docs/stylesheets/. Linked,
each is a request that blocks the first paint, which a slow phone notices; inlined, they come
with the page (about 3 KB gzipped). This hook takes every `extra_css` entry that is a file of
docs/, reads it on every build (so `mkdocs serve` shows an edit at once) and hands the texts, in
their order, to the template: overrides/main.html writes them into one `<style>` element after
the theme's stylesheets, where the links stood, so the cascade is unchanged. A stylesheet that
refers to other files (`url(`, `@import`) stays a link, since inlined its relative addresses
would resolve against the page; so does an entry that is no file of docs/.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("stylesheets")

# What only a stylesheet of its own can do: load files relative to its own address.
REFERS_TO_FILES = re.compile(r"url\(|@import", re.I)


# The pages are about to be rendered: move the local stylesheets from the links into the page.
def on_env(env, /, *, config, files):
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
