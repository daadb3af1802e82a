"""Citations hook, build tests: tiny sites in tmp_path built with the hook, exact HTML asserted;
warnings with file and line, --strict, the sources page, state across rebuilds."""
from __future__ import annotations

import json
import logging
import re

import pytest
from mkdocs.exceptions import Abort

from conftest import hook_path

SOURCES = """\
- id: quelle
  type: article
  title: "[Quellartikel ohne Titel, Autor und Datum]"
  language: de
- id: ft
  type: article-newspaper
  container-title: Financial Times
  title: "A *b* _c_ [d] <script>alert(1)</script> & e"
  issued: 2024-12-16
  URL: https://www.ft.com/content/x?a=1&b=2
  via: quelle
- id: ria
  type: article-newspaper
  container-title: RIA Nowosti
  issued: 2024-12
  via: quelle
- id: kreml
  type: speech
  publisher: Kreml
- id: unbenutzt
  type: report
  publisher: Niemand
"""

CONFIG = f"""\
nav: [index.md, withdrawal.md, sources.md]
theme:
  name: mkdocs
  locale: de
hooks:
  - {hook_path("citations")}
markdown_extensions:
  - admonition
  - attr_list
  - pymdownx.details
  - footnotes
"""

SOURCES_PAGE = "# Quellen\n\nDie Liste.\n\n<!-- citations:sources -->\n"


@pytest.fixture
def site(tiny_site):
    """Build a tiny site with the citations hook; pages default to a sources page."""
    def make(pages: dict[str, str], *, sources: str = SOURCES, config: str = CONFIG, **kw):
        pages = {"sources.md": SOURCES_PAGE, "withdrawal.md": "# Abzug\n",
                 "index.md": "# Start\n", **pages}
        return tiny_site(pages, config=config, files={"sources.yml": sources}, **kw)
    return make


def article(site_dir, page: str = "index.html") -> str:
    html = (site_dir / page).read_text(encoding="utf-8")
    return html[html.index('role="main"'):html.index("<footer")]


def build_error(caplog) -> str:
    """MkDocs logs a PluginError at ERROR and aborts; the message is what the author sees."""
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1, errors
    return errors[0]


def citation_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno == logging.WARNING and r.name.endswith("citations")]


def test_footnotes_are_numbered_down_the_page_with_exact_html(site):
    built = site({"index.md": """\
        # Start

        !!! note "Kasten"

            Im Kasten [@ria].

        Absatz[^eigen] mit [@ft, S. 3; @ria].

        ??? info "Mehr"

            - Punkt [@kreml]

        [^eigen]: Eigene Notiz.
        """})
    html = article(built)
    assert ('<p>Im Kasten<sup id="fnref:@ria"><a class="footnote-ref" href="#fn:@ria">1</a>'
            '</sup>.</p>') in html
    assert ('<p>Absatz<sup id="fnref:eigen"><a class="footnote-ref" href="#fn:eigen">2</a></sup>'
            ' mit<sup id="fnref:@ft"><a class="footnote-ref" href="#fn:@ft">3</a></sup>'
            '<sup class="citations-sep">,</sup>'
            '<sup id="fnref2:@ria"><a class="footnote-ref" href="#fn:@ria">1</a></sup>.</p>'
            ) in html
    assert ('<li>Punkt<sup id="fnref:@kreml"><a class="footnote-ref" href="#fn:@kreml">4</a>'
            '</sup></li>') in html
    notes = html[html.index('<div class="footnote"'):]
    assert re.findall(r'<li id="fn:([^"]+)">', notes) == ["@ria", "eigen", "@ft", "@kreml"]
    assert ('<li id="fn:@ft">\n<p>Financial Times, <a href="https://www.ft.com/content/x?a=1&amp;'
            'b=2" rel="noopener noreferrer">„A *b* _c_ [d] &lt;script&gt;alert(1)&lt;/script&gt;'
            ' &amp; e“</a>, 16. Dezember 2024, S. 3; zitiert nach <a href="sources/#quelle">'
            '[Quellartikel ohne Titel, Autor und Datum]</a>.&#160;<a aria-label="Zurück zum '
            'Text (Fußnote 3)" class="footnote-backref" href="#fnref:@ft" title="Zurück zum Text '
            '(Fußnote 3)">&#8617;</a></p>') in notes
    assert "<script>" not in html
    assert notes.startswith('<div class="footnote" data-search-exclude="">')


