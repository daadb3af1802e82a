"""Citations, pure functions (explainer.citations): the registry, finding citations, footnotes
and their order, references, required citations. Build tests: test_citations_build.py; property tests:
test_citations_properties.py."""
from __future__ import annotations

import re
import textwrap

import markdown as md
import pytest
from markdown.extensions.footnotes import FootnoteExtension
from mkdocs.exceptions import PluginError

from explainer.citations import footnotes, references
from explainer.citations.affixes import Affixes, affixes
from explainer.citations.footnotes import CitationsExtension, PageResult
from explainer.citations.registry import load_registry
from explainer.citations.syntax import Cite
from explainer.strings import for_language

DE = for_language("de")

REGISTRY_YAML = """
- id: quelle
  type: article
  title: "[Quellartikel ohne Titel, Autor und Datum]"
  language: de
- id: ft
  type: article-newspaper
  container-title: Financial Times
  title: Russia pulls troops
  issued: 2024-12-16
  via: quelle
- id: ria
  container-title: RIA Nowosti
  issued: 2024-12
- id: tass
  publisher: TASS
  issued: 2024
  URL: https://tass.example/a?b=1&c=2
"""


def registry(text: str = REGISTRY_YAML):
    sources, warnings = load_registry(textwrap.dedent(text), "sources.yml")
    assert warnings == []
    return sources


def render(text: str, sources=None, **options) -> PageResult:
    return footnotes.process_markdown(textwrap.dedent(text), sources or registry(), strings=DE,
                                      **options)


def body(result: PageResult) -> str:
    """The rewritten Markdown (no footnote definitions are added to it)."""
    return result.markdown.strip("\n")


def to_html(result: PageResult, extensions=("footnotes",), searchable=False) -> str:
    return md.markdown(result.markdown, extensions=[
        *extensions, CitationsExtension.for_page(result, searchable=searchable)])


def ref_numbers(html: str) -> list[str]:
    return re.findall(r'class="footnote-ref" href="#fn:([^"]+)">(\d+)<', html)


# --- the registry --------------------------------------------------------------------------

def test_registry_reads_csl_fields_dates_and_via():
    sources = registry()
    assert list(sources) == ["quelle", "ft", "ria", "tass"]
    assert sources["ft"].fields["issued"] == (2024, 12, 16)
    assert sources["ria"].fields["issued"] == (2024, 12)
    assert sources["tass"].fields["issued"] == (2024,)
    assert sources["ft"].via == "quelle"
    assert sources["ria"].type == "document"


def test_registry_accepts_csl_references_wrapper_and_date_parts():
    sources, warnings = load_registry(textwrap.dedent("""
        references:
          - id: a
            title: A
            issued: {date-parts: [[2024, 12, 9]]}
            DOI: 10.1000/x
            page: 3
    """))
    assert warnings == []
    assert sources["a"].fields["issued"] == (2024, 12, 9)


def test_empty_registry_is_an_empty_list():
    assert load_registry("") == ({}, [])


def test_unknown_field_is_a_warning_naming_file_entry_and_field():
    _, warnings = load_registry("- id: a\n  titel: A\n  publisher: P\n", "sources.yml")
    assert warnings == ["sources.yml: entry 'a' (#1), field 'titel': unknown field "
                        "(did you mean 'title'?); ignored"]


def test_ids_and_values_that_yaml_1_1_reads_as_numbers_stay_as_written():
    sources, _ = load_registry("- id: 007\n  title: 0x1F\n  page: 010\n- id: '1:30'\n  title: A\n")
    assert list(sources) == ["007", "1:30"]
    assert sources["007"].fields == {"title": "0x1F", "page": "010"}


def test_every_csl_name_variable_takes_names():
    sources, warnings = load_registry(
        "- id: a\n  title: A\n  collection-editor: [{family: Doe, given: J}]\n"
        "  reviewed-author: [X]\n  original-author: {literal: Y}\n  composer: Z\n")
    assert warnings == []
    assert {name: value for name, value in sources["a"].fields.items() if name != "title"} == {
        "collection-editor": ("J Doe",), "reviewed-author": ("X",), "original-author": ("Y",),
        "composer": ("Z",)}


def test_every_standard_csl_variable_is_known_and_checked_by_kind():
    sources, warnings = load_registry("""\
- id: a
  type: article-journal
  title: A
  issue: 4
  volume: 12
  number-of-pages: 300
  chapter-number: II
  DOI: 10.1000/x
  editor-translator: [{family: Roe, given: R}]
  available-date: 2024-12
  categories: [Presse, 2024]
  custom: {geprüft: ja}
""")
    assert warnings == []
    assert sources["a"].fields == {
        "title": "A", "issue": "4", "volume": "12", "number-of-pages": "300",
        "chapter-number": "II", "DOI": "10.1000/x", "editor-translator": ("R Roe",),
        "available-date": (2024, 12), "categories": ("Presse", "2024"),
        "custom": {"geprüft": "ja"}}
    assert references.format_reference(sources["a"], sources, strings=DE) == "„A“."


def test_unknown_type_is_a_warning():
    _, warnings = load_registry("- id: a\n  type: articel\n  title: A\n")
    assert warnings == ["sources.yml: entry 'a' (#1), field 'type': unknown CSL type 'articel' "
                        "(did you mean 'article'?)"]


