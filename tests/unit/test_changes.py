"""explainer.changes: reading changes.yml, a change's text as safe HTML, and the markup."""
from __future__ import annotations

import datetime
import json
import types

import markdown
import pytest
from markupsafe import Markup

from explainer.changes import ChangeLog, render
from explainer.changes.entries import (Change, build_day, by_date, check_dates, check_pages,
                                       check_sections, last_changed, parse_changes)
from explainer.changes.inline import InlineError, InlineMarkdown
from explainer.data import DataError, parse_yaml
from explainer.strings import for_language

DE, EN = for_language("de"), for_language("en")


def changes(text: str) -> list[Change]:
    return parse_changes(parse_yaml(text, "changes.yml"), "changes.yml")


ENTRY = """\
- date: 2026-12-01
  page: withdrawal.md
  section: abzug-aus-damaskus
  kind: correction
  what: " Die Zahl stimmt jetzt. "
  why: Die FT nennt sie.
"""


# --- entries ---------------------------------------------------------------------------------

def test_an_entry_becomes_a_change_with_its_date_as_a_day():
    assert changes(ENTRY) == [Change(1, datetime.date(2026, 12, 1), "withdrawal.md",
                                     "abzug-aus-damaskus", "correction", "Die Zahl stimmt jetzt.",
                                     "Die FT nennt sie.")]
    assert changes(ENTRY)[0].entry == "entry 1 (2026-12-01)"


def test_section_and_why_are_optional():
    [change] = changes("- date: 2026-12-01\n  page: a.md\n  kind: update\n  what: Neu.\n")
    assert (change.section, change.why) == (None, None)


