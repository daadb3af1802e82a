"""Glossary hook in real builds: tiny sites in tmp_path, and the project's own site."""
from __future__ import annotations

import json
import logging
import re
import textwrap

import pytest
from mkdocs.exceptions import Abort

from conftest import hook_path

TOC = """
theme:
  name: mkdocs
  locale: de
markdown_extensions:
  - footnotes
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
"""

TABLE = """
- term: Hmeimim
  kind: Ort
  variants: [Chmeimim, Khmeimim]
  short: Russischer Luftwaffenstützpunkt in Syrien.
  explanation: Ein Flugplatz im Nordwesten Syriens.
  sources: [ft]
- term: Hayat Tahrir al-Sham
  kind: Organisation
  variants: [HTS]
  short: Islamistische Miliz.
  explanation: Die Miliz, die den Sturz Assads anführte.
  link: "akteure.md#Hayat Tahrir al-Sham (HTS)"
- term: Übergangsregierung
  kind: Begriff
  short: Vorläufige Regierung.
  explanation: Die vorläufige Regierung Syriens.
- term: Abchasien
  kind: Ort
  short: Gebiet am Schwarzen Meer.
  explanation: Ein Gebiet.
"""

PAGES = {
    "index.md": """\
        # Start

        Chmeimim und HTS. Danach Hmeimim, Hmeimims Pisten und die Übergangsregierungen.

        `Hmeimim` im Code, [Hmeimim](akteure.md) im Link.

        ## Hmeimim heute
        """,
    "akteure.md": """\
        # Akteure

        ## Hayat Tahrir al-Sham (HTS)

        HTS verhandelte; die NATO nicht.
        """,
    "glossary.md": """\
        # Glossar

        Alle Namen.

        <!-- glossary -->
        """,
}


def hooks_config(*names: str, extra: str = "") -> str:
    return "hooks:\n" + "".join(f"  - {hook_path(n)}\n" for n in names) + TOC + extra


@pytest.fixture
def build(tiny_site):
    """Build a tiny site with the glossary hook; returns a reader for its pages. A page given
    as None is left out."""
    def make(pages=None, table=TABLE, *, strict=False, config="", files=None):
        pages = {name: text for name, text in {**PAGES, **(pages or {})}.items()
                 if text is not None}
        site = tiny_site(pages, config=hooks_config("glossary") + config,
                         files={"glossary.yml": table, **(files or {})}, strict=strict)
        return lambda path: (site / path).read_text(encoding="utf-8")
    return make


def content(html: str) -> str:
    return html[html.index('<div role="main"') if '<div role="main"' in html else 0:]


def test_every_mention_has_a_tooltip_and_the_first_one_links(build):
    page = build()("index.html")
    assert ('<a class="glossary-term" href="glossary/#hmeimim" title="Hmeimim: Russischer '
            'Luftwaffenstützpunkt in Syrien.">Chmeimim</a>') in page
    assert ('<a class="glossary-term" href="akteure/#hayat-tahrir-al-sham-hts" '
            'title="Hayat Tahrir al-Sham: Islamistische Miliz.">HTS</a>') in page
    assert ('<span class="glossary-term" title="Russischer Luftwaffenstützpunkt in Syrien.">'
            'Hmeimim</span>') in page
    assert '<span class="glossary-term" title="Hmeimim: Russischer Luftwaffenstützpunkt in ' \
           'Syrien.">Hmeimims</span>' in page
    assert ('<a class="glossary-term" href="glossary/#übergangsregierung" '
            'title="Übergangsregierung: Vorläufige Regierung.">Übergangsregierungen</a>') in page


@pytest.mark.parametrize("directory_urls", [True, False])
def test_first_mentions_link_as_mkdocs_writes_a_link_by_hand(build, directory_urls):
    # The glossary writes its links after MkDocs' link pass: from pages in folders, with and
    # without directory URLs, each must be the URL MkDocs makes of the same link by hand.
    up = {"index.md": "", "a/index.md": "../", "a/b.md": "../", "a/c/d.md": "../../"}
    pages = {name: f"# Seite\n\nHmeimim und HTS.\n\n[eins]({to}glossary.md#hmeimim) "
                   f"[zwei]({to}akteure.md#hayat-tahrir-al-sham-hts)\n" for name, to in up.items()}
    read = build(pages, strict=True,
                 config=f"use_directory_urls: {str(directory_urls).lower()}\n")
    for name in pages:
        out = (name[:-3] + ("/index.html" if directory_urls and not name.endswith("index.md")
                            else ".html")).replace("index/index.html", "index.html")
        page = read(out)
        written = re.findall(r'<a href="([^"]+)">(?:eins|zwei)</a>', page)
        linked = re.findall(r'<a class="glossary-term" href="([^"]+)"', page)
        assert len(written) == 2 and linked == written, (name, linked, written)