@pytest.mark.parametrize("text, message", [
    ("- id: a\n  title: A\n  note: x: y\n", "sources.yml:3: invalid YAML: mapping values"),
    ("id: a\ntitle: A\n", "sources.yml: expected a list of sources"),
    ("- just text\n", "sources.yml: entry #1: expected a mapping of fields"),
    ("- title: A\n", "sources.yml: entry #1, field 'id': missing"),
    ("- id: [a]\n  title: A\n", "sources.yml: entry #1, field 'id': must be text"),
    ("- id: 'two words'\n  title: A\n", "sources.yml: entry #1, field 'id': 'two words' cannot"),
    ("- id: a\n  title: A\n- id: a\n  title: B\n",
     "sources.yml: entry 'a' (#2), field 'id': duplicate id 'a'"),
    ("- id: a\n  author: X\n", "sources.yml: entry 'a' (#1), field 'title': missing: give at "
                               "least one of title, container-title, publisher"),
    ("- id: a\n  title: A\n  issued: 2024-13\n",
     "sources.yml: entry 'a' (#1), field 'issued': '2024-13' is not a date in the "
     "calendar"),
    ("- id: a\n  title: A\n  issued: 2023-02-30\n",
     "sources.yml: entry 'a' (#1), field 'issued': '2023-02-30' is not a date in "
     "the calendar"),
    ("- id: a\n  title: A\n  issued: 2024-1-5\n",
     "sources.yml: entry 'a' (#1), field 'issued': '2024-1-5' is not a date: write YYYY-MM-DD"),
    ("- id: a\n  title: A\n  accessed: Dezember 2024\n",
     "sources.yml: entry 'a' (#1), field 'accessed': 'Dezember 2024' is not a date: "
     "write YYYY-MM-DD, YYYY-MM or YYYY"),
    ("- id: a\n  title: A\n  issued: {date-parts: [[2024, 0]]}\n",
     "sources.yml: entry 'a' (#1), field 'issued': date-parts [[2024, 0]]: month 0 does not "
     "exist"),
    ("- id: a\n  title: A\n  issued: {date-parts: [[2023, 2, 29]]}\n",
     "sources.yml: entry 'a' (#1), field 'issued': date-parts [[2023, 2, 29]]: day 29 does not "
     "exist in 2023-02"),
    ("- id: a\n  title: A\n  issued: {date-parts: [[2024, Dez]]}\n",
     "sources.yml: entry 'a' (#1), field 'issued': date-parts [[2024, Dez]]: expected numbers "
     "(year, month, day)"),
    ("- id: a\n  title: A\n  issued: {date-parts: [2024, 12]}\n",
     "sources.yml: entry 'a' (#1), field 'issued': date-parts [2024, 12]: expected a list of one "
     "date (or two, for a range), each a list [year, month, day]: date-parts: [[2024, 12, 16]]"),
    ("- id: a\n  title: A\n  issued: {date-parts: [[2024, 12], [2024, 11]]}\n",
     "sources.yml: entry 'a' (#1), field 'issued': date-parts [[2024, 12], [2024, 11]]: the "
     "range ends before it starts"),
    ("- id: a\n  title: A\n  issued: {date-parts: [[2024], [2025], [2026]]}\n",
     "sources.yml: entry 'a' (#1), field 'issued': date-parts [[2024], [2025], [2026]]: 3 dates; "
     "give one date, or two for a range"),
    ("- id: a\n  title: A\n  issued: {season: 1}\n",
     "sources.yml: entry 'a' (#1), field 'issued': a mapping of season is no date: give "
     "date-parts, raw or literal, or write YYYY-MM-DD, YYYY-MM or YYYY"),
    ("- id: a\n  title: A\n  issued: [2024]\n",
     "sources.yml: entry 'a' (#1), field 'issued': expected a date, found a list: write "
     "YYYY-MM-DD, YYYY-MM or YYYY, or give date-parts"),
    ("- id: a\n  title: A\n  issued: {raw: null}\n",
     "sources.yml: entry 'a' (#1), field 'issued': 'raw' is nothing: write YYYY-MM-DD"),
    ("- id: a\n  title: A\n  issued: 0000\n",
     "sources.yml: entry 'a' (#1), field 'issued': '0000' is not a date: write YYYY-MM-DD"),
    ("- id: a\n  title: A\n  URL: http://example.org/\n",
     "sources.yml: entry 'a' (#1), field 'URL': 'http://example.org/' is not an https URL"),
    ("- id: a\n  title: A\n  URL: https://\n",
     "sources.yml: entry 'a' (#1), field 'URL': 'https://' is not an https URL"),
    ("- id: a\n  title: A\n  URL: \"https://[ft.com/x\"\n",
     "sources.yml: entry 'a' (#1), field 'URL': 'https://[ft.com/x' is not an https URL: its "
     "host in [ ] is no IPv6 address"),
    ("- id: a\n  title: A\n  URL: https://ft.com:99999/x\n",
     "sources.yml: entry 'a' (#1), field 'URL': 'https://ft.com:99999/x' is not an https URL: "
     "its port is not a number from 0 to 65535"),
    ("- id: a\n  title: A\n  URL: 'https://x.org/\"onmouseover=alert(1)'\n",
     "sources.yml: entry 'a' (#1), field 'URL': 'https://x.org/\"onmouseover=alert(1)' is not "
     "an https URL: it holds '\"' where a URL may not; write it percent-encoded"),
    ("- id: a\n  title: A\n  URL: https://ex.org/a%zz\n",
     "sources.yml: entry 'a' (#1), field 'URL': 'https://ex.org/a%zz' is not an https URL: it "
     "holds '%' where a URL may not"),
    ("- id: a\n  title: A\n  URL: https://ex.org/a|b\n",
     "sources.yml: entry 'a' (#1), field 'URL': 'https://ex.org/a|b' is not an https URL: it "
     "holds '|' where a URL may not"),
    ("- id: a\n  title: A\n  URL: https://ex.org/a#b#c\n",
     "sources.yml: entry 'a' (#1), field 'URL': 'https://ex.org/a#b#c' is not an https URL: it "
     "holds '#' where a URL may not"),
    ("- id: a\n  title: A\n  URL: https://ex..org/\n",
     "sources.yml: entry 'a' (#1), field 'URL': 'https://ex..org/' is not an https URL: its host "
     "'ex..org' has an empty part"),
    ("- id: a\n  title: A\n  URL: https://ft.com/x>y<z\n",
     "sources.yml: entry 'a' (#1), field 'URL': 'https://ft.com/x>y<z' is not an https URL: "
     "it holds '>'"),
    ("- id: a\n  title: A\n  URL: \"https://ft.com/\\u0000x\"\n",
     "sources.yml: entry 'a' (#1), field 'URL': 'https://ft.com/U+0000x' is not an https URL: "
     "it holds a control character (U+0000)"),
    ("- id: a\n  title: \"Ti\\atel\"\n",
     "sources.yml: entry 'a' (#1), field 'title': 'TiU+0007tel' holds a control character "
     "(U+0007), which no page can show; remove it"),
    ("- id: a\n  title: [A, B]\n", "sources.yml: entry 'a' (#1), field 'title': expected text"),
    ("- id: a\n  title: A\n  note: Laut [@b, S. 2].\n",
     "sources.yml: entry 'a' (#1), field 'note': a source's text cannot cite (it would show as "
     "typed, '[@…]'); name the other source in words"),
    ("- id: a\n  title: Bericht [-@b]\n",
     "sources.yml: entry 'a' (#1), field 'title': a source's text cannot cite"),
    ("- id: a\n  title: A\n  author: [{given: X}]\n",
     "sources.yml: entry 'a' (#1), field 'author': expected names"),
    ("- id: a\n  title: A\n  author: [{family: [a, b]}]\n",
     "sources.yml: entry 'a' (#1), field 'author': expected names (text, or family and given), "
     "but 'family' of name 1 is a list, not text"),
    ("- id: a\n  title: A\n  author: [X, {family: true}]\n",
     "sources.yml: entry 'a' (#1), field 'author': expected names (text, or family and given), "
     "but 'family' of name 2 is true/false, not text"),
    ("- id: a\n  title: A\n  author: [{literal: {a: 1}}]\n",
     "sources.yml: entry 'a' (#1), field 'author': expected names (text, or family and given), "
     "but 'literal' of name 1 is a mapping, not text"),
    ("- id: a\n  title: A\n  author: [null]\n",
     "sources.yml: entry 'a' (#1), field 'author': expected names (text, or family and given), "
     "but name 1 is nothing"),
    ("- id: a\n  title: A\n  collection-editor: [{given: J}]\n",
     "sources.yml: entry 'a' (#1), field 'collection-editor': expected names (text, or family "
     "and given), but name 1 has no family (or literal)"),
    ("- id: a\n  title: A\n  issue: [4]\n",
     "sources.yml: entry 'a' (#1), field 'issue': expected text, found a list"),
    ("- id: a\n  title: A\n  categories: Presse\n",
     "sources.yml: entry 'a' (#1), field 'categories': expected a list of text, found text"),
    ("- id: a\n  title: A\n  categories: [a, {b: 1}]\n",
     "sources.yml: entry 'a' (#1), field 'categories': expected a list of text, but item 2 is "
     "a mapping"),
    ("- id: a\n  title: A\n  custom: [x]\n",
     "sources.yml: entry 'a' (#1), field 'custom': expected a mapping, found a list"),
    ("- id: a\n  title: A\n  references: [x]\n",
     "sources.yml: entry 'a' (#1), field 'references': expected text, found a list"),
    ("- id: a\n  title: A\n  language: English\n",
     "sources.yml: entry 'a' (#1), field 'language': 'English' is not a language tag: write a "
     "BCP 47 tag such as en, ru, ar or en-GB"),
    ("- id: a\n  title: A\n  language: de_AT\n",
     "sources.yml: entry 'a' (#1), field 'language': 'de_AT' is not a language tag: write a "
     "BCP 47 tag such as en, ru, ar or en-GB (with '-', not '_')"),
    ("- id: a\n  title: A\n  language: [en]\n",
     "sources.yml: entry 'a' (#1), field 'language': a list is not a language tag"),
    ("- id: a\n  title: A\n  via: b\n",
     "sources.yml: entry 'a', field 'via': no source has the id 'b'"),
    ("- id: a\n  title: A\n  via: a\n", "sources.yml: entry 'a', field 'via': cycle a -> a"),
    ("- id: a\n  title: A\n  via: b\n- id: b\n  title: B\n  via: a\n",
     "sources.yml: entry 'a', field 'via': cycle a -> b -> a"),
])
def test_each_registry_error_names_file_entry_and_field(text, message):
    with pytest.raises(PluginError) as error:
        load_registry(text, "sources.yml")
    assert str(error.value).startswith(message), str(error.value)


