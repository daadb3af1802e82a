"""`make new DIR=../mein-thema`: a minimal explainer that builds with `mkdocs build --strict`.

    python -m explainer.scaffold ../mein-thema [--language en] [--name "Mein Thema"]

writes mkdocs.yml (this generator's hooks and theme files, by relative path), docs/index.md,
docs/sources.md, docs/stylesheets/ (copies of the generator's six stylesheets), a sources.yml
with one commented example entry, the optional data files (glossary.yml, timeline.yml,
places.yml, changes.yml) as commented examples, each feature off until its file holds an entry,
a Makefile whose `make serve`, `make build`, `make deploy` and `make map-data` use this
generator's tools, and a .gitignore (site/). An existing file is never overwritten; a folder
that is a file, or lies in another explainer's docs folder, is refused.
"""
from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import sys
import unicodedata
from pathlib import Path

import yaml

from .markup import literal
from .seo import visible
from .theme import markup_characters

GENERATOR = Path(__file__).resolve().parents[2]          # the repository holding hooks/
# The same hooks and stylesheets, in the same order, as the generator's own mkdocs.yml.
HOOKS = ("citations", "glossary", "search", "map", "timeline", "changes", "seo", "theme")
STYLESHEETS = ("site.css", "glossary.css", "map.css", "timeline.css", "citations.css",
               "changes.css")

TEXT = {
    "de": {
        "index": "# {name}\n\nWorum es geht, in zwei Sätzen. Jede Aussage bekommt einen Beleg "
                 "aus sources.yml, etwa so: `[@beispiel]`. Solange es keinen gibt, steht hier "
                 "dieser Hinweis.\n{{: .ohne-beleg }}\n",
        "sources": "# Quellen\n\nJede Quelle aus sources.yml, mit den Seiten, die sie zitieren.\n"
                   "{: .ohne-beleg }\n\n<!-- citations: sources -->\n",
        "nav": ("Überblick", "Quellen"),
        "search": "de",
        "permalink": "Link zu diesem Abschnitt",
    },
    "en": {
        "index": "# {name}\n\nWhat this is about, in two sentences. Every statement gets a source "
                 "from sources.yml, like this: `[@example]`. Until it has one, this note stays.\n"
                 "{{: .no-source }}\n",
        "sources": "# Sources\n\nEvery source in sources.yml, with the pages citing it.\n"
                   "{: .no-source }\n\n<!-- citations: sources -->\n",
        "nav": ("Overview", "Sources"),
        "search": "en",
        "permalink": "Link to this section",
    },
}

# The sources page lists every title and outlet: search shows the pages that tell the story first.
SOURCES_FRONT_MATTER = """\
---
search:
  boost: 0.1
---

"""

# The optional data files: a comment on the fields, then one commented example each, in the
# site's language. Uncommented, an example builds with --strict (tests/build/test_new_explainer.py);
# the comment names the page it needs where the scaffold writes none.
SOURCES_YML = """\
# Sources: one entry per source, in CSL fields (https://citationstyles.org). Pages cite an entry
# by its id: [@{id}], [@{id}, {locator}], [@{id}; @other]. Dates: YYYY-MM-DD, YYYY-MM or YYYY.
#
# - id: {id}
#   type: article-newspaper          # article, webpage, report, speech, interview, ...
#   container-title: {outlet}   # the outlet
#   title: {headline}
#   issued: 2024-12-09
#   URL: https://example.org/the-article
#   accessed: 2024-12-10
"""

GLOSSARY_YML = """\
# Glossary (optional; delete this file to switch the glossary off). Mentions of a term or its
# variants on any page get a tooltip; the first one links to the term's entry on a page with
# the line <!-- glossary --> if there is one (such as docs/glossary.md, put in the nav), or to
# the section given in `link` (a page and its heading: index.md#{heading}).
# The example cites the example of sources.yml: uncomment that one too.
#
# - term: {term}
#   kind: place                      # place, organisation, person, medium or term
#   variants: [{variant}]       # other spellings, marked like the term
#   synonyms: [{synonym}]              # other words for it, for search only
#   short: {short}
#   explanation: {explanation} [@{id}]
#   sources: [{id}]
"""