def test_changes_come_newest_first_and_in_file_order_within_a_day():
    listed = changes("".join(f"- {{date: '{date}', page: a.md, kind: update, what: '{n}'}}\n"
                             for n, date in enumerate(
                                 ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-01"], 1)))
    assert [change.what for change in listed] == ["3", "2", "4", "1"]
    assert [(date, [c.number for c in group]) for date, group in by_date(listed)] == [
        (datetime.date(2026, 12, 2), [3]), (datetime.date(2026, 12, 1), [2, 4]),
        (datetime.date(2026, 11, 30), [1])]


def test_an_empty_file_has_no_changes():
    assert changes("") == []
    assert changes("# nothing yet\n") == []


def test_last_changed_is_the_newest_date_per_page():
    listed = changes("- {date: '2026-12-01', page: a.md, kind: update, what: x}\n"
                     "- {date: '2026-12-03', page: a.md, kind: update, what: x}\n"
                     "- {date: '2026-12-02', page: b.md, kind: correction, what: x}\n")
    assert last_changed(listed) == {"a.md": datetime.date(2026, 12, 3),
                                    "b.md": datetime.date(2026, 12, 2)}


@pytest.mark.parametrize("text, message", [
    ("page: a.md\n", "changes.yml: expected a list, found a mapping"),
    ("- a.md\n", "changes.yml: entry 1: expected a mapping of fields, found text"),
    ("- {page: a.md, kind: update, what: x}\n", "changes.yml: entry 1, field 'date': missing or empty"),
    ("- {date: '2026-02-30', page: a.md, kind: update, what: x}\n",
     "changes.yml: entry 1, field 'date': '2026-02-30' is not a date in the calendar"),
    ("- {date: '2026-12', page: a.md, kind: update, what: x}\n",
     "changes.yml: entry 1, field 'date': '2026-12' names no day; write the day of the change as "
     "YYYY-MM-DD"),
    ("- {date: 1.12.2026, page: a.md, kind: update, what: x}\n",
     "changes.yml: entry 1, field 'date': '1.12.2026' is not a date: write the day of the change "
     "as YYYY-MM-DD"),
    ("- {date: 2026-12-01, kind: update, what: x}\n",
     "changes.yml: entry 1 (2026-12-01), field 'page': missing or empty"),
    ("- {date: 2026-12-01, page: a.md, kind: corection, what: x}\n",
     "changes.yml: entry 1 (2026-12-01), field 'kind': 'corection' is not a kind (did you mean "
     "'correction'?); write correction or update"),
    ("- {date: 2026-12-01, page: a.md, kind: update}\n",
     "changes.yml: entry 1 (2026-12-01), field 'what': missing or empty"),
    ("- {date: 2026-12-01, page: a.md, kind: update, what: [a, b]}\n",
     "changes.yml: entry 1 (2026-12-01), field 'what': expected text, found a list"),
    ("- {date: 2026-12-01, page: a.md, kind: update, what: x, wy: y}\n",
     "changes.yml: entry 1 (2026-12-01), field 'wy': unknown field (did you mean 'why'?); fields "
     "are date, page, section, kind, what, why"),
    ("- {date: 2026-12-01, page: a.md, section: '#tartus', kind: update, what: x}\n",
     "changes.yml: entry 1 (2026-12-01), field 'section': '#tartus' is not an anchor; write the "
     "heading's anchor without '#', as in the page's address"),
    ("- {date: 2026-12-01, page: a.md, kind: update, what: x, why: \"a\\x01\"}\n",
     "changes.yml: entry 1 (2026-12-01), field 'why': a control character (U+0001) in the "
     "text; remove it"),
])
def test_a_broken_entry_stops_with_file_entry_and_field(text, message):
    with pytest.raises(DataError) as error:
        changes(text)
    assert str(error.value) == message


def test_an_entry_given_twice_stops_naming_both():
    text = ("- {date: 2026-12-01, page: a.md, kind: update, what: x}\n"
            "- {date: 2026-12-01, page: a.md, kind: update, what: y}\n"
            "- {date: 2026-12-01, page: a.md, kind: update, what: x, why: z}\n")
    with pytest.raises(DataError) as error:
        changes(text)
    assert str(error.value) == ("changes.yml: entry 3 (2026-12-01): the same change as entry 1 "
                                "(2026-12-01) (date, page, section, kind and what); remove one "
                                "of them")
    assert len(changes(text.replace("what: x, why", "section: b, what: x, why"))) == 3


def test_an_entry_that_repeats_another_but_for_spaces_is_the_same_change():
    text = ("- {date: 2026-12-01, page: a.md, kind: update, what: 'Die Linse, nicht'}\n"
            "- {date: 2026-12-01, page: a.md, kind: update, what: 'Die  Linse,\n    nicht'}\n")
    with pytest.raises(DataError, match=r"entry 2 \(2026-12-01\): the same change as entry 1"):
        changes(text)


def test_the_entry_number_counts_from_the_top_of_the_file():
    text = "- {date: 2026-11-30, page: a.md, kind: update, what: x}\n" * 2 + "- {date: 2026-12-01}\n"
    with pytest.raises(DataError, match=r"^changes\.yml: entry 3 \(2026-12-01\), field 'page'"):
        changes(text)


def test_a_page_that_does_not_exist_stops_with_a_suggestion():
    listed = changes("- {date: 2026-11-30, page: index.md, kind: update, what: x}\n"
                     "- {date: 2026-11-30, page: index.md, kind: update, what: y}\n"
                     "- {date: 2026-12-01, page: withdrawl.md, kind: update, what: x}\n")
    with pytest.raises(DataError) as error:
        check_pages(listed, {"index.md", "withdrawal.md"}, "changes.yml")
    assert str(error.value) == ("changes.yml: entry 3 (2026-12-01), field 'page': no page "
                                "'withdrawl.md' (did you mean 'withdrawal.md'?)")
    check_pages(listed[1:], {"index.md"}, "changes.yml")       # the others are fine


def test_a_page_written_with_docs_in_front_is_told_how_to_write_it():
    listed = changes("- {date: 2026-12-01, page: docs/index.md, kind: update, what: x}\n")
    with pytest.raises(DataError, match=r"^changes\.yml: entry 1 \(2026-12-01\), field 'page': no "
                                        r"page 'docs/index\.md' \(paths are under docs/: write "
                                        r"'index\.md'\)$"):
        check_pages(listed, {"index.md"}, "changes.yml")


def test_an_unknown_section_is_a_warning_naming_entry_and_anchor():
    listed = changes("- {date: 2026-12-01, page: a.md, section: tartus, kind: update, what: x}\n"
                     "- {date: 2026-12-01, page: a.md, section: hmeimin, kind: update, what: x}\n"
                     "- {date: 2026-12-01, page: a.md, kind: update, what: x}\n")
    anchors = {"a.md": {"tartus", "hmeimim"}}
    assert check_sections(listed, anchors.__getitem__, anchors.__getitem__, "changes.yml") == [
        "changes.yml: entry 2 (2026-12-01), field 'section': no anchor 'hmeimin' on a.md "
        "(did you mean 'hmeimim'?)"]


def test_a_section_that_is_an_anchor_but_no_heading_is_a_warning_naming_entry_and_field():
    listed = changes("- {date: 2026-12-01, page: a.md, section: 'fn:@gazette', kind: update, "
                     "what: x}\n")
    headings, anchors = {"a.md": {"tartus"}}, {"a.md": {"tartus", "fn:@gazette"}}
    assert check_sections(listed, headings.__getitem__, anchors.__getitem__, "changes.yml") == [
        "changes.yml: entry 1 (2026-12-01), field 'section': 'fn:@gazette' on a.md is no "
        "heading's anchor; a section is a heading"]


def test_a_change_dated_after_the_build_is_a_warning_naming_entry_and_field():
    listed = changes("- {date: 2026-12-01, page: a.md, kind: update, what: x}\n"
                     "- {date: 2062-12-01, page: a.md, kind: update, what: y}\n")
    assert check_dates(listed, datetime.date(2026, 12, 2), "changes.yml") == [
        "changes.yml: entry 2 (2062-12-01), field 'date': 2062-12-01 lies after the day of this "
        "build (2026-12-02); give the day the change was made"]
    assert check_dates(listed, datetime.date(2062, 12, 1), "changes.yml") == []


@pytest.mark.parametrize("environ, day", [
    ({}, datetime.date(2026, 12, 2)),
    ({"SOURCE_DATE_EPOCH": "1734307200"}, datetime.date(2026, 12, 2)),   # earlier: the clock's
    ({"SOURCE_DATE_EPOCH": "2000000000"}, datetime.date(2033, 5, 18)),   # later: a wrong clock
    ({"SOURCE_DATE_EPOCH": "soon"}, datetime.date(2026, 12, 2))])
def test_the_build_day_is_today_or_the_later_source_date_epoch(environ, day):
    assert build_day(environ, datetime.date(2026, 12, 2)) == day


# --- inline text -----------------------------------------------------------------------------

def pages(path: str) -> str | None:
    return {"since.md": "../since/", "bases.md": "../bases/"}.get(path)


@pytest.fixture(scope="module")
def inline():
    return InlineMarkdown()


def test_inline_markdown_is_rendered_and_raw_html_shown_as_text(inline):
    result = inline.render('Die Zahl *400* <b onclick="x">&</b> stimmt & <script>alert(1)</script>',
                           pages)
    assert result.html == ('Die Zahl <em>400</em> &lt;b onclick="x"&gt;&amp;&lt;/b&gt; stimmt '
                           '&amp; &lt;script&gt;alert(1)&lt;/script&gt;')
    assert result.problems == []


def test_a_link_to_a_page_gets_the_address_for_the_page_shown_and_keeps_its_anchor(inline):
    result = inline.render("Siehe [Was seither geschah](since.md) und [Tartus](bases.md#tartus).",
                           pages)
    assert result.html == ('Siehe <a href="../since/">Was seither geschah</a> und '
                           '<a href="../bases/#tartus">Tartus</a>.')
    assert result.links == [("since.md", ""), ("bases.md", "tartus")]


def test_an_address_in_angle_brackets_is_text_not_a_hidden_mail_link(inline):
    assert inline.render("<a@example.org>", pages).html == "&lt;a@example.org&gt;"


def test_web_and_mail_links_stay_as_written(inline):
    result = inline.render("[FT](https://www.ft.com/x?a=1&b=2) [Post](mailto:a@example.org)", pages)
    assert result.html == ('<a href="https://www.ft.com/x?a=1&amp;b=2">FT</a> '
                           '<a href="mailto:a@example.org">Post</a>')
    assert result.problems == []


def test_what_no_url_may_hold_as_typed_is_percent_encoded(inline):
    result = inline.render('<http://x.example/a?b="c"> [d](https://x.example/a b%zz[1]#e#f) '
                           '[g](https://[::1]/) [h](since.md#i"j)', pages)
    assert result.html == (
        '<a href="http://x.example/a?b=%22c%22">http://x.example/a?b="c"</a> '
        '<a href="https://x.example/a%20b%25zz%5B1%5D#e%23f">d</a> '
        '<a href="https://[::1]/">g</a> <a href="../since/#i%22j">h</a>')


@pytest.mark.parametrize("text, reference", [
    ("ok &#0;", "'&#0;' (U+0000)"), ("&#xD800; und mehr", "'&#xD800;' (U+D800)"),
    ("[a](https://x.example/&#1;)", "'&#1;' (U+0001)")])
def test_a_character_reference_html_forbids_is_an_error(inline, text, reference):
    with pytest.raises(InlineError) as error:
        inline.render(text, pages)
    assert str(error.value) == (f"the character reference {reference} stands for no character "
                                "a page may hold; remove it")


def test_character_references_html_allows_and_code_stay(inline):
    assert inline.render("&#x41; &nbsp; `&#0;`", pages).html == "&#x41; &nbsp; <code>&amp;#0;</code>"


@pytest.mark.parametrize("text, problem", [
    ("[x](javascript:alert(1))", "link 'javascript:alert(1)': write https://…, http://…, "
                                 "mailto:… or a page's path under docs/ (like 'page:')"),
    ("[x](/since.md)", "link '/since.md': write https://…, http://…, mailto:… or a page's path "
                       "under docs/ (like 'page:')"),
    ("[x](#tartus)", "link '#tartus': write https://…, http://…, mailto:… or a page's path under "
                     "docs/ (like 'page:')"),
    ("[x](sincе.md)", "link 'sincе.md': no page 'sincе.md'"),
    ("[x](../since.md)", "link '../since.md': no page '../since.md'"),
    # As a browser reads it: the reference a tab, the tab dropped, the backslash a slash.
    ("[x](java&#x09;script:alert(1))", "link 'java&#x09;script:alert(1)': write https://…, "
                                       "http://…, mailto:… or a page's path under docs/ (like "
                                       "'page:')"),
    ("[x](\\\\\\\\evil.org/a)", "link '\\\\\\\\evil.org/a': write https://…, http://…, "
                                  "mailto:… or a page's path under docs/ (like 'page:')"),
    ("[x](\\\\since.md)", "link '\\\\since.md': write https://…, http://…, mailto:… or a "
                           "page's path under docs/ (like 'page:')"),
])
def test_a_link_that_leads_nowhere_becomes_text_and_is_reported(inline, text, problem):
    result = inline.render(text, pages)
    assert result.html == "<span>x</span>"
    assert result.problems == [problem]


def test_an_image_is_refused_and_its_alt_text_kept(inline):
    result = inline.render("Karte: ![Tartus](https://tracker.example/pixel.png)", pages)
    assert result.html == "Karte: <span>Tartus</span>"
    assert result.problems == [
        "an image ('https://tracker.example/pixel.png') is not allowed; write a link"]


@pytest.mark.parametrize("text, found", [
    ("Eins.\n\nZwei.", "p, p"), ("- Punkt", "ul"), ("# Titel", "h1"), ("    code", "pre")])
def test_more_than_one_paragraph_is_an_error(inline, text, found):
    with pytest.raises(InlineError, match=rf"^expected one paragraph of inline Markdown, found "
                                          rf"{found} \(no blank lines, lists or headings\)$"):
        inline.render(text, pages)


def test_one_converter_renders_text_after_text_without_leftovers(inline):
    inline.render("[x](javascript:y) ![a](b.png)", pages)
    assert inline.render("Ruhig.", pages).problems == []
    assert inline.render("Ruhig.", pages).html == "Ruhig."


# --- markup ----------------------------------------------------------------------------------

CHANGE = Change(3, datetime.date(2026, 12, 1), "withdrawal.md", "abzug", "correction", "x", None)


def test_notice_names_kind_and_date_and_links_to_the_list():
    assert render.notice(CHANGE, Markup("Die Zahl &amp; <em>mehr</em>."), "../changes/#2026-12-01",
                         DE) == (
        '<div class="aenderung" role="note"><strong>Korrigiert am '
        '<time datetime="2026-12-01">1. Dezember 2026</time>:</strong> Die Zahl &amp; '
        '<em>mehr</em>. (<a href="../changes/#2026-12-01">alle Änderungen</a>)</div>')


def test_notice_in_english_and_without_a_list_page():
    update = Change(1, datetime.date(2026, 12, 1), "a.md", None, "update", "x", None)
    assert render.notice(update, Markup("New."), None, EN) == (
        '<div class="aenderung" role="note"><strong>Updated on '
        '<time datetime="2026-12-01">December 1, 2026</time>:</strong> New.</div>')


def test_the_list_page_has_a_heading_per_day_newest_first():
    listed = [Change(2, datetime.date(2026, 12, 2), "a.md", None, "update", "x", None), CHANGE,
              Change(1, datetime.date(2026, 12, 1), "a.md", None, "update", "y", None)]
    assert render.list_markdown(listed, DE) == (
        "# Korrekturen und Aktualisierungen\n\n" + DE("changes.intro") + "\n\n"
        '## <time datetime="2026-12-02">2. Dezember 2026</time> {#2026-12-02}\n\n'
        '/// element | div.aenderungen\n    attrs: {data-tag: "2026-12-02"}\n///\n\n'
        '## <time datetime="2026-12-01">1. Dezember 2026</time> {#2026-12-01}\n\n'
        '/// element | div.aenderungen\n    attrs: {data-tag: "2026-12-01"}\n///\n')


def test_the_list_page_without_changes_says_so():
    assert render.list_markdown([], EN) == ("# Corrections and updates\n\n" + EN("changes.intro")
                                            + "\n\nNothing has been corrected or updated so far.\n")


@pytest.mark.parametrize("page, title", [
    ("# Changes\n\n!!! note \"All\"\n    <!-- changes -->\n", True),
    ("#Changes\n\n<!-- changes -->\n", True), ("Changes\n=======\n\n<!-- changes -->\n", True),
    ("!!! note\n    # Changes\n\n    <!-- changes -->\n", True),
    ("<!-- changes -->\n", False), ("## Changes\n\n<!-- changes -->\n", False),
    ("```\n# not a title\n```\n\n<!-- changes -->\n", False),
    ("Text.\n\n    # code\n\n<!-- changes -->\n", False), ("a == b\n\n<!-- changes -->\n", False),
])
def test_a_page_with_a_title_of_its_own_gets_the_list_without_one(page, title):
    # The list wrote its own <h1> below the page's: two titles on one page.
    assert render.has_title(page) is title
    assert render.list_markdown([], EN, title=False) == (
        EN("changes.intro") + "\n\nNothing has been corrected or updated so far.\n")


def test_items_escape_titles_and_keep_the_rendered_texts():
    item = render.Item(kind="Korrektur", url="../a/#x?<", place=render.place('A & "B"', "<C>", DE),
                       what=Markup("<em>neu</em>"), why=None)
    assert render.items_html([item]) == (
        '<ul class="aenderungen">\n<li>\n'
        '<p><strong>Korrektur:</strong> <a href="../a/#x?&lt;">A &amp; &#34;B&#34;, Abschnitt '
        '„&lt;C&gt;“</a></p>\n<p><em>neu</em></p>\n</li>\n</ul>')


def test_json_ld_is_valid_json_that_cannot_end_its_script_block():
    script = render.json_ld(title="Abzug </script><b>&", url="https://example.org/a/",
                            language="de", modified=datetime.date(2026, 12, 1))
    prefix, suffix = '<script type="application/ld+json">', "</script>"
    assert script.startswith(prefix) and script.endswith(suffix)
    body = script[len(prefix):-len(suffix)]
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == {"@context": "https://schema.org", "@type": "WebPage",
                                "name": "Abzug </script><b>&", "url": "https://example.org/a/",
                                "inLanguage": "de", "dateModified": "2026-12-01"}


# --- notices extension -------------------------------------------------------------------------

def test_notices_go_to_the_page_converted_next_and_only_to_it():
    log = ChangeLog(changes("- {date: 2026-12-01, page: a.md, section: zwei, kind: update, what: Neu.}\n"
                            "- {date: 2026-12-02, page: a.md, kind: correction, what: Fix.}\n"),
                    found=True, strings=DE, language="de")
    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="a.md"))
    source = "# Titel\n\nEins.\n\n## Zwei\n\nText.\n"
    assert log.page_markdown(source, page) == (source, [])
    md = markdown.Markdown(extensions=["toc", log.extension])
    assert md.convert(source) == (
        '<h1 id="titel">Titel</h1>\n'
        '<div class="aenderung" role="note"><strong>Korrigiert am <time datetime="2026-12-02">'
        '2. Dezember 2026</time>:</strong> Fix.</div>\n'
        '<p>Eins.</p>\n<h2 id="zwei">Zwei</h2>\n'
        '<div class="aenderung" role="note"><strong>Aktualisiert am <time datetime="2026-12-01">'
        '1. Dezember 2026</time>:</strong> Neu.</div>\n'
        '<p>Text.</p>')
    assert "aenderung" not in md.reset().convert(source)     # a snippet converted afterwards