# --- finding citations -----------------------------------------------------------------------

def test_citation_becomes_footnote_reference_right_after_the_word():
    result = render("Russland zog Truppen ab [@ft].\n")
    assert body(result) == "Russland zog Truppen ab[^@ft]."
    assert result.markdown == "Russland zog Truppen ab[^@ft].\n"
    assert result.notes == {"@ft": "Financial Times, „Russia pulls troops“, 16. Dezember 2024; "
                                   "zitiert nach [Quellartikel ohne Titel, Autor und Datum]."}
    assert result.counts == {"ft": 1}


def test_locators_and_several_sources_in_one_bracket():
    result = render("Satz [@ft, S. 3; @ria].\n")
    assert body(result) == 'Satz[^@ft]<sup class="citations-sep">,</sup>[^@ria].'
    assert "S. 3" in result.notes["@ft"]


def test_keys_beyond_ascii_get_ascii_labels_that_never_clash():
    sources = registry("- id: müller\n  title: M\n- id: öl\n  title: Ö\n- id: a\n  title: A\n")
    result = render("A [@müller]. B [@öl]. C [@a, 1]. D [@öl, S. 3]. E [@müller, S. 2]. "
                    "F [@a].\n", sources)
    assert body(result) == ("A[^@~1]. B[^@~2]. C[^@a]. D[^@~2~2]. E[^@~1~2]. F[^@a~2].")
    assert ref_numbers(to_html(result)) == [("@~1", "1"), ("@~2", "2"), ("@a", "3"),
                                             ("@~2~2", "4"), ("@~1~2", "5"), ("@a~2", "6")]


def test_adjacent_citations_are_separated_like_one_bracket():
    result = render("Zwei [@ft] [@ria] und [@ft].\n")
    assert body(result) == 'Zwei[^@ft]<sup class="citations-sep">,</sup>[^@ria] und[^@ft].'


def test_citation_inside_link_text_is_a_warning_and_stays_text():
    result = render("Ein [Link [@ft]](https://x.org).\n")
    assert result.markdown == "Ein [Link [@ft]](https://x.org).\n"
    assert [p.message for p in result.problems] == [
        "citation '[@ft]' inside a link's text is left as text; put it after the link"]


@pytest.mark.parametrize("text, where", [
    ('<span title="[@ft]">Attribut</span> und Text.\n', "inside an HTML tag"),
    ('<b title="[@ft; @ria]">x</b> und Text.\n', "inside an HTML tag"),
    ("<div>Im HTML-Block [@ft]</div>\n", "in a raw HTML block"),
    ("Text.\n<details><summary>Mehr [@ft]</summary>\n\nx\n</details>\n", "in a raw HTML block"),
    ("<div>\nnie geschlossen\n\n[@ft]\n", "in a raw HTML block"),
    ("*[HTS]: Hayat [@ft]\n", "in an abbreviation's definition"),
    ('[x]: https://x.org "Titel [@ft]"\n', "in a link reference's title"),
    ("Siehe [den Bericht](https://example.org/a[@ft]).\n", "in a link's URL or title"),
    ('Siehe [den Bericht](https://example.org/a "Bericht [@ft]").\n', "in a link's URL or title"),
    ("Ein [@ria](https://example.org/(a)[@ft]) Link.\n", "in a link's URL or title"),
    ("![Bild](https://example.org/a.png [@ft]) hier.\n", "in a link's URL or title"),
    ('Ein Absatz.\n{: title="[@ft]" }\n', "in an attribute list"),
    ('Ein *Wort*{: title="[@ft]"} hier.\n', "in an attribute list"),
    ("<!-- Notiz --> <div>[@ft]</div>\n", "in a raw HTML block"),
    ("<div>a</div> Text <p>[@ft]</p>\n", "in a raw HTML block"),
])
def test_citation_where_no_footnote_can_stand_is_a_warning_and_stays_text(text, where):
    result = render(text)
    cited = "[@ft; @ria]" if "@ft; @ria" in text else "[@ft]"
    assert result.markdown == text
    assert result.counts == {}
    assert [p.message for p in result.problems] == [
        f"citation '{cited}' {where} is left as text: no footnote can stand there; cite in "
        f"the text"]


def test_citations_after_a_raw_html_block_and_inside_markdown_html_are_footnotes():
    result = render("<div>a</div> danach [@ft].\n\n<div markdown>\nDrin [@ria].\n</div>\n\n"
                    "<span>Inline [@ft]</span> und [x] [@ft].\n\n[x]: https://x.org\n")
    assert result.problems == []
    assert result.counts == {"ft": 3, "ria": 1}


def test_the_required_citation_warning_names_the_mark_of_the_sites_language():
    text = "A long paragraph of eight words or more without a source.\n"
    result = footnotes.process_markdown(text, registry(), strings=for_language("en"),
                                        required=True)
    assert [p.message for p in result.problems] == [
        "paragraph without source: cite it with [@key], or mark it {: .no-source }"]


def test_citation_right_before_a_footnote_reference_or_another_citation_is_a_citation():
    result = render("A [@ft][^1] und B [@ft, S. 2][@ria].\n\n[^1]: Eigene Note.\n")
    assert body(result) == ('A[^@ft]<sup class="citations-sep">,</sup>[^1] und '
                            'B[^@ft~2]<sup class="citations-sep">,</sup>[^@ria].\n\n'
                            '[^1]: Eigene Note.')
    assert result.problems == []


def test_an_own_footnote_beside_a_citation_is_set_apart_as_citations_are():
    # Superscripts "1" and "2" side by side read as note 12.
    sep = '<sup class="citations-sep">,</sup>'
    result = render("A [^1] [@ft], B [@ria] [^1] und C [^x] [@ft].\n\n[^1]: Eigene Note.\n")
    assert body(result) == (f"A [^1]{sep}[^@ft], B[^@ria]{sep} [^1] und C [^x][^@ft].\n\n"
                            "[^1]: Eigene Note.")


def test_citation_before_an_undefined_reference_label_is_a_warning():
    result = render("A [@ft][x] und [@ria][y].\n\n[y]: https://x.org\n")
    assert result.markdown == "A [@ft][x] und [@ria][y].\n\n[y]: https://x.org\n"
    assert [p.message for p in result.problems] == [
        "'[@ft][x]' is left as text: it reads as a reference link, and no line '[x]: …' "
        "defines its target; put a space between the brackets for a citation"]


def test_citation_in_a_later_paragraph_of_an_authors_footnote_cites_in_the_note():
    result = render("Hand[^1].\n\n[^1]: Erste Zeile.\n\n    Zweiter Absatz [@ria].\n")
    assert body(result) == "Hand[^1].\n\n[^1]: Erste Zeile.\n\n    Zweiter Absatz[^@ria]."
    assert result.order == ["1", "@ria"]
    assert '<p>Zweiter Absatz<sup id="fnref:@ria">' in to_html(result)


def test_same_source_and_locator_reuse_one_footnote_and_new_locator_gets_its_own():
    result = render("A [@ft]. B [@ria]. C [@ft]. D [@ft, Interview]. E [@ft, Interview].\n")
    assert body(result) == "A[^@ft]. B[^@ria]. C[^@ft]. D[^@ft~2]. E[^@ft~2]."
    assert len(result.notes) == 3
    assert result.counts == {"ft": 4, "ria": 1}


def test_locator_may_wrap_onto_the_next_line():
    result = render("Ein Satz [@ft,\nS. 3].\n")
    assert body(result) == "Ein Satz[^@ft]."
    assert ", S. 3;" in result.notes["@ft"]


def test_trailing_punctuation_is_not_part_of_the_key():
    result = render("Satz [@ft.] und [@ria:].\n")
    assert body(result) == "Satz[^@ft] und[^@ria]."


