"""Map: `<!-- karte: <frame> -->` on a line of its own becomes an SVG map drawn at build time.

The logic lives in `explainer.map`; this hook holds the MkDocs events and one state object per
build. Data: places.yml beside mkdocs.yml (places and frames) and the country outlines in
data/naturalearth/outlines-10m.geojson, derived from the frames by `make map-data`. Without a
places.yml the feature is off.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from explainer import html_blocks
from explainer.location import PageLocation, at_entry
from explainer.map.build import OUTLINES_FILE, PLACES_FILE, MapBuild, load_build
from explainer.map.svg import figure_markdown, placeholder, relative_url
from explainer.markers import find_markers, has_marker, replace_markers
from explainer.rules import did_you_mean
from explainer.strings import for_config

log = get_plugin_logger("map")
MARKER = "karte"

_build: MapBuild | None = None


# Read places.yml and the outlines once per build, lay out every map's names, watch the data.
def on_config(config):
    global _build
    html_blocks.for_config(config)      # the figure's blocks (explainer.map.svg), where wanted
    base = Path(config.config_file_path).parent
    _build = load_build(base, for_config(config))
    if _build is None:
        log.info(f"no {PLACES_FILE} beside mkdocs.yml, or no places and frames in it: maps are off")
        return config
    for message in _build.warnings:
        log.warning(message)
    for path in (base / PLACES_FILE, base / OUTLINES_FILE):
        if str(path) not in {str(Path(p).resolve()) for p in config.watch}:
            config.watch.append(str(path))
    return config


# Every place must link to a page of this site: a missing page stops the build.
def on_files(files, /, *, config):
    if _build is not None:
        for place in _build.places.places.values():
            if files.get_file_from_path(place.page) is None:
                raise PluginError(f"{at_entry(_build.places_shown, place.entry, 'link')}: page "
                                  f"'{place.page}' does not exist in docs/")
    return files


# Each marker becomes the figure's Markdown: a placeholder for the SVG and the list of places.
def on_page_markdown(markdown, /, *, page, config, files):
    if not has_marker(markdown, [MARKER]):
        return None
    base = Path(config.config_file_path).parent
    where = PageLocation(page, base)
    if _build is None:
        why = (f"{PLACES_FILE} has no places and frames" if (base / PLACES_FILE).exists()
               else f"there is no {PLACES_FILE}")
        for marker in find_markers(markdown, [MARKER]):
            log.warning(f"{where.at(marker.line)}: the page asks for a map, but {why}")
        return None
    _build.figures.pop(page.file.src_uri, None)
    frames = _build.places.frames

    def render(marker):
        if marker.args not in frames:
            log.warning(f"{where.at(marker.line)}: unknown map frame '{marker.args}'"
                        f"{did_you_mean(marker.args, frames)} (frames in "
                        f"{_build.places_shown}: {', '.join(frames) or 'none'})")
            return None
        ident = _build.add_figure(page.file.src_uri, marker.args)
        html_blocks.for_config(config).want()
        return figure_markdown(frames[marker.args], _build.places.places, ident,
                               _build.strings, _build.places.credit)

    return replace_markers(markdown, [MARKER], render)


# Put the SVG into each placeholder, with links relative to this page.
def on_page_content(html, /, *, page, config, files):
    if _build is None:
        return html
    for frame_id, ident in _build.figures.pop(page.file.src_uri, []):
        urls = {p.id: relative_url(p.link, page.file, files)
                for p in _build.places.places.values()}
        html = html.replace(placeholder(ident), _build.svg(frame_id, ident, urls), 1)
    return html


# Every page has been read: frames that no page shows are reported, not dropped in silence.
def on_env(env, /, *, config, files):
    if _build is not None and _build.places.frames and not _build.pages:
        log.warning(f"{_build.places_shown}: {len(_build.places.frames)} map frame(s), but no "
                    f"page has a line <!-- {MARKER}: <frame> --> where a map goes")
    return env