def test_code_links_and_headings_keep_their_text(build):
    page = build()("index.html")
    assert "<code>Hmeimim</code>" in page
    assert '<a href="akteure/">Hmeimim</a>' in page
    assert '<h2 id="hmeimim-heute">Hmeimim heute</h2>' in page


def test_a_mention_on_the_target_page_itself_is_not_a_link(build):
    page = build()("akteure/index.html")
    assert ('<span class="glossary-term" title="Hayat Tahrir al-Sham: Islamistische Miliz.">'
            'HTS</span> verhandelte') in page
    assert 'class="glossary-term" href' not in page


def test_glossary_page_lists_entries_in_german_order_with_anchors_variants_and_kind(build):
    page = build()("glossary/index.html")
    entries = re.findall(r'<h3 id="([^"]+)">([^<]+)<', page)
    assert entries == [("abchasien", "Abchasien"), ("hayat-tahrir-al-sham", "Hayat Tahrir al-Sham"),
                       ("hmeimim", "Hmeimim"), ("übergangsregierung", "Übergangsregierung")]
    assert re.findall(r'<h2 id="[^"]+">([^<]+)<', page) == ["A", "H", "U"]
    assert '<p class="glossar-schreibweisen"><em>Ort</em> · auch: Chmeimim, Khmeimim</p>' in page
    assert '<p><a href="../akteure/#hayat-tahrir-al-sham-hts">Mehr zu Hayat Tahrir al-Sham</a></p>' \
        in page
    # entries point to each other, never to themselves
    assert ('<p>Die Miliz, die den Sturz Assads anführte.</p>') in page
    section = page[page.index('<h3 id="hmeimim">'):page.index('<h3 id="übergangsregierung">')]
    assert "glossary-term" not in section
    assert "<p>Alle Namen.</p>" in page


def test_glossary_sources_become_citations(tiny_site):
    sources = "- id: ft\n  type: article-newspaper\n  container-title: Financial Times\n" \
              "  title: Russia pulls troops\n"
    site = tiny_site(PAGES, config=hooks_config("citations", "glossary"),
                     files={"glossary.yml": TABLE, "sources.yml": sources, "sources.md": ""})
    page = (site / "glossary/index.html").read_text(encoding="utf-8")
    assert re.search(r'Ein Flugplatz im Nordwesten Syriens\.<sup id="fnref:@ft">'
                     r'<a class="footnote-ref" href="#fn:@ft">1</a></sup>', page), page
    assert "[@ft]" not in page


@pytest.mark.parametrize("anchor, error", [
    ("ft", None),
    ("nope", "glossary.yml: entry 'Hmeimim', field 'link': docs/sources.md has no anchor "
             "'#nope'")])
def test_a_link_to_a_source_on_the_sources_page_is_an_anchor_there(tiny_site, caplog, anchor,
                                                                   error):
    # The list of sources goes in after Markdown; its ids are the page's anchors all the same.
    sources = "- id: ft\n  type: article-newspaper\n  container-title: Financial Times\n"
    table = TABLE.replace("  sources: [ft]\n", f"  sources: [ft]\n  link: sources.md#{anchor}\n")
    pages = {**PAGES, "sources.md": "# Quellen\n\n<!-- citations: sources -->\n"}
    if error is None:
        tiny_site(pages, config=hooks_config("citations", "glossary"), strict=True,
                  files={"glossary.yml": table, "sources.yml": sources})
        return
    with pytest.raises(Abort):
        tiny_site(pages, config=hooks_config("citations", "glossary"),
                  files={"glossary.yml": table, "sources.yml": sources})
    assert _errors(caplog) == [error]