def test_keys_may_hold_inner_punctuation():
    sources = registry("- id: a:b.c-d_e\n  title: A\n")
    assert body(render("Satz [@a:b.c-d_e].\n", sources)) == "Satz[^@a:b.c-d_e]."


@pytest.mark.parametrize("text", [
    "```\nCode [@ft]\n```\n",
    "~~~~ python\nCode [@ft]\n~~~~\n",
    "!!! note\n\n    ```\n    Code [@ft]\n    ```\n",
    "Text.\n\n    indented code [@ft]\n",
    "- Punkt\n\n        code in a list [@ft]\n",
    "!!! note\n\n        code in a note [@ft]\n",
    "Text `[@ft]` und ``a ` [@ft]`` hier.\n",
    "<!-- [@ft] -->\n",
    "<!--\nlang\n\n[@ft]\n-->\n",
    "Mail an presse@ft.com oder <mailto:x@ft.com>.\n",
    "Ein [@ft](https://example.org) Link und ein [@ft][ref] Verweis.\n\n[ref]: https://x.org\n",
    "[@ft]: https://example.org/\n",
    "Eigene Fußnote[^1] und [^note].\n\n[^1]: Eins.\n[^note]: Zwei.\n",
    "Wörtlich \\[@ft] geschrieben.\n",
    "Ein Satz ohne Beleg.\n",
])
def test_code_comments_mail_links_own_footnotes_and_escapes_are_left_alone(text):
    result = render(text)
    assert result.markdown == textwrap.dedent(text)
    assert result.problems == []


def test_escaped_citation_renders_as_literal_text():
    assert to_html(render("Wörtlich \\[@ft] geschrieben.\n")) == \
        "<p>Wörtlich [@ft] geschrieben.</p>"


def test_escaped_backslash_before_a_citation_does_not_escape_it():
    assert body(render("Pfad C:\\\\[@ft]\n")) == "Pfad C:\\\\[^@ft]"


def test_unclosed_backticks_do_not_hide_citations():
    assert body(render("Ein ` Zeichen [@ft].\n")) == "Ein ` Zeichen[^@ft]."


def test_citation_at_line_start_keeps_the_line_break_and_indent():
    assert body(render("- Punkt\n  [@ft]\n")) == "- Punkt\n  [^@ft]"


@pytest.mark.parametrize("text, markdown, html", [
    ("- [@ft] sagt.\n- Zwei [@ft].\n", "- [^@ft] sagt.\n- Zwei[^@ft].",
     "<ul>\n<li>{ref1} sagt.</li>\n<li>Zwei{ref2}.</li>\n</ul>"),
    ("* [@ft] sagt.\n+ [vgl. @ft] auch.\n", "* [^@ft] sagt.\n+ [^@ft~2] auch.",
     "<ul>\n<li>{ref1} sagt.</li>"),
    ("1. [@ft] sagt.\n2. [@ft] auch.\n", "1. [^@ft] sagt.\n2. [^@ft] auch.",
     "<ol>\n<li>{ref1} sagt.</li>\n<li>{ref2} auch.</li>\n</ol>"),
    ("1) [@ft] sagt.\n", "1) [^@ft] sagt.", "<p>1) {ref1} sagt.</p>"),
    ("- Eins\n\n    - [@ft] sagt.\n", "- Eins\n\n    - [^@ft] sagt.",
     "<ul>\n<li>{ref1} sagt.</li>"),
    ("> - [@ft] sagt.\n", "> - [^@ft] sagt.", "<blockquote>\n<ul>\n<li>{ref1} sagt.</li>"),
    ("> [@ft] sagt.\n", "> [^@ft] sagt.", "<blockquote>\n<p>{ref1} sagt.</p>"),
    ("[@ft] sagt.\n", "[^@ft] sagt.", "<p>{ref1} sagt.</p>"),
])
def test_citation_after_a_list_bullet_or_quote_mark_keeps_the_space_that_makes_the_block(
        text, markdown, html):
    result = render(text)
    assert body(result) == markdown
    ref = '<sup id="fnref{}:@ft"><a class="footnote-ref" href="#fn:@ft">1</a></sup>'
    assert html.format(ref1=ref.format(""), ref2=ref.format(2)) in to_html(result)


def test_unknown_key_is_reported_with_line_and_nearest_key_and_marked():
    result = render("Erste Zeile.\n\nSatz [@fx] hier.\n")
    assert [(p.line, p.message) for p in result.problems] == [
        (3, "unknown source 'fx' (did you mean 'ft'?)")]
    assert "[Quelle „fx“ unbekannt]" in body(result)
    assert result.counts == {}


def test_unknown_key_far_from_any_key_has_no_suggestion():
    result = render("Satz [@washington].\n")
    assert [p.message for p in result.problems] == ["unknown source 'washington'"]


def test_unknown_key_marker_escapes_markdown():
    result = render("Satz [@a_b_c].\n")
    html = to_html(result)
    assert "[Quelle „a_b_c“ unbekannt]" in html.replace("&#95;", "_")
    assert "<em>" not in html


@pytest.mark.parametrize("text", [
    "#Titel ohne Leerzeichen [@ft]\n", "- ## Titel im Listenpunkt [@ft]\n",
    "1. #Titel [@ft]\n", "> - # Titel [@ft]\n", "Absatz.\n#Titel [@ft]\n"])
def test_a_heading_python_markdown_reads_without_a_space_or_in_a_list_keeps_its_citation(text):
    result = render(text)
    assert result.markdown == text
    assert [p.message for p in result.problems] == [
        "citation '[@ft]' in a heading is left as text; cite in the paragraph below"]


@pytest.mark.parametrize("text", ["Ein ``[@ft]` hier.\n", "Ein ```a` [@ft]`` hier.\n"])
def test_a_code_span_closed_by_a_shorter_run_is_code_as_python_markdown_reads_it(text):
    # Python-Markdown: an opening run without its match closes at the longest shorter one.
    result = render(text)
    assert result.markdown == text
    assert "[@ft]" in to_html(result) and "<code>" in to_html(result)


def test_an_escaped_bracket_inside_a_citation_is_part_of_its_suffix():
    result = render("Eins [@ft, S. 3\\]].\n")
    assert body(result) == "Eins[^@ft]."
    assert result.notes["@ft"].startswith("Financial Times, „Russia pulls troops“, "
                                          "16. Dezember 2024, S. 3]; zitiert nach")


def test_a_bracket_in_a_code_span_of_a_suffix_is_the_codes_as_in_pandoc():
    result = render("Eins [@ft, `a]b`].\n")
    assert body(result) == "Eins[^@ft]."
    assert "16. Dezember 2024, <code>a]b</code>; zitiert nach" in result.notes["@ft"]


def test_a_backslash_escapes_any_punctuation_in_a_suffix_as_in_pandoc():
    result = render("Eins [@ft, \\@ria].\n")
    assert "16. Dezember 2024, @ria; zitiert nach" in result.notes["@ft"]


@pytest.mark.parametrize("bracket, emphasis", [("[**@ft**]", "**@ft**"),
                                               ("[*siehe @ft*]", "*siehe @ft*")])
def test_a_key_inside_emphasis_is_text_with_a_warning_never_asterisks_in_a_note(bracket,
                                                                                 emphasis):
    # Pandoc: text brackets around an in-text citation, which the site does not show.
    result = render(f"Eins {bracket}.\n")
    assert result.markdown == f"Eins {bracket}.\n" and result.notes == {}
    assert [p.message for p in result.problems] == [
        f"'{bracket}' reads as a citation in Pandoc's syntax but is left as text: its key stands "
        f"inside the emphasis '{emphasis}', so Pandoc reads a citation in the running text, in "
        f"brackets that are text, which the site does not show; emphasise the words beside the "
        f"key, not the key (write [@key], [vgl. @key, S. 3] or [@a; siehe @b])"]