def test_unknown_key_is_one_warning_with_file_and_line_and_a_visible_marker(site, caplog):
    built = site({"withdrawal.md": "---\ntitle: Abzug\n---\n# Abzug\n\nText.\n\nSatz [@fx].\n"})
    assert citation_warnings(caplog) == [
        "citations: docs/withdrawal.md:8: unknown source 'fx' (did you mean 'ft'?)"]
    assert ('<p>Satz<span class="citations-unknown" title="Quelle fx fehlt in der Quellenliste">'
            '[Quelle „fx“ unbekannt]</span>.</p>') in article(built, "withdrawal/index.html")


@pytest.mark.parametrize("text", ["Satz [@ft] mit Note[^zz].\n", "Ohne Zitat, mit Note[^zz].\n",
                                  "Note[^zz].\n\nNoch einmal[^zz] und[^zz].\n"])
def test_an_own_footnote_without_its_note_is_a_warning_with_file_and_line(site, caplog, text):
    built = site({"index.md": f"# Start\n\n{text}\n`[^code]` bleibt.\n\n[^ok]: Da.\n\nText[^ok].\n"})
    assert citation_warnings(caplog) == [
        "citations: docs/index.md:3: footnote '[^zz]' has no note (a line '[^zz]: …'); it shows "
        "as text"]
    assert "Note[^zz]." in article(built)


@pytest.mark.parametrize("definition", ["[^leer]:", "[^leer]:   ", "[^leer]:\n\n    "])
def test_an_own_footnote_with_an_empty_note_is_a_warning_with_file_and_line(site, caplog,
                                                                            definition):
    site({"index.md": f"# Start\n\nSatz [@ft] mit Note[^leer].\n\n{definition}\n\n"
                      f"[^voll]:\n    Auf der nächsten Zeile.\n\nText[^voll].\n"})
    assert citation_warnings(caplog) == [
        "citations: docs/index.md:5: footnote '[^leer]: …' has no text; write it after "
        "'[^leer]:'"]


def test_unknown_key_aborts_a_strict_build(site):
    with pytest.raises(Abort):
        site({"index.md": "# Start\n\nSatz [@fx].\n"}, strict=True)


def test_clean_site_passes_a_strict_build(site, caplog):
    site({"index.md": "# Start\n\nSatz [@ft].\n"}, strict=True)
    assert citation_warnings(caplog) == []


def test_citation_in_front_matter_title_or_description_is_a_warning(site, caplog):
    site({"index.md": "---\ndescription: Kurz [@ft].\ntitle: Abzug [@fx]\n---\n\n# Start\n\n"
                      "Satz [@ft].\n"})
    assert citation_warnings(caplog) == [
        "citations: docs/index.md:3: front matter key 'title': a citation cannot stand in the "
        "page's title (plain text, no footnote); cite in the text",
        "citations: docs/index.md:2: front matter key 'description': a citation cannot stand in "
        "the page's description (plain text, no footnote); cite in the text"]


def test_citation_in_heading_is_a_warning_and_stays_text(site, caplog):
    built = site({"index.md": "# Start\n\n## Teil [@ft]\n\nText.\n"})
    assert citation_warnings(caplog) == [
        "citations: docs/index.md:3: citation '[@ft]' in a heading is left as text; "
        "cite in the paragraph below"]
    assert "Teil [@ft]</h2>" in article(built)


def test_registry_error_stops_the_build_naming_file_entry_and_field(site, caplog):
    with pytest.raises(Abort):
        site({}, sources="- id: a\n  title: A\n- id: ft\n  title: B\n  URL: http://ft.com\n")
    assert build_error(caplog) == ("sources.yml: entry 'ft' (#2), field 'URL': "
                                   "'http://ft.com' is not an https URL")


