"""Timeline: the dated events of timeline.yml as a vertical timeline where a page has the line
`<!-- timeline -->` (or `<!-- chronologie -->`).

The logic lives in `explainer.timeline`; this hook holds the MkDocs events and one state object
per build. Without timeline.yml the feature is off.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from explainer import html_blocks, preview
from explainer.citations.registry import site_keys
from explainer.citations.scan import scan
from explainer.links import TextLinks
from explainer.location import PageLocation, at_entry, remember, shown_path
from explainer.markers import argument_ignored, find_markers, marker_warnings, replace_first
from explainer.options import data_file_option, feature_options, unknown_options
from explainer.preview import Problems
from explainer.rules import did_you_mean
from explainer.strings import Strings, for_config
from explainer.timeline.events import Event, borrowed_links, load_events, source_key
from explainer.timeline.render import MARKERS, render_markdown

log = get_plugin_logger("timeline")

OPTIONS = ("file",)                            # of extra.timeline


@dataclass
class _Build:
    events: list[Event] | None            # None: the timeline is off (or broken, in a preview)
    shown: str
    strings: Strings
    problems: Problems
    markdown: str = ""
    pages: list[str] = field(default_factory=list)     # pages that show the timeline
    off: str = ""                                      # why it is off: no file, or no events
    links: TextLinks = field(default_factory=TextLinks)   # the events' links


_build: _Build | None = None

# Once per process: a preview shows broken data files in its pages instead of stopping.
on_startup = preview.on_startup
on_serve = preview.on_serve      # data files missing at the start: their folders watched


# Load and check timeline.yml once per build; its sources must be in the registry. The
# timeline's wrapper is an element block, loaded into the pages that show it
# (explainer.html_blocks).
def on_config(config):
    global _build
    if "attr_list" not in config.markdown_extensions:
        raise PluginError("mkdocs.yml: the timeline hook needs the Markdown extension 'attr_list'")
    html_blocks.for_config(config)
    options = feature_options(config, "timeline")
    for message in unknown_options(options, "timeline", OPTIONS):
        log.warning(message)
    base = Path(config.config_file_path).parent
    path = data_file_option(config, "timeline", "file", "timeline.yml")
    shown = shown_path(path, base)
    strings = for_config(config)
    _build = _Build(events=None, shown=shown, strings=strings,
                    problems=Problems(preview.serving(), log, strings),
                    links=TextLinks.for_config(config))
    preview.watch(config, path)
    if not path.exists():
        _build.off = f"there is no {shown}"
        if "file" in options:                # named in mkdocs.yml: a misspelt name, likely
            log.warning(f"{shown} not found (extra.timeline.file in mkdocs.yml names it): "
                        f"timeline off")
        else:
            log.info(f"{shown} not found: timeline off")
        return config
    events = _build.problems.attempt(load_events, path, shown)
    if events == []:
        _build.off = f"{shown} has no events"
        log.info(f"{shown} has no events: timeline off")
        return config
    known = _build.problems.attempt(site_keys, config, report=False)
    if events is not None:
        for message in _unknown_sources(events, known, shown):
            log.warning(message)
        _build.events = events
        _build.markdown = remember(render_markdown(events, _build.strings, shown),
                                   sources_checked=known is not None)
    return config


# The timeline goes where the marker stands before other hooks read the page (priority 90):
# the citations hook then turns the events' [@key] into footnotes.
@event_priority(90)
def on_page_markdown(markdown, /, *, page, config, files):
    for message in marker_warnings(markdown, MARKERS,
                                     PageLocation(page, Path(config.config_file_path).parent),
                                     takes_argument=False):
        log.warning(message)
    if "<!--" not in markdown or not any(name in markdown for name in MARKERS):
        return None
    markers = find_markers(markdown, MARKERS)
    if not markers:
        return None
    if _build.events is None:
        if _build.problems.errors:
            return None                   # a preview with a broken timeline.yml: said above
        where = PageLocation(page, Path(config.config_file_path).parent)
        for marker in markers:
            log.warning(f"{where.at(marker.line, markdown)}: <!-- {marker.name} --> asks for "
                        f"the timeline, but {_build.off}")
        return None
    _build.pages.append(page.file.src_uri)
    html_blocks.for_config(config).want()
    changed, others = replace_first(markdown, MARKERS, _build.markdown)
    where = PageLocation(page, Path(config.config_file_path).parent)
    # The events' links, read from this page as MkDocs reads them, said at their entries.
    for level, message in _build.links.check(
            ((at_entry(_build.shown, event.entry, name), getattr(event, name))
             for event in _build.events for name in ("text", "dating")), page.file, files):
        log.log(level, message)
    if "]:" in markdown:                  # the page defines link references the events may take
        for message in borrowed_links(_build.events, scan(markdown).link_labels, where.file,
                                      _build.shown):
            log.warning(message)
    for marker in markers:                # the timeline is all events; nothing selects some
        ignored = argument_ignored(marker)
        if ignored:
            log.warning(f"{where.at(marker.line, markdown)}: {ignored}")
    for marker in others:
        log.warning(f"{where.at(marker.line, markdown)}: the timeline is on this page already "
                    f"(line {where.line(markers[0].line, markdown)}); this "
                    f"<!-- {marker.name} --> is left out")
    return changed


# Every page has been read: events that no page shows are reported, not dropped in silence;
# the anchors the events' links name are checked.
def on_env(env, /, *, config, files):
    for level, message in _build.links.check_anchors(files):
        log.log(level, message)
    if _build.events and not _build.pages:
        count = len(_build.events)
        log.warning(f"{_build.shown}: {count} event{'s' if count != 1 else ''}, but no page has "
                    f"the line <!-- timeline --> where the timeline goes")
    return env


# In a preview, the errors of broken data files at the top of every page.
def on_post_page(output, /, *, page, config):
    return _build.problems.show(output)


def _unknown_sources(events: list[Event], known: set[str] | None, shown: str) -> list[str]:
    # A content problem, reported at the event (README, Messages): the timeline still shows,
    # the citation with the citations hook's marker for an unknown source (and without its
    # warning: the text is remembered with its sources checked).
    if known is None:
        return []
    warnings = []
    for event in events:
        for name, keys in (
                ("sources", [source_key(source) for source in event.sources]),
                *((name, [c.key for citation in scan(text).citations for c in citation.cites])
                  for name, text in (("text", event.text), ("dating", event.dating)))):
            warnings += [f"{at_entry(shown, event.entry, name)}: unknown source '{key}'"
                         f"{did_you_mean(key, sorted(known))}"
                         for key in dict.fromkeys(keys) if key not in known]
    return warnings
