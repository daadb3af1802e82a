"""pymdownx.blocks.html only in the pages whose hooks write blocks (explainer.html_blocks)."""
from __future__ import annotations

import shutil
from types import SimpleNamespace

import markdown
import pytest

from conftest import ROOT, hook_path
from explainer import html_blocks
from explainer.map.build import OUTLINES_FILE

BLOCK = "/// html | div.probe\n\nInside.\n\n///\n"


def _html(extensions) -> str:
    return markdown.Markdown(extensions=extensions).convert(BLOCK)


def test_the_blocks_come_into_the_next_page_that_wants_them_and_into_no_other():
    blocks = html_blocks.HtmlBlocks()
    assert "<div" not in _html([blocks])
    blocks.want()
    assert _html([blocks]) == '<div class="probe">\n<p>Inside.</p>\n</div>'
    assert "<div" not in _html([blocks])            # the next page has not asked


def test_one_extension_per_config_and_none_added_when_mkdocs_yml_lists_it():
    config = SimpleNamespace(markdown_extensions=["attr_list"])
    first = html_blocks.for_config(config)
    assert html_blocks.for_config(config) is first
    assert config.markdown_extensions == ["attr_list", first]

    listed = SimpleNamespace(markdown_extensions=["attr_list", html_blocks.NAME])
    html_blocks.for_config(listed).want()
    assert listed.markdown_extensions == ["attr_list", html_blocks.NAME]


_PAGES = {"index.md": "# Start\n\n<!-- karte: uebersicht -->\n",
          "timeline.md": "# Chronologie\n\n<!-- chronologie -->\n",
          "plain.md": "# Ohne\n\n" + BLOCK,
          "bases.md": "# Basen\n\n## Hmeimim\n\n## Tartus\n",
          "withdrawal.md": "# Abzug\n\n## Mindestens 400 Soldaten aus der Region Damaskus\n"}


@pytest.mark.parametrize("listed", [False, True])
def test_a_page_without_a_map_or_the_timeline_has_the_blocks_only_if_mkdocs_yml_lists_them(
        tmp_path, tiny_site, listed):
    (tmp_path / "data/naturalearth").mkdir(parents=True)
    shutil.copy(ROOT / OUTLINES_FILE, tmp_path / OUTLINES_FILE)
    extensions = ["attr_list", "md_in_html"] + ([html_blocks.NAME] if listed else [])
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
    assert '<div class="zeitleiste">' in timeline
    if listed:
        assert '<div class="probe">\n<p>Inside.</p>\n</div>' in plain
    else:
        assert "<p>/// html | div.probe</p>" in plain and '<div class="probe">' not in plain
