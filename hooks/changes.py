"""Corrections and updates: changes.yml becomes the list page (where a page says
`<!-- changes -->`), a dated notice on each page it names, and dateModified in its JSON-LD.

Events only; the logic is `explainer.changes`. One state object per build holds its ChangeLog
and the problems a preview shows. Without changes.yml the feature is off.
"""
from __future__ import annotations

from dataclasses import dataclass

from mkdocs.plugins import event_priority, get_plugin_logger

from explainer import preview
from explainer.changes import ChangeLog, read
from explainer.options import feature_options, unknown_options
from explainer.preview import Problems
from explainer.strings import for_config

log = get_plugin_logger("changes")


@dataclass
class _Build:
    changes: ChangeLog        # this build's changes (none without changes.yml)
    problems: Problems        # this build's broken changes.yml (shown in a preview)


_build: _Build | None = None          # made afresh in on_config

# Once per process: a preview shows a broken changes.yml in its pages instead of stopping.
on_startup = preview.on_startup
on_serve = preview.on_serve      # data files missing at the start: their folders watched


# Read changes.yml; the notices come from a Markdown extension the build adds to every page.
def on_config(config):
    global _build
    for message in unknown_options(feature_options(config, "changes"), "changes", ()):
        log.warning(message)                # changes.yml beside mkdocs.yml holds the changes
    problems = Problems(preview.serving(), log, for_config(config))
    changes = ChangeLog.from_config(config, lambda path: problems.attempt(read, path, default=[]))
    _build = _Build(changes=changes, problems=problems)
    config.markdown_extensions.append(changes.extension)
    if not changes.found:
        log.info(changes.summary())
    return config


# The pages named exist (else the build stops); links in the texts lead somewhere.
def on_files(files, /, *, config):
    warnings = _build.problems.attempt(_build.changes.check_files, files)
    if warnings is None:
        _build.changes.withdraw()
    for warning in warnings or ():
        log.warning(warning)
    return files


# The list page's skeleton where the marker is; the page whose notices the extension adds
# (last of all hooks: right before MkDocs converts the page).
@event_priority(-100)
def on_page_markdown(markdown, /, *, page, config, files):
    markdown, warnings = _build.changes.page_markdown(markdown, page)
    for warning in warnings:
        log.warning(warning)
    return markdown


# Every page is rendered: sections checked, the list page names pages and sections by title.
def on_env(env, /, *, config, files):
    for warning in _build.changes.fill_lists():
        log.warning(warning)
    return env


# dateModified beside the Open Graph tags; in a preview, a broken changes.yml at the top.
def on_post_page(output, /, *, page, config):
    return _build.problems.show(_build.changes.add_json_ld(output, page))


def on_post_build(*, config):
    if _build.changes.found:
        log.info(_build.changes.summary())