TIMELINE_YML = """\
# Timeline (optional; delete this file to switch it off). The events appear where a page has
# the line <!-- timeline -->, sorted by date (add it to a page, e.g. docs/index.md).
# The example cites the example of sources.yml: uncomment that one too.
#
# events:
#   - date: 2024-12                  # YYYY-MM-DD, YYYY-MM or YYYY
#     approx: {approx}                    # for a month or year only: {approx_words}
#     text: {event}
#     sources: [{id}]
"""

PLACES_YML = """\
# Map (optional; delete this file to switch maps off). A page shows a map where it has the
# line <!-- karte: <frame id> --> (for the example: <!-- karte: lisbon-coast -->, e.g. in
# docs/index.md). Coordinates are copied from a source, never estimated.
# After adding or moving a frame, run `make map-data`: it derives the country outlines the
# maps are drawn from (data/naturalearth/outlines-10m.geojson).
#
# credit: {credit}
# places:
#   - id: lisbon
#     name: {lisbon}
#     kind: capital                  # capital, city, suburb, airbase or naval
#     lat: 38.722                    # decimal degrees, north and east positive
#     lon: -9.139
#     source: "{place_source}"
#     link: index.md                 # the page (and anchor) that treats the place
# frames:
#   lisbon-coast:
#     title: {frame}
#     west: -9.8
#     east: -8.4
#     south: 38.3
#     north: 39.2
#     highlight: Portugal            # Natural Earth name of a country drawn stronger
"""

CHANGES_YML = """\
# Corrections and updates (optional; delete this file to switch them off). The list appears
# where a page has the line <!-- changes --> (add docs/changes.md holding only it, and put it
# in the nav); each page named gets a dated notice.
# Fields: date (YYYY-MM-DD), page (path under docs/), section (optional: a heading's anchor,
# as in the page's address), kind (correction or update), what, why (optional; inline
# Markdown, no citations).
#
# - date: 2025-01-15
#   page: index.md
#   kind: correction
#   what: {what}
#   why: {why}
"""

# The examples' words per language.
EXAMPLES = {
    "de": {
        "id": "beispiel", "outlet": "Beispielzeitung", "headline": "Die Überschrift, wie sie erschien",
        "term": "Beispielbucht", "variant": "Bucht von Beispiel", "synonym": "die Bucht",
        "heading": "Die Bucht", "short": "Eine Bucht an der Beispielküste.",
        "explanation": "Ein längerer Text für die Glossarseite.",
        "approx": "Mitte", "approx_words": "Anfang, Mitte, Ende", "locator": "S. 3",
        "event": "Was geschah, in einem Satz.",
        "credit": "Koordinaten der Orte aus der Wikipedia (siehe places.yml)",
        "lisbon": "Lissabon", "place_source": "Wikipedia, Artikel Lissabon: 38°43′N 9°08′W",
        "frame": "Die Küste um Lissabon",
        "what": "Der Name der Bucht war falsch geschrieben.",
        "why": "Ein Leser hat darauf hingewiesen.",
    },
    "en": {
        "id": "example", "outlet": "Example Times", "headline": "The headline as published",
        "term": "Example Bay", "variant": "Bay of Example", "synonym": "the bay",
        "heading": "The bay", "short": "A bay on the example coast.",
        "explanation": "A longer text for the glossary page.",
        "approx": "mid", "approx_words": "early, mid, late", "locator": "p. 3",
        "event": "What happened, in one sentence.",
        "credit": "Coordinates of the places from Wikipedia (see places.yml)",
        "lisbon": "Lisbon", "place_source": "Wikipedia, article Lisbon: 38°43′N 9°08′W",
        "frame": "The coast around Lisbon",
        "what": "The bay's name was misspelt.", "why": "A reader pointed it out.",
    },
}
DATA_FILES = {"sources.yml": SOURCES_YML, "glossary.yml": GLOSSARY_YML,
              "timeline.yml": TIMELINE_YML, "places.yml": PLACES_YML, "changes.yml": CHANGES_YML}