def test_citation_in_heading_is_a_warning_and_stays_text():
    result = render("# Titel [@ft]\n\nTitel zwei [@ft]\n===\n\nText [@ria].\n")
    assert body(result) == "# Titel [@ft]\n\nTitel zwei [@ft]\n===\n\nText[^@ria]."
    assert [p.line for p in result.problems] == [1, 3]
    assert "in a heading" in result.problems[0].message


# Lines that look like headings; Python-Markdown reads some of them as text. Its own rendering
# (the stack's block extensions) is what the test compares with.
HEADING_LOOKALIKES = [
    "# Titel [@ft]\n", "#Titel [@ft]\n", "- ## Titel [@ft]\n", "1. ## Titel [@ft]\n",
    "-    ## Titel [@ft]\n", "- a\n    - ## Titel [@ft]\n", "> # Titel [@ft]\n",
    "> Text\n> # Titel [@ft]\n", "Text\n# Titel [@ft]\n", "Titel [@ft]\n---\n",
    "# H\nTitel [@ft]\n---\n", "- Punkt [@ft]\n---\n", "> Titel [@ft]\n> ---\n",
    "!!! note\n\n    # Titel [@ft]\n", "!!! note\n\n    Text\n    # Titel [@ft]\n",
    "- Punkt\n\n    ## Titel [@ft]\n",
    # text to Python-Markdown
    "- Punkt\n    ## Titel [@ft]\n", "- Punkt\n  ## Titel [@ft]\n",
    "- Titel in der Liste [@ft]\n  ---\n", "Text\n  #eingerückt [@ft]\n",
    "Text\n   # drei Leerzeichen [@ft]\n", "Text\n #eins [@ft]\n", "Text\n\n  # zwei [@ft]\n",
    "Text\n- ## Titel [@ft]\n", "- Punkt\n\n  ## Titel [@ft]\n", "Titel [@ft]\n  ---\n",
    "Titel [@ft]\n   ===\n", "a\n\n  Titel [@ft]\n  ---\n",
    "Erste Zeile\nzweite Zeile [@ft]\n---\n",
]


@pytest.mark.parametrize("text", HEADING_LOOKALIKES)
def test_a_citation_is_in_a_heading_exactly_where_python_markdown_renders_one(text):
    from explainer.citations.scan import _BLOCK_EXTENSIONS
    html = md.markdown(text, extensions=list(_BLOCK_EXTENSIONS))
    in_heading = re.search(r"<h[1-6][^>]*>[^<]*\[@ft\]", html) is not None
    result = render(text)
    assert ("in a heading" in " ".join(p.message for p in result.problems)) is in_heading
    assert ("[^@ft]" in result.markdown) is not in_heading
    if not in_heading:                   # the footnote shows where the citation stood
        assert '<a class="footnote-ref" href="#fn:@ft">1</a>' in to_html(result)


def test_required_reads_a_line_python_markdown_renders_as_text_as_part_of_its_paragraph():
    text = "Dieser Absatz hat acht Wörter und einen Beleg\n  #weiter [@ft].\n"
    assert render(text, required=True).problems == []


def test_paragraph_followed_by_a_rule_is_not_a_heading():
    result = render("Erste Zeile\nzweite Zeile [@ft]\n---\n")
    assert body(result) == "Erste Zeile\nzweite Zeile[^@ft]\n---"


def test_malformed_citation_is_a_warning_and_stays_text():
    result = render("Satz [@ft; S. 3].\n")
    assert result.markdown == "Satz [@ft; S. 3].\n"
    assert [p.message for p in result.problems] == [
        "'[@ft; S. 3]' reads as a citation in Pandoc's syntax but is left as text: item 2 "
        "('S. 3') has no key (write [@key], [vgl. @key, S. 3] or [@a; siehe @b])"]


def test_the_forms_a_warning_suggests_are_in_the_sites_language():
    from explainer.citations.scan import scan
    [problem] = scan("A sentence [@ft; p. 3].\n", language="en").problems
    assert problem.message.endswith("(write [@key], [see @key, p. 3] or [@a; see also @b])")


def test_our_labels_never_collide_with_the_authors():
    result = render("Satz [@ft] und[^@ft].\n\n[^@ft]: Eigene Notiz.\n")
    assert "[^@@ft]" in result.markdown
    html = to_html(result)
    assert "Eigene Notiz." in html and "Financial Times" in html


# --- footnote order --------------------------------------------------------------------------

def test_numbers_rise_in_order_of_first_citation_across_containers_and_own_footnotes():
    text = """\
    [^early]: Eine Notiz, die oben definiert ist.

    !!! note "Kasten"

        Im Kasten [@ria].

    Absatz[^late] mit [@ft] und [@ria].

    - Liste [@tass, S. 1]

    | A | B |
    |---|---|
    | Zelle [@quelle] | mit Notiz[^early] |

    [^late]: Späte Notiz.
    """
    html = to_html(render(text), extensions=("footnotes", "admonition", "tables"))
    assert ref_numbers(html) == [("@ria", "1"), ("late", "2"), ("@ft", "3"), ("@ria", "1"),
                                 ("@tass", "4"), ("@quelle", "5"), ("early", "6")]
    listed = re.findall(r'<li id="fn:([^"]+)">', html)
    assert listed == ["@ria", "late", "@ft", "@tass", "@quelle", "early"]
    assert "<p>Eine Notiz, die oben definiert ist.&#160;" in html


def test_citation_inside_an_own_footnote_counts_after_the_body():
    text = "Text[^n] und [@ria].\n\n[^n]: Notiz mit Beleg [@ft].\n"
    html = to_html(render(text))
    assert ref_numbers(html) == [("n", "1"), ("@ria", "2"), ("@ft", "3")]


def test_page_starting_with_an_indented_block_keeps_it_out_of_the_notes():
    result = render("    eingerückter Code\n\nText [@ft].\n\n[^n]: x\n")
    assert "<pre><code>eingerückter Code" in to_html(result)


def test_definitions_go_to_the_end_and_leave_every_author_line_where_it_was():
    text = "# Titel\n\nZeile zwei [@ft].\n\nZeile drei.\n"
    result = render(text)
    assert result.markdown.split("\n")[:5] == ["# Titel", "", "Zeile zwei[^@ft].", "",
                                               "Zeile drei."]


def test_the_extension_puts_the_reference_html_into_the_note_and_hides_notes_from_search():
    result = render("Satz [@tass].\n")
    assert to_html(result) == (
        '<p>Satz<sup id="fnref:@tass"><a class="footnote-ref" href="#fn:@tass">1</a></sup>.</p>\n'
        '<div class="footnote" data-search-exclude="">\n<hr />\n<ol>\n<li id="fn:@tass">\n'
        '<p><a href="https://tass.example/a?b=1&amp;c=2" rel="noopener noreferrer">TASS</a>, '
        '2024.&#160;<a aria-label="Back to the text (footnote 1)" class="footnote-backref" '
        'href="#fnref:@tass" title="Jump back to footnote 1 in the text">&#8617;</a></p>\n'
        '</li>\n</ol>\n</div>')
    assert "data-search-exclude" not in to_html(result, searchable=True)



