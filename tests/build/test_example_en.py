"""The English example explainer (tests/example-en, a fictional topic) builds --strict with every
feature, and no German text of the machinery reaches its pages."""
from __future__ import annotations

import re
import string

import pytest
from babel.dates import get_month_names

from conftest import ROOT, run_mkdocs
from explainer.map import outlines
from explainer.map.build import OUTLINES_FILE
from explainer.strings import STRINGS

EXAMPLE = ROOT / "tests" / "example-en"
PAGES = ("index.html", "timeline/index.html", "glossary/index.html", "sources/index.html",
         "changes/index.html", "404.html")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    dest = tmp_path_factory.mktemp("example-en")
    result = run_mkdocs("build", "--strict", "--site-dir", str(dest), cwd=EXAMPLE)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return dest


def german_fragments() -> set[str]:
    """Every piece of German the machinery can write (placeholders cut out), and month names."""
    fragments = set()
    for key, german in STRINGS["de"].items():
        if german == STRINGS["en"][key]:
            continue
        for literal, *_ in string.Formatter().parse(german):
            fragments.update(part.strip() for part in re.split(r"[^\w\s]", literal)
                             if len(part.strip()) >= 4)
    fragments.update(set(get_month_names("wide", locale="de").values())
                     - set(get_month_names("wide", locale="en").values()))
    return fragments - {"Interviews", "Organisation", "Person", "Medium", "Natural Earth"}


def test_every_feature_is_on_the_pages(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in index
    assert 'class="footnote-ref"' in index and 'class="glossary-term"' in index
    assert "as cited in" in index
    timeline = (site / "timeline/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2023-11">late November 2023</time>' in timeline
    assert ('<time datetime="2024-03-01">March 1, 2024</time> to '
            '<time datetime="2024-04">April 2024</time>') in timeline
    assert 'id="date-late-2023-11"' in timeline
    glossary = (site / "glossary/index.html").read_text(encoding="utf-8")
    assert "<em>Place</em> · also: Meridian Lighthouse" in glossary
    assert ">More on Meridian Light</a>" in glossary
    sources = (site / "sources/index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="news-reports">News reports', sources)
    assert "Cited on: " in sources and "Basis for: " in sources


def test_the_map_of_another_region_and_the_changes_are_on_the_pages(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count('class="karte__svg"') == 1
    assert ">Port Meridian on the Channel coast (example data)</title>" in index
    assert "Marked: Port Meridian (City); Saltmarsh (Suburb)." in index
    assert "Example data: the places are invented" in index            # the map's credit line
    assert "<strong>Corrected on <time" in index and ">March 5, 2024</time>" in index
    changes = (site / "changes/index.html").read_text(encoding="utf-8")
    assert '<h1 id="corrections-and-updates">Corrections and updates' in changes
    assert "<strong>Correction:</strong>" in changes and ">Reason: The Gazette" in changes


def test_its_outlines_are_what_make_map_data_derives_for_its_frame(tmp_path):
    out = tmp_path / "outlines.geojson"
    assert outlines.main(["--places", str(EXAMPLE / "places.yml"),
                          "--atlas", str(ROOT / outlines.ATLAS), "--out", str(out)]) == 0
    assert out.read_bytes() == (EXAMPLE / OUTLINES_FILE).read_bytes()


def test_the_theme_templates_speak_the_sites_language(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:locale" content="en_US">' in index
    assert 'tip.setAttribute("aria-label", "Source");' in index
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="Page not found">' in not_found
    assert "<h1>Page not found (error 404)</h1>" in not_found
    assert "Continue with the <a href=\"/\">overview</a> or with the search" in not_found


@pytest.mark.parametrize("page", PAGES)
def test_no_german_from_the_machinery(site, page):
    html = (site / page).read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    # what readers see and what screen readers say: text, and labels in attributes
    labels = re.findall(r'\s(?:aria-label|title|alt)="([^"]*)"', article)
    text = " ".join([re.sub(r"<[^>]+>", " ", article), *labels])
    found = sorted(fragment for fragment in german_fragments()
                   if re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text))
    assert found == []