@pytest.mark.parametrize("explanation, block", [
    ('"Ein Flugplatz.\\n\\n```\\ncode\\n```"', "<pre><code>code\n</code></pre>"),
    ('"Ein Flugplatz.\\n\\n    code"', "<pre><code>code\n</code></pre>"),
    ('"Ein Flugplatz.\\n\\n| a |\\n| - |\\n| 1 |"', "<td>1</td>"),
    ('"Ein Flugplatz.\\n\\n[ref]: https://example.org"', "<p>Ein Flugplatz.</p>"),
])
def test_glossary_sources_after_a_block_are_cited_in_a_paragraph_of_their_own(
        tiny_site, explanation, block):
    sources = "- id: ft\n  type: article-newspaper\n  container-title: Financial Times\n" \
              "  title: Russia pulls troops\n"
    table = TABLE.replace("explanation: Ein Flugplatz im Nordwesten Syriens.",
                          f"explanation: {explanation}")
    site = tiny_site(PAGES, config=hooks_config("citations", "glossary"), strict=True,
                     files={"glossary.yml": table, "sources.yml": sources, "sources.md": ""})
    page = (site / "glossary/index.html").read_text(encoding="utf-8")
    assert block in page
    assert re.search(r'\n<p><sup id="fnref:@ft"><a class="footnote-ref" href="#fn:@ft">1</a>'
                     r'</sup></p>', page), page


@pytest.mark.parametrize("table, message", [
    (TABLE.replace("akteure.md#", "leute.md#"),
     "glossary.yml: entry 'Hayat Tahrir al-Sham', field 'link': page 'leute.md' does not exist "
     "in docs/"),
    (TABLE.replace('"akteure.md#Hayat Tahrir al-Sham (HTS)"', '"style.css#nope"'),
     "glossary.yml: entry 'Hayat Tahrir al-Sham', field 'link': 'style.css' is not a page of "
     "the site"),
    (TABLE.replace("#Hayat Tahrir al-Sham (HTS)", "#Die HTS"),
     "glossary.yml: entry 'Hayat Tahrir al-Sham', field 'link': docs/akteure.md has no anchor "
     "'#die-hts'"),
    (TABLE.replace("variants: [HTS]", "variants: [Chmeimim]"),
     "glossary.yml: entry 'Hayat Tahrir al-Sham', field 'variants': 'Chmeimim' is already "
     "claimed by entry 'Hmeimim'"),
    (TABLE.replace("short: Gebiet am Schwarzen Meer.", "short: ''"),
     "glossary.yml: entry 'Abchasien', field 'short': missing or empty"),
    (TABLE.replace("explanation: Ein Gebiet.", 'explanation: "Zitat:\\n\\n> ## Titel"'),
     "glossary.yml: entry 'Abchasien', field 'explanation': an explanation cannot hold a heading "
     "(the entry's name is its heading); write paragraphs"),
    (TABLE.replace('"akteure.md#Hayat Tahrir al-Sham (HTS)"', '"#hts"'),
     "glossary.yml: entry 'Hayat Tahrir al-Sham', field 'link': expected a page and optionally "
     "its heading, such as 'bases.md#Tartus', found '#hts'"),
    (TABLE.replace("explanation: Ein Gebiet.", "explanation: Ein [Gebiet](javascript:alert(1))."),
     "glossary.yml: entry 'Abchasien', field 'explanation': link 'javascript:alert(1)': write "
     "https://…, mailto:… or a page's path under docs/"),
    (TABLE.replace("explanation: Ein Gebiet.",
                   "explanation: Ein Gebiet ![Karte](https://example.org/k.png)"),
     "glossary.yml: entry 'Abchasien', field 'explanation': an image from elsewhere "
     "('https://example.org/k.png') is not allowed: the site loads nothing from other hosts"),
])
def test_bad_entries_stop_the_build_naming_the_entry(build, caplog, table, message):
    # MkDocs turns the hook's PluginError into one ERROR line and aborts the build.
    with pytest.raises(Abort):
        build({"style.css": "p {}\n"}, table=table)
    assert _errors(caplog) == [message]


def test_without_a_glossary_page_terms_get_tooltips_and_link_to_their_sections(tiny_site, caplog):
    pages = {k: v for k, v in PAGES.items() if k != "glossary.md"}
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        site = tiny_site(pages, config=hooks_config("glossary"), files={"glossary.yml": TABLE},
                         strict=True)
    messages = [r.getMessage() for r in caplog.records]
    assert ("glossary: glossary.yml: no glossary page docs/glossary.md; terms get tooltips, and "
            "those with a 'link' link to their sections") in messages
    assert not any("besides the glossary" in m for m in messages)      # there is none
    page = (site / "index.html").read_text(encoding="utf-8")
    assert ('<span class="glossary-term" title="Hmeimim: Russischer Luftwaffenstützpunkt in '
            'Syrien.">Chmeimim</span>') in page
    assert '<a class="glossary-term" href="akteure/#hayat-tahrir-al-sham-hts"' in page