def test_without_sources_yml_a_citation_is_an_unknown_source(tiny_site, caplog):
    caplog.set_level(logging.INFO)
    tiny_site({"index.md": "# Start\n\nText [@ft].\n"}, config=CONFIG)
    messages = [r.getMessage() for r in caplog.records if r.name.endswith("citations")]
    assert "citations: sources.yml not found: no sources yet (every citation is an unknown " \
           "source)" in messages
    assert citation_warnings(caplog) == ["citations: docs/index.md:3: unknown source 'ft'"]


def test_a_registry_named_in_mkdocs_yml_must_exist(tiny_site, caplog):
    with pytest.raises(Abort):
        tiny_site({"index.md": "# Start\n"}, config=CONFIG + "extra:\n  citations:\n"
                                                          "    registry: quellen.yml\n")
    assert build_error(caplog) == ("quellen.yml: source registry not found "
                                   "(extra.citations.registry in mkdocs.yml names it)")


def test_hook_needs_the_footnotes_extension(site, caplog):
    with pytest.raises(Abort):
        site({}, config=f"hooks:\n  - {hook_path('citations')}\n")
    assert build_error(caplog) == ("mkdocs.yml: the citations hook needs the `footnotes` "
                                   "Markdown extension")


def test_registry_path_and_required_switch_come_from_mkdocs_yml(tiny_site, tmp_path, caplog):
    (tmp_path / "quellen").mkdir()
    (tmp_path / "quellen/liste.yml").write_text(SOURCES, encoding="utf-8")
    config = CONFIG + "extra:\n  citations:\n    registry: quellen/liste.yml\n    required: true\n"
    built = tiny_site({"index.md": "# Start\n\nEin langer Absatz mit acht und mehr Wörtern ganz "
                                   "ohne Beleg.\n\nKurz [@ft].\n",
                       "sources.md": SOURCES_PAGE}, config=config)
    assert citation_warnings(caplog) == [
        "citations: docs/index.md:3: paragraph without source: cite it with [@key], "
        "or mark it {: .ohne-beleg }"]
    assert ('<p>Ein langer Absatz mit acht und mehr Wörtern ganz ohne Beleg.'
            '<sup class="citations-missing" title="Für diese Aussage fehlt ein Beleg.">'
            '[Beleg fehlt]</sup></p>') in article(built)


def test_front_matter_requires_citations_on_one_page_only(site, caplog):
    long = "Ein langer Absatz mit acht und mehr Wörtern ganz ohne Beleg.\n"
    built = site({"index.md": f"---\ncitations: required\n---\n# Start\n\n{long}\n"
                              "Ausnahme mit acht und mehr Wörtern ganz ohne Beleg.\n"
                              "{: .ohne-beleg }\n",
                  "withdrawal.md": f"# Abzug\n\n{long}"})
    assert citation_warnings(caplog) == [
        "citations: docs/index.md:6: paragraph without source: cite it with [@key], "
        "or mark it {: .ohne-beleg }"]
    assert "[Beleg fehlt]" not in article(built, "withdrawal/index.html")
    assert '<p class="ohne-beleg">Ausnahme' in article(built)


def test_page_may_opt_out_of_site_wide_required_citations(site, caplog):
    long = "Ein langer Absatz mit acht und mehr Wörtern ganz ohne Beleg.\n"
    config = CONFIG + "extra:\n  citations:\n    required: true\n"
    site({"index.md": f"---\ncitations: optional\n---\n# Start\n\n{long}",
          "withdrawal.md": f"# Abzug\n\n{long}",
          "sources.md": "# Quellen\n\n<!-- citations:sources -->\n"}, config=config)
    assert [m.split(":")[1] for m in citation_warnings(caplog)] == [" docs/withdrawal.md"]


@pytest.mark.parametrize("value, problem", [
    ("requried", "'requried' is neither required nor optional (did you mean 'required'?)"),
    ("Required", "'Required' is neither required nor optional (did you mean 'required'?)"),
    ("[required]", "expected required or optional, found a list (did you mean 'required'?)"),
    ("1", "expected required or optional, found a number"),
    ("", "expected required or optional, found nothing"),
])
def test_an_unknown_front_matter_value_is_a_warning_and_the_site_setting_holds(
        site, caplog, value, problem):
    long = "Ein langer Absatz mit acht und mehr Wörtern ganz ohne Beleg.\n"
    config = CONFIG + "extra:\n  citations:\n    required: true\n"
    built = site({"index.md": f"---\ntitle: Start\ncitations: {value}\n---\n# Start\n\n{long}"},
                 config=config)
    assert citation_warnings(caplog) == [
        f"citations: docs/index.md:3: front matter key 'citations': {problem}",
        "citations: docs/index.md:7: paragraph without source: cite it with [@key], "
        "or mark it {: .ohne-beleg }"]
    assert "[Beleg fehlt]" in article(built)


