"""Corrections and updates: changes.yml becomes the list page (where a page says
`<!-- changes -->`), a dated notice on each page it names, and dateModified in its JSON-LD.

Events only; the logic is `explainer.changes`, one ChangeLog per build.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority, get_plugin_logger

from explainer.changes import ChangeLog

log = get_plugin_logger("changes")

# The build's ChangeLog (made afresh in on_config; mkdocs serve reuses this module).
_state: dict[str, ChangeLog] = {}


# Read changes.yml; the notices come from a Markdown extension the build adds to every page.
def on_config(config):
    _state["log"] = changes = ChangeLog.from_config(config)
    config.markdown_extensions.append(changes.extension)
    if not changes.found:
        log.info(changes.summary())
    return config


# The pages named exist (else the build stops); links in the texts lead somewhere.
def on_files(files, /, *, config):
    for warning in _state["log"].check_files(files):
        log.warning(warning)
    return files


# The list page's skeleton where the marker is; the page whose notices the extension adds
# (last of all hooks: right before MkDocs converts the page).
@event_priority(-100)
def on_page_markdown(markdown, /, *, page, config, files):
    return _state["log"].page_markdown(markdown, page)


# Every page is rendered: sections checked, the list page names pages and sections by title.
def on_env(env, /, *, config, files):
    for warning in _state["log"].fill_lists():
        log.warning(warning)
    return env


# dateModified beside the Open Graph tags.
def on_post_page(output, /, *, page, config):
    return _state["log"].add_json_ld(output, page)


def on_post_build(*, config):
    if _state["log"].found:
        log.info(_state["log"].summary())