def test_without_glossary_yml_the_feature_is_off(tiny_site, caplog):
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        pages = {name: text for name, text in PAGES.items() if name != "glossary.md"}
        site = tiny_site(pages, config=hooks_config("glossary"), strict=True)
    assert "glossary: glossary.yml not found: glossary off" in [r.getMessage()
                                                                for r in caplog.records]
    assert "glossary-term" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_glossary_file_mkdocs_yml_names_but_nobody_wrote_is_a_warning(tiny_site, caplog):
    # A misspelt name would otherwise take every tooltip away in silence (a site without a
    # glossary page, whose marker would say so).
    config = hooks_config("glossary", extra="extra:\n  glossary:\n    file: glosary.yml\n")
    pages = {name: text for name, text in PAGES.items() if name != "glossary.md"}
    with pytest.raises(Abort):
        tiny_site(pages, config=config, strict=True)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "glossary: glosary.yml not found (extra.glossary.file in mkdocs.yml names it): "
        "glossary off"]


def _errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_second_glossary_marker_is_left_out_with_a_warning(build, caplog):
    read = build({"glossary.md": "# Glossar\n\n<!-- glossary -->\n\n<!-- glossary -->\n"})
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "glossary: docs/glossary.md:5: the entries are on this page already; this "
        "<!-- glossary --> is left out"]
    assert read("glossary/index.html").count('id="hmeimim"') == 1


def test_an_argument_to_the_glossary_marker_is_ignored_with_a_warning(build, caplog):
    read = build({"glossary.md": "# Glossar\n\n<!-- glossary: alle -->\n"})
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "glossary: docs/glossary.md:3: <!-- glossary: alle --> takes no argument; 'alle' is "
        "ignored (write <!-- glossary -->)"]
    assert read("glossary/index.html").count('id="hmeimim"') == 1


def test_a_glossary_page_without_marker_warns_and_fails_strict(build, caplog):
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        reader = build({"glossary.md": "# Glossar\n"})
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == ["glossary: docs/glossary.md: no line '<!-- glossary -->' marks where the "
                        "entries go; they were appended at the end"]
    assert '<h3 id="hmeimim">' in reader("glossary/index.html")
    with pytest.raises(Abort):
        build({"glossary.md": "# Glossar\n"}, strict=True)


def test_a_footnote_or_link_reference_the_glossary_page_shares_with_an_entry_warns(build, caplog):
    table = TABLE.replace("explanation: Ein Gebiet.", 'explanation: "Ein Gebiet[^1] [am Meer][r].'
                          '\\n\\n[^1]: Eintrag.\\n\\n[r]: https://entry.org"')
    page = ("---\ntitle: Glossar\n---\n\n# Glossar\n\nAlle Namen[^1], [ein Link][r].\n\n"
            "[^1]: Seite.\n[r]: https://page.org\n\n<!-- glossary -->\n")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        read = build({"glossary.md": page}, table=table)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        f"glossary: docs/glossary.md:{line}: the {kind} '{label}' is defined here and in "
        f"glossary.yml: entry 'Abchasien', field 'explanation'; on the glossary page one would "
        f"stand for both, so give each its own label"
        for line, kind, label in ((9, "footnote", "[^1]"), (10, "link reference", "[r]"))]
    assert '<a href="https://entry.org">ein Link</a>' in read("glossary/index.html")  # as it is
    with pytest.raises(Abort):
        build({"glossary.md": page}, table=table, strict=True)


def test_unused_terms_and_undefined_names_are_reported_as_info(build, caplog):
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build({"index.md": "# Start\n\nAl-Qaida und HTS und die UNO und ISW.\n"}, strict=True)
    infos = [r.getMessage() for r in caplog.records if "glossary" in r.name]
    assert any("glossary.yml: entry 'Abchasien' is used on no page besides the glossary" in m
               for m in infos), infos
    assert not any("entry 'Hayat Tahrir al-Sham' is used on no page" in m for m in infos)
    assert any("docs/index.md:3: 'Al-Qaida' looks like a name but is not in glossary.yml"
               in m for m in infos), infos
    assert any("docs/index.md:3: 'ISW' looks like a name" in m for m in infos), infos
    assert not any("'UNO'" in m for m in infos)
    assert all(r.levelno == logging.INFO for r in caplog.records if "glossary" in r.name)