@pytest.mark.parametrize("value", ["required", "optional", "true", "false"])
def test_the_front_matter_values_that_are_known_give_no_warning(site, caplog, value):
    site({"index.md": f"---\ncitations: {value}\n---\n# Start\n\nText [@ft].\n"})
    assert citation_warnings(caplog) == []


def test_sources_page_groups_sources_with_anchors_and_back_links(site, caplog):
    caplog.set_level(logging.INFO)
    built = site({"index.md": "# Start\n\nA [@ft]. B [@ft, S. 2]. C [@ria].\n",
                  "withdrawal.md": "# Abzug\n\nD [@ft].\n"})
    html = article(built, "sources/index.html")
    headings = re.findall(r"<h2 id=\"([^\"]+)\">", html)
    assert headings == ["presseberichte", "erklarungen-und-reden", "berichte-und-analysen"]
    assert ('<li id="ft"><p>Financial Times, <a href="https://www.ft.com/content/x?a=1&amp;b=2" '
            'rel="noopener noreferrer">„A *b* _c_ [d] &lt;script&gt;alert(1)&lt;/script&gt; '
            '&amp; e“</a>, 16. Dezember 2024; zitiert nach <a href="#quelle">[Quellartikel ohne '
            'Titel, Autor und Datum]</a>.</p><p class="citations-uses">Zitiert auf: '
            '<a href="../">Start</a> (2×), <a href="../withdrawal/">Abzug</a> (1×).</p></li>'
            ) in html
    assert ('<li id="quelle"><p>[Quellartikel ohne Titel, Autor und Datum].</p>'
            '<p class="citations-uses">Auf keiner Seite direkt zitiert. Grundlage für: '
            '<a href="#ft">Financial Times</a>, <a href="#ria">RIA Nowosti</a>.</p></li>') in html
    assert '<li id="unbenutzt"><p>Niemand.</p>' in html
    assert 'data-search-exclude' not in html
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO
             and r.name.endswith("citations")]
    assert infos == ["citations: sources.yml: never cited: kreml, unbenutzt",
                     "citations: 4 citations of 2 sources on 2 pages; "
                     "0 paragraphs without source"]


def test_sources_page_headings_are_in_the_table_of_contents(site):
    built = site({"index.md": "# Start\n\nA [@ft].\n"})
    html = (built / "sources/index.html").read_text(encoding="utf-8")
    nav = html[:html.index('role="main"')]
    assert 'href="#presseberichte"' in nav


def test_nothing_leaks_from_one_build_into_the_next(site, tiny_site):
    site({"index.md": "# Start\n\nA [@ft]. B [@ria].\n"})
    second = SOURCES.replace("container-title: RIA Nowosti", "container-title: RIA Neu")
    built = site({"index.md": "# Start\n\nA [@ria].\n"}, sources=second)
    html = article(built, "sources/index.html")
    assert "RIA Neu" in html and "RIA Nowosti" not in html
    assert ('<li id="ft"><p>Financial Times' in html
            and "Zitiert auf" not in html.split('<li id="ft">')[1].split("</li>")[0])


def test_registry_is_watched_for_serve(tiny_site, tmp_path):
    from mkdocs.config import load_config

    root = tmp_path
    tiny_site({"index.md": "# Start\n"}, config=CONFIG, files={"sources.yml": SOURCES})
    config = load_config(str(root / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    assert str(root / "sources.yml") in config.watch


def test_escaped_citation_shows_literally(site):
    built = site({"index.md": "# Start\n\nSo: \\[@ft] und `[@ft]`.\n"})
    assert "<p>So: [@ft] und <code>[@ft]</code>.</p>" in article(built)


def test_search_skips_footnotes_that_the_page_still_shows(site):
    built = site({"index.md": "# Start\n\nHauptsatz [@kreml].\n"})
    index = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))
    start = " ".join(doc["text"] for doc in index["docs"] if doc["location"] in ("", "#start"))
    assert "Hauptsatz" in start and "Kreml" not in start
    assert "\ue000" not in json.dumps(index, ensure_ascii=False)   # MkDocs' search: none
    html = article(built)
    assert '<li id="fn:@kreml">\n<p>Kreml.&#160;' in html
    assert "citations: footnotes" not in html


