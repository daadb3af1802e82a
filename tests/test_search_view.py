"""explainer.search_view: the lighter page Material's search plugin reads gives the same index."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import Parser

from explainer.citations.footnotes import cut_excluded_notes
from explainer.citations.footnotes import for_search as citations_view
from explainer.citations.footnotes import put_back, sources_for_search
from explainer.glossary.extension import for_search as glossary_view
from explainer.search_view import SearchView, material_search, search_reads_pages


def sections(html_text: str, restore=lambda text: text) -> list[tuple]:
    """What Material's search plugin takes from a page: each section's id, title and text
    (with `restore` applied to them, as the citations hook does to the index)."""
    parser = Parser()
    parser.feed(html_text)
    parser.close()
    return [(s.id, restore("".join(s.title).strip()), restore("".join(s.text).strip()),
             s.is_excluded()) for s in parser.data]


def lighter(html_text: str, stand_ins: bool = False) -> str:
    # As the hooks hand a page over: citations first (priority 50), then the glossary (40).
    return glossary_view(citations_view(html_text, stand_ins=stand_ins))


@pytest.mark.parametrize("stand_ins", [False, True], ids=["bare", "stand-ins"])
@pytest.mark.parametrize("page", ["index.html", "actors/index.html", "bases/index.html",
                                  "since/index.html", "glossary/index.html",
                                  "timeline/index.html", "withdrawal/index.html"])
def test_search_reads_the_same_sections_from_the_lighter_page(site_dir, page, stand_ins):
    whole = (site_dir / page).read_text(encoding="utf-8")
    light = lighter(whole, stand_ins)
    assert sections(light, put_back) == sections(whole)
    # Lighter indeed: the markup it is for is gone (a change of that markup must show here).
    assert 'class="glossary-term"' in whole and 'class="glossary-term"' not in light
    assert 'class="footnote-ref"' in whole and 'class="footnote-ref"' not in light
    assert 'class="footnote"' not in light
    assert ("<sup" not in light) is stand_ins


def test_search_reads_the_same_sections_from_the_sources_page_without_its_page_links(site_dir):
    whole = (site_dir / "sources" / "index.html").read_text(encoding="utf-8")
    light = sources_for_search(whole)
    assert sections(light) == sections(whole)
    assert '<p class="citations-uses">' in light
    assert light.count("<a ") < whole.count("<a ") / 2      # the page links are gone


def test_a_list_of_pages_with_a_piece_of_white_space_alone_keeps_its_links():
    # Search collapses "\t" between two tags to " ", and leaves it as it is inside a text.
    linked = ('<p class="citations-uses">Zitiert auf: <a href="../a/">A</a>\t'
              '<a href="../b/">B</a></p>')
    assert sources_for_search(linked) == linked
    assert sections(linked) != sections(linked.replace('<a href="../a/">', "").replace("</a>", ""))
    plain = ('<p class="citations-uses">Zitiert auf: <a href="../a/">A</a> (1×), '
             '<a href="#x">B</a>.</p>')
    assert sources_for_search(plain) == '<p class="citations-uses">Zitiert auf: A (1×), B.</p>'
    assert sections(sources_for_search(plain)) == sections(plain)


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
    standing = citations_view(html_text, stand_ins=True)
    assert standing == "<p>Satz\ue00012\ue001\ue000,\ue001\ue0003\ue001.</p>"
    assert sections(standing, put_back) == sections(html_text)


@pytest.mark.parametrize("other", ['<sup>2</sup>', '<SUP class="x">a</SUP>', '\ue000',
                                   '<sup class="citations-missing" title="t">[Beleg fehlt]</sup>'])
def test_a_page_with_other_superscripts_or_the_stand_ins_gets_bare_superscripts(other):
    # Search's parser looks back to a section's first <sup> when it closes one; a page's own
    # text with a stand-in character would come back as a tag.
    html_text = (f'<p>Satz<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup> '
                 f'und {other}</p>')
    assert citations_view(html_text, stand_ins=True) == f"<p>Satz<sup>1</sup> und {other}</p>"


def test_tooltips_become_their_words():
    html_text = ('<p><a class="glossary-term" href="../a/#b" title="Ort: x &amp; y">Hmeimim</a> '
                 'und <span class="glossary-term" title="Miliz.">HTS&#x27;</span></p>')
    assert glossary_view(html_text) == "<p>Hmeimim und HTS&#x27;</p>"
    assert sections(glossary_view(html_text)) == sections(html_text)


def page(content: str, src_uri: str = "a.md"):
    return SimpleNamespace(content=content, file=SimpleNamespace(src_uri=src_uri))


class _Search:
    """Material's search plugin as the view sees it: its options and its index entries."""

    def __init__(self, enabled=True):
        self.config = {"enabled": enabled, "fields": {}}
        self.search_index = SimpleNamespace(entries=[])

    def index(self, page):
        for number, text in enumerate(page.content.split("|")):
            self.search_index.entries.append({"location": f"{page.file.src_uri}#{number}",
                                              "title": "", "text": text})


def test_stand_ins_come_back_as_tags_in_the_entries_of_the_page_alone():
    plugin = _Search()
    view = SearchView(plugin)
    assert view.puts_back
    plugin.search_index.entries.append({"location": "before", "title": "", "text": "[x]"})
    p = page("a<b>1</b>|b<b>2</b>")
    view.hand_over(p, lambda h: h.replace("<b>", "[").replace("</b>", "]"),
                   lambda text: text.replace("[", "<b>").replace("]", "</b>"))
    plugin.index(p)
    assert view.take_back(p) and p.content == "a<b>1</b>|b<b>2</b>"
    assert [e["text"] for e in plugin.search_index.entries] == ["[x]", "a<b>1</b>", "b<b>2</b>"]


def test_only_an_enabled_material_search_takes_stand_ins():
    material = SimpleNamespace(plugins={"material/search": _Search()})
    disabled = SimpleNamespace(plugins={"material/search": _Search(enabled=False)})
    mkdocs_own = SimpleNamespace(plugins={"search": SimpleNamespace(config={"lang": None})})
    assert material_search(material) is material.plugins["material/search"]
    assert material_search(disabled) is None and material_search(mkdocs_own) is None
    assert search_reads_pages(material) and search_reads_pages(mkdocs_own)
    assert not search_reads_pages(disabled)
    assert not SearchView().puts_back


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