def test_the_table_is_watched_by_mkdocs_serve(tmp_path):
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    (tmp_path / "glossary.yml").write_text(TABLE, encoding="utf-8")
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text("site_name: T\n" + hooks_config("glossary"), encoding="utf-8")
    config = load_config(str(cfg))
    config = config.plugins.on_config(config)
    assert str(tmp_path / "glossary.yml") in config.watch


# --- the project's own site (built once per session by conftest.site_dir) ---

def test_project_glossary_page_is_complete_and_in_german_order(site_dir):
    page = (site_dir / "glossary/index.html").read_text(encoding="utf-8")
    names = re.findall(r'<h3 id="[^"]+">([^<]+)<', page)
    assert len(names) >= 20
    folded = [n.lower().replace("ü", "u").replace("ä", "a").replace("ö", "o").replace("ß", "ss")
              for n in names]
    assert folded == sorted(folded)
    assert "auch: Chmeimim, Khmeimim" in page
    assert 'class="footnote-ref"' in page


def test_project_pages_carry_tooltips_and_link_first_mentions(site_dir):
    page = (site_dir / "withdrawal/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="glossary-term" href="../bases/#hmeimim" title="[^"]+">Hmeimim</a>',
                     page)
    assert page.count('class="glossary-term" href="../bases/#hmeimim"') == 1
    footnotes = page[page.index('<div class="footnote"'):]
    assert "glossary-term" not in footnotes


def test_a_changed_table_is_read_again_by_the_next_build_of_the_same_process(build):
    # `mkdocs serve` rebuilds in one process, where the table read is kept while the file
    # stays the same (explainer.glossary.terms.load_terms_file).
    assert 'title="Übergangsregierung: Vorläufige Regierung."' in build()("index.html")
    changed = TABLE.replace("short: Vorläufige Regierung.", "short: Die Regierung bis zur Wahl.")
    page = build(table=changed)("index.html")
    assert ('title="Übergangsregierung: Die Regierung bis zur Wahl.">Übergangsregierungen'
            in page)
    assert "Vorläufige Regierung" not in page


def test_a_preview_links_a_term_whose_page_is_missing_to_its_entry_for_that_build_only(
        build, caplog, monkeypatch):
    from explainer import preview
    monkeypatch.setattr(preview, "_serving", True)
    broken = TABLE.replace("akteure.md#", "leute.md#")
    page = build(table=broken)("index.html")
    assert ("glossary: glossary.yml: entry 'Hayat Tahrir al-Sham', field 'link': page 'leute.md' "
            "does not exist in docs/") in _errors(caplog)
    assert '<a class="glossary-term" href="glossary/#hayat-tahrir-al-sham"' in page
    # The next build with the same table meets the missing page again: nothing carried over.
    caplog.clear()
    build(table=broken)
    assert len(_errors(caplog)) == 1
    monkeypatch.setattr(preview, "_serving", False)
    assert '<a class="glossary-term" href="akteure/#hayat-tahrir-al-sham-hts"' in build()(
        "index.html")


def test_an_entry_keeps_its_anchor_when_a_letter_heading_or_the_page_title_has_the_same(build):
    # The toc extension numbers the later of two equal slugs: the letter heading "X" before the
    # entry "X", the letter "C" before "C++", the page's title "Glossar" would take the
    # entries' anchors and every link to them would land on the wrong heading.
    table = TABLE + """
- term: X
  kind: Begriff
  short: Ein Buchstabe.
  explanation: Ein Zeichen.
- term: Glossar
  kind: Begriff
  short: Ein Verzeichnis.
  explanation: Ein Verzeichnis.
- term: C++
  kind: Begriff
  short: Eine Sprache.
  explanation: Eine Sprache.
"""
    read = build({"index.md": "# Start\n\nX, Glossar und C++.\n"}, table=table)
    page = read("glossary/index.html")
    assert re.findall(r'<h3 id="([^"]+)">([^<]+)<', page)[:2] == [("abchasien", "Abchasien"),
                                                                   ("c", "C++")]
    assert '<h3 id="x">X</h3>' in page and '<h3 id="glossar">Glossar</h3>' in page
    assert re.findall(r'<h2 id="([^"]+)">([^<]+)<', page) == [
        ("a", "A"), ("c_1", "C"), ("g", "G"), ("h", "H"), ("u", "U"), ("x_1", "X")]
    assert '<h1 id="glossar_1">Glossar</h1>' in page
    index = read("index.html")
    for anchor, name in (("x", "X"), ("glossar", "Glossar"), ("c", "C++")):
        assert f'<a class="glossary-term" href="glossary/#{anchor}" title="' in index, name