def test_search_index_keeps_footnote_text_out_of_pages_but_on_the_sources_page(site_dir):
    index = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    withdrawal = " ".join(t for loc, t in texts.items() if loc.startswith("withdrawal/"))
    sources = " ".join(t for loc, t in texts.items() if loc.startswith("sources/"))
    assert "Financial Times" in sources
    assert "zitiert nach" in sources
    assert "zitiert nach" not in withdrawal
    # The references' numbers as the pages have them, superscripts: search read them as
    # stand-ins (explainer.search_view), and the index has none of those.
    assert re.search(r"\w<sup>\d+</sup>", withdrawal)
    assert not re.search("[\ue000\ue001]", json.dumps(index, ensure_ascii=False))


def test_footnote_back_links_are_titled_in_the_sites_language(site):
    built = site({"index.md": "# Start\n\nSatz [@ft].\n"})
    assert 'title="Zurück zum Text (Fußnote 1)"' in article(built)


def test_sources_page_escapes_page_titles_once(site):
    # The seo hook stores titles as escaped text already (front matter and heading alike);
    # a front matter title is HTML, as for <title>: `<c>` there would be a tag.
    config = CONFIG.replace("hooks:\n", f"hooks:\n  - {hook_path('seo')}\n")
    built = site({"index.md": "# A & B &lt;c&gt;\n\nA [@ft].\n",
                  "withdrawal.md": "---\ntitle: A & B &lt;c>\n---\n# Abzug\n\nB [@ft].\n"},
                 config=config)
    assert ('<p class="citations-uses">Zitiert auf: <a href="../">A &amp; B &lt;c&gt;</a> (1×), '
            '<a href="../withdrawal/">A &amp; B &lt;c&gt;</a> (1×).</p>'
            ) in article(built, "sources/index.html")
    built = site({"index.md": "# A & B &lt;c&gt;\n\nA [@ft].\n"})       # without the seo hook
    assert 'Zitiert auf: <a href="../">A &amp; B &lt;c&gt;</a> (1×)' in article(
        built, "sources/index.html")


def test_a_foreign_title_carries_its_lang_in_the_footnote_and_on_the_sources_page(site):
    sources = SOURCES + ("- id: bbc\n  type: article-newspaper\n  container-title: BBC\n"
                         "  title: Troops leave\n  language: en\n"
                         "- id: lenta\n  type: article-newspaper\n  title: Войска уходят\n"
                         "  language: ru\n  via: bbc\n")
    built = site({"index.md": "# Start\n\nA [@bbc]. B [@lenta].\n"}, sources=sources)
    assert ('<li id="fn:@bbc">\n<p>BBC, <span lang="en">„Troops leave“</span>.&#160;'
            in article(built))
    assert ('<li id="fn:@lenta">\n<p><span lang="ru">„Войска уходят“</span>; zitiert nach '
            '<a href="sources/#bbc">BBC</a>.&#160;' in article(built))
    listed = article(built, "sources/index.html")
    assert '<li id="lenta"><p><span lang="ru">„Войска уходят“</span>; zitiert nach' in listed
    assert 'Grundlage für: <a href="#lenta"><span lang="ru">Войска уходят</span></a>.' in listed


def test_a_language_that_is_no_tag_stops_the_build_naming_entry_and_field(site, caplog):
    with pytest.raises(Abort):
        site({}, sources=SOURCES + "- id: x\n  title: X\n  language: Englisch\n")
    assert build_error(caplog) == (
        "sources.yml: entry 'x' (#6), field 'language': 'Englisch' is not a language tag: "
        "write a BCP 47 tag such as en, ru, ar or en-GB")


