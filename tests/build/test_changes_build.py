"""hooks/changes.py in tiny sites: the notice on each changed page, the list page, JSON-LD,
and what an editor sees when changes.yml is wrong."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from conftest import hook_path
from test_preview import free_port, wait_for

CONFIG = f"""\
site_url: https://example.org/x/
theme:
  name: material
  language: {{language}}
markdown_extensions:
  - attr_list
  - toc
hooks:
  - {hook_path('changes')}
"""
PAGES = {
    "index.md": "# Start\n\nErster Absatz.\n",
    "withdrawal.md": "# Der Abzug\n\nEinleitung.\n\n## Abzug aus Damaskus\n\nText.\n\n"
                     "## Später\n\nMehr.\n",
    "since.md": "# Was seither geschah\n\nNeu.\n",
    "changes.md": "---\ndescription: Was sich geändert hat.\n---\n\n<!-- changes -->\n",
}
CHANGES = """\
- date: 2026-12-01
  page: withdrawal.md
  section: abzug-aus-damaskus
  kind: correction
  what: "Die Zahl <b>400</b> & mehr, siehe [Was seither geschah](since.md)."
  why: Die FT nennt *mindestens* 400.
- date: 2026-12-02
  page: withdrawal.md
  kind: update
  what: Der Stand ist jetzt Dezember 2026.
"""


@pytest.fixture
def build(tiny_site):
    def make(changes: str | None = CHANGES, *, pages: dict | None = None, language: str = "de",
             strict: bool = False):
        files = {"changes.yml": changes} if changes is not None else {}
        return tiny_site({**PAGES, **(pages or {})}, config=CONFIG.format(language=language),
                         files=files, strict=strict)
    return make


def article(site, path: str) -> str:
    """The page's content as the theme shows it, blank lines left out."""
    text = (site / path).read_text(encoding="utf-8")
    body = text.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>")[0]
    return "\n".join(line for line in body.splitlines() if line.strip())


def json_ld(site, path: str) -> list[dict]:
    text = (site / path).read_text(encoding="utf-8")
    return [json.loads(body) for body in
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', text)]


def stopped(caplog, build, *args) -> str:
    """What the editor reads when the build stops: MkDocs raises a PluginError from on_config
    itself and logs one from a later event at ERROR before it aborts."""
    try:
        build(*args)
    except PluginError as error:
        return str(error)
    except Abort:
        [message] = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
        return message
    raise AssertionError("the build did not stop")


def messages(caplog, level: str) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelname == level and r.name.endswith("changes")]


def test_each_notice_stands_at_its_section_or_after_the_title(build):
    site = build()
    assert article(site, "withdrawal/index.html") == (
        '<h1 id="der-abzug">Der Abzug</h1>\n'
        '<div class="aenderung" role="note"><strong>Aktualisiert am <time datetime="2026-12-02">'
        '2. Dezember 2026</time>:</strong> Der Stand ist jetzt Dezember 2026. '
        '(<a href="../changes/#2026-12-02">alle Änderungen</a>)</div>\n'
        '<p>Einleitung.</p>\n'
        '<h2 id="abzug-aus-damaskus">Abzug aus Damaskus</h2>\n'
        '<div class="aenderung" role="note"><strong>Korrigiert am <time datetime="2026-12-01">'
        '1. Dezember 2026</time>:</strong> Die Zahl &lt;b&gt;400&lt;/b&gt; &amp; mehr, siehe '
        '<a href="../since/">Was seither geschah</a>. '
        '(<a href="../changes/#2026-12-01">alle Änderungen</a>)</div>\n'
        '<p>Text.</p>\n'
        '<h2 id="spater">Später</h2>\n'
        '<p>Mehr.</p>')
    assert "aenderung" not in article(site, "index.html")


