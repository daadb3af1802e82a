"""Element blocks, and only in the pages whose hooks write them (explainer.html_blocks)."""
from __future__ import annotations

import shutil
from types import SimpleNamespace

import markdown
import pytest

from conftest import ROOT, hook_path
from explainer import html_blocks
from explainer.map.build import OUTLINES_FILE

BLOCK = "/// element | div.probe\n\nInside.\n\n///\n"
AUTHORS = "/// html | div.own\n\nMine.\n\n///\n"   # pymdownx.blocks.html, when listed


def _html(extensions) -> str:
    return markdown.Markdown(extensions=extensions).convert(BLOCK)


def test_the_blocks_come_into_the_next_page_that_wants_them_and_into_no_other():
    blocks = html_blocks.ElementBlocks()
    assert "<div" not in _html([blocks])
    blocks.want()
    assert _html([blocks]) == '<div class="probe">\n<p>Inside.</p>\n</div>'
    assert "<div" not in _html([blocks])            # the next page has not asked


@pytest.mark.parametrize("source, html", [
    ("/// element | figure.karte.karte--nord\n    attrs: {data-karte: k1}\n\n*Text*\n\n///\n",
     '<figure class="karte karte--nord" data-karte="k1">\n<p><em>Text</em></p>\n</figure>'),
    ("/// element | figcaption\n\nA\n\n///\n", "<figcaption>\n<p>A</p>\n</figcaption>"),
    # In a list item and nested, where raw HTML with markdown="1" would not be read.
    ("- Punkt\n\n    //// element | div.aussen\n    /// element | div.innen\n    B\n    ///\n"
     "    ////\n",
     '<ul>\n<li>\n<p>Punkt</p>\n<div class="aussen">\n<div class="innen">\n<p>B</p>\n</div>\n'
     '</div>\n</li>\n</ul>'),
])
def test_an_element_block_is_its_tag_and_classes_around_markdown(source, html):
    blocks = html_blocks.ElementBlocks()
    blocks.want()
    assert markdown.Markdown(extensions=[blocks]).convert(source) == html


@pytest.mark.parametrize("argument", ["Div", "div.", "div#id", "div .a", "1div", "div.a|b", ""])
def test_an_argument_that_is_not_a_tag_with_classes_leaves_the_line_as_text(argument):
    blocks = html_blocks.ElementBlocks()
    blocks.want()
    out = markdown.Markdown(extensions=[blocks]).convert(f"/// element | {argument}\n\nC\n\n///\n")
    assert "<div" not in out and "/// element" in out


def test_one_extension_per_config():
    config = SimpleNamespace(markdown_extensions=["attr_list"])
    first = html_blocks.for_config(config)
    assert html_blocks.for_config(config) is first
    assert config.markdown_extensions == ["attr_list", first]


_PAGES = {"index.md": "# Start\n\n<!-- karte: uebersicht -->\n\n" + AUTHORS,
          "timeline.md": "# Chronologie\n\n<!-- chronologie -->\n",
          "plain.md": "# Ohne\n\n" + BLOCK + "\n" + AUTHORS,
          "bases.md": "# Basen\n\n## Hmeimim\n\n## Tartus\n\n<!-- karte: kueste -->\n",
          "withdrawal.md": "# Abzug\n\n## Mindestens 400 Soldaten aus der Region Damaskus\n\n"
                           "<!-- karte: damaskus -->\n"}


@pytest.mark.parametrize("listed", [False, True])
def test_element_blocks_only_where_a_hook_writes_them_beside_an_authors_own_html_blocks(
        tmp_path, tiny_site, listed):
    (tmp_path / "data/naturalearth").mkdir(parents=True)
    shutil.copy(ROOT / OUTLINES_FILE, tmp_path / OUTLINES_FILE)
    extensions = ["attr_list", "md_in_html"] + (["pymdownx.blocks.html"] if listed else [])
    site = tiny_site(_PAGES, strict=True,
                     config=f"theme: {{name: mkdocs, locale: de}}\n"
                            f"markdown_extensions: [{', '.join(extensions)}]\n"
                            f"hooks:\n  - {hook_path('map')}\n  - {hook_path('timeline')}\n",
                     files={"places.yml": (ROOT / "places.yml").read_text(encoding="utf-8"),
                            "timeline.yml": 'events:\n'
                                            '  - {date: "2024-12-08", text: X., sources: [ft]}\n'})
    index = (site / "index.html").read_text(encoding="utf-8")
    timeline = (site / "timeline/index.html").read_text(encoding="utf-8")
    plain = (site / "plain/index.html").read_text(encoding="utf-8")
    assert '<figure class="karte karte--uebersicht">' in index and "<svg" in index
    assert "<figcaption>" in index and "/// element" not in index
    assert '<div class="zeitleiste">' in timeline
    # A page no hook writes blocks into has none of ours: the line shows as typed.
    assert "<p>/// element | div.probe</p>" in plain and '<div class="probe">' not in plain
    for page in (index, plain):                      # the author's own blocks, when listed
        if listed:
            assert '<div class="own">\n<p>Mine.</p>\n</div>' in page
        else:
            assert "<p>/// html | div.own</p>" in page