@pytest.mark.parametrize("options, ref, note", [
    ({}, "fnref{}:{}", "fn:{}"),
    ({"UNIQUE_IDS": True}, "fnref{}:2-{}", "fn:2-{}"),    # the document's number: 2
    ({"SEPARATOR": "-"}, "fnref{}-{}", "fn-{}"),
    ({"USE_DEFINITION_ORDER": False}, "fnref{}:{}", "fn:{}"),
])
def test_repeated_citations_and_own_notes_get_back_links_in_page_order_with_every_option(
        options, ref, note):
    # The list item below is met by the parser after the paragraph under it.
    result = render("""\
        - Eins [@ft] und[^a].

        Zwei [@ft] und[^a], drei [@ft].

        [^a]: Eigene Notiz.
        """)
    html = md.markdown(result.markdown, extensions=[
        FootnoteExtension(**options), CitationsExtension.for_page(result)])

    def ids(label, count):
        return [ref.format(n if n > 1 else "", label) for n in range(1, count + 1)]

    refs = re.findall(r'<sup id="([^"]+)"><a class="footnote-ref" href="#([^"]+)">(\d)<', html)
    assert refs == [
        (ids("@ft", 3)[0], note.format("@ft"), "1"), (ids("a", 2)[0], note.format("a"), "2"),
        (ids("@ft", 3)[1], note.format("@ft"), "1"), (ids("a", 2)[1], note.format("a"), "2"),
        (ids("@ft", 3)[2], note.format("@ft"), "1")]
    notes = re.findall(r'<li id="([^"]+)">(.*?)</li>', html, flags=re.S)
    assert [(item, re.findall(r'class="footnote-backref" href="#([^"]+)" title="[^"\d]*(\d)',
                              text)) for item, text in notes] == [
        (note.format("@ft"), [(i, "1") for i in ids("@ft", 3)]),
        (note.format("a"), [(i, "2") for i in ids("a", 2)])]
    assert "Eigene Notiz." in notes[1][1] and "Financial Times" in notes[0][1]
    # Each back-link is named by the place it leads to, also the extension's for [^a].
    assert [re.findall(r'<a aria-label="([^"]+)" class="footnote-backref"', text)
            for _, text in notes] == [
        [f"Back to the text (footnote 1, reference {n})" for n in (1, 2, 3)],
        [f"Back to the text (footnote 2, reference {n})" for n in (1, 2)]]


def test_back_links_are_named_in_the_sites_language():
    result = render("Satz [@ft] und [@ria], noch einmal [@ft].\n")
    html = md.markdown(result.markdown, extensions=[
        "footnotes", CitationsExtension.for_page(result, strings=DE)])
    assert re.findall(r'aria-label="([^"]+)"', html) == [
        "Zurück zum Text (Fußnote 1, Stelle 1)", "Zurück zum Text (Fußnote 1, Stelle 2)",
        "Zurück zum Text (Fußnote 2)"]


def test_the_extension_leaves_pages_without_citations_alone_but_names_the_back_links():
    text = "Satz[^1].\n\n[^1]: Eigene.\n"
    result = render(text)
    assert to_html(result) == md.markdown(text, extensions=["footnotes"]).replace(
        '<a class="footnote-backref"',
        '<a aria-label="Back to the text (footnote 1)" class="footnote-backref"')


# --- the German reference --------------------------------------------------------------------

@pytest.mark.parametrize("parts, text", [
    ((2024, 12, 16), "16. Dezember 2024"), ((2024, 3, 1), "1. März 2024"),
    ((2024, 12), "Dezember 2024"), ((2024,), "2024")])
def test_german_date(parts, text):
    assert DE.date(parts) == text


@pytest.mark.parametrize("start, end, de, en", [
    ((2024, 12, 1), (2024, 12, 15), "1.–15. Dezember 2024", "December 1\u2009–\u200915, 2024"),
    ((2024, 11, 28), (2024, 12, 3), "28. November\u2009–\u20093. Dezember 2024",
     "November 28\u2009–\u2009December 3, 2024"),
    ((2024, 11), (2024, 12), "November–Dezember 2024", "November\u2009–\u2009December 2024"),
    ((2023,), (2024,), "2023–2024", "2023\u2009–\u20092024"),
    ((2024, 11), (2024, 12, 3), "November 2024\u2009–\u20093. Dezember 2024",
     "November 2024\u2009–\u2009December 3, 2024")])
def test_a_date_range_is_written_as_the_language_writes_it(start, end, de, en):
    assert (DE.date_range(start, end), for_language("en").date_range(start, end)) == (de, en)


def test_a_date_range_or_a_literal_date_shows_in_the_reference():
    sources = registry("""
        - id: range
          title: R
          issued: {date-parts: [[2024, 12, 1], ["2024", "12", "15"]]}
        - id: same
          title: S
          issued: {date-parts: [[2024, 12, 1], [2024, 12, 1]]}
        - id: winter
          title: W
          issued: {literal: Winter 2024/25}
          accessed: {literal: "<i>gestern</i>"}
    """)
    assert sources["same"].fields["issued"] == (2024, 12, 1)
    assert references.format_reference(sources["range"], sources, strings=DE) == (
        "„R“, 1.–15. Dezember 2024.")
    assert references.format_reference(sources["winter"], sources, strings=DE, full=True) == (
        "„W“, Winter 2024/25. Abgerufen am &lt;i&gt;gestern&lt;/i&gt;.")


def test_english_reference():
    sources = registry()
    assert references.format_reference(sources["ft"], sources, Affixes(locator="p. 3"),
                                       "../sources/", strings=for_language("en")) == (
        'Financial Times, “Russia pulls troops”, December 16, 2024, p. 3; as cited in '
        '<a href="../sources/#quelle">[Quellartikel ohne Titel, Autor und Datum]</a>.')


def test_reference_lists_outlet_title_date_locator_and_via():
    sources = registry()
    assert references.format_reference(sources["ft"], sources, Affixes(locator="S. 3"),
                                       "../sources/", strings=DE) == (
        'Financial Times, „Russia pulls troops“, 16. Dezember 2024, S. 3; zitiert nach '
        '<a href="../sources/#quelle">[Quellartikel ohne Titel, Autor und Datum]</a>.')


def test_reference_links_the_outlet_when_there_is_a_url_but_no_title():
    sources = registry()
    assert references.format_reference(sources["tass"], sources, strings=DE) == (
        '<a href="https://tass.example/a?b=1&amp;c=2" rel="noopener noreferrer">TASS</a>, 2024.')