def test_the_list_page_names_pages_and_sections_by_title_newest_first(build):
    site = build()
    assert article(site, "changes/index.html") == (
        '<h1 id="korrekturen-und-aktualisierungen">Korrekturen und Aktualisierungen</h1>\n'
        '<p>Was auf diesen Seiten berichtigt oder ergänzt wurde, das Neueste zuerst. Eine '
        'Korrektur berichtigt einen Fehler, eine Aktualisierung ergänzt, was seither bekannt '
        'geworden ist.</p>\n'
        '<h2 id="2026-12-02"><time datetime="2026-12-02">2. Dezember 2026</time></h2>\n'
        '<ul class="aenderungen">\n<li>\n'
        '<p><strong>Aktualisierung:</strong> <a href="../withdrawal/">Der Abzug</a></p>\n'
        '<p>Der Stand ist jetzt Dezember 2026.</p>\n'
        '</li>\n</ul>\n'
        '<h2 id="2026-12-01"><time datetime="2026-12-01">1. Dezember 2026</time></h2>\n'
        '<ul class="aenderungen">\n<li>\n'
        '<p><strong>Korrektur:</strong> <a href="../withdrawal/#abzug-aus-damaskus">Der Abzug, '
        'Abschnitt „Abzug aus Damaskus“</a></p>\n'
        '<p>Die Zahl &lt;b&gt;400&lt;/b&gt; &amp; mehr, siehe <a href="../since/">Was seither '
        'geschah</a>.</p>\n'
        '<p class="aenderungen__grund">Grund: Die FT nennt <em>mindestens</em> 400.</p>\n'
        '</li>\n</ul>')


@pytest.mark.parametrize("page, container", [
    ("# Alles\n\n!!! note \"Liste\"\n\n    <!-- changes -->\n",
     '<div class="admonition note">\n<p class="admonition-title">Liste</p>'),
    ("# Alles\n\n- Liste:\n\n    <!-- changes -->\n", "<li>\n<p>Liste:</p>")])
def test_the_list_in_an_admonition_or_a_list_item_is_a_list_there_not_in_a_paragraph(
        tiny_site, page, container):
    site = tiny_site({**PAGES, "changes.md": page},
                     config=CONFIG.format(language="de").replace("  - toc\n",
                                                                 "  - toc\n  - admonition\n"),
                     files={"changes.yml": CHANGES}, strict=True)
    html = article(site, "changes/index.html")
    assert "<p><ul" not in html and "data-tag" not in html
    assert re.search(re.escape(container) + r'.*<h2 id="2026-12-02">.*</h2>\n'
                     r'<ul class="aenderungen">\n<li>\n<p><strong>Aktualisierung:', html, re.S)


@pytest.mark.parametrize("front", ["", "---\ntitle: A & B &lt;c>\n---\n"])
def test_the_list_page_escapes_titles_once(tiny_site, front):
    # With the seo hook a page's title is escaped text; a front matter title is HTML (as for
    # <title>), so `<` in it is written &lt;.
    pages = {**PAGES, "withdrawal.md": front + "# A & B &lt;c&gt;\n\n## C & D &lt;e&gt;\n\nText.\n"}
    site = tiny_site(pages, config=CONFIG.format(language="de") + f"  - {hook_path('seo')}\n",
                     files={"changes.yml": "- {date: 2026-12-01, page: withdrawal.md, section: "
                                           "c-d-e, kind: update, what: x}\n"})
    assert ('<a href="../withdrawal/#c-d-e">A &amp; B &lt;c&gt;, Abschnitt „C &amp; D '
            '&lt;e&gt;“</a>') in article(site, "changes/index.html")
    [data] = json_ld(site, "withdrawal/index.html")
    assert data["name"] == "A & B <c>"