def test_code_right_after_a_heading_is_code_to_the_pass_as_to_python_markdown(site, caplog):
    built = site({"index.md": "# Start\n\n## Beispiel\n    [@ft] ist, wie man zitiert\n"})
    assert "<pre><code>[@ft] ist, wie man zitiert\n</code></pre>" in article(built)
    assert citation_warnings(caplog) == []


@pytest.mark.parametrize("page, written, line, message", [
    # Python-Markdown: after a link reference's definition of two lines, four spaces make code,
    # where the pass saw text.
    ("# Start\n\n[x]:\n    https://example.org\n    [@ft] ist, wie man zitiert\n", "[^@ft]", 5,
     "citation '[@ft]' shows on the page as '[^@ft]', not as a footnote: Python-Markdown reads "
     "that place as code or raw HTML, where the citations pass saw text; cite outside it"),
    # A fence nothing closes is text to Python-Markdown, code to the pass.
    ("# Start\n\nText [@ria].\n\n```text\nZitat [@ft] danach\n", "Zitat [@ft] danach", 6,
     "citation of 'ft' shows on the page as typed ('[@ft…'), not as a footnote: Python-Markdown "
     "reads that place as text, where the citations pass saw code; close the code block or "
     "write \\[@ft] for the text"),
])
def test_citation_syntax_left_on_the_rendered_page_is_a_warning(site, caplog, page, written,
                                                                  line, message):
    built = site({"index.md": page})
    assert written in article(built)
    assert f"citations: docs/index.md:{line}: {message}" in citation_warnings(caplog)


def test_the_warning_names_the_line_python_markdown_shows_as_text(site, caplog):
    # Not the inline code nor the closed fence before it: the fence nothing closes.
    site({"index.md": "Beispiel: `[@ft]` zitiert.\n\nText [@ft].\n\n```\ngeschlossen [@ft]\n```"
                      "\n\n```\noffen [@ft]\n"})
    [warning] = citation_warnings(caplog)
    assert warning.startswith("citations: docs/index.md:10: citation of 'ft' shows on the page "
                              "as typed")


def test_citations_left_as_text_on_purpose_get_no_second_warning(site, caplog):
    site({"index.md": "# Start\n\n## Teil [@ft]\n\nWörtlich \\[@ft] und `[@ft]`, "
                      "auch `[^@ft]`, und [@ft].\n"})
    assert citation_warnings(caplog) == [
        "citations: docs/index.md:3: citation '[@ft]' in a heading is left as text; "
        "cite in the paragraph below"]


def test_a_link_to_a_sources_anchor_is_checked_by_mkdocs_like_any_other(site, caplog):
    # The list goes in after Markdown, where MkDocs collects a page's anchors; its ids count.
    config = CONFIG + "validation:\n  anchors: warn\n"
    site({"index.md": "# Start\n\nSiehe [die FT](sources.md#ft) und [Kreml](sources.md#kreml) "
                      "[@ft].\n"}, config=config, strict=True)
    with pytest.raises(Abort):
        site({"index.md": "# Start\n\nSiehe [die FT](sources.md#nope) [@ft].\n"},
             config=config, strict=True)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING][-1] == (
        "Doc file 'index.md' contains a link 'sources.md#nope', but the doc 'sources.md' does not "
        "contain an anchor '#nope'.")


@pytest.mark.parametrize("sources_page, key, what", [
    (SOURCES_PAGE, "quellen", "a heading's anchor"),
    (SOURCES_PAGE.replace("Die Liste.", "Die Liste.\n{: #ft }"), "ft", "an element's id")])
def test_a_source_id_the_sources_page_has_already_stops_the_build(site, caplog, sources_page,
                                                                   key, what):
    registry = SOURCES + "- id: quellen\n  publisher: Q\n"
    with pytest.raises(Abort):
        site({"sources.md": sources_page}, sources=registry)
    position = 1 + [line.strip() for line in registry.splitlines()
                    if line.startswith("- id:")].index(f"- id: {key}")
    assert build_error(caplog) == (
        f"sources.yml: entry '{key}' (#{position}), field 'id': '{key}' is {what} on the "
        f"sources page (docs/sources.md) already, and the list gives each source its id as "
        f"anchor, where an id stands once: choose another id")