def test_reference_escapes_every_registry_value():
    sources = registry("""
        - id: x
          title: "A *b* _c_ [d] <script>alert(1)</script> & e"
          container-title: "<i>Blatt</i>"
          author: ["Anna & Bert"]
    """)
    text = references.format_reference(sources["x"], sources, affixes(Cite("x", locator="S. <3>")),
                                       strings=DE)
    assert text == ("&lt;i&gt;Blatt&lt;/i&gt;, Anna &amp; Bert, „A *b* _c_ [d] "
                    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; e“, S. &lt;3&gt;.")


def test_a_title_in_another_language_than_the_sites_carries_its_lang():
    sources = registry("""
        - id: en
          container-title: The Times
          title: Troops leave
          URL: https://times.example/a
          language: en
        - id: ru
          container-title: TASS
          title: Войска уходят
          language: ru-RU
        - id: at
          title: Truppen ziehen ab
          language: de-AT
        - id: via
          title: Nach TASS
          via: bericht
        - id: bericht
          title: Moscow says
          language: en
    """)
    assert references.format_reference(sources["en"], sources, strings=DE) == (
        'The Times, <a href="https://times.example/a" rel="noopener noreferrer" lang="en">'
        '„Troops leave“</a>.')
    assert references.format_reference(sources["ru"], sources, strings=DE) == (
        'TASS, <span lang="ru-RU">„Войска уходят“</span>.')
    assert references.format_reference(sources["at"], sources, strings=DE) == (
        "„Truppen ziehen ab“.")
    assert references.format_reference(sources["en"], sources,
                                       strings=for_language("en")) == (
        'The Times, <a href="https://times.example/a" rel="noopener noreferrer">'
        '“Troops leave”</a>.')
    assert references.format_reference(sources["via"], sources, sources_href="", strings=DE) == (
        '„Nach TASS“; zitiert nach <a href="#bericht"><span lang="en">Moscow says</span></a>.')


def test_author_names_from_family_and_given():
    sources = registry("- id: x\n  title: T\n  author: [{family: Peskow, given: Dmitri}, "
                       "{literal: Kreml}]\n")
    assert sources["x"].fields["author"] == ("Dmitri Peskow", "Kreml")


# --- required citations ----------------------------------------------------------------------

MISSING = ('<sup class="citations-missing" title="Für diese Aussage fehlt ein Beleg.">'
           '[Beleg fehlt]</sup>')


def test_required_flags_long_paragraphs_items_and_rows_without_citation():
    text = """\
    # Eine sehr lange Überschrift mit vielen Wörtern ohne jeden Beleg

    Dieser Absatz hat acht Wörter und keinen einzigen Beleg.

    Kurzer Absatz ohne Beleg.

    - Ein Listenpunkt mit genug Wörtern für eine Prüfung hier
    - Ein Listenpunkt mit Beleg und genug Wörtern hier [@ft]

    | Spalte mit einem sehr langen Kopf ohne jeden Beleg hier | B |
    |---|---|
    | Eine Zeile mit vielen Wörtern und ohne jeden Beleg | x |
    """
    result = render(text, required=True)
    assert [p.line for p in result.problems] == [3, 7, 12]
    lines = result.markdown.split("\n")
    assert lines[2] == f"Dieser Absatz hat acht Wörter und keinen einzigen Beleg.{MISSING}"
    assert lines[6] == f"- Ein Listenpunkt mit genug Wörtern für eine Prüfung hier{MISSING}"
    assert lines[11] == f"| Eine Zeile mit vielen Wörtern und ohne jeden Beleg | x{MISSING} |"
    assert result.unsupported == 3


def test_required_spares_titles_quotes_with_following_citation_and_marked_blocks():
    text = """\
    !!! note "Ein Kastentitel mit acht und mehr Wörtern ohne Beleg"

        Ein Kasteninhalt mit genug Wörtern und einem Beleg [@ft].

    > Ein Zitat mit genug Wörtern für die Prüfung, ohne Beleg darin.

    Peskow [@kreml].

    Ein Absatz, der ausdrücklich keinen Beleg braucht, weil er erklärt.
    {: .ohne-beleg }

    ```
    Code mit vielen Wörtern braucht nie einen Beleg, auch nicht hier.
    ```
    """
    sources = registry(REGISTRY_YAML + "- id: kreml\n  publisher: Kreml\n")
    result = render(text, sources, required=True)
    assert result.problems == []


@pytest.mark.parametrize("text", [
    "<b>Russland</b> zog seine Truppen aus den Stützpunkten im Norden ab.\n",
    "<span>Truppen</span> wurden auf der Straße zum Hafen von Tartus gesehen.\n",
    "*[Reuters](https://example.org)* meldete, der Konvoi sei am dritten Tag abgefahren.\n",
    "[Update]: Die Regierung sagte, das Abkommen werde nächstes Jahr geprüft.\n",
    "Ein Absatz mit genug Wörtern für die Prüfung und `{: .ohne-beleg }` darin.\n",
    "Ein Absatz mit genug Wörtern für die Prüfung und dem Zeichen {: .ohne-beleg }\n",
])
def test_required_flags_paragraphs_python_markdown_renders_as_paragraphs(text):
    result = render(text, required=True)
    assert [p.line for p in result.problems] == [1]
    assert MISSING in result.markdown


def test_required_spares_raw_html_blocks_comments_and_definitions():
    text = """\
    <div>
    Ein roher Block mit vielen Wörtern, die niemand prüft, weil er roh ist.
    </div>

    <!-- Ein Kommentar mit vielen Wörtern, die niemand liest, auch kein Leser. -->

    [ref]: https://example.org "Ein Titel mit vielen Wörtern für die Prüfung hier"
    *[HTS]: Haiat Tahrir asch-Scham, eine Gruppe mit einem sehr langen Namen
    """
    assert render(text, required=True).problems == []


CITED = "Russland zog mindestens vierhundert Soldaten aus der Region ab [@ft]."
COMMENT = "TODO: diese Zahl später noch einmal mit dem Bericht von Reuters prüfen."


@pytest.mark.parametrize("text", [
    f"{CITED}\n\n<!--\n{COMMENT}\n-->\n\n{CITED}\n",
    f"{CITED}\n\n<!-- Anfang\n{COMMENT}\nund noch mehr Wörter hier -->\n\n{CITED}\n",
    f"{CITED}\n<!--\n{COMMENT}\n-->\n{CITED}\n",
    f"<!--\n{COMMENT}\n-->\n{CITED}\n",
    f"<!-- {COMMENT} -->\n{CITED}\n",
    f"- {CITED}\n  <!--\n  {COMMENT}\n  -->\n- {CITED}\n",
    f"- {CITED}\n\n    <!--\n    {COMMENT}\n    -->\n",
    f"!!! note\n\n    {CITED}\n\n    <!--\n    {COMMENT}\n    -->\n",
    f"!!! note\n\n    {CITED}\n    <!-- {COMMENT} -->\n    Und das gehört zum Absatz oben, "
    f"wie Python-Markdown ihn liest.\n",
    f"> {CITED}\n> <!--\n> {COMMENT}\n> -->\n",
])
def test_required_never_flags_an_html_comment_however_it_is_laid_out(text):
    # A comment is no content, also one of many lines between two cited paragraphs.
    result = render(text, required=True)
    assert result.problems == []
    assert MISSING not in result.markdown


def test_required_flags_the_text_after_a_comment_on_its_last_line():
    # Python-Markdown: the comment is a block, the text after it on its line a paragraph.
    text = f"{CITED}\n<!-- Notiz\nmehr -->Dieser Absatz hat acht Wörter und keinen Beleg.\n"
    result = render(text, required=True)
    assert [p.line for p in result.problems] == [3]
    assert result.markdown.endswith(f"keinen Beleg.{MISSING}\n")


@pytest.mark.parametrize("text", [
    "- Der Bericht nennt mehrere Gründe für die Schließung der Linie:\n"
    "    - höhere Kosten für Treibstoff und Personal [@ft, S. 3]\n"
    "    - schlechtes Wetter im Winter [@ft, S. 4]\n",
    "Reuters nannte nach Angaben seiner Quellen drei Gründe für den Abzug:\n\n"
    "- die Lage an der Front [@ft]\n",
])
def test_required_spares_a_lead_in_whose_next_block_cites(text):
    result = render(text, required=True)
    assert result.problems == [] and MISSING not in result.markdown


def test_required_flags_a_lead_in_when_what_follows_cites_nothing():
    text = ("Reuters nannte nach Angaben seiner Quellen drei Gründe für den Abzug:\n\n"
            "- die Lage\n")
    assert [p.line for p in render(text, required=True).problems] == [1]


def test_required_flags_a_quote_without_citation_after_it():
    text = "> Ein Zitat mit genug Wörtern für die Prüfung, ohne Beleg darin.\n\nDanach.\n"
    result = render(text, required=True)
    assert [p.line for p in result.problems] == [1]


def test_not_required_means_no_markers():
    text = "Dieser Absatz hat acht Wörter und keinen einzigen Beleg.\n"
    assert render(text).markdown == text



def test_a_title_in_square_brackets_is_a_description_shown_without_quotes_or_lang():
    # The source's own headline is unknown: the editor describes it, in the site's language.
    sources = registry("""
        - id: tass
          container-title: TASS
          title: "[Meldung über die Ankunft einer Delegation]"
          URL: https://tass.example/a
          language: en
        - id: via
          title: Nach TASS
          via: tass
    """)
    assert references.format_reference(sources["tass"], sources, strings=DE) == (
        'TASS, <a href="https://tass.example/a" rel="noopener noreferrer">'
        '[Meldung über die Ankunft einer Delegation]</a>.')
    assert references.title_language(sources["tass"], DE) is None
    # Brackets inside a headline ("[Video] … [Update]") are the headline's own.
    assert not references.is_description("[Video] Truppen ziehen ab [Update]")


@pytest.mark.parametrize("line, where", [
    ("Link <https://example.org/?q=[@ft]> Ende.", "inside a link"),
    ('Text <a href="https://example.org">Link [@ft]</a> mehr.', "in an HTML link's text")])
def test_a_citation_in_an_autolink_or_an_html_links_text_stays_as_typed(line, where):
    # A footnote there would nest a link in a link.
    from explainer.citations.scan import scan
    result = scan(line + "\n")
    assert result.citations == []
    assert [p.message for p in result.problems] == [
        f"citation '[@ft]' {where} is left as text: no footnote can stand there; cite in the "
        f"text"]
    assert scan('Text <a href="x">Link</a> danach [@ft].\n').citations


def test_a_paragraph_that_opens_with_a_citation_and_a_colon_cites():
    # Not a link reference definition: its target would be one word without spaces.
    from explainer.citations.scan import scan
    assert len(scan("[@ft]: Russland hat alle Truppen abgezogen, meldet die Agentur.\n")
               .citations) == 1
    assert scan("[@ft]: https://example.org \"Titel\"\n").citations == []



@pytest.mark.parametrize("issued, message", [
    ("{literal: [a]}", "'literal' is a list: the date as text, such as 'Winter 2024'"),
    ("{literal: ''}", "'literal' is empty: the date as text, such as 'Winter 2024'"),
    ("{literal: x, date-parts: [[2024, 12, 1]]}", "give a literal date or date-parts, not both"),
    ("{date-parts: [[2024]], raw: 2023}", "give date-parts or raw, not both"),
    # What the site would leave out must not vanish: the date would read as exact.
    ("{date-parts: [[2024]], circa: true}", "'circa' is not shown on the site, and without it "
     "the date reads as exact: write the date as literal, such as 'um 2024' or 'circa 2024'"),
    ("{date-parts: [[2024]], season: 1}", "'season' is not shown on the site: write the date as "
     "literal, such as 'Frühjahr 2024' or 'spring 2024'"),
    ("{raw: 2024-12, literl: x}", "'literl' is no part of a date (did you mean 'literal'?) (a "
     "date has date-parts, raw or literal)")])
def test_a_literal_date_is_text_and_alone(issued, message):
    with pytest.raises(PluginError) as error:
        registry(f"- id: a\n  title: A\n  issued: {issued}\n")
    assert str(error.value) == f"sources.yml: entry 'a' (#1), field 'issued': {message}"



def test_a_closing_tag_in_a_comment_does_not_end_a_raw_html_block():
    from explainer.citations.scan import scan
    result = scan("<div><!-- </div> -->\nRoh [@ft] hier.\n</div>\n\nDanach [@ft].\n")
    assert len(result.citations) == 1
    assert [p.line for p in result.problems] == [2]



@pytest.mark.parametrize("author, message", [
    ("[{family: X, gven: Y}]", "'gven' of name 1 is no part of a name (did you mean 'given'?) "
                               "(parts: dropping-particle, family, given, literal, "
                               "non-dropping-particle, suffix)"),
    ("['']", "expected names (text, or family and given), but name 1 is empty")])
def test_a_names_typo_or_an_empty_name_stops_the_build(author, message):
    with pytest.raises(PluginError) as error:
        registry(f"- id: a\n  title: A\n  author: {author}\n")
    assert str(error.value) == f"sources.yml: entry 'a' (#1), field 'author': {message}"


def test_an_id_of_the_themes_own_kind_stops_the_build():
    with pytest.raises(PluginError) as error:
        registry("- id: __drawer\n  title: A\n")
    assert str(error.value).startswith(
        "sources.yml: entry '__drawer' (#1), field 'id': '__drawer' starts with '__', as the "
        "theme's own ids do (Material's __drawer, __search, …)")


@pytest.mark.parametrize("suffix, end", [
    ("*passim.*", "<em>passim.</em>"), ("wirklich?", "wirklich?"), ("so!", "so!"),
    ("*passim*", "<em>passim</em>.")])
def test_no_period_after_a_suffix_that_ends_a_sentence(suffix, end):
    sources = registry("- id: a\n  title: A\n")
    assert render(f"Satz [@a, {suffix}].\n", sources).notes["@a"] == f"„A“, {end}"


LINK_LEFT_OUT = ("the link in the citation of 'ft' is left out of its footnote (its text stays), "
                 "where no link is checked; put the link in the text")
IMAGE_LEFT_OUT = ("the image in the citation of 'ft' is left out of its footnote, description "
                  "and all, where no image is checked; put the image in the text")


@pytest.mark.parametrize("text, note, message", [
    ("[@ft, siehe [die Quellen](sources.md#ft)]", ", siehe die Quellen", LINK_LEFT_OUT),
    ("[@ft, [x](javascript:alert(1))]", ", x", LINK_LEFT_OUT),
    ("[vgl. <https://example.org> @ft]", "Vgl. https://example.org Financial", LINK_LEFT_OUT),
    # a reference link the page defines is a link (Pandoc reads it so); undefined, it is text
    ("[siehe [den Bericht][r] und @ft]", "Siehe den Bericht und Financial", LINK_LEFT_OUT),
    ("[@ft, siehe [r]]", ", siehe r; zitiert", LINK_LEFT_OUT),
    ("[@ft, siehe [R][]]", ", siehe R; zitiert", LINK_LEFT_OUT),
    ("[@ft, siehe [x]]", ", siehe [x]; zitiert", None),
    # an image goes with its description, and the space beside it
    ("[@ft, ![Bild *a*](https://evil.example/t.png)]", "2024; zitiert", IMAGE_LEFT_OUT),
    ("[![FT-Logo](x.png) siehe @ft]", "Siehe Financial", IMAGE_LEFT_OUT),
    ("[siehe ![Logo](x.png) dort @ft]", "Siehe dort Financial", IMAGE_LEFT_OUT),
    ("[siehe [Bericht](https://example.org) ![Logo](x.png) @ft]", "Siehe Bericht Financial",
     "the link and the image in the citation of 'ft' are left out of its footnote (the link's "
     "text stays, the image goes with its description), where neither is checked; put them in "
     "the text"),
])
def test_a_link_or_image_in_a_prefix_or_suffix_is_left_out_with_a_warning(text, note, message):
    result = render(f"Satz {text}.\n\n[r]: https://example.org/bericht\n")
    html = result.notes["@ft"]
    assert note in html and "href=\"sources.md" not in html and "javascript" not in html
    assert "<img" not in html and "evil" not in html and "Logo" not in html and "Bild" not in html
    assert [(p.line, p.message) for p in result.problems] == (
        [(1, f"'{text}': {message}")] if message else [])


@pytest.mark.parametrize("text, fixed", [
    ("[@ft, S. 5 [^n]]", "[@ft, S. 5][^n]"),
    ("[vgl. [^n] @ft]", "[vgl. @ft][^n]"),
    ("[@ft, [^n] und dort]", "[@ft, und dort][^n]")])
def test_a_footnote_reference_in_a_citation_is_a_warning_naming_the_fix(text, fixed):
    # In the note it would stay text, and the note it names would lose its reference.
    result = render(f"Satz {text}.\n\n[^n]: Eine Anmerkung.\n")
    assert [(p.line, p.message) for p in result.problems] == [
        (1, f"'{text}': the footnote reference '[^n]' stays text in the note of 'ft' (a note "
            f"holds no other); put it after the citation: {fixed}")]
    assert not render("Satz [@ft, S. 5 \\[^n]].\n").problems       # escaped: text on purpose


@pytest.mark.parametrize("text", [
    "Satz [@ft].\n\n///Footnotes Go Here///\n\nNach den Noten.\n",
    "Satz [@ft].\n\n> Zitat\n\n*Betont* ///Footnotes Go Here///\n\nNach den Noten.\n",
])
def test_the_notes_go_where_the_extensions_place_marker_stands(text):
    html = to_html(render(text))
    assert html.index('<div class="footnote"') < html.index("Nach den Noten.")
    assert "///Footnotes Go Here///" not in html
    assert to_html(render("Satz [@ft].\n\nNach den Noten.\n")).index("Nach den Noten.") \
        < to_html(render("Satz [@ft].\n\nNach den Noten.\n")).index('<div class="footnote"')