def test_changed_pages_and_the_list_carry_date_modified_beside_open_graph(build):
    site = build()
    assert json_ld(site, "withdrawal/index.html") == [{
        "@context": "https://schema.org", "@type": "WebPage", "name": "Der Abzug",
        "url": "https://example.org/x/withdrawal/", "inLanguage": "de",
        "dateModified": "2026-12-02"}]
    assert json_ld(site, "changes/index.html")[0]["dateModified"] == "2026-12-02"
    assert json_ld(site, "index.html") == [] and json_ld(site, "since/index.html") == []
    head = (site / "withdrawal/index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert head.rstrip().endswith("</script>")


def test_an_english_site_gets_english_words_and_dates(build):
    site = build(language="en")
    page = article(site, "withdrawal/index.html")
    assert ('<strong>Corrected on <time datetime="2026-12-01">December 1, 2026</time>:</strong>'
            in page)
    assert '(<a href="../changes/#2026-12-01">all changes</a>)' in page
    listed = article(site, "changes/index.html")
    assert listed.startswith('<h1 id="corrections-and-updates">Corrections and updates</h1>')
    assert ('<a href="../withdrawal/#abzug-aus-damaskus">Der Abzug, section “Abzug aus '
            'Damaskus”</a>') in listed
    assert '<p class="aenderungen__grund">Reason: Die FT nennt <em>mindestens</em> 400.</p>' in listed


def test_a_link_in_the_text_is_relative_to_each_page_that_shows_it(build):
    site = build("- {date: 2026-12-01, page: sub/deep.md, kind: update, what: '[neu](since.md#x)'}\n",
                 pages={"sub/deep.md": "# Tief\n\nText.\n", "since.md": "# S\n\n## X\n\nneu\n"})
    assert ('<a href="../../since/#x">neu</a> (<a href="../../changes/#2026-12-01">'
            in article(site, "sub/deep/index.html"))
    assert '<p><a href="../since/#x">neu</a></p>' in article(site, "changes/index.html")


def test_without_changes_yml_the_site_builds_strictly_with_one_info_line(build, caplog):
    caplog.set_level("INFO")
    site = build(None, pages={"changes.md": "# Ohne Liste\n"}, strict=True)
    assert messages(caplog, "INFO") == ["changes: no changes.yml: no corrections or updates are shown"]
    assert "aenderung" not in article(site, "withdrawal/index.html")
    assert json_ld(site, "withdrawal/index.html") == []


def test_an_empty_changes_yml_gives_the_list_page_saying_so(build):
    assert article(build("# nothing yet\n", strict=True), "changes/index.html").endswith(
        "<p>Bisher wurde nichts korrigiert oder aktualisiert.</p>")


def test_the_marker_without_changes_yml_warns_naming_page_and_line(build, caplog):
    site = build(None)
    assert messages(caplog, "WARNING") == [
        "changes: docs/changes.md:5: <!-- changes --> asks for the list of corrections and "
        "updates, but there is no changes.yml"]
    assert "<!-- changes -->" in article(site, "changes/index.html")
    with pytest.raises(Abort):
        build(None, strict=True)


def test_a_second_list_marker_on_the_page_is_left_out_with_a_warning(build, caplog):
    page = "---\ndescription: Was sich geändert hat.\n---\n\n<!-- changes -->\n\n<!-- changes -->\n"
    site = build(pages={"changes.md": page})
    assert messages(caplog, "WARNING") == [
        "changes: docs/changes.md:7: the list of changes is on this page already; this "
        "<!-- changes --> is left out"]
    assert article(site, "changes/index.html").count("Die Zahl") == 1


def test_an_argument_to_the_list_marker_is_ignored_with_a_warning(build, caplog):
    page = "---\ndescription: Was sich geändert hat.\n---\n\n<!-- changes: alle -->\n"
    site = build(pages={"changes.md": page})
    assert messages(caplog, "WARNING") == [
        "changes: docs/changes.md:5: <!-- changes: alle --> takes no argument; 'alle' is "
        "ignored (write <!-- changes -->)"]
    assert article(site, "changes/index.html").count("Die Zahl") == 1
    with pytest.raises(Abort):
        build(pages={"changes.md": page}, strict=True)


def test_changes_without_a_list_page_warn_and_the_notices_still_show(build, caplog):
    site = build(pages={"changes.md": "# Keine Liste\n"})
    assert messages(caplog, "WARNING") == [
        "changes: changes.yml: 2 changes, but no page has the line <!-- changes --> where their "
        "list goes"]
    assert ('1. Dezember 2026</time>:</strong> Die Zahl &lt;b&gt;400&lt;/b&gt; &amp; mehr, siehe '
            '<a href="../since/">Was seither geschah</a>.</div>') in article(site, "withdrawal/index.html")


def test_the_list_marker_in_a_raw_html_block_is_a_warning_and_left_a_comment(build, caplog):
    # Python-Markdown keeps a raw <details> as it is: the list's Markdown showed as text there.
    page = "# Alles\n\n<details>\n<summary>Alle</summary>\n\n<!-- changes -->\n\n</details>\n"
    site = build(pages={"changes.md": page})
    assert messages(caplog, "WARNING") == [
        "changes: changes.yml: 2 changes, but no page has the line <!-- changes --> where their "
        "list goes",
        'changes: docs/changes.md:6: <!-- changes --> stands in a raw HTML block, where Markdown '
        'is not read, so it is left as a comment: a marker stands outside raw HTML, or in an '
        'element with markdown="1"']
    assert "<!-- changes -->" in article(site, "changes/index.html")
    assert "///" not in article(site, "changes/index.html")


def test_a_list_page_with_its_own_title_gets_no_second_one(build):
    site = build(pages={"changes.md": "# Änderungen\n\nAlle:\n\n<!-- changes -->\n"}, strict=True)
    page = article(site, "changes/index.html")
    assert page.count("<h1") == 1 and '<h1 id="anderungen">Änderungen' in page
    assert "Korrekturen und Aktualisierungen" not in page and "Die Zahl" in page


def test_a_list_page_titled_in_its_front_matter_gets_that_title_only(build):
    site = build(pages={"changes.md": "---\ntitle: Berichtigungen und Nachträge\n---\n\n"
                                      "<!-- changes -->\n"}, strict=True)
    page = article(site, "changes/index.html")
    assert page.count("<h1") == 1 and "<h1>Berichtigungen und Nachträge</h1>" in page
    assert "Korrekturen und Aktualisierungen" not in page and "Die Zahl" in page


def test_a_build_with_changes_ends_with_one_info_line(build, caplog):
    caplog.set_level("INFO")
    build(strict=True)
    assert messages(caplog, "INFO") == [
        "changes: changes.yml: 1 correction(s) and 1 update(s) on 1 page(s)"]


def test_two_builds_give_the_same_pages(build):
    first = article(build(), "withdrawal/index.html")
    assert article(build(), "withdrawal/index.html") == first
    assert first.count('class="aenderung"') == 2


def test_changes_yml_is_watched_by_serve(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "changes.yml").write_text("", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: T\nhooks:\n  - {hook_path('changes')}\n",
                                         encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    assert str(tmp_path / "changes.yml") in config.watch


# --- bad input ------------------------------------------------------------------------------

def test_a_page_that_does_not_exist_stops_the_build_naming_entry_and_field(build, caplog):
    text = CHANGES + "- {date: 2026-12-01, page: withdrawl.md, kind: update, what: x}\n"
    assert stopped(caplog, build, text) == ("changes.yml: entry 3 (2026-12-01), field 'page': no page "
                                "'withdrawl.md' (did you mean 'withdrawal.md'?)")


def test_broken_yaml_stops_the_build_with_its_line(build, caplog):
    assert stopped(caplog, build, "- date: 2026-12-01\n  page: index.md\n  kind: [update\n"
                   ).startswith("changes.yml:4: invalid YAML")


def test_a_text_of_two_paragraphs_stops_the_build(build, caplog):
    text = "- {date: 2026-12-01, page: index.md, kind: update, what: \"Eins.\\n\\nZwei.\"}\n"
    assert stopped(caplog, build, text) == (
        "changes.yml: entry 1 (2026-12-01), field 'what': expected one paragraph of inline "
        "Markdown, found p, p (no blank lines, lists or headings)")


def test_a_character_reference_html_forbids_stops_the_build(build, caplog):
    text = "- {date: 2026-12-01, page: index.md, kind: update, what: 'ok', why: 'x &#0;'}\n"
    assert stopped(caplog, build, text) == (
        "changes.yml: entry 1 (2026-12-01), field 'why': the character reference '&#0;' "
        "(U+0000) stands for no character a page may hold; remove it")


def test_an_unknown_section_warns_and_the_notice_goes_after_the_title(build, caplog):
    text = "- {date: 2026-12-01, page: withdrawal.md, section: abzug-damaskus, kind: update, what: x}\n"
    site = build(text)
    assert messages(caplog, "WARNING") == [
        "changes: changes.yml: entry 1 (2026-12-01), field 'section': no anchor 'abzug-damaskus' "
        "on withdrawal.md (did you mean 'abzug-aus-damaskus'?)"]
    assert article(site, "withdrawal/index.html").startswith(
        '<h1 id="der-abzug">Der Abzug</h1>\n<div class="aenderung" role="note">')
    with pytest.raises(Abort):
        build(text, strict=True)


def test_a_section_that_is_no_heading_warns_and_the_notice_goes_after_the_title(build, caplog):
    pages = {"withdrawal.md": "# Der Abzug\n\nEinleitung.\n{: #absatz }\n\n## Später\n"}
    site = build("- {date: 2026-12-01, page: withdrawal.md, section: absatz, kind: update, "
                 "what: x}\n", pages=pages)
    assert messages(caplog, "WARNING") == [
        "changes: changes.yml: entry 1 (2026-12-01), field 'section': 'absatz' on withdrawal.md "
        "is no heading's anchor; a section is a heading"]
    assert article(site, "withdrawal/index.html").startswith(
        '<h1 id="der-abzug">Der Abzug</h1>\n<div class="aenderung" role="note">')


def test_a_change_dated_after_the_build_warns_naming_entry_and_field(build, caplog,
                                                                     monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1734307200")          # 2024-12-16; the clock later
    build("- {date: 2062-12-01, page: index.md, kind: update, what: x}\n")
    [warning] = messages(caplog, "WARNING")
    assert warning.startswith("changes: changes.yml: entry 1 (2062-12-01), field 'date': "
                              "2062-12-01 lies after the day of this build (")


def test_a_link_to_a_missing_page_or_anchor_warns_and_fails_strict(build, caplog):
    text = ("- {date: 2026-12-01, page: index.md, kind: update, "
            "what: '[a](gone.md) [b](since.md#nirgends) [c](javascript:alert(1))'}\n")
    site = build(text)
    assert messages(caplog, "WARNING") == [
        "changes: changes.yml: entry 1 (2026-12-01), field 'what': link 'gone.md': no page "
        "'gone.md'",
        "changes: changes.yml: entry 1 (2026-12-01), field 'what': link 'javascript:alert(1)': "
        "write https://…, http://…, mailto:… or a page's path under docs/ (like 'page:')",
        "changes: changes.yml: entry 1 (2026-12-01), field 'what': link to 'since.md#nirgends': "
        "no anchor 'nirgends' on since.md"]
    assert ('<span>a</span> <a href="../since/#nirgends">b</a> <span>c</span>'
            in article(site, "changes/index.html"))
    with pytest.raises(Abort):
        build(text, strict=True)


def test_a_link_to_another_file_of_the_site_is_kept_relative_to_each_page(build, caplog):
    # A file under docs/ that is no page (a report as PDF) is part of the site as well.
    text = "- {date: 2026-12-01, page: since.md, kind: update, what: 'Der [Bericht](report.pdf).'}\n"
    site = build(text, pages={"report.pdf": "%PDF-1.4\n"}, strict=True)
    assert messages(caplog, "WARNING") == []
    assert '<a href="../report.pdf">Bericht</a>' in article(site, "changes/index.html")


def test_a_citation_in_what_or_why_warns_at_the_entry_and_fails_strict(build, caplog):
    text = ("- {date: 2026-12-01, page: index.md, kind: update, what: 'Neu [@ft].'}\n"
            "- {date: 2026-12-02, page: since.md, kind: correction, what: 'Neu, \\[@ft], "
            "`[@ft]`, presse@ft.com.', why: 'Laut [vgl. @ft, S. 3].'}\n")
    build(text)
    assert messages(caplog, "WARNING") == [
        "changes: changes.yml: entry 1 (2026-12-01), field 'what': citations belong on the page "
        "itself; cite on index.md",
        "changes: changes.yml: entry 2 (2026-12-02), field 'why': citations belong on the page "
        "itself; cite on since.md"]
    with pytest.raises(Abort):
        build(text, strict=True)


def test_a_footnote_in_what_or_why_warns_at_the_entry(build, caplog):
    # No note can stand in a notice: "[^1]" would show as typed, in silence.
    text = ("- {date: 2026-12-01, page: index.md, kind: update, what: 'Neu.[^1]'}\n"
            "- {date: 2026-12-02, page: since.md, kind: correction, what: 'Neu, `[^1]`, "
            "\\[^2].', why: 'Anders.[^quelle]'}\n")
    build(text)
    assert messages(caplog, "WARNING") == [
        "changes: changes.yml: entry 1 (2026-12-01), field 'what': a notice has no footnotes, "
        "so '[^1]' shows as typed; put the note on index.md itself",
        "changes: changes.yml: entry 2 (2026-12-02), field 'why': a notice has no footnotes, "
        "so '[^quelle]' shows as typed; put the note on since.md itself"]


def test_a_link_by_reference_in_what_or_why_warns_at_the_entry(build, caplog):
    # A notice is rendered alone: no definition reaches it, "[text][label]" would show as typed.
    text = ("- {date: 2026-12-01, page: index.md, kind: update, what: 'Neu [im Bericht][r].'}\n"
            "- {date: 2026-12-02, page: since.md, kind: correction, what: 'Neu [sic], "
            "`[a][b]`, \\[c][d].', why: 'Anders, [siehe][].'}\n"
            # An escaped backslash escapes nothing after it.
            "- {date: 2026-12-03, page: index.md, kind: update, what: 'C:\\\\[e][f].'}\n")
    build(text)
    assert messages(caplog, "WARNING") == [
        "changes: changes.yml: entry 1 (2026-12-01), field 'what': a notice has no link "
        "references, so '[im Bericht][r]' shows as typed; write the link as "
        "[im Bericht](address)",
        "changes: changes.yml: entry 2 (2026-12-02), field 'why': a notice has no link "
        "references, so '[siehe][]' shows as typed; write the link as [siehe](address)",
        "changes: changes.yml: entry 3 (2026-12-03), field 'what': a notice has no link "
        "references, so '[e][f]' shows as typed; write the link as [e](address)"]


def test_a_citation_in_a_notice_gets_its_own_warning_only(tiny_site, caplog):
    # Not also the citations hook's check of the rendered page: the notice's text is no page's.
    config = CONFIG.format(language="en").replace("  - toc\n", "  - toc\n  - footnotes\n") \
        + f"  - {hook_path('citations')}\n"
    changes = ("- {date: 2026-12-01, page: index.md, kind: update, what: 'Wrong [@ft], "
               "\\[-@ft], [^@ft].'}\n")
    site = tiny_site({**PAGES, "index.md": "# Start\n\nText [@ft].\n"}, config=config,
                     files={"changes.yml": changes,
                            "sources.yml": "- id: ft\n  container-title: Financial Times\n"})
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "changes: changes.yml: entry 1 (2026-12-01), field 'what': citations belong on the page "
        "itself; cite on index.md"]
    assert "Wrong &#91;@ft], &#91;-@ft], &#91;^@ft]." in article(site, "index.html")


# --- preview ----------------------------------------------------------------------------------

def test_a_preview_shows_a_broken_changes_yml_at_the_top_until_it_is_fixed(tmp_path):
    (tmp_path / "docs").mkdir()
    for name, text in PAGES.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / "changes.yml").write_text(CHANGES, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n" + CONFIG.format(language="de"),
                                         encoding="utf-8")
    port = free_port()
    with (tmp_path / "serve.log").open("w+", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            def page() -> str | None:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/x/withdrawal/",
                                                timeout=30) as response:
                        return response.read().decode("utf-8")
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    return None

            assert 'class="aenderung"' in wait_for(page, "the first build")
            (tmp_path / "changes.yml").write_text(CHANGES.replace("page: withdrawal.md\n  kind: update",
                                                                  "page: withdrawl.md\n  kind: update"),
                                                  encoding="utf-8")
            shown = wait_for(lambda: (p := page()) and 'role="alert"' in p and p, "the error")
            assert ("changes.yml: entry 2 (2026-12-02), field &#x27;page&#x27;: no page "
                    "&#x27;withdrawl.md&#x27; (did you mean &#x27;withdrawal.md&#x27;?)") in shown
            assert 'class="aenderung"' not in shown and "<p>Einleitung.</p>" in shown
            (tmp_path / "changes.yml").write_text(CHANGES, encoding="utf-8")
            fixed = wait_for(lambda: (p := page()) and 'role="alert"' not in p and p, "the fix")
            assert fixed.count('class="aenderung"') == 2
            log.flush()
            assert "Traceback" not in (tmp_path / "serve.log").read_text(encoding="utf-8")
        finally:
            server.terminate()
            server.wait(timeout=30)
