"""The English example explainer (tests/example-en, a fictional topic) builds --strict with every
feature, and no German text of the machinery reaches its pages."""
from __future__ import annotations

import re
import string

import pytest
from babel.dates import get_month_names

from conftest import ROOT, run_mkdocs
from explainer.strings import STRINGS

EXAMPLE = ROOT / "tests" / "example-en"
PAGES = ("index.html", "timeline/index.html", "glossary/index.html", "sources/index.html")


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
    return fragments - {"Interviews", "Organisation", "Person", "Medium"}


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


@pytest.mark.parametrize("page", PAGES)
def test_no_german_from_the_machinery(site, page):
    html = (site / page).read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", html[html.index("<article"):html.index("</article>")])
    found = sorted(fragment for fragment in german_fragments()
                   if re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text))
    assert found == []