MAKEFILE = """\
# Preview and build with the generator's tools (quoted: its path may hold spaces).
GENERATOR := {generator}
# make serve PORT=8001: a second preview beside another one (the generator's own, say).
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build deploy map-data
serve:             ## preview on http://127.0.0.1:$(PORT)/ with live reload
\t$(MAKE) -C "$(GENERATOR)" .venv/.site-deps
\t"$(GENERATOR)/.venv/bin/mkdocs" serve --dev-addr 127.0.0.1:$(PORT)

build:             ## build site/ and fail on any warning
\t$(MAKE) -C "$(GENERATOR)" .venv/.site-deps
\t"$(GENERATOR)/.venv/bin/mkdocs" build --strict

# Without SITE_URL the canonical links, the sitemap and the 404 page would point at the preview.
deploy:            ## build for SITE_URL, push site/ to the gh-pages branch (replacing its history)
\t@test -n "$$SITE_URL" || {{ echo "make deploy: set the address the site is published at, e.g. \
SITE_URL=https://<user>.github.io/<repo>/ make deploy" >&2; exit 2; }}
\t$(MAKE) -C "$(GENERATOR)" .venv/.site-deps
\t"$(GENERATOR)/.venv/bin/mkdocs" gh-deploy --strict --force --no-history

map-data:          ## the map's country outlines for the frames in places.yml
\t$(MAKE) -C "$(GENERATOR)" .venv/.site-deps node_modules/.installed
\tmkdir -p data/naturalearth
\t"$(GENERATOR)/.venv/bin/python" -m explainer.map.outlines \\
\t  --atlas "$(GENERATOR)/node_modules/world-atlas/countries-10m.json"
"""

# The built site is not committed; the map's outlines in data/ are (a CI build needs them).
GITIGNORE = "site/\n"


def mkdocs_yml(name: str, language: str, target: Path) -> str:
    text = TEXT[language]
    rel = lambda path: os.path.relpath(GENERATOR / path, target).replace(os.sep, "/")  # noqa: E731
    hooks = "".join(f"  - {_yaml_text(rel(f'hooks/{hook}.py'))}\n" for hook in HOOKS)
    css = "".join(f"  - stylesheets/{sheet}\n" for sheet in STYLESHEETS)
    return f"""\
site_name: {_yaml_text(name)}
# Where the site is published: canonical links, sitemap, 404 page (`SITE_URL=… make build`).
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
nav:
  - {text['nav'][0]}: index.md
  - {text['nav'][1]}: sources.md

theme:
  name: material
  custom_dir: {_yaml_text(rel('overrides'))}
  language: {language}
  font: false
  features:
    - content.footnote.tooltips
    - content.tooltips
    - navigation.footer

extra_css:
{css}
plugins:
  - search:
      lang: {text['search']}

# The generator's hooks; each reads its data file beside this one if it exists.
hooks:
{hooks}
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - footnotes
  - pymdownx.details
  - pymdownx.superfences
  - toc:
      permalink: true
      marker: ''   # no [TOC] marker (Material shows the contents beside the page): faster
      permalink_title: {text['permalink']}
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower

validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn

extra:
  generator: false   # no "Made with Material for MkDocs" in the footer
"""


def name_problem(name: str) -> str | None:
    """Why a site name cannot be used, or None: it is one line of visible text that the theme
    shows as typed."""
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in name):
        return f"the name {name!r} contains a control character or line break; give it on one line"
    if not visible(name):
        return f"the name {name!r} has no visible text"
    markup = markup_characters(name)
    if markup:
        return (f"the name {name!r} contains {' '.join(markup)}, which the theme would show as "
                f"markup; choose a name without them")
    return None


def target_problem(target: Path) -> str | None:
    """Why a folder cannot hold a new explainer, or None: it, or a folder on its way, is a file;
    or it lies in the docs folder of an explainer around it, whose build would then read the new
    files as its own pages (and fail)."""
    target = target.resolve()
    for folder in (target, *target.parents):
        if folder.exists() and not folder.is_dir():
            return f"{folder} is a file, not a folder"
    for folder in target.parents:
        for config in (folder / "mkdocs.yml", folder / "mkdocs.yaml"):
            docs = _docs_dir(config)
            if docs is not None and (docs == target or docs in target.parents):
                return (f"{target} is inside {docs}, the docs folder of the explainer "
                        f"{config}; choose a folder outside it")
    return None


