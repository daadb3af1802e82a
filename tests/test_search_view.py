"""explainer.search_view: the lighter page Material's search plugin reads gives the same index."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import Parser

from explainer.citations.footnotes import cut_excluded_notes
from explainer.citations.footnotes import for_search as citations_view
from explainer.glossary.extension import for_search as glossary_view
from explainer.search_view import SearchView


def sections(html_text: str) -> list[tuple]:
    """What Material's search plugin takes from a page: each section's id, title and text."""
    parser = Parser()
    parser.feed(html_text)
    parser.close()
    return [(s.id, "".join(s.title).strip(), "".join(s.text).strip(), s.is_excluded())
            for s in parser.data]


def lighter(html_text: str) -> str:
    # As the hooks hand a page over: citations first (priority 50), then the glossary (40).
    return glossary_view(citations_view(html_text))


@pytest.mark.parametrize("page", ["index.html", "actors/index.html", "bases/index.html",
                                  "since/index.html", "glossary/index.html",
                                  "timeline/index.html", "withdrawal/index.html"])
def test_search_reads_the_same_sections_from_the_lighter_page(site_dir, page):
    whole = (site_dir / page).read_text(encoding="utf-8")
    light = lighter(whole)
    assert sections(light) == sections(whole)
    # Lighter indeed: the markup it is for is gone (a change of that markup must show here).
    assert 'class="glossary-term"' in whole and 'class="glossary-term"' not in light
    assert 'class="footnote-ref"' in whole and 'class="footnote-ref"' not in light
    assert 'class="footnote"' not in light


def test_the_notes_are_cut_whole_with_their_nested_divs():
    notes = ('<div class="footnote" data-search-exclude=""><ol><li><div class="admonition">x</div>'
             '</li></ol></div>')
    assert cut_excluded_notes(f"<p>a</p>{notes}<p>b</p>") == "<p>a</p><p>b</p>"
    assert cut_excluded_notes("<p>a</p>") == "<p>a</p>"


def test_references_and_separators_keep_what_search_keeps():
    html_text = ('<p>Satz<sup id="fnref2:@ft"><a class="footnote-ref" href="#fn:@ft">12</a></sup>'
                 '<sup class="citations-sep">,</sup><sup id="fnref:1"><a class="footnote-ref" '
                 'href="#fn:1">3</a></sup>.</p>')
    assert citations_view(html_text) == "<p>Satz<sup>12</sup><sup>,</sup><sup>3</sup>.</p>"
    assert sections(citations_view(html_text)) == sections(html_text)


def test_tooltips_become_their_words():
    html_text = ('<p><a class="glossary-term" href="../a/#b" title="Ort: x &amp; y">Hmeimim</a> '
                 'und <span class="glossary-term" title="Miliz.">HTS&#x27;</span></p>')
    assert glossary_view(html_text) == "<p>Hmeimim und HTS&#x27;</p>"
    assert sections(glossary_view(html_text)) == sections(html_text)


def page(content: str, src_uri: str = "a.md"):
    return SimpleNamespace(content=content, file=SimpleNamespace(src_uri=src_uri))


def test_a_page_is_handed_over_lighter_and_taken_back_whole():
    outer, inner = SearchView(), SearchView()
    p = page("<p>x <b>y</b> z</p>")
    outer.hand_over(p, lambda h: h.replace("<b>", "").replace("</b>", ""))
    inner.hand_over(p, lambda h: h.replace(" z", ""))
    assert p.content == "<p>x y</p>"
    assert inner.take_back(p) and p.content == "<p>x y z</p>"
    assert outer.take_back(p) and p.content == "<p>x <b>y</b> z</p>"
    assert outer.pages == inner.pages == {}


def test_a_page_search_edits_is_left_whole():
    view = SearchView()
    p = page('<p data-search-boost="2">x <b>y</b></p>')
    view.hand_over(p, lambda h: h.replace("<b>", ""))
    assert p.content == '<p data-search-boost="2">x <b>y</b></p>' and view.pages == {}


def test_a_change_made_meanwhile_is_reported_and_the_page_comes_back_whole():
    view = SearchView()
    p = page("<p>x <b>y</b></p>")
    view.hand_over(p, lambda h: h.replace("<b>", "").replace("</b>", ""))
    p.content += "<p>added</p>"
    assert view.take_back(p) is False
    assert p.content == "<p>x <b>y</b></p>"