@pytest.mark.parametrize("pages, config, message", [
    # the page renamed, the option not changed with it
    ({"glossary.md": None, "glossar.md": "# Glossar\n\n<!-- glossary -->\n"}, "",
     "glossary: docs/glossar.md:3: the glossary's entries go on docs/glossary.md, which does not "
     "exist (extra.glossary.page); this <!-- glossary --> is left out"),
    # a typo in the option
    ({}, "extra:\n  glossary:\n    page: glosar.md\n",
     "glossary: docs/glossary.md:5: the glossary's entries go on docs/glosar.md, which does not "
     "exist (extra.glossary.page); this <!-- glossary --> is left out"),
    # a second marker on another page
    ({"index.md": "# Start\n\n<!-- glossary -->\n"}, "",
     "glossary: docs/index.md:3: the glossary's entries go on docs/glossary.md; this "
     "<!-- glossary --> is left out"),
])
def test_a_glossary_marker_on_another_page_is_left_out_with_a_warning(build, caplog, pages,
                                                                     config, message):
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build(pages, config=config)
    assert message in [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_a_link_to_a_page_the_site_leaves_out_stops_the_build(build, caplog):
    with pytest.raises(Abort):
        build(config="exclude_docs: akteure.md\n")
    assert _errors(caplog) == ["glossary.yml: entry 'Hayat Tahrir al-Sham', field 'link': "
                               "'akteure.md' is not a page of the site (exclude_docs or "
                               "draft_docs leaves it out)"]


def test_a_glossary_page_in_a_folder_links_to_the_sections_from_there(build, caplog):
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        read = build({"glossary.md": None, "ref/glossary.md": PAGES["glossary.md"]},
                     config="extra:\n  glossary:\n    page: ref/glossary.md\n", strict=True)
    assert ('<p><a href="../../akteure/#hayat-tahrir-al-sham-hts">Mehr zu Hayat Tahrir al-Sham'
            '</a></p>') in read("ref/glossary/index.html")


@pytest.mark.parametrize("option, found", [("file", "a list"), ("page", "a number"),
                                           ("file", "an empty text"), ("page", "an empty text")])
def test_an_option_that_is_no_path_stops_the_build_naming_it(build, caplog, option, found):
    value = {"a list": "[a]", "a number": "5", "an empty text": '""'}[found]
    with pytest.raises(Abort):
        build(config=f"extra:\n  glossary:\n    {option}: {value}\n")
    assert _errors(caplog) == [f"mkdocs.yml: extra.glossary, field '{option}': expected a path, "
                               f"such as glossary.{'yml' if option == 'file' else 'md'}, found "
                               f"{found}"]


def test_a_link_may_name_any_id_mkdocs_finds_on_the_page_also_with_its_case(tiny_site):
    # MkDocs' own anchors of a page: ids of raw HTML blocks, of inline HTML, and an attribute
    # list's id as written (its case kept, where a heading's text is slugified).
    table = TABLE + "".join(f"""
- term: {name}
  kind: Begriff
  short: {name} kurz.
  explanation: {name} lang.
  link: "akteure.md#{anchor}"
""" for name, anchor in (("Roh", "raw-anchor"), ("Inline", "inline-anchor"),
                         ("Eigen", "Custom_ID")))
    pages = {**PAGES, "index.md": "# Start\n\nRoh, Inline und Eigen.\n",
             "akteure.md": textwrap.dedent(PAGES["akteure.md"]) + '\n<div id="raw-anchor"></div>'
             '\n\nText <a id="inline-anchor"></a> hier.\n\n## Eigen {#Custom_ID}\n'}
    config = hooks_config("glossary").replace("  - footnotes\n", "  - footnotes\n  - attr_list\n")
    site = tiny_site(pages, config=config + "validation:\n  anchors: warn\n",
                     files={"glossary.yml": table}, strict=True)
    read = lambda path: (site / path).read_text(encoding="utf-8")  # noqa: E731
    index = read("index.html")
    for anchor in ("raw-anchor", "inline-anchor", "Custom_ID"):
        assert f'<a class="glossary-term" href="akteure/#{anchor}" title="' in index, anchor
    assert '<p><a href="../akteure/#Custom_ID">Mehr zu Eigen</a></p>' in read("glossary/index.html")
    assert "custom_id" not in index + read("glossary/index.html")