class _AnyTags(yaml.SafeLoader):
    """YAML with MkDocs' tags (!ENV, !!python/...) read as nothing: only docs_dir is wanted."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)


def _docs_dir(config: Path) -> Path | None:
    # The docs folder of the site that config configures (MkDocs' default "docs"), or None.
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_AnyTags)  # noqa: S506
    except (OSError, UnicodeDecodeError):
        return None
    except yaml.YAMLError:
        data = None
    docs = data.get("docs_dir") if isinstance(data, dict) else None
    return (config.parent / (docs if isinstance(docs, str) and docs else "docs")).resolve()


def name_from_folder(folder: str) -> str:
    """'mein-thema' -> 'Mein Thema': each word's first letter capitalised, the rest as it is
    (str.title would write "Mcdonald'S")."""
    return " ".join(word[:1].upper() + word[1:]
                    for word in folder.replace("-", " ").replace("_", " ").split())


# A commented example's line with a comment after its field: the comment in column 38.
_FIELD_COMMENT_RE = re.compile(r"^(#.*?\S) {2,}(# .*)$", re.M)


def _aligned(text: str) -> str:
    """The comments after the examples' fields in one column, whatever the words' lengths."""
    return _FIELD_COMMENT_RE.sub(lambda m: f"{m[1]:<36} {m[2]}", text)


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _make_text(text: str) -> str:
    # A variable's value in a Makefile: '#' would start a comment, '$' a reference.
    return text.replace("$", "$$").replace("#", "\\#")


def write(target: Path, name: str, language: str = "de") -> list[Path]:
    """Write the explainer's files into target (created if needed); returns the files written."""
    if language not in TEXT:
        raise ValueError(f"language must be one of {', '.join(TEXT)}, not {language!r}")
    problem = name_problem(name) or target_problem(target)
    if problem:
        raise ValueError(problem)
    target.mkdir(parents=True, exist_ok=True)
    target = target.resolve()
    text = TEXT[language]
    files = {
        "mkdocs.yml": mkdocs_yml(name, language, target),
        "docs/index.md": text["index"].format(name=literal(name)),
        "docs/sources.md": SOURCES_FRONT_MATTER + text["sources"],
        **{name: _aligned(template.format(**EXAMPLES[language]))
           for name, template in DATA_FILES.items()},
        "Makefile": MAKEFILE.format(generator=_make_text(os.path.relpath(GENERATOR, target))),
        ".gitignore": GITIGNORE,
    }
    paths = [*files, *(f"docs/stylesheets/{s}" for s in STYLESHEETS)]
    # A link counts as there even when it leads nowhere: writing would follow it out of target.
    existing = [path for path in paths if os.path.lexists(target / path)]
    if existing:
        raise FileExistsError(f"{target}: already has {', '.join(existing)}; nothing written")
    in_the_way = sorted({folder for path in paths for folder in _folders(path)
                         if os.path.lexists(target / folder) and (
                             (target / folder).is_symlink() or not (target / folder).is_dir())})
    if in_the_way:
        raise FileExistsError(f"{target}: {', '.join(in_the_way)} must be a folder, not a file "
                              f"or a link; nothing written")
    written = []
    for path, content in files.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(content, encoding="utf-8")
        written.append(target / path)
    (target / "docs/stylesheets").mkdir(parents=True, exist_ok=True)
    for sheet in STYLESHEETS:
        shutil.copyfile(GENERATOR / "docs/stylesheets" / sheet, target / "docs/stylesheets" / sheet)
        written.append(target / "docs/stylesheets" / sheet)
    return written


def _folders(path: str) -> list[str]:
    # The folders a file of the scaffold goes in, below target: "docs/stylesheets/a.css" ->
    # ["docs", "docs/stylesheets"].
    parts = path.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start a new explainer.")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--language", default="de", choices=sorted(TEXT))
    parser.add_argument("--name", help="the site's name (default: from the directory)")
    args = parser.parse_args(argv)
    # An empty --name is a name given, and refused: no site without a name.
    name = args.name if args.name is not None else name_from_folder(args.directory.resolve().name)
    problem = name_problem(name) or target_problem(args.directory)
    if problem:
        print(f"make new: {problem}", file=sys.stderr)
        return 2                                     # a bad argument, as for --language
    try:
        written = write(args.directory, name.strip(), args.language)
    except (FileExistsError, OSError, ValueError) as error:
        print(f"make new: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} files to {args.directory}. "
          f"Next: cd {shlex.quote(str(args.directory))} && make serve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
