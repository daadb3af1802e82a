"""What one build knows about its maps: places, frames, laid-out names, drawings, figures."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..changes.inline import InlineError, InlineMarkdown, Rendered, resolver
from ..data import load_yaml
from ..location import at_entry, shown_path
from ..strings import Strings
from . import labels
from .outlines import check_coverage, check_highlights, load_outlines
from .places import Places, parse_places
from .svg import frame_drawing, frame_layouts, note_html, render_svg

PLACES_FILE = "places.yml"
OUTLINES_FILE = "data/naturalearth/outlines-10m.geojson"


@dataclass
class MapBuild:
    places: Places
    strings: Strings
    places_shown: str
    layouts: dict[str, dict[str, labels.Layout]]
    drawings: dict[str, str]        # frame -> what each of its maps draws alike (frame_drawing)
    warnings: list[str]
    figures: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # page -> (frame, id)
    shown: set[str] = field(default_factory=set)    # the frames some page shows
    _inline: InlineMarkdown | None = None            # renders the credit line, made when needed
    _note: str | None = None        # the note under the maps, where it is the same on every page
    _credit_links: list[tuple[str, str]] = field(default_factory=list)  # (page, anchor) linked

    def add_figure(self, page: str, frame_id: str) -> str:
        """A new figure of frame_id on page; its element id is unique on the page."""
        self.shown.add(frame_id)
        figures = self.figures.setdefault(page, [])
        figures.append((frame_id, f"karte-{frame_id}-{len(figures) + 1}"))
        return figures[-1][1]

    def svg(self, frame_id: str, ident: str, urls: dict[str, str]) -> str:
        frame = self.places.frames[frame_id]
        return render_svg(frame, self.places.places, self.drawings[frame_id],
                          self.layouts[frame_id], urls, ident, self.strings)

    def credit_problems(self, files) -> list[str]:
        """What is wrong with places.yml's credit line, as in changes.yml's texts: more than one
        paragraph of inline Markdown, an image, a link that leads to no page of the site (or
        not to https://…, http://…, mailto:…). Each stops the build, like a place's link."""
        if not self.places.credit:
            return []
        where = at_entry(self.places_shown, None, "credit")
        try:
            credit = self._credit(resolver(files))
        except InlineError as error:
            return [f"{where}: {error}"]
        self._credit_links = credit.links
        return [f"{where}: {problem}" for problem in credit.problems]

    def note(self, page_file, files) -> str:
        """The note under the maps of one page (credit_problems() found nothing): its links
        relative to that page; the same for every page when it links to none."""
        if self._note is not None:
            return self._note
        credit = self._credit(resolver(files, page_file)) if self.places.credit else None
        note = note_html(self.strings, credit.html if credit else "")
        if credit is None or not credit.links:
            self._note = note
        return note

    def _credit(self, resolve) -> Rendered:
        if self._inline is None:
            self._inline = InlineMarkdown()
        return self._inline.render(self.places.credit, resolve)

    def unshown_frames(self) -> list[str]:
        """A warning for each frame no page shows, asked once all pages are read: a map
        defined and drawn, but nowhere on the site."""
        return [f"{at_entry(self.places_shown, f'frame {frame_id!r}')}: no page shows this map "
                f"(write <!-- karte: {frame_id} --> on a line of its own where it goes)"
                for frame_id in self.places.frames if frame_id not in self.shown]

    def missing_anchors(self, files) -> list[str]:
        """A warning for each place whose link names a section its page does not have; asked
        once all pages are rendered (a page this build did not render, in a dirty preview, is
        not checked). The anchors are MkDocs' own (`present_anchor_ids`), as its link check."""
        warnings = []
        for place in self.places.places.values():
            anchor = place.link.partition("#")[2]
            target = files.get_file_from_path(place.page)
            ids = target.page.present_anchor_ids if target and target.page else None
            if anchor and ids is not None and anchor not in ids:
                warnings.append(f"{at_entry(self.places_shown, place.entry, 'link')}: "
                                f"docs/{place.page} has no anchor '#{anchor}'")
        for path, anchor in self._credit_links:
            target = files.get_file_from_path(path)
            ids = target.page.present_anchor_ids if target and target.page else None
            if anchor and ids is not None and anchor not in ids:
                warnings.append(f"{at_entry(self.places_shown, None, 'credit')}: link to "
                                f"'{path}#{anchor}': no anchor '{anchor}' on {path}")
        return warnings


def load_build(base: Path, strings: Strings) -> MapBuild | None:
    """The maps of the site whose mkdocs.yml is in `base`; None when it has no places.yml or
    one without entries (a new explainer's, comments only). The outlines are read, drawn for
    every frame and let go: the build keeps the drawings, not the coordinates. Drawn once
    while places.yml and the outlines stay the same: `mkdocs serve` rebuilds on every save,
    and drawing is what the maps cost most."""
    places_path = base / PLACES_FILE
    if not places_path.exists():
        return None
    drawn = _drawn(str(base), _stamp(places_path), _stamp(base / OUTLINES_FILE))
    if drawn is None:
        return None
    places, shown, layouts, drawings, warnings = drawn
    return MapBuild(places, strings, shown, layouts, drawings, list(warnings))


def _stamp(path: Path) -> tuple[int, int] | None:
    # What tells a changed file: its modification time and size (None: no such file).
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=2)
def _drawn(base_dir: str, places_stamp, outlines_stamp):
    # Keyed by the two files' stamps (a broken file raises, and nothing is kept).
    base = Path(base_dir)
    places_path = base / PLACES_FILE
    shown = shown_path(places_path, base)
    places = parse_places(load_yaml(places_path, shown), shown)
    if not places.places and not places.frames:
        return None
    outlines_shown = shown_path(base / OUTLINES_FILE, base)
    outlines = load_outlines(base / OUTLINES_FILE, outlines_shown)
    check_coverage(places.frames, outlines, shown, outlines_shown)
    warnings = [*places.warnings,
                *check_highlights(places.frames, outlines, shown, outlines_shown)]
    layouts, drawings = {}, {}
    for frame_id, frame in places.frames.items():
        layouts[frame_id] = frame_layouts(frame, places.places)
        problems = [p for layout in layouts[frame_id].values() for p in layout.problems]
        warnings += [f"{shown}: frame '{frame_id}', {p}" for p in dict.fromkeys(problems)]
        drawings[frame_id] = frame_drawing(frame, outlines, layouts[frame_id])
    return places, shown, layouts, drawings, tuple(warnings)
