"""Map: `<!-- karte: <frame> -->` (or `<!-- map: <frame> -->`) on a line of its own becomes an
SVG map drawn at build time.

The logic lives in `explainer.map`; this hook holds the MkDocs events and one state object per
build. Data: places.yml beside mkdocs.yml (places and frames) and the country outlines in
data/naturalearth/outlines-10m.geojson, derived from the frames by `make map-data`. Without a
places.yml the feature is off.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from explainer import html_blocks, preview
from explainer.location import PageLocation, at_entry
from explainer.map.build import OUTLINES_FILE, PLACES_FILE, MapBuild, load_build
from explainer.map.svg import figure_markdown, note_placeholder, placeholder, relative_url
from explainer.markers import find_markers, has_marker, marker_warnings, replace_markers
from explainer.options import feature_options, unknown_options
from explainer.preview import Problems
from explainer.rules import did_you_mean
from explainer.strings import for_config

log = get_plugin_logger("map")
MARKERS = ("karte", "map")          # <!-- karte: frame --> (or the English name)


@dataclass
class _Build:
    problems: Problems                 # this build's broken map data (shown in a preview)
    maps: MapBuild | None = None       # None: the maps are off (or broken, in a preview)
    off: str = ""                      # why they are off: no places.yml, or nothing in it


_build: _Build | None = None

# Once per process: a preview shows a broken places.yml in its pages instead of stopping.
on_startup = preview.on_startup
on_serve = preview.on_serve      # data files missing at the start: their folders watched


# Read places.yml and the outlines once per build, lay out every map's names, watch the data.
def on_config(config):
    global _build
    for message in unknown_options(feature_options(config, "map"), "map", ()):
        log.warning(message)                # places.yml holds what a map shows
    html_blocks.for_config(config)      # the figure's blocks (explainer.map.svg), where wanted
    base = Path(config.config_file_path).parent
    strings = for_config(config)
    _build = _Build(problems=Problems(preview.serving(), log, strings))
    if (base / PLACES_FILE).exists():
        _watch(config, base)
    _build.maps = _build.problems.attempt(load_build, base, strings)
    if _build.maps is None:
        if not _build.problems.errors:
            if (base / PLACES_FILE).exists():
                _build.off = f"{PLACES_FILE} has no places and frames"
                log.info(f"{_build.off}: maps are off")
            else:
                _build.off = f"there is no {PLACES_FILE}"
                log.info(f"no {PLACES_FILE} beside mkdocs.yml: maps are off")
        return config
    for message in _build.maps.warnings:
        log.warning(message)
    return config


# Every place must link to a page of this site: a missing page stops the build (in a preview,
# the maps are left out and the error says why).
def on_files(files, /, *, config):
    maps, problems = _build.maps, _build.problems
    if maps is None:
        return files
    for place in maps.places.places.values():
        target = files.get_file_from_path(place.page)
        if target is None or not target.is_documentation_page():
            problems.fail(f"{at_entry(maps.places_shown, place.entry, 'link')}: page "
                          f"'{place.page}' does not exist in docs/")
        elif target.inclusion.is_excluded():
            problems.fail(f"{at_entry(maps.places_shown, place.entry, 'link')}: page "
                          f"'{place.page}' is not a page of the site (exclude_docs or "
                          f"draft_docs leaves it out)")
    for problem in maps.credit_problems(files):
        problems.fail(problem)
    if problems.errors:
        _build.maps = None
    return files


# Each marker becomes the figure's Markdown: a placeholder for the SVG and the list of places.
def on_page_markdown(markdown, /, *, page, config, files):
    base = Path(config.config_file_path).parent
    where = PageLocation(page, base)
    for message in marker_warnings(markdown, MARKERS, where):
        log.warning(message)
    if not has_marker(markdown, MARKERS):
        return None
    maps = _build.maps
    if maps is None:
        if _build.problems.errors:
            return None                   # a preview with a broken places.yml: said above
        for marker in find_markers(markdown, MARKERS):
            log.warning(f"{where.at(marker.line, markdown)}: the page asks for a map, but "
                        f"{_build.off}")
        return None
    maps.figures.pop(page.file.src_uri, None)
    frames = maps.places.frames

    def render(marker):
        if marker.args not in frames:
            log.warning(f"{where.at(marker.line, markdown)}: unknown map frame "
                        f"'{marker.args}'{did_you_mean(marker.args, frames)} (frames in "
                        f"{maps.places_shown}: {', '.join(frames) or 'none'})")
            return None
        ident = maps.add_figure(page.file.src_uri, marker.args)
        html_blocks.for_config(config).want()
        return figure_markdown(frames[marker.args], maps.places.places, ident, maps.strings)

    return replace_markers(markdown, MARKERS, render)


# Put the SVG into each placeholder, with links relative to this page.
def on_page_content(html, /, *, page, config, files):
    maps = _build.maps
    if maps is None:
        return html
    for frame_id, ident in maps.figures.pop(page.file.src_uri, []):
        urls = {p.id: relative_url(p.link, page.file, files)
                for p in maps.places.places.values()}
        html = html.replace(placeholder(ident), maps.svg(frame_id, ident, urls), 1)
        html = html.replace(note_placeholder(ident), maps.note(page.file, files), 1)
    return html


# Every page has been rendered: frames that no page shows are reported, not dropped in
# silence, and so is a place's link to a section its page does not have.
def on_env(env, /, *, config, files):
    maps = _build.maps
    if maps is None:
        return env
    for message in [*maps.unshown_frames(), *maps.missing_anchors(files)]:
        log.warning(message)
    return env


# In a preview, the errors of a broken places.yml or outlines file at the top of every page.
def on_post_page(output, /, *, page, config):
    return _build.problems.show(output)


def _watch(config, base: Path) -> None:
    # Watched before they are read, so that a preview with a broken file rebuilds when the fix
    # is saved; without the outlines, their folder, where `make map-data` writes them.
    outlines = base / OUTLINES_FILE
    for path in (base / PLACES_FILE, outlines if outlines.exists() else outlines.parent):
        preview.watch(config, path)
